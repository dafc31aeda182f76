"""arshif bench: --repeat reports the site build, the plain build and the one-article builds as the median of their
runs; the package's bytecode is written first."""
from arshif.cli import build_parser
from arshif.tools.bench import median as _median  # the stdlib's, as the bench uses it


def test_the_median_of_odd_and_even_runs():
    assert _median([3.0]) == 3.0
    assert _median([5.0, 1.0, 3.0]) == 3.0
    assert _median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_bench_takes_a_number_of_repeats():
    assert build_parser().parse_args(["bench", "--real", "--repeat", "3"]).repeat == 3
    assert build_parser().parse_args(["bench"]).repeat == 1


def test_the_bench_writes_arshifs_bytecode_before_it_times_anything():
    import importlib.util
    from pathlib import Path

    import arshif.ids
    from arshif.tools import bench

    source = Path(arshif.ids.__file__)
    compiled = Path(importlib.util.cache_from_source(str(source)))
    compiled.unlink(missing_ok=True)  # as an editable install with PYTHONDONTWRITEBYTECODE leaves it
    bench._bytecode()
    assert compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime


def test_the_one_article_builds_are_timed_repeat_times_and_their_medians_reported(tmp_path):
    """A small real bench with --repeat 2: two further edits, two additions and two removals, each a build of its own,
    reported one by one and as their median; the kept scratch project shows they were made."""
    from pathlib import Path

    from arshif.tools import bench

    found = bench.run(30, Path(__file__).resolve().parents[2], real=True, repeat=2, keep=tmp_path)
    for runs, middle in (("edits_again_s", "edit_again_s"), ("adds_s", "add_s"), ("removes_s", "remove_s")):
        assert len(found[runs]) == 2 and all(x > 0 for x in found[runs])
        assert abs(found[middle] - _median(found[runs])) <= 0.011  # both rounded to 0.01 s
    (work,) = tmp_path.iterdir()
    sources = work / "source_articles"
    assert sorted(p.name for p in sources.glob("zz-added-*.txt")) == ["zz-added-0.txt", "zz-added-1.txt"]
    assert len(list(sources.glob("0*.txt"))) == 30 - 2
    assert (work / "site" / "articles" / "zz-added-1.html").is_file()
