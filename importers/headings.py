"""Printed numbers at the start of a paragraph or cell: 一、 （一） 1. （1） ①.

Levels follow GB/T 9704: 一、 is level 1, （一） level 2, 1. level 3,
（1） level 4, ① level 5.  ``第X条`` (articles of a regulation) and
``第X章`` are recognised so that callers can leave them out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models.chinese_numerals import CHARS, from_chinese
from models.domain import PER_PARENT, Node, Numbering
from models.numbering import number_nodes, number_styles

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
_PART = re.compile(rf"^\s*第\s*[{_CN}\d]+\s*(?:部分|篇|章|节)")  # 第一部分 主要预期目标: a part of a list
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


def is_part_heading(text: str) -> bool:
    """第一部分 / 第二篇 / 第三章: a heading over a part of a list, never part of the line before."""
    return bool(_PART.match(text))


def task_number(text: str) -> int | None:
    """The arabic task number starting a table cell (1. / 1． / 1、)."""
    m = TASK_LABEL.match(text)
    return int(m.group(1)) if m else None


def keep_printed_numbers(roots: list[Node], printed: dict[str, str]) -> tuple[Numbering, dict[str, int]]:
    """Make the derived numbers (models.numbering) print as the document did: each node's style
    where the list skips a level, the plan's numbering mode and scopes, and the number a count
    starts from where a part was left out.  Returns (``Plan.numbering``, ``Plan.number_scopes``)."""
    numbers = {nid: label.number for nid, text in printed.items()
               if (label := parse_label(text + "…")) is not None}  # 3. （三） ③
    _keep_styles(roots, printed)
    mode, scopes = _scopes(roots, numbers)
    derived = number_nodes(roots, mode, scopes)
    for root in roots:  # a count that starts after a part left out (二、 when 一、 held no task)
        for node, _ in root.walk():
            label = parse_label(derived[node.id] + "…")
            if node.id in numbers and label is not None and label.number == 1 != numbers[node.id]:
                node.number_from = numbers[node.id]
    return mode, scopes


def _keep_styles(roots: list[Node], printed: dict[str, str]) -> None:
    """``number_style`` where a printed number skips a level (一、 straight to 1., or 1. at the top)."""
    stack: list[tuple[Node, int]] = [(node, 1) for node in roots]
    while stack:
        node, expected = stack.pop()
        label = parse_label(printed.get(node.id, "") + "…")
        style = label.level if label is not None and label.level >= expected else expected
        node.number_style = style if style != expected else None
        stack.extend((child, style + 1) for child in node.children)


def _scopes(roots: list[Node], numbers: dict[str, int]) -> tuple[Numbering, dict[str, int]]:
    """RESTART when every style starts again under each parent, else CONTINUOUS with, for each
    style, where it starts again: the rule of those possible (under each parent, never, under each
    node of a level above) that gives the most printed numbers back, the first of equals."""
    styles = number_styles(roots)
    scopes: dict[str, int] = {}
    def matches(style: int, where: int) -> int:
        derived = number_nodes(roots, Numbering.CONTINUOUS, {**scopes, str(style): where})
        return sum(1 for nid, n in numbers.items() if styles.get(nid) == style
                   and (label := parse_label(derived[nid] + "…")) is not None and label.number == n)

    for style in sorted({styles[nid] for nid in numbers if nid in styles}):
        scopes[str(style)] = max([PER_PARENT, 0, *range(1, style)], key=lambda where: matches(style, where))
    if all(where == PER_PARENT for where in scopes.values()):
        return Numbering.RESTART, {}
    return Numbering.CONTINUOUS, scopes
