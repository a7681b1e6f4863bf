"""A spell-check word list in a few flat arrays (not 160,000 Python strings): membership and suggestions.

pyspellchecker keeps its dictionary as a dict of word -> count (about 38 MB for English, 150 ms to
parse each start). Here the words are one UTF-8 blob, found through a sorted array of their CRC-32s
(bisect in C over integers, then one byte comparison); counts sit in a parallel array. The arrays
are built once from pyspellchecker's own word list and kept in the user cache folder, so a later
start reads one file of about 4 MB. Suggestions follow pyspellchecker's `candidates` exactly (edit
distance 1, else 2, over the letters the word list uses), so the answers are the same.
"""

from __future__ import annotations

import gzip
import json
import os
import string
import zlib
from array import array
from bisect import bisect_left
from pathlib import Path

FORMAT = b"HPEWORDS2\n"


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):   # a relative value is invalid (XDG spec): never the current folder
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hugo-post-editor" / "spelling"


def source_file(language: str) -> Path:
    """pyspellchecker's word list for `language` (a gzipped JSON object of word -> count)."""
    import spellchecker
    return Path(spellchecker.__file__).parent / "resources" / f"{language}.json.gz"


class CompactWords:
    """`word in words`, `words.frequency(word)`, `words.candidates(word)` (pyspellchecker's answers)."""

    def __init__(self, blob: bytes, hashes: array, offsets: array, counts: array, letters: str,
                 longest: int) -> None:
        self._blob, self._hashes, self._offsets, self._counts = blob, hashes, offsets, counts
        self.letters = letters          # every character the word list uses, in a fixed order
        self.longest = longest          # the longest word's length in characters

    # ------------------------------------------------------------------ building and storing
    @classmethod
    def from_counts(cls, counts: dict[str, int]) -> CompactWords:
        encoded = sorted((zlib.crc32(w.encode("utf-8")), w.encode("utf-8"), n) for w, n in counts.items())
        hashes, offsets, freq = array("I"), array("I", [0]), array("Q")
        parts: list[bytes] = []
        at = 0
        for h, raw, n in encoded:
            hashes.append(h)
            parts.append(raw)
            at += len(raw) + 1
            offsets.append(at)
            freq.append(n)
        letters = "".join(sorted(set().union(*counts))) if counts else ""
        longest = max(map(len, counts), default=0)
        return cls(b"\n".join(parts) + b"\n" if parts else b"", hashes, offsets, freq, letters, longest)

    @classmethod
    def from_source(cls, path: Path) -> CompactWords:
        """Parsed as pyspellchecker does: the whole file lower-cased, then read as JSON (last key wins)."""
        with gzip.open(path, "rt", encoding="utf-8") as f:
            counts = json.loads(f.read().lower())
        return cls.from_counts(counts)

    def to_bytes(self, stamp: str) -> bytes:
        head = json.dumps({"stamp": stamp, "letters": self.letters, "longest": self.longest,
                           "n": len(self._hashes), "blob": len(self._blob)}).encode("utf-8")
        return (FORMAT + head + b"\n" + self._hashes.tobytes() + self._offsets.tobytes()
                + self._counts.tobytes() + self._blob)

    @classmethod
    def from_bytes(cls, data: bytes, stamp: str) -> CompactWords | None:
        """None when `data` is not a word list of this format built from the source `stamp` names."""
        if not data.startswith(FORMAT):
            return None
        end = data.index(b"\n", len(FORMAT))
        head = json.loads(data[len(FORMAT):end])
        if head.get("stamp") != stamp:
            return None
        n, at = head["n"], end + 1
        hashes, offsets, counts = array("I"), array("I"), array("Q")
        for arr, count in ((hashes, n), (offsets, n + 1), (counts, n)):
            size = count * arr.itemsize
            arr.frombytes(data[at:at + size])
            at += size
        blob = data[at:at + head["blob"]]
        if len(blob) != head["blob"] or len(counts) != n:
            return None
        return cls(blob, hashes, offsets, counts, head["letters"], head["longest"])

    # ------------------------------------------------------------------ lookups
    def __len__(self) -> int:
        return len(self._hashes)

    def _index(self, word: str) -> int:
        raw = word.encode("utf-8", "surrogatepass")
        h = zlib.crc32(raw)
        hashes, offsets, blob = self._hashes, self._offsets, self._blob
        i = bisect_left(hashes, h)
        while i < len(hashes) and hashes[i] == h:
            start, end = offsets[i], offsets[i + 1] - 1
            if end - start == len(raw) and blob[start:end] == raw:
                return i
            i += 1
        return -1

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) >= 0

    def frequency(self, word: str) -> int:
        i = self._index(word)
        return self._counts[i] if i >= 0 else 0

    # ------------------------------------------------------------------ pyspellchecker's candidates
    def _should_check(self, word: str) -> bool:
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self.longest + 3:   # allow removal of up to 2 letters
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
            return False
        except ValueError:
            return True

    def known(self, words) -> set[str]:
        # The lookup inlined: suggestions at edit distance 2 ask about a quarter of a million strings.
        crc, hashes, n = zlib.crc32, self._hashes, len(self._hashes)
        found = set()
        for word in words:
            word = word.lower()
            h = crc(word.encode("utf-8", "surrogatepass"))
            i = bisect_left(hashes, h)
            if i < n and hashes[i] == h and self._index(word) >= 0 and self._should_check(word):
                found.add(word)
        return found

    def edits1(self, word: str) -> set[str]:
        word = word.lower()
        if not self._should_check(word):
            return {word}
        letters = self.letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [a + b[1:] for a, b in splits if b]
        transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
        inserts = [a + c + b for a, b in splits for c in letters]
        return set(deletes + transposes + replaces + inserts)

    def candidates(self, word: str) -> set[str] | None:
        """The known words nearest to `word` (itself when known), as pyspellchecker (distance 2) gives them."""
        if self.known([word]):
            return {word}
        if not self._should_check(word):
            return {word}
        first = list(self.edits1(word))
        found = self.known(first)
        if found:
            return found
        found = {e2 for e1 in first if self._should_check(e1) for e2 in self.known(self.edits1(e1.lower()))}
        return found or None


def _stamp(language: str) -> str:
    st = source_file(language).stat()
    return f"{language}:{st.st_size}:{int(st.st_mtime)}"


def _read_cached(language: str) -> CompactWords | None:
    try:
        return CompactWords.from_bytes((cache_folder() / f"{language}.words").read_bytes(), _stamp(language))
    except (OSError, ValueError, KeyError):
        return None


def build(language: str) -> CompactWords:
    """Parse pyspellchecker's word list for `language` and write the compact one to the cache folder."""
    words = CompactWords.from_source(source_file(language))
    cached = cache_folder() / f"{language}.words"
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(words.to_bytes(_stamp(language)))
        os.replace(tmp, cached)
    except OSError:
        pass   # a read-only cache folder: built again next time
    return words


def load(language: str) -> CompactWords:
    """The word list for `language`: read from the cache folder, built there first when missing or stale.

    The build parses 160,000 words into Python objects; it runs in a child process when it can, so
    the memory that takes is returned to the system with it instead of staying in the app."""
    words = _read_cached(language)
    if words is None:
        import subprocess
        import sys
        subprocess.run([sys.executable, "-m", "editor.services.checks.spell_words", language], check=False,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        words = _read_cached(language)
    return words if words is not None else build(language)


if __name__ == "__main__":
    import sys
    build(sys.argv[1])
