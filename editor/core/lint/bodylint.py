"""Problems in a post's body, by line: reference links, local images, ref/relref targets, heading anchors."""

from __future__ import annotations

import functools
import html
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from editor.core.lint.problem import WARNING, Problem

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(\S*)")
_REF_USE = re.compile(r"(?<!\\)\[((?:[^\[\]]|\[[^\]]*\])*)\]\[([^\]]*)\]")
_IMAGE = re.compile(r"!\[(?:[^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_FIGURE = re.compile(r"\{\{[<%]\s*figure\b[^}]*?\bsrc\s*=\s*\"([^\"]+)\"")
_REF_SC = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"?([^\"\s}]+)\"?\s*[>%]\}\}")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_CUSTOM_ID = re.compile(r"\{#([^}\s]+)\}\s*$")
_HEADING_ID = re.compile(r'<h[1-6]\b[^>]*?\bid="([^"]*)"')


def _body(line: int, column: int, message: str) -> Problem:
    """A warning at a 1-based line within the body (check_body names the file)."""
    return Problem("", line, column, WARNING, message)


def _norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def outside_fences(lines: list[str]) -> Iterator[int]:
    """Indexes of the lines that are neither inside nor delimiting a fenced code block."""
    fence = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        yield i


def _code_free_lines(body: str) -> list[tuple[int, str]]:
    """(index, line) of lines outside fenced code, with code spans blanked out."""
    out = []
    lines = body.split("\n")
    for i in outside_fences(lines):
        line = lines[i]
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "+")):
            continue  # indented code (approximation: list continuations are kept)
        out.append((i, _CODE_SPAN.sub(lambda s: " " * len(s.group()), line)))
    return out


def _heading_id(line: str, ref_defs: str) -> str | None:
    """The id Hugo gives the ATX heading `line` before repeats are numbered (None: none, its text is
    empty), taken from the renderer so the lint and the preview share one rule (postinline.sanitize_id
    on Hugo's plain text of the heading). `ref_defs`: the body's reference definitions, for `[a][b]`."""
    # The lint runs again after each pause in typing, in a thread sharing the GIL with the editor:
    # a heading is rendered once, and alone unless it can hold a reference link (rendering each of a
    # long post's headings with all its definitions tripled the keystroke time).
    return _rendered_id(line, ref_defs if "[" in line else "")


@functools.lru_cache(maxsize=4096)
def _rendered_id(line: str, ref_defs: str) -> str | None:
    from editor.core.render import render_markdown   # loaded only for a body with headings
    m = _HEADING_ID.search(render_markdown(f"{line}\n\n{ref_defs}"))
    return html.unescape(m.group(1)) if m else None


def check_body(body: str, post_path: str | None = None, content_dirs: list[Path] | None = None,
               static_dirs: list[Path] | None = None) -> list[Problem]:
    """Problems of a body (text with "\\n" newlines). Paths enable the image and ref checks."""
    lines = _code_free_lines(body)
    problems = (_reference_problems(lines) + _target_problems(lines, post_path, content_dirs, static_dirs)
                + _heading_problems(lines, body.split("\n")))
    return sorted((replace(p, path=post_path or "<text>") for p in problems), key=lambda p: (p.line, p.column))


def _reference_problems(lines: list[tuple[int, str]]) -> list[Problem]:
    """Reference links without a definition, and definitions nothing uses."""
    problems: list[Problem] = []
    defs: dict[str, int] = {}
    for i, line in lines:
        m = _REF_DEF.match(line)
        if m and not m.group(1).startswith("^"):
            defs.setdefault(_norm_label(m.group(1)), i)
    used: set[str] = set()
    for i, line in lines:
        if _REF_DEF.match(line):
            continue
        for m in _REF_USE.finditer(line):
            label = _norm_label(m.group(2) or m.group(1))
            used.add(label)
            if label not in defs:
                problems.append(_body(i + 1, m.start() + 1,
                                            f"reference link [{m.group(2) or m.group(1)}] is not defined"))
    for label, i in defs.items():
        if label not in used and not _shortcut_used(label, lines):
            problems.append(_body(i + 1, 1, f"link definition [{label}] is never used"))
    return problems


def _target_problems(lines: list[tuple[int, str]], post_path: str | None, content_dirs: list[Path] | None,
                     static_dirs: list[Path] | None) -> list[Problem]:
    """Local images that do not exist and ref/relref shortcodes whose page is not found."""
    problems: list[Problem] = []
    folder = Path(post_path).parent if post_path else None
    for i, line in lines:
        for m in list(_IMAGE.finditer(line)) + list(_FIGURE.finditer(line)):
            target = m.group(1)
            missing = _missing_local(target, folder, static_dirs or [])
            if missing:
                problems.append(_body(i + 1, m.start() + 1, f"image {target} does not exist ({missing})"))
        for m in _REF_SC.finditer(line):
            if content_dirs and not _ref_found(m.group(1), content_dirs, post_path):
                problems.append(_body(i + 1, m.start() + 1, f'REF_NOT_FOUND: Ref "{m.group(1)}": '
                                                                  "page not found (Hugo refuses to build the site)"))
    return problems


def _heading_problems(lines: list[tuple[int, str]], raw: list[str]) -> list[Problem]:
    """Headings whose id repeats an earlier one's (links to it reach the first). `raw`: the body's
    lines as written (`lines` has code spans blanked, which the id is made of too)."""
    from editor.core.render.postinline import unique_id
    ref_defs = "\n".join(raw[i] for i, line in lines if _REF_DEF.match(line))
    heads: list[tuple[int, str, bool]] = []   # (line index, id before numbering, written as {#id})
    for i, line in lines:
        m = _ATX.match(line)
        hid = _heading_id(raw[i], ref_defs) if m else None
        if m and hid is not None:
            heads.append((i, hid, bool(_CUSTOM_ID.search(m.group(2)))))
    # goldmark numbers repeats of generated ids (-1, -2, … past every id written as {#id}); ids
    # written as {#id} stay as written, repeats too (checked with Hugo 0.168).
    taken = {hid for _, hid, own in heads if own}
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for i, hid, own in heads:
        final = hid if own else unique_id(hid, taken)
        if hid not in first:
            first[hid] = i
            continue
        fate = "Hugo gives both this id" if own else f"Hugo renames this one #{final}"
        problems.append(_body(i + 1, 1, f"heading id #{hid} repeats line {first[hid] + 1}; {fate}, "
                                        f"so links to #{hid} go to the first"))
    return problems


def _shortcut_used(label: str, lines: list[tuple[int, str]]) -> bool:
    pattern = re.compile(r"\[" + r"\s+".join(map(re.escape, label.split())) + r"\](?![:(\[])", re.I)
    return any(pattern.search(line) for _, line in lines if not _REF_DEF.match(line))


def _missing_local(target: str, folder: Path | None, static_dirs: list[Path]) -> str | None:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("//", "#", "{{")):
        return None
    path = target.split("#")[0].split("?")[0]
    if not path:
        return None
    if path.startswith("/"):
        if not static_dirs:
            return None
        return None if any((d / path.lstrip("/")).exists() for d in static_dirs) else "not in static/"
    if folder is None:
        return None
    return None if (folder / path).exists() else f"not beside the post in {folder.name}/"


def _ref_found(target: str, content_dirs: list[Path], post_path: str | None) -> bool:
    """A page, or a section folder (`/docs` is a page even without _index.md), or the home page."""
    path = target.split("#")[0]
    if path.startswith("/") and any((d / path.strip("/")).is_dir() for d in content_dirs):
        return True
    return resolve_ref(target, content_dirs, post_path) is not None


def resolve_ref(target: str, content_dirs: list[Path], post_path: str | None = None) -> Path | None:
    """The content file a ref/relref target names (Hugo's lookup: path, then unique base name)."""
    target = target.split("#")[0]
    if not target:
        return Path(post_path) if post_path else None
    candidates = []
    rel = target.lstrip("/")
    for d in content_dirs:
        bases = [d / rel] if target.startswith("/") else [d / rel]
        if post_path and not target.startswith("/"):
            bases.insert(0, Path(post_path).parent / rel)
        for b in bases:
            candidates += [b, b.with_suffix(".md") if b.suffix != ".md" else b, b / "index.md", b / "_index.md"]
    for c in candidates:
        if c.is_file():
            return c
    name = os.path.basename(rel.rstrip("/"))
    stem = name[:-3] if name.endswith(".md") else name
    for d in content_dirs:
        for f in d.rglob(f"{stem}.md") if d.is_dir() else []:
            return f
        for f in d.rglob(f"{stem}/index.md") if d.is_dir() else []:
            return f
    return None
