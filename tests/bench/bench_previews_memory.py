"""Prints PSS per process (main, each Chromium process by type, render worker, hugo) with the instant
preview shown, then with the site preview on as well: how many renderer processes the two previews take.

    .venv/bin/python tests/bench/bench_previews_memory.py [--words 2000]

Runs under the X server in $DISPLAY, else under a private Xvfb when installed, else offscreen.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench.bench_preview import _synthetic  # noqa: E402
from tests.bench.bench_startup import descendants, pss_mib  # noqa: E402

DRIVER = r"""
import sys
from PySide6.QtCore import QTimer
from editor.gui import application, open_window
app = application()
window = open_window(sys.argv[1])
step = []

def say(what):
    print(what, flush=True)
    sys.stdin.readline()            # the parent has measured

def site_loaded(ok):
    if ok and not step:
        step.append(1)
        QTimer.singleShot(1500, lambda: (say("site"), app.quit()))

def first_paint(*_):
    if step == [] and not hasattr(window, "_measured"):
        window._measured = True
        def on():
            say("instant")
            window.site_preview.view.loadFinished.connect(site_loaded)
            window.actions.site_preview.setChecked(True)
        QTimer.singleShot(1500, on)
window.preview.applied.connect(first_paint)
QTimer.singleShot(90000, app.quit)
app.exec()
"""


def kind_of(pid: int) -> str:
    try:
        args = [a.decode(errors="replace") for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    except OSError:
        return "?"
    text = " ".join(args)
    if "QtWebEngineProcess" in text:
        kind = next((a.split("=", 1)[1] for a in args if a.startswith("--type=")), "browser")
        return f"webengine:{kind}"
    if "render_worker" in text or "render.worker" in text:
        return "render-worker"
    if args and Path(args[0]).name == "hugo":
        return "hugo"
    name = Path(args[0]).name if args else "?"
    return "main" if "python" in name else name


def snapshot(pid: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for p in descendants(pid):
        out.setdefault(kind_of(p), []).append(pss_mib(p))
    return out


def show(label: str, snap: dict[str, list[float]]) -> None:
    total = sum(sum(v) for v in snap.values())
    parts = ", ".join(f"{k} {'+'.join(f'{x:.0f}' for x in v)}" for k, v in sorted(snap.items()))
    print(f"{label:<22} PSS total {total:4.0f} MiB  ({parts})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=2000)
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    xvfb = None
    if not env.get("DISPLAY") and shutil.which("Xvfb"):
        display = ":%d" % (140 + os.getpid() % 50)
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        env["DISPLAY"] = display
    elif not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            (home / var).mkdir()
            env[var] = str(home / var)
        (home / "site" / "content" / "posts").mkdir(parents=True)
        (home / "site" / "hugo.toml").write_text('title = "Bench"\nbaseURL = "http://example.org/"\n')
        post = home / "site" / "content" / "posts" / "post.md"
        post.write_text(f"---\ntitle: Memory\ndate: 2024-01-01T10:00:00Z\n---\n{_synthetic(args.words)}",
                        encoding="utf-8")
        child = subprocess.Popen([sys.executable, "-c", DRIVER, str(post)], env=env, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 start_new_session=True)
        try:
            for _ in range(2):
                line = child.stdout.readline().strip()
                if not line:
                    print("the window stopped before it was measured")
                    return 1
                show({"instant": "instant preview", "site": "+ site preview"}[line], snapshot(child.pid))
                child.stdin.write("\n")
                child.stdin.flush()
            child.wait(30)
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
                child.wait()
            if xvfb:
                xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
