"""arshif bench --repeat: the site build and the plain build are each reported as the median of their runs."""
from arshif.cli import build_parser
from arshif.tools.bench import median as _median  # the stdlib's, as the bench uses it


def test_the_median_of_odd_and_even_runs():
    assert _median([3.0]) == 3.0
    assert _median([5.0, 1.0, 3.0]) == 3.0
    assert _median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_bench_takes_a_number_of_repeats():
    assert build_parser().parse_args(["bench", "--real", "--repeat", "3"]).repeat == 3
    assert build_parser().parse_args(["bench"]).repeat == 1
