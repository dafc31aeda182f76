"""build: the run, and the only code that writes.

pipeline runs read -> clean -> extract in workers, then the barrier, relate and render; cache keeps extraction
results by content; incremental decides what a build must redo; runs keeps the last run's state; write puts
pages into docs/ atomically, under a lock, never over an editor's work.
"""
