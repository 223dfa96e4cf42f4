"""The store's records of reporting rounds and reminders (schema: :mod:`models.schema`).

:class:`RoundBook` reads and writes them over an open :class:`models.store.Store`,
each change in one of its transactions.  The status of an open round is
computed here in a few grouped queries (the tasks of each unit in the plan,
the reports merged for the round), so that it stays fast on large plans.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from models import sql
from models.domain import Plan, new_id
from models.errors import UserError
from models.history import HistoryKind, record, recorded_now
from models.rounds import Round, RoundStatus, UnitReturn, reporting_units, return_state
from models.store import Store
from models.units import normalise_name
from models.tracking import ComputedFlag, TrackingContext

_NAME_LIMIT = 40
# (node, unit) of every task and the units it counts for in a round: named on it, or handed it down
_TASK_UNITS = "SELECT node_id, unit_id FROM node_units UNION SELECT node_id, unit_id FROM handdowns"


class RoundError(UserError):
    """A round that cannot be opened, found or changed as asked; the message says why."""


@dataclass(frozen=True)
class Reminder:
    id: str
    round: str
    unit: str
    number: int  # 1 for the first 催办 of this unit in this round
    sent_on: str
    file: str


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a plan's date as typed, not ISO
        return None


class RoundBook:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn

    # -- rounds -----------------------------------------------------------

    def rounds(self, plan_id: str) -> list[Round]:
        rows = self.conn.execute(
            "SELECT id, plan_id, name, opened_on, due, closed_on FROM rounds WHERE plan_id = ? "
            "ORDER BY opened_on, rowid", (plan_id,)).fetchall()
        return [Round(rid, pid, name, date.fromisoformat(opened), _day(due), _day(closed))
                for rid, pid, name, opened, due, closed in rows]

    def find(self, plan_id: str, name: str | None = None) -> Round:
        """The round of that name; without a name the latest open one (else the latest)."""
        rounds = self.rounds(plan_id)
        if name is None:
            chosen = ([r for r in rounds if r.is_open] or rounds)[-1:]
            if not chosen:
                raise RoundError("这份清单还没有报送轮次（用 `round PLAN open` 开启，或导出分解表时给出 --round）。")
            return chosen[0]
        found = next((r for r in rounds if r.name == name), None)
        if found is None:
            known = "、".join(r.name for r in rounds) or "无"
            raise RoundError(f"没有报送轮次“{name}”（已有：{known}）。")
        return found

    def open(self, plan_id: str, name: str, due: date | None, units: list[str] | None = None,
             today: date | None = None) -> Round:
        """Open a round asking ``units`` (default: every unit with a task, umbrellas excluded)."""
        name = name.strip()
        if not name or len(name) > _NAME_LIMIT or not name.isprintable():
            raise RoundError(f"报送轮次名称“{name[:_NAME_LIMIT]}”无效（1 至 {_NAME_LIMIT} 个字符）。")
        if any(r.name == name for r in self.rounds(plan_id)):
            raise RoundError(f"报送轮次“{name}”已经存在。")
        today = today or date.today()
        plan = self.store.load_plan(plan_id)
        receivers = [r for names in self.store.handdowns(plan_id).values() for r in names]
        named = (list(dict.fromkeys(reporting_units(plan) + receivers)) if units is None
                 else [normalise_name(u) for u in units])
        in_plan = {u for n, _ in plan.walk() for u in n.lead + n.responsible} | set(receivers)
        unknown = [u for u in named if u not in in_plan]
        if unknown:
            raise RoundError(f"清单“{plan.title}”中没有这些单位的任务：{'、'.join(unknown)}")
        with self.store.transaction():
            rid = new_id()
            sql.insert(self.conn, "rounds", [{"id": rid, "plan_id": plan_id, "name": name,
                                              "opened_on": today.isoformat(),
                                              "due": due.isoformat() if due else None}])
            self._add_units(rid, named)
            self._event(plan_id, name, f"开启报送轮次，截止 {due.isoformat() if due else '未定'}，"
                                       f"要求 {len(named)} 个单位报送", today)
        return self.find(plan_id, name)

    def _event(self, plan_id: str, name: str, text: str, on: date | None) -> None:
        record(self.store, plan_id, HistoryKind.ROUND, text, round=name, on=on)

    def _add_units(self, round_id: str, names: list[str]) -> None:
        start = self.conn.execute("SELECT COUNT(*) FROM round_units WHERE round_id = ?", (round_id,)).fetchone()[0]
        ids = self.store.unit_ids(names)
        self.conn.executemany(
            "INSERT OR IGNORE INTO round_units (round_id, unit_id, position) VALUES (?, ?, ?)",
            [(round_id, uid, start + i) for i, uid in enumerate(dict.fromkeys(ids))])

    def record_sent(self, plan_id: str, name: str, sent: dict[str, str], due: date | None = None,
                    today: date | None = None) -> Round:
        """Department sheets exported for ``name`` (unit → file): open the round if new, else
        add the units to it; a closed round takes no more sheets."""
        today = today or date.today()
        with self.store.transaction():
            if not any(r.name == name for r in self.rounds(plan_id)):
                self.open(plan_id, name, due, units=[], today=today)
            self.sendable(plan_id, name)
            found = self.find(plan_id, name)
            if due is not None and due != found.due:
                self.conn.execute("UPDATE rounds SET due = ? WHERE id = ?", (due.isoformat(), found.id))
            self._add_units(found.id, list(sent))
            ids = self.store.unit_ids(list(sent))
            self.conn.executemany(
                "UPDATE round_units SET sent_on = ?, sent_file = ? WHERE round_id = ? AND unit_id = ?",
                [(today.isoformat(), file, found.id, uid) for uid, file in zip(ids, sent.values())])
            for unit, file in sent.items():
                record(self.store, plan_id, HistoryKind.ROUND, f"发送分解表 {file}", round=name, unit=unit, on=today)
        return self.find(plan_id, name)

    def sendable(self, plan_id: str, name: str) -> Round | None:
        """The open round ``name`` sheets may be sent in (None: a new one); raise when it has ended."""
        found = next((r for r in self.rounds(plan_id) if r.name == name), None)
        if found is not None and not found.is_open:
            raise RoundError(f"报送轮次“{name}”已于 {found.closed_on} 结束，不能再发送分解表；请先重新开启。")
        return found

    def close(self, round: Round, today: date | None = None) -> None:
        """End the round: its status is kept as it stands today and no longer changes."""
        if not round.is_open:
            raise RoundError(f"报送轮次“{round.name}”已于 {round.closed_on} 结束。")
        today = today or date.today()
        frozen = json.dumps([u.to_json() for u in self.status(round, today).units], ensure_ascii=False)
        with self.store.transaction():
            self.conn.execute("UPDATE rounds SET closed_on = ?, frozen = ? WHERE id = ?",
                              (today.isoformat(), frozen, round.id))
            self._event(round.plan_id, round.name, "结束报送轮次，回收情况固定", today)

    def reopen(self, round: Round, today: date | None = None) -> None:
        if round.is_open:
            raise RoundError(f"报送轮次“{round.name}”尚未结束。")
        with self.store.transaction():
            self.conn.execute("UPDATE rounds SET closed_on = NULL, frozen = NULL WHERE id = ?", (round.id,))
            self._event(round.plan_id, round.name, "重新开启报送轮次", today)

    _EVENTS = "FROM history_entries WHERE plan_id = ? AND kind = '轮次' AND round = ?"

    def delete(self, round: Round) -> None:
        """The round and its own history (opened, closed …), as if it had never been."""
        with self.store.transaction():
            self.conn.execute("DELETE FROM rounds WHERE id = ?", (round.id,))
            self.conn.execute(f"DELETE {self._EVENTS}", (round.plan_id, round.name))

    def snapshot(self, round_id: str) -> dict[str, list[dict]]:
        """The round's rows, for :meth:`restore` (undo)."""
        return {
            "rounds": sql.query(self.conn, "SELECT * FROM rounds WHERE id = ?", [round_id]),
            "round_units": sql.query(self.conn, "SELECT * FROM round_units WHERE round_id = ? ORDER BY position",
                                     [round_id]),
            "reminders": sql.query(self.conn, "SELECT * FROM reminders WHERE round_id = ? ORDER BY rowid",
                                   [round_id]),
            "reminder_tasks": sql.query(
                self.conn, "SELECT t.* FROM reminder_tasks t JOIN reminders r ON r.id = t.reminder_id "
                           "WHERE r.round_id = ? ORDER BY t.rowid", [round_id]),
            "history_entries": sql.query(
                self.conn, f"SELECT * {self._EVENTS} ORDER BY rowid",
                [*self.conn.execute("SELECT plan_id, name FROM rounds WHERE id = ?", (round_id,)).fetchone()]),
        }

    def restore(self, snapshot: dict[str, list[dict]]) -> None:
        """Put a round back exactly as :meth:`snapshot` saw it."""
        with self.store.transaction():
            for table in ("rounds", "history_entries"):
                self.conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(r["id"],) for r in snapshot[table]])
            for table in ("rounds", "round_units", "reminders", "reminder_tasks", "history_entries"):
                sql.insert(self.conn, table, snapshot[table])

    # -- status -----------------------------------------------------------

    def status(self, round: Round, today: date | None = None) -> RoundStatus:
        """Each asked unit's state; a closed round as it stood when closed."""
        if not round.is_open:
            frozen = self.conn.execute("SELECT frozen FROM rounds WHERE id = ?", (round.id,)).fetchone()[0]
            return RoundStatus(round, [UnitReturn.from_json(u) for u in json.loads(frozen or "[]")])
        today = today or date.today()
        asked = self.conn.execute(
            """SELECT u.id, u.name, ru.sent_on, ru.sent_file FROM round_units ru JOIN units u ON u.id = ru.unit_id
               WHERE ru.round_id = ? ORDER BY ru.position""", (round.id,)).fetchall()
        # A receiver of tasks handed down (分解下达) counts like a unit named on them.
        tasks = dict(self.conn.execute(
            f"""SELECT t.unit_id, COUNT(DISTINCT t.node_id) FROM ({_TASK_UNITS}) t JOIN nodes n ON n.id = t.node_id
               WHERE n.plan_id = ? GROUP BY t.unit_id""", (round.plan_id,)))
        reported = {uid: (count, last) for uid, count, last in self.conn.execute(
            f"""SELECT p.unit_id, COUNT(DISTINCT p.node_id), MAX(p.reported_on) FROM progress_entries p
               JOIN nodes n ON n.id = p.node_id
               WHERE n.plan_id = ? AND p.round = ?
                 AND EXISTS (SELECT 1 FROM ({_TASK_UNITS}) t WHERE t.node_id = p.node_id AND t.unit_id = p.unit_id)
               GROUP BY p.unit_id""", (round.plan_id, round.name))}
        files = {uid: file for uid, file, _ in self.conn.execute(  # the file of each unit's latest report
            """SELECT p.unit_id, p.file, MAX(p.rowid) FROM progress_entries p JOIN nodes n ON n.id = p.node_id
               WHERE n.plan_id = ? AND p.round = ? GROUP BY p.unit_id""", (round.plan_id, round.name))}
        reminders = dict(self.conn.execute(
            "SELECT unit_id, COUNT(*) FROM reminders WHERE round_id = ? GROUP BY unit_id", (round.id,)))
        units = []
        for uid, name, sent_on, sent_file in asked:
            count, last = reported.get(uid, (0, None))
            n = tasks.get(uid, 0)
            units.append(UnitReturn(name, return_state(n, count, round.due, today), n, count, last,
                                    sent_on, sent_file, reminders.get(uid, 0), files.get(uid, "") if count else ""))
        return RoundStatus(round, units)

    def asked(self, round: Round) -> list[str]:
        """The names of the units asked to report in the round, in their order."""
        return [r[0] for r in self.conn.execute(
            """SELECT u.name FROM round_units ru JOIN units u ON u.id = ru.unit_id
               WHERE ru.round_id = ? ORDER BY ru.position""", (round.id,))]

    def reported_tasks(self, round: Round, unit: str) -> set[str]:
        """Ids of the tasks ``unit`` has reported in the round."""
        return {r[0] for r in self.conn.execute(
            """SELECT DISTINCT p.node_id FROM progress_entries p JOIN nodes n ON n.id = p.node_id
               JOIN units u ON u.id = p.unit_id WHERE n.plan_id = ? AND p.round = ? AND u.name = ?""",
            (round.plan_id, round.name, unit))}

    # -- computed flags -----------------------------------------------------

    def task_flags(self, plan: Plan, tracking: TrackingContext) -> dict[str, list[ComputedFlag]]:
        """滞后 and 停滞 of every task of ``plan`` that has one (node id → flags).

        Time runs from the plan's date (else its first round's opening) to each deadline; a round
        counts for 停滞 once it has ended or its due date has passed."""
        today = tracking.today()
        rounds = self.rounds(plan.id)
        counted = [r.name for r in rounds if not r.is_open or (r.due is not None and r.due < today)]
        start = _day(plan.date) or (rounds[0].opened_on if rounds else None)
        if start is None:
            return {}  # no time to measure against, no rounds to miss
        reported: dict[str, set[str]] = {}
        latest: dict[str, str] = {}
        for node_id, round, text in self.conn.execute(
                """SELECT p.node_id, p.round, p.text FROM progress_entries p JOIN nodes n ON n.id = p.node_id
                   WHERE n.plan_id = ? ORDER BY p.recorded_at, p.rowid""", (plan.id,)):
            reported.setdefault(node_id, set()).add(round)
            latest[node_id] = text
        flags = {}
        for node, _ in plan.walk():
            if node.children:
                continue
            found = tracking.flags(node, latest.get(node.id, ""), start, reported.get(node.id, set()), counted)
            if found:
                flags[node.id] = found
        return flags

    # -- reminders (催办) ---------------------------------------------------

    def next_reminder(self, round: Round, unit: str) -> int:
        """The number the next 催办 to ``unit`` in this round will have (1 for the first)."""
        return 1 + self.conn.execute(
            """SELECT COUNT(*) FROM reminders r JOIN units u ON u.id = r.unit_id
               WHERE r.round_id = ? AND u.name = ?""", (round.id, unit)).fetchone()[0]

    def record_reminder(self, round: Round, unit: str, node_ids: list[str], sent_on: date,
                        file: str = "") -> Reminder:
        """A 催办 sent to ``unit``, listed in the history of each task it names."""
        number = self.next_reminder(round, unit)
        rid = new_id()
        with self.store.transaction():
            uid = self.store.unit_ids([unit])[0]
            sql.insert(self.conn, "reminders", [{"id": rid, "round_id": round.id, "unit_id": uid,
                                                 "number": number, "sent_on": sent_on.isoformat(), "file": file,
                                                 "user": self.store.author.name,
                                                 "office": self.store.author.office,
                                                 "recorded_at": recorded_now()}])
            sql.insert(self.conn, "reminder_tasks", [{"reminder_id": rid, "node_id": n}
                                                     for n in dict.fromkeys(node_ids)])
        return Reminder(rid, round.name, unit, number, sent_on.isoformat(), file)

    def task_reminders(self, node_id: str) -> list[Reminder]:
        """The 催办 that listed a task, oldest first: its history."""
        rows = self.conn.execute(
            """SELECT r.id, o.name, u.name, r.number, r.sent_on, r.file FROM reminder_tasks t
               JOIN reminders r ON r.id = t.reminder_id JOIN rounds o ON o.id = r.round_id
               JOIN units u ON u.id = r.unit_id WHERE t.node_id = ? ORDER BY r.sent_on, r.rowid""",
            (node_id,)).fetchall()
        return [Reminder(*row) for row in rows]
