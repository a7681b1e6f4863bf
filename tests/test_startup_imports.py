"""The UI process imports only what the first paint needs: the renderer lives in the worker process."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "content"
WEBENGINE = {"PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineCore"}


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_main_window_does_not_import_the_renderer() -> None:
    loaded = _modules_after("import editor.gui.main_window")
    assert "editor.core.render" not in loaded
    assert "markdown" not in loaded
    assert "pymdownx" not in loaded


def test_render_config_is_the_renderers() -> None:
    from editor.core.render import RenderConfig
    from editor.core.render_config import RenderConfig as Light
    assert RenderConfig is Light


def test_a_built_window_has_not_imported_the_renderer() -> None:
    """Building the window starts the render worker; its client sends frames without the renderer."""
    loaded = _modules_after("import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
                            "from editor.gui import application\napplication()\n"
                            "from editor.gui.main_window import MainWindow\nw = MainWindow()")
    assert "editor.core.render" not in loaded
    assert "markdown" not in loaded


def test_the_front_matter_formats_load_with_the_first_post_of_their_format() -> None:
    """ruamel.yaml, PyYAML and tomlkit cost ~150 ms: the window is built without them, and opening a
    YAML post loads only the YAML reader (PyYAML and tomlkit wait for an edit or a TOML post)."""
    loaded = _modules_after("import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
                            "from editor.gui import application\napplication()\n"
                            "from editor.gui.main_window import MainWindow\nw = MainWindow()")
    assert not {"ruamel.yaml", "yaml", "tomlkit"} & loaded
    loaded = _modules_after("from editor.core.post import Post\n"
                            "Post('---\\ntitle: A\\n---\\nBody\\n')")
    assert "ruamel.yaml" in loaded
    assert not {"yaml", "tomlkit"} & loaded


def test_dialogs_and_rare_date_forms_are_imported_when_first_needed() -> None:
    """The export, new-post and publish dialogs load when first asked for; RFC 1123 dates' parser too."""
    loaded = _modules_after("import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
                            "from editor.gui import application\napplication()\n"
                            "from editor.gui.main_window import MainWindow\nw = MainWindow()\n"
                            "from editor.core.post import Post\n"
                            "Post('---\\ntitle: A\\ndate: 2024-01-01T10:00:00Z\\n---\\nBody\\n')")
    assert not {"editor.gui.publishing.dialog", "editor.gui.dialogs.new_post", "editor.gui.dialogs.export",
                "email.utils"} & loaded


def test_opening_a_post_leaves_the_renderer_until_the_first_lint() -> None:
    """The problems lint renders headings (for their ids) in a thread that shares the GIL: a post just
    opened is linted after the usual pause, so loading the renderer never holds up the first paint."""
    loaded = _modules_after(_window_shown("end = time.monotonic() + 0.15\n"
                                          "while time.monotonic() < end:\n    app.processEvents()\n"))
    assert "editor.core.render" not in loaded


def _window_shown(extra: str = "") -> str:
    return ("import os, time\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from editor.gui import application\napp = application()\n"
            "from editor.gui.main_window import MainWindow\nw = MainWindow()\n"
            f"w.commands.open_initial({str(SEED)!r})\nw.show()\n{extra}")


def test_drawn_with_the_cpu_the_window_is_built_and_shown_before_qtwebengine_loads(monkeypatch) -> None:
    """QtWebEngine's library costs ~35 ms to load: with nothing to share with OpenGL, it waits for the
    first web view, made after the window's first paint; then the preview's view loads it."""
    monkeypatch.delenv("HPE_GPU", raising=False)
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    assert not WEBENGINE & _modules_after(_window_shown())
    after = _modules_after(_window_shown("end = time.monotonic() + 20\n"
                                         "while not w.preview.has_view and time.monotonic() < end:\n"
                                         "    app.processEvents()\n"))
    assert WEBENGINE <= after


def test_drawn_with_the_gpu_qtwebengine_loads_before_the_application(monkeypatch) -> None:
    """With OpenGL, QtWebEngine shares contexts with the window: it must load before the QApplication."""
    monkeypatch.setenv("HPE_GPU", "1")
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    assert "PySide6.QtWebEngineWidgets" in _modules_after("import editor.gui")


def test_loaded_after_the_first_paint_qtwebengine_shows_the_preview(monkeypatch) -> None:
    """The late load is the path authors take (the test process itself loads QtWebEngine early)."""
    monkeypatch.delenv("HPE_GPU", raising=False)
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    code = _window_shown(
        "import sys\nassert 'PySide6.QtWebEngineWidgets' not in sys.modules\n"
        "found = []\nend = time.monotonic() + 60\n"
        "while not found and time.monotonic() < end:\n"
        "    app.processEvents()\n"
        "    if w.preview.has_view and w.preview.updates:\n"
        "        w.preview.page().runJavaScript('document.body.innerText', 0,\n"
        "            lambda t: found.append(t) if t and 'Next Year' in t else None)\n"
        "        pause = time.monotonic() + 0.2\n"
        "        while time.monotonic() < pause:\n"
        "            app.processEvents()\n"
        "print(found[0] if found else 'NO PREVIEW')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout
    assert "A Post Scheduled for Next Year" in out


def test_the_site_preview_server_loads_after_the_first_paint() -> None:
    """The site preview's server code (~10 ms of imports) is not needed before the window paints."""
    assert "editor.services.preview.site_server" not in _modules_after(_window_shown())
