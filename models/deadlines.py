"""Structured reading of the free-text deadline column (完成时限).

The text is always kept exactly as typed; parsing only adds a structured view:

* ``milestones`` - every date found, in text order (staged deadlines keep all,
  a range ``A至B`` keeps only its end ``B``, dates followed by 起/开始 are start
  dates and are skipped, repeated dates are kept once);
* ``ongoing`` - 长期保持 / 持续推进 / 常态化 / 动态调整 ... alone or after a date;
* ``recurring`` - the recurring phrase(s) such as ``每月15日前``, normalised (no
  spaces, ASCII digits) and joined with "、" when there are several.

A month without a year takes the last year seen earlier in the same text, else
``default_year``. When a date cannot be placed (no year known, 2月30日, 年初)
the whole text is *unparsed*: a half-read deadline would hide the problem, and
we never guess.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from models.chinese_numerals import DIGITS, from_chinese

__all__ = ["Deadline", "ONGOING_PHRASE", "format_deadline", "parse_deadline"]

ONGOING_PHRASE = "长期保持"


_HTML_TAG = re.compile(r"<[^<>]*>")
_SPACE = re.compile(r"\s+")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_CN_MONTH = re.compile(r"(?:(?<=年)|(?<![\u4e00-\u9fff]))(十[一二]?|[一二三四五六七八九])(?=月)")
_CN_DAY = re.compile(r"(?<=月)(三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])")

_ONGOING = re.compile(r"长期|持续|常态化|动态调整|长效")
_RECURRING = re.compile(
    r"每(?:个)?(?:年度|半年|季度|年|季|月|旬|周|星期|日|天)"
    r"(?:第[一二三四五六七八九十\d]{1,2}个?(?:月|周|天|日))?"
    r"(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:上旬|中旬|下旬|底|末)?前?"
)
_END = r"(?=前|并|及|和|完成|[,、;。)\]|]|$)"  # what may follow 年中 (so 年中小企业 is no date)
_DATE = re.compile(
    r"(?<!\d)(?:(?P<year>(?:19|20)\d{2})年)?"
    r"(?:(?P<half>[上下])半年"
    r"|第?(?P<quarter>[一二三四1-4])季度(?:末|底)?"
    r"|(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号]|(?P<period>上旬|中旬|下旬|底|末|初(?!步)))?"
    r"|(?(year)年?|年)(?P<yearpart>底|末|终|中" + _END + r"|初(?!步))"
    r")?"
)
_RANGE_GAP = re.compile(r"[至到~\-—–]+")
_START_MARK = re.compile(r"起|开始|以来")


class _Unplaceable(Exception):
    """A date-like fragment that cannot become a calendar date."""


@dataclass(frozen=True)
class Deadline:
    text: str
    milestones: tuple[datetime.date, ...] = ()
    ongoing: bool = False
    recurring: str | None = None

    @property
    def due(self) -> datetime.date | None:
        return self.milestones[0] if self.milestones else None

    @property
    def kind(self) -> str:
        """"empty" | "date" | "recurring" | "ongoing" | "unparsed" (first that applies)."""
        if self.milestones:
            return "date"
        if self.recurring:
            return "recurring"
        if self.ongoing:
            return "ongoing"
        return "empty" if not self.text.strip() else "unparsed"

    @property
    def parsed(self) -> bool:
        """False only for "unparsed"; a blank deadline is parsed (there is nothing wrong to flag)."""
        return self.kind != "unparsed"


# 2025.6.30 / 2025-12-31 / 2025/6 (typed in a text cell) as 2025年6月30日
_NUMERIC_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[./-](\d{1,2})(?:[./-](\d{1,2}))?(?![\d./-])")
# 年内 / 全年: by the end of the year (of the text, else the list's), but not 三年内 (within three years)
_WITHIN_YEAR = re.compile(r"(?:(?<=(?:19|20)\d\d)|(?<![\d一二三四五六七八九十两]))(?:年内|全年)")


def _numeric_date(m: re.Match[str]) -> str:
    year, month, day = m.groups()
    return f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")


def _normalise(text: str) -> str:
    """NFKC (full-width digits), no HTML tags, no whitespace, Chinese numerals and numeric dates as
    dates in words, 年内 as 年底."""
    work = _SPACE.sub("", _HTML_TAG.sub("", unicodedata.normalize("NFKC", text)))
    work = _WITHIN_YEAR.sub("年底", _NUMERIC_DATE.sub(_numeric_date, work))
    work = _CN_YEAR.sub(lambda m: "".join(str(DIGITS[c]) for c in m.group()), work)  # 二〇二四 keeps 0s
    work = _CN_MONTH.sub(lambda m: str(from_chinese(m.group(1))), work)
    return _CN_DAY.sub(lambda m: str(from_chinese(m.group(1))), work)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _to_date(m: re.Match[str], year: int | None) -> datetime.date:
    if year is None:
        raise _Unplaceable(m.group())
    try:
        if m["half"]:
            return datetime.date(year, 6 if m["half"] == "上" else 12, 30 if m["half"] == "上" else 31)
        if m["quarter"]:
            return _month_end(year, 3 * ("一二三四".find(m["quarter"]) + 1 or int(m["quarter"])))
        if m["month"]:
            month, period = int(m["month"]), m["period"]
            if m["day"]:
                return datetime.date(year, month, int(m["day"]))
            if period == "初":
                raise _Unplaceable(m.group())
            if period in ("上旬", "中旬"):
                return datetime.date(year, month, 10 if period == "上旬" else 20)
            return _month_end(year, month)
        if m["yearpart"] == "初":
            raise _Unplaceable(m.group())
        return datetime.date(year, 6, 30) if m["yearpart"] == "中" else datetime.date(year, 12, 31)
    except (ValueError, OverflowError) as exc:  # 2月30日, 13月, absurd default_year
        raise _Unplaceable(m.group()) from exc


def _milestones(work: str, default_year: int | None) -> list[datetime.date]:
    found: list[datetime.date] = []
    year, prev_end, prev_kept = default_year, 0, False
    for m in _DATE.finditer(work):
        if not m.group():
            continue
        if m["year"]:
            year = int(m["year"])
        if _START_MARK.match(work, m.end()):
            prev_end, prev_kept = m.end(), False
            continue
        day = _to_date(m, year)
        if prev_kept and _RANGE_GAP.fullmatch(work, prev_end, m.start()):
            found.pop()  # 2022年5月10日至2022年5月20日: keep the end of the range
        found.append(day)
        prev_end, prev_kept = m.end(), True
    return list(dict.fromkeys(found))


@lru_cache(maxsize=16384)  # lists repeat a few deadline phrases thousands of times
def parse_deadline(text: str | None, *, default_year: int | None = None) -> Deadline:
    """Parse a deadline; never raises. ``None`` becomes an empty deadline with text ""."""
    raw = "" if text is None else text if isinstance(text, str) else str(text)
    try:
        work = _normalise(raw)
        recurring = list(dict.fromkeys(_RECURRING.findall(work)))
        scan = _RECURRING.sub("|", work)
        milestones = _milestones(scan, default_year)
    except (_Unplaceable, ValueError, KeyError):
        return Deadline(raw)
    return Deadline(raw, tuple(milestones), bool(_ONGOING.search(scan)), "、".join(recurring) or None)


def format_deadline(day: datetime.date, style: str) -> str:
    """Write a date the way these lists do.

    "day" -> 2024年6月30日前; "month_end" -> 2024年6月底前; "year_end" -> 2024年底前.
    "month_end" and "year_end" ignore the day of ``day``.
    """
    if style == "day":
        return f"{day.year}年{day.month}月{day.day}日前"
    if style == "month_end":
        return f"{day.year}年{day.month}月底前"
    if style == "year_end":
        return f"{day.year}年底前"
    raise ValueError(f"unknown deadline style: {style!r}")
