"""Hostile front-matter values and YAML alias bombs: a PostError with file and line (or a loaded post),
one line and exit 2 from the command line, and a problem (never a crash) in the index and `check`."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from editor.core import PostError, load, loads
from editor.core.frontmatter import fast as fastfm
from editor.core.index.site_index import SiteIndex
from editor.core.frontmatter.parseguard import ALIAS_BUDGET
from editor.core.hugo.site import open_site
from tests.conftest import ROOT

DIGITS = "9" * 5000
# name -> (text, the 1-based file line the error must name, or None when the post loads)
HOSTILE = {
    "float-abc.md": ("---\ntitle: x\na: !!float abc\n---\nbody\n", 3),
    "int-abc.md": ("---\ntitle: x\na: !!int abc\n---\nbody\n", 3),
    "recursive-alias.md": ("---\ntitle: x\na: &a [*a]\n---\nbody\n", 3),
    "recursive-map.md": ("---\ntitle: x\na: &a\n  b: *a\n---\nbody\n", 3),
    "huge-date.md": ("---\ntitle: x\ndate: 99999999999999999999\n---\nbody\n", None),
    "digits-yaml.md": (f"---\ntitle: x\nn: {DIGITS}\n---\nbody\n", 3),
    "digits-json.md": (f'{{\n  "title": "x",\n  "n": {DIGITS}\n}}\nbody\n', 3),
    "digits-toml.md": (f'+++\ntitle = "x"\nn = {DIGITS}\n+++\nbody\n', 3),
    "deep-toml.md": ('+++\ntitle = "x"\na = ' + "[" * 5000 + "]" * 5000 + "\n+++\nbody\n", 3),
    "deep-json.md": ('{\n"title": "x",\n"a": ' + "[" * 5000 + "]" * 5000 + "\n}\nbody\n", 3),
    "deep-yaml.md": ("---\ntitle: x\na: " + "[" * 5000 + "]" * 5000 + "\n---\nbody\n", 3),
    "python-object.md": ("---\ntitle: x\na: !!python/object/apply:os.system ['echo hi']\n---\nbody\n", None),
    "python-name.md": ("---\ntitle: x\na: !!python/name:os.system\n---\nbody\n", None),
    "custom-tag.md": ("---\ntitle: x\na: !custom {b: 1}\n---\nbody\n", None),
    "control-char.md": ("---\ntitle: x\nsummary: \"a\x0cb\"\n---\nbody\n", None),   # Hugo keeps it
    # 1,000 aliases of a 60 KB string: few nodes, but 60 MB for whoever prints or stores the tags.
    "text-bomb.md": ("---\ntitle: x\na: &a \"" + "x" * 60_000 + "\"\ntags: [" + ", ".join(["*a"] * 1000)
                     + "]\n---\nbody\n", 4),
}


def bomb(depth: int, width: int = 9) -> str:
    """A "billion laughs" front matter: each level repeats the previous one `width` times."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, depth + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


BOMB = "---\ntitle: x\n" + bomb(8) + "---\nbody\n"   # ≈ 500 bytes, 10⁸ values expanded


def run(*args):
    return subprocess.run([sys.executable, "-m", "editor", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_load_names_file_and_line_or_loads(tmp_path, name):
    text, line = HOSTILE[name]
    path = tmp_path / name
    path.write_text(text)
    if line is None:
        post = load(path)
        assert post["title"] == "x"
        post.dates()   # the Hugo view must not crash either (date out of range counts as unset)
        return
    with pytest.raises(PostError) as info:
        load(path)
    assert info.value.path == str(path) and info.value.line == line, str(info.value)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert len(str(info.value)) < 400     # never the 5,000-digit value itself


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_command_answers_in_one_line(tmp_path, name):
    text, line = HOSTILE[name]
    path = tmp_path / name
    path.write_text(text)
    for args in (["show", path], ["set", path, "draft=true"], ["render", path]):
        result = run(*args)
        assert "Traceback" not in result.stderr, result.stderr
        if line is None:
            assert result.returncode == 0, (args, result.stderr)
        else:
            assert result.returncode == 2, (args, result.stderr)
            assert result.stderr.count("\n") == 1 and f"{name}:{line}:" in result.stderr
    result = run("check", path)
    assert "Traceback" not in result.stderr
    if line is not None:
        assert result.returncode == 1 and f"{name}:{line}:" in result.stdout, result.stdout


def test_index_and_list_carry_the_problem_instead_of_crashing(tmp_path):
    posts = tmp_path / "site" / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    for name, (text, _) in HOSTILE.items():
        (posts / name).write_text(text)
    (posts / "bomb.md").write_text(BOMB)
    index = SiteIndex(open_site(tmp_path / "site"), use_cache=False)
    index.refresh(save=False)
    entries = {e["path"].rsplit("/", 1)[-1]: e for e in index.entries()}
    assert set(entries) == set(HOSTILE) | {"bomb.md"}
    for name, (_, line) in HOSTILE.items():
        problems = [p for p in entries[name]["problems"] if p["severity"] == "error"]
        if line is not None:
            assert problems and problems[0]["line"] == line, (name, problems)
        elif name != "huge-date.md":    # Hugo refuses that date; everything else Hugo builds
            assert not problems, (name, problems)
    assert any("alias" in p["message"] for p in entries["bomb.md"]["problems"])
    result = run("list", tmp_path / "site", "--no-cache")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "bomb.md" in result.stdout


def test_alias_bomb_is_refused_with_a_post_error_everywhere(tmp_path):
    assert len(BOMB.encode()) < 600
    path = tmp_path / "bomb.md"
    path.write_text(BOMB)
    with pytest.raises(PostError, match="alias") as info:
        load(path)
    assert info.value.line is not None and info.value.path == str(path)
    with pytest.raises(PostError, match="alias"):
        fastfm.parse("yaml", bomb(8))
    for args in (["show", path], ["set", path, "draft=true"]):
        result = run(*args)
        assert result.returncode == 2 and "alias" in result.stderr and result.stderr.count("\n") == 1
    result = run("check", path)
    assert result.returncode == 1 and "alias" in result.stdout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(0, 9), width=st.integers(1, 9))
def test_alias_expansion_is_refused_exactly_past_the_budget(depth, width):
    text = "---\ntitle: x\n" + bomb(depth, width) + "---\n"
    # Level 0 is a sequence of `width` scalars; level i a sequence of `width` aliases of level i-1.
    sizes = [1 + width]
    for _ in range(depth):
        sizes.append(1 + width * sizes[-1])
    expanded = 3 + sum(1 + size for size in sizes)          # root mapping, title pair, key + value
    written = 3 + (2 + width) + 2 * depth                    # an alias is the node it names
    over = expanded - written > ALIAS_BUDGET
    for parse in (lambda: loads(text), lambda: fastfm.parse("yaml", text.split("---\n")[1])):
        if over:
            with pytest.raises(PostError, match="alias"):
                parse()
        else:
            parse()


@settings(max_examples=30, deadline=None)
@given(depth=st.integers(1, 6000), fmt=st.sampled_from(["yaml", "toml", "json"]),
       bracket=st.sampled_from(["[]", "{}"]))
def test_any_nesting_depth_loads_or_names_a_line(depth, fmt, bracket):
    open_, close = bracket
    inner = open_ * depth + close * depth if open_ == "[" else _nested_map(depth, fmt)
    text = {"yaml": f"---\ntitle: x\na: {inner}\n---\nbody\n",
            "toml": f'+++\ntitle = "x"\na = {inner}\n+++\nbody\n',
            "json": f'{{"title": "x",\n"a": {inner}}}\nbody\n'}[fmt]
    for parse in (lambda: loads(text), lambda: _fast(text)):
        try:
            parse()
        except PostError as exc:
            assert exc.line is not None and exc.line >= 1


def _nested_map(depth: int, fmt: str) -> str:
    key = {"yaml": "k: ", "toml": "k = ", "json": '"k": '}[fmt]
    return ("{" + key) * depth + "1" + "}" * depth


def _fast(text: str):
    fmt, fm, _, _ = fastfm.split(text)
    return fastfm.parse(fmt, fm)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="[]{}&*!:-#'\"abc01 \n,|>?%@`\t\\.", max_size=80))
def test_any_yaml_front_matter_loads_or_raises_post_error(fm):
    text = "---\n" + fm + "\n---\nbody\n"
    for parse in (lambda: loads(text), lambda: _fast(text)):
        try:
            parse()
        except PostError:
            pass


@pytest.mark.parametrize("fm", ["title: " + "x" * 10_000_000 + "\n",
                                "".join(f"k{i}: {i}\n" for i in range(100_000)),
                                "tags:\n" + "".join(f"  - t{i}\n" for i in range(100_000))])
def test_huge_front_matter_is_refused_at_once_but_still_indexed(tmp_path, fm):
    """The round-trip parser needs ~30 s for these; the post is refused (raw text in the window),
    while the index (C loader) still lists it, as Hugo builds it."""
    path = tmp_path / "site" / "content" / "huge.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\n" + fm + "---\nbody\n")
    with pytest.raises(PostError, match="reads at most 64 KB") as info:
        load(path)
    assert info.value.line == 2
    index = SiteIndex(open_site(tmp_path / "site"), use_cache=False)
    index.refresh(save=False)
    assert [e["problems"] for e in index.entries()] == [[]]


@settings(max_examples=20, deadline=None)
@given(depth=st.integers(1, 3000), bracket=st.sampled_from(["[]", "{}"]))
def test_yaml_flow_nesting_past_the_limit_is_refused_before_parsing(depth, bracket):
    from editor.core.frontmatter.parseguard import MAX_FLOW_DEPTH
    inner = bracket[0] * depth + bracket[1] * depth if bracket == "[]" else _nested_map(depth, "yaml")
    text = f"---\ntitle: x\na: {inner}\n---\nbody\n"
    if depth <= MAX_FLOW_DEPTH:
        assert loads(text)["title"] == "x"
    else:
        with pytest.raises(PostError, match=f"nested more than {MAX_FLOW_DEPTH} levels") as info:
            loads(text)
        assert info.value.line == 3


def test_odd_keys_and_binary_values_read_as_hugo_reads_them(tmp_path):
    from editor.core.hugo import binary as hugo
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    (posts / "keys.md").write_text("---\ntitle: x\n1: a\ntrue: b\n3.5: e\n2020-01-01: f\n---\nbody\n")
    (posts / "nulls.md").write_text("---\ntitle: x\nnull: c\n~: d\n---\nbody\n")
    (posts / "bin.md").write_text("---\ntitle: !!binary aGVsbG8=\n---\nbody\n")
    post = load(posts / "keys.md")
    assert post.keys() == ["title", "1", "true", "3.5", "2020-01-01"]   # 1 and true are two keys
    assert post["true"] == "b" and post["1"] == "a" and not post.duplicate_keys
    assert load(posts / "bin.md")["title"] == "hello"
    assert load(posts / "nulls.md").duplicate_keys        # null and ~ are both "": Hugo refuses it
    index = SiteIndex(open_site(root), use_cache=False)
    index.refresh(save=False)
    entries = {e["path"].rsplit("/", 1)[-1]: e for e in index.entries()}
    assert entries["keys.md"]["problems"] == [] and entries["bin.md"]["title"] == "hello"
    assert entries["nulls.md"]["problems"]
    if hugo.hugo_binary() is not None:
        (posts / "nulls.md").unlink()
        listed = {p.path.rsplit("/", 1)[-1]: p for p in hugo.list_pages(root)}
        assert listed["bin.md"].title == "hello" and listed["keys.md"].title == "x"


@pytest.mark.parametrize("fm, values", [
    ("title:\tTabbed\n", {"title": "Tabbed"}),
    ("title: Trailing\t\n", {"title": "Trailing"}),
    ("title: x\t# note\n", {"title": "x"}),
    ("tags:\t[a, b]\n", {"tags": ["a", "b"]}),
    ('title:\t"a\tb"\n', {"title": "a\tb"}),
])
def test_separating_tabs_read_as_hugo_and_the_index_read_them(tmp_path, fm, values):
    """ruamel refuses these tabs; YAML 1.2, libyaml (the index) and Hugo accept them."""
    text = "---\n" + fm + "draft: true\n---\nbody\n"
    post = loads(text)
    assert {k: post.raw(k) for k in values} == values
    assert fastfm.parse("yaml", fm) == values
    post["draft"] = False
    assert dumps_text(post) == text.replace("draft: true", "draft: false")   # tabs kept as written


def test_indentation_tabs_are_still_refused():
    with pytest.raises(PostError, match="tab"):
        loads("---\ntitle: x\nparams:\n\tkey: 1\n---\nbody\n")


def dumps_text(post) -> str:
    from editor.core import dumps
    return dumps(post)


NUMBERS = {"a": "08", "b": "1e3", "c": ".5", "d": "+12", "e": "0x_1F", "f": "-017", "g": "1_0.5", "h": "0o8",
           "i": "09.5", "j": "-0b11", "k": "0777", "l": "00", "m": "1__0", "n": "1e+3", "o": "1.e3",
           "p": "12:30", "q": "1.0e+3", "r": "-.inf", "s": "0o17", "t": "1_000_000", "u": "12e03"}


def _kind(value) -> str:
    return {str: "string", int: "int", float: "float"}[type(value)]


def test_numbers_read_as_hugo_reads_them_in_post_and_index(tmp_path):
    from editor.core.hugo import binary as hugo
    fm = "".join(f"{k}: {v}\n" for k, v in NUMBERS.items())
    post = loads("---\ntitle: t\n" + fm + "---\nbody\n")
    mine = {k: post.raw(k) for k in NUMBERS}
    index = fastfm.parse("yaml", fm)
    assert {k: repr(v) for k, v in mine.items()} == {k: repr(index[k]) for k in NUMBERS}   # Post == index
    if hugo.hugo_binary() is None:
        return
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    (root / "layouts" / "_default" / "single.html").write_text(
        '{{ range $k, $v := .Params }}{{ $k }}={{ $v }}|{{ printf "%T" $v }};{{ end }}')
    (root / "content" / "posts" / "n.md").write_text("---\ntitle: t\n" + fm + "---\nbody\n")
    out = hugo.run(["--quiet"], cwd=root)
    assert out.returncode == 0, out.stderr
    import html
    rendered = html.unescape((root / "public" / "posts" / "n" / "index.html").read_text())
    theirs = {}
    for part in rendered.strip().strip(";").split(";"):
        key, _, rest = part.partition("=")
        text, _, go_type = rest.rpartition("|")
        theirs[key] = ({"uint64": "int", "int64": "int", "float64": "float"}.get(go_type, go_type), text)
    for key, value in mine.items():
        kind, text = theirs[key]
        assert _kind(value) == kind, (key, NUMBERS[key], value, theirs[key])
        if kind == "int":
            assert value == int(text), (key, value, text)
        if kind == "string":
            assert value == text


CONTROLS = {"quoted.md": ('---\ntitle: "a\x0cb"\ndraft: true\ntags: [x]\n---\nbody\n', "a\x0cb"),
            "plain.md": ("---\ntitle: a\x0bb plain\ndraft: true\n---\nbody\n", "a\x0bb plain"),
            "soh.md": ('---\ntitle: "q\x01r"\ndraft: true\n---\nbody\n', "q\x01r"),
            "block.md": ("---\ntitle: t\x1e\ndesc: |\n  line\x0cone\ndraft: true\n---\nbody\n", "t\x1e")}


def test_control_characters_read_as_hugo_keeps_them_and_edits_land_on_the_right_lines(tmp_path):
    """Form feeds and vertical tabs (pasted from PDFs) are refused by YAML readers but kept by Hugo;
    str.splitlines() breaks lines at them, which would shift every edit after one."""
    from editor.core import dumps
    from editor.core.hugo import binary as hugo
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    for name, (text, title) in CONTROLS.items():
        (posts / name).write_text(text)
        post = load(posts / name)
        assert post["title"] == title and fastfm.parse("yaml", text.split("---\n")[1])["title"] == title
        post["draft"] = False
        post["tags"] = ["y"]
        out = dumps(post)
        assert out.startswith(text.split("draft: true")[0]) and "draft: false\n" in out
        again = loads(out)
        assert again["title"] == title and again["draft"] is False and again["tags"] == ["y"]
    index = SiteIndex(open_site(root), use_cache=False)
    index.refresh(save=False)
    assert all(not e["problems"] for e in index.entries())
    if hugo.hugo_binary() is not None:
        listed = {p.path.rsplit("/", 1)[-1]: p.title for p in hugo.list_pages(root)}
        assert listed == {name: title for name, (_, title) in CONTROLS.items()}
