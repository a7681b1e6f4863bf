"""`hugo server` dies with the app even on SIGKILL; a crash's leftovers are stopped at start-up, never a stranger's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from editor.core import lifeline
from editor.core.hugo import binary as hugo
from editor.core.site_preview import reap_stale_servers
from tests.conftest import ROOT
from tests.sitegen import make_site

requires_hugo = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

# The child: the app's SiteServer on a site; prints Hugo's pid and the page URL once serving.
CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from editor.services.preview.site_server import SiteServer

app = QCoreApplication([])
server = SiteServer(cache=Path(sys.argv[2]))
def ready(url):
    print(f"{server.pid} {url.toString()}", flush=True)
server.ready.connect(ready)
server.failed.connect(lambda m: (print("failed", m, flush=True), app.exit(3)))
server.start(sys.argv[1])
server.update(sys.argv[3], "---\ntitle: Unsaved\n---\nUNSAVED-SECRET\n")
app.exec()
"""


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                raw = bytes.fromhex(addr)
                if len(raw) == 4:
                    found.add(".".join(str(b) for b in raw[::-1]))
                else:
                    found.add(raw.hex())
    return found


def gone(pid: int) -> bool:
    return lifeline.start_time(pid) is None   # no such process, or only a zombie left


def wait_for(predicate, timeout: float) -> bool:
    """Poll until `predicate()`; False when it still fails after `timeout` (a bound, not a measure)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@requires_hugo
def test_hugo_server_dies_when_the_app_is_killed(tmp_path):
    root = make_site(tmp_path, {"posts/one.md": "---\ntitle: One\n---\nsaved\n"},
                     files={"layouts/_default/single.html": "{{ .Content }}",
                            "layouts/_default/list.html": "list"})
    cache = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), str(cache),
                              str(root / "content" / "posts" / "one.md")],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = child.stdout.readline().split()
        assert len(line) == 2 and line[0].isdigit(), line
        hugo_pid, url = int(line[0]), line[1]
        assert not gone(hugo_pid)
        assert os.path.basename(lifeline.cmdline(hugo_pid)[0]) == "hugo"   # the launcher became Hugo
        # The server really serves the unsaved buffer: that is what must not outlive the app.
        page = url
        assert page.endswith("/posts/one/"), page
        port = int(page.split(":")[2].split("/")[0])
        assert listening_addresses(port) == {"127.0.0.1"}   # never 0.0.0.0, ::, or a LAN address
        assert wait_for(lambda: b"UNSAVED-SECRET" in _get(page), 60)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert wait_for(lambda: gone(hugo_pid), 30), "hugo server outlived the killed app"
        assert _get(page) == b""
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read()
    except OSError:
        return b""


def _described(p: subprocess.Popen, code: str) -> dict:
    """The process's record once it runs `code` (right after fork /proc shows the parent's argv)."""
    assert wait_for(lambda: (lifeline.cmdline(p.pid) or [""])[-1] == code, 10)
    return lifeline.describe(p.pid)


SLEEP = "import time; time.sleep(600)"


def _sleeper() -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", SLEEP])
    _described(p, SLEEP)
    return p


def _dead_owner() -> dict:
    code = "import sys; sys.stdin.read()"
    p = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE)
    info = _described(p, code)
    p.communicate(b"")
    assert info is not None and gone(p.pid)
    return info


def _record(run: Path, server: dict, owner: dict) -> None:
    run.mkdir(parents=True)
    (run / "scratch").mkdir()
    (run / "scratch" / "buffer.md").write_text("unsaved")
    (run / lifeline.RECORD).write_text(json.dumps({"server": server, "owner": owner}))


def test_stale_server_of_a_crashed_run_is_stopped_at_start_up(tmp_path):
    stale, stranger, reused, living = _sleeper(), _sleeper(), _sleeper(), _sleeper()
    try:
        cache = tmp_path / "cache"
        dead = _dead_owner()
        # 1. Our server, its app gone: stopped, its scratch copy deleted.
        _record(cache / "site1" / f"run-{dead['pid']}-1", lifeline.describe(stale.pid), dead)
        # 2. A pid whose command line is not the one recorded: someone else's process now.
        other = dict(lifeline.describe(stranger.pid), cmdline=["hugo", "server", "--port", "1"])
        _record(cache / "site2" / f"run-{dead['pid']}-2", other, dead)
        # 3. Same pid and command but another start time: the pid was reused.
        again = dict(lifeline.describe(reused.pid), start=lifeline.start_time(reused.pid) - 1)
        _record(cache / "site3" / f"run-{dead['pid']}-3", again, dead)
        # 4. Its app still runs (this test process): left alone, folder kept.
        _record(cache / "site4" / f"run-{os.getpid()}-4", lifeline.describe(living.pid), lifeline.describe(os.getpid()))
        reap_stale_servers(cache)
        assert wait_for(lambda: stale.poll() is not None, 10), "the stale server still runs"
        assert stranger.poll() is None and reused.poll() is None and living.poll() is None
        assert not (cache / "site1" / f"run-{dead['pid']}-1").exists()
        assert (cache / "site4" / f"run-{os.getpid()}-4" / "scratch" / "buffer.md").exists()
    finally:
        for p in (stale, stranger, reused, living):
            p.kill()
            p.wait()


def test_a_corrupt_record_is_ignored(tmp_path):
    run = tmp_path / "cache" / "site" / "run-999999999-1"
    run.mkdir(parents=True)
    (run / lifeline.RECORD).write_text('{"server": {"pid": 1, "start": 0, "cmdline": ["init"]}')  # torn
    reap_stale_servers(tmp_path / "cache")
    assert not run.exists()   # its owner pid cannot exist: the folder goes, pid 1 is not touched


def test_launcher_child_dies_with_its_parent(tmp_path):
    """The launcher itself: a grandchild started through it goes when its parent is SIGKILLed."""
    code = ("import subprocess, sys, time\n"
            "from editor.core.lifeline import launcher_command\n"
            "p = subprocess.Popen(launcher_command([sys.executable, '-c', 'import time; time.sleep(600)']))\n"
            "print(p.pid, flush=True)\n"
            "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        pid = int(parent.stdout.readline())
        assert wait_for(lambda: (lifeline.cmdline(pid) or [""])[-1].endswith("time.sleep(600)"), 10)
        parent.kill()
        parent.wait()
        assert wait_for(lambda: gone(pid), 10), "the launched program outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
