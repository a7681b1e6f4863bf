"""Take docs/screenshot.png: the window on the bundled content with the seed post open.

Run under Xvfb from the repository root, e.g.
    XDG_CONFIG_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python docs/make_screenshot.py 1400 900 docs/screenshot.png
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui import open_window  # noqa: E402
from editor.services.resources import bundled_content  # noqa: E402

SEED = bundled_content() / "posts" / "ibm-no-longer-offers-facial-recognition-software.md"


def main() -> None:
    width, height, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    window = open_window(None)
    app = QApplication.instance()
    window.setGeometry(0, 0, width, height)   # the whole screen (the first start is centred at 85 %)

    def shot() -> None:
        app.primaryScreen().grabWindow(0, 0, 0, width, height).save(out)
        app.quit()

    QTimer.singleShot(2500, lambda: window.commands.open_post(str(SEED)))
    QTimer.singleShot(5000, shot)
    app.exec()


if __name__ == "__main__":
    main()
