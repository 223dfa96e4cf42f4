"""Where each task stands against its deadline, computed in one place.

The status bar, the filters and (later) the deadline board and reports all
call :func:`classify`, with "today" passed in so tests can set it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import Enum

from models.deadlines import parse_deadline
from models.domain import Node, Status


class DeadlineState(str, Enum):
    DONE = "已完成"
    OVERDUE = "逾期"
    DUE_SOON = "即将到期"
    ON_TRACK = "正常"
    ONGOING = "长期"
    NO_DATE = "无时限"

    @property
    def code(self) -> str:
        """The state as scripts read it (``show --json``): overdue, due-soon, on-track, ongoing, no-date, done."""
        return self.name.lower().replace("_", "-")


def classify(node: Node, today: date, soon_days: int = 7) -> DeadlineState:
    """A task with a date is overdue once a date passes while it is not 已完成, whatever follows the
    date (并长期保持, 并持续推进) and whichever stage it is (the first stage not met counts)."""
    if node.status is Status.DONE:
        return DeadlineState.DONE
    deadline = parse_deadline(node.deadline)
    if any(d < today for d in deadline.milestones):
        return DeadlineState.OVERDUE
    if deadline.milestones:
        due = min(deadline.milestones)
        return DeadlineState.DUE_SOON if due <= today + timedelta(days=soon_days) else DeadlineState.ON_TRACK
    if deadline.ongoing or deadline.recurring:
        return DeadlineState.ONGOING
    return DeadlineState.NO_DATE


def count_states(nodes: Iterable[Node], today: date, soon_days: int = 7) -> dict[DeadlineState, int]:
    counts = {s: 0 for s in DeadlineState}
    for node in nodes:
        counts[classify(node, today, soon_days)] += 1
    return counts


def leaves(nodes_with_depth: Iterable[tuple[Node, int]]) -> list[Node]:
    return [n for n, _ in nodes_with_depth if not n.children]


class Signal(str, Enum):
    """The three colours offices use (plus grey for tasks with no date)."""

    RED = "#e53935"  # overdue
    YELLOW = "#fbc02d"  # due within the warning period, or behind (滞后)
    GREEN = "#43a047"  # on track, ongoing or done
    GREY = "#90a4ae"  # no date to judge by


def signal(node: Node, today: date, warn_days: int = 7) -> Signal:
    state = classify(node, today, warn_days)
    if state is DeadlineState.OVERDUE:
        return Signal.RED
    if state is DeadlineState.DUE_SOON or (node.status is Status.LATE and state is not DeadlineState.DONE):
        return Signal.YELLOW
    if state is DeadlineState.NO_DATE:
        return Signal.GREY
    return Signal.GREEN


def opening_notice(nodes: Iterable[Node], today: date, warn_days: int = 7) -> str:
    """The quiet line shown when a plan opens: overdue and due this week."""
    counts = count_states([n for n in nodes if not n.children], today, warn_days)
    parts = []
    if counts[DeadlineState.OVERDUE]:
        parts.append(f"{counts[DeadlineState.OVERDUE]} 项已逾期")
    if counts[DeadlineState.DUE_SOON]:
        parts.append(f"{counts[DeadlineState.DUE_SOON]} 项将在 {warn_days} 天内到期")
    return "，".join(parts) + "。" if parts else "没有逾期或即将到期的任务。"
