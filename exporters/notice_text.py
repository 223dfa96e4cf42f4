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


def printed_by(plan: Plan, override: str = "") -> str:
    """印发机关: usually the issuer's general office (GB 7.4.2)."""
    if override:
        return override
    issuer = plan.issuer
    if not issuer or issuer.endswith(("办公室", "办公厅")):
        return issuer
    return issuer + "办公室"


def cc_text(plan: Plan) -> str:
    """``抄送：A，B。`` (GB 7.4.1), or "" without recipients of copies."""
    return "抄送：" + plan.cc.rstrip("。.") + "。" if plan.cc else ""


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


# GB 7.3.5.5: when the signature would stand on a page without body text, the
# line spacing is tightened (never below this share of the 28.95 pt pitch) so
# that it stays with the body.
TIGHTEST_PITCH = 0.82
PITCH_STEP = 0.01


def _lines_per_page(top: float, page_height: float, pitch: float) -> tuple[int, int]:
    """Lines on the first page (below ``top``) and on each further page."""
    return int((page_height - top) / pitch + 1e-6), int(page_height / pitch + 1e-6)


def signature_with_body(lines: int, closing: int, top: float, page_height: float, pitch: float) -> bool:
    """Whether, of ``lines`` grid lines below ``top`` on page 1, the last ``closing`` (the block
    附件说明–署名–日期, which never breaks) end on the page of the last body line."""
    first, rest = _lines_per_page(top, page_height, pitch)

    def page(i: int) -> int:
        return 0 if i < first else 1 + (i - first) // rest

    return page(lines - closing - 1) == page(lines - 1)


def tightened_pitch(lines: int, closing: int, top: float, page_height: float, pitch: float) -> float:
    """The line pitch (≤ ``pitch``) at which the closing block shares its page with body text;
    ``pitch`` itself when even the tightest does not do (the last body lines then go with the block)."""
    candidate = pitch
    while candidate >= pitch * TIGHTEST_PITCH - 1e-9:
        if signature_with_body(lines, closing, top, page_height, candidate):
            return candidate
        candidate -= pitch * PITCH_STEP
    return pitch
