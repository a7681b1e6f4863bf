"""Take docs/screenshot-focus.png: the window's Tab order, each stop numbered, the focus on the Date field.

Run under Xvfb from the repository root, e.g.
    XDG_CONFIG_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1600x1000x24" \
        .venv/bin/python docs/make_screenshot_focus.py 1600 1000 docs/screenshot-focus.png

The stops are found by pressing Tab (Ctrl+Tab in the editor, where Tab indents), exactly as the
keyboard walk test does, so the picture shows the order an author meets.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QRect, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPen  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui import open_window  # noqa: E402
from editor.services.resources import bundled_content  # noqa: E402

SEED = bundled_content() / "posts" / "ibm-no-longer-offers-facial-recognition-software.md"


def walk(window) -> list[QRect]:
    """The screen rectangles of the Tab stops, in order, once round."""
    start = window.post_browser.search
    start.setFocus()
    QApplication.processEvents()
    rects: list[QRect] = []
    seen = []
    for _ in range(200):
        widget = QApplication.focusWidget()
        if widget is None or (seen and widget is seen[0]):
            break
        if widget not in seen:
            seen.append(widget)
            rects.append(QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size()))
        elif widget is not seen[-1]:
            break
        # (Tab inside the preview first walks the page's links, then leaves it.)
        if widget is window.editor:
            QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+Tab"))
        else:
            QTest.keyClick(widget, Qt.Key.Key_Tab)
        for _ in range(20):
            QApplication.processEvents()
    return rects


def main() -> None:
    width, height, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    window = open_window(str(SEED))
    app = QApplication.instance()
    window.setGeometry(0, 0, width, height)   # the whole screen (the first start is centred at 85 %)
    window.activateWindow()

    def shot() -> None:
        rects = walk(window)
        window.form.dates["date"].edit.setFocus()   # the focus frame the picture shows
        for _ in range(20):
            app.processEvents()
        image = app.primaryScreen().grabWindow(0, 0, 0, width, height).toImage()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(13)
        painter.setFont(font)
        for n, rect in enumerate(rects, 1):
            painter.setPen(QPen(QColor("#d1242f"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            badge = QRect(max(0, rect.left() - 9), max(0, rect.top() - 9), 22, 22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#d1242f"))
            painter.drawEllipse(badge)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(n))
        painter.end()
        image.save(out)
        print(f"{len(rects)} stops")
        app.quit()

    QTimer.singleShot(5000, shot)
    app.exec()


if __name__ == "__main__":
    main()
