"""Assessment scores (目标考核): rules as data, events as input, scores computed and never stored.

A plan's :class:`ScoringRules` (kept as a dict in ``Plan.scoring``; empty means the defaults)
say how many points a unit starts with and what each :class:`Event` adds or takes away.
Events are plain records computed from what the store holds (:func:`history_events`: the
dated progress history, the deadlines and statuses; the manual 加分/减分 with their reason
and user); reporting rounds can add their own (a late report, a round not reported) to the
same list.  :func:`compute_scores` turns rules and events into one :class:`UnitScore` per
unit whose items explain every point.

Which events the history gives, per task with units (umbrella names such as 各县区 score nothing):

- 按时完成 (on time): the task is done (its first report saying 已完成, or its status when no
  report says so) on or before its last deadline, or it has no dated deadline; 提前完成 (early)
  as well, with the days before the deadline, when done before it.
- 逾期 (late): done after the last deadline, or still open after it at the calculation date; the
  days late are counted.
- 退回 (sent back): each report whose status says 退回.
- The rate rule's base is a unit's tasks done or past their deadline (on time or late).
- 未报送 (not reported): a round named in the plan's history in which a unit reported on none
  of its tasks (a report without a unit counts for the task's lead units).

Which events the reporting rounds give (:func:`round_events`, rounds of :mod:`models.round_store`),
once a round is judged — its due date has passed, or it was closed — at the calculation date:

- 未报送: a unit asked in the round that reported on none of its tasks in it by then; a round in
  the store replaces the history's guess above for the round of that name.
- 逾期 (a late report, with the round): a unit whose first report in the round came after the due
  date, with the days late; one per unit and round, outside the rate rule.

Events dated after the calculation date (``at``) are left out, so a past date shows the
scores as they stood then.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from enum import Enum
from typing import Protocol

from models.deadlines import parse_deadline
from models.domain import Node, Plan, Status
from models.numbering import number_plan
from models.units import is_umbrella


class EventKind(str, Enum):
    ON_TIME = "按时完成"
    EARLY = "提前完成"
    LATE = "逾期"
    SENT_BACK = "退回"
    NOT_REPORTED = "未报送"
    MANUAL = "加减分"


@dataclass(frozen=True)
class Event:
    """Something that happened to a unit, scored by the rules."""

    kind: EventKind
    unit: str
    node_id: str = ""  # the task, "" for a unit's own event (a round not reported, a manual item)
    on: date | None = None
    days: int = 0  # days late or early
    round: str = ""
    points: float = 0.0  # manual items only
    reason: str = ""
    user: str = ""


BASE_RULE = "基础分"
RATE_RULE = "按时完成率"
# The order of rules in a score's items and in the tables' columns.
RULE_ORDER = [BASE_RULE, *(k.value for k in EventKind if k is not EventKind.MANUAL), RATE_RULE, EventKind.MANUAL.value]
_RULE_RANK = {rule: i for i, rule in enumerate(RULE_ORDER)}


@dataclass(frozen=True)
class ScoringRules:
    """How points are given.  Every figure is points; negative ones take points away."""

    base: float = 100.0  # per unit ("unit") …
    base_per_task: bool = False  # … or each task's 分值 (task_points when it has none), weighted by role
    task_points: float = 0.0
    on_time: float = 1.0  # per task done on time
    early: float = 0.0  # per task done early (per day with early_per_day)
    early_per_day: bool = False
    late: float = -1.0  # per late task (per day with late_per_day)
    late_per_day: bool = False
    sent_back: float = -2.0  # per report sent back
    not_reported: float = -10.0  # per round not reported
    # Rate rule: on-time completion ≥ rate_threshold % earns rate_points, rate_step less per
    # percentage point below (never below 0); off while rate_points is 0.
    rate_points: float = 0.0
    rate_threshold: float = 0.0
    rate_step: float = 1.0
    lead_weight: float = 1.0  # share of a task's points for a lead unit (牵头单位) …
    responsible_weight: float = 1.0  # … and for a responsible unit (责任单位)

    @staticmethod
    def from_dict(data: Mapping[str, object]) -> ScoringRules:
        """Rules from a plan's dict; missing keys take the defaults, unknown keys are an error."""
        known = {f.name: f.type for f in fields(ScoringRules)}
        unknown = set(data) - set(known)
        if unknown:
            raise ValueError(f"未知的评分规则项：{'、'.join(sorted(unknown))}")
        values: dict[str, object] = {}
        for name, value in data.items():
            if known[name] == "bool":
                if not isinstance(value, bool):
                    raise ValueError(f"评分规则 {name} 应为 true 或 false")
                values[name] = value
            else:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ValueError(f"评分规则 {name} 应为数字")
                values[name] = float(value)
        return ScoringRules(**values)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def weight(self, node: Node, unit: str) -> float:
        return self.lead_weight if unit in node.lead else self.responsible_weight


@dataclass(frozen=True)
class ScoreItem:
    rule: str
    points: float
    node_id: str = ""
    task: str = ""  # numbered task text, "" for a unit's own item
    detail: str = ""  # why: days late, the round, the reason and user …


@dataclass
class UnitScore:
    unit: str
    items: list[ScoreItem] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(i.points for i in self.items), 2)

    def by_rule(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for item in self.items:
            totals[item.rule] = round(totals.get(item.rule, 0.0) + item.points, 2)
        return totals


# -- events from the store's history ------------------------------------------------------------


class _Entry(Protocol):
    """What scoring reads of a progress entry (models.store.ProgressEntry)."""

    node_id: str
    unit: str
    round: str
    status: str
    reported_on: str | None


class _Adjustment(Protocol):
    """What scoring reads of a manual adjustment (models.store.ScoreAdjustment)."""

    unit: str
    node_id: str | None
    points: float
    reason: str
    user: str
    on_date: str


def scored_tasks(plan: Plan) -> list[Node]:
    """The leaf tasks that name at least one unit."""
    return [n for n, _ in plan.walk() if not n.children and n.units()]


def scored_units(node: Node) -> list[str]:
    return [u for u in node.units() if not is_umbrella(u)]


def last_deadline(node: Node) -> date | None:
    deadline = parse_deadline(node.deadline)
    if not deadline.milestones or deadline.ongoing:
        return None
    return max(deadline.milestones)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RoundRecord:
    """What scoring reads of a reporting round (models.round_store): by when, and who was asked."""

    name: str
    due: date | None
    closed_on: date | None
    units: tuple[str, ...]


def round_events(plan: Plan, rounds: Iterable[RoundRecord], entries: Iterable[_Entry], at: date) -> list[Event]:
    """未报送 and late reports of the rounds judged by ``at`` (module docstring)."""
    tasks = {n.id: n for n in scored_tasks(plan)}
    first: dict[tuple[str, str], date] = {}  # (round, unit) → its first report in the round
    for e in entries:
        node, day = tasks.get(e.node_id), _day(e.reported_on)
        if node is None or not e.round or day is None or day > at:
            continue
        for unit in [e.unit] if e.unit else node.lead:
            key = (e.round, unit)
            first[key] = min(first.get(key, day), day)
    events: list[Event] = []
    for r in rounds:
        if not ((r.due is not None and r.due < at) or (r.closed_on is not None and r.closed_on <= at)):
            continue  # still open and not yet due
        for unit in r.units:
            if is_umbrella(unit):
                continue
            came = first.get((r.name, unit))
            if came is None:
                events.append(Event(EventKind.NOT_REPORTED, unit, on=r.due or r.closed_on, round=r.name))
            elif r.due is not None and came > r.due:
                events.append(Event(EventKind.LATE, unit, on=came, days=(came - r.due).days, round=r.name))
    return events


def history_events(plan: Plan, entries: Iterable[_Entry], adjustments: Iterable[_Adjustment],
                   at: date, rounds: Iterable[RoundRecord] = ()) -> list[Event]:
    """The events of the module docstring, up to ``at``, from a plan, its progress history
    (oldest first), its manual adjustments and its reporting rounds."""
    from models.merge_review import status_of

    entries, rounds = list(entries), list(rounds)
    judged = {r.name for r in rounds}  # rounds of the store: judged by round_events

    history: dict[str, list[_Entry]] = {}
    for entry in entries:
        history.setdefault(entry.node_id, []).append(entry)

    events: list[Event] = []
    reported: dict[str, set[str]] = {}  # round → units that reported in it
    rounds_named: list[str] = []
    tasks = scored_tasks(plan)
    for node in tasks:
        units = scored_units(node)
        own = [e for e in history.get(node.id, ()) if (_day(e.reported_on) or at) <= at]
        for e in own:
            by = [e.unit] if e.unit else [u for u in node.lead if u in units]
            if e.round:
                if e.round not in reported:
                    rounds_named.append(e.round)
                reported.setdefault(e.round, set()).update(by)
            if "退回" in e.status:
                for unit in by or units:
                    events.append(Event(EventKind.SENT_BACK, unit, node.id, _day(e.reported_on), round=e.round))
        done_reports = [e for e in own if status_of(e.status) is Status.DONE]
        if done_reports:
            done: date | None = _day(done_reports[0].reported_on)
            is_done = True
        else:
            done, is_done = None, node.status is Status.DONE
        due = last_deadline(node)
        for unit in units:
            if is_done and (due is None or done is None or done <= due):
                events.append(Event(EventKind.ON_TIME, unit, node.id, done))
                if due is not None and done is not None and done < due:
                    events.append(Event(EventKind.EARLY, unit, node.id, done, days=(due - done).days))
            elif is_done and due is not None and done is not None:
                events.append(Event(EventKind.LATE, unit, node.id, done, days=(done - due).days))
            elif not is_done and due is not None and due < at:
                events.append(Event(EventKind.LATE, unit, node.id, at, days=(at - due).days))
    units_in_plan = list(dict.fromkeys(u for n in tasks for u in scored_units(n)))
    for name in rounds_named:
        for unit in units_in_plan:
            if name not in judged and unit not in reported[name]:
                events.append(Event(EventKind.NOT_REPORTED, unit, round=name))
    events += round_events(plan, rounds, entries, at)
    for a in adjustments:
        on = _day(a.on_date)
        if on is None or on <= at:
            events.append(Event(EventKind.MANUAL, a.unit, a.node_id or "", on, points=a.points,
                                reason=a.reason, user=a.user))
    return events


def store_events(store, plan: Plan, at: date) -> list[Event]:
    """:func:`history_events` for a plan as the store holds it, its rounds included."""
    from models.round_store import RoundBook

    book = RoundBook(store)
    rounds = [RoundRecord(r.name, r.due, r.closed_on, tuple(book.asked(r))) for r in book.rounds(plan.id)]
    return history_events(plan, store.plan_progress(plan.id), store.adjustments(plan.id), at, rounds)


# -- scores -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def task_points(node: Node, rules: ScoringRules) -> float:
    """A task's 分值 as a number (the first figure in the cell), else the rules' task points."""
    found = _NUMBER.search(node.points.translate(_FULL_WIDTH))
    return float(found.group()) if found else rules.task_points


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


def compute_scores(plan: Plan, events: Iterable[Event], rules: ScoringRules) -> list[UnitScore]:
    """One score per unit that has a task (in the order units first appear), every point an item."""
    numbers = number_plan(plan)
    tasks = scored_tasks(plan)
    nodes = {n.id: n for n in tasks}
    scores: dict[str, UnitScore] = {}
    for node in tasks:
        for unit in scored_units(node):
            scores.setdefault(unit, UnitScore(unit))

    def label(node_id: str) -> str:
        node = nodes.get(node_id)
        return f"{numbers[node_id]}{node.text}" if node is not None else ""

    if not rules.base_per_task:
        for score in scores.values():
            score.items.append(ScoreItem(BASE_RULE, rules.base))
    else:
        for node in tasks:
            for unit in scored_units(node):
                weight = rules.weight(node, unit)
                scores[unit].items.append(ScoreItem(BASE_RULE, round(task_points(node, rules) * weight, 2),
                                                    node.id, label(node.id), _weight_note(weight)))
    rates = _rates(rules)
    on_time: dict[str, set[str]] = {}  # unit → tasks done on time
    due: dict[str, set[str]] = {}  # unit → tasks done or past their deadline (the rate's base)
    for event in events:
        score = scores.get(event.unit)
        if score is None:
            continue
        if event.node_id and event.kind in (EventKind.ON_TIME, EventKind.LATE) and not event.round:
            due.setdefault(event.unit, set()).add(event.node_id)
            if event.kind is EventKind.ON_TIME:
                on_time.setdefault(event.unit, set()).add(event.node_id)
        node = nodes.get(event.node_id)
        item = _event_item(event, rates, rules.weight(node, event.unit) if node is not None else 1.0)
        if item is not None:
            score.items.append(ScoreItem(item[0], item[1], event.node_id, label(event.node_id), item[2]))
    if rules.rate_points:
        for unit, score in scores.items():
            score.items.append(_rate_item(rules, len(on_time.get(unit, ())), len(due.get(unit, ()))))
    for score in scores.values():
        score.items.sort(key=lambda item: _RULE_RANK[item.rule])  # stable: tasks stay in tree order
    return list(scores.values())


def _rates(rules: ScoringRules) -> dict[EventKind, tuple[float, bool]]:
    """Each event kind's points and whether they count per day (manual items carry their own)."""
    return {EventKind.ON_TIME: (rules.on_time, False), EventKind.EARLY: (rules.early, rules.early_per_day),
            EventKind.LATE: (rules.late, rules.late_per_day), EventKind.SENT_BACK: (rules.sent_back, False),
            EventKind.NOT_REPORTED: (rules.not_reported, False)}


def _event_item(event: Event, rates: dict[EventKind, tuple[float, bool]], weight: float) -> tuple[str, float, str] | None:
    kind = event.kind
    if kind is EventKind.MANUAL:
        return (kind.value, event.points, f"{event.reason}（{event.user or '未署名'}）")
    rate, per_day = rates[kind]
    if not rate:
        return None
    notes = []
    if kind in (EventKind.LATE, EventKind.EARLY) and event.days:
        notes.append(f"{'逾期' if kind is EventKind.LATE else '提前'} {event.days} 天")
    if event.round:
        notes.append(event.round)
    if weight != 1:
        notes.append(_weight_note(weight))
    return (kind.value, round(rate * (event.days if per_day else 1) * weight, 2), "，".join(notes))


def _weight_note(weight: float) -> str:
    return "" if weight == 1 else f"按 {round(weight * 100, 2):g}% 计"


def _rate_item(rules: ScoringRules, on_time: int, total: int) -> ScoreItem:
    if total == 0:
        return ScoreItem(RATE_RULE, rules.rate_points, detail="没有到期的任务")
    percent = on_time * 100 / total
    short = max(0.0, rules.rate_threshold - percent)
    points = max(0.0, rules.rate_points - short * rules.rate_step)
    return ScoreItem(RATE_RULE, round(points, 2), detail=f"按时完成 {on_time}/{total} 项，{percent:.1f}%")


def plan_scores(store, plan: Plan, at: date) -> list[UnitScore]:
    """The scores of a plan as the store holds it, at ``at``, under the plan's rules."""
    return compute_scores(plan, store_events(store, plan, at), ScoringRules.from_dict(plan.scoring))


def figure(points: float) -> int | float:
    """Points as JSON and tables show them: whole numbers without a decimal point."""
    return int(points) if float(points).is_integer() else round(points, 2)


def scores_json(scores: list[UnitScore], at: date, rules: ScoringRules) -> dict:
    return {
        "at": at.isoformat(),
        "rules": rules.to_dict(),
        "units": [{
            "unit": s.unit, "total": figure(s.total),
            "items": [{"rule": i.rule, "task": i.task, "points": figure(i.points), "detail": i.detail}
                      for i in s.items],
        } for s in scores],
    }


def describe_rules(rules: ScoringRules) -> list[str]:
    """The rules in words, one clause each, for the table's note and the dialog's preview."""
    def pts(value: float) -> str:
        return f"{'+' if value > 0 else ''}{figure(value)} 分"

    parts = [f"基础分按任务分值计（无分值的任务 {figure(rules.task_points)} 分）" if rules.base_per_task
             else f"基础分每单位 {figure(rules.base)} 分"]
    for label, value, per_day in [("按时完成每项", rules.on_time, False), ("提前完成", rules.early, rules.early_per_day),
                                  ("逾期", rules.late, rules.late_per_day), ("退回每次", rules.sent_back, False),
                                  ("未报送每轮", rules.not_reported, False)]:
        if value:
            parts.append(f"{label}{'每天' if per_day else ('每项' if label in ('提前完成', '逾期') else '')}{pts(value)}")
    if rules.rate_points:
        parts.append(f"按时完成率达到 {figure(rules.rate_threshold)}% 得 {figure(rules.rate_points)} 分，"
                     f"每低 1 个百分点扣 {figure(rules.rate_step)} 分")
    if (rules.lead_weight, rules.responsible_weight) != (1.0, 1.0):
        parts.append(f"牵头单位按 {figure(rules.lead_weight * 100)}%、责任单位按 {figure(rules.responsible_weight * 100)}% 计")
    parts.append("加减分按登记的事由计")
    return parts
