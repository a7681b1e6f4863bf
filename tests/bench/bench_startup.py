"""Prints start-up figures beside the floor of any editor on this engine (a bare PySide6 window with a
QPlainTextEdit and a QWebEngineView, drawn as Qt does by default and drawn with the CPU as ours is):
exec → window painted, exec → preview painted, PSS per process and for the whole tree, medians of N
runs, and our ratios to both bare windows.

    .venv/bin/python tests/bench/bench_startup.py [--runs 5] [--words 2000]

Runs under the X server in $DISPLAY, else under a private Xvfb when installed, else offscreen.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
USER_PLATFORM = os.environ.get("QT_QPA_PLATFORM")   # before bench_preview makes it offscreen
from tests.bench.bench_preview import _synthetic  # noqa: E402

BARE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
import PySide6.QtWebEngineWidgets
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

def mark(name):
    print(f"{name} {time.time() - float(os.environ['HPE_STARTUP_T0']):.3f}", flush=True)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            mark("mapped")
        return False

app = QApplication(sys.argv[:1])
text = open(sys.argv[1], encoding="utf-8").read()
window = QMainWindow()
splitter = QSplitter()
editor = QPlainTextEdit(); editor.setPlainText(text)
view = QWebEngineView()
splitter.addWidget(editor); splitter.addWidget(view)
window.setCentralWidget(splitter)
window.resize(1400, 900)
paint = FirstPaint(); window.installEventFilter(paint)
view.loadFinished.connect(lambda ok: mark("painted"))
paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
view.setHtml(f"<html><body>{paras}</body></html>")
window.show()
app.exec()
"""


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


def pss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def name_of(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(c.decode(errors="replace") for c in cmd if c)
    if "QtWebEngineProcess" in text:   # zygotes and the renderers forked from them share a command line
        return "webengine"
    if "render_worker" in text or "render.worker" in text:   # `python -m editor.core.render.worker`
        return "render-worker"
    if "editor.core.index.worker" in text:
        return "index-worker"
    return "main"


def run_once(argv: list[str], env: dict[str, str], settle: float, timeout: float = 60, cwd: Path | None = None) -> dict:
    env = dict(env, HPE_STARTUP_T0=repr(time.time()))
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             start_new_session=True, cwd=cwd)
    marks: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    try:
        while "painted" not in marks and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("mapped", "painted", "view", "loaded", "rendered"):
                marks.setdefault(parts[0], float(parts[1]))
        time.sleep(settle)
        per: dict[str, float] = {}
        for pid in descendants(child.pid):
            per[name_of(pid)] = per.get(name_of(pid), 0.0) + pss_mib(pid)
        marks["pss"] = per
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    return marks


def summary(label: str, runs: list[dict]) -> dict[str, float]:
    def med(key):
        values = [r[key] for r in runs if key in r]
        return statistics.median(values) if values else float("nan")
    names = sorted({n for r in runs for n in r["pss"]})
    pss = {n: statistics.median(r["pss"].get(n, 0.0) for r in runs) for n in names}
    total = statistics.median(sum(r["pss"].values()) for r in runs)
    print(f"{label:<8} window {med('mapped'):.2f} s   preview {med('painted'):.2f} s   "
          f"PSS total {total:.0f} MiB  (" + ", ".join(f"{n} {v:.0f}" for n, v in pss.items()) + ")")
    steps = [k for k in ("view", "rendered", "loaded") if any(k in r for r in runs)]
    if steps:   # the app's own marks (HPE_STARTUP_T0): what the preview waited for
        print(" " * 9 + "   ".join(f"{k} {med(k):.2f} s" for k in steps))
    return {"mapped": med("mapped"), "painted": med("painted"), "pss": total}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--settle", type=float, default=1.0, help="seconds after the preview before PSS is read")
    args = ap.parse_args()

    env = dict(os.environ)
    if USER_PLATFORM is None:   # on the display below, as an author would run it
        env.pop("QT_QPA_PLATFORM", None)
    # An installed app starts from bytecode (pip compiles on install); a checkout under
    # PYTHONDONTWRITEBYTECODE would compile every module on every start instead.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "editor")], check=False,
                   stdout=subprocess.DEVNULL)
    xvfb = None
    if not env.get("DISPLAY"):
        if shutil.which("Xvfb"):
            display = ":%d" % (90 + os.getpid() % 50)
            xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
            env["DISPLAY"] = display
            env.pop("QT_QPA_PLATFORM", None)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
    if os.geteuid() == 0:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = (env.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --no-sandbox").strip()

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            (home / var).mkdir()
            env[var] = str(home / var)
        body = _synthetic(args.words)
        post = home / "site" / "content" / "posts" / "post.md"
        post.parent.mkdir(parents=True)
        post.write_text(f"---\ntitle: Start-up\ndate: 2024-01-01T10:00:00Z\n---\n{body}", encoding="utf-8")
        bare_text = home / "bare.md"
        bare_text.write_text(body, encoding="utf-8")
        print(f"{args.words} words, {args.runs} runs each, display {env.get('DISPLAY') or 'offscreen'}")
        # The bare window as Qt draws by default (OpenGL), and drawing with the CPU as ours does
        # (editor/gui/__init__.py: _software_drawing), so the floor is compared like for like.
        flags = (env.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --disable-gpu").strip()
        cpu_env = dict(env, QT_QUICK_BACKEND="software", QT_XCB_GL_INTEGRATION="none", QTWEBENGINE_CHROMIUM_FLAGS=flags)
        try:
            bare, bare_cpu, ours = [], [], []
            for _ in range(args.runs):   # interleaved, so all see the same machine
                bare.append(run_once([sys.executable, "-c", BARE, str(bare_text)], env, args.settle))
                bare_cpu.append(run_once([sys.executable, "-c", BARE, str(bare_text)], cpu_env, args.settle))
                # From this checkout: `-m` puts the current folder first on the path, before PYTHONPATH.
                ours.append(run_once([sys.executable, "-m", "editor", str(post)], dict(env, PYTHONPATH=str(ROOT)),
                                     args.settle, cwd=ROOT))
        finally:
            if xvfb:
                xvfb.terminate()
        b = summary("bare", bare)
        c = summary("bare-cpu", bare_cpu)
        o = summary("ours", ours)
        for label, floor in (("bare", b), ("bare-cpu", c)):
            print(f"ratio to {label:<9} window {o['mapped'] / floor['mapped']:.2f}x   "
                  f"preview {o['painted'] / floor['painted']:.2f}x   PSS {o['pss'] / floor['pss']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
