"""Hostile rules (issue 19): a pattern that backtracks for ever or counts to 2**32 is refused when loaded."""
from __future__ import annotations

import pytest

from arshif import rules
from arshif.build.pipeline import configure_rules
from arshif.rules import Problem, compile_pattern


def problems_of(pattern: str) -> list[Problem]:
    problems: list[Problem] = []
    compile_pattern(pattern, "chrome.yaml", "groups.x[0].pattern", problems)
    return problems


@pytest.mark.parametrize("pattern", [r"^(ا+)+$", r"^(\w+\s?)*$", r"(?:\d+)*x", r"^(\s+\S+)*$", r"(\d{1,2})+$",
                                     r"(?=(a+)+)b", r"^((ab)*)+$"])
def test_nested_quantifiers_are_refused(pattern):
    found = problems_of(pattern)
    assert len(found) == 1 and "nested quantifier" in found[0].reason


@pytest.mark.parametrize("pattern", [r"x{4294967295}", r"x{2000}", r"(?:ab){1001,}"])
def test_huge_counts_are_refused_without_a_traceback(pattern):
    found = problems_of(pattern)
    assert len(found) == 1 and ("too large" in found[0].reason or "above 1000" in found[0].reason)


@pytest.mark.parametrize("pattern", [
    r"^(\s*</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]{0,200})?/?>)+\s*$",  # each pass must match '<'
    r"^(شارك|طباعة)([\s|·/،,-]+(شارك|طباعة))*$",               # each pass must match a word
    r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$",
    r"^[ا-ي]+( [ا-ي]+){0,5}$", r"(?:ab+)+", r"x{1000}",
])
def test_safe_repeats_are_allowed(pattern):
    assert problems_of(pattern) == []


def test_every_shipped_rule_passes_the_check():
    rules.set_extra_dirs([])
    rules.check_all()


def test_an_archive_rule_that_backtracks_stops_the_run_naming_file_and_key(tmp_path):
    src = tmp_path / "source_articles"
    src.mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "chrome.yaml").write_text(
        "groups:\n  navigation:\n    - id: evil\n      pattern: '^(ا+)+$'\n    - id: huge\n      pattern: 'x{4294967295}'\n",
        encoding="utf-8")
    try:
        with pytest.raises(rules.RulesError) as err:
            configure_rules(src)
        text = str(err.value)
        assert "chrome.yaml: groups.navigation[0].pattern: a nested quantifier" in text
        assert "groups.navigation[1].pattern: bad regular expression" in text
    finally:
        rules.set_extra_dirs([])


def test_a_missing_rules_folder_is_a_problem(tmp_path):
    src = tmp_path / "source_articles"
    src.mkdir()
    try:
        with pytest.raises(rules.RulesError) as err:
            configure_rules(src, [tmp_path / "nowhere"])
        assert "nowhere: -: no such rules folder" in str(err.value)
    finally:
        rules.set_extra_dirs([])


def test_rules_problems_are_printed_once(tmp_path):
    from robust_corpus import arshif, article, make_project

    root = make_project(tmp_path / "p", {"a.txt": article(1).encode("utf-8")})
    (root / "rules").mkdir()
    (root / "rules" / "chrome.yaml").write_text("groups:\n  navigation:\n    - id: evil\n      pattern: '^(ا+)+$'\n",
                                                encoding="utf-8")
    done = arshif(root, "build")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("groups.navigation[0].pattern") == 1, done.stderr
    missing = arshif(root, "preprocess", "--rules", "nowhere")
    assert missing.returncode == 2 and "no such rules folder" in missing.stderr


def test_a_rule_that_backtracks_at_run_time_stops_its_article_only(tmp_path, monkeypatch):
    """`(ا|اا)+$` passes the load-time check (overlapping alternatives are not detected) and backtracks
    exponentially on a long run of alefs followed by another letter: that article stops at its time limit with an
    issue naming the rule, and the other article is built."""
    from robust_corpus import article

    from arshif.build import pipeline, time_limit

    monkeypatch.setattr(time_limit, "BASE_SECONDS", 1.0)
    monkeypatch.setattr(time_limit, "SECONDS_PER_MB", 0.0)
    monkeypatch.setattr(time_limit, "RULE_SECONDS", 0.5)
    src = tmp_path / "source_articles"
    src.mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "chrome.yaml").write_text(
        "groups:\n  navigation:\n    - id: slow\n      pattern: '^(ا|اا)+$'\n", encoding="utf-8")
    (src / "good.txt").write_text(article(1), encoding="utf-8")
    (src / "trap.txt").write_text(article(2) + "\n" + "ا" * 60 + "ب\n", encoding="utf-8")
    try:
        configure_rules(src)
        done, issues = pipeline.collect(sorted(src.iterdir()), jobs=1)
    finally:
        rules.set_extra_dirs([])
    assert [raw.name for raw, _ in done] == ["good.txt"]
    (issue,) = [i for i in issues if i.file.endswith("trap.txt")]
    assert issue.code == "out-of-time"
    assert "groups.navigation[0].pattern" in issue.message and "chrome.yaml" in issue.message


def test_the_time_limit_interrupts_a_runaway_match_and_restores_the_timer():
    import re
    import signal

    from arshif.build.time_limit import OutOfTime, time_limit

    def mine(signum, frame):
        pass

    before = signal.signal(signal.SIGALRM, mine)
    try:
        with pytest.raises(OutOfTime):
            with time_limit(0.2):
                re.match("(a|aa)+$", "a" * 60 + "b")
        assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, before)
