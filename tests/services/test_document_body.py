"""Document is the one source of truth for the body: `bodyChanged` once per real edit, never on a load."""

from __future__ import annotations

import shutil

import pytest

from editor.services.document.document import Document
from tests.conftest import SEED


@pytest.fixture
def doc(qtbot, tmp_path):
    path = tmp_path / "content" / "posts" / SEED.name
    path.parent.mkdir(parents=True)
    shutil.copyfile(SEED, path)
    d = Document()
    assert d.open(str(path))
    return d


def test_one_body_changed_per_edit(doc):
    seen: list[str] = []
    doc.bodyChanged.connect(lambda: seen.append(doc.body))
    doc.set_body(doc.body + "\nmore")
    assert seen == [doc.post.content] and seen[0].endswith("\nmore")
    doc.set_body(doc.body)   # the same text again (an echo): nothing changed
    assert len(seen) == 1 and doc.dirty


def test_no_body_changed_on_load_or_revert(doc):
    seen: list[int] = []
    doc.bodyChanged.connect(lambda: seen.append(1))
    doc.set_body("edited")
    seen.clear()
    loaded: list[int] = []
    doc.loaded.connect(lambda: loaded.append(1))
    assert doc.revert()
    assert loaded == [1] and seen == [] and not doc.dirty


def test_body_is_the_raw_text_while_repairing(qtbot, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: a: b\n---\nbody\n")
    d = Document()
    assert d.safety.open_raw(str(bad))
    assert d.body == "---\ntitle: a: b\n---\nbody\n"
    seen: list[int] = []
    d.bodyChanged.connect(lambda: seen.append(1))
    d.set_body("---\ntitle: ok\n---\nbody\n")
    assert seen == [1] and d.raw.text.startswith("---\ntitle: ok")
