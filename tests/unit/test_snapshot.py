"""The last run's snapshot (build/snapshot.py): sources whose bytes, name, override and template lines it holds come
from it, not from the workers, with the same result; anything else goes through the workers; a snapshot of other
code, or a damaged one, is ignored."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from hypothesis import given, strategies as st

from arshif.build import pipeline, snapshot
from arshif.build.cache import ExtractCache, fingerprint
from arshif.build.pipeline import collect_archive, configure_rules
from arshif.ingest import templates as tpl
from arshif.tools.synth import generate

SEEDS = Path(__file__).resolve().parents[2] / "source_articles"
MENU = ["الرئيسية", "محليات", "اقتصاد", "رياضة", "اتصل بنا", "جميع الحقوق محفوظة."]
LINES = MENU + ["", "  ", "قال الوزير إن المشروع سينتهي قريبا.", "قال الوزير إن المشروع سينتهي قريبا.", "- رياضة -",
                "«اقتصاد»", "ب" * 350, "ت" * 700, "الأكثر قراءة", "شارك"]


@given(st.lists(st.lists(st.sampled_from(LINES), max_size=20), min_size=1, max_size=8), st.lists(st.sampled_from(LINES), max_size=30))
def test_the_template_key_of_a_files_prints_is_the_key_of_its_text(archive, lines):
    texts = ["\n".join(MENU + page) for page in archive] * 3  # every menu line is in three files at least
    templates = tpl.learn(tpl.prints(t) for t in texts)
    for text in [*texts, "\n".join(lines), "\n".join(MENU[:3] + lines)]:
        assert templates.in_prints(tpl.prints(text)) == templates.in_file(text)
        assert templates.key_of_prints(tpl.prints(text)) == templates.key(text)


def _archive(folder: Path) -> list[Path]:
    generate(folder, 24, seed=5, fallback=SEEDS, corpus=None, bad_files=False)
    first = sorted(folder.glob("*.txt"))[0]
    # A near copy of the first article: the near-duplicate check needs its shingles.
    (folder / "zz-copy.txt").write_text(first.read_text(encoding="utf-8") + "\nشارك\n", encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def _entries_only(cache_dir: Path) -> None:
    """Leave the snapshot's files and take the per-entry cache away: what is still a hit came from the snapshot."""
    for sub in cache_dir.iterdir():
        if sub.is_dir():
            shutil.rmtree(sub)


def _collect(sources, cache, monkeypatch=None, seen=None):
    if monkeypatch is not None:
        real = pipeline.near_duplicate_issues

        def spy(done, known, memo=None):
            seen.append(list(known))
            return real(done, known, memo)

        monkeypatch.setattr(pipeline, "near_duplicate_issues", spy)
    done, issues, analyses, _ = collect_archive(sources, cache=cache, jobs=1)
    # Analysis.search is this run's alone (what a worker read, for the search index): no cache keeps it.
    analyses = {k: dataclasses.replace(a, search=None) for k, a in analyses.items()}
    return [a for _, a in done], [(i.file, i.code, i.message) for i in issues], analyses


def test_a_run_served_by_the_snapshot_gives_what_the_workers_give(tmp_path, monkeypatch):
    sources = _archive(tmp_path / "src")
    configure_rules(tmp_path / "src")
    plain = _collect(sources, None)
    assert any(code == "near-duplicate" for _, code, _ in plain[1])
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    assert _collect(sources, cache) == plain
    assert (tmp_path / "cache" / f"{snapshot.ENTRIES}.pickle").is_file()
    _entries_only(tmp_path / "cache")
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    seen: list = []
    assert _collect(sources, cache, monkeypatch, seen) == plain
    assert (cache.hits, cache.misses) == (len(sources), 0)
    # The shingles came from the snapshot's second file: none was left to be found again from the text.
    assert seen and all(isinstance(k, bytes) and k for k in seen[-1])


def test_the_near_duplicate_pairs_are_kept_and_believed_by_the_next_run(tmp_path):
    """The check keeps the shingles each pair it compared shares (pipeline.NEAR_PAIRS): the next run gives the same
    issues from it, and it is what that run uses (a memo saying two bodies share nothing is believed)."""
    sources = _archive(tmp_path / "src")
    configure_rules(tmp_path / "src")
    plain = _collect(sources, None)
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    assert _collect(sources, cache) == plain
    pairs = cache.get_named(pipeline.NEAR_PAIRS)
    assert isinstance(pairs, dict) and pairs and all(isinstance(n, int) for n in pairs.values())
    assert _collect(sources, ExtractCache(tmp_path / "cache", fingerprint())) == plain
    cache.put_named(pipeline.NEAR_PAIRS, dict.fromkeys(pairs, 0))
    issues = _collect(sources, ExtractCache(tmp_path / "cache", fingerprint()))[1]
    copy = [message for file, code, message in plain[1] if code == "near-duplicate" and file.endswith("zz-copy.txt")]
    assert copy and copy[0].startswith("nearly the same text as 000000.txt")
    # The pairs said to share nothing are passed over: the copy is now named after the next article it repeats.
    assert copy[0] not in [message for _, _, message in issues]


def test_what_changed_goes_through_the_workers(tmp_path):
    sources = _archive(tmp_path / "src")
    configure_rules(tmp_path / "src")
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    _collect(sources, cache)
    _entries_only(tmp_path / "cache")
    with open(sources[3], "a", encoding="utf-8") as fh:
        fh.write("\nوأضاف أن الاجتماع المقبل سيعقد الشهر القادم.\n")
    sources[5].rename(tmp_path / "src" / "renamed.txt")  # same bytes, another name: another id
    sources = sorted((tmp_path / "src").glob("*.txt"))
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    again = _collect(sources, cache)
    assert (cache.hits, cache.misses) == (len(sources) - 2, 2)
    assert again == _collect(sources, None)
    assert any(a.id == "renamed" for a in again[0])


def test_a_snapshot_of_other_code_or_a_damaged_one_is_not_used(tmp_path):
    sources = _archive(tmp_path / "src")
    configure_rules(tmp_path / "src")
    _collect(sources, ExtractCache(tmp_path / "cache", fingerprint()))
    assert snapshot.load(ExtractCache(tmp_path / "cache", fingerprint())).entries
    assert snapshot.load(ExtractCache(tmp_path / "cache", "other code")) == snapshot.Loaded()
    _entries_only(tmp_path / "cache")
    (tmp_path / "cache" / f"{snapshot.ENTRIES}.pickle").write_bytes(b"\x80\x05not a pickle")
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    assert _collect(sources, cache) == _collect(sources, None)
    assert (cache.hits, cache.misses) == (0, len(sources))


def test_the_forked_check_keeps_the_snapshot(tmp_path):
    folder = tmp_path / "src"
    generate(folder, 70, seed=2, fallback=SEEDS, corpus=None, bad_files=False)
    sources = sorted(folder.glob("*.txt"))
    configure_rules(folder)
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    done, _, _, _ = collect_archive(sources, cache=cache, jobs=2)
    kept = snapshot.load(ExtractCache(tmp_path / "cache", fingerprint()))
    assert sorted(a.id for a, _ in kept.entries.values()) == sorted(a.id for _, a in done)
    assert len(snapshot.load_shingles(cache)) == len(done)


def test_a_few_new_entries_go_to_the_delta_and_many_rewrite_the_snapshot(tmp_path, monkeypatch):
    sources = _archive(tmp_path / "src")
    configure_rules(tmp_path / "src")
    cache_dir = tmp_path / "cache"
    base, delta = cache_dir / f"{snapshot.ENTRIES}.pickle", cache_dir / f"{snapshot.DELTA}.pickle"
    _collect(sources, ExtractCache(cache_dir, fingerprint()))
    first = base.read_bytes()
    monkeypatch.setattr(snapshot, "DELTA_SHARE", 0.1)  # 2 of the 25 entries may be new
    for n, path in enumerate(sources[:2]):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\nوأضاف أن الاجتماع {n} سيعقد الشهر القادم.\n")
        _collect(sources, ExtractCache(cache_dir, fingerprint()))
        assert base.read_bytes() == first and delta.is_file()
    assert len(snapshot.load(ExtractCache(cache_dir, fingerprint())).delta.entries) == 2
    # Served from the snapshot and its delta alone, the same as the workers give.
    _entries_only(cache_dir)
    cache = ExtractCache(cache_dir, fingerprint())
    seen: list = []
    assert _collect(sources, cache, monkeypatch, seen) == _collect(sources, None)
    assert (cache.hits, cache.misses) == (len(sources), 0) and all(seen[-1])
    # A third new entry would make the delta too large: the snapshot is written again, with this run's entries alone.
    with open(sources[2], "a", encoding="utf-8") as fh:
        fh.write("\nوأضاف أن الاجتماع المقبل سيعقد الشهر القادم.\n")
    _collect(sources, ExtractCache(cache_dir, fingerprint()))
    assert base.read_bytes() != first and not delta.exists()
    kept = snapshot.load(ExtractCache(cache_dir, fingerprint()))
    assert len(kept.entries) == len(sources) and not kept.delta.entries


def test_a_run_keeps_its_work_in_the_snapshot_alone_and_a_page_without_text_is_not_extracted_again(tmp_path, monkeypatch):
    """What the workers make goes to the snapshot (one file), not to a file a source in the per-entry cache; a source
    in which no article text is found is kept there too, so the next run gives its issue without extracting it."""
    sources = _archive(tmp_path / "src")
    (tmp_path / "src" / "zz-title.txt").write_text("عنوان وحده بلا نص\n", encoding="utf-8")  # a headline alone
    sources = sorted((tmp_path / "src").glob("*.txt"))
    configure_rules(tmp_path / "src")
    plain = _collect(sources, None)
    assert ("%s" % sources[-1], "no-body") in [(file, code) for file, code, _ in plain[1]]
    cache_dir = tmp_path / "cache"
    assert _collect(sources, ExtractCache(cache_dir, fingerprint())) == plain
    assert [p.name for p in cache_dir.iterdir() if p.is_dir()] == []  # no per-entry file was written
    assert snapshot.NO_BODY in snapshot.load(ExtractCache(cache_dir, fingerprint())).entries.values()
    made: list = []
    real = pipeline.process_all
    monkeypatch.setattr(pipeline, "process_all", lambda todo, *a, **k: made.extend(todo) or real(todo, *a, **k))
    cache = ExtractCache(cache_dir, fingerprint())
    assert _collect(sources, cache) == plain
    assert made == [] and (cache.hits, cache.misses) == (len(sources), 0)
