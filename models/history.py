"""A task's history (留痕): every progress report, status change, 催办, round event and merge, dated,
with its round, its unit and who recorded it (the settings' 姓名 and 科室).

Progress reports (``progress_entries``) and 催办 (``reminders``) are records of their own; the
events that have none — a status set in the editor, a round opened, closed or reopened, a merge's
changes to a task — are written here as ``history_entries`` (schema step ``_HISTORY``).  Reading
gathers the three into one list, newest first (:func:`task_history`, :func:`plan_history`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from models import sql
from models.domain import new_id
from models.rounds import reminder_ordinal

if TYPE_CHECKING:
    from models.store import Store


@dataclass(frozen=True)
class Author:
    """Who is working: 姓名 and 科室 from the settings, written on each entry they make."""

    name: str = ""
    office: str = ""

    def __str__(self) -> str:
        return f"{self.name}（{self.office}）" if self.name and self.office else self.name or self.office


class HistoryKind(str, Enum):
    PROGRESS = "进展"
    STATUS = "状态"
    REMINDER = "催办"
    ROUND = "轮次"
    MERGE = "合并"


@dataclass(frozen=True)
class HistoryEntry:
    on: str  # ISO date
    kind: HistoryKind
    round: str
    unit: str
    text: str
    author: Author
    node_id: str | None  # None: an event of the whole plan (a round opened …)

    def to_json(self) -> dict:
        return {"date": self.on, "kind": self.kind.value, "round": self.round, "unit": self.unit,
                "text": self.text, "user": self.author.name, "office": self.author.office, "node": self.node_id}


def recorded_now() -> str:
    """When an entry is written, to the microsecond (UTC, as SQLite's datetime('now') but finer),
    so that entries written within one second keep their order across the three tables."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def record(store: Store, plan_id: str, kind: HistoryKind, text: str, *, node_id: str | None = None,
           round: str = "", unit: str = "", on: date | None = None, entry_id: str | None = None) -> str:
    """Write one event (by the store's author); returns its id, which :func:`forget` takes back."""
    entry_id = entry_id or new_id()
    with store.transaction():
        unit_id = store.unit_ids([unit])[0] if unit else None
        sql.insert(store.conn, "history_entries", [{
            "id": entry_id, "plan_id": plan_id, "node_id": node_id, "kind": kind.value, "round": round,
            "unit_id": unit_id, "text": text, "on_date": (on or date.today()).isoformat(),
            "user": store.author.name, "office": store.author.office, "recorded_at": recorded_now()}])
    return entry_id


def forget(store: Store, entry_ids: list[str]) -> None:
    with store.transaction():
        store.conn.executemany("DELETE FROM history_entries WHERE id = ?", [(i,) for i in entry_ids])


# One query over the three sources; {where} picks a task (or a plan's tasks) in each.
_UNION = """
SELECT p.reported_on AS on_date, '进展' AS kind, p.round, COALESCE(u.name, '') AS unit,
       p.status AS a, p.text AS b, p.file AS c, p.user, p.office, p.node_id, p.recorded_at, p.rowid AS seq
  FROM progress_entries p JOIN nodes n ON n.id = p.node_id LEFT JOIN units u ON u.id = p.unit_id
 WHERE {where_progress}
UNION ALL
SELECT r.sent_on, '催办', o.name, u.name, CAST(r.number AS TEXT), '', r.file, r.user, r.office, t.node_id,
       r.recorded_at, r.rowid
  FROM reminder_tasks t JOIN reminders r ON r.id = t.reminder_id JOIN rounds o ON o.id = r.round_id
  JOIN units u ON u.id = r.unit_id JOIN nodes n ON n.id = t.node_id
 WHERE {where_reminder}
UNION ALL
SELECT h.on_date, h.kind, h.round, COALESCE(u.name, ''), '', h.text, '', h.user, h.office, h.node_id,
       h.recorded_at, h.rowid
  FROM history_entries h LEFT JOIN units u ON u.id = h.unit_id
 WHERE {where_event}
ORDER BY on_date DESC, recorded_at DESC, seq DESC
"""


def _entry(row: tuple) -> HistoryEntry:
    on, kind, round, unit, a, b, file, user, office, node_id = row[:10]
    kind = HistoryKind(kind)
    if kind is HistoryKind.PROGRESS:
        text = "：".join(x for x in (a, b) if x) + (f"（{file}）" if file else "")
    elif kind is HistoryKind.REMINDER:
        text = f"{reminder_ordinal(int(a)) or '第一次'}催办" + (f"（{file}）" if file else "")
    else:
        text = b
    return HistoryEntry(on or "", kind, round, unit, text, Author(user, office), node_id)


# A task's own events, and its plan's round events that concern it: the round's (no unit) and
# those of its units (a sheet sent).
_TASK_EVENTS = """h.node_id = :node OR (h.node_id IS NULL AND h.kind = '轮次'
    AND h.plan_id = (SELECT plan_id FROM nodes WHERE id = :node)
    AND (h.unit_id IS NULL OR h.unit_id IN (SELECT unit_id FROM node_units WHERE node_id = :node)))"""


def task_history(store: Store, node_id: str) -> list[HistoryEntry]:
    """A task's entries and the round events that concern it, newest first."""
    query = _UNION.format(where_progress="p.node_id = :node", where_reminder="t.node_id = :node",
                          where_event=_TASK_EVENTS)
    return [_entry(r) for r in store.conn.execute(query, {"node": node_id})]


def plan_history(store: Store, plan_id: str) -> list[HistoryEntry]:
    """Every entry of a plan's tasks and the plan's own events, newest first."""
    query = _UNION.format(where_progress="n.plan_id = :plan", where_reminder="n.plan_id = :plan",
                          where_event="h.plan_id = :plan")
    return [_entry(r) for r in store.conn.execute(query, {"plan": plan_id})]
