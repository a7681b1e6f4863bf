"""The post browser: columns, search, quick filters, counts, problem markers, watcher refresh, URL badge."""

from __future__ import annotations

import os

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QProgressBar, QToolButton

from editor.services.posts.model import PathRole, PostListModel, WarningRole
from tests.gui.helpers import find, make_window
from tests.sitegen import make_site

Y = "---\ntitle: {title}\ndate: {date}\n{extra}---\nbody words\n"
POSTS = {
    "posts/alpha.md": Y.format(title="Alpha release", date="2021-01-01", extra="tags: [Hugo, go]\n"),
    "posts/beta.md": Y.format(title="Beta notes", date="2022-01-01", extra="tags: [hugo]\ndraft: true\n"),
    "posts/gamma.md": Y.format(title="Gamma", date="2099-01-01", extra="tags: [hugo, python]\n"),
    "posts/old.md": Y.format(title="Old news", date="2019-01-01", extra="expiryDate: 2020-01-01\n"),
    "posts/one.md": Y.format(title="One", date="2018-01-01", extra="slug: a&b\n"),
    "posts/two.md": Y.format(title="Two", date="2018-02-01", extra="slug: a:b\n"),
    "notes/deep/leaf/index.md": Y.format(title="Leaf bundle", date="2020-05-05", extra="tags: [Go]\n"),
}


def _site(tmp_path, posts=POSTS):
    return make_site(tmp_path, posts)


def _shown(browser) -> list[str]:
    return [os.path.basename(os.path.dirname(p)) if p.endswith("index.md") else os.path.basename(p)
            for p in (browser.view.path_at(r) for r in range(browser.proxy.rowCount()))]


def _open(qtbot, tmp_path, posts=POSTS):
    root = _site(tmp_path, posts)
    window = make_window(qtbot, root)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == len(posts), timeout=20000)
    return window, root


def test_columns_search_filters_counts_and_markers(qtbot, tmp_path):
    window, root = _open(qtbot, tmp_path)
    browser = window.post_browser
    model = window.post_model
    assert model.COLUMNS == ("Title", "Status", "Date", "Section", "Tags", "Language", "Git")
    # One language: no language column, no language filter (tests/gui/test_multilingual_window.py).
    assert browser.view.isColumnHidden(model.LANGUAGE_COLUMN) and not browser.lang_filter.isVisibleTo(window)
    window.post_dock.setFloating(True)
    window.post_dock.resize(300, 500)       # narrow: the tags column gives its room to the titles
    qtbot.waitUntil(lambda: browser.view.isColumnHidden(4), timeout=5000)
    window.post_dock.resize(700, 500)
    qtbot.waitUntil(lambda: not browser.view.isColumnHidden(4), timeout=5000)
    for name, cls in (("postFilter", QLineEdit), ("postTagFilter", QComboBox), ("postCount", QLabel),
                      ("postScanProgress", QProgressBar), ("postStatusDrafts", QToolButton)):
        assert find(window, cls, name).accessibleName(), name
    # Newest first by default; sortable by title.
    assert _shown(browser)[0] == "gamma.md"
    browser.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _shown(browser) == ["alpha.md", "beta.md", "gamma.md", "leaf", "old.md", "one.md", "two.md"]
    assert find(window, QLabel, "postCount").text() == "7 posts"
    # Search matches title, slug, tags and path, every word.
    browser.set_search("notes")           # title "Beta notes" and path notes/…
    assert _shown(browser) == ["beta.md", "leaf"]
    browser.set_search("python")          # a tag
    assert _shown(browser) == ["gamma.md"]
    browser.set_search("a&b")             # a slug
    assert _shown(browser) == ["one.md"]
    browser.set_search("posts alpha")     # path word + title word
    assert _shown(browser) == ["alpha.md"]
    assert find(window, QLabel, "postCount").text() == "1 of 7 posts"
    browser.set_search("")
    # Status quick filters, with counts on the buttons.
    assert find(window, QToolButton, "postStatusDrafts").text() == "Drafts 1"
    assert find(window, QToolButton, "postStatusScheduled").text() == "Scheduled 1"
    browser.set_status("draft")
    assert _shown(browser) == ["beta.md"]
    browser.set_status("expired")
    assert _shown(browser) == ["old.md"]
    browser.set_status("problems")        # the two slugs Hugo changes, which also share /posts/ab/
    assert _shown(browser) == ["one.md", "two.md"]
    browser.set_status("")
    # Tag filter: terms ordered by use, one spelling per term.
    combo = find(window, QComboBox, "postTagFilter")
    assert [combo.itemText(i) for i in range(combo.count())] == ["All tags", "hugo", "go", "python"]
    browser.set_tag("hugo")               # case-insensitive: Hugo and hugo
    assert _shown(browser) == ["alpha.md", "beta.md", "gamma.md"]
    browser.set_tag("")
    assert browser.proxy.rowCount() == 7
    # The marker: URL/slug problems decorate the title and show in the status column.
    marked = {os.path.basename(browser.view.path_at(r)) for r in range(7)
              if browser.proxy.index(r, 0).data(Qt.ItemDataRole.DecorationRole) is not None}
    assert marked == {"one.md", "two.md"}
    row = [r for r in range(7) if browser.view.path_at(r).endswith("one.md")][0]
    assert browser.proxy.index(row, 1).data() == "published"
    assert any("publishes only one" in m for m in browser.proxy.index(row, 0).data(WarningRole))
    assert "a-b" in browser.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    # The completer offers the site's terms, most used first, without case twins.
    completer = find(window, QLineEdit, "tagsEdit").completer()
    assert completer.model().stringList() == ["hugo", "go", "python"]


def test_list_follows_the_disk_without_rereading_everything(qtbot, tmp_path):
    window, root = _open(qtbot, tmp_path)
    model = window.post_model
    assert model.watcher is not None and str(root / "content" / "posts") in model.watcher.folders()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    content = root / "content" / "posts"
    tmp = content / ".new.md.tmp"
    tmp.write_text(Y.format(title="Fresh from elsewhere", date="2023-03-03", extra=""))
    os.replace(tmp, content / "fresh.md")                 # an atomic save by another program
    qtbot.waitUntil(lambda: model.row_for_path(str(content / "fresh.md")) >= 0, timeout=20000)
    tmp.write_text(Y.format(title="Alpha renamed", date="2021-01-01", extra=""))
    os.replace(tmp, content / "alpha.md")
    qtbot.waitUntil(lambda: model.post_row(model.row_for_path(str(content / "alpha.md"))).title
                    == "Alpha renamed", timeout=20000)
    (content / "gamma.md").unlink()
    qtbot.waitUntil(lambda: model.row_for_path(str(content / "gamma.md")) < 0, timeout=20000)
    assert resets == [] and model.rowCount() == 7
    assert window.post_model._index.reindexed <= 1        # only the changed file was read again


def test_saving_updates_the_row_and_url_badge_offers_the_safe_slug(qtbot, tmp_path):
    window, root = _open(qtbot, tmp_path)
    one = root / "content" / "posts" / "one.md"
    assert window.commands.open_post(str(one))
    badge = window.url_warning
    qtbot.waitUntil(lambda: badge.isVisible(), timeout=5000)
    assert find(window, QLabel, "urlWarning").text() == "\u26a0 URL shared"
    assert "two.md" in badge.problems_text() and "'ab'" in badge.problems_text()
    fix = find(window, QToolButton, "useSafeSlug")
    assert fix.isVisible() and fix.accessibleName() and fix.text() == "Use a-b"
    fix.click()
    assert find(window, QLineEdit, "slugEdit").text() == "a-b"
    assert find(window, QLabel, "urlHint").text() == "URL: /posts/a-b/"
    qtbot.waitUntil(lambda: not badge.isVisible(), timeout=5000)
    assert window.commands.save()
    model = window.post_model
    qtbot.waitUntil(lambda: model.post_row(model.row_for_path(str(one))).url == "/posts/a-b/", timeout=20000)
    assert not model.post_row(model.row_for_path(str(one))).warnings
    two = model.post_row(model.row_for_path(str(root / "content" / "posts" / "two.md")))
    assert [w[0] for w in two.warnings] == ["unsafe-slug"]   # no longer shares its URL


def test_a_long_scan_shows_progress_and_the_ui_keeps_ticking(qtbot, tmp_path):
    posts = {f"posts/p{i:04d}.md": Y.format(title=f"Post {i}", date="2020-01-01", extra="")
             for i in range(900)}
    root = _site(tmp_path, posts)
    model = PostListModel(watch=False)
    from editor.services.workspace import resolve
    ws = resolve(str(root))
    reports: list[tuple[int, int]] = []
    model.progress.connect(lambda d, t: reports.append((d, t)))
    ticks, clock = [], QElapsedTimer()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    clock.start()
    timer.start()
    model.load_folder(ws.folder, ws.site)
    qtbot.waitUntil(lambda: model.rowCount() == 900, timeout=60000)
    timer.stop()
    assert reports and reports[-1] == (900, 900)
    assert len(ticks) >= 5        # the event loop ran while the posts were read
    assert model.index(0, 0).data(PathRole).endswith(".md")
