"""Every real post of ../shared/corpus saves byte-identical and takes four one-field edits minimally."""

import importlib.util

from tests.conftest import CORPUS, ROOT, requires_corpus


def _bench():
    spec = importlib.util.spec_from_file_location("corpus_roundtrip", ROOT / "tests/bench/corpus_roundtrip.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@requires_corpus
def test_corpus_round_trip_and_minimal_edits():
    result = _bench().measure(CORPUS)
    assert result["files"] > 1000
    assert result["failures"] == []
    assert result["identical"] == result["files"]
    assert result["edits_ok"] == result["edits_total"] > 4000
