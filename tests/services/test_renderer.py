"""The renderer seam: in the app and in the worker process, the same HTML for the same text and settings."""

from __future__ import annotations

import pytest

from editor.core import load
from editor.core.render_config import RenderConfig
from editor.services.preview.renderer import Rendered, ThreadRenderer, WorkerRenderer
from tests.conftest import SEED


def _convert(qtbot, renderer, text: str, config: RenderConfig) -> Rendered:
    with qtbot.waitSignal(renderer.done, timeout=60000) as blocker:
        renderer.convert(text, config)
    result = blocker.args[0]
    assert isinstance(result, Rendered), result
    return result


@pytest.mark.parametrize("config", [RenderConfig(), RenderConfig(unsafe=True, typographer=False)],
                         ids=["hugo-defaults", "unsafe-no-typographer"])
def test_both_renderers_give_the_same_html_for_the_seed_post(qtbot, config):
    body = load(SEED).content
    in_app = ThreadRenderer()
    worker = WorkerRenderer()
    try:
        a = _convert(qtbot, in_app, body, config).html
        b = _convert(qtbot, worker, body, config).html
    finally:
        worker.shutdown()
    assert a and "<p>" in a
    assert a == b


def test_a_render_function_and_its_errors(qtbot):
    renderer = ThreadRenderer(lambda text: f"<p>{text}</p>")
    assert _convert(qtbot, renderer, "x", RenderConfig()).html == "<p>x</p>"

    def broken(text: str) -> str:
        raise ValueError("bad markup")
    failing = ThreadRenderer(broken)
    with qtbot.waitSignal(failing.done) as blocker:
        failing.convert("x", RenderConfig())
    assert blocker.args == ["bad markup"]
