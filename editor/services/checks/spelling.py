"""Spell checking on pyspellchecker's word lists (kept compact): loaded in a thread, cached lookups, a personal list."""

from __future__ import annotations

import re
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.files.recovery import data_dir
from editor.core.files.private import private_dir, write_private

SUPPORTED = ("en", "es", "fr", "it", "pt", "de", "ru", "ar", "lv", "eu", "nl", "fa")
DEFAULT_LANGUAGE = "en"

# What is not prose: code spans, autolinks/URLs, shortcodes, HTML tags and comments, link targets,
# reference definitions, e-mail addresses. Masked before words are looked for.
_SKIP = re.compile(
    r"(`+).*?\1"                                 # code span
    r"|\{\{[<%].*?[%>]\}\}"                      # shortcode
    r"|<!--.*?(?:-->|$)"                         # HTML comment
    r"|</?[A-Za-z][^>]*>"                        # HTML tag
    r"|\]\([^)]*\)"                              # inline link target
    r"|\]\[[^\]]*\]"                             # reference label
    r"|^\s{0,3}\[[^\]]+\]:.*$"                   # reference definition
    r"|\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+"      # URL
    r"|\S+@\S+\.\w+"                             # e-mail
    r"|\{#[^}]*\}",                              # heading id
    re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


NONE = ""   # no dictionary for the language: nothing is underlined (not English words marked wrong)


def language_for(code: str | None) -> str:
    """The dictionary for a languageCode/locale ("en-us", "de_DE", "pt-br"); English when nothing
    says a language (Hugo's default); NONE when the language has no dictionary ("zh-cn")."""
    if not code:
        return DEFAULT_LANGUAGE
    base = re.split(r"[-_.]", str(code).strip().lower())[0]
    return base if base in SUPPORTED else NONE


def post_language(site, path: str | None, front_matter_lang=None) -> str | None:
    """The language a post is written in: its `lang` front matter, else its language's `locale` /
    `languageCode` (Hugo's page language: file-name suffix, then content folder), else that
    language's code."""
    if isinstance(front_matter_lang, str) and front_matter_lang.strip():
        return front_matter_lang.strip()
    if site is None:
        return None
    found = site.page_language(path) if path else None
    code = found.code if found is not None else site.default_language
    language = site.language(code) if hasattr(site, "language") else None
    settings = language.settings if language is not None else {}
    for key in ("locale", "languagecode"):
        if settings.get(key):
            return str(settings[key])
    if code == site.default_language:
        config = getattr(site, "config", {}) or {}
        for key in ("locale", "languagecode"):
            if config.get(key):
                return str(config[key])
    return code


def site_language(site) -> str | None:
    """The site's languageCode (or locale, or defaultContentLanguage), as written in its config."""
    if site is None:
        return None
    config = getattr(site, "config", {}) or {}
    for key in ("languagecode", "locale"):
        if config.get(key):
            return str(config[key])
    langs = config.get("languages")
    default = str(config.get("defaultcontentlanguage") or "")
    if isinstance(langs, dict) and isinstance(langs.get(default), dict):
        conf = {str(k).lower(): v for k, v in langs[default].items()}
        for key in ("languagecode", "locale"):
            if conf.get(key):
                return str(conf[key])
    return default or None


def prose_words(text: str) -> list[tuple[int, int, str]]:
    """(start, length, word) of the words in one line of Markdown that a spell checker should see."""
    masked = _SKIP.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in _WORD.finditer(masked):
        word = m.group()
        if len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:]):
            continue   # acronyms (IBM) and CamelCase identifiers are not prose words
        out.append((m.start(), len(word), word))
    return out


def personal_dictionary_path() -> Path:
    return data_dir() / "dictionary.txt"


class _Delivery(QObject):
    """Hands a dictionary loaded in a thread to its service, in the thread the service lives in.

    The loading thread holds the service only weakly: had it held the last reference of a service
    dropped meanwhile (one without a parent), the service would have been deleted in the loading
    thread while its event was queued in the UI thread, a crash."""

    loaded = Signal(object, object, str)   # weak reference to the service, checker, language

    def __init__(self) -> None:
        super().__init__()
        self.loaded.connect(self._deliver)

    @Slot(object, object, str)
    def _deliver(self, ref, checker, language: str) -> None:
        service = ref()
        if service is None:
            return
        try:
            service._install(checker, language)
        except RuntimeError:   # the window (and this service) closed while the dictionary loaded
            pass


_DELIVERIES: dict[int, _Delivery] = {}   # one per thread that made services (the UI thread)


def _load_in_background(ref: weakref.ref, language: str, delivery: _Delivery) -> None:
    delivery.loaded.emit(ref, _load(language), language)


class SpellService(QObject):
    """Answers "is this word known?" from a cache; the dictionary loads in a thread (`ready` then)."""

    ready = Signal()                 # a dictionary finished loading (rehighlight)
    dictionaryChanged = Signal(str)  # a word was added to the personal list

    def __init__(self, language: str = DEFAULT_LANGUAGE, parent: QObject | None = None,
                 active: bool = True) -> None:
        super().__init__(parent)
        # inactive: the language is remembered and loads on activate() (parsing the dictionary holds
        # the GIL ~150 ms the first time: the window defers it past its first preview paint)
        self._active = active
        self._checker = None
        self._language: str | None = None
        self._cache: dict[str, bool] = {}
        self._personal: set[str] = set()
        thread = threading.get_ident()
        if thread not in _DELIVERIES:
            _DELIVERIES[thread] = _Delivery()
        self._delivery = _DELIVERIES[thread]
        self._read_personal()
        self.set_language(language)

    @property
    def language(self) -> str:
        return self._language or NONE

    @property
    def is_ready(self) -> bool:
        return self._checker is not None

    def set_language(self, language: str, wait: bool = False) -> None:
        language = language_for(language) if language else NONE
        if language == self._language and (language or self._checker is None):
            return
        self._language = language
        if language == NONE:
            self._install(None, NONE)   # no dictionary: every word is taken as known
        elif not self._active and not wait:
            self._checker = None        # loads on activate()
            self._cache.clear()
        elif wait:
            self._install(_load(language), language)
        else:
            threading.Thread(target=_load_in_background, args=(weakref.ref(self), language, self._delivery),
                             name="spell-load", daemon=True).start()

    def activate(self) -> None:
        """Load the dictionary of the current language if it was deferred (once)."""
        if self._active:
            return
        self._active = True
        if self._language and self._checker is None:
            language, self._language = self._language, None
            self.set_language(language)

    def _install(self, checker, language: str) -> None:
        if language != self._language:
            return   # a newer language was asked for meanwhile
        self._checker = checker
        self._cache.clear()
        self.ready.emit()

    def is_known(self, word: str) -> bool:
        """True while no dictionary is loaded (nothing is underlined before it is)."""
        known = self._cache.get(word)
        if known is None:
            if self._checker is None:
                return True
            lower = word.lower().replace("’", "'")
            known = (lower in self._personal or word in self._personal or lower in self._checker
                     or (lower.endswith("'s") and lower[:-2] in self._checker))
            self._cache[word] = known
        return known

    def suggestions(self, word: str, limit: int = 7) -> list[str]:
        if self._checker is None or len(word) > 30:
            return []
        lower = word.lower()
        found = self._checker.candidates(lower) or set()
        ranked = sorted((w for w in found if w != lower), key=lambda w: (-self._checker.frequency(w), w))
        if word[:1].isupper():
            ranked = [w[:1].upper() + w[1:] for w in ranked]
        return ranked[:limit]

    def add_word(self, word: str) -> None:
        """Add to the personal word list in the user data folder (kept across runs)."""
        word = word.strip()
        if not word or word in self._personal:
            return
        self._personal.update({word, word.lower()})
        self._cache = {w: k for w, k in self._cache.items() if w.lower() != word.lower()}
        path = personal_dictionary_path()
        private_dir(path.parent, top=data_dir())
        write_private(path, "".join(f"{w}\n" for w in sorted(self._personal)).encode("utf-8"))
        self.dictionaryChanged.emit(word)

    def _read_personal(self) -> None:
        path = personal_dictionary_path()
        try:
            words = path.read_text(encoding="utf-8").split()
        except OSError:
            words = []
        self._personal = set(words) | {w.lower() for w in words}


def _load(language: str):
    from editor.services.checks import spell_words
    return spell_words.load(language)
