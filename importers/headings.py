"""Printed numbers at the start of a paragraph or cell: 一、 （一） 1. （1） ①.

Levels follow GB/T 9704: 一、 is level 1, （一） level 2, 1. level 3,
（1） level 4, ① level 5.  ``第X条`` (articles of a regulation) and
``第X章`` are recognised so that callers can leave them out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models.chinese_numerals import CHARS, from_chinese
from models.domain import Node, Numbering

_CN = CHARS
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 1.86 is a decimal, but 325.5月底前 is task 325 starting with a date
_NOT_DECIMAL = r"(?:(?!\d)|(?=\d{1,2}\s*[月日号]))"
_PATTERNS = [
    # （一） or (一); also the typo 二) without its opening bracket
    (2, re.compile(rf"^\s*[（(]\s*([{_CN}]{{1,4}})\s*[）)]\s*"), "（{}）"),
    (2, re.compile(rf"^\s*([{_CN}]{{1,4}})[）)]\s*"), "（{}）"),
    (1, re.compile(rf"^\s*([{_CN}]{{1,4}})\s*[、，,．]\s*"), "{}、"),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]\s*"), "（{}）"),
    # 1. 1． 1、 but not 1.86 or 2022年; "9. 推行" (a space after the dot) is fine
    (3, re.compile(rf"^\s*(\d{{1,3}})\s*[.．、]{_NOT_DECIMAL}\s*"), "{}."),
    (5, re.compile(rf"^\s*([{_CIRCLED}])\s*"), "{}"),
]
_ARTICLE = re.compile(rf"^\s*第\s*[{_CN}\d]+\s*[条章节]")
TASK_LABEL = re.compile(rf"^\s*(\d{{1,3}})\s*[.．、]{_NOT_DECIMAL}")


@dataclass(frozen=True)
class Label:
    level: int  # 1..5
    number: int
    printed: str  # normalised: 一、 （一） 1. （1） ①
    rest: str  # the text after the label


def cn_number(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105; None when not a numeral."""
    return from_chinese(text)


def parse_label(text: str, lone: bool = False) -> Label | None:
    """The printed number at the start of ``text``, if any.

    ``lone``: a 一、 with nothing after it counts too (a table cell of an item
    with no text yet); in running text it is no heading."""
    for level, pattern, fmt in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        if level == 5:
            number = _CIRCLED.index(raw) + 1
        elif raw.isdigit():
            number = int(raw)
        else:
            number = cn_number(raw)
            if number is None:
                continue
        rest = text[m.end():]
        if level == 1 and not rest.strip() and not lone:
            continue  # a lone 一、 is no heading
        return Label(level, number, fmt.format(raw), rest)
    return None


def is_article(text: str) -> bool:
    """第三条 / 第二章: parts of a regulation, never tasks."""
    return bool(_ARTICLE.match(text))


def task_number(text: str) -> int | None:
    """The arabic task number starting a table cell (1. / 1． / 1、)."""
    m = TASK_LABEL.match(text)
    return int(m.group(1)) if m else None


def numbering_mode(roots: list[Node], printed: dict[str, str]) -> Numbering:
    """CONTINUOUS when printed numbers run on across parents (the first child of a later parent is
    not number 1: 1..45 straight through the headings), else RESTART."""
    def runs_on(nodes: list[Node]) -> bool:
        for i, node in enumerate(nodes):
            first = node.children[0] if node.children else None
            label = parse_label(printed.get(first.id, "") + "…") if first is not None else None  # 3. （三） ③
            if i > 0 and label is not None and label.number > 1:
                return True
            if runs_on(node.children):
                return True
        return False
    return Numbering.CONTINUOUS if runs_on(roots) else Numbering.RESTART
