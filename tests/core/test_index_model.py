"""IndexEntry says what an index entry holds: the keys index_file builds and SiteIndex.entries returns."""

from editor.core.hugo.site import load_site
from editor.core.index.entry import index_file
from editor.core.index.model import IndexEntry
from editor.core.index.site_index import SiteIndex
from tests.sitegen import make_site

PRIVATE = {"_ts", "_url_line"}


def test_index_file_builds_exactly_the_declared_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: A\ndate: 2024-01-02\ntags: [x]\n---\nbody\n",
                                "posts/_index.md": "+++\ntitle = 'Posts'\n+++\n"})
    site = load_site(root)
    declared = set(IndexEntry.__annotations__)
    for rel in ("posts/a.md", "posts/_index.md"):
        assert set(index_file(site, root / "content" / rel)) == declared - {"status"}
    entries = SiteIndex(site, use_cache=False).refresh().entries()
    assert entries and all(set(e) == declared - PRIVATE for e in entries)
