"""Spell service: site language, prose words only, cached lookups, suggestions, the personal word list."""

from __future__ import annotations

import os
from types import SimpleNamespace

from editor.core.hugo.site import load_site
from editor.services.checks.spelling import (SpellService, language_for, personal_dictionary_path, post_language,
                                      prose_words, site_language)
from tests.sitegen import make_site


def words(line: str) -> list[str]:
    return [w for _, _, w in prose_words(line)]


def test_language_from_site_config():
    assert language_for("en-us") == "en" and language_for("de_DE") == "de" and language_for("pt-BR") == "pt"
    # No dictionary for the language: none at all (English would mark every word wrong).
    assert language_for("zh-cn") == "" and language_for("ja") == "" and language_for(None) == "en"
    assert site_language(SimpleNamespace(config={"languagecode": "fr-FR"})) == "fr-FR"
    assert site_language(SimpleNamespace(config={"locale": "nl"})) == "nl"
    config = {"defaultcontentlanguage": "es", "languages": {"es": {"languageCode": "es-ES"}}}
    assert site_language(SimpleNamespace(config=config)) == "es-ES"
    assert site_language(None) is None


def test_prose_words_skip_code_urls_shortcodes_html_and_acronyms():
    line = ('Teh `codeword` at https://exampel.org/path or <span class="clss">inner</span> '
            '{{< shortcde arg >}} [linktext](http://x.y/zz) IBM iPhone don’t')
    assert words(line) == ["Teh", "at", "or", "inner", "linktext", "don’t"]
    start, length, word = prose_words("  Hello")[0]
    assert (start, length, word) == (2, 5, "Hello")
    assert words("[ref]: https://example.org/ref") == []


def test_known_words_suggestions_and_personal_list(qtbot):
    service = SpellService("en")
    qtbot.waitUntil(lambda: service.is_ready, timeout=20000)
    assert service.language == "en"
    assert service.is_known("transparency") and service.is_known("Congress") and service.is_known("company's")
    assert not service.is_known("transparancy")
    assert service.suggestions("transparancy")[0] == "transparency"
    assert service.suggestions("Recieve")[0] == "Receive"
    with qtbot.waitSignal(service.dictionaryChanged, timeout=2000):
        service.add_word("Hugoish")
    assert service.is_known("Hugoish") and service.is_known("hugoish")
    path = personal_dictionary_path()
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])
    assert "Hugoish" in path.read_text().split()
    again = SpellService("en")    # a new run reads the list back
    qtbot.waitUntil(lambda: again.is_ready, timeout=20000)
    assert again.is_known("Hugoish")


def test_switching_language_reloads(qtbot):
    service = SpellService("en")
    qtbot.waitUntil(lambda: service.is_ready, timeout=20000)
    assert not service.is_known("Straße")
    with qtbot.waitSignal(service.ready, timeout=20000):
        service.set_language("de-DE")
    assert service.language == "de" and service.is_known("Straße")


def test_post_language_follows_hugos_page_language(tmp_path):
    config = ("languageCode = 'en-GB'\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\nlocale = 'de-AT'\n"
              "[languages.fr]\nweight = 3\nlanguageCode = 'fr-CA'\n[languages.ja]\nweight = 4\n"
              "[languages.es]\nweight = 5\ncontentDir = 'content-es'\n")
    root = make_site(tmp_path, {}, config)
    site = load_site(root)
    c = root / "content" / "posts"
    assert post_language(site, str(c / "a.md")) == "en-GB"          # default language: the site's code
    assert post_language(site, str(c / "a.de.md")) == "de-AT"       # suffix → its locale
    assert post_language(site, str(c / "a.fr.md")) == "fr-CA"       # … or languageCode
    assert post_language(site, str(c / "a.ja.md")) == "ja"          # … or the code itself
    assert post_language(site, str(root / "content-es" / "a.md")) == "es"   # its own content folder
    assert post_language(site, str(c / "a.md"), "it") == "it"       # `lang` front matter wins
    assert [language_for(post_language(site, str(c / f"a{x}.md"))) for x in ("", ".de", ".fr", ".ja")] == \
        ["en", "de", "fr", ""]


def test_no_dictionary_underlines_nothing(qtbot):
    service = SpellService("en")
    qtbot.waitUntil(lambda: service.is_ready, timeout=20000)
    assert not service.is_known("Straße")
    with qtbot.waitSignal(service.ready, timeout=2000):
        service.set_language("zh-CN")
    assert service.language == "" and not service.is_ready and service.is_known("Straße")
    assert service.is_known("transparancy") and service.suggestions("transparancy") == []


def test_an_inactive_service_loads_its_last_language_on_activate(qtbot):
    service = SpellService("en", active=False)
    service.set_language("de")               # remembered, not loaded
    assert not service.is_ready and service.is_known("Wrnog")
    with qtbot.waitSignal(service.ready, timeout=20000):
        service.activate()
    assert service.language == "de" and service.is_ready
    assert service.is_known("Haus") and not service.is_known("Wrnog")


def test_a_service_dropped_while_its_dictionary_loads_is_deleted_in_its_own_thread(qtbot, monkeypatch):
    """The loading thread holds the service weakly. Had it held the last reference, the service would
    be deleted in the loading thread while its result waited in the UI thread's queue: a crash
    (seen as a segfault of the test run)."""
    import gc
    import threading
    import time
    import weakref

    from editor.services.checks import spelling
    loading, done = threading.Event(), threading.Event()

    def slow_load(language):
        loading.set()
        time.sleep(0.3)
        done.set()
        return None
    monkeypatch.setattr(spelling, "_load", slow_load)
    service = SpellService("en")
    deleted_in: list[int] = []
    weakref.finalize(service, lambda: deleted_in.append(threading.get_ident()))
    assert loading.wait(5)
    del service
    gc.collect()
    assert done.wait(5)
    qtbot.wait(200)   # the result reaches the UI thread's queue and is dropped there
    gc.collect()
    assert deleted_in == [threading.get_ident()]


def test_a_kept_service_gets_its_dictionary_from_the_loading_thread(qtbot, monkeypatch):
    from editor.services.checks import spelling
    monkeypatch.setattr(spelling, "_load", lambda language: {"hello"})
    service = SpellService("en")
    qtbot.waitUntil(lambda: service.is_ready, timeout=5000)
    assert service.is_known("hello") and not service.is_known("helo")
