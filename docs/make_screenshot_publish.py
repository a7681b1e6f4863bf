"""Take docs/screenshot-publish.png: the Publish dialog over the window, on the bundled content made a git site.

Run under Xvfb from the repository root, e.g.
    XDG_CONFIG_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python docs/make_screenshot_publish.py 1400 900 docs/screenshot-publish.png
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui import open_window  # noqa: E402
from editor.gui.publishing.dialog import PublishDialog  # noqa: E402
from editor.services.resources import bundled_content  # noqa: E402


def _site(tmp: Path) -> Path:
    """The bundled content in a site with a remote, then an edited post, a new one and a changed config."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Author", "GIT_AUTHOR_EMAIL": "author@example.org",
           "GIT_COMMITTER_NAME": "Author", "GIT_COMMITTER_EMAIL": "author@example.org"}

    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)

    site = tmp / "blog"
    shutil.copytree(bundled_content(), site / "content")
    (site / "hugo.toml").write_text("baseURL = 'https://blog.example.org/'\ntitle = 'Blog'\n")
    git("init", "-q", "-b", "main", cwd=site)
    git("add", "-A", cwd=site)
    git("commit", "-q", "-m", "initial", cwd=site)
    git("init", "-q", "--bare", str(tmp / "remote.git"), cwd=tmp)
    git("remote", "add", "origin", str(tmp / "remote.git"), cwd=site)
    git("push", "-q", "-u", "origin", "main", cwd=site)
    seed = next((site / "content" / "posts").glob("ibm-*.md"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("draft: false", "draft: false\nlastmod: 2026-11-30T09:00:00-05:00", 1)
                    .replace("IBM", "IBM (the company)", 2), encoding="utf-8")
    (site / "content" / "posts" / "notes-on-publishing.md").write_text(
        "---\ntitle: Notes on publishing\ndate: 2026-11-30T09:00:00+01:00\n---\nCommit, push, done.\n",
        encoding="utf-8")
    (site / "hugo.toml").write_text("baseURL = 'https://blog.example.org/'\ntitle = 'My blog'\n")
    return seed


def main() -> None:
    width, height, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    tmp = Path(tempfile.mkdtemp())
    seed = _site(tmp)
    window = open_window(str(seed))
    app = QApplication.instance()
    window.resize(width, height)
    dialogs = []

    def show_dialog() -> None:
        plan = window.publishing.service.plan()
        dialog = PublishDialog(plan, None, None, window)
        dialog.resize(int(width * 0.7), int(height * 0.72))
        dialog.move(window.x() + int(width * 0.15), window.y() + int(height * 0.12))
        dialog.show()
        dialogs.append(dialog)

    def shot() -> None:
        app.primaryScreen().grabWindow(0, 0, 0, width, height).save(out)
        shutil.rmtree(tmp, ignore_errors=True)
        app.quit()

    QTimer.singleShot(3000, show_dialog)
    QTimer.singleShot(5000, shot)
    app.exec()


if __name__ == "__main__":
    main()
