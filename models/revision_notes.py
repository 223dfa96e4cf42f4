"""What a comparison says to a reader: the rows of a 修订对照表 (原文 | 修改后 | 修改说明).

One row per change of :class:`models.plan_diff.PlanDiff`, in the order of the revised list.
A cell holds the task as printed (number and text) and the fields it has (牵头单位, 责任单位 …);
the note names every change in words.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.domain import FIELD_LABELS, Node
from models.plan_diff import Change, FieldChange, Kind, PlanDiff, Place

_CELL_FIELDS = ("lead", "responsible", "leader", "deadline", "remarks")
_SHORT = 16  # characters of a parent's text named in a note


@dataclass(frozen=True)
class RevisionRow:
    change: Change
    before: str  # 原文
    after: str  # 修改后
    note: str  # 修改说明


def revision_rows(diff: PlanDiff) -> list[RevisionRow]:
    numbers_a, numbers_b = diff.numbers
    rows = []
    for change in diff.changes:
        before = task_cell(change.a, numbers_a[change.a.id]) if change.a else ""
        after = task_cell(change.b, numbers_b[change.b.id]) if change.b else ""
        rows.append(RevisionRow(change, before, after, note(change, diff)))
    return rows


def task_cell(node: Node, number: str) -> str:
    lines = [f"{number}{node.text}"]
    for name in _CELL_FIELDS:
        value = getattr(node, name)
        if value:
            lines.append(f"{FIELD_LABELS[name]}：{'、'.join(value) if isinstance(value, list) else value}")
    if node.tags:
        lines[0] += "".join(node.tags)
    return "\n".join(lines)


def note(change: Change, diff: PlanDiff) -> str:
    if change.kind is Kind.ADDED:
        return "新增。"
    if change.kind is Kind.REMOVED:
        return "删除。"
    parts = []
    if change.kind is Kind.MOVED:
        parts.append(_move_note(diff.places_a[change.a.id], diff.places_b[change.b.id], diff))
    parts += [field_note(f) for f in change.fields]
    return "；".join(parts) + "。"


def _move_note(pa: Place, pb: Place, diff: PlanDiff) -> str:
    same_parent = (diff.pairs.get(pa.parent) if pa.parent else "") == pb.parent
    if same_parent:
        return f"同级顺序由第{pa.index + 1}项调整为第{pb.index + 1}项"
    if not pb.parent:
        return "调整为一级指标"
    parent = diff.places_b[pb.parent].node
    return f"调整至“{diff.numbers[1][parent.id]}{_short(parent.text)}”下"


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


def field_note(change: FieldChange) -> str:
    label = change.label
    before, after = change.before, change.after
    if change.field == "text":
        return "修改指标文本"
    if isinstance(before, list):
        added = [v for v in after if v not in before]
        dropped = [v for v in before if v not in after]
        parts = []
        if added:
            parts.append(f"增加{'、'.join(added)}")
        if dropped:
            parts.append(f"删去{'、'.join(dropped)}")
        if not parts:
            parts.append("调整顺序")
        return f"{label}{'，'.join(parts)}"
    if not before:
        return f"增加{label}“{after}”"
    if not after:
        return f"删去{label}“{before}”"
    return f"{label}由“{before}”改为“{after}”"
