"""A built wheel carries everything the app loads and works installed into a fresh venv, away from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

# What is not part of the product: the developer's venv, build output, caches, tests and docs.
IGNORED = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".hypothesis", "tests", "docs")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the source tree (so the checkout gets no build/ folder)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=IGNORED)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(base / "out"), str(src)], check=True, capture_output=True, text=True)
    (built,) = (base / "out").glob("hugo_post_editor-*.whl")
    return built


def test_wheel_carries_every_module_and_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "editor").rglob("*.py")}
    assert modules - names == set()
    resources = {"editor/resources/" + p.relative_to(ROOT / "resources").as_posix()
                 for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert {"editor/resources/preview/index.html", "editor/resources/hugo-post-editor.desktop.in",
            "editor/resources/icons/hugo-post-editor.svg"} <= resources
    assert resources - names == set()
    assert "editor/sample_content/posts/" + SEED.name in names
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("editor/sample_content/posts/" + SEED.name) == SEED.read_bytes()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed by pip; its dependencies are this venv's (no download)."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                    "-q", "--no-deps", str(wheel)], check=True, capture_output=True, text=True)
    purelib = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                   "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    # Only the dependencies come from here: a path line does not run this venv's editable-install
    # hook, so `editor` can only be the wheel's.
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def run_installed(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(cwd))
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_installed_cli_works_away_from_the_checkout(installed, tmp_path):
    post = tmp_path / "content" / "posts" / SEED.name
    post.parent.mkdir(parents=True)
    post.write_bytes(SEED.read_bytes())
    result = run_installed(installed, tmp_path, str(installed / "bin" / "hugo-post-editor"), "show",
                           str(post))
    assert result.returncode == 0, result.stderr
    assert "/posts/ibm-no-longer-offers-facial-recognition-software/" in result.stdout


def test_installed_desktop_entry_and_icon(installed, tmp_path):
    env_home = tmp_path / "data"
    result = run_installed(installed, tmp_path, str(installed / "bin" / "python"), "-c", textwrap.dedent(f"""
        import os
        os.environ["XDG_DATA_HOME"] = {str(env_home)!r}
        from editor.commands.install_desktop import install
        print("\\n".join(str(p) for p in install()))
    """))
    assert result.returncode == 0, result.stderr
    entry = env_home / "applications" / "hugo-post-editor.desktop"
    assert "Exec=" in entry.read_text() and "Icon=hugo-post-editor" in entry.read_text()
    assert (env_home / "icons/hicolor/scalable/apps/hugo-post-editor.svg").read_text().startswith("<")


def test_installed_window_opens_bundled_content_and_renders_the_preview(installed, tmp_path):
    script = textwrap.dedent(f"""
        import editor, sys
        from PySide6.QtCore import QTimer
        from editor.bundled import sample_content
        from editor.gui import application, open_window
        window = open_window(str(sample_content() / "posts" / {SEED.name!r}))
        app = application()
        state = {{"text": ""}}

        def poll():
            window.preview.page().runJavaScript(
                "(document.getElementById('page') || {{innerText: ''}}).innerText",
                0, lambda text: state.update(text=text or ""))
            if "IBM" in state["text"]:
                print("EDITOR", editor.__file__)
                print("TITLE", window.windowTitle())
                app.quit()

        timer = QTimer(); timer.timeout.connect(poll); timer.start(100)
        QTimer.singleShot(60000, lambda: (print("TIMEOUT", state), app.exit(1)))
        sys.exit(app.exec())
    """)
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    os.environ.update({k: v for k, v in env.items() if k not in os.environ})
    result = run_installed(installed, tmp_path, str(installed / "bin" / "python"), "-c", script)
    assert result.returncode == 0, result.stdout + result.stderr
    editor_file = next(line for line in result.stdout.splitlines() if line.startswith("EDITOR"))
    assert editor_file.split(" ", 1)[1].startswith(str(installed)), editor_file
