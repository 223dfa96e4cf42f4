"""The legend under a list (注：1.★：meaning，共N项): one sentence per marker, its count computed.

A meaning taken from a source often states its own count (``…制定重点任务14项；``).
The printed sentence keeps the meaning's words without its end punctuation and
gives the count of the list: the stated number replaced, or ``，共N项`` added —
never both (``…14项；，共4项``).  The list check reports a stated count that
disagrees with the list (:mod:`models.list_check`).
"""
from __future__ import annotations

import re
from collections import Counter

from models.domain import Plan

_STATED = re.compile(r"\d+(?=\s*项)")
_END = re.compile(r"[\s，,；;。.、：:]+$")


def tag_counts(plan: Plan) -> Counter:
    return Counter(tag for node, _ in plan.walk() for tag in node.tags)


def stated_count(meaning: str) -> int | None:
    """The count a meaning states itself (its last ``N项``), if any."""
    found = _STATED.findall(meaning)
    return int(found[-1]) if found else None


def legend_sentence(meaning: str, count: int) -> str:
    text = _END.sub("", meaning.strip())
    stated = list(_STATED.finditer(text))
    if stated:
        last = stated[-1]
        return f"{text[:last.start()]}{count}{text[last.end():]}"
    return f"{text}，共{count}项"


def legend_lines(plan: Plan) -> list[str]:
    """``注：1.★：meaning，共N项`` with counts computed from the list."""
    counts = tag_counts(plan)
    lines = [f"{i}.{m}：{legend_sentence(meaning, counts.get(m, 0))}"
             for i, (m, meaning) in enumerate(plan.tag_legend.items(), 1)]
    return ["注：" + lines[0]] + lines[1:] if lines else []
