"""The post list model: a worker-thread scan of a content folder, bundles and errors included."""

from __future__ import annotations

import shutil

from editor.services.posts.model import PathRole, PostListModel, scan
from tests.conftest import SEED


def _folder(tmp_path):
    content = tmp_path / "content"
    (content / "posts" / "bundle").mkdir(parents=True)
    shutil.copyfile(SEED, content / "posts" / "seed.md")
    (content / "posts" / "bundle" / "index.md").write_text("---\ntitle: Bundle\ndraft: true\n"
                                                           "date: 2021-01-01T00:00:00Z\ntags: [x]\n---\n")
    (content / "posts" / "bundle" / "notes.md").write_text("---\ntitle: not a page\n---\n")
    (content / "posts" / "_index.md").write_text("---\ntitle: Section\n---\n")
    (content / "posts" / "broken.md").write_text("---\ntitle: a: b\n---\n")
    (content / "about.md").write_text("---\ntitle: About\n---\n")
    return content


def test_scan(tmp_path):
    rows = scan(_folder(tmp_path))
    titles = [r.title for r in rows]
    assert titles[:2] == ["Bundle", "IBM No Longer Offers General Purpose Facial Recognition Software"]
    assert sorted(titles[2:]) == ["About", "broken"]
    by_title = {r.title: r for r in rows}
    assert by_title["Bundle"].status == "draft" and by_title["Bundle"].section == "posts"
    assert by_title["About"].section == ""
    assert by_title["broken"].status == "error" and "broken.md" in by_title["broken"].error
    assert by_title["IBM No Longer Offers General Purpose Facial Recognition Software"].tags == \
        ("politics", "technology", "security")


def test_model_loads_in_background(qtbot, tmp_path):
    model = PostListModel()
    with qtbot.waitSignal(model.scanFinished, timeout=5000) as blocker:
        model.load_folder(str(_folder(tmp_path)))
    assert blocker.args == [4] and model.rowCount() == 4 and model.columnCount() == len(model.COLUMNS) == 7
    assert model.index(1, model.GIT_COLUMN).data() == ""   # no git states given: not a repository
    assert model.index(1, 0).data() .startswith("IBM")
    assert model.index(1, 1).data() == "published"
    assert model.index(1, 2).data() == "2020-06-15"
    assert model.index(1, 0).data(PathRole).endswith("seed.md")
    assert model.terms("tags") == ["politics", "security", "technology", "x"]


def test_rows_come_from_the_site_index(tmp_path):
    from editor.services.posts.model import index_rows
    from editor.services.workspace import resolve
    content = _folder(tmp_path)
    (content.parent / "hugo.toml").write_text("baseURL = 'https://example.org/'\n")
    ws = resolve(str(content.parent))
    assert ws.folder == str(content) and ws.site is not None
    rows = index_rows(ws.folder, ws.site)
    by_title = {r.title: r for r in rows}
    assert set(by_title) == {r.title for r in scan(content)}
    assert by_title["Bundle"].status == "draft"
    assert by_title["broken"].status == "error"
    assert index_rows(str(content / "posts"), ws.site) is None   # a sub-folder is scanned instead
