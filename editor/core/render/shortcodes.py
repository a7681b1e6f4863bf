"""Hugo shortcodes in a raw body: built-ins rendered as Hugo 0.168 does, others as visible placeholders."""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any, Callable

from .highlight import render_code

if TYPE_CHECKING:
    from editor.core.render_config import RenderConfig

TAG = re.compile(
    r"\{\{(?:(?P<esc>[<%])/\*(?P<escbody>.*?)\*/(?P<escend>[>%])\}\}"
    r"|(?:(?P<a><)|%)\s*(?!/\*)(?P<close>/)?\s*(?P<name>[\w./-]+)(?P<args>.*?)(?P<self>/)?\s*(?(a)>|%)\}\})",
    re.S)
_ARG = re.compile(r"""([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)|("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)""")
TOKEN = "HPESC%dZ"
_TOKEN_RE = re.compile(r"<p>HPESC(\d+)Z</p>\n?|HPESC(\d+)Z")
_BLOCK_START = re.compile(r"^\s*<(?:div|figure|details|blockquote|pre|p|table|iframe)\b")
_IFRAME = ('<div style="position: relative; padding-bottom: 56.25%%; height: 0; overflow: hidden;">'
           '<iframe %s style="position: absolute; top: 0; left: 0; width: 100%%; height: 100%%; border:0;" '
           'title="%s"></iframe></div>')


def _unquote(v: str) -> str:
    if v[:1] == '"':
        return v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if v[:1] == "`":
        return v[1:-1]
    return v


def parse_args(s: str) -> tuple[list[str], dict[str, str]]:
    pos: list[str] = []
    named: dict[str, str] = {}
    for m in _ARG.finditer(s):
        if m.group(1):
            named[m.group(1)] = _unquote(m.group(2))
        else:
            pos.append(_unquote(m.group(3)))
    return pos, named



def template_url(url: str) -> str:
    """A URL as Go's html/template writes it into href/src: a scheme other than http, https or mailto
    (javascript:, data:, vbscript:...) becomes "#ZgotmplZ", as in Hugo's built-in shortcodes."""
    scheme, sep, _ = url.partition(":")
    if sep and "/" not in scheme and scheme.lower() not in ("http", "https", "mailto"):
        return "#ZgotmplZ"
    return url

class Shortcodes:
    """Replaces shortcodes with tokens before Markdown and puts their HTML back afterwards."""

    def __init__(self, render_md: Callable[[str], str], config: RenderConfig) -> None:
        self.render_md = render_md  # renders a nested Markdown fragment (shortcodes included)
        self.cfg = config
        self.out: list[str] = []

    def token(self, html_: str) -> str:
        self.out.append(html_)
        return TOKEN % (len(self.out) - 1)

    def expand(self, text: str) -> str:
        if "{{" not in text:
            return text
        matches = list(TAG.finditer(text))
        if not matches:
            return text
        parts: list[str] = []
        pos = 0
        i = 0
        while i < len(matches):
            m = matches[i]
            if m.start() < pos:
                i += 1
                continue
            parts.append(text[pos:m.start()])
            if m.group("esc"):
                parts.append("{{%s%s%s}}" % (m.group("esc"), m.group("escbody"), m.group("escend")))
                pos = m.end()
                i += 1
                continue
            name = m.group("name")
            inner, end, j = None, m.end(), i + 1
            if not m.group("close") and not m.group("self"):
                depth = 0
                for k in range(i + 1, len(matches)):
                    mk = matches[k]
                    if mk.group("esc") or mk.group("name") != name:
                        continue
                    if mk.group("close"):
                        if depth == 0:
                            inner, end, j = text[m.end():mk.start()], mk.end(), k + 1
                            break
                        depth -= 1
                    elif not mk.group("self"):
                        depth += 1
            url_context = text[max(0, m.start() - 2):m.start()] == "]("
            parts.append(self.call(name, m.group("args") or "", inner, m.group(0), bool(m.group("close")), url_context))
            pos, i = end, j
        parts.append(text[pos:])
        return "".join(parts)

    def restore(self, rendered: str) -> str:
        if "HPESC" not in rendered:
            return rendered

        def put(m: re.Match[str]) -> str:
            if m.group(1) is not None:
                return self.out[int(m.group(1))] + "\n"
            return self.out[int(m.group(2))]
        for _ in range(3):  # nested tokens inside restored HTML
            rendered = _TOKEN_RE.sub(put, rendered)
            if "HPESC" not in rendered:
                break
        return rendered

    # ------------------------------------------------------------ one call
    def call(self, name: str, args: str, inner: str | None, source: str, closing: bool, url_context: bool) -> str:
        if closing:
            return self.token(self._placeholder(name, source, None))
        pos, named = parse_args(args)
        fn = getattr(self, "_sc_" + name.replace("-", "_").replace("/", "_").replace(".", "_"), None)
        if fn is not None:
            result: str | None = fn(pos, named, inner, url_context)
            if result is not None:
                return result
        return self.token(self._placeholder(name, source, inner))

    def _placeholder(self, name: str, source: str, inner: str | None) -> str:
        label = html.escape(source.strip())
        if inner is None:
            return '<span class="hpe-shortcode" data-name="%s">%s</span>' % (html.escape(name), label)
        return ('<div class="hpe-shortcode" data-name="%s"><div class="hpe-shortcode-tag">%s</div>\n%s</div>'
                % (html.escape(name), label, self.render_md(inner)))

    @staticmethod
    def _get(pos: list[str], named: dict[str, str], key: str, index: int | None = None, default: str = "") -> str:
        if key in named:
            return named[key]
        if index is not None and index < len(pos):
            return pos[index]
        return default

    # ------------------------------------------------------------ built-ins
    def _sc_figure(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:

        def g(k: str) -> str:
            return named.get(k, "")

        e = html.escape
        out = ["<figure%s>" % (' class="%s"' % e(g("class")) if g("class") else "")]
        if g("link"):
            out.append('<a href="%s"%s%s>' % (e(template_url(g("link"))),
                                              ' target="%s"' % e(g("target")) if g("target") else "",
                                              ' rel="%s"' % e(g("rel")) if g("rel") else ""))
        img = '<img src="%s"' % e(template_url(g("src")))
        if g("alt") or g("caption"):
            alt = g("alt") or re.sub(r"<[^>]+>", "", self._inline_md(g("caption")))
            img += '\n\t\t\talt="%s"' % e(html.unescape(alt))
        for k in ("width", "height", "loading"):
            if g(k):
                img += ' %s="%s"' % (k, e(g(k)))
        out.append(img + ">")
        if g("link"):
            out.append("</a>")
        if g("title") or g("caption") or g("attr"):
            out.append("<figcaption>\n\t\t\t")
            if g("title"):
                out.append("<h4>%s</h4>" % e(g("title")))
            if g("caption") or g("attr"):
                out.append("<p>" + self._inline_md(g("caption")))
                if g("attrlink"):
                    out.append('<a href="%s">' % e(template_url(g("attrlink"))))
                out.append(self._inline_md(g("attr")))
                if g("attrlink"):
                    out.append("</a>")
                out.append("</p>")
            out.append("\n\t\t</figcaption>")
        out.append("\n</figure>")
        return self.token("".join(out))

    def _inline_md(self, text: str) -> str:
        if not text:
            return ""
        out = self.render_md(text).strip()
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out

    def _sc_youtube(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        vid = html.escape(self._get(pos, named, "id", 0))
        attrs = ('allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; '
                 'web-share" allowfullscreen="allowfullscreen" loading="eager" '
                 'referrerpolicy="strict-origin-when-cross-origin" '
                 'src="https://www.youtube.com/embed/%s?autoplay=0&amp;controls=1&amp;end=0&amp;loop=0&amp;mute=0'
                 '&amp;start=0"' % vid)
        return self.token(_IFRAME % (attrs, html.escape(named.get("title", "YouTube video"))))

    def _sc_vimeo(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        vid = html.escape(self._get(pos, named, "id", 0))
        attrs = 'src="https://player.vimeo.com/video/%s?dnt=0" webkitallowfullscreen mozallowfullscreen ' \
                'allowfullscreen' % vid
        return self.token(_IFRAME % (attrs, html.escape(named.get("title", "vimeo video"))))

    def _sc_x(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        user = html.escape(self._get(pos, named, "user", 0))
        post = html.escape(self._get(pos, named, "id", 1))
        return self.token('<blockquote class="hpe-shortcode hpe-x" data-name="x"><p>Post %s by @%s '
                          '(embedded by Hugo when the site is built)</p></blockquote>' % (post, user))

    _sc_tweet = _sc_x
    _sc_twitter = _sc_x

    def _sc_gist(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        user, gid = self._get(pos, named, "user", 0), self._get(pos, named, "id", 1)
        url = "https://gist.github.com/%s/%s" % (user, gid)
        return self.token('<p class="hpe-shortcode" data-name="gist"><a href="%s">gist %s/%s</a></p>'
                          % (html.escape(url), html.escape(user), html.escape(gid)))

    def _sc_highlight(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        lang = pos[0] if pos else ""
        opts = "{%s}" % pos[1] if len(pos) > 1 else ""
        code = (inner or "").strip("\n") + "\n"
        return self.token(render_code(code, lang, self.cfg.highlight_style, self.cfg.highlight_no_classes, opts))

    def _ref(self, pos: list[str], named: dict[str, str], url_context: bool, rel: bool) -> str:
        target = self._get(pos, named, "path", 0)
        resolver = self.cfg.ref_resolver
        # refs: URLs worked out from the site for this body (editor.core.hugo.refs.resolve_all).
        url = resolver(target) if resolver else self.cfg.refs.get(f"{'relref' if rel else 'ref'}:{target}")
        if url is not None:
            # In a link's destination the URL is part of the Markdown; elsewhere Hugo puts the
            # shortcode's output in after rendering, so it is never linkified.
            return url if url_context else self.token(html.escape(url))
        if url_context:
            return "#hpe-unresolved-ref:" + target.replace(" ", "%20")
        return self.token('<span class="hpe-shortcode hpe-unresolved" data-name="%s">%s &quot;%s&quot; '
                          '(unresolved)</span>' % ("relref" if rel else "ref", "relref" if rel else "ref",
                                                   html.escape(target)))

    def _sc_ref(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        return self._ref(pos, named, url_context, False)

    def _sc_relref(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        return self._ref(pos, named, url_context, True)

    def _sc_param(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        key = self._get(pos, named, "name", 0)
        val: Any = self.cfg.params   # the site's [params]: whatever its config holds
        for part in key.split("."):
            if isinstance(val, dict):
                val = next((v for k, v in val.items() if str(k).lower() == part.lower()), None)
            else:
                val = None
        if val is None:
            return self.token('<span class="hpe-shortcode hpe-unresolved" data-name="param">param &quot;%s&quot; '
                              '(not set)</span>' % html.escape(key))
        return self.token(html.escape(str(val)))

    def _sc_details(self, pos: list[str], named: dict[str, str], inner: str | None, url_context: bool) -> str:
        summary = named.get("summary", "Details")
        cls = named.get("class", "")
        is_open = named.get("open", "false").lower() in ("true", "1", "yes")
        head = "<details%s%s>" % (' class="%s"' % html.escape(cls) if cls else "", " open" if is_open else "")
        body = self.render_md(inner or "")
        return self.token("%s\n  <summary>%s</summary>\n  %s</details>" % (head, self._inline_md(summary), body))
