"""ingest: bytes on disk -> a cleaned article.

read decodes a source file into a RawArticle (or refuses it with a reason); clean gives every line a role
(title, date, byline, outlet, chrome, body) and records every removal, chrome holding the chrome rules it
applies; overrides reads an editor's corrections; duplicates finds the same article saved twice. The only
stage besides build that reads the disk.
"""
