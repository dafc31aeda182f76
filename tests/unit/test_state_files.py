"""The writer's state files: written as json.dumps(indent=1) writes them, byte for byte, by a quicker path; read
once while they stay as they are."""
import json

from hypothesis import given
from hypothesis import strategies as st

from arshif.build.state_files import ManifestError, files_json, read_files
from arshif.build.write import MANIFEST, STATE_DIR, load_manifest, save_manifest

_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)  # quotes, backslashes, control characters, Arabic
_FILES = st.dictionaries(_TEXT, st.one_of(_TEXT, st.lists(_TEXT, max_size=3)), max_size=8)


def _plain(files: dict) -> bytes:
    body = json.dumps({"generator": "arshif", "files": dict(sorted(files.items()))}, ensure_ascii=False, indent=1)
    return (body + "\n").encode("utf-8")


@given(_FILES)
def test_files_json_is_json_s_indented_output_byte_for_byte(files):
    assert files_json(files) == _plain(files)


def test_a_saved_manifest_reads_back_and_keeps_its_layout(tmp_path):
    files = {"articles/ب.md": "a" * 64, 'odd "name"\\.txt': "b" * 64, "index.md": "c" * 64}
    save_manifest(tmp_path, files)
    assert load_manifest(tmp_path) == files
    text = (tmp_path / STATE_DIR / MANIFEST).read_text(encoding="utf-8")
    assert text.startswith('{\n "generator": "arshif",\n "files": {\n  "articles/ب.md": "')
    assert '\n  "odd \\"name\\"\\\\.txt": "' in text


def test_an_empty_manifest_is_an_empty_object():
    assert files_json({}) == b'{\n "generator": "arshif",\n "files": {}\n}\n'


def test_a_manifest_replaced_or_damaged_after_a_read_is_read_again(tmp_path):
    import pytest

    from arshif.build.write import atomic_write

    path = tmp_path / STATE_DIR / MANIFEST
    save_manifest(tmp_path, {"a.md": "1" * 64})
    assert read_files(path) == {"a.md": "1" * 64}
    atomic_write(path, files_json({"b.md": "2" * 64}))  # another run's manifest, put in place by a rename
    assert read_files(path) == {"b.md": "2" * 64}
    path.write_text('{"generator": "arshif", "files": {"c.md": "3"}, "padding": "' + "x" * 200 + '"}', encoding="utf-8")
    assert read_files(path) == {"c.md": "3"}  # rewritten in place, another size
    path.write_text("{ damaged", encoding="utf-8")
    with pytest.raises(ManifestError):
        read_files(path)
    assert load_manifest(tmp_path) == {}
    path.unlink()
    assert read_files(path) == {}


def test_what_a_read_returns_is_the_caller_s_to_change(tmp_path):
    save_manifest(tmp_path, {"a.md": "1" * 64})
    first = load_manifest(tmp_path)
    first["b.md"] = "changed by a caller"
    del first["a.md"]
    assert load_manifest(tmp_path) == {"a.md": "1" * 64}
