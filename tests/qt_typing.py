"""Typing into widgets in tests.

``qtbot.keyClicks`` accepts only Latin-1 and aborts the whole process on
Chinese text (a Qt assertion in qasciikey.cpp); this sends one key event per
character with the character as its text, which works for any script.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent


def type_text(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
