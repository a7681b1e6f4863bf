"""The document service: open, edit through the core, dirty state, save only what changed, revert."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from editor.core import load
from editor.services.document.document import Document
from tests.conftest import SEED

EST = dt.timezone(dt.timedelta(hours=-5))


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "content" / "posts" / SEED.name
    path.parent.mkdir(parents=True)
    shutil.copyfile(SEED, path)
    path.chmod(0o644)
    return path


@pytest.fixture
def doc(qtbot, seed):
    d = Document()
    assert d.open(str(seed))
    return d


def test_open_seed(doc):
    assert doc.post["title"] == "IBM No Longer Offers General Purpose Facial Recognition Software"
    assert doc.post["publishDate"] == dt.datetime(2020, 6, 15, 8, tzinfo=EST)
    assert not doc.dirty
    assert doc.status() == ("published", dt.datetime(2020, 6, 15, 8, tzinfo=EST))
    assert doc.url() == "/posts/ibm-no-longer-offers-facial-recognition-software/"


def test_failed_open_keeps_current_post(doc, tmp_path, qtbot):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: a: b\n---\n")
    with qtbot.waitSignal(doc.failed) as blocker:
        assert not doc.open(str(bad))
    assert "bad.md" in blocker.args[0]
    assert doc.post["title"].startswith("IBM")


def test_save_writes_only_changed_lines(doc, seed, qtbot):
    before = seed.read_text().splitlines()
    with qtbot.waitSignal(doc.dirtyChanged) as blocker:
        doc.set_field("draft", True)
    assert blocker.args == [True]
    doc.set_field("publishDate", dt.datetime(2099, 1, 2, 3, 4, 5, tzinfo=EST))
    assert doc.status()[0] == "draft"
    with qtbot.waitSignal(doc.saved):
        assert doc.save()
    after = seed.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed == [("draft: false", "draft: true"),
                       ("publishdate: 2020-06-15T08:00:00-05:00", "publishdate: 2099-01-02T03:04:05-05:00")]
    assert len(before) == len(after) and not doc.dirty
    assert load(seed).text == doc.post.text


def test_nothing_written_when_nothing_changed(doc, seed):
    stamp = seed.stat().st_mtime_ns
    doc.set_field("title", doc.post["title"])
    doc.set_body(doc.post.content)
    assert not doc.dirty
    assert doc.save()
    assert seed.stat().st_mtime_ns == stamp


def test_edit_and_undo_is_clean_again(doc):
    body = doc.post.content
    doc.set_body(body + "more\n")
    assert doc.dirty
    doc.set_body(body)
    assert not doc.dirty


def test_unset_date_stays_absent_and_clearing_deletes(doc, seed):
    doc.set_field("expiryDate", dt.datetime(2030, 1, 1, tzinfo=EST))
    assert "expiryDate" in doc.post
    doc.set_field("expiryDate", None)
    assert "expiryDate" not in doc.post and not doc.dirty
    doc.set_field("publishDate", None)
    assert doc.save()
    assert "publishdate" not in seed.read_text()


def test_toggling_an_absent_flag_back_leaves_no_trace(doc, tmp_path):
    path = tmp_path / "p.md"
    path.write_text("---\ntitle: x\n---\nbody\n")
    assert doc.open(str(path))
    doc.set_field("draft", True)
    assert "draft: true" in doc.post.text
    doc.set_field("draft", False)
    assert not doc.dirty and "draft" not in doc.post.text
    doc.set_field("tags", ["a"])
    doc.set_field("tags", [])
    assert not doc.dirty


def test_refused_edit_is_reported(doc, qtbot):
    with qtbot.waitSignal(doc.failed) as blocker:
        assert not doc.set_field("date", "June 15, 2020")
    assert "date" in blocker.args[0]
    assert not doc.dirty


def test_revert(doc, seed):
    doc.set_body("changed")
    assert doc.dirty
    assert doc.revert()
    assert not doc.dirty and doc.post.content.startswith("\nOn June 8")


def test_save_as(doc, tmp_path):
    target = tmp_path / "copy.md"
    doc.set_field("title", "Copy")
    assert doc.save_as(str(target))
    assert doc.path == str(target) and not doc.dirty
    assert load(target)["title"] == "Copy"


def test_export_defaults_and_export(doc, tmp_path):
    section, slug, images = doc.export_defaults()
    assert (section, slug, images) == ("posts", "ibm-no-longer-offers-facial-recognition-software", 0)
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text("baseURL = 'https://example.org/'\ncontentDir = 'content'\n")
    doc.set_body(doc.post.content + "\nUnsaved line.\n")
    plan = doc.plan_export(str(site), "posts", slug, False)
    assert plan.target == site / "content" / "posts" / f"{slug}.md"
    assert doc.export(plan) == str(plan.target)
    assert plan.target.read_text().endswith("Unsaved line.\n")
