"""What a 催办通知 says: for each unit behind in a round, its outstanding tasks.

A task is outstanding for a unit when the unit has not reported it in the round,
or when it is overdue (and not done).  Writers (:mod:`exporters.docx_reminder`)
print the letters; :class:`models.round_store.RoundBook` records that they were sent.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.domain import Plan, Status
from models.numbering import number_plan
from models.rounds import ReturnState, RoundStatus, reminder_ordinal
from models.tracking import DeadlineState, classify


@dataclass(frozen=True)
class OutstandingTask:
    node_id: str
    number: str  # the derived label: 3.
    text: str
    deadline: str
    why: str  # 未报送 | 已逾期 | 未报送、已逾期


@dataclass(frozen=True)
class ReminderLetter:
    unit: str
    round: str
    due: date | None
    number: int  # 1 for the first 催办 of the unit in this round
    state: ReturnState
    tasks: list[OutstandingTask] = field(default_factory=list)

    @property
    def ordinal(self) -> str:
        """``第二次`` from the second reminder on; empty for the first."""
        return reminder_ordinal(self.number)


def outstanding_tasks(plan: Plan, unit: str, reported: set[str], today: date) -> list[OutstandingTask]:
    numbers = number_plan(plan)
    tasks = []
    for node, _ in plan.walk():
        if unit not in node.lead + node.responsible or node.status is Status.DONE:
            continue
        why = [w for w, yes in (("未报送", node.id not in reported),
                                ("已逾期", classify(node, today) is DeadlineState.OVERDUE)) if yes]
        if why:
            tasks.append(OutstandingTask(node.id, numbers[node.id], node.text, node.deadline, "、".join(why)))
    return tasks


def letters(plan: Plan, status: RoundStatus, reported: dict[str, set[str]], numbers: dict[str, int],
            today: date, units: list[str] | None = None) -> list[ReminderLetter]:
    """Letters to ``units`` (default: every asked unit that has not fully reported or has overdue tasks).

    ``reported``: unit → ids of the tasks it reported in the round; ``numbers``: unit → the number
    its next reminder will have."""
    by_unit = {u.unit: u for u in status.units}
    out = []
    for line in status.units if units is None else [by_unit[u] for u in units]:
        tasks = outstanding_tasks(plan, line.unit, reported.get(line.unit, set()), today)
        if units is None and not tasks:
            continue
        out.append(ReminderLetter(line.unit, status.round.name, status.round.due, numbers.get(line.unit, 1),
                                  line.state, tasks))
    return out
