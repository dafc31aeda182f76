"""Incremental builds: the extraction cache, parallel extraction, the skipped no-change build and the
dirty one-article rebuild, which must equal a full build byte for byte and never write through the live site."""
import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from arshif import rules
from arshif.build.cache import ExtractCache, fingerprint
from arshif.build.pipeline import configure_rules, process_all, process_file
from arshif.tools.synth import generate

from sitebuild import copy_project, run_arshif

SEED = "000_e0a6176e52ffac07.txt"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_cache_hits_unchanged_files_and_misses_changed_ones(tmp_path):
    src = Path(__file__).resolve().parents[2] / "source_articles"
    configure_rules(src)
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    path = tmp_path / SEED
    shutil.copy(src / SEED, path)
    _, first, _ = process_file(path, None, cache)
    assert (cache.hits, cache.misses) == (0, 1)
    _, again, _ = process_file(path, None, cache)
    assert cache.hits == 1 and again == first
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\nوأضاف أن الاجتماع المقبل سيعقد الشهر القادم.\n")
    _, changed, _ = process_file(path, None, cache)
    assert cache.misses == 2 and changed.body != first.body
    # An override is part of the key too.
    _, overridden, _ = process_file(path, {"outlet": "كونا", "_origin": "x.meta.yaml"}, cache)
    assert cache.misses == 3 and overridden.outlet.value == "كونا"


def test_a_changed_rules_file_changes_the_fingerprint(tmp_path):
    extra = tmp_path / "rules"
    extra.mkdir()
    before = fingerprint([extra])
    (extra / "chrome.yaml").write_text("groups:\n  local:\n    - id: local-x\n      pattern: '^x$'\n", encoding="utf-8")
    after = fingerprint([extra])
    assert before != after
    (extra / "chrome.yaml").write_text("groups:\n  local:\n    - id: local-x\n      pattern: '^y$'\n", encoding="utf-8")
    assert fingerprint([extra]) not in (before, after)
    rules.set_extra_dirs([])


def test_parallel_extraction_equals_serial(tmp_path):
    folder = tmp_path / "src"
    generate(folder, 80, seed=3, fallback=Path(__file__).resolve().parents[2] / "source_articles", corpus=None)
    configure_rules(folder)
    files = sorted(folder.glob("*.txt"))
    serial = process_all(files, {}, None, jobs=1)
    parallel = process_all(files, {}, None, jobs=2)
    assert [(a, i) for _, a, i in serial] == [(a, i) for _, a, i in parallel]
    assert sum(1 for _, a, _ in serial if a is not None) >= 80


def test_pages_built_on_two_cores_equal_a_serial_build(tmp_path):
    from arshif.build.pipeline import build_pages, collect_analysed

    folder = tmp_path / "src"
    generate(folder, 80, seed=5, fallback=Path(__file__).resolve().parents[2] / "source_articles", corpus=None)
    configure_rules(folder)
    done, issues, analyses = collect_analysed(sorted(folder.glob("*.txt")), jobs=1)
    assert len(done) >= 64  # enough for the pool
    serial = build_pages(done, list(issues), analyses, jobs=1)
    parallel = build_pages(done, list(issues), analyses, jobs=2)
    assert [(p.path, p.content) for p in parallel] == [(p.path, p.content) for p in serial]


def test_preprocess_on_two_cores_reports_and_writes_what_one_core_does(tmp_path):
    """The near-duplicate check runs beside relate on two cores: same issues, in the same order, same docs/."""
    from arshif.build.pipeline import preprocess

    folder = tmp_path / "src"
    generate(folder, 80, seed=7, fallback=Path(__file__).resolve().parents[2] / "source_articles", corpus=None)
    copied = sorted(folder.glob("*.txt"))[10]
    (folder / "zz-copy.txt").write_text("قائمة الموقع الرئيسية\n" + copied.read_text(encoding="utf-8"), encoding="utf-8")
    runs = {}
    for jobs in (1, 2):
        docs = tmp_path / f"docs{jobs}"
        result = preprocess(folder, docs, jobs=jobs, use_cache=False, config_file=tmp_path / "none.yml")
        runs[jobs] = ([(i.file, i.code, i.message) for i in result.issues],
                      {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
                       if p.is_file() and ".arshif" not in p.parts})
    assert result.count >= 64  # enough for the forked processes
    assert any(code == "near-duplicate" and file.endswith("zz-copy.txt") for file, code, _ in runs[2][0])
    assert runs[2] == runs[1]


@pytest.mark.slow
def test_no_change_skips_and_one_change_rebuild_equals_a_full_build(tmp_path):
    inc = copy_project(tmp_path / "inc")
    first = run_arshif(["build"], cwd=inc)
    assert first.returncode == 0, first.stderr
    _is_a_linked_copy(inc / ".site.arshif-base", inc / "site")  # made for the next incremental build

    again = run_arshif(["build"], cwd=inc)
    assert again.returncode == 0 and "up to date" in again.stderr

    page = inc / "site" / "articles" / "000_e0a6176e52ffac07.html"
    kept = tmp_path / "kept.html"
    os.link(page, kept)  # a second name for the live file: a write through the staging copy would show here
    old = kept.read_bytes()
    with open(inc / "source_articles" / SEED, "a", encoding="utf-8") as fh:
        fh.write("\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n")
    changed = run_arshif(["build"], cwd=inc)
    assert changed.returncode == 0, changed.stderr
    assert "incremental site build" in changed.stderr
    assert kept.read_bytes() == old
    assert page.read_bytes() != old

    full = copy_project(tmp_path / "full")
    shutil.copy(inc / "source_articles" / SEED, full / "source_articles" / SEED)
    assert run_arshif(["build"], cwd=full).returncode == 0
    assert _tree(inc / "site") == _tree(full / "site")


def _same_as_a_full_build(tmp_path, inc: Path, name: str) -> None:
    """A fresh project with inc's sources, built in full, gives inc's site byte for byte."""
    full = copy_project(tmp_path / name)
    shutil.rmtree(full / "source_articles")
    shutil.copytree(inc / "source_articles", full / "source_articles")
    assert run_arshif(["build"], cwd=full).returncode == 0
    assert _tree(inc / "site") == _tree(full / "site")


@pytest.mark.slow
def test_an_added_and_a_removed_article_rebuild_incrementally_as_a_full_build(tmp_path):
    inc = copy_project(tmp_path / "inc")
    assert run_arshif(["build"], cwd=inc).returncode == 0
    # Added: a new source (another outlet's copy of a seed, reworded so it is no duplicate).
    text = (inc / "source_articles" / SEED).read_text(encoding="utf-8")
    (inc / "source_articles" / "900_added.txt").write_text(
        text.replace("الكويت", "الكويت العاصمة", 3) + "\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n", encoding="utf-8")
    added = run_arshif(["build"], cwd=inc)
    assert added.returncode == 0, added.stderr
    assert "incremental site build" in added.stderr
    assert (inc / "site" / "articles" / "900_added.html").is_file()
    assert (inc / ".site.arshif-base").is_dir()  # the copy the next incremental build starts from
    _same_as_a_full_build(tmp_path, inc, "full-added")
    # Removed: a seed goes; its page and original go with it, without a full build.
    (inc / "source_articles" / SEED).unlink()
    removed = run_arshif(["build"], cwd=inc)
    assert removed.returncode == 0, removed.stderr
    assert "incremental site build" in removed.stderr
    assert not (inc / "site" / "articles" / "000_e0a6176e52ffac07.html").exists()
    _same_as_a_full_build(tmp_path, inc, "full-removed")
    # A full build says why, as before, and keeps a new copy: every file of the old one would be stale.
    forced = run_arshif(["build", "--force"], cwd=inc)
    assert forced.returncode == 0, forced.stderr
    assert "full site build: --force" in forced.stderr
    _is_a_linked_copy(inc / ".site.arshif-base", inc / "site")  # a new copy, of the new files


def _is_a_linked_copy(copy: Path, site: Path) -> None:
    """`copy` holds every file of `site`, each the same file (a hard link), and nothing else."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert all((copy / f).stat().st_ino == (site / f).stat().st_ino for f in files)


def test_workers_analyses_give_the_same_archive_as_relate_alone(tmp_path):
    from arshif.build.pipeline import build_pages, collect_analysed
    from arshif.relate.archive import Analysis

    src = Path(__file__).resolve().parents[2] / "source_articles"
    configure_rules(src)
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    sources = sorted(src.glob("*.txt"))
    done, issues, analyses = collect_analysed(sources, cache=cache, jobs=1)
    assert set(analyses) == {a.id for _, a in done} and all(isinstance(x, Analysis) for x in analyses.values())
    with_cache = build_pages(done, list(issues), analyses)
    alone = build_pages(done, list(issues))
    assert [(p.path, p.content) for p in with_cache] == [(p.path, p.content) for p in alone]
    # The shingles the workers computed give the near-duplicate check's answer (a near copy included).
    from arshif.ingest.duplicates import find_near_duplicates

    bodies = [a.body for _, a in done] + [(*done[0][1].body, "وأضاف المتحدث أن الاجتماع المقبل سيعقد الشهر القادم.")]
    # relate gets the analyses without their shingles (half a gigabyte at 10,000 articles); the cache keeps them.
    assert all(x.shingles == b"" for x in analyses.values())
    from arshif.build import snapshot

    kept = snapshot.load_shingles(cache)  # the run's snapshot keeps them, by each entry's cache key
    known = [kept.get(cache.key(raw.sha256, raw.name, None)) for raw, _ in done] + [None]
    assert all(known[:-1])
    assert find_near_duplicates(bodies, known) == find_near_duplicates(bodies) != []
    # The workers read each article's search words too (for this run's search index), and the cache keeps none.
    from arshif.site.search_docs import read_words
    from arshif.site.search_index import encode_text

    by_id = {a.id: a for _, a in done}
    assert all(x.search == read_words(by_id[k], encode_text) for k, x in analyses.items())
    # The analysis is cached beside the Article: a second run reads it back instead of matching again.
    before = cache.hits
    again = collect_analysed(sources, cache=cache, jobs=1)[2]
    assert all(x.search is None for x in again.values())
    assert again == {k: dataclasses.replace(x, search=None) for k, x in analyses.items()}
    assert cache.hits - before == len(sources)


def test_an_unchanged_run_is_skipped_and_a_removed_page_is_regenerated(tmp_path):
    from arshif.build.pipeline import preprocess

    src = tmp_path / "source_articles"
    shutil.copytree(Path(__file__).resolve().parents[2] / "source_articles", src)
    docs = tmp_path / "docs"
    first = preprocess(src, docs, jobs=1)
    assert first.count == 5 and first.written > 0
    again = preprocess(src, docs, jobs=1)
    assert again.count == 5 and again.written == 0 and again.articles == []  # skipped before extraction
    (docs / "articles" / "000_e0a6176e52ffac07.md").unlink()
    healed = preprocess(src, docs, jobs=1)
    assert healed.written == 1 and (docs / "articles" / "000_e0a6176e52ffac07.md").is_file()
    with open(src / SEED, "a", encoding="utf-8") as fh:
        fh.write("\nوأضاف أن الاجتماع المقبل سيعقد الشهر القادم.\n")
    changed = preprocess(src, docs, jobs=1)
    assert changed.written >= 1 and len(changed.articles) == 5


def test_a_new_site_url_in_mkdocs_yml_is_a_change(tmp_path):
    """The feeds and citations carry site_url: a run after mkdocs.yml changed is not skipped as unchanged."""
    from arshif.build.pipeline import preprocess

    src = tmp_path / "source_articles"
    shutil.copytree(Path(__file__).resolve().parents[2] / "source_articles", src)
    docs = tmp_path / "docs"
    (tmp_path / "mkdocs.yml").write_text("site_name: أرشيف\nsite_url: https://archive.one.sa/\n", encoding="utf-8")
    preprocess(src, docs, jobs=1)
    assert b"https://archive.one.sa/" in (docs / "feed.xml").read_bytes()
    (tmp_path / "mkdocs.yml").write_text("site_name: أرشيف\nsite_url: https://archive.two.sa/\n", encoding="utf-8")
    moved = preprocess(src, docs, jobs=1)
    assert moved.written >= 1
    assert b"https://archive.two.sa/" in (docs / "feed.xml").read_bytes()


def test_the_code_fingerprint_covers_every_stage_package(tmp_path, monkeypatch):
    from arshif.build import cache

    copy = tmp_path / "arshif"
    shutil.copytree(cache._PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", copy)
    before = fingerprint([])
    for stage in ("ingest", "recognise", "extract", "relate", "site", "text"):
        module = sorted((copy / stage).glob("*.py"))[-1]
        module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        after = fingerprint([])
        assert after != before, f"a change in {stage}/ does not change the code fingerprint"
        before = after


def test_the_search_memo_is_kept_and_an_edited_archive_gets_the_index_of_a_full_build(tmp_path):
    from arshif.build.pipeline import SEARCH_MEMO, preprocess

    folder = tmp_path / "project" / "source_articles"
    generate(folder, 70, seed=9, fallback=Path(__file__).resolve().parents[2] / "source_articles", corpus=None)
    docs = tmp_path / "project" / "docs"
    preprocess(folder, docs, jobs=2)
    cache = ExtractCache(tmp_path / "project" / ".arshif-cache", fingerprint())
    kept = cache.get_named(SEARCH_MEMO)
    assert kept and len(kept["records"]) >= 64
    first = sorted(folder.glob("*.txt"))[0]
    with open(first, "a", encoding="utf-8") as fh:
        fh.write("\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n")
    preprocess(folder, docs, jobs=2)
    assert len(cache.get_named(SEARCH_MEMO)["records"]) == len(kept["records"])
    full = tmp_path / "full-docs"
    preprocess(folder, full, jobs=2, use_cache=False)
    assert _tree(docs / "search") == _tree(full / "search")


def test_link_copy_links_every_file_but_the_skipped_and_arshif_s_own(tmp_path):
    from arshif.build import incremental
    from arshif.build.site_swap import staging_dir

    site = tmp_path / "site"
    names = [f"articles/{n:05d}.html" for n in range(incremental._LINK_BATCH * 2 + 7)]  # one folder, three batches
    names += ["index.html", "assets/css/a.css", "assets/js/b.js", "search/s-1.json", "empty.txt"]
    for name in names:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("" if name == "empty.txt" else name, encoding="utf-8")
    (site / "empty-folder").mkdir()
    leftover = staging_dir(site).with_name(staging_dir(site).name + "9")  # another build's staging folder, inside
    (site / leftover.name).mkdir()
    (site / leftover.name / "x.html").write_text("x", encoding="utf-8")
    skipped = {"articles/00003.html", "assets/js/b.js"}
    target = tmp_path / "copy"
    assert incremental.link_copy(site, target, skip=skipped) == len(names) - len(skipped)
    made = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert made == sorted(set(names) - skipped)
    assert all((target / n).stat().st_ino == (site / n).stat().st_ino for n in made)
    assert (target / "empty-folder").is_dir() and not (target / leftover.name).exists()


def test_replace_dir_keeps_the_previous_copy_where_asked(tmp_path, monkeypatch):
    from arshif.build import site_swap

    for exchange in (True, False):
        if not exchange:
            monkeypatch.setattr(site_swap, "_exchange", lambda a, b: False)
        site = tmp_path / f"site{exchange}"
        site.mkdir()
        (site / "index.html").write_text("old", encoding="utf-8")
        base = site_swap.base_dir(site, tmp_path)
        base.mkdir()
        (base / "older.html").write_text("the copy before", encoding="utf-8")  # a base from an earlier build
        new = site_swap.staging_dir(site)
        new.mkdir()
        (new / "index.html").write_text("new", encoding="utf-8")
        site_swap.replace_dir(new, site, keep=base)
        assert (site / "index.html").read_text(encoding="utf-8") == "new" and not new.exists()
        assert sorted(p.name for p in base.iterdir()) == ["index.html"]
        assert (base / "index.html").read_text(encoding="utf-8") == "old"
        assert site_swap.site_entries(tmp_path) == sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site"))
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "siteTrue")
    assert site_swap.base_dir(link, tmp_path) is None  # a site kept in place keeps no copy: it would be published
    project = tmp_path / "project"
    project.mkdir()
    assert site_swap.base_dir(tmp_path / "siteTrue", project) is None  # nor one outside the project (a web root)
    assert site_swap.base_dir(project / "out" / "site", project) == project / "out" / ".site.arshif-base"


def test_no_dirty_build_without_the_hook_that_makes_it_safe(tmp_path):
    from arshif.build import incremental

    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "incremental.py").write_text("", encoding="utf-8")
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    now = incremental.Inputs("s", {}, {"static": "s", "files": {}})
    config = tmp_path / "mkdocs.yml"
    for text, dirty in [("hooks:\n  - hooks/incremental.py\n", True),
                        ("hooks:\n  - hooks/other.py\n", False),
                        ("site_name: x\n", False),
                        ("hooks: !ENV X\n", False),
                        ("INHERIT: base.yml\n", True),  # the parent's hooks, when the config names none
                        ("INHERIT: base.yml\nhooks: []\n", False)]:
        (tmp_path / "base.yml").write_text("hooks:\n  - hooks/incremental.py\n", encoding="utf-8")
        config.write_text(text, encoding="utf-8")
        possible, why = incremental.dirty_build_possible(config, docs, site, now)
        assert possible is dirty, text
        assert dirty or "hooks/incremental.py" in why
    (tmp_path / "hooks" / "incremental.py").unlink()
    config.write_text("hooks:\n  - hooks/incremental.py\n", encoding="utf-8")
    assert incremental.dirty_build_possible(config, docs, site, now)[0] is False  # listed, but not there


def test_the_site_check_takes_what_preprocess_saw_and_stats_the_rest(tmp_path):
    """inputs_now with preprocess's RunResult.docs_seen: the same hashes as looking at every file, and a docs file
    preprocess did not look at (one an editor added) is still found and hashed."""
    from arshif.build import incremental
    from arshif.build.pipeline import preprocess

    src = tmp_path / "source_articles"
    generate(src, 3, seed=5)
    docs = tmp_path / "docs"
    result = preprocess(src, docs, jobs=1)
    assert set(result.docs_seen) == set(incremental.docs_paths(docs))  # every page it wrote
    (docs / "extra.md").write_text("# بيد محرر\n", encoding="utf-8")
    config, site = tmp_path / "mkdocs.yml", tmp_path / "site"
    with_seen = incremental.docs_hashes(docs, None, result.docs_seen)
    assert with_seen == incremental.docs_hashes(docs)
    assert "extra.md" in with_seen and "extra.md" not in result.docs_seen
    assert incremental.inputs_now(config, docs, site, result.docs_seen).hashes == incremental.inputs_now(config, docs, site).hashes
    taken = dict(result.docs_seen, **{"index.md": ["as preprocess saw it", 0, 0, 0, 0]})
    assert incremental.docs_hashes(docs, None, taken)["index.md"][0] == "as preprocess saw it"  # not stat'ed again


def test_an_unchanged_run_hands_its_stats_to_the_site_check(tmp_path, monkeypatch):
    """A second preprocess of the same sources finds the run unchanged and keeps the stat of every generated
    file (RunResult.docs_stats): the site check trusts the recorded hashes those stats match without a stat of
    its own, and still stats a file whose stat differs (edited since) and a file the run did not check."""
    from arshif.build import file_digests, incremental
    from arshif.build.pipeline import preprocess

    src, docs = tmp_path / "source_articles", tmp_path / "docs"
    generate(src, 3, seed=6)
    preprocess(src, docs, jobs=1)
    again = preprocess(src, docs, jobs=1)
    assert again.written == 0 and again.docs_stats
    assert set(again.docs_stats) <= set(incremental.docs_paths(docs))
    config, site = tmp_path / "mkdocs.yml", tmp_path / "site"
    looked = []
    real_stat = os.stat
    monkeypatch.setattr(file_digests.os, "stat", lambda path, *a, **k: looked.append(os.fspath(path)) or real_stat(path, *a, **k))
    trusted = incremental.inputs_now(config, docs, site, None, again.docs_stats).hashes
    assert not [p for p in looked if os.path.relpath(p, docs).replace(os.sep, "/") in again.docs_stats]
    monkeypatch.setattr(file_digests.os, "stat", real_stat)
    assert trusted == incremental.inputs_now(config, docs, site).hashes  # the same as looking at every file
    # A page edited just before the check (its stat then is not the recorded one), and one an editor added.
    page = next(p for p in again.docs_stats if p.endswith(".md"))
    (docs / page).write_text("تعديل يدوي\n", encoding="utf-8")
    (docs / "extra.md").write_text("# بيد محرر\n", encoding="utf-8")
    stats = dict(again.docs_stats)
    st = os.stat(docs / page)
    stats[page] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    changed = incremental.inputs_now(config, docs, site, None, stats).hashes
    assert changed == incremental.inputs_now(config, docs, site).hashes
    assert "extra.md" in changed and changed[page][0] != trusted[page][0]
