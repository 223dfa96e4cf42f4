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

from importers.text_source import leader_text, squeeze
from importers.unit_list import (
    CLOSE, OPEN, looks_like_unit_list, split_comma_groups, split_top_level, split_units,
)
from models.deadlines import parse_deadline

FIRST, COMMA, ALL = "first", "comma", "all"

# The keys of keyed annotations and of label lines under a task, with the field each fills.
_ROLE_OF_KEY = {
    **dict.fromkeys(("牵头单位", "牵头部门", "牵头科室", "牵头处室", "主办单位", "主责单位", "牵头责任单位",
                     "主要责任单位"), "lead"),
    **dict.fromkeys(("责任单位", "责任部门", "责任科室", "责任处室", "配合单位", "配合部门", "协办单位", "参与单位",
                     "参与部门", "协同单位", "协同部门", "责任主体", "协同责任单位", "协同配合单位", "配合责任单位",
                     "责任主体与协同单位"), "responsible"),
    **dict.fromkeys(("完成时限", "完成时间", "时限要求", "时间节点", "时间要求", "时限", "完成期限", "截止时间",
                     "时间"), "deadline"),
    **dict.fromkeys(("责任领导", "牵头领导", "分管领导", "责任人", "牵头负责领导", "分管市领导", "分管县领导",
                     "分管区领导", "牵头市领导", "牵头县领导", "牵头区领导", "责任市领导", "责任县领导"), "leader"),
}
_KEYS = "|".join(sorted(_ROLE_OF_KEY, key=len, reverse=True))
_KEY = re.compile(rf"({_KEYS})\s*[:：]")
_OPEN_KEY = re.compile(rf"[〔\[（(【［]\s*(?={_KEYS})")
_UNIT_KEYS = "|".join(sorted((k for k, r in _ROLE_OF_KEY.items() if r in ("lead", "responsible")), key=len, reverse=True))
_BARE_KEY = re.compile(rf"(?:^|(?<=[。；;！!？?\s]))(?:{_UNIT_KEYS})\s*[:：]")
# 【牵头单位】市民政局【责任单位】市住建局: keys in brackets instead of before a colon
_BRACKETED_KEY = re.compile(rf"[【\[［〔]\s*({_KEYS})\s*[】\]］〕]\s*[:：]?\s*")
FIELD_LINE = re.compile(rf"^\s*(?:{_KEYS})\s*[:：]")  # 牵头单位：区住建局 on a line of its own
FIELD_WITHOUT_VALUE = re.compile(rf"(?:{_KEYS})\s*[:：]\s*$")  # 牵头单位： / 区发改委 on the next line
# 排在首位的为牵头单位 / 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 第一个单位为牵头单位
_RULE_FIRST = re.compile(
    r"(?:排在首位|排名第一|排名首位|排在第一位|排第一位|列首位|列第一位|列在首位|列在第一位|位列第一|首位|第一位|第一个)"
    r"(?:的|者)?(?:责任)?(?:单位|部门|科室)?(?:为|是|即为)牵头(?:单位|部门|科室)?"
)
_RULE_COMMA = re.compile(r"逗号(?:之)?前(?:的|者)?(?:单位|部门|科室)?(?:为|是|即为)牵头(?:单位|部门|科室)?")
# 无牵头单位的，责任单位即为牵头单位: where only 责任单位 are printed, they lead
_RULE_ALL = re.compile(r"(?:无|没有|未明确|未列|未注明)牵头(?:单位|部门)的?[，,]?\s*责任(?:单位|部门)(?:即|就|均)?(?:为|是)牵头(?:单位|部门)")
# 未明确牵头单位的按职责分工负责: says how units without a lead work, no rule of its own
_RULE_NONE = re.compile(r"未(?:明确|注明|标明)牵头(?:单位|部门)的?[^。；;，,）)]*")
_SENTENCE_END = "。；;"
# The role words of keyless annotations, as suffixes of a clause (``A、B牵头``, ``C按职责分工负责``).
# GENERIC units are responsible, unless nothing else in the annotation leads: then the document's
# lead rule (or a 配合 clause beside them) decides.  A new wording is one line here.
LEAD, RESPONSIBLE, GENERIC = "lead", "responsible", "generic"
_ROLE_WORDS = [
    (LEAD, "(?:为|是|作为)牵头(?:单位|部门)|牵头(?:负责|落实|实施|推进|推动|督导|抓总|组织|协调|统筹|指导)?"
           "|负总责|主办|主责"),
    (RESPONSIBLE, "(?:为|是|作为)配合(?:单位|部门)|配合(?:落实|实施|推进|推动|做好)?|参与(?:实施|推进)?|协助|协办"
                  "|协同|按职责配合"),
    (GENERIC, "按职责分工负责|按职责分工落实|按职责分工抓好落实|按照职责分工负责|按职责负责|按职责落实|分工负责|分别负责"
              "|共同负责|负责落实|组织实施|负责|落实|实施"),
]
_ROLE_SUFFIX = [(role, re.compile(rf"(?:{words})$")) for role, words in _ROLE_WORDS]
_LEAD_VERB = _ROLE_SUFFIX[0][1]
_RESP_VERB = re.compile("|".join(f"(?:{w})$" for _, w in _ROLE_WORDS[1:]))
_WITH = re.compile(r"会同|协调|联合")  # A会同B负责: A leads, B works with it
# A role written after one unit of a list: 市政务服务局（牵头）、市发展改革委 / 市住建局〔牵头〕
_MARKED = re.compile(rf"^(?P<unit>.+?)\s*[{re.escape(OPEN)}]\s*(?P<word>{_ROLE_WORDS[0][1]}|{_ROLE_WORDS[1][1]})"
                     rf"(?:单位|部门)?\s*[{re.escape(CLOSE)}]$")
_EXTRA = re.compile(
    r"以下(?:各项|所有|全部)?(?:工作|任务|举措|事项)?均(?:需|须|由|要|为)(?P<units>.+?)"
    r"(?:按职责分工|按职责|分别)?(?:负责|落实|承担|参与|实施)[^。；;]*?不再(?:一一|单独|逐项)?列出"
)
_DEADLINE_WORDS = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|年中|年初|上半年|下半年|季度|长期|持续|常态|动态|每[年季月周旬]|底前|以前|前完成"
)
_TRIM = "\u3000 \t，,；;。、:：.．"
_CLAUSES = "，,；;。"


@dataclass
class Conventions:
    """What a document states once and applies to what follows (下同)."""

    lead_rule: str | None = None  # FIRST | COMMA | ALL | None
    extra_units: list[str] = field(default_factory=list)  # 以下工作均需…负责，不再列出


@dataclass
class Annotation:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str = ""
    leader: str = ""
    lead_unclear: bool = False  # units without a lead and no stated rule


def unbracket_keys(text: str) -> str:
    """``【牵头单位】A【责任单位】B`` as ``牵头单位：A；责任单位：B``, the form the rest reads."""
    def key(m: re.Match[str]) -> str:
        before = text[:m.start()].rstrip()
        joint = "；" if before and before[-1] not in "。；;！!？?：:（(" else ""
        return f"{joint}{m.group(1)}："
    return _BRACKETED_KEY.sub(key, text) if "】" in text or "]" in text or "〕" in text or "］" in text else text


def looks_like_deadline(text: str) -> bool:
    t = squeeze(text)
    if not t or len(t) > 60:
        return False
    return parse_deadline(t).kind in ("date", "ongoing", "recurring") or bool(_DEADLINE_WORDS.search(t))


def _partner(text: str, at: int) -> int | None:
    """Index of the bracket pairing with the one at ``at`` (any bracket kinds, nesting counted)."""
    forward = text[at] in OPEN
    step, inward, outward = (1, OPEN, CLOSE) if forward else (-1, CLOSE, OPEN)
    depth = 0
    for i in range(at, len(text) if forward else -1, step):
        if text[i] in inward:
            depth += 1
        elif text[i] in outward:
            depth -= 1
            if depth == 0:
                return i
    return None


def _is_annotation(inner: str, before: str = "") -> bool:
    if _KEY.search(inner) or _RULE_FIRST.search(inner) or _RULE_COMMA.search(inner) or _RULE_ALL.search(inner):
        return True
    clauses = [c.strip(_TRIM) for c in split_top_level(inner, "，,；;") if c.strip(_TRIM)]
    if clauses and looks_like_deadline(clauses[-1]):
        clauses = clauses[:-1]
    if not clauses:
        return False
    verbs = [c for c in clauses if _LEAD_VERB.search(c) or _RESP_VERB.search(c)]
    if before and not before[-1].isspace() and before[-1] not in "。；;！!？?" and not verbs:
        return False  # 市级有关部门（单位）: a bracket that belongs to a name; 推进…（A牵头）is none
    plain = [_RESP_VERB.sub("", _LEAD_VERB.sub("", c)) for c in clauses]
    return all(looks_like_unit_list(c) for c in plain) and (bool(verbs) or len(inner) <= 200)


def split_annotation(paragraph: str) -> tuple[str, str | None]:
    """(text without the annotation, the annotation's inner text or None)."""
    text = paragraph.rstrip().rstrip("。.．").rstrip()
    if text and text[-1] in CLOSE:
        start = _partner(text, len(text) - 1)
        if start is not None and _is_annotation(text[start + 1:-1], text[:start]):
            return text[:start].rstrip(), text[start + 1:-1]
    opens = list(_OPEN_KEY.finditer(text))
    if opens:
        start = opens[-1].start()
        tail = text[start + 1:]
        if not any(ch in CLOSE for ch in _outside_brackets(tail)):
            return text[:start].rstrip(), tail
    for m in _KEY.finditer(text):  # 牵头负责领导：程立。牵头单位：… closing the paragraph
        at = m.start()
        if (at == 0 or text[at - 1] in "。；;！!？? \t") and _BARE_KEY.search(text[at:]):
            return text[:at].rstrip().rstrip("；;").rstrip(), text[at:]
    return paragraph.strip(), None


def split_segments(paragraph: str) -> list[tuple[str, str | None]]:
    """A paragraph as (text, annotation) segments: ``…环境。（A负责）加强…。（B、C负责）``, or
    ``一是…（A牵头，B配合）；二是…（C负责）``.

    An annotation inside a paragraph follows a sentence end or closes a clause (``；`` after it), and
    names its units with a role word or a key, so that an aside such as ``（含技工院校）`` stays text.  The last segment is
    read by :func:`split_annotation`."""
    segments: list[tuple[str, str | None]] = []
    start, i = 0, 0
    while i < len(paragraph):
        ch = paragraph[i]
        if ch in OPEN and i > start:
            after = paragraph[i - 1] in "。；;！!？?"  # …环境。（A负责）加强…
            end = _partner(paragraph, i)
            if end is None and after:
                break
            closes = end is not None and paragraph[end + 1:end + 2] in ("；", ";", "。")  # 一是…（A牵头）；二是…
            if end is None or not (after or closes):
                i += 1
                continue
            inner = paragraph[i + 1:end]
            rest = paragraph[end + 1:].strip()
            if rest and rest.strip("。.；;") and _is_annotation(inner, paragraph[:i] if after else "") and (
                    _KEY.search(inner) or any(_role_of(c.strip(_TRIM))[0] for c in split_top_level(inner, _CLAUSES))):
                segments.append((paragraph[start:i].rstrip(), inner))
                start = end + 1
                while start < len(paragraph) and paragraph[start] in "；;。 ":
                    start += 1  # the separator closing the clause
                i = start
                continue
        i += 1
    segments.append(split_annotation(paragraph[start:]))
    return segments


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


def _cut_sentence(inner: str, m: re.Match) -> str:
    """``inner`` without the clause holding the match (up to the clause ends around it)."""
    before = inner[:m.start()]
    cut = max((before.rfind(c) for c in _SENTENCE_END), default=-1)
    if cut < 0:
        cut = max(before.rfind("，"), before.rfind(","))
    after = inner[m.end():]
    ends = [i for i in (after.find(c) for c in _SENTENCE_END) if i >= 0]
    end = m.end() + min(ends) + 1 if ends else len(inner)
    return inner[:max(cut, 0)] + inner[end:]


def _take_rule(inner: str, conv: Conventions) -> str:
    """Record a stated lead rule and remove its sentence (and 未明确牵头单位的… ones) from the annotation."""
    for pattern, rule in ((_RULE_FIRST, FIRST), (_RULE_COMMA, COMMA), (_RULE_ALL, ALL), (_RULE_NONE, None)):
        m = pattern.search(inner)
        while m:
            if rule is not None:
                conv.lead_rule = rule
            inner = _cut_sentence(inner, m)
            m = pattern.search(inner)
    return inner


def take_rule_statement(text: str, conv: Conventions) -> bool:
    """A paragraph or note outside annotations that states the lead rule (注：排在首位的为牵头单位)."""
    before = conv.lead_rule
    _take_rule(text, conv)
    return conv.lead_rule != before


def apply_rule(text: str, rule: str | None) -> tuple[list[str], list[str], bool]:
    """(lead, responsible, lead_unclear) for a plain list of units under a rule."""
    if rule == COMMA:
        head, rest = split_comma_groups(text)
        lead = split_units(head)
        return lead, [u for u in split_units(rest) if u not in lead], False
    units = split_units(text)
    if rule == FIRST:  # as written, an umbrella listed first too (各县（市、区）政府)
        return units[:1], units[1:], False
    if rule == ALL:
        return units, [], False
    return [], units, bool(units)


def _role_of(clause: str) -> tuple[str | None, str]:
    """(role word's role or None, the clause without it)."""
    for role, pattern in _ROLE_SUFFIX:
        m = pattern.search(clause)
        if m and m.start() > 0:
            return role, clause[:m.start()]
    return None, clause


def _keyless(inner: str, conv: Conventions, ann: Annotation) -> None:
    """``A、B牵头，C配合`` / ``A会同B负责`` / ``A、B，C按职责分工负责`` / ``A，2024年底前``.

    Clauses without a role word take the role of the next clause that has one; units keep
    their printed order within each role."""
    clauses: list[tuple[str | None, str]] = []  # (role, units text)
    deadlines: list[str] = []
    for clause in split_top_level(inner, _CLAUSES):
        c = clause.strip(_TRIM)
        if not c:
            continue
        role, names = _role_of(c)
        if role is None and looks_like_deadline(c) and not looks_like_unit_list(c):
            deadlines.append(squeeze(c))
            continue
        with_ = _WITH.search(names)
        if with_ and with_.start() > 0 and looks_like_unit_list(names[:with_.start()]):
            clauses += [(LEAD, names[:with_.start()]), (RESPONSIBLE, names[with_.end():])]
            continue
        clauses.append((role, names))
    roles = [r for r, _ in clauses]
    for i, (role, _) in enumerate(clauses):  # a bare clause joins the role that follows it
        if role is None:
            roles[i] = next((r for r in roles[i + 1:] if r is not None), GENERIC)
    ann.deadline = "，".join(deadlines)
    if LEAD in roles or (RESPONSIBLE in roles and GENERIC in roles):  # A负责，B配合: A leads
        lead_role = LEAD if LEAD in roles else GENERIC
        for role, (_, text) in zip(roles, clauses):
            target = ann.lead if role == lead_role else ann.responsible
            target += [u for u in split_units(text) if u not in ann.lead + ann.responsible]
        return
    plain = "，".join(text for _, text in clauses)
    ann.lead, ann.responsible, ann.lead_unclear = apply_rule(plain, conv.lead_rule)


def marked_roles(lead: list[str], responsible: list[str]) -> tuple[list[str], list[str]] | None:
    """(lead, responsible) where a unit's role is written after its name (``A（牵头）、B、C``: A leads,
    whatever the rule; the others keep theirs, in printed order); None when no unit is marked."""
    units = lead + [u for u in responsible if u not in lead]
    marks = [_MARKED.match(u) for u in units]
    if not any(marks):
        return None
    leads: list[str] = []
    others: list[str] = []
    for unit, m in zip(units, marks):
        if m is None:
            (leads if unit in lead else others).append(unit)
        else:
            (leads if _LEAD_VERB.fullmatch(m.group("word")) else others).append(m.group("unit"))
    return leads, others


def parse_annotation(inner: str, conv: Conventions) -> Annotation:
    """Read an annotation's inner text; a stated rule updates ``conv`` first."""
    ann = _parse_annotation(inner, conv)
    marked = marked_roles(ann.lead, ann.responsible)
    if marked is not None:
        ann.lead, ann.responsible = marked
        ann.lead_unclear = ann.lead_unclear and not ann.lead
    return ann


def _parse_annotation(inner: str, conv: Conventions) -> Annotation:
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
        ann.leader = "、".join(leader_text(v) for v in parts.get("leader", []) if v)
        resp_text = "、".join(parts.get("responsible", []))
        if "lead" in parts:
            ann.lead = split_units("、".join(parts["lead"]))
            ann.responsible = [u for u in split_units(resp_text) if u not in ann.lead]
        else:
            ann.lead, ann.responsible, ann.lead_unclear = apply_rule(resp_text, conv.lead_rule)
        return ann
    _keyless(inner, conv, ann)
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
