"""The SQLite store: one file holding every plan, node and unit.

- WAL journal with ``synchronous=FULL``: offices lose power, and this is a
  low-write editor, so every committed edit is on disk.
- Schema versioned by ``PRAGMA user_version`` (:mod:`models.schema`).
- Each user action is one transaction (:meth:`Store.transaction`).
- A lock file beside the database keeps a second instance from writing: it
  opens the file read-only and says so (:attr:`Store.read_only`).
- Before bulk changes (import, merge, migration) :meth:`Store.backup` copies
  the database with SQLite's online backup API; the newest few are kept.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from models import schema, sql
from models.domain import NODE_FIELDS, PLAN_FIELDS, UNIT_ROLES, Node, Plan, Unit, UnitKind, new_id
from models.errors import UserError
from models.node_json import CONTAINERS, DECODERS, plain
from models.units import is_umbrella, normalise_name

KEEP_BACKUPS = 10


class StoreError(UserError):
    """A known problem with the store file, worded for the user."""


class ReadOnlyError(StoreError):
    pass


@dataclass(frozen=True)
class PlanSummary:
    index: int  # 1-based, in creation order
    id: str
    title: str
    node_count: int


@dataclass(frozen=True)
class ProgressEntry:
    """One dated progress report for a task (from a returned department sheet)."""

    id: str
    node_id: str
    unit: str  # unit name, "" when not known
    round: str  # e.g. "2024年第二季度"
    status: str
    text: str
    reported_on: str | None  # ISO date

    @staticmethod
    def new(node_id: str, unit: str, round: str, status: str, text: str, reported_on: str | None) -> ProgressEntry:
        return ProgressEntry(new_id(), node_id, unit, round, status, text, reported_on)


@dataclass(frozen=True)
class UnitUsage:
    unit: Unit
    as_lead: int
    as_responsible: int


class Store:
    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.created = not self.path.exists()
        self._lock: FileLock | None = None
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.path) + ".lock")
            try:
                lock.acquire(timeout=0)
                self._lock = lock
            except Timeout:
                read_only = True  # another instance has it open for writing
        self.read_only = read_only
        if read_only and self.created:
            raise StoreError(f"{self.path}：文件不存在，且已被另一个程序占用，无法创建。")
        try:
            self.conn = self._connect()
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{self.path}：不是有效的 Duty Matrix 数据文件（{exc}）。") from exc

    # -- connection -------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(self.path), check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn

    def _prepare(self) -> None:
        current = schema.version(self.conn)
        if current > schema.LATEST:
            raise StoreError(
                f"{self.path}：由更新版本的 Duty Matrix 创建（结构版本 {current}），请升级本程序。"
            )
        if self.read_only:
            if current < schema.LATEST:
                raise StoreError(f"{self.path}：以只读方式打开，无法升级旧的数据结构。")
            return
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        if current < schema.LATEST:
            if current > 0:
                self.backup("migration")
            schema.migrate(self.conn)

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One user action: everything inside commits together or not at all."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path} 正由另一个 Duty Matrix 窗口编辑，本窗口只读。")
        with sql.atomic(self.conn):
            yield self

    # -- backups ----------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def backup(self, reason: str) -> Path:
        """Copy the whole database (online backup API); keep the newest few."""
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{self.path.stem}.{stamp}.{reason}.sqlite"
        dest = sqlite3.connect(str(target))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        for old in self.list_backups()[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)
        return target

    def list_backups(self) -> list[Path]:
        """Backups of this store, newest first."""
        if not self.backup_dir.exists():
            return []
        return sorted(self.backup_dir.glob(f"{self.path.stem}.*.sqlite"), reverse=True)

    def restore_backup(self, backup: Path) -> None:
        """Replace the store's content with a backup (itself backed up first)."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path} 只读，无法恢复备份。")
        self.backup("before-restore")
        source = sqlite3.connect(f"{Path(backup).resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(self.conn)
        finally:
            source.close()

    # -- plans ------------------------------------------------------------

    def list_plans(self) -> list[PlanSummary]:
        rows = self.conn.execute(
            """SELECT p.id, p.title, COUNT(n.id) FROM plans p
               LEFT JOIN nodes n ON n.plan_id = p.id
               GROUP BY p.id ORDER BY p.position"""
        ).fetchall()
        return [PlanSummary(i, pid, title, count) for i, (pid, title, count) in enumerate(rows, 1)]

    def resolve_plan(self, ref: str) -> PlanSummary | None:
        """A plan by 1-based index, id, or exact title (the CLI's PLAN)."""
        plans = self.list_plans()
        if ref.isdigit() and 1 <= int(ref) <= len(plans):
            return plans[int(ref) - 1]
        return next((p for p in plans if ref in (p.id, p.title)), None)

    def load_plan(self, plan_id: str) -> Plan:
        row = self.conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        names = [d[0] for d in self.conn.execute("SELECT * FROM plans LIMIT 0").description]
        plan = _plan_from_row(dict(zip(names, row)))
        nodes: dict[str, Node] = {}
        parents: list[tuple[str | None, Node]] = []
        converted = [(c, d) for c, d in _NODE_DECODERS.items() if c in _NODE_COLUMNS and d is not str]
        for nid, parent, *values in self.conn.execute(
            f"SELECT id, parent_id, {', '.join(_NODE_COLUMNS)} FROM nodes WHERE plan_id = ? ORDER BY position",
            (plan_id,),
        ):
            node = Node(id=nid, **dict(zip(_NODE_COLUMNS, values)))  # TEXT columns are str already
            for name, decode in converted:  # tags (JSON), status (enum)
                setattr(node, name, decode(getattr(node, name)))
            nodes[nid] = node
            parents.append((parent, node))
        for parent, node in parents:  # rows come in position order, so children do too
            (nodes[parent].children if parent else plan.roots).append(node)
        for nid, role, name in self.conn.execute(
            """SELECT nu.node_id, nu.role, u.name FROM node_units nu
               JOIN nodes n ON n.id = nu.node_id JOIN units u ON u.id = nu.unit_id
               WHERE n.plan_id = ? ORDER BY nu.position""",
            (plan_id,),
        ):
            getattr(nodes[nid], role).append(name)
        return plan

    def save_plan(self, plan: Plan, position: int | None = None) -> None:
        """Write a whole plan, replacing any earlier version with the same id.

        ``position`` orders the plan in the library (default: its old place, or last).
        """
        with self.transaction():
            if position is None:
                exists = self.conn.execute("SELECT position FROM plans WHERE id = ?", (plan.id,)).fetchone()
                position = exists[0] if exists else self._next_plan_position()
            self.conn.execute("DELETE FROM nodes WHERE plan_id = ?", (plan.id,))
            sql.upsert(self.conn, "plans", _plan_row(plan, position))
            self._insert_nodes(plan.id, plan.roots, None)

    def _next_plan_position(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM plans").fetchone()[0]

    def _insert_nodes(self, plan_id: str, siblings: list[Node], parent_id: str | None, start: int = 0) -> None:
        node_rows: list[dict] = []
        unit_rows: list[dict] = []
        unit_cache: dict[str, str] = {}
        stack = [(node, parent_id, start + i) for i, node in enumerate(siblings)]
        while stack:
            node, parent, position = stack.pop()
            node_rows.append(_node_row(node, plan_id, parent, position))
            for role in UNIT_ROLES:
                setattr(node, role, self._unit_names(getattr(node, role)))
                ids = self.unit_ids(getattr(node, role), unit_cache)
                unit_rows.extend(
                    {"node_id": node.id, "unit_id": uid, "role": role, "position": i}
                    for i, uid in enumerate(dict.fromkeys(ids))
                )
            # A node's row is written before its children's (foreign key on parent_id).
            stack.extend((c, node.id, i) for i, c in enumerate(node.children))
        sql.insert(self.conn, "nodes", node_rows)
        sql.insert(self.conn, "node_units", unit_rows)

    def insert_subtrees(self, plan_id: str, parent_id: str | None, position: int, nodes: list[Node]) -> None:
        """Insert whole subtrees as children of ``parent_id`` (None: top level) at ``position``."""
        with self.transaction():
            self.conn.execute(
                "UPDATE nodes SET position = position + ? WHERE plan_id = ? AND parent_id IS ? AND position >= ?",
                (len(nodes), plan_id, parent_id, position),
            )
            self._insert_nodes(plan_id, nodes, parent_id, start=position)
            self._touch(plan_id)

    def node_place(self, node_id: str) -> tuple[str, str | None, int]:
        """(plan id, parent id, position) of a node."""
        row = self.conn.execute("SELECT plan_id, parent_id, position FROM nodes WHERE id = ?", (node_id,)).fetchone()
        if row is None:
            raise KeyError(node_id)
        return row

    def node_unit_names(self, node_id: str) -> dict[str, list[str]]:
        names: dict[str, list[str]] = {"lead": [], "responsible": []}
        for role, name in self.conn.execute(
            """SELECT nu.role, u.name FROM node_units nu JOIN units u ON u.id = nu.unit_id
               WHERE nu.node_id = ? ORDER BY nu.position""",
            (node_id,),
        ):
            names[role].append(name)
        return names

    def load_subtree(self, node_id: str) -> Node:
        plan_id, _, _ = self.node_place(node_id)
        node = self.load_plan(plan_id).find(node_id)
        assert node is not None
        return node

    def delete_subtrees(self, node_ids: list[str]) -> None:
        """Delete nodes with their descendants and close the gaps they leave."""
        with self.transaction():
            for node_id in node_ids:
                plan_id, parent_id, position = self.node_place(node_id)
                self.conn.execute("DELETE FROM nodes WHERE id = ?", (node_id,))
                self.conn.execute(
                    "UPDATE nodes SET position = position - 1 WHERE plan_id = ? AND parent_id IS ? AND position > ?",
                    (plan_id, parent_id, position),
                )
                self._touch(plan_id)

    def move_node(self, node_id: str, parent_id: str | None, position: int) -> None:
        """Move a node (with its subtree) to ``position`` among the children of ``parent_id``.

        ``position`` counts the new siblings without the moved node.
        """
        with self.transaction():
            plan_id, old_parent, old_position = self.node_place(node_id)
            self.conn.execute(
                "UPDATE nodes SET position = position - 1 WHERE plan_id = ? AND parent_id IS ? AND position > ?",
                (plan_id, old_parent, old_position),
            )
            self.conn.execute(
                "UPDATE nodes SET position = position + 1 WHERE plan_id = ? AND parent_id IS ? AND position >= ?"
                " AND id != ?",
                (plan_id, parent_id, position, node_id),
            )
            self.conn.execute("UPDATE nodes SET parent_id = ?, position = ? WHERE id = ?", (parent_id, position, node_id))
            self._touch(plan_id)

    NODE_FIELDS = NODE_FIELDS

    def update_node(self, node_id: str, **fields: object) -> None:
        """Change some fields of one node: any of :attr:`NODE_FIELDS`."""
        unknown = set(fields) - set(self.NODE_FIELDS)
        if unknown:
            raise TypeError(f"not node fields: {sorted(unknown)}")
        with self.transaction():
            plan_id, _, _ = self.node_place(node_id)
            for role in UNIT_ROLES:
                if role in fields:
                    self.conn.execute("DELETE FROM node_units WHERE node_id = ? AND role = ?", (node_id, role))
                    ids = dict.fromkeys(self.unit_ids(fields.pop(role)))  # type: ignore[arg-type]
                    self.conn.executemany(
                        "INSERT INTO node_units (node_id, unit_id, role, position) VALUES (?, ?, ?, ?)",
                        [(node_id, uid, role, i) for i, uid in enumerate(ids)],
                    )
            fields = {k: _column(DECODERS[Node][k](plain(v))) for k, v in fields.items()}  # e.g. status checked
            if fields:
                sets = ", ".join(f"{k} = ?" for k in fields)
                self.conn.execute(f"UPDATE nodes SET {sets} WHERE id = ?", (*fields.values(), node_id))
            self._touch(plan_id)

    PLAN_FIELDS = PLAN_FIELDS

    def update_plan(self, plan_id: str, **fields: object) -> None:
        """Change some of a plan's own fields (not its nodes): any of :attr:`PLAN_FIELDS`."""
        unknown = set(fields) - set(self.PLAN_FIELDS)
        if unknown:
            raise TypeError(f"not plan fields: {sorted(unknown)}")
        row = _plan_row(Plan(**{k: v for k, v in fields.items()}), 0)  # type: ignore[arg-type]
        values = {k: row[k] for k in fields}
        with self.transaction():
            if values:
                sets = ", ".join(f"{k} = ?" for k in values)
                self.conn.execute(f"UPDATE plans SET {sets} WHERE id = ?", (*values.values(), plan_id))
            self._touch(plan_id)

    def _touch(self, plan_id: str) -> None:
        self.conn.execute(
            "UPDATE plans SET updated_at = ? WHERE id = ?", (datetime.now().isoformat(timespec="seconds"), plan_id)
        )

    def last_saved(self, plan_id: str) -> str | None:
        row = self.conn.execute("SELECT updated_at FROM plans WHERE id = ?", (plan_id,)).fetchone()
        return row[0] if row else None

    # -- progress reports -------------------------------------------------

    def add_progress(self, entry: ProgressEntry) -> None:
        with self.transaction():
            unit_id = self.unit_ids([entry.unit])[0] if entry.unit else None
            sql.insert(self.conn, "progress_entries", [{
                "id": entry.id, "node_id": entry.node_id, "unit_id": unit_id, "round": entry.round,
                "status": entry.status, "text": entry.text, "reported_on": entry.reported_on,
            }])

    def progress_history(self, node_id: str) -> list[ProgressEntry]:
        rows = self.conn.execute(
            """SELECT p.id, p.node_id, COALESCE(u.name, ''), p.round, p.status, p.text, p.reported_on
               FROM progress_entries p LEFT JOIN units u ON u.id = p.unit_id
               WHERE p.node_id = ? ORDER BY p.recorded_at, p.rowid""",
            (node_id,),
        ).fetchall()
        return [ProgressEntry(*r) for r in rows]

    def plan_position(self, plan_id: str) -> int:
        return self.conn.execute("SELECT position FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]

    def delete_progress(self, entry_ids: list[str]) -> None:
        """Remove progress entries (undoing a merge)."""
        with self.transaction():
            self.conn.executemany("DELETE FROM progress_entries WHERE id = ?", [(i,) for i in entry_ids])

    def delete_plan(self, plan_id: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,))

    # -- units ------------------------------------------------------------

    def _unit_names(self, names: Iterable[str]) -> list[str]:
        """Canonical names, duplicates dropped, order kept."""
        out = []
        for name in names:
            canon = normalise_name(name)
            if canon and canon not in out:
                out.append(canon)
        return out

    def unit_ids(self, names: Iterable[str], cache: dict[str, str] | None = None) -> list[str]:
        """Ids for unit names, by name or alias; unknown names become new units."""
        cache = {} if cache is None else cache
        ids = []
        for name in self._unit_names(names):
            if name in cache:
                ids.append(cache[name])
                continue
            row = self.conn.execute("SELECT id FROM units WHERE name = ?", (name,)).fetchone()
            if row is None:
                row = self.conn.execute(
                    "SELECT u.id FROM units u, json_each(u.aliases) a WHERE a.value = ?", (name,)
                ).fetchone()
            if row is None:
                unit = Unit(name=name, kind=guess_kind(name), sort_key=self._next_unit_sort_key())
                sql.insert(self.conn, "units", [_unit_row(unit)])
                row = (unit.id,)
            cache[name] = row[0]
            ids.append(row[0])
        return ids

    def _next_unit_sort_key(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(sort_key), 0) + 1 FROM units").fetchone()[0]

    def list_units(self) -> list[Unit]:
        return [_unit_from_row(r) for r in sql.query(self.conn, "SELECT * FROM units ORDER BY sort_key, name")]

    def unit_usage(self) -> list[UnitUsage]:
        counts = {
            (uid, role): n
            for uid, role, n in self.conn.execute(
                "SELECT unit_id, role, COUNT(*) FROM node_units GROUP BY unit_id, role"
            )
        }
        return [
            UnitUsage(u, counts.get((u.id, "lead"), 0), counts.get((u.id, "responsible"), 0))
            for u in self.list_units()
        ]

    def unit(self, unit_id: str) -> Unit:
        rows = sql.query(self.conn, "SELECT * FROM units WHERE id = ?", [unit_id])
        if not rows:
            raise KeyError(unit_id)
        return _unit_from_row(rows[0])

    def rename_unit(self, unit_id: str, name: str) -> None:
        """Rename a unit; every list that names it changes at once."""
        name = normalise_name(name)
        with self.transaction():
            clash = self.conn.execute("SELECT id FROM units WHERE name = ? AND id != ?", (name, unit_id)).fetchone()
            if clash:
                raise StoreError(f"已有名为“{name}”的单位；请改用“合并”。")
            self.conn.execute("UPDATE units SET name = ? WHERE id = ?", (name, unit_id))

    def units_snapshot(self, unit_ids: list[str]) -> dict:
        """Everything about some units, for :meth:`restore_units` (undo)."""
        marks = ",".join("?" * len(unit_ids))
        return {
            "units": sql.query(self.conn, f"SELECT * FROM units WHERE id IN ({marks})", unit_ids),
            "roles": self.conn.execute(
                f"SELECT node_id, unit_id, role, position FROM node_units WHERE unit_id IN ({marks})", unit_ids
            ).fetchall(),
            "ids": list(unit_ids),
            # reports, rounds and reminders that name these units (a merge moves them)
            "refs": {table: self.conn.execute(f"SELECT {key}, unit_id FROM {table} WHERE unit_id IN ({marks})",
                                              unit_ids).fetchall() for table, key in _UNIT_REFS},
            "asked": self.conn.execute(f"SELECT * FROM round_units WHERE unit_id IN ({marks})", unit_ids).fetchall(),
        }

    def restore_units(self, snapshot: dict) -> None:
        ids = snapshot["ids"]
        marks = ",".join("?" * len(ids))
        kept = [r["id"] for r in snapshot["units"]]
        with self.transaction():
            for row in snapshot["units"]:  # updated in place: reports may name them
                sql.upsert(self.conn, "units", row)
            for table, key in _UNIT_REFS:
                self.conn.executemany(f"UPDATE {table} SET unit_id = ? WHERE {key} = ?",
                                      [(unit, k) for k, unit in snapshot["refs"][table]])
            for table, rows in (("node_units", snapshot["roles"]), ("round_units", snapshot["asked"])):
                self.conn.execute(f"DELETE FROM {table} WHERE unit_id IN ({marks})", ids)
                if rows:
                    self.conn.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows[0]))})",
                                          rows)
            gone = [i for i in ids if i not in kept]  # units the undone edit brought in
            self.conn.executemany("DELETE FROM units WHERE id = ?", [(i,) for i in gone])

    def merge_units(self, source_id: str, target_id: str) -> None:
        """Merge a duplicate into another unit: every role moves, the names become aliases."""
        with self.transaction():
            source, target = self.unit(source_id), self.unit(target_id)
            moved = self.conn.execute(
                "SELECT node_id, role, position FROM node_units WHERE unit_id = ?", (source_id,)
            ).fetchall()
            self.conn.execute("DELETE FROM node_units WHERE unit_id = ?", (source_id,))
            for node_id, role, position in moved:
                has = self.conn.execute(
                    "SELECT 1 FROM node_units WHERE node_id = ? AND role = ? AND unit_id = ?", (node_id, role, target_id)
                ).fetchone()
                if not has:
                    self.conn.execute("INSERT INTO node_units VALUES (?, ?, ?, ?)", (node_id, target_id, role, position))
            for table, _ in _UNIT_REFS:
                self.conn.execute(f"UPDATE {table} SET unit_id = ? WHERE unit_id = ?", (target_id, source_id))
            self.conn.execute("UPDATE OR IGNORE round_units SET unit_id = ? WHERE unit_id = ?", (target_id, source_id))
            self.conn.execute("DELETE FROM round_units WHERE unit_id = ?", (source_id,))  # asked as both
            self.conn.execute("DELETE FROM units WHERE id = ?", (source_id,))
            aliases = list(dict.fromkeys(target.aliases + [source.name] + source.aliases))
            aliases = [a for a in aliases if a != target.name]
            self.conn.execute("UPDATE units SET aliases = ? WHERE id = ?", (_dumps(aliases), target_id))

    def save_unit(self, unit: Unit) -> None:
        with self.transaction():
            row = _unit_row(unit)
            row["name"] = normalise_name(unit.name)
            sql.upsert(self.conn, "units", row)


# Rows that name a unit by id (table, key column), moved to the other unit when two are merged.
_UNIT_REFS = (("progress_entries", "id"), ("reminders", "id"))

_KIND_SUFFIXES = (
    (("公司", "集团", "企业"), UnitKind.ENTERPRISE),
    (("县", "区", "市人民政府", "县委", "区委"), UnitKind.COUNTY),
    (("科", "室", "处", "队", "中心", "所", "站"), UnitKind.INTERNAL),
    (("局", "委", "办", "厅", "院", "会", "部"), UnitKind.CITY_DEPARTMENT),
)


def guess_kind(name: str) -> UnitKind:
    """A first guess at a new unit's kind, which the user can correct."""
    if is_umbrella(name):
        return UnitKind.UMBRELLA
    base = name.split("（")[0]
    for suffixes, kind in _KIND_SUFFIXES:
        if base.endswith(suffixes):
            return kind
    return UnitKind.OTHER


# -- row mapping -------------------------------------------------------------


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# Rows hold a field's plain value (models.node_json.plain), lists and dicts as JSON text; the unit
# roles of nodes live in node_units.
_NODE_COLUMNS = [name for name in NODE_FIELDS if name not in UNIT_ROLES]


def _row_decoders(cls: type) -> dict[str, Callable[[Any], Any]]:
    """Each column's decoder: JSON text for list and dict fields, the plain value for the others."""
    def from_json(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda raw: decode(json.loads(raw))

    return {name: from_json(decode) if name in CONTAINERS[cls] else decode for name, decode in DECODERS[cls].items()}


_NODE_DECODERS = _row_decoders(Node)
_PLAN_DECODERS = _row_decoders(Plan)


def _column(value: object) -> object:
    value = plain(value)
    return _dumps(value) if isinstance(value, (list, dict)) else value


def _plan_row(plan: Plan, position: int) -> dict:
    return {
        "id": plan.id, "position": position, **{name: _column(getattr(plan, name)) for name in PLAN_FIELDS},
        "updated_at": datetime.now().isoformat(timespec="seconds"),
    }


def _plan_from_row(row: dict) -> Plan:
    return Plan(id=row["id"], **{name: _PLAN_DECODERS[name](row[name]) for name in PLAN_FIELDS})


def _node_row(node: Node, plan_id: str, parent_id: str | None, position: int) -> dict:
    return {
        "id": node.id, "plan_id": plan_id, "parent_id": parent_id, "position": position,
        **{name: _column(getattr(node, name)) for name in _NODE_COLUMNS},
    }


def _unit_row(unit: Unit) -> dict:
    return {
        "id": unit.id, "name": unit.name, "short_name": unit.short_name,
        "aliases": _dumps(unit.aliases), "kind": unit.kind.value, "sort_key": unit.sort_key,
    }


def _unit_from_row(row: dict) -> Unit:
    return Unit(
        id=row["id"], name=row["name"], short_name=row["short_name"],
        aliases=json.loads(row["aliases"]), kind=UnitKind(row["kind"]), sort_key=row["sort_key"],
    )
