"""The numbers of a progress report (进展报告), for a plan or one unit, at a given today.

Pure Python.  A task is a leaf of the tree.  Where a task stands against its
deadline comes from :func:`models.tracking.classify` — the one computation
behind the status bar, the filters and the deadline board — so the report,
the status bar and the board always agree.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from models.deadlines import parse_deadline
from models.domain import Node, Plan, Status
from models.numbering import number_plan
from models.tracking import DEFAULT_WARN_DAYS, ComputedFlag, DeadlineState, classify


@dataclass(frozen=True)
class UnitLoad:
    unit: str
    lead: int  # tasks the unit leads (牵头)
    responsible: int  # tasks it shares as a responsible unit (责任), not counting those it leads
    overdue: int  # of these tasks, overdue

    @property
    def total(self) -> int:
        return self.lead + self.responsible


@dataclass(frozen=True)
class MonthLoad:
    """Deadline dates (milestones) falling in one month, by where their task stands."""

    month: str  # YYYY-MM
    done: int
    overdue: int
    open: int

    @property
    def total(self) -> int:
        return self.done + self.overdue + self.open


@dataclass(frozen=True)
class OverdueTask:
    node_id: str
    number: str
    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str  # as typed
    missed: date  # the earliest missed deadline date
    days: int  # days since it
    status: Status


@dataclass(frozen=True)
class FlaggedTask:
    """A task 滞后 or 停滞 (computed, :mod:`models.tracking`), with each flag's reason."""

    node_id: str
    number: str
    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    flags: tuple[tuple[str, str], ...]  # (滞后 | 停滞, reason)


@dataclass
class Report:
    title: str
    today: date
    unit: str | None  # None: the whole plan
    tasks: int
    by_status: dict[Status, int]  # completion by the status field
    by_state: dict[DeadlineState, int]  # where tasks stand against their deadlines (tracking.classify)
    units: list[UnitLoad]
    months: list[MonthLoad]
    undated: int  # tasks without any deadline date (long-term, recurring, blank or unread)
    overdue_tasks: list[OverdueTask] = field(default_factory=list)
    warn_days: int = DEFAULT_WARN_DAYS  # "due soon": within this many days (预警天数)
    flagged_tasks: list[FlaggedTask] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return self.by_state[DeadlineState.OVERDUE]

    @property
    def due_soon(self) -> int:
        return self.by_state[DeadlineState.DUE_SOON]

    @property
    def done(self) -> int:
        return self.by_status[Status.DONE]

    @property
    def completion(self) -> float:
        """Share of tasks marked done, 0..1."""
        return self.done / self.tasks if self.tasks else 0.0


def tasks_of(plan: Plan, unit: str | None = None) -> list[Node]:
    """The plan's tasks (leaves) in tree order; with ``unit``, those it leads or is responsible for."""
    leaves = [n for n, _ in plan.walk() if not n.children]
    if unit is None:
        return leaves
    return [n for n in leaves if unit in n.lead or unit in n.responsible]


def unit_plan(plan: Plan, unit: str) -> Plan:
    """A copy of ``plan`` pruned to the tasks of ``unit`` and their parents (ids kept)."""
    def prune(node: Node) -> Node | None:
        if not node.children:
            return node.copy() if unit in node.lead or unit in node.responsible else None
        kept = [c for c in (prune(child) for child in node.children) if c is not None]
        if not kept:
            return None
        return node.copy(children=kept)

    return plan.copy(roots=[r for r in (prune(root) for root in plan.roots) if r is not None])


def build_report(plan: Plan, today: date, unit: str | None = None, soon_days: int = DEFAULT_WARN_DAYS,
                 flags: Mapping[str, list[ComputedFlag]] | None = None) -> Report:
    """The report of the plan (or one unit's tasks) at ``today``; ``flags``: the computed 滞后/停滞 of
    its tasks (node id → flags, :meth:`models.round_store.RoundBook.task_flags`)."""
    tasks = tasks_of(plan, unit)
    numbers = number_plan(plan)
    states = {n.id: classify(n, today, soon_days) for n in tasks}
    by_state = {s: 0 for s in DeadlineState}
    for state in states.values():
        by_state[state] += 1
    by_status = {s: 0 for s in Status}
    for n in tasks:
        by_status[n.status] += 1

    lead: Counter[str] = Counter()
    shared: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for n in tasks:
        for name in n.lead:
            lead[name] += 1
        for name in n.responsible:
            if name not in n.lead:
                shared[name] += 1
        if states[n.id] is DeadlineState.OVERDUE:
            for name in n.units():
                late[name] += 1
    names = sorted(set(lead) | set(shared), key=lambda u: (-(lead[u] + shared[u]), -lead[u], u))
    units = [UnitLoad(u, lead[u], shared[u], late[u]) for u in names]

    months: dict[str, list[int]] = {}
    undated = 0
    overdue_tasks = []
    for n in tasks:
        milestones = parse_deadline(n.deadline).milestones
        if not milestones:
            undated += 1
        state = states[n.id]
        for d in milestones:
            counts = months.setdefault(f"{d.year:04d}-{d.month:02d}", [0, 0, 0])
            if state is DeadlineState.DONE:
                counts[0] += 1
            elif state is DeadlineState.OVERDUE and d < today:
                counts[1] += 1
            else:
                counts[2] += 1
        if state is DeadlineState.OVERDUE:
            missed = min(d for d in milestones if d < today)
            overdue_tasks.append(OverdueTask(
                n.id, numbers.get(n.id, ""), n.text, tuple(n.lead), tuple(n.responsible), n.deadline,
                missed, (today - missed).days, n.status))
    overdue_tasks.sort(key=lambda t: (t.missed, t.number))
    flagged = [FlaggedTask(n.id, numbers.get(n.id, ""), n.text, tuple(n.lead), tuple(n.responsible),
                           tuple((f.flag.value, f.reason) for f in (flags or {})[n.id]))
               for n in tasks if (flags or {}).get(n.id)]
    return Report(
        title=plan.title if unit is None else f"{plan.title}（{unit}）",
        today=today, unit=unit, tasks=len(tasks), by_status=by_status, by_state=by_state, units=units,
        months=[MonthLoad(m, *c) for m, c in sorted(months.items())], undated=undated,
        overdue_tasks=overdue_tasks, warn_days=soon_days, flagged_tasks=flagged,
    )


def report_units(plan: Plan) -> list[str]:
    """Units named on the plan's tasks, most tasks first (for choosing a unit report)."""
    counts: Counter[str] = Counter(u for n in tasks_of(plan) for u in n.units())
    return [u for u, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
