"""Where each task stands against its deadline, computed in one place, and the colours it shows in.

The status bar, the filters, the tree, the matrix, the deadline board, the
department view and the progress report all call :func:`classify` (or
:func:`signal`), with "today" passed in so tests can set it.  The window
holds one :class:`TrackingContext` (today and the warning period 预警天数) and
passes it to every view; :data:`STATE_COLOURS` is the one palette.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

from models.deadlines import parse_deadline
from models.domain import Node, Status

DEFAULT_WARN_DAYS = 7  # 预警天数 until the user sets another


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


def classify(node: Node, today: date, soon_days: int = DEFAULT_WARN_DAYS) -> DeadlineState:
    """A task with a date is overdue once a date passes while it is not 已完成, whatever follows the
    date (并长期保持, 并持续推进) and whichever stage it is (the first stage not met counts)."""
    return _classify(node.deadline, node.status, today, soon_days)


@lru_cache(maxsize=4096)  # asked for every task by the tree, board, matrix and status bar; lists repeat deadlines
def _classify(text: str, status: Status, today: date, soon_days: int) -> DeadlineState:
    if status is Status.DONE:
        return DeadlineState.DONE
    deadline = parse_deadline(text)
    if any(d < today for d in deadline.milestones):
        return DeadlineState.OVERDUE
    if deadline.milestones:
        due = min(deadline.milestones)
        return DeadlineState.DUE_SOON if due <= today + timedelta(days=soon_days) else DeadlineState.ON_TRACK
    if deadline.ongoing or deadline.recurring:
        return DeadlineState.ONGOING
    return DeadlineState.NO_DATE


def count_states(nodes: Iterable[Node], today: date, soon_days: int = DEFAULT_WARN_DAYS) -> dict[DeadlineState, int]:
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


def signal(node: Node, today: date, warn_days: int = DEFAULT_WARN_DAYS) -> Signal:
    state = classify(node, today, warn_days)
    if state is DeadlineState.OVERDUE:
        return Signal.RED
    if state is DeadlineState.DUE_SOON or (node.status is Status.LATE and state is not DeadlineState.DONE):
        return Signal.YELLOW
    if state is DeadlineState.NO_DATE:
        return Signal.GREY
    return Signal.GREEN


def opening_notice(nodes: Iterable[Node], today: date, warn_days: int = DEFAULT_WARN_DAYS) -> str:
    """The quiet line shown when a plan opens: overdue and due this week."""
    return notice_of(count_states([n for n in nodes if not n.children], today, warn_days), warn_days)


def notice_of(counts: dict[DeadlineState, int], warn_days: int = DEFAULT_WARN_DAYS) -> str:
    """The opening notice from the tasks' states already counted."""
    parts = []
    if counts[DeadlineState.OVERDUE]:
        parts.append(f"{counts[DeadlineState.OVERDUE]} 项已逾期")
    if counts[DeadlineState.DUE_SOON]:
        parts.append(f"{counts[DeadlineState.DUE_SOON]} 项将在 {warn_days} 天内到期")
    return "，".join(parts) + "。" if parts else "没有逾期或即将到期的任务。"


# -- computed flags: behind the clock (滞后) and silent (停滞), beside the status the user sets ----

LAG_FACTOR = 0.7  # 滞后 when the progress share is below this times the share of time elapsed
STALE_ROUNDS = 2  # 停滞 when no progress was reported in this many of the latest rounds

_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")


class Flag(str, Enum):
    LAGGING = "滞后"
    STALE = "停滞"


@dataclass(frozen=True)
class ComputedFlag:
    flag: Flag
    reason: str  # for the tooltip


def progress_share(node: Node, latest_report: str = "") -> float | None:
    """How far a task is, 0–1: done is 1, not started 0, else the last percentage in its latest
    report (完成60%); None when nothing says."""
    if node.status is Status.DONE:
        return 1.0
    found = _PERCENT.findall(latest_report or node.progress)
    if found:
        return min(float(found[-1]), 100.0) / 100
    return 0.0 if node.status is Status.NOT_STARTED else None


def lagging(node: Node, share: float | None, start: date | None, today: date,
            factor: float = LAG_FACTOR) -> ComputedFlag | None:
    """滞后: the progress share is below ``factor`` × the share of the time from ``start`` to the
    (last) deadline that has passed."""
    if node.status is Status.DONE or share is None or start is None:
        return None
    milestones = parse_deadline(node.deadline).milestones
    if not milestones or milestones[-1] <= start:
        return None
    end = milestones[-1]
    elapsed = min(1.0, max(0.0, (today - start).days / (end - start).days))
    if elapsed == 0 or share >= factor * elapsed:
        return None
    return ComputedFlag(Flag.LAGGING, f"进度 {share:.0%}，时间已过 {elapsed:.0%}（{start.isoformat()} 至 "
                                      f"{end.isoformat()}），低于 {factor:g} 倍")


def stale(node: Node, reported_rounds: set[str], rounds: list[str],
          count: int = STALE_ROUNDS) -> ComputedFlag | None:
    """停滞: no progress reported in any of the latest ``count`` rounds (``rounds`` oldest first)."""
    latest = rounds[-count:]
    if node.status is Status.DONE or count < 1 or len(latest) < count or reported_rounds & set(latest):
        return None
    return ComputedFlag(Flag.STALE, f"连续 {count} 轮未报告进展（{'、'.join(latest)}）")


# -- the palette: each state in the hue of its signal; charts tell the three greens apart by shade ----

STATE_COLOURS: dict[DeadlineState, str] = {
    DeadlineState.OVERDUE: Signal.RED.value,
    DeadlineState.DUE_SOON: Signal.YELLOW.value,
    DeadlineState.ON_TRACK: Signal.GREEN.value,
    DeadlineState.ONGOING: "#a5d6a7",  # a light green
    DeadlineState.DONE: "#1b5e20",  # a dark green
    DeadlineState.NO_DATE: Signal.GREY.value,
}
STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_STARTED: Signal.GREY.value,
    Status.IN_PROGRESS: STATE_COLOURS[DeadlineState.ON_TRACK],
    Status.DONE: STATE_COLOURS[DeadlineState.DONE],
    Status.LATE: Signal.YELLOW.value,  # behind (滞后) is yellow, as in signal()
}
# Text on white in the hue of its signal, dark enough to read (deadlines in the tree, figures).
TEXT_COLOURS: dict[Signal, str] = {Signal.RED: "#c62828", Signal.YELLOW: "#b26a00"}
LIGHT_COLOURS = {STATE_COLOURS[s] for s in (DeadlineState.DUE_SOON, DeadlineState.ONGOING, DeadlineState.NO_DATE)}


@dataclass
class TrackingContext:
    """What every deadline judgement needs: the day (a function, so that tests can fix it and
    a window left open overnight moves on) and the warning period (预警天数, a setting).

    The main window holds one and passes it to the tree, matrix, board, department view and report.
    """

    today: Callable[[], date] = field(default=date.today)
    warn_days: int = DEFAULT_WARN_DAYS
    lag_factor: float = LAG_FACTOR
    stale_rounds: int = STALE_ROUNDS
    # 滞后/停滞 of the open plan's tasks (node id → flags), computed once after each change
    # (models.round_store.RoundBook.task_flags) and read by every view
    computed: dict[str, list[ComputedFlag]] = field(default_factory=dict)

    def state(self, node: Node) -> DeadlineState:
        return classify(node, self.today(), self.warn_days)

    def signal(self, node: Node) -> Signal:
        return signal(node, self.today(), self.warn_days)

    def classifier(self) -> Callable[[Node], DeadlineState]:
        """``state`` for a pass over many nodes: today is read once."""
        today, warn_days = self.today(), self.warn_days
        return lambda node: classify(node, today, warn_days)

    def opening_notice(self, nodes: Iterable[Node]) -> str:
        return opening_notice(nodes, self.today(), self.warn_days)

    def flags_of(self, node_id: str) -> list[ComputedFlag]:
        return self.computed.get(node_id, [])

    def flag_words(self, node_id: str) -> str:
        """``滞后、停滞`` (or "") for a cell."""
        return "、".join(f.flag.value for f in self.flags_of(node_id))

    def flag_reasons(self, node_id: str) -> str:
        """Each flag with its reason, a line each, for a tooltip ("" without flags)."""
        return "\n".join(f"{f.flag.value}：{f.reason}" for f in self.flags_of(node_id))

    def flag_counts(self, node_ids: Iterable[str]) -> dict[Flag, int]:
        counts = {flag: 0 for flag in Flag}
        for node_id in node_ids:
            for f in self.flags_of(node_id):
                counts[f.flag] += 1
        return counts

    def flags(self, node: Node, latest_report: str, start: date | None, reported_rounds: set[str],
              rounds: list[str]) -> list[ComputedFlag]:
        """The computed flags of a task: 滞后 and 停滞, each with its reason."""
        found = [lagging(node, progress_share(node, latest_report), start, self.today(), self.lag_factor),
                 stale(node, reported_rounds, rounds, self.stale_rounds)]
        return [f for f in found if f is not None]
