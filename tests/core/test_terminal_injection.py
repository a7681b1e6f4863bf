"""A post's text printed on a terminal cannot send escape sequences to it (title, clipboard, answer-back)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from tests.conftest import ROOT

EVIL = "Nice title\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;pwned\x07\x1b[2J\r\x9b31m"


def _run_in_pty(args: list[str]) -> bytes:
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "editor", *args], stdin=slave, stdout=slave, stderr=slave,
                            cwd=ROOT, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(60)
    os.close(master)
    return out


def test_show_on_a_terminal_prints_control_characters_visibly(tmp_path):
    post = tmp_path / "p.md"
    post.write_text(f"---\ntitle: \"{EVIL.encode('unicode_escape').decode()}\"\n---\nbody\n", encoding="utf-8")
    out = _run_in_pty(["show", str(post)])
    assert b"Nice title" in out
    assert b"\x1b" not in out and b"\x07" not in out and "\x9b".encode() not in out
    assert b"\\x1b]52;c;" in out       # shown, not obeyed


def test_piped_output_keeps_the_exact_text(tmp_path):
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: \"a\\x1bb\"\n---\nbody\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "editor", "show", "--json", str(post)], cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    assert out.returncode == 0 and "a\\u001bb" in out.stdout
