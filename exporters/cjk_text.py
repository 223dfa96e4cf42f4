"""Chinese text layout rules, written once for every writer (painted pages, Excel rows, Word, titles).

- **Widths**: a character is wide (a full CJK cell) when its East Asian width is
  W, F or A (ambiguous characters such as — … · × are full width in Chinese
  fonts), narrow otherwise.
- **Line breaks**: the break opportunities of Unicode line breaking (UAX #14), as
  Qt's :class:`QTextBoundaryFinder` finds them in line mode, tightened by the
  Chinese rules: never before closing punctuation (，。、）》” …: 避头), never after an
  opening one (（《“: 避尾), never inside a run of Latin letters, digits and the
  signs of codes and addresses (``2022``, ``A-1``, ``www.example.com/a-b``).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from PySide6.QtCore import QTextBoundaryFinder

# Characters that may not begin a line (they stick to the previous one) ...
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〗”’…—·%‰℃,.;:!?)]}>～・")
# ... and characters that may not end one (they stick to the next).
NO_LINE_END = frozenset("（《「『【〔〖“‘([{<")


@lru_cache(maxsize=8192)
def is_wide(ch: str) -> bool:
    """A full-width character (CJK, full-width forms, punctuation of ambiguous width)."""
    return unicodedata.east_asian_width(ch) in "WFA"


def is_word_char(ch: str) -> bool:
    """Latin letters, digits and the signs that hold a code or an address together."""
    return ch.isascii() and (ch.isalnum() or ch in "._-/+%#@&'")


def break_units(text: str) -> list[str]:
    """``text`` (one line, no newlines) cut into the pieces a line may break between.

    Between Chinese characters a line may break anywhere the rules above allow; between
    narrow characters (Latin punctuation, symbols, ``6:2:2``, ``1.86元/吨``) where Unicode
    line breaking allows it.  Spaces are pieces of their own, so a wrapper can drop them at a line's end.
    """
    if not text:
        return []
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    pieces, start = [], 0
    for i in range(1, len(text)):
        prev, cur = text[i - 1], text[i]
        if cur == " " or prev == " ":
            allowed = True
        elif cur in NO_LINE_START or prev in NO_LINE_END or (is_word_char(prev) and is_word_char(cur)):
            allowed = False
        elif is_wide(prev) or is_wide(cur):
            allowed = True
        else:
            finder.setPosition(i)
            allowed = finder.isAtBoundary()
        if allowed:
            pieces.append(text[start:i])
            start = i
    pieces.append(text[start:])
    return pieces
