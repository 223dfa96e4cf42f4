"""The deadline board's groups: by state, by unit or by month (pure Python)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from models.deadlines import parse_deadline
from models.domain import Node, Plan
from models.tracking import DEFAULT_WARN_DAYS, DeadlineState, classify

GROUP_BY = {"state": "按状态", "unit": "按单位", "month": "按月份"}


def _state_label(node: Node, today: date, warn_days: int) -> str:
    state = classify(node, today, warn_days)
    if state is DeadlineState.ON_TRACK:
        due = parse_deadline(node.deadline).milestones
        upcoming = min((d for d in due if d >= today), default=None)
        if upcoming is not None and upcoming <= today + timedelta(days=30):
            return "30天内到期"
        return "以后到期"
    return {DeadlineState.OVERDUE: "已逾期", DeadlineState.DUE_SOON: f"{warn_days}天内到期",
            DeadlineState.ONGOING: "长期/周期", DeadlineState.NO_DATE: "无时限", DeadlineState.DONE: "已完成"}[state]


def state_order(warn_days: int = DEFAULT_WARN_DAYS) -> list[str]:
    """The board's groups by state, in display order (the second follows the warning period)."""
    return ["已逾期", f"{warn_days}天内到期", "30天内到期", "以后到期", "长期/周期", "无时限", "已完成"]


def _due_key(node: Node) -> tuple:
    due = parse_deadline(node.deadline).due
    return (due is None, due or date.max)


def board_groups(plan: Plan, today: date, group_by: str = "state",
                 warn_days: int = DEFAULT_WARN_DAYS) -> list[tuple[str, list[Node]]]:
    """(group label, tasks sorted by due date) in display order; tasks are the leaves."""
    tasks = [n for n, _ in plan.walk() if not n.children]
    groups: dict[str, list[Node]] = defaultdict(list)
    if group_by == "state":
        for node in tasks:
            groups[_state_label(node, today, warn_days)].append(node)
        order = [g for g in state_order(warn_days) if g in groups]
    elif group_by == "unit":
        for node in tasks:
            for unit in dict.fromkeys(node.lead + node.responsible):
                groups[unit].append(node)
            if not node.lead and not node.responsible:
                groups["（未分工）"].append(node)
        order = sorted(groups, key=lambda u: (u == "（未分工）", -len(groups[u]), u))
    elif group_by == "month":
        for node in tasks:
            due = parse_deadline(node.deadline).due
            groups[f"{due.year}年{due.month:02d}月" if due else "无日期"].append(node)
        order = sorted(groups, key=lambda m: (m == "无日期", m))
    else:
        raise ValueError(group_by)
    return [(label, sorted(groups[label], key=_due_key)) for label in order]
