"""Where the files shipped with the app live: resources/ and the sample content/, inside the package once installed."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

# setup.py maps the top-level resources/ and content/ folders to these package names, so a
# wheel carries them and an editable install finds them in the checkout.
RESOURCES_PACKAGE = "editor.resources"
CONTENT_PACKAGE = "editor.sample_content"


def _folder(package: str, checkout_name: str) -> Path:
    # The files are real files on disk (a wheel is installed unpacked; editable installs map to the
    # checkout), so a plain path can be handed to Qt, Hugo and shutil.
    # The folders hold no Python, so they are namespace packages: their one search location is the
    # folder itself.
    spec = find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    # Run from a checkout with the package on sys.path but not installed (tests, `python -m` in the
    # source tree): the folder sits beside the package.
    return Path(__file__).resolve().parent.parent / checkout_name


def resources_dir() -> Path:
    """The app's resources: icon, .desktop template, preview page, preview-site skeleton."""
    return _folder(RESOURCES_PACKAGE, "resources")


def sample_content() -> Path:
    """The sample content folder shipped with the app (it holds the seed post)."""
    return _folder(CONTENT_PACKAGE, "content")
