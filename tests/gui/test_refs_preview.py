"""The instant preview resolves ref/relref from the open site; an unknown target is Hugo's error in Problems."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget

from tests.gui.helpers import find, js, make_window
from tests.sitegen import make_site


def test_ref_links_resolve_in_the_instant_preview(qtbot, tmp_path):
    root = make_site(tmp_path, {
        "posts/target.md": "---\ntitle: Target\nslug: Custom Slug\n---\nx\n",
        "posts/a.md": '---\ntitle: A\n---\nSee [the target]({{< relref "target.md" >}}) and '
                      '{{< ref "target.md#part" >}}.\n\nAlso {{< relref "nope.md" >}}.\n'},
        config="baseURL = 'https://example.org/blog/'\n")
    window = make_window(qtbot, root / "content/posts/a.md", render=None)   # the real render worker
    qtbot.waitUntil(lambda: js(qtbot, window, "document.querySelector('#page a') ? "
                                              "document.querySelector('#page a').getAttribute('href') : ''")
                    == "/blog/posts/custom-slug/", timeout=30000)
    text = js(qtbot, window, "document.getElementById('page').innerText")
    assert "https://example.org/blog/posts/custom-slug/#part" in text
    problems = find(window, QListWidget, "problemsList")
    qtbot.waitUntil(lambda: any("REF_NOT_FOUND" in problems.item(i).text() for i in range(problems.count())),
                    timeout=20000)
    item = next(problems.item(i).text() for i in range(problems.count()) if "REF_NOT_FOUND" in problems.item(i).text())
    assert item.startswith('line 6: REF_NOT_FOUND: Ref "nope.md": page not found')
