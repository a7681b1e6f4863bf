"""Golden tests: the instant preview renderer against verbatim Hugo 0.168 output (reference section 5)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from editor.core.render import RenderConfig, render_html, render_markdown

_BETWEEN_TAGS = re.compile(r">\s+<")


class _Canon(HTMLParser):
    """Re-serialises HTML with sorted attributes and decoded entities; comments kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _tag(self, tag, attrs):
        return "<" + tag + "".join(' %s="%s"' % (k, v or "") for k, v in sorted(attrs)) + ">"

    def handle_starttag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.out.append("</%s>" % tag)

    def handle_data(self, data):
        self.out.append(data)

    def handle_comment(self, data):
        self.out.append("<!--%s-->" % data)


def norm(s: str) -> str:
    """Attribute order, entity spelling, `<br />` spelling and whitespace between tags ignored."""
    p = _Canon()
    p.feed(s)
    p.close()
    return _BETWEEN_TAGS.sub("><", "".join(p.out).strip())


def same(markdown: str, hugo: str, **kw) -> None:
    assert norm(render_html(markdown, **kw)) == norm(hugo)


def test_typographer_quotes_dashes_ellipsis_angles():
    same('"double" \'single\' it\'s -- and --- and... <<angle>>',
         "<p>&ldquo;double&rdquo; &lsquo;single&rsquo; it&rsquo;s &ndash; and &mdash; and&hellip; "
         "&laquo;angle&raquo;</p>")


def test_typographer_can_be_disabled():
    out = render_html('"plain" -- x', config=RenderConfig(typographer=False))
    assert norm(out) == norm('<p>"plain" -- x</p>')


def test_fenced_code_is_highlighted_with_inline_styles():
    out = render_html("```python\ndef hello():\n    pass\n```\n")
    assert out.startswith('<div class="highlight"><pre tabindex="0" style="color:#f8f8f2;background-color:#272822;'
                          '-moz-tab-size:4;-o-tab-size:4;tab-size:4;-webkit-text-size-adjust:none;">'
                          '<code class="language-python" data-lang="python"><span style="display:flex;"><span>'
                          '<span style="color:#66d9ef">def</span>')


def test_fence_without_language_unknown_language_and_indented_code():
    same("```\nplain fence, no language\n```\n", "<pre tabindex=\"0\"><code>plain fence, no language\n</code></pre>")
    same("```nosuchlang\nx\n```\n",
         '<pre tabindex="0"><code class="language-nosuchlang" data-lang="nosuchlang">x\n</code></pre>')
    same("    indented code block\n", "<pre><code>indented code block\n</code></pre>")


def test_table_markup():
    same("| Col A | Col B |\n|:--|--:|\n| a | b |\n",
         '<table>\n\t<thead>\n\t\t\t<tr>\n\t\t\t\t\t<th style="text-align: left">Col A</th>\n'
         '\t\t\t\t\t<th style="text-align: right">Col B</th>\n\t\t\t</tr>\n\t</thead>\n\t<tbody>\n\t\t\t<tr>\n'
         '\t\t\t\t\t<td style="text-align: left">a</td>\n\t\t\t\t\t<td style="text-align: right">b</td>\n'
         "\t\t\t</tr>\n\t</tbody>\n</table>")


def test_table_without_leading_pipe_and_header_only():
    same("a | b\n--|:-:\n", '<table><thead><tr><th>a</th><th style="text-align: center">b</th></tr></thead>'
                           "<tbody></tbody></table>")


def test_strikethrough_one_and_two_tildes():
    same("~~strikethrough~~ and ~single tilde~", "<p><del>strikethrough</del> and <del>single tilde</del></p>")


def test_task_list():
    same("- [ ] task open\n- [x] task done\n",
         '<ul>\n<li><input disabled="" type="checkbox"> task open</li>\n'
         '<li><input checked="" disabled="" type="checkbox"> task done</li>\n</ul>')


def test_footnotes_numbered_in_order_of_use_and_unused_dropped():
    same("A[^1] and B[^note].\n\n[^note]: Named.\n[^1]: First footnote.\n[^z]: unused\n",
         '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> and '
         'B<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>.</p>'
         '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n<li id="fn:1">\n'
         '<p>First footnote.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;'
         '</a></p>\n</li>\n<li id="fn:2">\n<p>Named.&#160;<a href="#fnref:2" class="footnote-backref" '
         'role="doc-backlink">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>')


def test_autolinks():
    same("see https://example.com/path?x=1 and www.example.org, <https://angle.example> or mail@example.com.",
         '<p>see <a href="https://example.com/path?x=1">https://example.com/path?x=1</a> and '
         '<a href="https://www.example.org">www.example.org</a>, '
         '<a href="https://angle.example">https://angle.example</a> or '
         '<a href="mailto:mail@example.com">mail@example.com</a>.</p>')


def test_heading_ids_duplicates_unicode_and_custom():
    same("## Heading One\n\n## Heading One\n\n### Ünïcode Heading: Café & 日本\n\n## Custom ID {#my-custom-id}\n",
         '<h2 id="heading-one">Heading One</h2>\n<h2 id="heading-one-1">Heading One</h2>\n'
         '<h3 id="ünïcode-heading-café--日本">Ünïcode Heading: Café &amp; 日本</h3>\n'
         '<h2 id="my-custom-id">Custom ID</h2>')


def test_block_attribute_is_not_applied():
    same("para\n{.my-class}\n", "<p>para\n{.my-class}</p>")


def test_summary_divider_removed():
    same("This is the summary paragraph.\n\n<!--more-->\n\nRest.\n",
         "<p>This is the summary paragraph.</p>\n<p>Rest.</p>")
    same("Summary.\n\n<!--more-->\n\nRest.\n", "<p>Summary.</p>\n<p>Rest.</p>", unsafe=True)


def test_raw_html_omitted_when_unsafe_is_false():
    md = 'Raw inline HTML: <b>x</b> and <span style="color:red">red</span>.\n\n<div>\nblock\n</div>\n'
    same(md, "<p>Raw inline HTML: <!-- raw HTML omitted -->x<!-- raw HTML omitted --> and "
             "<!-- raw HTML omitted -->red<!-- raw HTML omitted -->.</p>\n<!-- raw HTML omitted -->")
    # a block closed by its end condition on a later line is marked twice, as goldmark does
    same("<script>\nalert(1)\n</script>\n", "<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->")


def test_raw_html_kept_when_unsafe():
    out = render_html('<script>alert("xss")</script>\n\nx <b>y</b>\n', unsafe=True)
    assert '<script>alert("xss")</script>' in out and "<b>y</b>" in out


def test_emoji_and_math_left_literal():
    same(":smile: $a^2$", "<p>:smile: $a^2$</p>")


def test_definition_list():
    same("Term\n: Definition (definition list).\n",
         "<dl>\n<dt>Term</dt>\n<dd>Definition (definition list).</dd>\n</dl>")


def test_relative_link_emitted_as_is():
    same("[x](other-post/)", '<p><a href="other-post/">x</a></p>')


def test_list_rules_two_space_nesting_interrupting_paragraph_and_looseness():
    same("foo\n- a\n- b\n\n  - c\n",
         "<p>foo</p>\n<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>")
    same("- a\n  - b\n- c\n", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>")


def test_fence_interrupts_paragraph_and_backslash_break():
    same("text\n```\ncode\n```\n", '<p>text</p><pre tabindex="0"><code>code\n</code></pre>')
    same("a\\\nb", "<p>a<br>\nb</p>")


def test_shortcode_figure_exact_hugo_markup():
    assert render_html('{{< figure src="a.png" title="x" >}}').strip() == (
        "<figure><img src=\"a.png\"><figcaption>\n\t\t\t<h4>x</h4>\n\t\t</figcaption>\n</figure>")
    out = render_html('{{< figure src="https://example.com/b.jpg" link="https://example.com" alt="B alt" '
                      'caption="B *caption*" >}}')
    assert out.startswith('<figure><a href="https://example.com"><img src="https://example.com/b.jpg"\n'
                          '\t\t\talt="B alt"></a><figcaption>\n\t\t\t<p>B <em>caption</em></p>')


def test_shortcode_ref_param_and_placeholders():
    cfg = RenderConfig(ref_resolver=lambda t: "/posts/%s/" % t.split("/")[-1].removesuffix(".md"),
                       params={"Author": {"name": "Ann"}})
    out = render_html('[x]({{< ref "posts/hello.md" >}}) by {{< param "author.name" >}}', config=cfg)
    assert out.strip() == '<p><a href="/posts/hello/">x</a> by Ann</p>'
    out = render_html('[x]({{< relref "nowhere" >}}) {{< mything a=1 >}}')
    assert 'href="#hpe-unresolved-ref:nowhere"' in out
    assert '<span class="hpe-shortcode" data-name="mything">{{&lt; mything a=1 &gt;}}</span>' in out


def test_paired_shortcodes_render_inner_markdown():
    out = render_html("{{% note %}}\nSome **bold**.\n{{% /note %}}\n")
    assert out.startswith('<div class="hpe-shortcode" data-name="note">') and "<strong>bold</strong>" in out
    out = render_html('{{< details summary="More" >}}\nHidden *text*.\n{{< /details >}}\n')
    assert out.startswith("<details>") and "<summary>More</summary>" in out and "<em>text</em>" in out


def test_shortcode_escape_is_literal_and_highlight_shortcode():
    assert norm(render_html("Use {{</* figure */>}} here.")) == norm("<p>Use {{< figure >}} here.</p>")
    out = render_html("{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n")
    assert 'class="language-go" data-lang="go"' in out and "<div class=\"highlight\">" in out


def test_render_markdown_leaves_shortcode_text_alone():
    assert "hpe-shortcode" not in render_markdown("{{< x >}}")
    assert render_markdown("plain *text*") == render_html("plain *text*")

