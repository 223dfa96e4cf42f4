"""Typing any text, Chinese included, into a widget as key events.

``qtbot.keyClicks`` maps each character through ``QTest::asciiToKey`` and
aborts the whole test process on anything outside Latin-1 (a Qt assertion
in ``qasciikey.cpp``).  :func:`type_text` sends each character as a
``QKeyEvent`` with ``Qt.Key_unknown`` and the character as its text, which
line edits, text edits, spin boxes and item-view editors all insert like a
typed key.  A newline is sent as the Return key.

    from helpers.qt_typing import type_text
    type_text(line_edit, "市住房城乡建设局")
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def _send(widget: QWidget, key: Qt.Key | int, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, _NO_MODIFIER, text))


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one character at a time (``\\n`` presses Return)."""
    for ch in text:
        if ch == "\n":
            _send(widget, Qt.Key.Key_Return, "\r")
        elif ch == "\t":
            _send(widget, Qt.Key.Key_Tab, "\t")
        else:
            _send(widget, Qt.Key.Key_unknown, ch)


def press(widget: QWidget, key: Qt.Key) -> None:
    """Press and release one key without text (Return, Escape, arrows, Delete…)."""
    _send(widget, key, "\r" if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else "")
