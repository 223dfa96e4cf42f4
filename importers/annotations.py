"""Unit annotations at the end of a task: who leads, who is responsible, by when.

Styles understood (brackets 〔〕 [] （） () 【】, mixed and with bold keys):

* keyed:   ``〔牵头单位：A；责任单位：B、C，完成时限：D〕``, ``[责任单位:A、B]``,
  ``(责任单位:A;完成时限:B)``, an unclosed ``[责任单位:…`` at the paragraph end
  and a bare ``责任单位:…`` closing the paragraph;
* keyless: ``（A，B，2020 年 10 月底前）`` — units, then a deadline;
* verbs:   ``〔A、B牵头，C、D按职责分工负责〕``, ``（A、B按职责分工负责）``.

A document states once how leads are marked, inside its first annotation:
``排在首位的为牵头单位，下同`` (the first unit leads) or
``逗号前为牵头单位，下同`` (the units before the first comma lead).  Such a
statement is removed from the unit list and kept in :class:`Conventions` for
the rest of the document.  Without one, a list of units has no lead: all are
responsible and the annotation says the lead is unclear, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.text_source import squeeze
from importers.unit_list import (
    CLOSE, OPEN, looks_like_unit_list, split_comma_groups, split_top_level, split_units,
)
from models.deadlines import parse_deadline

FIRST, COMMA = "first", "comma"

_ROLE_OF_KEY = {
    "牵头单位": "lead", "牵头部门": "lead", "牵头科室": "lead", "主办单位": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "责任科室": "responsible",
    "配合单位": "responsible", "配合部门": "responsible", "协办单位": "responsible", "参与单位": "responsible",
    "完成时限": "deadline", "完成时间": "deadline", "时限要求": "deadline", "时间节点": "deadline",
    "时限": "deadline", "责任领导": "leader", "牵头领导": "leader", "分管领导": "leader", "责任人": "leader",
}
_KEYS = "|".join(sorted(_ROLE_OF_KEY, key=len, reverse=True))
_KEY = re.compile(rf"({_KEYS})\s*[:：]")
_OPEN_KEY = re.compile(rf"[〔\[（(【［]\s*(?={_KEYS})")
_BARE_KEY = re.compile(r"(?:^|(?<=[。；;！!？?\s]))((?:责任单位|牵头单位|责任部门|牵头部门)\s*[:：].*)$")
_RULE_FIRST = re.compile(
    r"(?:排在首位|排名第一|排在第一位|列首位|列第一位|位列第一|首位)的?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?"
)
_RULE_COMMA = re.compile(r"逗号(?:之)?前(?:的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?")
_SENTENCE_END = "。；;"
_LEAD_VERB = re.compile(r"(?:牵头负责|牵头)$")
_RESP_VERB = re.compile(r"(?:按职责分工负责|按职责分工落实|按职责负责|分工负责|分别负责|配合|参与|协助|负责|落实)$")
_EXTRA = re.compile(
    r"以下(?:各项|所有|全部)?(?:工作|任务|举措|事项)?均(?:需|须|由|要|为)(?P<units>.+?)"
    r"(?:按职责分工|按职责|分别)?(?:负责|落实|承担|参与|实施)[^。；;]*?不再(?:一一|单独|逐项)?列出"
)
_DEADLINE_WORDS = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|年中|年初|上半年|下半年|季度|长期|持续|常态|动态|每[年季月周旬]|底前|以前|前完成"
)
_TRIM = "\u3000 \t，,；;。、:：.．"


@dataclass
class Conventions:
    """What a document states once and applies to what follows (下同)."""

    lead_rule: str | None = None  # FIRST | COMMA | None
    extra_units: list[str] = field(default_factory=list)  # 以下工作均需…负责，不再列出


@dataclass
class Annotation:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str = ""
    leader: str = ""
    lead_unclear: bool = False  # units without a lead and no stated rule


def looks_like_deadline(text: str) -> bool:
    t = squeeze(text)
    if not t or len(t) > 60:
        return False
    return parse_deadline(t).kind in ("date", "ongoing", "recurring") or bool(_DEADLINE_WORDS.search(t))


def _matching_open(text: str) -> int | None:
    """Index of the bracket that opens the one closing ``text`` (any bracket kinds)."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSE:
            depth += 1
        elif text[i] in OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def _is_annotation(inner: str, before: str = "") -> bool:
    if _KEY.search(inner) or _RULE_FIRST.search(inner) or _RULE_COMMA.search(inner):
        return True
    if before and not before[-1].isspace() and before[-1] not in "。；;！!？?":
        return False  # 市级有关部门（单位）: a bracket that belongs to a name
    clauses = [c.strip(_TRIM) for c in split_top_level(inner, "，,；;") if c.strip(_TRIM)]
    if clauses and looks_like_deadline(clauses[-1]):
        clauses = clauses[:-1]
    if not clauses:
        return False
    verbs = [c for c in clauses if _LEAD_VERB.search(c) or _RESP_VERB.search(c)]
    plain = [_RESP_VERB.sub("", _LEAD_VERB.sub("", c)) for c in clauses]
    return all(looks_like_unit_list(c) for c in plain) and (bool(verbs) or len(inner) <= 200)


def split_annotation(paragraph: str) -> tuple[str, str | None]:
    """(text without the annotation, the annotation's inner text or None)."""
    text = paragraph.rstrip().rstrip("。.．").rstrip()
    if text and text[-1] in CLOSE:
        start = _matching_open(text)
        if start is not None and _is_annotation(text[start + 1:-1], text[:start]):
            return text[:start].rstrip(), text[start + 1:-1]
    opens = list(_OPEN_KEY.finditer(text))
    if opens:
        start = opens[-1].start()
        tail = text[start + 1:]
        if not any(ch in CLOSE for ch in _outside_brackets(tail)):
            return text[:start].rstrip(), tail
    m = _BARE_KEY.search(text)
    if m:
        return text[:m.start(1)].rstrip(), m.group(1)
    return paragraph.strip(), None


def _outside_brackets(text: str) -> str:
    """Characters of ``text`` not enclosed in brackets that open inside it."""
    out, depth = [], 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _take_rule(inner: str, conv: Conventions) -> str:
    """Record a stated lead rule and remove its sentence from the annotation."""
    for pattern, rule in ((_RULE_FIRST, FIRST), (_RULE_COMMA, COMMA)):
        m = pattern.search(inner)
        if not m:
            continue
        conv.lead_rule = rule
        before = inner[:m.start()]
        cut = max((before.rfind(c) for c in _SENTENCE_END), default=-1)
        if cut < 0:
            cut = max(before.rfind("，"), before.rfind(","))
        after = inner[m.end():]
        ends = [i for i in (after.find(c) for c in _SENTENCE_END) if i >= 0]
        end = m.end() + min(ends) + 1 if ends else len(inner)
        return inner[:max(cut, 0)] + inner[end:]
    return inner


def _apply_rule(text: str, rule: str | None) -> tuple[list[str], list[str], bool]:
    """(lead, responsible, lead_unclear) for a plain list of units under a rule."""
    if rule == COMMA:
        head, rest = split_comma_groups(text)
        lead = split_units(head)
        return lead, [u for u in split_units(rest) if u not in lead], False
    units = split_units(text)
    if rule == FIRST and units:
        return units[:1], units[1:], False
    return [], units, bool(units)


def parse_annotation(inner: str, conv: Conventions) -> Annotation:
    """Read an annotation's inner text; a stated rule updates ``conv`` first."""
    inner = _take_rule(inner.replace("**", ""), conv)
    ann = Annotation()
    keys = list(_KEY.finditer(inner))
    if keys:
        parts: dict[str, list[str]] = {}
        for i, m in enumerate(keys):
            end = keys[i + 1].start() if i + 1 < len(keys) else len(inner)
            value = inner[m.end():end].strip(_TRIM)
            role = _ROLE_OF_KEY[m.group(1)]
            if role in ("lead", "responsible"):
                clauses = split_top_level(value, "，,；;")
                if len(clauses) > 1 and looks_like_deadline(clauses[-1]):  # （责任单位：A，2024年6月底前）
                    parts.setdefault("deadline", []).append(clauses[-1].strip(_TRIM))
                    value = value[: len(value) - len(clauses[-1])].strip(_TRIM)
            parts.setdefault(role, []).append(value)
        ann.deadline = squeeze("，".join(parts.get("deadline", [])))
        ann.leader = squeeze("、".join(parts.get("leader", [])))
        resp_text = "、".join(parts.get("responsible", []))
        if "lead" in parts:
            ann.lead = split_units("、".join(parts["lead"]))
            ann.responsible = [u for u in split_units(resp_text) if u not in ann.lead]
        else:
            ann.lead, ann.responsible, ann.lead_unclear = _apply_rule(resp_text, conv.lead_rule)
        return ann
    plain: list[str] = []
    deadlines: list[str] = []
    verb_seen = False
    for clause in split_top_level(inner, "，,；;"):
        c = clause.strip(_TRIM)
        if not c:
            continue
        if _LEAD_VERB.search(c):
            ann.lead += split_units(_LEAD_VERB.sub("", c))
            verb_seen = True
        elif _RESP_VERB.search(c):
            ann.responsible += split_units(_RESP_VERB.sub("", c))
            verb_seen = True
        elif looks_like_deadline(c):
            deadlines.append(squeeze(c))
        else:
            plain.append(clause.strip())
    ann.deadline = "，".join(deadlines)
    if verb_seen:
        ann.responsible += [u for u in split_units("、".join(plain)) if u not in ann.responsible]
        ann.responsible = [u for u in ann.responsible if u not in ann.lead]
    else:
        ann.lead, ann.responsible, ann.lead_unclear = _apply_rule("，".join(plain), conv.lead_rule)
    return ann


def take_extra_units(text: str) -> tuple[list[str], str]:
    """``以下工作均需各县（市、区）政府…负责，不再列出``: the units, and the text without it."""
    m = _EXTRA.search(text)
    if not m:
        return [], text
    start, end = m.span()
    # drop the brackets around the statement when it fills them
    if start > 0 and end < len(text) and text[start - 1] in OPEN and text[end:end + 1] in CLOSE:
        start, end = start - 1, end + 1
    return split_units(m.group("units")), (text[:start] + text[end:]).strip()
