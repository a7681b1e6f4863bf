"""PreviewController: one request per change of the Document, with the post's title, date and folder."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QUrl

from editor.services.document.document import Document
from editor.services.preview.controller import PreviewController
from tests.conftest import SEED

EST = dt.timezone(dt.timedelta(hours=-5))


class RecordingService:
    """Stands in for PreviewService: records what the controller asks for."""

    def __init__(self) -> None:
        self.requests: list[tuple] = []
        self.cancels = 0
        self.configs: list = []

    def request(self, req, immediate: bool = False) -> None:
        self.requests.append((req, immediate))

    def cancel(self) -> None:
        self.cancels += 1

    def set_config(self, config) -> None:
        self.configs.append(config)

    def set_ref_source(self, source) -> None:
        pass


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "content" / "posts" / SEED.name
    path.parent.mkdir(parents=True)
    shutil.copyfile(SEED, path)
    return path


def test_one_request_per_change_with_title_date_and_base(qtbot, seed):
    doc, service = Document(), RecordingService()
    controller = PreviewController(doc, service)  # noqa: F841 (kept alive for the test)
    assert doc.open(str(seed))
    assert len(service.requests) == 1
    req, immediate = service.requests[-1]
    assert immediate
    assert req.title == "IBM No Longer Offers General Purpose Facial Recognition Software"
    assert req.date == dt.datetime(2020, 6, 15, 8, tzinfo=EST)
    assert req.base_url == QUrl.fromLocalFile(str(seed.parent) + "/").toString()
    assert req.body == doc.post.content

    doc.set_body(doc.body + "\nA new line.")
    assert len(service.requests) == 2
    req, immediate = service.requests[-1]
    assert not immediate and req.body.endswith("\nA new line.")

    doc.set_field("title", "Another title")
    assert len(service.requests) == 3 and service.requests[-1][0].title == "Another title"

    doc.set_body(doc.body)   # no change: no request
    assert len(service.requests) == 3


def test_an_unparsable_date_previews_without_one(qtbot, tmp_path):
    post = tmp_path / "odd.md"
    post.write_text("---\ntitle: Odd\ndate: 2020-13-45\n---\nBody\n", encoding="utf-8")
    doc, service = Document(), RecordingService()
    controller = PreviewController(doc, service)  # noqa: F841 (kept alive for the test)
    assert doc.open(str(post))
    req = service.requests[-1][0]
    assert req.title == "Odd" and req.date is None and req.body == "Body\n"


def test_closing_cancels_and_clears(qtbot, seed):
    doc, service = Document(), RecordingService()
    controller = PreviewController(doc, service)
    cleared: list[int] = []
    controller.cleared.connect(lambda: cleared.append(1))
    assert doc.open(str(seed))
    doc.close()
    assert service.cancels == 1 and cleared == [1] and len(service.requests) == 1
