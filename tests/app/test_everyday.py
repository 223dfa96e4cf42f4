"""The editor as people use it every day (issue 14): each rough edge driven through the real widgets."""
from __future__ import annotations

import warnings
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from qt_typing import press, type_text


@pytest.fixture
def window(qtbot, demo_store):
    w = MainWindow(demo_store, today=lambda: date(2022, 9, 1), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    return w


def leaf_ids(window):
    return [n.id for n, _ in window.model.plan.walk() if not n.children]


def activate(qtbot, widget) -> None:
    """Make the window active, so key presses go through Qt's shortcut map as on a desktop."""
    with warnings.catch_warnings():  # deprecated, but the offscreen platform activates no other way
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(widget.window())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


def _key(sequence: QKeySequence) -> str:
    # Shift+Tab arrives as Backtab: both spellings name the one key a user presses
    return sequence.toString().replace("Backtab", "Tab").replace("Shift+Shift+", "Shift+")


def test_each_key_is_bound_once_and_shift_tab_outdents(window, qtbot):
    bound = [_key(s) for a in window.findChildren(type(window.actions_by_name["indent"])) for s in a.shortcuts()]
    assert sorted({k for k in bound if bound.count(k) > 1}) == []  # Qt calls a key bound twice ambiguous
    second = leaf_ids(window)[1]
    window.select_node(second)
    window.tree.setFocus()
    activate(qtbot, window.tree)
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert window.model.number_of(second) == "（1）"
    qtbot.keyClick(window.tree, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # what X11 sends
    assert window.model.number_of(second) == "2."
    assert window.editor.stack.undoText() == "升级（取消缩进）"


def test_unit_picker_empties_its_box_after_each_choice(window, qtbot):
    first = leaf_ids(window)[0]
    window.select_node(first)
    picker = window.detail.lead
    activate(qtbot, picker.search)
    picker.search.setFocus()
    type_text(picker.search, "市政管理")
    popup = picker.search.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(0, 0))
    press(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.search.text() == "")
    assert window.store.load_plan(window.editor.plan_id).find(first).lead[-1] == "市政管理科"
    type_text(picker.search, "zfjd\n")  # the next name starts from an empty box
    assert picker.search.text() == ""
    assert window.store.load_plan(window.editor.plan_id).find(first).lead[-1] == "执法监督科"
