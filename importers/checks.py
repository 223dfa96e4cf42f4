"""Checks run on every imported plan: what the user should look at before saving.

Unit names are matched against the unit directory (exact name, alias,
normalised spelling); a name that is not there is listed once as
``unknown-unit`` with near matches from the directory and from the other
names of the same import (``市住建局`` vs ``市住房城乡建设局``) proposed, never
merged silently.
"""
from __future__ import annotations


from rapidfuzz import fuzz, process

from importers.headings import parse_label
from importers.result import ImportResult, ImportWarning
from importers.unit_list import split_run_on
from models.deadlines import parse_deadline
from models.domain import Plan
from models.units import UnitDirectory

NEAR = 80.0


def check_deadlines(plan: Plan, result: ImportResult) -> None:
    for node, _ in plan.walk():
        if node.deadline and parse_deadline(node.deadline).kind == "unparsed":
            result.warnings.append(ImportWarning(plan.id, node.id, "deadline-unparsed",
                                                 f"{_label(node, result)}无法识别的完成时限：{node.deadline}"))


def check_numbering(plan: Plan, result: ImportResult) -> None:
    """Printed numbers that skip or repeat within a count (the plan's numbering: per parent, or
    running through the plan or a heading); the derived numbers then differ from them."""
    from models.numbering import label, number_plan, number_styles

    derived, styles = number_plan(plan), number_styles(plan.roots)
    last: dict[int, int] = {}  # style -> the number printed before, in the current count
    for node, _ in plan.walk():
        printed = parse_label(result.printed.get(node.id, "") + "…")
        mine = parse_label(derived[node.id] + "…")
        if printed is None or mine is None:
            continue
        style, b = styles[node.id], printed.number
        a = last.get(style)
        last[style] = b
        if a is None or mine.number == 1 or node.number_from or b == a + 1:
            continue  # a count starts, or runs on
        level = printed.level
        if b > a + 1:
            missing = f"{a + 1}" if b == a + 2 else f"{a + 1}–{b - 1}"
            message = f"原文序号从 {label(level, a)} 跳到 {label(level, b)}（缺 {missing}），导入后重新编号"
        else:
            message = f"原文序号 {label(level, b)} 重复或倒序（前一项为 {label(level, a)}）"
        result.warnings.append(ImportWarning(plan.id, node.id, "numbering-gap", message))


def split_run_on_names(plan: Plan, result: ImportResult, directory: UnitDirectory | None) -> None:
    """Two units printed with no separator are split, and the user told."""
    known = {u.name for u in directory.units} if directory is not None else set()
    told: set[str] = set()
    for node, _ in plan.walk():
        for role in ("lead", "responsible"):
            names: list[str] = []
            for name in getattr(node, role):
                parts = split_run_on(name, known)
                if len(parts) > 1 and name not in told:
                    told.add(name)
                    result.warnings.append(ImportWarning(plan.id, node.id, "run-on", "“{}”像是{}个单位连在一起，已拆为“{}”，请核对".format(
                        name, len(parts), "”“".join(parts))))
                names += [p for p in parts if p not in names]
            setattr(node, role, names)
        node.responsible = [u for u in node.responsible if u not in node.lead]


def check_units(plans: list[Plan], result: ImportResult, directory: UnitDirectory) -> None:
    first_use: dict[str, tuple[str, str, int]] = {}  # name -> (plan id, node id, count)
    for plan in plans:
        for node, _ in plan.walk():
            for name in node.lead + node.responsible:
                if directory.exact(name) is None:
                    plan_id, node_id, count = first_use.get(name, (plan.id, node.id, 0))
                    first_use[name] = (plan_id, node_id, count + 1)
    names = list(first_use)
    for name, (plan_id, node_id, count) in first_use.items():
        near = [m.unit.name for m in directory.near_duplicates(name, NEAR)]
        near += [other for other, score, _ in process.extract(name, names, scorer=fuzz.ratio, limit=4)
                 if other != name and score >= NEAR and other not in near]
        hint = f"；近似：{'、'.join(near)}，请确认是否同一单位" if near else ""
        result.warnings.append(ImportWarning(plan_id, node_id, "unknown-unit",
                                             f"单位目录中没有“{name}”（{count} 处）{hint}"))


def _label(node, result: ImportResult) -> str:
    printed = result.printed.get(node.id, "")
    return f"{printed}{node.text[:16]}…：" if node.text else printed


def run_checks(result: ImportResult, directory: UnitDirectory | None) -> None:
    for plan in result.plans:
        split_run_on_names(plan, result, directory)
        check_deadlines(plan, result)
        check_numbering(plan, result)
    if directory is not None:
        check_units(result.plans, result, directory)
