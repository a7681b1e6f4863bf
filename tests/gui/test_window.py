"""The authoring window, driven through open_window and object names (offscreen)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QLabel, QLineEdit,
                               QPlainTextEdit, QTreeWidget, QWidget)
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core import load
from tests.conftest import SEED
from tests.gui.helpers import (copy_seed, find, js, make_window, preview_text, wait_preview_contains)

ACTIONS = ("actionOpen", "actionNewPost", "actionSave", "actionSaveAs", "actionExport", "actionRevert",
           "actionClose")


def test_first_start_lists_the_seed_and_shows_it(qtbot):
    window = make_window(qtbot, None, render=None)   # the real renderer
    post_list = find(window, QAbstractItemView, "postList")
    qtbot.waitUntil(lambda: post_list.model().rowCount() > 0, timeout=8000)
    paths = [post_list.path_at(r) for r in range(post_list.model().rowCount())]
    assert str(SEED) in paths
    # The newest post is opened; the seed opens on double-click.
    qtbot.waitUntil(lambda: window.document.is_open, timeout=5000)
    index = post_list.proxy.index(paths.index(str(SEED)), 0)
    post_list.activated.emit(index)
    qtbot.waitUntil(lambda: window.document.path == str(SEED), timeout=5000)

    assert find(window, QLineEdit, "titleEdit").text() == \
        "IBM No Longer Offers General Purpose Facial Recognition Software"
    assert find(window, QLineEdit, "slugEdit").text() == "ibm no longer offers facial recognition software"
    for key in ("date", "publishDate"):
        edit = find(window, QLineEdit, key + "Edit")
        assert edit.text() == "2020-06-15 08:00:00"
        assert window.form.dates[key].value().utcoffset() == dt.timedelta(hours=-5)
        assert find(window, QLabel, key + "EditOffset").text() == "\u221205:00"
    lastmod = find(window, QLineEdit, "lastmodEdit")
    assert lastmod.text() == "" and lastmod.placeholderText() == "unset"
    assert window.form.dates["lastmod"].value() is None
    assert find(window, QLineEdit, "tagsEdit").text() == "politics, technology, security"
    assert not find(window, QCheckBox, "draftCheck").isChecked()
    assert find(window, QLabel, "statusBadge").text() == "published"
    assert "/posts/ibm-no-longer-offers-facial-recognition-software/" in find(window, QLabel, "urlHint").text()
    assert not window.isWindowModified()
    wait_preview_contains(qtbot, window, "THINKPolicy Blog")
    hrefs = js(qtbot, window, "Array.from(document.querySelectorAll('#content a')).map(a => a.href)")
    assert "https://www.ibm.com/blogs/policy/facial-recognition-susset-racial-justice-reforms/" in hrefs
    assert "https://en.wikipedia.org/wiki/IBM_and_the_Holocaust" in hrefs
    assert "[1]:" not in preview_text(qtbot, window)
    # Every control and action the checks and screen readers use is named.
    for name in ("titleEdit", "slugEdit", "dateEdit", "publishDateEdit", "draftCheck", "tagsEdit",
                 "statusBadge", "markdownEditor", "preview", "postList"):
        widget = window.findChild(object, name)
        assert widget is not None and widget.accessibleName(), name
    assert isinstance(find(window, QPlainTextEdit, "markdownEditor"), QPlainTextEdit)
    # The preview pane holds the web view (made after the first paint; by now the page is shown in it).
    assert isinstance(find(window, QWidget, "preview").findChild(QWebEngineView), QWebEngineView)
    for name in ACTIONS:
        assert window.findChild(QAction, name) is not None, name
    assert find(window, QAction, "actionSave").shortcut().toString() == "Ctrl+S"


def test_typing_updates_preview_and_keeps_scroll(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    path.write_text(path.read_text() + "\n\n".join(f"Filler paragraph {i}." for i in range(200)) + "\n")
    window = make_window(qtbot, path)
    window.resize(1200, 700)
    wait_preview_contains(qtbot, window, "Filler paragraph 199")
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    # The preview follows the editor's top line (scroll sync) and stays there across updates.
    def synced() -> bool:
        page_max = js(qtbot, window, "document.documentElement.scrollHeight - window.innerHeight")
        want = min(page_max, js(qtbot, window, f"hpeLineTop({window.preview_glue.top_line()})"))
        return abs(js(qtbot, window, "window.scrollY") - want) <= 2
    qtbot.waitUntil(lambda: js(qtbot, window, "window.scrollY") > 1500 and synced(), timeout=8000)
    qtbot.keyClicks(editor, "Freshly typed words")
    assert window.isWindowModified() and window.document.dirty
    wait_preview_contains(qtbot, window, "Freshly typed words")
    # While typing, the preview keeps the typed block in view (tests/gui/test_preview_follows.py) and never
    # jumps back to the top.
    assert js(qtbot, window, "window.scrollY") > 1500
    editor.undo()
    qtbot.waitUntil(lambda: not window.document.dirty, timeout=2000)
    assert not window.isWindowModified()


def test_draft_and_publish_date_update_badge_and_save_exact_lines(qtbot, tmp_path):
    from tests.sitegen import hugo_list
    path = copy_seed(tmp_path)
    (tmp_path / "site" / "hugo.toml").write_text("baseURL = 'https://example.org/'\ntitle = 'T'\n")
    before = path.read_text().splitlines()
    window = make_window(qtbot, path)
    badge = find(window, QLabel, "statusBadge")
    draft = find(window, QCheckBox, "draftCheck")
    draft.click()
    assert badge.text() == "draft" and window.isWindowModified()
    draft.click()
    assert badge.text() == "published" and not window.document.dirty
    edit = find(window, QLineEdit, "publishDateEdit")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "2099-03-04 09:30")
    assert badge.text() == "scheduled · 2099-03-04 09:30"
    draft.click()
    assert badge.text() == "draft"
    find(window, QAction, "actionSave").trigger()
    after = path.read_text().splitlines()
    assert [(a, b) for a, b in zip(before, after) if a != b] == [
        ("draft: false", "draft: true"),
        ("publishdate: 2020-06-15T08:00:00-05:00", "publishdate: 2099-03-04T09:30:00-05:00")]
    assert len(after) == len(before) and not window.isWindowModified()
    reloaded = load(path)
    assert reloaded.content == window.editor.toPlainText()
    assert reloaded["publishDate"] == dt.datetime(2099, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert reloaded.status() == "draft"
    rows = hugo_list(tmp_path / "site")
    (row,) = [r for r in rows if r.kind == "page"]
    assert row.draft and row.publishDate == "2099-03-04T09:30:00-05:00"
    assert row.date == "2020-06-15T08:00:00-05:00"
    assert row.permalink.endswith("/posts/ibm-no-longer-offers-facial-recognition-software/")


def test_unset_dates_stay_unset_and_clear_removes(qtbot, tmp_path):
    path = tmp_path / "p.md"
    path.write_text("---\ntitle: Plain\ndate: 2021-02-03T04:05:06+02:00\n---\nBody\n")
    window = make_window(qtbot, path)
    pub = find(window, QLineEdit, "publishDateEdit")
    assert pub.text() == "" and window.form.dates["publishDate"].value() is None
    assert find(window, QLabel, "publishDateEditOffset").text() == "+02:00"   # the post's own offset
    find(window, QLineEdit, "titleEdit").setText("Plain 2")
    window.actions.save.trigger()
    assert path.read_text() == "---\ntitle: Plain 2\ndate: 2021-02-03T04:05:06+02:00\n---\nBody\n"
    window.form.dates["date"].clear_button.click()
    assert find(window, QLineEdit, "dateEdit").text() == "" and window.form.dates["date"].value() is None
    window.form.dates["expiryDate"].now_button.click()
    assert window.document.post.get("expiryDate").utcoffset() == dt.timedelta(hours=2)
    window.form.dates["expiryDate"].clear_button.click()
    window.actions.save.trigger()
    assert path.read_text() == "---\ntitle: Plain 2\n---\nBody\n"


def test_slug_generation_url_hint_tags_completer(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    other = path.with_name("other.md")
    other.write_text("---\ntitle: Other\ntags: [privacy, politics]\n---\n")
    window = make_window(qtbot, path)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == 2, timeout=5000)
    find(window, QLineEdit, "titleEdit").setText("Café: Ünïcode & More!")
    window.form.slug_button.click()
    assert find(window, QLineEdit, "slugEdit").text() == "café-ünïcode-more"
    assert find(window, QLabel, "urlHint").text() == "URL: /posts/caf%C3%A9-%C3%BCn%C3%AFcode-more/"
    completer = find(window, QLineEdit, "tagsEdit").completer()
    qtbot.waitUntil(lambda: "privacy" in completer.model().stringList(), timeout=3000)
    tags = find(window, QLineEdit, "tagsEdit")
    tags.setText("politics, pri")
    assert completer.splitPath("politics, pri") == ["pri"]
    completer.setCompletionPrefix("politics, pri")
    assert completer.currentCompletion() == "politics, privacy, "
    tags.setText("politics, ")
    window.activateWindow()
    tags.setFocus()
    qtbot.keyClicks(tags, "pri")
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=2000)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert tags.text() == "politics, privacy, "
    qtbot.waitUntil(lambda: window.document.post["tags"] == ["politics", "privacy"], timeout=2000)


def test_other_fields_shown_read_only_and_kept(qtbot, tmp_path):
    path = tmp_path / "p.md"
    path.write_text("+++\ntitle = 'T'\nweight = 3\n[params]\nmood = 'ok'\n+++\nBody\n")
    window = make_window(qtbot, path)
    tree = find(window, QTreeWidget, "otherFields")
    keys = {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}
    assert keys == {"weight": "3", "params": '{"mood": "ok"}'}
    window.form.other_toggle.click()
    assert not tree.isHidden()
    find(window, QLineEdit, "titleEdit").setText("T2")
    window.actions.save.trigger()
    assert path.read_text() == "+++\ntitle = 'T2'\nweight = 3\n[params]\nmood = 'ok'\n+++\nBody\n"


def test_unsaved_changes_are_never_lost_silently(qtbot, tmp_path):
    first = copy_seed(tmp_path)
    second = first.with_name("second.md")
    second.write_text("---\ntitle: Second\n---\n")
    window = make_window(qtbot, first)
    window.editor.appendPlainText("unsaved")
    answers = []
    window.prompts.script(unsaved=lambda _name: answers.append(1) or "cancel")
    assert not window.commands.open_post(str(second))
    assert window.document.path == str(first) and window.document.dirty and answers
    window.prompts.script(unsaved=lambda _name: "save")
    assert window.commands.open_post(str(second))
    assert first.read_text().endswith("\nunsaved")
    window.editor.appendPlainText("more")
    window.prompts.script(unsaved=lambda _name: "cancel")
    window.close()
    assert window.isVisible()
    window.prompts.script(unsaved=lambda _name: "discard")
    window.close()
    assert not window.isVisible()
    assert second.read_text() == "---\ntitle: Second\n---\n"


def test_core_refusal_is_shown_without_a_modal(qtbot, tmp_path):
    path = tmp_path / "dup.md"
    path.write_text("---\ntitle: One\ntitle: Two\n---\nBody\n")
    window = make_window(qtbot, path)
    assert window.document.is_open        # duplicate keys open so the author can repair them
    find(window, QLineEdit, "titleEdit").setText("Three")
    assert window.message_bar.isVisible() and "title" in window.message_bar.label.text()
    assert path.read_text() == "---\ntitle: One\ntitle: Two\n---\nBody\n"


def test_export_from_window(qtbot, tmp_path):
    from editor.gui.dialogs.export import ExportChoice
    path = copy_seed(tmp_path)
    site = tmp_path / "other-site"
    (site / "words").mkdir(parents=True)
    (site / "hugo.toml").write_text("contentDir = 'words'\n")
    window = make_window(qtbot, path)
    window.prompts.script(export=ExportChoice(str(site), "posts", "ibm", False))
    written = window.flows.export_post()
    target = site / "words" / "posts" / "ibm.md"
    assert written == str(target) and target.read_bytes() == path.read_bytes()
    window.editor.appendPlainText("changed")
    asked = []
    window.prompts.script(overwrite_export=lambda paths: asked.append(paths) or False)
    assert window.flows.export_post() is None and asked
    assert target.read_bytes() == path.read_bytes()
    window.prompts.script(export=ExportChoice(str(site), "../..", "x", False))
    assert window.flows.export_post() is None and window.message_bar.isVisible()


def test_preview_runs_no_post_script_and_hands_links_out(qtbot, tmp_path):
    evil = ('<p id="x">safe</p><script>document.title="pwned"</script>'
            '<img src="nope.png" onerror="document.title=\'pwned2\'">')
    path = tmp_path / "p.md"
    path.write_text("---\ntitle: T\n---\nBody\n")
    window = make_window(qtbot, path, render=lambda text: evil)
    wait_preview_contains(qtbot, window, "safe")
    # The image's load has failed (so its onerror had its chance) before the title is read.
    qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelector('#page img').complete"), timeout=10000)
    assert js(qtbot, window, "document.title") == "Preview"
    csp = js(qtbot, window, "document.querySelector('meta[http-equiv]').content")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    page = window.preview.preview_page
    with qtbot.waitSignal(page.externalLink) as blocker:
        allowed = page.acceptNavigationRequest(QUrl("https://example.com/"),
                                               QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True)
    assert not allowed and blocker.args[0] == QUrl("https://example.com/")


def test_session_is_remembered(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    window.post_dock.hide()
    window.resize(790, 560)   # fits the offscreen screen, so the geometry comes back unchanged
    qtbot.wait(50)
    window.splitter.setSizes([330, 200, 200])
    sizes = window.splitter.sizes()
    assert sizes[0] > sizes[1] + 50
    window.close()
    again = make_window(qtbot, None)
    assert again.document.path == str(path)
    assert again.post_dock.isHidden()
    qtbot.waitUntil(lambda: again.splitter.sizes() == sizes, timeout=2000)


def test_new_post(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    window.prompts.script(new_post=lambda folder, *_: ("posts", "A Brand New Post"))
    created = window.flows.new_post()
    assert created and window.document.path == created
    assert find(window, QLineEdit, "titleEdit").text() == "A Brand New Post"
    assert find(window, QCheckBox, "draftCheck").isChecked()
    assert find(window, QLabel, "statusBadge").text() == "draft"


def test_preview_follows_dark_palette(qtbot, tmp_path):
    from PySide6.QtGui import QColor, QPalette
    path = tmp_path / "p.md"
    path.write_text("---\ntitle: T\n---\nBody text\n")
    window = make_window(qtbot, path)
    wait_preview_contains(qtbot, window, "Body text")
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    window.setPalette(dark)
    qtbot.waitUntil(lambda: js(qtbot, window, "getComputedStyle(document.documentElement)"
                                              ".getPropertyValue('--bg').trim()") == "#1e1e1e", timeout=3000)
    assert js(qtbot, window, "document.documentElement.style.colorScheme") == "dark"


def test_open_site_root_and_revert(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    (tmp_path / "site" / "hugo.toml").write_text("baseURL = 'https://example.org/blog/'\n")
    window = make_window(qtbot, tmp_path / "site")
    qtbot.waitUntil(lambda: window.document.path == str(path), timeout=5000)   # newest post opened
    assert window.commands.folder == str(tmp_path / "site" / "content")
    assert find(window, QLabel, "urlHint").text() == \
        "URL: /blog/posts/ibm-no-longer-offers-facial-recognition-software/"
    original = window.editor.toPlainText()
    window.editor.appendPlainText("scratch")
    find(window, QLineEdit, "titleEdit").setText("Scratch title")
    window.prompts.script(revert=False)
    find(window, QAction, "actionRevert").trigger()
    assert window.document.dirty
    window.prompts.script(revert=True)
    find(window, QAction, "actionRevert").trigger()
    assert not window.document.dirty and window.editor.toPlainText() == original
    assert find(window, QLineEdit, "titleEdit").text().startswith("IBM")
    assert path.read_bytes() == SEED.read_bytes()
    find(window, QAction, "actionClose").trigger()
    assert not window.document.is_open and not window.form.isEnabled()
    assert find(window, QLabel, "statusBadge").text() == "no post"


def test_generate_slug_from_a_cyrillic_title_is_hugos_urlize(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    find(window, QLineEdit, "titleEdit").setText("Привет мир")
    qtbot.mouseClick(window.form.slug_button, Qt.MouseButton.LeftButton)
    assert find(window, QLineEdit, "slugEdit").text() == "привет-мир"
    assert find(window, QLabel, "urlHint").text() == \
        "URL: /posts/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80/"
