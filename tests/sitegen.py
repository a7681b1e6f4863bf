"""Throw-away Hugo sites for tests and benchmarks: write config + posts, run the real `hugo list`."""

from __future__ import annotations

import html
import os
import random
from pathlib import Path

from editor.core.hugo import binary as hugo

DEFAULT_CONFIG = "baseURL = 'https://example.org/'\ntitle = 'Test site'\n"


def make_site(tmp_path: str | os.PathLike, posts: dict[str, str | bytes],
              config: str | None = DEFAULT_CONFIG, config_name: str = "hugo.toml",
              files: dict[str, str | bytes] | None = None) -> Path:
    """A site under tmp_path/site: `posts` maps paths inside content/ to their text.

    `config=None` writes no configuration file (a bare content folder); `files` adds any other
    file by path relative to the site root (archetypes, config/_default/…).
    """
    root = Path(tmp_path) / "site"
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / config_name).write_text(config, encoding="utf-8")
    everything = {f"content/{k}": v for k, v in posts.items()}
    everything.update(files or {})
    for rel, text in everything.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8", newline="")
    (root / "content").mkdir(exist_ok=True)
    return root


def hugo_list(root: str | os.PathLike, what: str = "all", *extra: str) -> list[hugo.ListedPage]:
    """The real `hugo list <what>` of the site (HugoError with Hugo's message when it fails)."""
    return hugo.list_pages(root, what, list(extra))


def site_path(permalink: str) -> str:
    """A `hugo list` permalink without scheme and host: the relative permalink."""
    if "://" in permalink:
        rest = permalink.split("://", 1)[1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"
    return permalink


_WORDS = ("hugo editor post markdown site page static build theme content writer draft "
          "publish archive section bundle image preview render template layout shortcode "
          "front matter title slug date tag category feed server local fast simple clean").split()


def generate_posts(n: int, words: int = 600, seed: int = 1, draft_every: int = 10,
                   tags: int = 40) -> dict[str, str]:
    """`n` posts under posts/ in the seed post's style (YAML, slug with spaces, -05:00 dates)."""
    rnd = random.Random(seed)
    tag_names = [f"tag{i}" for i in range(tags)]
    posts = {}
    for i in range(n):
        body_words = [rnd.choice(_WORDS) for _ in range(words)]
        paras = [" ".join(body_words[j:j + 60]) + "." for j in range(0, words, 60)]
        body = "\n\n".join(f"## Heading {k}\n\n{p}" if k % 3 == 0 else p
                           for k, p in enumerate(paras))
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        fm = [
            "---",
            f'title: "Post number {i}: {rnd.choice(_WORDS)}"',
            f"slug: post number {i} {rnd.choice(_WORDS)}",
            f"date: 20{rnd.randint(10, 25)}-{month:02d}-{day:02d}T08:00:00-05:00",
            f"publishdate: 20{rnd.randint(10, 25)}-{month:02d}-{day:02d}T08:00:00-05:00",
            f"draft: {'true' if draft_every and i % draft_every == 0 else 'false'}",
            "tags: [" + ", ".join(rnd.sample(tag_names, rnd.randint(1, 4))) + "]",
            "categories: [general]",
            "---",
        ]
        posts[f"posts/post-{i:05d}.md"] = "\n".join(fm) + "\n" + body + "\n"
    return posts


_FMT = '"2006-01-02T15:04:05Z07:00"'
_DUMP = (
    "{{ range site.AllPages }}{{ with .File }}{{ .Path }}{{ end }}\t{{ .Kind }}"
    f"\t{{{{ .Date.Format {_FMT} }}}}\t{{{{ .PublishDate.Format {_FMT} }}}}"
    f"\t{{{{ .Lastmod.Format {_FMT} }}}}\t{{{{ .ExpiryDate.Format {_FMT} }}}}"
    "\t{{ .Draft }}\t{{ .Slug }}\t{{ .RelPermalink }}\n{{ end }}"
)
DUMP_FIELDS = ("kind", "date", "publishDate", "lastmod", "expiryDate", "draft", "slug", "permalink")


def hugo_dump(root: str | os.PathLike, *extra: str) -> dict[str, dict[str, str]]:
    """Every page with a file, as the real Hugo sees it (lastmod included, which `hugo list` lacks).

    Builds the site with -D -F -E and a home template that prints each page's fields; keys are
    paths inside the content folder with "/" separators.
    """
    root = Path(root)
    layout = root / "layouts" / "index.html"
    layout.parent.mkdir(parents=True, exist_ok=True)
    layout.write_text(_DUMP, encoding="utf-8")
    out = root / "public"
    result = hugo.run(["-D", "-F", "-E", "--quiet", "-d", str(out), *extra], cwd=root)
    if result.returncode != 0:
        raise hugo.HugoError((result.stderr or result.stdout).strip())
    pages: dict[str, dict[str, str]] = {}
    for line in (out / "index.html").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        path, *values = html.unescape(line).split("\t")
        if path:
            pages[path] = dict(zip(DUMP_FIELDS, values))
    return pages
