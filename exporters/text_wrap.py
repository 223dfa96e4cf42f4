"""Measuring and wrapping Chinese text for painting (QFontMetricsF).

Lines break where :func:`exporters.cjk_text.break_units` allows (the one set of
Chinese line-break rules); a run of Latin letters or digits longer than a line
is broken anywhere.  Widths are sums of cached character advances, so
wrapping thousands of table cells costs a dictionary lookup per character;
kerning is off in the fonts used (:meth:`ResolvedFonts.font`), which keeps
the sums equal to Qt's own measure.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QPaintDevice, QPainter

from exporters.cjk_text import break_units

units = break_units  # the pieces a line may break between (exporters.cjk_text)

# List markers that some Chinese fonts draw at half size (WenQuanYi Micro Hei: ◎ and ⊙ look alike);
# with such a font they are drawn in a symbol font that has them at full size.
MARKERS = set("★☆○◎●▲△⊙◆◇■□")
SYMBOL_FAMILY = "DejaVu Sans"


class _Advances(dict):
    def __init__(self, metrics: QFontMetricsF, symbols: QFontMetricsF | None = None):
        super().__init__()
        self.metrics = metrics
        self.symbols = symbols

    def __missing__(self, ch: str) -> float:
        metrics = self.symbols if self.symbols is not None and ch in MARKERS else self.metrics
        value = self[ch] = metrics.horizontalAdvance(ch)
        return value


def _symbol_font(font: QFont, metrics: QFontMetricsF) -> QFont | None:
    """A font drawing the markers at full size, if ``font`` draws them small and one is installed."""
    em = metrics.horizontalAdvance("中")
    if min(metrics.horizontalAdvance(ch) for ch in "○◎▲") >= 0.75 * em:
        return None
    symbols = QFont(SYMBOL_FAMILY)
    if QFontInfo(symbols).family() != SYMBOL_FAMILY:
        return None
    symbols.setPointSizeF(font.pointSizeF())
    symbols.setKerning(False)
    return symbols


class TextMeasure:
    """Widths and wrapped lines of text in one font on one paint device."""

    def __init__(self, font: QFont, device: QPaintDevice | None = None):
        self.font = font
        self.metrics = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
        self.ascent = self.metrics.ascent()
        self.descent = self.metrics.descent()
        self.line_height = self.metrics.lineSpacing()
        self.symbol_font = _symbol_font(font, self.metrics)
        symbols = None
        if self.symbol_font is not None:
            symbols = QFontMetricsF(self.symbol_font, device) if device is not None else QFontMetricsF(self.symbol_font)
        self._advance = _Advances(self.metrics, symbols)
        self._wrapped: dict[tuple[str, float], list[str]] = {}

    def width(self, text: str) -> float:
        return sum(map(self._advance.__getitem__, text))

    def draw(self, painter: QPainter, point: QPointF, text: str) -> None:
        """``painter.drawText`` in this measure's font (already set on the painter), the markers in
        the symbol font when this font draws them small."""
        if self.symbol_font is None or not MARKERS.intersection(text):
            painter.drawText(point, text)
            return
        x = point.x()
        run = ""
        for ch in text + "\0":
            if run and (ch in MARKERS) != (run[0] in MARKERS) or ch == "\0":
                if run:
                    painter.setFont(self.symbol_font if run[0] in MARKERS else self.font)
                    painter.drawText(QPointF(x, point.y()), run)
                    x += self.width(run)
                run = ""
            run += ch
        painter.setFont(self.font)

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
