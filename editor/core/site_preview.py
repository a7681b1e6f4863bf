"""Site preview plumbing for `hugo server`: overlay config and mounts, scratch copies, command line, output events."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from editor.bundled import resources_dir
from editor.core import lifeline
from editor.core.hugo.languages import mount_language as _mount_language, multihost, site_base
from editor.core.files.private import FILE_MODE, private_dir, write_private
from editor.core.files.replace import replace_file
from editor.core.server_output import Event, ServerOutput  # noqa: F401 - re-exported: part of this API
from editor.core.hugo.site import CONFIG_NAMES, Config, Site
from editor.core.lint.site_check import lacks_layouts

if TYPE_CHECKING:
    from editor.core.post import Post

APP_ID = "hugo-post-editor"
TICK = 0.5      # Hugo's file watcher hands over changes in batches on a fixed 500 ms ticker
MARGIN = 0.04   # write this long before a tick so the change is in that tick's batch
HOST = "127.0.0.1"
# Mount keys are read lower-cased (Site.config); Hugo's names, for the overlay we write.
_MOUNT_KEYS = {"source": "source", "target": "target", "lang": "lang", "includefiles": "includeFiles",
               "excludefiles": "excludeFiles", "disablewatch": "disableWatch", "sites": "sites"}


def cache_root() -> Path:
    """The app's site-preview cache folder ($XDG_CACHE_HOME honoured, read at call time)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / APP_ID / "site-preview"


def skeleton_dir() -> Path:
    """The minimal preview site used for a bare content folder (resources/preview-site/)."""
    return resources_dir() / "preview-site"


def free_port(host: str = HOST) -> int:
    """A TCP port free on `host` right now (the caller retries if Hugo loses the race)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def next_write_time(now: float, tick: float | None, margin: float = MARGIN, period: float = TICK
                    ) -> float:
    """When to write a change so Hugo's next batch tick picks it up at once.

    `tick` is the wall-clock time of any known tick (None: unknown, write now). Writing just before
    the tick instead of at once loses nothing (Hugo would not look before the tick anyway) and lets
    keystrokes typed meanwhile into the same rebuild.
    """
    if tick is None:
        return now
    nxt = tick + ((now - tick) // period + 1) * period
    at = nxt - margin
    return at if at > now else now


def _is_content_target(target: str) -> bool:
    t = target.strip("/")
    return t == "content" or t.startswith("content/")


def _site_mounts(site: Site) -> list[Config]:
    module = site.config.get("module")
    mounts = module.get("mounts") if isinstance(module, dict) else None
    if not isinstance(mounts, list):
        return []
    out: list[Config] = []
    for m in mounts:
        if isinstance(m, dict) and isinstance(m.get("source"), str) and isinstance(m.get("target"), str):
            mount: Config = {_MOUNT_KEYS.get(k) or k: v for k, v in m.items() if k != "lang"}
            if isinstance(m.get("lang"), str) and "sites" not in mount:
                # Hugo 0.153 removed a mount's `lang`: the same meaning is written the new way.
                mount.update(_language_matrix(m["lang"]))
            out.append(mount)
    return out


def _language_matrix(lang: str) -> Config:
    """A mount's language, as Hugo ≥ 0.153 takes it: a sites matrix with one language."""
    return {"sites": {"matrix": {"languages": [lang]}}}


def _lang_key(lang: str | None) -> str:
    return lang or "_all"


@dataclass
class ContentMount:
    """Where files of one content mount come from (absolute) and go to (inside `content`)."""
    source: Path
    target: PurePosixPath   # relative to the content root ("." for the root itself)
    lang: str | None = None


@dataclass
class PreviewPlan:
    """Everything one `hugo server` for one site needs; built by `plan_for`, no I/O until `prepare`."""
    site: Site
    bare: bool
    work_dir: Path          # app-owned, this run only: scratch/, tmp/, overlay.toml
    resource_dir: Path      # app-owned, kept between runs: Hugo's processed images and assets
    cwd: Path               # the site root, or work_dir for a bare content folder
    config_args: list[str]  # --config files, the overlay last
    mounts: list[Config]    # Hugo module mounts: config tables, keys spelt as Hugo reads them
    content_mounts: list[ContentMount]
    environment: str = "development"
    base_path: str = ""     # the site's baseURL path ("/blog" or "")
    fallback_layouts: bool = False   # a site without theme or post layouts gets the skeleton's
    _written: dict[str, str] = field(default_factory=dict)

    @property
    def scratch(self) -> Path:
        return self.work_dir / "scratch"

    @property
    def overlay(self) -> Path:
        return self.work_dir / "overlay.toml"

    @property
    def tmp(self) -> Path:
        return self.work_dir / "tmp"

    # ------------------------------------------------------------------ files
    def overlay_text(self) -> str:
        import tomlkit
        doc = {
            # Nothing may be written inside the author's site: processed resources go to our cache,
            # hugo_stats.json is not written (a preview does not need it).
            "resourceDir": str(self.resource_dir),
            "build": {"buildStats": {"enable": False}},
            "caches": {"images": {"dir": ":resourceDir/_gen"}, "assets": {"dir": ":resourceDir/_gen"}},
            "module": {"mounts": self.mounts},
        }
        return tomlkit.dumps(doc)

    def env(self) -> dict[str, str]:
        """Environment overrides. Hugo merges config/_default/ and config/<env>/ over every --config
        file, so the same settings are repeated here: HUGO_* variables win over all files (Hugo
        decodes them only for keys that already exist, which the overlay guarantees)."""
        return {
            "HUGO_MODULE_MOUNTS": json.dumps(self.mounts),
            "HUGO_RESOURCEDIR": str(self.resource_dir),
            "HUGO_BUILD_BUILDSTATS_ENABLE": "false",
        }

    def command(self, binary: str | os.PathLike[str], port: int) -> list[str]:
        return [str(binary), "server", "--renderToMemory", "--bind", HOST, "--port", str(port),
                "--baseURL", f"http://{HOST}{self.base_path}/",
                # -E too: an expired post is still the author's to preview.
                "-D", "-F", "-E", "--noBuildLock", "--config", ",".join(self.config_args)]

    def prepare(self) -> None:
        """Create the run folder, the scratch folder (before Hugo starts: it must be watched) and the overlay."""
        remove_stale_runs(self.work_dir.parent)
        # The scratch folder holds the author's unsaved buffers: 0700 from the app's cache folder down.
        top = _app_folder(self.work_dir)
        for d in (self.scratch, self.tmp, self.resource_dir):
            private_dir(d, top=top)
        for m in self.content_mounts:
            if m.source.is_relative_to(self.scratch):
                private_dir(m.source, top=self.scratch)
        write_private(self.overlay, self.overlay_text().encode("utf-8"))

    def cleanup(self) -> None:
        self._written.clear()
        shutil.rmtree(self.work_dir, ignore_errors=True)

    # ------------------------------------------------------------------ posts
    def content_path(self, post_path: str | os.PathLike[str]) -> tuple[PurePosixPath, str | None] | None:
        """The post's path inside Hugo's `content` tree and its mount's language (None: outside)."""
        p = _abs(post_path)
        best = None
        for m in self.content_mounts:
            if m.source.is_relative_to(self.scratch):
                continue
            if p.is_relative_to(m.source) and (best is None or len(m.source.parts) > len(best.source.parts)):
                best = m
        if best is None:
            return None
        rel = PurePosixPath(*p.relative_to(best.source).parts)
        return best.target / rel, best.lang

    def scratch_path(self, post_path: str | os.PathLike[str]) -> Path | None:
        """Where the unsaved buffer of `post_path` is written (None when outside every content mount)."""
        found = self.content_path(post_path)
        if found is None:
            return None
        rel, lang = found
        return self.scratch / _lang_key(lang) / Path(*rel.parts)

    def page_path(self, post_path: str | os.PathLike[str]) -> Path | None:
        """A path inside the site's content folders that Hugo's language and URL rules see as this
        post: in its mount's language's folder (a file-name suffix still decides over it)."""
        found = self.content_path(post_path)
        if found is None:
            return None
        rel, lang = found
        language = self.site.language(lang) if lang else None
        folder = language.content_dir if language is not None else self.site.content_dir
        return folder / Path(*rel.parts)

    def page_url(self, post_path: str | os.PathLike[str], post: Post) -> str | None:
        """The page's path on the preview server (Hugo's URL rules applied to the buffer's Post)."""
        virtual = self.page_path(post_path)
        if virtual is None:
            return None
        saved = post.path
        post.path = str(virtual)
        try:
            url = post.url(self.site)
        finally:
            post.path = saved
        if multihost(self.site):
            # Each language gets its own server at the root: the language's baseURL path is dropped.
            base = site_base(self.site, self.page_language(post_path) or self.site.default_language)
            url = url[len(base):] if base and url.startswith(base + "/") else url
        return url

    def page_language(self, post_path: str | os.PathLike[str]) -> str | None:
        """The language Hugo gives the post's preview copy (None outside every content mount)."""
        virtual = self.page_path(post_path)
        found = self.site.page_language(virtual) if virtual is not None else None
        return found.code if found is not None else None

    def write(self, post_path: str | os.PathLike[str], text: str) -> Path | None:
        """Write the buffer to its scratch copy: the first time whole (temp file + os.replace), then
        rewritten in place.

        Returns the scratch path when something was written; None when the text is what is already
        there or the post lies outside every content mount.
        """
        target = self.scratch_path(post_path)
        if target is None:
            return None
        key = str(_abs(post_path))
        if self._written.get(key) == text and target.exists():
            return None
        data = text.encode("utf-8")
        private_dir(target.parent, top=self.scratch)
        if key not in self._written or not _rewrite(target, data):
            # The temp file lives outside the watched scratch tree: Hugo sees one event per write.
            replace_file(target, lambda fh: fh.write(data), mode=FILE_MODE, temp_dir=self.tmp, durable=False)
        self._written[key] = text
        return target

    def written(self, post_path: str | os.PathLike[str]) -> str | None:
        return self._written.get(str(_abs(post_path)))

    def remove(self, post_path: str | os.PathLike[str]) -> bool:
        """Delete the scratch copy (on save or close); True when there was one."""
        self._written.pop(str(_abs(post_path)), None)
        target = self.scratch_path(post_path)
        if target is None:
            return False
        try:
            target.unlink()
            return True
        except FileNotFoundError:
            return False

    def to_author_path(self, message: str) -> str:
        """Hugo's message with scratch paths replaced by the author's file paths."""
        for key in list(self._written):
            sp = self.scratch_path(key)
            if sp is not None:
                message = message.replace(str(sp), key)
        return message.replace(str(self.scratch) + os.sep, "")

    def mentions_scratch(self, message: str) -> bool:
        return str(self.scratch) in message


def _rewrite(target: Path, data: bytes) -> bool:
    """Overwrite the scratch copy in place (False when it is not our regular file any more).

    Hugo takes a file renamed into place for a page removed and another added: on a 1,500-post site
    that rebuild took 130 ms against 70 ms for a change in place (Hugo 0.168). Hugo reads the file
    only at its next batch tick, well after these microseconds; the text is written before the old
    tail is cut, so a read in between would still see text, and the cut is a change of its own."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _app_folder(path: Path) -> Path:
    """The app's own folder above `path` (named APP_ID), or `path` itself when there is none."""
    return next((p for p in (path, *path.parents) if p.name == APP_ID), path)


def _abs(path: str | os.PathLike[str]) -> Path:
    """Absolute, with the folder's symlinks resolved as Site.root is (not the file's own)."""
    p = Path(os.path.abspath(path))
    return p.parent.resolve() / p.name


def _run_alive(name: str) -> bool:
    m = re.match(r"run-(\d+)-", name)
    if not m:
        return True
    try:
        os.kill(int(m[1]), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_runs(folder: Path) -> None:
    """Delete run folders left by processes that no longer exist (a crash skips cleanup), first
    stopping the `hugo server` such a run recorded if it still runs (it would keep serving the
    unsaved buffer). Only the exact process recorded is stopped (pid, start time, command line)."""
    if not folder.is_dir():
        return
    for d in folder.iterdir():
        if not (d.is_dir() and d.name.startswith("run-")) or d.is_symlink():
            continue
        alive = lifeline.owner_alive(d)
        if alive is None:
            alive = _run_alive(d.name)
        if not alive:
            lifeline.reap(d)
            shutil.rmtree(d, ignore_errors=True)


def reap_stale_servers(root: Path | None = None) -> None:
    """At start-up: stop servers and delete scratch copies left by earlier runs of the app, every site."""
    root = root or cache_root()
    try:
        sites = [d for d in root.iterdir() if d.is_dir() and not d.is_symlink()]
    except OSError:
        return
    for d in sites:
        remove_stale_runs(d)


_RUNS = 0


def plan_for(site: Site, *, cache: Path | None = None, skeleton: Path | None = None,
             environment: str | None = None) -> PreviewPlan:
    """The preview plan for a site (a Site without configuration files uses the skeleton site)."""
    global _RUNS
    _RUNS += 1
    environment = environment or os.environ.get("HUGO_ENVIRONMENT") or "development"
    cache = cache or cache_root()
    key = hashlib.sha256(str(site.root).encode("utf-8")).hexdigest()[:16]
    site_cache = cache / key
    work_dir = site_cache / f"run-{os.getpid()}-{_RUNS}"
    scratch = work_dir / "scratch"
    root_file = next((n for n in CONFIG_NAMES if (site.root / n).is_file()), None)
    has_config_dir = (site.root / "config").is_dir()
    bare = root_file is None and not has_config_dir
    from urllib.parse import urlsplit
    base_path = "/" + urlsplit(site.base_url).path.strip("/") if site.base_url else ""
    base_path = "" if base_path == "/" or multihost(site) else base_path

    content: list[ContentMount] = []
    if bare:
        skel = skeleton or skeleton_dir()
        site_mounts = [{"source": str(site.content_dir), "target": "content"},
                       {"source": str(skel / "layouts"), "target": "layouts"}]
        config_args = [str(skel / "hugo.toml")]
        cwd = work_dir
        base_path = ""
    else:
        site_mounts = _site_mounts(site)
        if not any(_is_content_target(m["target"]) for m in site_mounts):
            # Our content mount replaces Hugo's default one, so it is repeated explicitly.
            site_mounts = _default_content_mounts(site) + site_mounts
        if lacks_layouts(site):
            site_mounts = _with_skeleton_layouts(site, site_mounts, skeleton or skeleton_dir())
        config_args = [root_file] if root_file else []
        cwd = site.root
    langs: list[str | None] = []
    for m in site_mounts:
        if not _is_content_target(m["target"]):
            continue
        src = Path(m["source"])
        src = src if src.is_absolute() else site.root / src
        target = PurePosixPath(m["target"].strip("/")).relative_to("content")
        lang = _mount_language(m)
        content.append(ContentMount(src.resolve() if src.exists() else src, target, lang))
        if lang not in langs:
            langs.append(lang)
    # The scratch folders go first: the first mount of a path wins.
    scratch_mounts = []
    for lang in langs or [None]:
        folder = scratch / _lang_key(lang)
        mount = {"source": str(folder), "target": "content"}
        if lang:
            mount.update(_language_matrix(lang))
        scratch_mounts.append(mount)
        content.append(ContentMount(folder, PurePosixPath("."), lang))
    mounts = scratch_mounts + site_mounts
    plan = PreviewPlan(site=site, bare=bare, work_dir=work_dir, resource_dir=site_cache / "resources",
                       cwd=cwd, config_args=[*config_args, str(work_dir / "overlay.toml")],
                       mounts=mounts, content_mounts=content, environment=environment,
                       base_path=base_path, fallback_layouts=not bare and lacks_layouts(site))
    return plan


def _with_skeleton_layouts(site: Site, mounts: list[Config], skel: Path) -> list[Config]:
    """The site's own layouts (if any) first, then the skeleton's for what the site lacks. A
    declared `layouts` mount replaces Hugo's default one, so the site's folder is named too."""
    out = list(mounts)
    own = site.root / str(site.config.get("layoutdir") or "layouts")
    if own.is_dir() and not any(m["target"].strip("/").split("/")[0] == "layouts" for m in mounts):
        out.append({"source": _rel(own, site.root), "target": "layouts"})
    out.append({"source": str(skel / "layouts"), "target": "layouts"})
    return out


def _default_content_mounts(site: Site) -> list[Config]:
    """Hugo's implicit content mounts: one per content folder; a folder only one language uses is
    that language's (a sites matrix), a shared one the default language's (suffixes decide)."""
    users: dict[Path, list[str]] = {}
    for lang in site.languages:
        users.setdefault(lang.content_dir, []).append(lang.code)
    out = []
    for folder, codes in users.items():
        mount = {"source": _rel(folder, site.root), "target": "content"}
        if len(users) > 1 and len(codes) == 1:
            mount.update(_language_matrix(codes[0]))
        out.append(mount)
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


__all__ = ["PreviewPlan", "plan_for", "ServerOutput", "Event", "free_port", "next_write_time",
           "cache_root", "skeleton_dir", "remove_stale_runs", "reap_stale_servers"]
