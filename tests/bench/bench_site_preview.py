"""Prints the site preview's figures on a generated 1,500-post site: startup, write→served latency, Hugo's memory."""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from editor.core.hugo import binary as hugo  # noqa: E402
from editor.services.site_server import SiteServer  # noqa: E402
from tests.sitegen import generate_posts, make_site  # noqa: E402

# The templates of the scale measurements in hugo-behaviour.md §6.
LAYOUTS = {
    "layouts/_default/baseof.html":
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>"
        "{{ block \"main\" . }}{{ end }}</body></html>",
    "layouts/_default/single.html":
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}"
        "{{ range .GetTerms \"tags\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}{{ end }}",
    "layouts/_default/list.html":
        "{{ define \"main\" }}{{ range (.Paginate .Pages).Pages }}"
        "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
}
CONFIG = "baseURL = 'https://example.org/'\ntitle = 'Bench'\n[pagination]\npagerSize = 20\n"


def spin(predicate, timeout: float) -> bool:
    """Run the Qt event loop until `predicate()` or `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.0005)
    return True


def rss_kib(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of `pid` in KiB."""
    values = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--posts", type=int, default=1500)
    ap.add_argument("--updates", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if hugo.hugo_binary() is None:
        print("Hugo is not installed; nothing to measure")
        return 1
    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-site-preview-") as tmp:
        root = make_site(tmp, generate_posts(args.posts), config=CONFIG, files=LAYOUTS)
        post = root / "content" / "posts" / f"post-{7:05d}.md"
        saved = post.read_text(encoding="utf-8")
        server = SiteServer(cache=Path(tmp) / "cache")
        server.update(post, saved)
        t0 = time.monotonic()
        server.start(root)
        if not spin(lambda: server.state != "starting", 120) or server.state != "ready":
            print(f"server did not start: {server.state}")
            return 1
        startup = time.monotonic() - t0
        page = server.page_url(post).toString()
        assert page.startswith("http://127.0.0.1:")

        writes: dict[str, float] = {}   # token -> when the scratch file was written
        plan = server.plan
        real_write = plan.write

        def timed_write(path, text):
            written = real_write(path, text)
            if written is not None:
                writes[text.rsplit("TOKEN-", 1)[-1].strip()] = time.monotonic()
            return written
        plan.write = timed_write

        def served(token: str, done: list) -> None:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                with urllib.request.urlopen(page, timeout=2) as r:
                    if token.encode() in r.read():
                        done.append(time.monotonic())
                        return
                time.sleep(0.002)
            done.append(None)

        urllib.request.urlopen(page, timeout=5).read()   # the page is visited, as in the window
        calls, write_lat, call_lat, missed = [], [], [], 0
        for i in range(args.updates):
            spin(lambda: False, rnd.uniform(0.05, 0.6))   # typing pauses land at any tick phase
            token = f"{i}x{rnd.randrange(10**9)}"
            done: list = []
            poller = threading.Thread(target=served, args=(f"TOKEN-{token}", done))
            called = time.monotonic()
            server.update(post, saved + f"\nTOKEN-{token}\n")
            poller.start()
            spin(lambda: bool(done), 6)
            poller.join()
            if done[0] is None or token not in writes:
                missed += 1
                continue
            write_lat.append((done[0] - writes[token]) * 1000)
            call_lat.append((done[0] - called) * 1000)
            calls.append(i)
        rss, peak = rss_kib(server.pid)
        server.stop()
    print(f"site: {args.posts} generated posts (hugo-behaviour.md §6 templates), Hugo {hugo.version()}")
    print(f"startup (start() to serving): {startup:.2f} s")
    print(f"updates measured: {len(write_lat)} of {args.updates} (missed {missed})")
    print(f"write -> served:    median {statistics.median(write_lat):.0f} ms, "
          f"p95 {pct(write_lat, 95):.0f} ms, max {max(write_lat):.0f} ms")
    print(f"update() -> served: median {statistics.median(call_lat):.0f} ms, "
          f"p95 {pct(call_lat, 95):.0f} ms, max {max(call_lat):.0f} ms "
          "(includes waiting for Hugo's 500 ms watcher tick)")
    print("write->served sorted:", [round(x) for x in sorted(write_lat)])
    print(f"hugo server memory: RSS {rss / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB")
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
