"""Every question goes through the window's one Prompts object; a FakePrompts refuses what a test did not script."""

from __future__ import annotations

import pytest

from editor.gui.dialogs.prompts import DialogPrompts, Prompts
from tests.gui.helpers import FakePrompts, UnscriptedQuestion, copy_seed, make_window


def test_an_unscripted_question_fails_loudly():
    prompts = FakePrompts(revert=True)
    assert prompts.revert() is True
    with pytest.raises(UnscriptedQuestion, match="unsaved"):
        prompts.unsaved("post.md")
    assert prompts.names() == ["revert", "unsaved"] and prompts.unscripted == ["unsaved"]
    with pytest.raises(AssertionError, match="no such question"):
        prompts.script(ask_anything=True)


def test_fake_and_dialog_prompts_answer_the_same_questions():
    questions = [name for name in dir(Prompts) if not name.startswith("_")]
    assert sorted(questions) == sorted(FakePrompts.QUESTIONS)
    assert all(callable(getattr(DialogPrompts, name, None)) for name in questions)


def test_the_window_asks_through_its_prompts(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    prompts = FakePrompts(unsaved="discard")
    window = make_window(qtbot, path, prompts=prompts)
    assert window.prompts is prompts
    window.editor.appendPlainText("edited")
    with pytest.raises(UnscriptedQuestion):   # Revert asks; nothing scripted: the test would fail
        window.commands.revert()
    assert window.document.dirty and path.read_text(encoding="utf-8") != ""
    prompts.script(revert=lambda: False)
    window.commands.revert()
    assert window.document.dirty
    prompts.script(revert=True)
    window.commands.revert()
    assert not window.document.dirty
    assert prompts.names() == ["revert", "revert", "revert"]


def test_saving_over_an_outside_change_asks_the_injected_prompts(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    asked: list[str] = []
    window.prompts.script(overwrite_outside=lambda p, what: asked.append(what) or False)
    window.editor.appendPlainText("mine")
    path.write_text(path.read_text(encoding="utf-8") + "\ntheirs\n", encoding="utf-8")
    assert not window.commands.save()
    assert asked == ["was changed by another program"] and path.read_text(encoding="utf-8").endswith("theirs\n")


def test_an_unscripted_question_from_a_menu_action_is_caught_not_swallowed(qtbot, tmp_path):
    """Asked inside a Qt slot, the refusal still reaches pytest-qt, which fails the test with it."""
    window = make_window(qtbot, copy_seed(tmp_path))
    window.editor.appendPlainText("edited")
    with qtbot.capture_exceptions() as caught:
        window.actions.revert.trigger()
    assert [kind for kind, _value, _tb in caught] == [UnscriptedQuestion]
    assert window.prompts.unscripted == ["revert"] and window.document.dirty
