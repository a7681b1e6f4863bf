"""Corpus round trip: no-change saves byte-identical, four one-field edits minimal and verified; prints figures.

Usage: python tests/bench/corpus_roundtrip.py [CORPUS_DIR]
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import time
import tomllib
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from editor.core import PostError, dumps, loads  # noqa: E402
from editor.core.files.io import to_bytes  # noqa: E402
from editor.core.files.text import decode  # noqa: E402

EDITS = {
    "title": lambda post: 'He said "hi": a colon',
    "draft": lambda post: not post.draft,
    "tags": lambda post: list(post.get("tags") or []) + ["hugo-post-editor"]
    if isinstance(post.get("tags") or [], list) else None,
    "publishDate": lambda post: dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
}


def independent_values(text: str, fmt: str) -> dict:
    """The front matter read by a parser that is not ours (PyYAML / tomllib)."""
    body = text.replace("\r\n", "\n")
    delim = "---" if fmt == "yaml" else "+++"
    start = body.index(delim) + len(delim)
    end = body.index("\n" + delim, start)
    fm = body[start:end]
    if fmt == "yaml":
        return yaml.load(fm, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return tomllib.loads(fm)


_TOP_YAML = re.compile(r"^(?![\s#-])[^:]+:(?:\s|$)")
_TOP_TOML = re.compile(r"^(?:[A-Za-z0-9_\"'.-]+\s*=|\[)")


def key_region(lines: list[str], fmt: str, names: list[str]) -> range:
    """Lines of the key (found without our parser): its line up to the next top-level line."""
    top = _TOP_YAML if fmt == "yaml" else _TOP_TOML
    starts = [i for i, line in enumerate(lines) if top.match(line) or line.strip() in ("---", "+++")]
    for i in starts:
        name = re.split(r"[:=]", lines[i], maxsplit=1)[0].strip().strip("\"'").lower()
        if name in names:
            nxt = next((j for j in starts if j > i), len(lines))
            return range(i, nxt)
    return range(0)


def minimal(before: str, after: str, fmt: str, names: list[str], new_lines: int) -> str | None:
    """None when only the key's own lines changed and at most `new_lines` lines were written."""
    a, b = before.splitlines(), after.splitlines()
    region = key_region(a, fmt, names)
    added = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 > i1 and not all(i in region for i in range(i1, i2)):
            return f"changed line {i1 + 1} outside the key"
        added += j2 - j1
    if added > new_lines:
        return f"wrote {added} lines for one value"
    return None


def check_edit(data: bytes, path: str, key: str) -> str | None:
    """None when the edit is minimal and verified, else a reason."""
    decoded = decode(data, path)
    post = loads(("\ufeff" if decoded.bom else "") + decoded.text, path=path)
    value = EDITS[key](post)
    if value is None:
        return None
    before = post.text
    names = {"title": ["title"], "draft": ["draft"], "tags": ["tags"],
             "publishDate": ["publishdate", "pubdate", "published"]}[key]
    had = key in post
    old_len = len(post.get("tags") or []) if key == "tags" and had else 0
    try:
        post[key] = value
    except PostError as exc:
        return f"refused: {exc}"
    after = post.text
    # A scalar: one line. A list: one line per new item, plus the key line when the key is new.
    new_lines = 1 if key != "tags" else (len(value) - old_len) + (0 if had else 1)
    problem = minimal(before, after, post.format, names, new_lines)
    if problem:
        return problem
    ind = independent_values(after, post.format)
    lower = {str(k).lower(): v for k, v in ind.items()}
    got = next((lower[n] for n in names if n in lower), None)
    if key == "publishDate":
        got = got if isinstance(got, dt.datetime) else dt.datetime.fromisoformat(str(got))
        if got.astimezone(dt.timezone.utc) != value.astimezone(dt.timezone.utc):
            return f"independent parser read {got!r}"
    elif got != value:
        return f"independent parser read {got!r}"
    return None


def measure(corpus: Path) -> dict:
    """Counts and timings over every post of `corpus`."""
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file())
    identical = refused_load = 0
    edits_ok = edits_total = 0
    failures: list[str] = []
    start = time.perf_counter()
    for f in files:
        data = f.read_bytes()
        try:
            decoded = decode(data, str(f))
            post = loads(("\ufeff" if decoded.bom else "") + decoded.text, path=str(f))
        except PostError as exc:
            refused_load += 1
            failures.append(f"load {exc}")
            continue
        if to_bytes(post) == data:
            identical += 1
        else:
            failures.append(f"not identical: {f}")
        if post.format not in ("yaml", "toml"):
            continue
        for key in EDITS:
            edits_total += 1
            reason = check_edit(data, str(f), key)
            if reason is None:
                edits_ok += 1
            else:
                failures.append(f"{key} on {f}: {reason}")
    elapsed = time.perf_counter() - start
    t0 = time.perf_counter()
    for f in files:
        try:
            dumps(loads(decode(f.read_bytes()).text, path=str(f)))
        except PostError:
            pass
    load_save = time.perf_counter() - t0
    return {"files": len(files), "identical": identical, "refused": refused_load,
            "edits_ok": edits_ok, "edits_total": edits_total, "failures": failures,
            "load_save_s": load_save, "with_edits_s": elapsed}


def main(corpus: Path) -> int:
    r = measure(corpus)
    for line in r["failures"][:60]:
        print("  " + line)
    print(f"no-change identical: {r['identical']}/{r['files']} (refused to load: {r['refused']})")
    print(f"minimal verified edits: {r['edits_ok']}/{r['edits_total']}")
    print(f"load+dumps of the whole corpus: {r['load_save_s']:.2f} s; "
          f"with the 4 edits each: {r['with_edits_s']:.2f} s")
    return 0 if r["identical"] == r["files"] and r["edits_ok"] == r["edits_total"] else 1


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
