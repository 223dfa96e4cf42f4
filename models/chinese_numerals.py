"""Chinese numerals both ways, written once: 十一 ↔ 11, 一百零五 ↔ 105, 二〇二四 → 2024.

Used by the numbering of lists (一、 （一）), the readers of printed numbers and
of dates in Chinese, and the notice's heading styles.
"""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CHARS = "".join(DIGITS) + "".join(UNITS)  # for regular expression character classes

_WRITTEN = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(n: int) -> str:
    """Chinese numeral for 1 ≤ n < 10000 as written in documents: 十一, 二十, 一百零五."""
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    parts: list[str] = []
    zero_pending = False
    rest = n
    for value, unit in _SMALL_UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(_WRITTEN[digit] + unit)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零")
        parts.append(_WRITTEN[rest])
    text = "".join(parts)
    # 十 not 一十 when the numeral starts with ten (10–19); 一百一十 keeps its 一.
    return text[1:] if text.startswith("一十") else text


def from_chinese(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105, 二〇二四 → 2024 (digits alone read one by one);
    None when ``text`` is not a numeral."""
    if not text or any(c not in CHARS for c in text):
        return None
    if not any(c in UNITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text)) or None
    total, current = 0, 0
    for ch in text:
        if ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
        else:
            current = DIGITS[ch]
    return total + current or None
