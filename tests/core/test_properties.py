"""Property tests: random front matter and edits never crash with anything but PostError, never touch other lines."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import string

import tomlkit
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import editor.core as core
from editor.core import PostError

KEYS = st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=10)
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                                           blacklist_characters="\ufeff\x85\u2028\u2029"),
                    max_size=30)
SCALARS = st.one_of(
    SAFE_TEXT, st.booleans(), st.integers(-10**9, 10**9),
    st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2100, 1, 1),
                 timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5)),
                                            dt.timezone(dt.timedelta(hours=5, minutes=30))])
                 ).map(lambda d: d.replace(microsecond=0)),
)
VALUES = st.one_of(SCALARS, st.lists(st.one_of(SAFE_TEXT, st.integers(0, 99)), max_size=4))
MAPPINGS = st.dictionaries(KEYS, VALUES, max_size=6)
SETTINGS = settings(max_examples=int(os.environ.get("HPE_EXAMPLES", 150)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _yaml_post(data: dict, style: str | None, flow: bool) -> str:
    fm = yaml.safe_dump(data, default_style=style, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    return "---\n" + (fm if data else "") + "---\n\nbody\n"


def _toml_post(data: dict) -> str:
    return "+++\n" + tomlkit.dumps(data) + "+++\nbody\n"


def _same(a, b) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b
    return a == b


def _check_edit(text: str, key: str, value) -> None:
    try:
        post = core.loads(text)
    except PostError:
        return
    before = dict(post.metadata)
    try:
        post[key] = value
    except PostError:
        assert post.text == text  # a refused edit leaves the post untouched
        return
    after = core.loads(post.text)
    assert _same(after[key], post[key])
    for k, v in before.items():
        if k.lower() != key.lower() and k != key:
            assert _same(after.metadata[k], v), k
    assert after.content == core.loads(text).content
    # no line outside the edited key's block changed: every old line is either kept or in one hunk
    ops = [op for op in difflib.SequenceMatcher(None, text.splitlines(), post.text.splitlines(),
                                                  autojunk=False).get_opcodes() if op[0] != "equal"]
    assert len(ops) <= 1 or post.format == "json", ops


@SETTINGS
@given(MAPPINGS, st.sampled_from([None, '"', "'"]), st.booleans(), KEYS, VALUES)
def test_yaml_edit_agrees_with_reparse(data, style, flow, key, value):
    _check_edit(_yaml_post(data, style, flow), key, value)


@SETTINGS
@given(MAPPINGS, KEYS, VALUES)
def test_toml_edit_agrees_with_reparse(data, key, value):
    _check_edit(_toml_post(data), key, value)


@SETTINGS
@given(MAPPINGS, st.sampled_from([None, '"']), st.booleans())
def test_unchanged_save_is_identical(data, style, flow):
    text = _yaml_post(data, style, flow)
    assert core.dumps(core.loads(text)) == text


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_post_error(text):
    try:
        post = core.loads(text)
    except PostError as exc:
        assert str(exc)
        return
    assert core.dumps(post) == text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["---\n", "+++\n", "{", "---\ntitle: x\n"]), st.text(max_size=120),
       st.sampled_from(["---\n", "+++\n", "}", ""]))
def test_delimited_garbage_parses_or_raises_post_error(head, middle, tail):
    text = head + middle + tail + "\nbody"
    try:
        post = core.loads(text)
    except PostError:
        return
    assert core.dumps(post) == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_raise_post_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "post.md"
    path.write_bytes(data)
    try:
        post = core.load(path)
    except PostError as exc:
        assert "post.md" in str(exc)
        return
    assert core.files.io.to_bytes(post) == data
