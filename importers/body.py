"""Tasks in body text: numbered paragraphs that end with a unit annotation.

The paragraphs form an outline by their printed numbers (一、 （一） 1. （1） ①).
A paragraph with a unit annotation is a task, numbered or not; headings are
kept when tasks sit under them.  Sections without any annotated paragraph
(指导思想, 时序安排, 工作要求, 保障措施) give nothing, and neither do articles of a
regulation (第X条), unless ``include_unannotated`` asks for numbered paragraphs
without annotations too.  A numbered paragraph without an annotation among
annotated siblings is kept as a task and flagged ``no-units``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from importers.annotations import (
    Annotation, Conventions, parse_annotation, split_segments, take_extra_units, take_rule_statement,
)
from importers.headings import Label, is_article, parse_label
from importers.markers import take_tags
from importers.reflow import attach_field_lines
from importers.text_source import squeeze, tidy
from models.domain import Node


@dataclass
class _Item:
    index: int
    label: Label | None
    text: str
    ann: Annotation | None = None
    heading_like: bool = False
    children: list[_Item] = field(default_factory=list)
    extras: list[tuple[int, list[str]]] = field(default_factory=list)  # (from item index, units)

    @property
    def level(self) -> int:
        return self.label.level if self.label else 0


@dataclass
class BodyTasks:
    roots: list[Node] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)  # node id -> printed number ("" if none)
    tasks: set[str] = field(default_factory=set)  # ids of task nodes
    implied: dict[str, list[str]] = field(default_factory=dict)  # node id -> units from 以下工作均需…
    warnings: list[tuple[str | None, str, str]] = field(default_factory=list)  # (node id, kind, message)


def _heading_like(label: Label | None, rest: str) -> bool:
    body = squeeze(rest).rstrip("。.")
    return label is not None and len(body) <= 40 and not any(c in body for c in "。，；,;")


_TITLE_SENTENCE = 30  # 鼓励创新创业。: the short first sentence that names a numbered item


def _segmented(i: int, label: Label | None, segments: list[tuple[str, str | None]], conv: Conventions) -> _Item:
    """A numbered paragraph holding several annotated measures: its title, a child task for each."""
    first = segments[0][0]
    head, dot, rest = first.partition("。")
    title = head if dot and rest.strip() and len(squeeze(head)) <= _TITLE_SENTENCE and "，" not in head else ""
    if title:
        segments = [(rest.strip(), segments[0][1])] + segments[1:]
    item = _Item(i, label, title, heading_like=True)
    for text, inner in segments:
        if not squeeze(text).strip("。.；;"):
            continue
        ann = parse_annotation(inner, conv) if inner is not None else None
        item.children.append(_Item(i, None, text, ann))
    return item


def _read_items(paragraphs: list[str], conv: Conventions) -> list[_Item]:
    items = []
    for i, para in enumerate(paragraphs):
        label = parse_label(para)
        rest = label.rest if label else para
        units, rest = take_extra_units(rest)
        segments = split_segments(rest)
        if len(segments) > 1:
            item = _segmented(i, label, segments, conv)
        else:
            text, inner = segments[0]
            ann = parse_annotation(inner, conv) if inner is not None else None
            if ann is None:
                take_rule_statement(text, conv)  # 责任分解中，列第一位的责任单位为牵头单位
            item = _Item(i, label, text, ann, ann is None and _heading_like(label, text))
        if units:
            item.extras.append((i, units))
        items.append(item)
    return items


def _outline(items: list[_Item]) -> _Item:
    root = _Item(-1, None, "")
    stack = [root]
    for item in items:
        # 以下工作均需…不再列出 holds for every later task of the notice, wherever it is printed: alone,
        # in a heading, or inside a task's own annotation
        root.extras.extend(item.extras)
        if item.label:
            while len(stack) > 1 and stack[-1].level >= item.level:
                stack.pop()
            stack[-1].children.append(item)
            stack.append(item)
            continue
        top = stack[-1]
        if item.ann and top is not root and top.ann is None and not top.heading_like and not top.children:
            top.text = f"{top.text}{item.text}"  # the annotation closes the numbered paragraph above
            top.ann = item.ann
            continue
        parent = stack[-2] if top.ann is not None and len(stack) > 1 else top
        if item.extras and item.ann is None:  # the statement alone: no task
            continue
        parent.children.append(item)
    return root


class _Builder:
    def __init__(self, include_unannotated: bool):
        self.include = include_unannotated
        self.out = BodyTasks()

    def keep_unannotated(self, item: _Item, siblings: list[_Item]) -> bool:
        if item.ann is not None:
            return False
        if self.include:  # every numbered paragraph; a short one is a heading only over others
            return (item.label is not None or is_article(item.text)) and not (item.heading_like and item.children)
        if item.heading_like:
            return False
        return item.label is not None and any(
            s.ann is not None and s.label is not None and s.level == item.level for s in siblings
        )

    def nodes(self, items: list[_Item], extras: list[tuple[int, list[str]]]) -> list[Node]:
        out = []
        for item in items:
            kids = self.nodes(item.children, extras)
            task = item.ann is not None or self.keep_unannotated(item, items)
            if not (task or kids):
                continue
            text, tags = take_tags(item.text)
            node = Node(text=tidy(text), tags=tags, children=kids)
            if task:
                self.fill(node, item, [u for start, units in extras for u in units if start < item.index])
                self.out.tasks.add(node.id)
            self.out.printed[node.id] = item.label.printed if item.label else ""
            out.append(node)
        return out

    def fill(self, node: Node, item: _Item, extra: list[str]) -> None:
        ann = item.ann or Annotation()
        node.lead = list(ann.lead)
        implied = [u for u in dict.fromkeys(extra) if u not in ann.lead + ann.responsible]
        node.responsible = list(ann.responsible) + implied  # after the printed units
        if implied:
            self.out.implied[node.id] = implied
        node.deadline = ann.deadline
        node.leader = ann.leader
        label = item.label.printed if item.label else ""
        if item.ann is None:
            self.out.warnings.append((node.id, "no-units", f"{label}{node.text[:20]}…：没有找到责任单位"))
        elif ann.lead_unclear:
            self.out.warnings.append(
                (node.id, "lead-unclear", f"{label}{node.text[:20]}…：原文未说明牵头单位，全部记为责任单位")
            )


def _list_start(paragraphs: list[str], title: str) -> int:
    """Where the list begins: after its own title printed again below the covering notice
    (…印发《X》的通知 / 一、压实责任… / X / 1.…), so that the notice's numbered points do not
    become the list's headings; 0 when the title is not printed again."""
    key = squeeze(title).replace(" ", "")
    if not key:
        return 0
    hits = [i for i, p in enumerate(paragraphs) if squeeze(p).replace(" ", "") == key]
    return hits[-1] + 1 if hits and hits[-1] + 1 < len(paragraphs) else 0


def parse_body(paragraphs: list[str], conv: Conventions | None = None, include_unannotated: bool = False,
               title: str = "") -> BodyTasks:
    """The task tree of body paragraphs (already joined across broken lines); ``title``, the list's
    title, marks where a covering notice ends (its conventions still count)."""
    conv = conv or Conventions()
    start = _list_start(paragraphs, title)
    for para in paragraphs[:start]:
        take_rule_statement(para, conv)
    root = _outline(_read_items(attach_field_lines(paragraphs[start:]), conv))
    builder = _Builder(include_unannotated)
    builder.out.roots = builder.nodes(root.children, root.extras)
    return builder.out
