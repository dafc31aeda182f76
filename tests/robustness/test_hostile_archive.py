"""Issue 19, done when: one archive holding every hostile case builds; the build ends with a message naming each
bad input, nothing from outside the project is published, the web root behind site/ holds the new site, and
every other article is built."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from arshif.ids import article_id
from robust_corpus import arshif, article, make_project

pytestmark = pytest.mark.slow

SECRET = "مفتاح خاص سري جدا لا ينشر أبدا PRIVATE-KEY-7f3a"
FORMULA = '=HYPERLINK("http://x","click")'
ARABIC = "خبر عاجل من القاهرة.txt"
CRAFTED = article_id(ARABIC) + ".txt"  # a plain name spelling the Arabic name's hashed id
CP1256_NAME = "مقال قديم.txt".encode("cp1256")
BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "good01.txt:\n  note: *i\n"

# file -> the words its message must hold
BAD_INPUTS = {
    "key.txt": "outside the project",
    "passwd.txt": "outside the project",
    "zero.txt": "outside the project",
    "pipe.txt": "FIFO",
    "huge.txt": "MB or more",
    "drafts": "subfolder",
    ".hidden.txt": "hidden",
    CP1256_NAME.decode("utf-8", "backslashreplace"): "not valid UTF-8",  # shown with its bytes
    CRAFTED: ARABIC,
    "good02.meta.yaml": "not a day of the calendar",
    "good03.meta.yaml": "not a day of the calendar",
    "good04.meta.yaml": "without a time",
    "good05.meta.yaml": "title must be text",
    "good06.meta.yaml": "save it as UTF-8",
    "good07.meta.yaml": "yes/no value (true)",
    "folder.meta.yaml": "directory",
    "overrides.yaml": "aliases",
}
GOOD = [f"good{n:02d}.txt" for n in range(1, 9)] + ["formula.txt", "linked.txt", ARABIC]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    files = {f"good{n:02d}.txt": article(600 + n).encode("utf-8") for n in range(1, 9)}
    files["formula.txt"] = article(620, title=FORMULA).encode("utf-8")
    files[ARABIC] = article(621).encode("utf-8")
    files[CRAFTED] = article(622).encode("utf-8")
    root = make_project(base / "project", files)
    src = root / "source_articles"
    (base / "id_rsa").write_text(article(623, title=SECRET), encoding="utf-8")
    (src / "key.txt").symlink_to(base / "id_rsa")
    (src / "passwd.txt").symlink_to("/etc/passwd")
    (src / "zero.txt").symlink_to("/dev/zero")
    (root / "drafts").mkdir()
    (root / "drafts" / "linked.txt").write_text(article(624), encoding="utf-8")
    (src / "linked.txt").symlink_to("../drafts/linked.txt")  # inside the project: followed
    os.mkfifo(src / "pipe.txt")
    with open(src / "huge.txt", "wb") as fh:
        fh.truncate(2 * 1024 ** 3)  # sparse
    (src / "drafts").mkdir()
    (src / ".hidden.txt").write_text(article(625), encoding="utf-8")
    with open(os.path.join(os.fsencode(src), CP1256_NAME), "wb") as fh:
        fh.write(article(626).encode("utf-8"))
    (src / "good02.meta.yaml").write_text("date: 2018-13-45\noutlet: كونا\n", encoding="utf-8")
    (src / "good03.meta.yaml").write_text("date: 2018-02-30\n", encoding="utf-8")
    (src / "good04.meta.yaml").write_text("date: 2018-02-15 10:30:00\n", encoding="utf-8")
    (src / "good05.meta.yaml").write_text("title: [أ, ب]\n", encoding="utf-8")
    (src / "good06.meta.yaml").write_bytes("dateline: الكويت\nnote: من أرشيف الوكالة الكويتية في الكويت\n".encode("cp1256"))
    (src / "good07.meta.yaml").write_text("author: true\n", encoding="utf-8")
    (src / "folder.meta.yaml").mkdir()
    (src / "overrides.yaml").write_text(BOMB, encoding="utf-8")
    webroot = base / "var" / "www" / "archive"
    webroot.mkdir(parents=True)
    (webroot / "index.html").write_text("the previous site")
    (root / "site").symlink_to(webroot)
    result = arshif(root, "build", timeout=600)
    return root, webroot, result


def test_the_build_ends_and_names_each_bad_input(hostile):
    root, _, result = hostile
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name, words in BAD_INPUTS.items():
        hits = [l for l in lines if f"/{name}:" in l or f" {name}:" in l]
        assert any(words in l for l in hits), (name, words, hits)


def test_nothing_from_outside_the_project_is_published(hostile):
    root, webroot, _ = hostile
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    for tree in (webroot, root / "docs"):
        for path in tree.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert SECRET.encode("utf-8") not in data, path
                assert passwd.encode("utf-8") not in data, path


def test_the_web_root_behind_site_holds_the_new_site(hostile):
    root, webroot, _ = hostile
    assert (root / "site").is_symlink() and os.readlink(root / "site") == str(webroot)
    assert "the previous site" not in (webroot / "index.html").read_text(encoding="utf-8")
    assert (webroot / "archive.csv").is_file() and not [p for p in webroot.iterdir() if ".arshif-" in p.name]


def test_every_other_article_is_built(hostile):
    _, webroot, _ = hostile
    for name in GOOD:
        assert (webroot / "articles" / f"{article_id(name)}.html").is_file(), name
    arabic_page = (webroot / "articles" / f"{article_id(ARABIC)}.html").read_text(encoding="utf-8")
    assert "originals/" in arabic_page and ARABIC in arabic_page  # the address stayed with the Arabic-named file


def test_bad_override_fields_are_left_out_and_good_ones_applied(hostile):
    root, webroot, _ = hostile
    g2 = (root / "docs" / "articles" / "good02.md").read_text(encoding="utf-8")
    assert "outlet: كونا" in g2 and "2018-13-45" not in g2
    g7 = (root / "docs" / "articles" / "good07.md").read_text(encoding="utf-8")
    assert "author: true" not in g7.lower() and "True" not in g7
    g6 = (root / "docs" / "articles" / "good06.md").read_text(encoding="utf-8")
    assert "dateline: الكويت" in g6


def test_the_csv_export_holds_no_live_formula(hostile):
    _, webroot, _ = hostile
    rows = list(csv.DictReader(io.StringIO((webroot / "archive.csv").read_bytes().decode("utf-8-sig"), newline="")))
    titles = {r["id"]: r["title"] for r in rows}
    assert titles["formula"] == "'" + FORMULA
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_report_and_preprocess_survive_the_same_archive(hostile):
    root, _, _ = hostile
    for command in ("preprocess", "report"):
        done = arshif(root, command, timeout=600)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
        assert "not valid UTF-8" in done.stdout + done.stderr
