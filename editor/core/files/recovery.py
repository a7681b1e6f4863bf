"""Recovery journal: unsaved buffers kept in the user data folder so a crash loses nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from editor.core.files.private import private_dir, write_private

APP = "hugo-post-editor"
MAX_JOURNAL_BYTES = 256 * 1024 * 1024   # far above any post (io.MAX_BYTES is 64 MB) in JSON escapes
log = logging.getLogger(__name__)


def data_dir() -> Path:
    """The app's folder in the user data folder ($XDG_DATA_HOME, else ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(base):
        # The spec says a relative value is invalid; taken as is it would put the journal of
        # unsaved drafts into whatever folder the app started in (a site's git repository…).
        base = os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / APP


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Journal:
    """One journaled buffer: the whole post text as it would be saved, and what it was based on."""
    post_path: str          # absolute path of the post ("" for a post never saved)
    text: str               # the full text (front matter + body) with the author's unsaved changes
    base_hash: str | None   # sha256 of the file's bytes when the buffer was loaded (None: new file)
    saved_at: float         # time.time() of the journal write
    key: str                # the journal's own name

    def file_changed_since(self) -> bool:
        """True when the post file on disk is no longer what the buffer was based on."""
        if not self.post_path:
            return False
        try:
            return content_hash(Path(self.post_path).read_bytes()) != self.base_hash
        except OSError:
            return self.base_hash is not None


def journal_key(post_path: str | os.PathLike[str] | None) -> str:
    """The journal name for a post (by its absolute path; new posts get a unique name)."""
    if not post_path:
        return f"untitled-{os.getpid()}-{time.time_ns()}"
    return hashlib.sha1(os.path.abspath(os.fspath(post_path)).encode("utf-8")).hexdigest()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def write(post_path: str | os.PathLike[str] | None, text: str, base_hash: str | None, key: str | None = None) -> str:
    """Journal `text` atomically (temp + fsync + rename), never touching the post file; returns the key.

    Raises OSError when the journal cannot be written (the caller reports it once).
    """
    key = key or journal_key(post_path)
    # The journal holds the author's unsaved text: only the author may read it (0700 / 0600),
    # whatever the umask and whatever the post file's own mode.
    folder = private_dir(recovery_dir(), top=data_dir())
    # A lone surrogate (an undecodable byte pasted in) cannot be UTF-8: it becomes U+FFFD here so
    # that every other word is still journaled (the save itself refuses such text with its line).
    record = {"post_path": os.path.abspath(os.fspath(post_path)) if post_path else "",
              "text": _LONE_SURROGATE.sub("\ufffd", text), "base_hash": base_hash, "saved_at": time.time(),
              "version": 1}
    write_private(folder / f"{key}.json", json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return key


def _read_file(path: Path) -> Journal | None:
    """The journal in `path`; None (with a warning naming the file) when it is torn, truncated,
    foreign or not a regular file, so that one bad entry never stops the app from starting."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")   # a FIFO would block the reader forever
        if info.st_size > MAX_JOURNAL_BYTES:
            raise ValueError(f"{info.st_size} bytes, larger than any journal")
        with open(path, "rb") as fh:
            record = json.loads(fh.read().decode("utf-8"))
        if not isinstance(record, dict):
            raise ValueError("not a journal record")
        post_path, text, base_hash = record["post_path"], record["text"], record.get("base_hash")
        saved_at = record.get("saved_at", 0)
        if not isinstance(post_path, str) or not isinstance(text, str) \
                or not (base_hash is None or isinstance(base_hash, str)) \
                or isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)) \
                or not math.isfinite(saved_at):
            raise ValueError("a field has the wrong type")
        text.encode("utf-8")          # lone surrogates (\ud800 escapes) could never be saved
        post_path.encode("utf-8")
        return Journal(post_path, text, base_hash, float(saved_at), path.stem)
    except FileNotFoundError:
        return None                   # cleared meanwhile by another window
    except (OSError, ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
        log.warning("%s: recovery journal skipped, it cannot be read (%s)", path, exc)
        return None


def read(post_path: str | os.PathLike[str]) -> Journal | None:
    """The journal of a post, if there is one."""
    return _read_file(recovery_dir() / f"{journal_key(post_path)}.json")


def entries() -> list[Journal]:
    """Every journal, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = [j for j in (_read_file(p) for p in folder.glob("*.json")) if j is not None]
    return sorted(found, key=lambda j: j.saved_at, reverse=True)


def clear(post_path: str | os.PathLike[str] | None = None, key: str | None = None) -> None:
    """Forget a journal (after a save or a discard)."""
    key = key or journal_key(post_path)
    try:
        (recovery_dir() / f"{key}.json").unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:   # forgetting a journal is never worth stopping the app for
        log.warning("%s: recovery journal could not be removed (%s)", recovery_dir() / f"{key}.json", exc)


def for_post(post_path: str | os.PathLike[str]) -> list[Journal]:
    """Every journal of one post (its live journal and any set aside), newest first."""
    wanted = os.path.abspath(os.fspath(post_path))
    return [j for j in entries() if j.post_path == wanted]


def set_aside(journal: Journal) -> Journal:
    """Move a recovered journal out of the live journal's way, so new typing cannot overwrite it
    before the author restores or discards it. Returns the journal under its new key."""
    key = f"{journal.key.split('.')[0]}.recovered-{time.time_ns()}"
    try:
        os.replace(recovery_dir() / f"{journal.key}.json", recovery_dir() / f"{key}.json")
    except OSError as exc:
        # Gone meanwhile (another window) or the folder refuses: the text is in memory and is
        # still offered; only the protection from being overwritten is lost.
        log.warning("%s: recovery journal could not be set aside (%s)", recovery_dir() / f"{journal.key}.json", exc)
        return journal
    return Journal(journal.post_path, journal.text, journal.base_hash, journal.saved_at, key)
