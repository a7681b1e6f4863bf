"""The window's export of a bundle: a link leading out of the post's folder is not copied, and the author is told."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from editor.gui.dialogs.export import ExportChoice
from tests.gui.helpers import make_window


def test_window_export_skips_a_link_to_a_private_file_and_says_so(qtbot, tmp_path):
    secret = tmp_path / "home" / ".ssh" / "id_rsa"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(b"PRIVATE KEY")
    src = tmp_path / "drafts" / "walk"
    src.mkdir(parents=True)
    (src / "cover.png").write_bytes(b"PNG")
    (src / "photo.png").symlink_to(secret)
    post = src / "index.md"
    post.write_text("---\ntitle: Walk\n---\n![c](cover.png)\n![p](photo.png)\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text("title = 'S'\n")
    window = make_window(qtbot, post)
    window.prompts.script(export=ExportChoice(str(site), "posts", "walk", True))
    written = window.flows.export_post()
    bundle = site / "content" / "posts" / "walk"
    assert written == str(bundle / "index.md")
    assert sorted(p.name for p in bundle.iterdir()) == ["cover.png", "index.md"]
    assert window.message_bar.isVisible()
    text = " ".join(w.text() for w in window.message_bar.findChildren(QLabel))
    assert "photo.png" in text and "leads outside" in text, text
    assert "copied 1 file(s): cover.png" in window.statusBar().currentMessage()


def test_dropping_a_link_to_a_private_picture_copies_nothing_and_says_why(qtbot, tmp_path):
    import io

    from PIL import Image
    from PySide6.QtCore import QMimeData, QUrl
    private = tmp_path / "private"
    private.mkdir()
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buf, "JPEG")
    (private / "passport.jpg").write_bytes(buf.getvalue())
    desktop = tmp_path / "desktop"
    desktop.mkdir()
    (desktop / "cat.jpg").symlink_to(private / "passport.jpg")
    bundle = tmp_path / "site" / "content" / "posts" / "p"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: P\n---\nBody.\n")
    window = make_window(qtbot, bundle / "index.md")
    before = window.editor.toPlainText()
    drop = QMimeData()
    drop.setUrls([QUrl.fromLocalFile(str(desktop / "cat.jpg"))])
    window.editor.insertFromMimeData(drop)
    assert sorted(p.name for p in bundle.iterdir()) == ["index.md"]
    assert window.editor.toPlainText() == before
    text = " ".join(w.text() for w in window.message_bar.findChildren(QLabel))
    assert "cat.jpg" in text and "leads outside" in text, text
