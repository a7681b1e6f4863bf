"""The Export dialog names the URL before writing, warns when it changes, never defaults to the post's own folder."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

import editor.gui.dialogs.export as dialogs   # prompts imports the dialog from here when asked
from tests.gui.helpers import RealDialogs, make_window
from tests.sitegen import make_site


def _capture_dialog(monkeypatch) -> list:
    shown: list = []

    class Recording(dialogs.ExportDialog):
        def exec(self) -> int:   # never block on the modal dialog: record it and cancel
            shown.append(self)
            return 0

    monkeypatch.setattr(dialogs, "ExportDialog", Recording)
    return shown


def test_export_dialog_shows_the_url_and_warns_when_it_changes(qtbot, tmp_path, monkeypatch):
    src = make_site(tmp_path / "a", {"posts/toml-front-matter.md":
                                     "+++\ntitle = 'Writing front matter in TOML'\n+++\nBody\n"})
    dest = make_site(tmp_path / "b", {})
    window = make_window(qtbot, src / "content/posts/toml-front-matter.md", prompts=RealDialogs())
    window.settings.set_export_folder(str(dest))
    shown = _capture_dialog(monkeypatch)
    assert window.flows.export_post() is None
    dialog = shown[0]
    assert dialog.findChild(QLineEdit, "exportSlugEdit").text() == "toml-front-matter"
    assert dialog.findChild(QLabel, "exportUrlLabel").text() == "/posts/toml-front-matter/"
    warning = dialog.findChild(QLabel, "exportUrlWarning")
    assert warning.isHidden() and dialog.ok.isEnabled()
    slug = dialog.findChild(QLineEdit, "exportSlugEdit")
    slug.selectAll()
    qtbot.keyClicks(slug, "writing-front-matter-in-toml")
    assert dialog.findChild(QLabel, "exportUrlLabel").text() == "/posts/writing-front-matter-in-toml/"
    assert not warning.isHidden() and "/posts/toml-front-matter/" in warning.text()
    folder = dialog.findChild(QLineEdit, "exportFolderEdit")
    folder.setText(str(tmp_path))   # neither a site nor a content folder
    assert not dialog.ok.isEnabled() and "neither a Hugo site" in warning.text()


def test_site_field_is_empty_until_a_site_was_chosen_once(qtbot, tmp_path, monkeypatch):
    src = make_site(tmp_path / "a", {"posts/p.md": "---\ntitle: P\n---\nx\n"})
    dest = make_site(tmp_path / "b", {})
    window = make_window(qtbot, src / "content/posts/p.md", prompts=RealDialogs())
    shown = _capture_dialog(monkeypatch)
    window.flows.export_post()
    dialog = shown[0]
    assert dialog.findChild(QLineEdit, "exportFolderEdit").text() == ""
    assert not dialog.ok.isEnabled()
    monkeypatch.undo()
    from editor.gui.dialogs.export import ExportChoice
    with monkeypatch.context() as patch:   # then back to the real dialog
        patch.setattr(window.prompts, "export", lambda *_args: ExportChoice(str(dest), "posts", "p", False))
        assert window.flows.export_post() == str(dest / "content/posts/p.md")
    shown = _capture_dialog(monkeypatch)
    window.flows.export_post()
    assert shown[0].findChild(QLineEdit, "exportFolderEdit").text() == str(dest)
    assert shown[0].ok.isEnabled()   # the last site exported to
