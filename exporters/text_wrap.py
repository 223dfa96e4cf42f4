"""Measuring and wrapping Chinese text for painting (QFontMetricsF).

Lines break where :func:`exporters.cjk_text.break_units` allows (the one set of
Chinese line-break rules); a run of Latin letters or digits longer than a line
is broken anywhere.  Widths are sums of cached character advances, so
wrapping thousands of table cells costs a dictionary lookup per character;
kerning is off in the fonts used (:meth:`ResolvedFonts.font`), which keeps
the sums equal to Qt's own measure.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice

from exporters.cjk_text import break_units

units = break_units  # the pieces a line may break between (exporters.cjk_text)


class _Advances(dict):
    def __init__(self, metrics: QFontMetricsF):
        super().__init__()
        self.metrics = metrics

    def __missing__(self, ch: str) -> float:
        value = self[ch] = self.metrics.horizontalAdvance(ch)
        return value


class TextMeasure:
    """Widths and wrapped lines of text in one font on one paint device."""

    def __init__(self, font: QFont, device: QPaintDevice | None = None):
        self.font = font
        self.metrics = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
        self.ascent = self.metrics.ascent()
        self.descent = self.metrics.descent()
        self.line_height = self.metrics.lineSpacing()
        self._advance = _Advances(self.metrics)
        self._wrapped: dict[tuple[str, float], list[str]] = {}

    def width(self, text: str) -> float:
        return sum(map(self._advance.__getitem__, text))

    def elide(self, text: str, width: float) -> str:
        """``text`` itself when it fits in ``width``, else cut with a closing … (Qt's own elision)."""
        if self.width(text) <= width:
            return text
        return self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (newlines kept)."""
        key = (text, width)
        found = self._wrapped.get(key)
        if found is None:
            found = self._wrapped[key] = [
                line for para in text.split("\n") for line in self._wrap_paragraph(para, width)
            ]
        return found

    def _wrap_paragraph(self, text: str, width: float) -> list[str]:
        width += 0.01  # rounding of summed advances
        if self.width(text) <= width:
            return [text]
        advance = self._advance.__getitem__
        lines: list[str] = []
        line, line_w = "", 0.0
        for piece in units(text):
            piece_w = sum(map(advance, piece))
            if line and line_w + piece_w > width:
                lines.append(line.rstrip(" "))
                line, line_w = "", 0.0
                if piece == " ":
                    continue
            if piece_w > width:  # a word wider than the line: break anywhere
                for ch in piece:
                    w = advance(ch)
                    if line and line_w + w > width:
                        lines.append(line)
                        line, line_w = "", 0.0
                    line += ch
                    line_w += w
                continue
            line += piece
            line_w += piece_w
        if line or not lines:
            lines.append(line.rstrip(" "))
        return lines

    def balanced(self, text: str, width: float) -> list[str]:
        """Wrapped lines of about equal length (titles): the narrowest width giving as few lines."""
        lines = self.wrap(text, width)
        if len(lines) < 2:
            return lines
        low, high = self.width(text) / len(lines), width
        for _ in range(12):
            middle = (low + high) / 2
            if len(self.wrap(text, middle)) <= len(lines):
                high = middle
            else:
                low = middle
        return self.wrap(text, high)
