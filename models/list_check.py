"""The list check (清单体检): what a careful reviewer flags before a list is issued.

Pure Python over a plan and the unit directory; each finding names its node,
but those about the whole list (its legend, the body of its notice).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from models.deadlines import parse_deadline
from models.domain import Column, Plan, Unit
from models.legend import stated_count, tag_counts
from models.numbering import number_plan
from models.units import UnitDirectory, suggest_duplicates

KINDS = {
    "no-lead": "没有牵头单位",
    "several-leads": "有多个牵头单位",
    "no-responsible": "没有责任单位",
    "no-deadline": "没有完成时限",
    "deadline-unparsed": "完成时限无法识别",
    "deadline-outside-year": "完成时限不在清单年度内",
    "deadline-after-parent": "完成时限晚于上级指标",
    "near-duplicate-units": "单位名称疑似重复",
    "duplicate-text": "内容重复",
    "empty-text": "内容为空",
    "empty-indicator": "指标下没有任务",
    "tag-without-legend": "标记没有图例说明",
    "legend-count": "图例写明的项数与清单不符",
    "body-issues-other": "正文印发的文件与标题不符",
}
_YEAR = re.compile(r"(20\d{2})\s*年")
# 现将《…》印发 / 印发《…》: the document the body of the notice issues
_ISSUED = re.compile(r"将\s*《([^《》]+)》[^。；《]{0,12}?印发|印发\s*《([^《》]+)》")


@dataclass(frozen=True)
class Finding:
    kind: str
    node_id: str | None
    number: str
    message: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "node": self.node_id, "number": self.number, "message": self.message}


def plan_year(plan: Plan) -> int | None:
    """The year a list is for: from its title, else from its date."""
    match = _YEAR.search(plan.title)
    if match:
        return int(match.group(1))
    return int(plan.date[:4]) if plan.date else None


def check_plan(plan: Plan, units: list[Unit], single_lead: bool = False) -> list[Finding]:
    numbers = number_plan(plan)
    findings: list[Finding] = []

    def add(kind: str, node_id: str | None, detail: str = "") -> None:
        label = numbers.get(node_id, "") if node_id else ""
        findings.append(Finding(kind, node_id, label, KINDS[kind] + (f"：{detail}" if detail else "")))

    year = plan_year(plan)
    max_depth = max((d for _, d in plan.walk()), default=0)
    # Tasks must differ across the list; indicators only among siblings (每个一级下都有“办理环节”).
    texts: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for node, parent, depth in plan.walk_with_parent():
        if not node.text.strip():
            add("empty-text", node.id)
        else:
            scope = (parent.id if parent else None) if node.children else None
            texts[(node.text.strip(), scope)].append(node.id)
        for tag in node.tags:
            if tag not in plan.tag_legend:
                add("tag-without-legend", node.id, tag)
        if node.children:
            continue
        if depth < max_depth and depth < len(plan.level_names):
            add("empty-indicator", node.id, plan.level_name(depth))
            continue
        if plan.uses(Column.LEAD):
            if not node.lead:
                add("no-lead", node.id)
            elif single_lead and len(node.lead) > 1:
                add("several-leads", node.id, "、".join(node.lead))
        if plan.uses(Column.RESPONSIBLE) and not node.responsible and not node.lead:
            add("no-responsible", node.id)
        if plan.uses(Column.DEADLINE):
            _check_deadline(node, parent, year, add)
    for ids in texts.values():
        if len(ids) > 1:
            for node_id in ids[1:]:
                add("duplicate-text", node_id, f"与 {numbers[ids[0]]} 相同")
    _check_units(plan, units, add)
    _check_legend(plan, add)
    _check_body(plan, add)
    return findings


def _check_legend(plan: Plan, add) -> None:
    counts = tag_counts(plan)
    for marker, meaning in plan.tag_legend.items():
        stated = stated_count(meaning)
        if stated is not None and stated != counts.get(marker, 0):
            add("legend-count", None, f"“{marker}”写明{stated}项，清单中标记{counts.get(marker, 0)}项（印出的是后者）")


def _squash_title(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _check_body(plan: Plan, add) -> None:
    """The body issues the document the title names: 现将《X》印发 under a title that is not X."""
    if not plan.body or not plan.title:
        return
    for match in _ISSUED.finditer(plan.body):
        issued = match.group(1) or match.group(2)
        if _squash_title(issued) != _squash_title(plan.title):
            add("body-issues-other", None, f"正文印发《{issued}》，清单标题是《{plan.title}》")
            return


def _check_deadline(node, parent, year, add) -> None:
    deadline = parse_deadline(node.deadline)
    if deadline.kind == "empty":
        if not (parent and parent.deadline):
            add("no-deadline", node.id)
        return
    if deadline.kind == "unparsed":
        add("deadline-unparsed", node.id, node.deadline)
        return
    if year is not None:
        outside = [d for d in deadline.milestones if d.year not in (year, year + 1)]
        if outside:
            add("deadline-outside-year", node.id, f"{node.deadline}（清单年度 {year}）")
    if parent is not None and deadline.due:
        parent_due = parse_deadline(parent.deadline).due
        if parent_due and deadline.due > parent_due:
            add("deadline-after-parent", node.id, f"{node.deadline} 晚于 {parent.deadline}")


def _check_units(plan: Plan, units: list[Unit], add) -> None:
    first_use: dict[str, str] = {}
    for node, _ in plan.walk():
        for name in node.lead + node.responsible:
            first_use.setdefault(name, node.id)
    used = set(first_use)
    directory = UnitDirectory([u for u in units if u.name in used])
    seen: set[frozenset[str]] = set()
    for unit in sorted(directory.units, key=lambda u: u.name):
        for other, why in suggest_duplicates(directory, unit, cutoff=88):
            pair = frozenset((unit.name, other.name))
            if pair not in seen:
                seen.add(pair)
                add("near-duplicate-units", first_use[unit.name], f"“{unit.name}”与“{other.name}”（{why}）")
