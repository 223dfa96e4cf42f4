"""The numbers Word prints itself: paragraphs numbered by a list (``w:numPr``), not typed.

``paragraph.text`` leaves them out, so a list typed with Word's automatic numbering (一、 （一） 1.)
would come in without any.  :class:`ListNumbers` renders each numbered paragraph's label as Word
shows it — the level's format (``decimal``, ``chineseCounting`` …) in its pattern (``%1、``,
``（%1）``, ``%1.%2``), counting per list, deeper levels starting again under a new parent, and
``start`` / ``startOverride`` honoured — so that the text reads as printed.  Bullets and formats
with no number give no label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

from models.chinese_numerals import chinese_numeral

_VAL = qn("w:val")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str | None:
    """``n`` in a ``w:numFmt``; None for a format that prints no number (bullet, none, unknown)."""
    if fmt in ("decimal", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "ideographDigital"):
        return chinese_numeral(n) if 0 < n < 10000 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % len(_HEAVENLY)]
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    return None


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str  # lvlText, e.g. "（%1）"
    legal: bool  # isLgl: every number in the pattern as decimal


def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(_VAL, default) if child is not None else default


def _levels(abstract) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        ilvl = int(lvl.get(qn("w:ilvl"), "0"))
        out[ilvl] = _Level(int(_val(lvl, "w:start", "1") or 1), _val(lvl, "w:numFmt", "decimal") or "decimal",
                           _val(lvl, "w:lvlText", "") or "", lvl.find(qn("w:isLgl")) is not None)
    return out


class ListNumbers:
    """Labels of a document's numbered paragraphs, in reading order (call :meth:`label` on every
    paragraph, in order: the counts run as Word's do)."""

    def __init__(self, document) -> None:
        self._lists: dict[str, tuple[dict[int, _Level], dict[int, int]]] = {}  # numId -> (levels, overrides)
        self._styles: dict[str, tuple[str, int]] = {}  # paragraph style id -> (numId, ilvl)
        self._counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstracts = {a.get(qn("w:abstractNumId")): _levels(a) for a in numbering.iterchildren(qn("w:abstractNum"))}
        for num in numbering.iterchildren(qn("w:num")):
            levels = abstracts.get(_val(num, "w:abstractNumId"))
            if levels is None:
                continue
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None and start.isdigit():
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._lists[num.get(qn("w:numId"))] = (levels, overrides)
        for style in document.styles.element.iterchildren(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None and _val(num_pr, "w:numId"):
                self._styles[style.get(qn("w:styleId"))] = (_val(num_pr, "w:numId") or "", int(_val(num_pr, "w:ilvl", "0") or 0))

    def label(self, p) -> str:
        """The label Word prints before paragraph ``p`` (a ``w:p``), "" when it is not numbered."""
        if not self._lists:
            return ""
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl", "0") or 0)
        elif ppr is not None and (style := _val(ppr, "w:pStyle")) in self._styles:
            num_id, ilvl = self._styles[style]
        if num_id is None or num_id not in self._lists:  # numId 0: numbering switched off
            return ""
        levels, overrides = self._lists[num_id]
        level = levels.get(ilvl)
        if level is None:
            return ""
        counts = self._counts.setdefault(num_id, {})
        first = overrides.get(ilvl, level.start)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else first
        for deeper in [k for k in counts if k > ilvl]:  # a new parent: the levels below start again
            del counts[deeper]

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            below = levels.get(k)
            n = counts.get(k, below.start if below else 1)
            return (str(n) if level.legal else _format(n, below.fmt if below else "decimal")) or ""

        if _format(counts[ilvl], level.fmt) is None:
            return ""
        return re.sub(r"%([1-9])", number, level.text)
