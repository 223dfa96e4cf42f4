"""Reporting rounds (填报轮次): who was asked to report, who has, and who is late.

A round belongs to a plan: a name (``2024年第二季度``, ``5月调度``), the day it
opened, a due date and the units asked to report.  How each unit stands is
computed, never stored while the round is open: from its tasks in the plan,
the progress reports merged for it under the round's name, and the due date
against "today".  Closing a round keeps the figures as they stood then.

The records themselves live in the store (:mod:`models.round_store`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum

from models.chinese_numerals import chinese_numeral
from models.domain import Plan
from models.units import is_umbrella


class ReturnState(str, Enum):
    REPORTED = "已报送"  # every task of the unit reported in this round
    PARTIAL = "部分报送"  # some of its tasks missing
    NOT_REPORTED = "未报送"
    OVERDUE = "逾期未报"  # nothing reported and the due date has passed


def return_state(tasks: int, reported: int, due: date | None, today: date) -> ReturnState:
    if tasks and reported >= tasks:
        return ReturnState.REPORTED
    if reported:
        return ReturnState.PARTIAL
    if due is not None and today > due:
        return ReturnState.OVERDUE
    return ReturnState.NOT_REPORTED


@dataclass(frozen=True)
class Round:
    id: str
    plan_id: str
    name: str
    opened_on: date
    due: date | None
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def to_json(self) -> dict:
        return {"round": self.name, "opened": self.opened_on.isoformat(),
                "due": self.due.isoformat() if self.due else None,
                "closed": self.closed_on.isoformat() if self.closed_on else None}


@dataclass(frozen=True)
class UnitReturn:
    """One unit's line of the 回收情况 table."""

    unit: str
    state: ReturnState
    tasks: int  # its tasks in the plan
    reported: int  # of those, reported in this round
    received: str | None  # ISO date of its latest report in this round
    sent: str | None = None  # ISO date its sheet was exported
    sent_file: str = ""  # the file it was sent
    reminders: int = 0  # 催办 sent in this round
    file: str = ""  # the returned file its latest report in this round came in (已报送 / 部分报送)

    def to_json(self) -> dict:
        data = asdict(self)
        data["state"] = self.state.value
        return data

    @staticmethod
    def from_json(data: dict) -> UnitReturn:
        if "sent_file" not in data:  # frozen before the received file was kept: "file" was the sheet sent
            data = {**data, "sent_file": data.get("file", ""), "file": ""}
        return UnitReturn(**{**data, "state": ReturnState(data["state"])})


@dataclass(frozen=True)
class RoundStatus:
    round: Round
    units: list[UnitReturn]

    def count(self, state: ReturnState) -> int:
        return sum(1 for u in self.units if u.state is state)

    def to_json(self) -> dict:
        return {**self.round.to_json(), "units": [u.to_json() for u in self.units]}


def reporting_units(plan: Plan) -> list[str]:
    """The units asked by default: every unit with a task in the plan, in order of first mention,
    umbrella names (各县区, 有关部门) left out."""
    names: dict[str, None] = {}
    for node, _ in plan.walk():
        for name in node.lead + node.responsible:
            if not is_umbrella(name):
                names.setdefault(name)
    return list(names)


def reminder_ordinal(number: int) -> str:
    """``第二次`` for the second 催办 (the first reads without one)."""
    return f"第{chinese_numeral(number)}次" if number > 1 else ""
