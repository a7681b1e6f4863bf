"""Post: a Hugo post kept as its raw text, with a parsed view, alias-aware keys and surgical edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from editor.core.errors import PostError
from editor.core.files.text import detect_newline, to_newline
from editor.core.frontmatter.handler import handler
from editor.core.frontmatter.split import NONE, YAML, Parts, split
from editor.core.frontmatter.values import same_value
from editor.core.hugo import fields, pagedates
from editor.core.hugo.dates import UTC, DateError, parse_date
from editor.core.hugo.status import compute_status, hugo_bool

if TYPE_CHECKING:   # the site module reads config files: only Post.url needs it, at run time
    from editor.core.hugo.site import Site


# The round-trip YAML parser reads ≈ 30 KB of dense front matter per second, and an edit parses
# twice: real front matter is under 1 KB (the largest of 1,466 real posts has 520 bytes), so 64 KB
# leaves room for any post while keeping a 10 MB title line or 100,000 keys from hanging the window.
MAX_FRONT_MATTER = 64 * 1024


class Post:
    """One post. `post[key]` reads and writes front matter; `post.content` is the body.

    Nothing is re-serialised: the text is kept as read and every edit replaces only the lines
    of the key it changes, then is parsed back and verified (PostError if it does not verify).
    """

    def __init__(self, text: str, *, path: str | None = None, bom: bool = False,
                 newline: str | None = None) -> None:
        self.path = path
        self.bom = bom
        self.newline = newline or detect_newline(text)
        self.timezone: dt.tzinfo = UTC   # the site's timeZone for dates written without a zone
        # sha256 of the bytes this post was read from (set by io.load / the window): `save` refuses to
        # write over a file whose bytes changed since. None: not read from disk, nothing to check.
        self.disk_hash: str | None = None
        try:
            self._parts = split(text)
        except PostError as exc:
            raise exc.with_path(path) from None
        if len(self._parts.fm) > MAX_FRONT_MATTER:
            raise PostError(f"the front matter is {len(self._parts.fm) // 1024:,} KB; this editor reads at most "
                            f"{MAX_FRONT_MATTER // 1024} KB of it (more would freeze it for seconds to minutes); "
                            "edit it as raw text", path=path, line=self._parts.fm_first_line + 1, column=1)
        try:
            self._values, self._duplicates = handler(self._parts.format).parse(self._parts.fm)
        except PostError as exc:
            # The parsers count lines from the front matter's first line; report file lines.
            raise exc.shifted(self._parts.fm_first_line).with_path(path) from None
        self._original = text

    # ------------------------------------------------------------------ reading
    @property
    def format(self) -> str:
        """yaml, toml, json or none."""
        return self._parts.format

    @property
    def text(self) -> str:
        """The whole post as text (without BOM), as it would be saved."""
        return self._parts.join()

    @property
    def raw_front_matter(self) -> str:
        return self._parts.fm

    @property
    def front_matter_line(self) -> int:
        """1-based line of the file where the front-matter text starts."""
        return self._parts.fm_first_line + 1

    @property
    def body_line(self) -> int:
        """1-based line of the file where the body starts."""
        head = self._parts.head + self._parts.fm + self._parts.tail
        return len(head.replace("\r\n", "\n").replace("\r", "\n").split("\n"))

    @property
    def duplicate_keys(self) -> list[tuple[str, int, int, int]]:
        """Keys defined twice: (key, first line, line, column), 1-based lines of the file.

        Hugo 0.168 refuses such a file; we open it (the later value wins) so it can be repaired.
        """
        offset = self._parts.fm_first_line
        return [(d.key, d.first_line + offset, d.line + offset, d.column) for d in self._duplicates]

    def key_line(self, key: str) -> int | None:
        """1-based line of the file where `key` (any alias or case) is written, or None."""
        actual = self._actual_key(key)
        if actual is None:
            return None
        line = handler(self.format).key_line(self._parts.fm, actual)
        return None if line is None else line + self._parts.fm_first_line + 1

    @property
    def changed(self) -> bool:
        """True when the text differs from what was loaded (or last marked saved)."""
        return self.text != self._original

    def mark_saved(self) -> None:
        self._original = self.text

    def _actual_key(self, key: str) -> str | None:
        if key in self._values:
            return key
        names = fields.spellings(key)
        for name in names:  # alias order decides when a file has several spellings
            for actual in self._values:
                if isinstance(actual, str) and actual.lower() == name:
                    return actual
        return None

    def _present(self, actual: str, value: Any) -> Any:
        canonical = fields.canonical(actual)
        if canonical in fields.DATE_FIELDS and value is not None and not isinstance(value, (list, dict, bool)):
            try:
                return parse_date(value, self.timezone)
            except DateError:
                return value
        return self._aware(value)

    def _aware(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return value.replace(tzinfo=self.timezone)
        if isinstance(value, list):
            return [self._aware(v) for v in value]
        if isinstance(value, dict):
            return {k: self._aware(v) for k, v in value.items()}
        return value

    def __getitem__(self, key: str) -> Any:
        actual = self._actual_key(key)
        if actual is None:
            raise KeyError(key)
        return self._present(actual, self._values[actual])

    def raw(self, key: str, default: Any = None) -> Any:
        """The value exactly as parsed from the file (dates not made aware or re-read)."""
        actual = self._actual_key(key)
        return default if actual is None else self._values[actual]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._actual_key(key) is not None

    def keys(self) -> list[str]:
        return list(self._values)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._values))

    @property
    def metadata(self) -> Mapping[str, Any]:
        """A read-only view of the front matter (dates made timezone-aware)."""
        return MappingProxyType({k: self._present(k, v) for k, v in self._values.items()})

    @property
    def content(self) -> str:
        """The body, with "\\n" newlines."""
        return to_newline(self._parts.body, "\n")

    @content.setter
    def content(self, value: str) -> None:
        if value == self.content:
            return  # keep the body's bytes (mixed newlines included) when nothing changed
        self._parts = Parts(self._parts.format, self._parts.head, self._parts.fm, self._parts.tail,
                            to_newline(value, self.newline))

    # ------------------------------------------------------------------ writing
    def _coerce(self, canonical: str | None, value: Any) -> Any:
        if canonical in fields.DATE_FIELDS and value is not None:
            if isinstance(value, str):
                try:
                    value = parse_date(value, self.timezone)
                except DateError:
                    raise PostError(f"{value!r} is not a date Hugo can read; use RFC 3339 such as "
                                    "2026-12-01T09:00:00+01:00", path=self.path) from None
                if value is None:
                    raise PostError("an empty date: remove the key instead", path=self.path)
            elif isinstance(value, dt.datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=self.timezone)
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                value = dt.datetime(value.year, value.month, value.day, tzinfo=self.timezone)
            if not isinstance(value, dt.datetime):
                raise PostError(f"{canonical} must be a date, not {type(value).__name__}", path=self.path)
        elif canonical in fields.BOOL_FIELDS and not isinstance(value, bool):
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):
                value = value.strip().lower() == "true"
            else:
                raise PostError(f"{canonical} must be true or false, not {value!r}", path=self.path)
        elif canonical in fields.LIST_FIELDS and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        elif isinstance(value, tuple):
            value = list(value)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            raise PostError("refusing to write a date without an explicit offset", path=self.path)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        _refuse_surrogates(key, value, self.path)
        canonical = fields.canonical(key)
        actual = self._actual_key(key) or canonical or key
        value = self._coerce(canonical, value)
        if actual in self._values and same_value(self._values[actual], value):
            return
        parts = self._parts
        if parts.format == NONE:
            nl = self.newline
            parts = Parts(YAML, "---" + nl, "", "---" + nl, parts.body)
        fm = parts.fm
        try:
            new_fm = handler(parts.format).set_value(fm, actual, value, self.newline)
        except PostError as exc:   # lines counted in the front matter: report file lines
            raise exc.shifted(parts.fm_first_line).with_path(self.path) from None
        self._commit(parts, self._fix_newlines(fm, new_fm), actual, value)

    def __delitem__(self, key: str) -> None:
        actual = self._actual_key(key)
        if actual is None:
            raise KeyError(key)
        parts = self._parts
        self._commit(parts, handler(parts.format).delete(parts.fm, actual), actual, _DELETED)

    def _fix_newlines(self, old: str, new: str) -> str:
        if self.newline != "\n" and "\n" in new:
            # Lines added by an editor use "\n"; follow the file's own style.
            return to_newline(new, self.newline) if to_newline(old, self.newline) == old else new
        return new

    def _commit(self, parts: Parts, new_fm: str, actual: str, value: Any) -> None:
        """Verify an edit by parsing it back; only then keep it."""
        fmt = parts.format
        new_parts = Parts(fmt, parts.head, new_fm, parts.tail, parts.body)
        where = self.path or "<text>"
        try:
            check = split(new_parts.join())
            reparsed, duplicates = handler(check.format).parse(check.fm)
        except PostError as exc:
            raise PostError(f"the edit of {actual!r} would not parse back ({exc.reason}); file left as it was",
                            path=self.path) from None
        if check.format != fmt or check.body != parts.body:
            raise PostError(f"the edit of {actual!r} would change the body; refused", path=self.path)
        for key, old in self._values.items():
            if key != actual and (key not in reparsed or not same_value(reparsed[key], old)):
                raise PostError(f"the edit of {actual!r} would also change {key!r}; refused", path=self.path)
        if value is _DELETED:
            if actual in reparsed:
                raise PostError(f"could not remove {actual!r} from {where}", path=self.path)
        elif actual not in reparsed or not _reads_as(reparsed[actual], value):
            raise PostError(f"the edit of {actual!r} did not read back as {value!r}; file left as it was",
                            path=self.path)
        extra = set(reparsed) - set(self._values) - {actual}
        if extra:
            raise PostError(f"the edit of {actual!r} would add {sorted(extra)}; refused", path=self.path)
        self._parts = new_parts
        self._values = reparsed
        self._duplicates = duplicates

    # ------------------------------------------------------------------ Hugo's view
    def dates(self, rules: dict[str, Any] | None = None,
              git_date: dt.datetime | None = None) -> dict[str, dt.datetime | None]:
        """date, publishDate, lastmod, expiryDate as Hugo resolves them (None when zero)."""
        return pagedates.resolve(self._values, rules, self.path, self.timezone, git_date)

    @property
    def draft(self) -> bool:
        return hugo_bool(self.get("draft", False))

    def status(self, now: dt.datetime | None = None, site: Site | None = None) -> str:
        """draft, scheduled, published or expired, exactly as Hugo decides."""
        if site is not None:  # the site's timeZone places dates written without a zone
            d = pagedates.resolve(self._values, site.frontmatter_rules, self.path, site.timezone)
        else:
            d = self.dates()
        return compute_status(self.draft, d["publishDate"], d["expiryDate"], now)

    def url(self, site: Site | None = None) -> str:
        """The page's relative permalink as Hugo would produce it."""
        from editor.core.hugo import site as site_mod, urls
        if site is None and self.path:
            site = site_mod.find_site(self.path)
        return urls.page_url(self, site)

    def __repr__(self) -> str:
        return f"<Post {self.path or '<text>'} {self.format} {len(self._values)} keys>"


def _refuse_surrogates(key: str, value: object, path: str | None) -> None:
    """Keys and values must be Unicode text: a lone surrogate (an undecodable byte in a shell
    argument) could be written by no format and read by no one."""
    stack = [key, value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise PostError(f"the new value of {key.encode('utf-8', 'backslashreplace').decode()!r} "
                                "holds bytes that are not UTF-8 text (U+DC80..U+DCFF); not changed",
                                path=path) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


class _Deleted:
    pass


_DELETED = _Deleted()


def _reads_as(parsed: object, value: object) -> bool:
    if same_value(parsed, value):
        return True
    if isinstance(value, dt.datetime):
        try:
            got = parse_date(parsed)
        except DateError:
            return False
        return got is not None and got == value and got.utcoffset() == value.utcoffset()
    if isinstance(value, list) and isinstance(parsed, list) and len(value) == len(parsed):
        return all(_reads_as(p, v) for p, v in zip(parsed, value))
    if isinstance(value, dict) and isinstance(parsed, dict) and value.keys() == parsed.keys():
        return all(_reads_as(parsed[k], value[k]) for k in value)
    return False
