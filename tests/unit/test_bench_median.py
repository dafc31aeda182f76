"""arshif bench: --repeat reports the site build and the plain build as the median of their runs; the package's bytecode is written first."""
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
