"""Mojibake detection and repair: the seed's `â€“`, no false positives on the corpus, full recall on mangled lines."""

from __future__ import annotations

import pytest

from editor.core.lint import mojibake
from tests.conftest import SEED, corpus_posts, requires_corpus


def test_seed_mojibake_is_found_and_repaired():
    line = next(line for line in SEED.read_text(encoding="utf-8").split("\n") if "policies" in line)
    found = mojibake.find(line)
    assert [(m.text, m.fixed) for m in found] == [("â€“", "–")]
    assert "policies – technology" in mojibake.repair(line)
    assert "â€“" not in mojibake.repair(line)


@pytest.mark.parametrize("meant", ["café", "naïve – “quoted‘ x’ … €5 ™", "Oğuz miesiące", "日本語"])
def test_mangled_text_is_repaired_exactly(meant):
    mangled = meant.encode("utf-8").decode("cp1252")
    assert mojibake.find(mangled)
    assert mojibake.repair(mangled) == meant


@pytest.mark.parametrize("clean", ["Ångström", "Ærøskøbing", "São Paulo – Brasil", "naïve café", "price: 5 €",
                                   "“quoted” — fine…"])
def test_correct_text_is_left_alone(clean):
    assert mojibake.find(clean) == []


@requires_corpus
def test_no_false_positives_and_full_recall_on_the_corpus():
    """Every corpus line: none flagged as is; each non-ASCII line mangled UTF-8→cp1252 is repaired exactly."""
    flagged, mangled, repaired = [], 0, 0
    for path in corpus_posts():
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            if mojibake.find(line):
                flagged.append((path.name, line[:80]))
            if line.isascii() or "\ufffd" in line:
                continue
            try:
                bad = line.encode("utf-8").decode("cp1252")
            except UnicodeDecodeError:
                continue   # bytes cp1252 leaves undefined (0x81, 0x8d, …)
            mangled += 1
            repaired += mojibake.repair(bad) == line
    assert flagged == []
    assert mangled > 1000 and repaired == mangled
