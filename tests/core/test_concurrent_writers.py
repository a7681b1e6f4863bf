"""Two writers: `save` refuses to write over bytes it did not read; concurrent `set`s all land."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from editor.core import PostError, load, save
from tests.conftest import ROOT

POST = "---\ntitle: Two writers\ndraft: true\n---\nbody\n"
STARTS = {"yaml": POST, "toml": '+++\ntitle = "Two writers"\n+++\nbody\n',
          "json": '{\n  "title": "Two writers"\n}\nbody\n'}


def test_save_refuses_when_the_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    post = load(path)
    post["draft"] = False
    path.write_text(POST.replace("body", "a script's edit"))     # another writer, between load and save
    with pytest.raises(PostError, match="changed on disk since it was read") as info:
        save(post)
    assert info.value.path == str(path)
    assert "a script's edit" in path.read_text()                   # their edit is not lost
    save(post, force=True)                                          # unless the caller insists
    assert load(path)["draft"] is False


def test_save_after_save_and_deleted_file(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    post = load(path)
    post["draft"] = False
    save(post)
    post["title"] = "Again"
    save(post)                      # our own write is what we read now
    assert load(path)["title"] == "Again"
    path.unlink()
    post["title"] = "Third"
    with pytest.raises(PostError, match="deleted or renamed since it was read"):
        save(post)
    assert not path.exists()
    save(post, force=True)
    assert load(path)["title"] == "Third"


def test_same_bytes_rewritten_is_not_a_change(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    post = load(path)
    path.write_text(POST)           # touched, same bytes: nothing of anyone's is lost
    post["draft"] = False
    save(post)
    assert load(path)["draft"] is False


def _set(path, *assignments):
    return subprocess.Popen([sys.executable, "-m", "editor", "set", str(path), *assignments], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writers=st.integers(2, 8), fmt=st.sampled_from(list(STARTS)))
def test_concurrent_sets_all_land(tmp_path_factory, writers, fmt):
    path = tmp_path_factory.mktemp("writers") / "post.md"
    path.write_text(STARTS[fmt])
    procs = [_set(path, f"key{i}=value{i}", f"tags+=t{i}") for i in range(writers)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert all(code == 0 for code, _ in results), results
    post = load(path)
    assert {f"key{i}" for i in range(writers)} <= set(post.keys())
    assert all(post[f"key{i}"] == f"value{i}" for i in range(writers))
    assert sorted(post["tags"]) == sorted(f"t{i}" for i in range(writers))


def test_eight_concurrent_sets_on_one_file(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    procs = [_set(path, f"key{i}={i}") for i in range(8)]
    codes = [p.wait(timeout=120) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert codes == [0] * 8
    post = load(path)
    assert [post[f"key{i}"] for i in range(8)] == list(range(8))
    assert post["title"] == "Two writers" and post.content == "body\n"


def test_set_rereads_when_a_writer_that_ignores_the_lock_gets_in_between(tmp_path, monkeypatch, capsys):
    """Another editor (no lock) writes between `set`'s read and write: set reads again and applies
    its edit to their text; when the file never settles it fails loudly and writes nothing."""
    from editor.cli import main
    from editor.commands import set_ as set_mod
    path = tmp_path / "post.md"
    path.write_text(POST)
    real_open = set_mod.open_post
    writes = iter(["---\ntitle: Theirs\ndraft: true\n---\ntheir body\n"])

    def open_then_race(p):
        result = real_open(p)
        text = next(writes, None)
        if text is not None:
            path.write_text(text)             # lands after our read, before our write
        return result

    monkeypatch.setattr(set_mod, "open_post", open_then_race)
    assert main(["set", str(path), "draft=false"]) == 0
    assert path.read_text() == "---\ntitle: Theirs\ndraft: false\n---\ntheir body\n"

    counter = iter(range(1000))
    writes = (f"---\ntitle: v{next(counter)}\n---\nbody\n" for _ in range(1000))   # never settles
    assert main(["set", str(path), "draft=true"]) == 2
    assert "changed on disk since it was read" in capsys.readouterr().err
    assert "draft" not in path.read_text()
