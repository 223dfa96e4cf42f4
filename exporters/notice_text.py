"""The words of a 印发通知 that every notice writer (Word, PDF, print) shares."""
from __future__ import annotations

import re
from datetime import date as Date
from typing import NamedTuple

from models.chinese_numerals import CHARS
from models.domain import Plan


def notice_title(plan: Plan) -> str:
    return f"{plan.issuer}关于印发《{plan.title}》的通知"


def default_body(plan: Plan | str) -> str:
    """The body a notice prints when none is written (for a plan, or a plan's title)."""
    title = plan if isinstance(plan, str) else plan.title
    return f"现将《{title}》印发给你们，请认真组织实施。"


def format_date(iso: str | None) -> str:
    """``2022-05-10`` → ``2022年5月10日`` (GB 7.3.5.4); a blank form when there is no date."""
    if not iso:
        return "　　年　　月　　日"
    d = Date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


# Body headings (GB 7.3.3): 一、 in 黑体, （一） in 楷体, 1. in bold 仿宋.
_CN = CHARS
_LEVELS = [
    (re.compile(f"^[{_CN}]+、"), "heiti", False),
    (re.compile(f"^[（(][{_CN}]+[）)]"), "kaiti", False),
    (re.compile(r"^\d+[.．]"), "fangsong", True),
]


class Heading(NamedTuple):
    text: str  # the heading sentence, number included
    rest: str  # run-in text after it, in the body font
    font: str  # FontProfile attribute: heiti, kaiti or fangsong
    bold: bool


def split_heading(text: str) -> Heading | None:
    """The heading part of a body paragraph that starts with 一、 （一） or 1.; None for plain text.

    A run-in heading ends at its first 。; only that sentence takes the heading font."""
    for pattern, font, bold in _LEVELS:
        if pattern.match(text):
            stop = text.find("。")
            if 0 <= stop < len(text) - 1:
                return Heading(text[:stop + 1], text[stop + 1:], font, bold)
            return Heading(text, "", font, bold)
    return None
