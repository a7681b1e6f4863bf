"""Edits next to odd values and layouts: NaN values, new TOML keys before tables, comments in block lists."""

from __future__ import annotations

import math

import pytest
import tomllib
import yaml
from hypothesis import given, settings, strategies as st

from editor.core import dumps, loads

NAN = {"yaml": ".nan", "toml": "nan", "json": "NaN"}


def _post(fmt: str, pairs: dict[str, str]) -> str:
    if fmt == "yaml":
        return "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs.items()) + "---\nbody\n"
    if fmt == "toml":
        return "+++\n" + "".join(f"{k} = {v}\n" for k, v in pairs.items()) + "+++\nbody\n"
    return "{\n" + ",\n".join(f'  "{k}": {v}' for k, v in pairs.items()) + "\n}\nbody\n"


@settings(max_examples=40, deadline=None)
@given(fmt=st.sampled_from(["yaml", "toml", "json"]),
       shape=st.sampled_from(["{n}", "[1, {n}]", "[[{n}]]"]),
       edit=st.sampled_from([("title", "New title"), ("draft", True), ("tags", ["a", "b"]),
                             ("weight2", 3), ("summary", "x: y")]))
def test_a_nan_value_never_blocks_editing_another_key(fmt, shape, edit):
    key, value = edit
    nan = shape.format(n=NAN[fmt])
    if fmt == "toml" and shape == "{n}":
        nan = NAN[fmt]
    text = _post(fmt, {"title": '"Old"', "weight": nan})
    post = loads(text)
    post[key] = value
    assert post[key] == value
    flat = post.raw("weight")
    while isinstance(flat, list):
        flat = flat[-1]
    assert math.isnan(flat)
    assert dumps(post).count(NAN[fmt]) == 1          # the NaN line itself is untouched


def test_nan_edit_from_the_command_line(tmp_path):
    from editor.cli import main
    path = tmp_path / "nan.md"
    path.write_text("---\ntitle: x\nweight: .nan\n---\nbody\n")
    assert main(["set", str(path), "title=y"]) == 0
    assert path.read_text() == "---\ntitle: y\nweight: .nan\n---\nbody\n"


@pytest.mark.parametrize("before, after", [
    ('title = "x"\n[params]\na = 1\n', 'title = "x"\ndraft = true\n[params]\na = 1\n'),
    ('title = "x"\n\n[params]\na = 1\n', 'title = "x"\ndraft = true\n\n[params]\na = 1\n'),
    ('title = "x"\n# the theme\n[params]\na = 1\n', 'title = "x"\ndraft = true\n# the theme\n[params]\na = 1\n'),
    ('[params]\na = 1\n', 'draft = true\n[params]\na = 1\n'),
    ('title = "x"\nlist = [\n  [1],\n]\n[params]\n', 'title = "x"\nlist = [\n  [1],\n]\ndraft = true\n[params]\n'),
    ('title = "x"\ns = """\n[not a table]\n"""\n', 'title = "x"\ns = """\n[not a table]\n"""\ndraft = true\n'),
    ('title = "x"\n[[menu]]\nname = "m"\n', 'title = "x"\ndraft = true\n[[menu]]\nname = "m"\n'),
])
def test_a_new_toml_key_adds_exactly_one_line(before, after):
    post = loads("+++\n" + before + "+++\nbody\n")
    post["draft"] = True
    assert dumps(post) == "+++\n" + after + "+++\nbody\n"
    assert tomllib.loads(after)["draft"] is True


@pytest.mark.parametrize("new", [["c"], ["z", "y", "x"], [], ["a", "b"]])
def test_replacing_a_block_list_keeps_its_comment_lines(new):
    text = "---\ntitle: x\ntags:\n  - a\n  # why b\n  - b\n  # last words\n# about draft\ndraft: true\n---\nbody\n"
    post = loads(text)
    post["tags"] = new
    out = dumps(post)
    for comment in ("  # why b\n", "  # last words\n", "# about draft\n"):
        assert out.count(comment) == 1, out
    assert yaml.safe_load(out.split("---\n")[1]) == {"title": "x", "tags": new, "draft": True}
    assert out.index("# last words") > max((out.index(f"- {t}") for t in new), default=0)


@pytest.mark.parametrize("key", ["a: b", "x\ny", "#k", "[k]", "k #c", "&a", "? x", "k:", '"q"', "!t",
                                 "true", "1", "<<", "with space", "--- x"])
def test_a_new_yaml_key_is_quoted_when_it_must_be(key):
    post = loads("---\ntitle: x\n---\nbody\n")
    post[key] = 1
    post[key] = 2                                   # and found again for the next edit
    out = dumps(post)
    assert yaml.safe_load(out.split("\n---\n")[0].removeprefix("---\n")) == {"title": "x", key: 2}
    assert out.endswith("---\nbody\n")


@pytest.mark.parametrize("fmt", ["yaml", "toml", "json"])
def test_undecodable_bytes_from_the_shell_are_refused_in_one_line(tmp_path, fmt):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    path = tmp_path / "post.md"
    text = _post(fmt, {"title": '"x"'})
    path.write_text(text)
    for arg in (b"title=a\xffb", b"k\xff=1", b"tags=a,\xfe"):
        result = subprocess.run([sys.executable, "-m", "editor", "set", str(path), os.fsdecode(arg)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "UTF-8" in result.stderr and path.read_text() == text


def test_a_body_with_undecodable_bytes_is_not_written(tmp_path):
    from editor.core import PostError, load, save
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: x\n---\nbody\n")
    post = load(path)
    post.content = "line one\nbad \udcff byte\n"
    with pytest.raises(PostError, match="not Unicode text") as info:
        save(post)
    assert info.value.line == 5 and info.value.path == str(path)
    assert path.read_text() == "---\ntitle: x\n---\nbody\n"


ANCHORS = "---\ntitle: &t Hello\nlinkTitle: *t\ntags: &tg [a, b]\ncategories: *tg\n---\nbody\n"


@pytest.mark.parametrize("key, value, line", [("linkTitle", "New", "linkTitle: New\n"),
                                              ("categories", ["x"], "categories: [x]\n")])
def test_editing_an_alias_rewrites_its_own_line_only(key, value, line):
    post = loads(ANCHORS)
    post[key] = value
    out = dumps(post)
    old = next(ln for ln in ANCHORS.splitlines(keepends=True) if ln.startswith(key + ":"))
    assert out == ANCHORS.replace(old, line)


@pytest.mark.parametrize("key, value, line", [("title", "New", 2), ("tags", ["c"], 4)])
def test_editing_an_anchor_others_repeat_is_refused_clearly(key, value, line):
    from editor.core import PostError
    post = loads(ANCHORS)
    with pytest.raises(PostError, match="anchor") as info:
        post[key] = value
    assert info.value.line == line and dumps(post) == ANCHORS


def test_json_key_written_twice_edits_the_one_that_counts():
    post = loads('{"title": "a", "draft": true, "title": "b"}\nbody\n')
    assert post["title"] == "b"                 # the last, as json and Hugo's Go decoder read it
    post["title"] = "c"
    assert dumps(post) == '{"title": "a", "draft": true, "title": "c"}\nbody\n'
    del post["title"]
    assert dumps(post) == '{"draft": true}\nbody\n' and "title" not in post


STARTS = {"yaml": "---\ntitle: Old\ndraft: true\n---\n---\nbody\n+++\n",
          "toml": '+++\ntitle = "Old"\ndraft = true\n+++\n+++\nbody\n---\n',
          "json": '{\n  "title": "Old",\n  "draft": true\n}\n{"body": 1}\n---\n'}


@settings(max_examples=150, deadline=None)
@given(fmt=st.sampled_from(list(STARTS)),
       value=st.lists(st.sampled_from(list("ab -+{}[]\"'#:,&*!|>%@`\\\t\n\r\x85\u2028\ufeff\x7f.")
                                      + ["\n---\n", "\n+++\n", "---", "+++", "\r\n---\r\n", "}\n"]),
                      max_size=12).map("".join))
def test_any_title_round_trips_and_never_moves_the_front_matter_end(fmt, value):
    """Values holding delimiter lines, quotes, NEL/LS (pasted from the web) or DEL are written
    escaped, read back exactly, and never end the front matter early."""
    post = loads(STARTS[fmt])
    body = post.content
    post["title"] = value      # any text can be written (NEL, LS, DEL, delimiters, quotes…)
    again = loads(dumps(post))
    assert again["title"] == value and again["draft"] is True and again.content == body
    assert again.keys() == post.keys()
