"""The index's flat YAML reader gives exactly PyYAML's values, or declines; refresh re-reads only changes."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from editor.core.frontmatter import fast as fastfm
from editor.core.index.site_index import SiteIndex
from editor.core.hugo.site import load_site
from tests.conftest import corpus_posts, requires_corpus
from tests.sitegen import make_site

CASES = [
    'title: "Quoted: with colon"\nslug: spaces in slug\ndraft: false\n',
    "title: 'it''s single'\ntags: [a, b, c]\ncategories: []\n",
    "tags:\n  - one\n  - 'two'\n  - \"three\"\ndraft: true\n",
    "tags:\n- one\n- two\nnext: 3\n",
    "date: 2020-06-15T08:00:00-05:00\npublishdate: 2020-06-15\nlastmod: 2020-06-15T13:00:00Z\n",
    "date: 2020-06-15 08:00:00 -05:00\nexpiryDate: 2020-06-15T08:00:00.123456-05:00\n",
    "date: 2020-13-45\n",                      # impossible date: a string (Hugo: not a parsable date)
    "draft: yes\nok: on\nflag: True\nother: FALSE\n",   # YAML 1.2: only true/false are booleans
    "weight: 0755\nhex: 0x1F\noct: 0o17\nneg: -3\nf: 1.5\ninf: .inf\nnan: .NaN\nexp: 1e3\n",
    "empty:\nnull1: ~\nnull2: null\nafter: x\n",
    "# a comment\ntitle: x\n\n# another\n",
    "url: http://example.com/a:b\ntitle: C# and C++\n",
    "title: x # trailing comment\n",             # declines: comments after values
    "title: |\n  block\n",                        # declines: block scalar
    "title: >\n  folded\n",
    "params:\n  mood: ok\n",                      # declines: nested mapping
    "title: a\n  continued\n",                    # declines: multi-line plain scalar
    "title: \"esc\\\"aped\"\n",                   # declines: escapes
    "tags: [a, [b]]\n", "tags: [\"a, b\", c]\n", "tags: [a: b]\n", "tags: [a,\n b]\n",
    "true: 1\n", "null: 2\n", "1: 3\n", "\"q\": 4\n", "key:value\n", "title: &a x\nother: *a\n",
    "title: x\ttab\n", "title: x\u2028y\n", "title: x\x85y\n", "---\ntitle: x\n",
    "title: x\ntitle: y\n", "title: @x\n", "title: `x`\n", "list:\n  - a\n   - b\n",
    "list:\n  -\n", "list:\n  - a: b\n", "list:\n  - - a\n", "k: =\n", "k: ''\n", 'k: ""\n',
    "k: ---\n", "k: -x\n", "k: --\n", "k: - x\n", "k: [ ]\n", "k: -5\n", "k: +5\n", "k: .5\n",
    "k: 12:30\n", "k: 2020\n", "k: 1_000\n",
]


def _both(text: str):
    try:
        flat = fastfm._flat(text)
    except fastfm._Fallback:
        flat = "declined"
    try:
        full = fastfm._pyyaml(text)
    except Exception as exc:  # noqa: BLE001 - compare failures too
        full = type(exc)
    return flat, full


def _same(a, b) -> bool:
    if isinstance(a, float) and a != a:
        return isinstance(b, float) and b != b
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b and getattr(a, "tzinfo", None) == getattr(b, "tzinfo", None)


@pytest.mark.parametrize("text", CASES)
def test_flat_reader_equals_pyyaml_or_declines(text):
    flat, full = _both(text)
    if flat == "declined":
        return
    assert isinstance(full, dict) or full is None, (text, full)
    assert _same(flat, full or {}), (text, flat, full)


def test_flat_reader_is_used_for_the_usual_front_matter():
    accepted = [t for t in CASES[:12] if _both(t)[0] != "declined"]
    assert len(accepted) == 12
    assert _both("title: |\n  block\n")[0] == "declined"


def test_impossible_date_is_a_string_not_a_crash():
    assert fastfm.load_yaml("date: 2020-13-45\n") == {"date": "2020-13-45"}
    assert fastfm._pyyaml("x: [2020-13-45]\n") == {"x": ["2020-13-45"]}


@requires_corpus
def test_flat_reader_agrees_on_every_corpus_front_matter():
    checked = used = 0
    for path in corpus_posts():
        text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
        try:
            fmt, fm, _, _ = fastfm.split(text)
        except Exception:  # noqa: BLE001 - unsplittable files are not this test's business
            continue
        if fmt != "yaml" or not fm.strip():
            continue
        checked += 1
        flat, full = _both(fm.replace("\r\n", "\n"))
        if flat == "declined":
            continue
        used += 1
        assert _same(flat, full or {}), path
    assert checked > 100 and used > checked // 2, (checked, used)


def test_refresh_rereads_only_changed_files_and_saves_later(tmp_path):
    posts = {f"posts/p{i}.md": f"---\ntitle: P{i}\ndate: 2020-01-0{i + 1}\n---\nbody\n" for i in range(5)}
    root = make_site(tmp_path, posts)
    cache = tmp_path / "cache.sqlite3"
    index = SiteIndex(load_site(root), cache=cache).refresh(save=False)
    assert index.reindexed == 5 and not cache.exists() or SiteIndex(load_site(root), cache=cache) \
        .refresh().reindexed == 5
    index.save()
    target = root / "content" / "posts" / "p1.md"
    target.write_text("---\ntitle: Changed\ndate: 2020-01-02\n---\nbody\n")
    os.utime(target, ns=(1, 1))   # a different mtime for sure, whatever the clock's resolution
    (root / "content" / "posts" / "p4.md").unlink()
    (root / "content" / "posts" / "new.md").write_text("---\ntitle: New\n---\n")
    index.refresh()
    assert index.changed == {str(target), str(root / "content" / "posts" / "new.md")}
    assert index.removed == {str(root / "content" / "posts" / "p4.md")}
    titles = {e["title"] for e in index.entries(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))}
    assert titles == {"P0", "Changed", "P2", "P3", "New"}
    again = SiteIndex(load_site(root), cache=cache).refresh()
    assert again.reindexed == 0 and again.entries() == index.entries()


def test_progress_is_reported(tmp_path):
    posts = {f"posts/p{i}.md": f"---\ntitle: P{i}\n---\n" for i in range(620)}
    root = make_site(tmp_path, posts)
    seen: list[tuple[int, int]] = []
    SiteIndex(load_site(root), use_cache=False).refresh(progress=lambda d, t: seen.append((d, t)),
                                                        start="subprocess")
    assert seen and seen[-1] == (620, 620) and all(t == 620 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 1


def test_word_count_is_whitespace_split_and_reads_survive_growth(tmp_path):
    from editor.core.index.entry import _read, _words
    samples = [b"", b" ", b"one", b" one", b"one ", b"a  b\tc\nd\re\x0bf\x0cg", b"caf\xc3\xa9 \xe2\x80\x93 x",
               b"\x1c\x1d not-space-for-bytes", "日本語 スラッグ".encode()]
    samples += [p.read_bytes() for p in corpus_posts()[:300]]
    assert [_words(s) for s in samples] == [len(s.split()) for s in samples]
    f = tmp_path / "f.md"
    f.write_bytes(b"x" * 70000)
    assert _read(str(f), 10) == b"x" * 70000 and _read(str(f), None) == b"x" * 70000
    assert _read(str(f), 70000) == b"x" * 70000 and _read(str(f), 90000) == b"x" * 70000


def test_the_flat_reader_refuses_exactly_the_characters_outside_its_plain_subset():
    """_UNSAFE names the characters to refuse; the plain subset it guards is \\n, printable ASCII
    and these printable ranges (no C1 controls, line/paragraph separators, surrogates, BOM)."""
    from editor.core.frontmatter.fast import _UNSAFE
    safe = [(0x0A, 0x0A), (0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE),
            (0xFF00, 0xFFFD), (0x10000, 0x10FFFF)]
    text = "".join(map(chr, range(0x110000)))
    refused = {m.start() for m in _UNSAFE.finditer(text)}
    assert refused == {c for c in range(0x110000) if not any(a <= c <= b for a, b in safe)}
