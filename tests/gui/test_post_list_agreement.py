"""The window's post list agrees with real `hugo list all` (pages, titles, statuses, URLs), generated and real sites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.hugo import binary as hugo
from editor.services.posts.model import PostListModel
from editor.services.workspace import resolve
from tests.conftest import CORPUS
from tests.gui.helpers import make_window
from tests.sitegen import generate_posts, hugo_list, make_site, site_path

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

Y = "---\n{}\n---\nsome body words here\n"
EXTRA = {
    "posts/yes-draft.md": Y.format("title: yes draft\ndraft: yes"),
    "posts/future.md": Y.format("title: future\ndate: 2099-01-01"),
    "posts/expired.md": Y.format("title: expired\nexpiryDate: 2020-01-01"),
    "posts/leaf/index.md": Y.format("title: leaf\nslug: Leaf Slug"),
    "posts/leaf/resource.md": Y.format("title: not a page"),
    "posts/_index.md": Y.format("title: Posts"),
    "posts/nested/_index.md": Y.format("title: Nested"),
    "posts/nested/child.md": "+++\ntitle = 'child'\ndraft = 'true'\n+++\n",
    "posts/json.md": '{"title": "json", "publishDate": "2099-02-02"}\n',
    "about.md": Y.format("title: About\nurl: /about-us/"),
    "posts/one-digit-hour.md": '+++\ntitle = "hour"\ndate = "2019-04-09T8:09:26-07:00"\n+++\n',  # Hugo reads it
}
LISTS = {"draft": "drafts", "scheduled": "future", "expired": "expired", "published": "published"}


def _compare(rows, root: Path) -> None:
    def key(path: str) -> str:   # hugo list's path column: relative to the site, absolute outside it
        return os.path.normpath(os.path.join(root, path))

    listed = {key(p.path): p for p in hugo_list(root) if p.kind == "page"}
    lists = {w: {key(p.path) for p in hugo_list(root, w)} for w in LISTS.values()}
    ours = {r.path: r for r in rows}
    assert set(ours) == set(listed)
    wrong = []
    for path, row in ours.items():
        page = listed[path]
        if row.title != (page.title or Path(path).stem) or row.url != site_path(page.permalink):
            wrong.append((path, row.title, page.title, row.url, page.permalink))
        if path not in lists[LISTS[row.status]]:
            wrong.append((path, row.status))
    assert wrong == []


def test_window_list_agrees_with_hugo_on_a_generated_site(qtbot, tmp_path):
    posts = generate_posts(120, words=30, seed=3)
    posts.update(EXTRA)
    root = make_site(tmp_path, posts, "baseURL = 'https://example.org/blog/'\n[permalinks]\n"
                                      "posts = '/:year/:month/:slug/'\n")
    window = make_window(qtbot, root)
    pages = 120 + 8
    qtbot.waitUntil(lambda: window.post_model.rowCount() == pages, timeout=20000)
    _compare(window.post_model.rows(), root)


@pytest.mark.skipif(not (CORPUS / "jessfraz-blog").is_dir(), reason="../shared/corpus is absent")
def test_list_agrees_with_hugo_on_a_real_blog_read_in_place(qtbot, tmp_path):
    content = CORPUS / "jessfraz-blog"
    root = make_site(tmp_path, {}, f"baseURL = 'https://example.org/'\ncontentDir = '{content.as_posix()}'\n")
    ws = resolve(str(root))
    model = PostListModel(watch=False)
    with qtbot.waitSignal(model.scanFinished, timeout=30000):
        model.load_folder(ws.folder, ws.site)
    assert model.rowCount() > 50
    _compare(model.rows(), root)


@pytest.mark.skipif(not (CORPUS / "jvns-ca").is_dir(), reason="../shared/corpus is absent")
def test_the_post_hugo_refuses_is_marked_in_the_list(qtbot, tmp_path):
    content = CORPUS / "jvns-ca"
    root = make_site(tmp_path, {}, f"baseURL = 'https://example.org/'\ncontentDir = '{content.as_posix()}'\n")
    with pytest.raises(hugo.HugoError) as refused:
        hugo_list(root)
    ws = resolve(str(root))
    model = PostListModel(watch=False)
    with qtbot.waitSignal(model.scanFinished, timeout=30000):
        model.load_folder(ws.folder, ws.site)
    errors = {os.path.basename(r.path): r.error for r in model.rows() if r.status == "error"}
    named = [name for name in errors if name in str(refused.value)]
    assert named and "already defined" in errors[named[0]]
