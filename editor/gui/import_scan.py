"""PySide6's scan of every module imported after it, made a file read instead of `inspect.getsource`."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Callable

# PySide6 (shibokensupport.feature, PYSIDE-2029) asks of each newly imported module whether its source
# mentions "PySide6", through inspect.getsource: linecache, tokenize and a regex search per module,
# ~0.2 ms each, ~280 modules in the first seconds (~50 ms of the UI thread; ~15 ms of it before the first
# paint, the rest while the preview, lint and spelling load).
# The same question answered by reading the file's bytes gives the same answer.


def _fast(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)    # no plain source file: PySide6's own answer (usually False)
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:
            return False               # inspect.getsource raises OSError too: "not using PySide6"
    uses_pyside.original = original    # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Swap in the fast scan once PySide6 is loaded; False when this PySide6 has no such scan."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or hasattr(original, "original"):
        return False
    feature._mod_uses_pyside = _fast(original)  # type: ignore[union-attr]
    return True
