"""Take docs/screenshot-problems.png: the seed post with the Problems panel showing its mojibake warning.

Run under Xvfb from the repository root, e.g.
    XDG_CONFIG_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python docs/make_screenshot_problems.py 1400 900 docs/screenshot-problems.png
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui import open_window  # noqa: E402
from editor.services.resources import bundled_content  # noqa: E402

SEED = bundled_content() / "posts" / "ibm-no-longer-offers-facial-recognition-software.md"


def main() -> None:
    width, height, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    window = open_window(str(SEED))
    app = QApplication.instance()
    window.setGeometry(0, 0, width, height)   # the whole screen (the first start is centred at 85 %)
    window.resizeDocks([window.problems_dock], [110], Qt.Orientation.Vertical)
    QTimer.singleShot(500, lambda: window.splitter.setSizes([330, 600, 330]))

    def jump() -> None:
        view = window.problems_dock.view
        if view.count():
            view.setCurrentRow(0)
            view.jump(view.item(0))

    def shot() -> None:
        app.primaryScreen().grabWindow(0, 0, 0, width, height).save(out)
        app.quit()

    QTimer.singleShot(3500, jump)
    QTimer.singleShot(6000, shot)
    app.exec()


if __name__ == "__main__":
    main()
