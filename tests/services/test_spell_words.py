"""The compact word list answers as pyspellchecker's own dictionary does: membership, counts, candidates."""
from __future__ import annotations

import pytest
from spellchecker import SpellChecker

from editor.services.checks import spell_words
from editor.services.checks.spell_words import CompactWords


@pytest.fixture(scope="module")
def both():
    return SpellChecker(language="en", distance=2), spell_words.load("en")


def _sample(checker: SpellChecker) -> list[str]:
    words = sorted(checker.word_frequency.dictionary)
    return words[::1601]   # about a hundred, spread over the alphabet


def test_same_words_and_counts(both):
    checker, words = both
    dictionary = checker.word_frequency.dictionary
    assert len(words) == len(dictionary)
    assert words.longest == checker.word_frequency.longest_word_length
    assert set(words.letters) == checker.word_frequency.letters
    for word in _sample(checker):
        assert word in words and words.frequency(word) == dictionary[word], word
        for wrong in (word + "qx", "zq" + word, word.upper()):
            assert (wrong in words) == (wrong in dictionary), wrong


def test_same_candidates(both):
    checker, words = both
    misspelt = ["transparancy", "recieve", "teh", "definately", "acommodate", "wierd", "seperately",
                "xqzvw", "3.5", "nan", "occurence", "untill", "goverment", "thier", "beleive"]
    misspelt += [w[1:] + w[0] for w in _sample(checker)[10:20] if len(w) > 3]   # a rotated letter
    for word in misspelt:
        assert words.candidates(word) == checker.candidates(word), word


def test_the_cached_file_gives_the_same_list(tmp_path, both, monkeypatch):
    _checker, words = both
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = spell_words.load("en")              # built from the source, then written
    cached = spell_words.cache_folder() / "en.words"
    assert cached.is_file()
    again = spell_words.load("en")              # read back
    assert len(again) == len(built) == len(words)
    assert again.candidates("recieve") == built.candidates("recieve")
    assert CompactWords.from_bytes(cached.read_bytes(), "en:another-source") is None   # a new source: rebuilt
