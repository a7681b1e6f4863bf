"""Multilingual window: language column/filter, "Translations: de, fr", New Translation…, New Post in a language."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from editor.core.hugo import binary as hugo
from editor.gui.dialogs.new_post import NewPostDialog
from editor.services.posts.new_post import planned_path
from editor.core.hugo.site import load_site
from tests.core.test_hugo_agreement_languages import hugo_languages
from tests.core.test_languages_new import FOLDERS, SUFFIX
from tests.gui.helpers import find, make_window, widen_post_list
from tests.sitegen import hugo_list, make_site, site_path

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

ARCH = {"archetypes/default.md": "---\ntitle: 'x'\ndate: {{ .Date }}\ndraft: true\n---\n"}


def _post(title: str, date: str, key: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n" + (f"translationKey: {key}\n" if key else "") + "---\nText\n"


# The French post links to the English and German ones only through translationKey.
LAYOUTS = {
    "folders": (FOLDERS, {"en/posts/hello.md": _post("Hello", "2021-01-03", "hello-key"),
                          "de/posts/hello.md": _post("Hallo", "2021-01-02", "hello-key"),
                          "fr/posts/bonjour.md": _post("Bonjour", "2021-01-01", "hello-key"),
                          "en/posts/other.md": _post("Other", "2020-01-01")},
                "content/en/posts/hello.md", "content/de/posts/hello.md", "content/en/posts/other.md",
                "content/de/posts/other.md"),
    "suffix": (SUFFIX, {"posts/hello.md": _post("Hello", "2021-01-03", "hello-key"),
                        "posts/hello.de.md": _post("Hallo", "2021-01-02", "hello-key"),
                        "posts/bonjour.fr.md": _post("Bonjour", "2021-01-01", "hello-key"),
                        "posts/other.md": _post("Other", "2020-01-01")},
               "content/posts/hello.md", "content/posts/hello.de.md", "content/posts/other.md",
               "content/posts/other.de.md"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_language_column_filter_translations_and_new_translation(qtbot, tmp_path, layout):
    config, posts, english, german, other, new_german = LAYOUTS[layout]
    root = make_site(tmp_path, posts, config, files=ARCH)
    window = make_window(qtbot, root)
    model = window.post_model
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=20000)
    browser = window.post_browser
    lang_filter = find(window, QComboBox, "postLanguageFilter")
    widen_post_list(qtbot, window)
    qtbot.waitUntil(lambda: not window.post_list.isColumnHidden(model.LANGUAGE_COLUMN), timeout=5000)
    assert lang_filter.isVisibleTo(window)
    assert [lang_filter.itemText(i) for i in range(lang_filter.count())] == ["All languages", "en", "de", "fr"]
    assert model.headerData(model.LANGUAGE_COLUMN, Qt.Orientation.Horizontal) == "Language"
    langs = {model.post_row(i).path: model.post_row(i).lang for i in range(model.rowCount())}
    assert langs[str(root / german)] == "de" and langs[str(root / english)] == "en"
    browser.set_language("de")
    assert browser.proxy.rowCount() == 1 and window.post_list.path_at(0) == str(root / german)
    browser.set_language("")
    assert browser.proxy.rowCount() == 4

    # The English post: "Translations: de, fr"; one click opens the German one.
    assert window.commands.open_post(str(root / english))
    label = find(window, QLabel, "translationsLabel")
    qtbot.waitUntil(lambda: label.isVisibleTo(window))
    assert list(window.form.translations()) == ["de", "fr"]
    assert ">de</a>" in label.text() and ">fr</a>" in label.text() and label.text().startswith("Translations: ")
    label.linkActivated.emit("de")
    assert window.document.path == str(root / german)
    assert find(window, QLabel, "urlHint").text() == "URL: /de/posts/hello/"
    assert list(window.form.translations()) == ["en", "fr"]
    assert not window.actions.new_translation.isEnabled()   # every language has this post

    # New Translation… of a post that has none: the language is asked, the file made and opened.
    assert window.commands.open_post(str(root / other))
    assert window.actions.new_translation.isEnabled()
    asked = []
    window.prompts.script(translation_language=lambda codes: asked.append(codes) or "de")
    window.actions.new_translation.trigger()
    assert asked == [["de", "fr"]]
    target = root / new_german
    assert target.is_file() and window.document.path == str(target)
    assert window.form.title_edit.text() == "Other"
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=20000)
    qtbot.waitUntil(lambda: list(window.form.translations()) == ["en"], timeout=20000)
    listed = {p.path: site_path(p.permalink) for p in hugo_list(root)}
    assert listed[new_german] == "/de/posts/other/"
    assert hugo_languages(root, "-D")[str(target)] == "de"


@pytest.mark.parametrize("layout,expected", [("folders", "content/de/posts/neu.md"),
                                             ("suffix", "content/posts/neu.de.md")])
def test_new_post_asks_the_language_and_hugo_agrees(qtbot, tmp_path, layout, expected):
    config = FOLDERS if layout == "folders" else SUFFIX
    first = "en/posts/a.md" if layout == "folders" else "posts/a.md"
    root = make_site(tmp_path, {first: _post("A", "2021-01-01")}, config, files=ARCH)
    site = load_site(root)
    content = str(site.content_dir)
    dialog = NewPostDialog(content, ["posts"], lambda s, t, b, lang="": planned_path(content, s, t, b, lang, site),
                           languages=["en", "de", "fr"])
    qtbot.addWidget(dialog)
    combo = find(dialog, QComboBox, "newLanguageCombo")
    assert combo.accessibleName() == "Language" and not combo.isHidden()
    dialog.title_edit.setText("Neu")
    assert dialog.target.text().replace("\\", "/").endswith("posts/neu.md")
    combo.setCurrentText("de")
    assert dialog.target.text() == os.path.relpath(root / expected, content) and dialog.choice().lang == "de"
    # A one-language site has no combo.
    plain = NewPostDialog(content, ["posts"], lambda s, t, b: planned_path(content, s, t, b))
    qtbot.addWidget(plain)
    assert find(plain, QComboBox, "newLanguageCombo").isHidden() and plain.choice().lang == ""

    window = make_window(qtbot, root)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == 1, timeout=20000)
    window.prompts.script(new_post=lambda folder, *_: ("posts", "Neu", False, "de"))
    assert window.flows.new_post() == str(root / expected)
    assert find(window, QLabel, "urlHint").text() == "URL: /de/posts/neu/"
    listed = {p.path: site_path(p.permalink) for p in hugo_list(root)}
    assert listed[expected] == "/de/posts/neu/"
    assert hugo_languages(root, "-D")[str(root / expected)] == "de"


def test_spell_check_follows_the_posts_language(qtbot, tmp_path):
    root = make_site(tmp_path, {"posts/a.md": _post("English", "2021-01-03"),
                                "posts/a.de.md": _post("Deutsch", "2021-01-02"),
                                "posts/b.fr.md": "---\ntitle: Chinois\nlang: zh-CN\n---\n中文\n"}, SUFFIX)
    window = make_window(qtbot, root / "content" / "posts" / "a.de.md")
    service = window.spell.service
    qtbot.waitUntil(lambda: service.language == "de" and service.is_ready, timeout=20000)
    assert service.is_known("Straße") and not service.is_known("Strase")
    assert window.commands.open_post(str(root / "content" / "posts" / "a.md"))
    qtbot.waitUntil(lambda: service.language == "en" and service.is_ready, timeout=20000)
    assert window.commands.open_post(str(root / "content" / "posts" / "b.fr.md"))   # `lang` says Chinese: no dictionary
    qtbot.waitUntil(lambda: service.language == "", timeout=20000)
    assert not service.is_ready and service.is_known("anythingatall")


def test_opening_a_post_in_a_language_folder_lists_the_whole_site(qtbot, tmp_path):
    config, posts, english, german, *_ = LAYOUTS["folders"]
    root = make_site(tmp_path, posts, config, files=ARCH)
    window = make_window(qtbot, root / german)
    qtbot.waitUntil(lambda: window.post_model.rowCount() == 4, timeout=20000)
    assert window.document.path == str(root / german)
    qtbot.waitUntil(lambda: list(window.form.translations()) == ["en", "fr"], timeout=20000)
    assert find(window, QLabel, "urlHint").text() == "URL: /de/posts/hello/"
