"""The SQLite store: one file holding every plan, node and unit.

- WAL journal with ``synchronous=FULL``: offices lose power, and this is a
  low-write editor, so every committed edit is on disk.
- Schema versioned by ``PRAGMA user_version`` (:mod:`models.schema`).
- Each user action is one transaction (:meth:`Store.transaction`).
- A lock file beside the database keeps a second instance from writing: it
  opens the file read-only and says why (:attr:`Store.read_only`,
  :attr:`Store.read_only_reason`); so does a read-only file or folder.
- Our files are marked (``PRAGMA application_id``); another program's SQLite
  file is refused, not migrated.  ``PRAGMA quick_check`` runs before a store is
  written: a damaged store is never written nor backed up (only restored from
  a backup, :attr:`Store.damaged`).
- Before bulk changes (import, merge, migration) :meth:`Store.backup` copies
  the database with SQLite's online backup API; the newest few are kept.
- A full disk is said as such (:func:`disk_full_error`), and leaves no
  partial backup behind.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from models import schema, sql, store_lock
from models.domain import NODE_FIELDS, PLAN_FIELDS, UNIT_ROLES, Node, Plan, Unit, UnitKind, new_id
from models.errors import UserError
from models.evidence import EvidenceFile
from models.history import Author, recorded_now
from models.node_json import CONTAINERS, DECODERS, plain, plan_from_dict, plan_to_dict
from models.units import is_umbrella, normalise_name

KEEP_BACKUPS = 10
APPLICATION_ID = 0x44544D58  # "DTMX": PRAGMA application_id of a Duty Matrix store
_OUR_TABLES = {"plans", "units", "nodes", "node_units"}


class StoreError(UserError):
    """A known problem with the store file, worded for the user."""


class ReadOnlyError(StoreError):
    pass


class DamagedStoreError(StoreError):
    pass


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(exc, sqlite3.Error) and "disk is full" in str(exc)


def disk_full_error(folder: Path) -> StoreError:
    return StoreError(f"磁盘空间不足：{folder} 所在的磁盘已满，未写入任何内容；请清理磁盘后重试。")


@dataclass(frozen=True)
class PlanSummary:
    index: int  # 1-based, in creation order
    id: str
    title: str
    node_count: int


@dataclass(frozen=True)
class SnapshotSummary:
    """A saved version of a plan (印发稿, 修订稿 …)."""

    id: str
    plan_id: str
    name: str
    taken_on: str  # ISO date the user gave
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
    reported_on: str | None  # ISO date of the merge
    saved_at: str | None = None  # ISO time the returned file was last saved, when known
    file: str = ""  # the returned file it came in
    user: str = ""  # who recorded it (姓名, 科室); a new entry takes the store's author
    office: str = ""

    @staticmethod
    def new(node_id: str, unit: str, round: str, status: str, text: str, reported_on: str | None,
            saved_at: str | None = None, file: str = "") -> ProgressEntry:
        return ProgressEntry(new_id(), node_id, unit, round, status, text, reported_on, saved_at, file)


@dataclass(frozen=True)
class ScoreAdjustment:
    """A 加分 (points > 0) or 减分 entered by hand, with its reason and who entered it."""

    id: str
    plan_id: str
    unit: str
    node_id: str | None  # the task it concerns, if any
    points: float
    reason: str
    user: str
    on_date: str  # ISO date it counts from

    @staticmethod
    def new(plan_id: str, unit: str, points: float, reason: str, user: str, on_date: str,
            node_id: str | None = None) -> ScoreAdjustment:
        return ScoreAdjustment(new_id(), plan_id, unit, node_id, points, reason, user, on_date)


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
        self.held_elsewhere = False  # read-only because another instance writes it
        self.read_only_reason = "以只读方式打开" if read_only else ""
        self.damaged = ""  # what quick_check found, "" when the store is sound
        # who is working (the settings' 姓名, 科室), written on new history entries; read when first needed
        self.author_source: Callable[[], Author] = Author
        self._author: Author | None = None
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"{self.path}：不是数据文件（是一个文件夹或特殊文件）。")
        if not read_only:
            self.read_only_reason = self._take_lock()
            read_only = bool(self.read_only_reason)
        self.read_only = read_only
        self.holder = store_lock.holder_of(self.path) if self.held_elsewhere else None
        if read_only and self.created:
            raise StoreError(f"{self.path}：无法创建数据文件（{self.read_only_reason}）。")
        try:
            self.conn = self._connect()
            self._prepare()
        except StoreError:
            self.close()
            raise
        except sqlite3.DatabaseError as exc:
            self.close()
            if is_disk_full(exc) or _no_space(self.path.parent):
                raise disk_full_error(self.path.parent) from exc
            raise StoreError(f"{self.path}：不是有效的 Duty Matrix 数据文件，或文件已损坏（{_sqlite_words(exc)}）。") from exc

    def _take_lock(self) -> str:
        """Take the writer's lock; or say why the store can only be read."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return f"无法创建文件夹 {self.path.parent}"
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return "文件只读"
        if not os.access(self.path.parent, os.W_OK):
            return f"文件夹 {self.path.parent} 只读"
        lock = FileLock(str(self.path) + ".lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            self.held_elsewhere = True
            return "另一个 Duty Matrix 程序（窗口或命令）正在写入这个数据文件"
        except OSError as exc:
            if is_disk_full(exc):
                return "磁盘空间不足"
            return f"无法在 {self.path.parent} 中创建锁文件"
        self._lock = lock
        store_lock.claim(self.path)
        return ""

    @property
    def author(self) -> Author:
        if self._author is None:
            self._author = self.author_source()
        return self._author

    @author.setter
    def author(self, value: Author) -> None:
        self._author = value

    # -- connection -------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            if not os.access(self.path.parent, os.W_OK):
                uri += "&immutable=1"  # no -shm file can be made beside it, and no one else writes here
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(self.path), check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn

    def _prepare(self) -> None:
        current = schema.version(self.conn)
        self._check_ours(current)
        if current > schema.LATEST:
            raise StoreError(
                f"{self.path}：由更新版本的 Duty Matrix 创建（结构版本 {current}），请升级本程序。"
            )
        if not self.created:
            self._check_integrity(current)
        if self.read_only or self.damaged:
            if current < schema.LATEST and not self.damaged:
                raise StoreError(f"{self.path}：{self.read_only_reason}，无法升级旧的数据结构。")
            return
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        if current < schema.LATEST:
            if current > 0:
                self.backup("migration")
            schema.migrate(self.conn)
        if schema.application_id(self.conn) != APPLICATION_ID:
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _check_ours(self, version: int) -> None:
        """Refuse another program's SQLite file: marked by another id, or unmarked with other tables."""
        app_id = schema.application_id(self.conn)
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == APPLICATION_ID or (app_id == 0 and not tables and version == 0):
            return
        if app_id == 0 and version > 0 and _OUR_TABLES <= tables:
            return  # a store of ours from before the mark
        raise StoreError(f"{self.path}：这是另一个程序的 SQLite 数据库，不是 Duty Matrix 数据文件；"
                         "为免改坏它，未打开。请用 --db 指定别的文件。")

    def _check_integrity(self, version: int) -> None:
        """PRAGMA quick_check and our tables present; a damaged store is only read (and restored)."""
        try:
            problems = [r[0] for r in self.conn.execute("PRAGMA quick_check(20)")]
        except sqlite3.DatabaseError as exc:
            problems = [_sqlite_words(exc)]
        if problems != ["ok"]:
            pages = list(dict.fromkeys(re.findall(r"[Pp]age (\d+)", "\n".join(problems))))
            where = f"，涉及第 {'、'.join(pages[:5])}{' 等' if len(pages) > 5 else ''} 页" if pages else ""
            self.damaged = f"完整性检查发现结构错误{where}"
        else:
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = sorted(schema.tables(version) - tables)
            if missing:
                self.damaged = f"缺少数据表 {'、'.join(missing)}"
        if self.damaged:
            self.read_only = True
            self.read_only_reason = (f"数据文件已损坏（{self.damaged}），为免损坏扩大，不再写入；"
                                     "请用“文件 → 从备份恢复”恢复到最近的备份")

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            store_lock.release(self.path)
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_only_message(self) -> str:
        """Why nothing can be written, for a window or a terminal alike."""
        if self.damaged:
            return f"{self.path}：{self.read_only_reason}。"
        if not self.held_elsewhere:
            return f"{self.path}：只能读取，不能修改（{self.read_only_reason}）。"
        who = f"（{self.holder.describe()}）" if self.holder else ""
        return (f"{self.path}：另一个 Duty Matrix 程序{who}正在编辑这个数据文件，现在只能查看，不能修改。"
                "关闭那个窗口（或等它的命令结束）后重新打开即可编辑。")

    def check_writable(self) -> None:
        """Raise the reason this store cannot be written now, if any."""
        if self.damaged:
            raise DamagedStoreError(self.read_only_message())
        if self.read_only:
            raise ReadOnlyError(self.read_only_message())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One user action: everything inside commits together or not at all."""
        self.check_writable()
        try:
            with sql.atomic(self.conn):
                yield self
        except sqlite3.OperationalError as exc:
            if is_disk_full(exc):
                raise disk_full_error(self.path.parent) from exc
            raise

    # -- backups ----------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def backup(self, reason: str) -> Path:
        """Copy the whole database (online backup API); keep the newest few.

        Only a store that may be written is backed up (a refused writer writes nothing, a
        damaged store never pushes a good backup out), and a failed copy leaves no file."""
        self.check_writable()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{self.path.stem}.{stamp}.{reason}.sqlite"
        try:
            self.backup_dir.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(str(target))
            try:
                self.conn.backup(dest)
            finally:
                dest.close()
        except (sqlite3.Error, OSError) as exc:
            target.unlink(missing_ok=True)
            if is_disk_full(exc):
                raise disk_full_error(self.backup_dir) from exc
            raise StoreError(f"{self.backup_dir}：无法写入备份（{_sqlite_words(exc)}），未做任何更改。") from exc
        for old in self.list_backups()[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)
        return target

    def list_backups(self) -> list[Path]:
        """Backups of this store, newest first."""
        if not self.backup_dir.exists():
            return []
        return sorted(self.backup_dir.glob(f"{self.path.stem}.*.sqlite"), reverse=True)

    def restore_backup(self, backup: Path) -> None:
        """Replace the store's content with a backup (itself backed up first).

        A damaged store is copied aside as ``….damaged`` (outside the rotation of backups)."""
        if self.read_only and not self.damaged:
            self.check_writable()
        if self.damaged:
            shutil.copyfile(self.path, self.backup_dir / f"{self.path.stem}.{datetime.now():%Y%m%d-%H%M%S}.damaged")
        else:
            self.backup("before-restore")
        source = sqlite3.connect(f"{Path(backup).resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(self.conn)
        finally:
            source.close()
        self.damaged = ""
        self.read_only = self._lock is None
        self.read_only_reason = "" if self._lock is not None else self.read_only_reason

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
        """Record a report; its unit must be in the directory already (a report never creates one)."""
        with self.transaction():
            unit_id = self._known_unit_id(entry.unit) if entry.unit else None
            sql.insert(self.conn, "progress_entries", [{
                "id": entry.id, "node_id": entry.node_id, "unit_id": unit_id, "round": entry.round,
                "status": entry.status, "text": entry.text, "reported_on": entry.reported_on,
                "saved_at": entry.saved_at, "file": entry.file, "user": entry.user or self.author.name,
                "office": entry.office or self.author.office, "recorded_at": recorded_now(),
            }])

    _PROGRESS_SELECT = """SELECT p.id, p.node_id, COALESCE(u.name, ''), p.round, p.status, p.text, p.reported_on,
               p.saved_at, p.file, p.user, p.office FROM progress_entries p LEFT JOIN units u ON u.id = p.unit_id"""

    def progress_history(self, node_id: str) -> list[ProgressEntry]:
        rows = self.conn.execute(
            f"{self._PROGRESS_SELECT} WHERE p.node_id = ? ORDER BY p.recorded_at, p.rowid", (node_id,)
        ).fetchall()
        return [ProgressEntry(*r) for r in rows]

    def plan_progress(self, plan_id: str) -> list[ProgressEntry]:
        """Every report recorded for the tasks of a plan, oldest first."""
        rows = self.conn.execute(
            f"""{self._PROGRESS_SELECT} JOIN nodes n ON n.id = p.node_id WHERE n.plan_id = ?
                ORDER BY p.recorded_at, p.rowid""", (plan_id,)
        ).fetchall()
        return [ProgressEntry(*r) for r in rows]

    # -- raw rows, for undo that restores the store exactly ------------------

    def rows_below(self, node_ids: list[str] | None = None, plan_id: str | None = None) -> dict[str, list[tuple]]:
        """The rows that deleting these subtrees (or the plan) takes with it by cascade: the plan's
        own row, progress reports, evidence records, manual score items, hand-downs, the 催办 that listed the tasks
        and their history; for a plan also its rounds, reminders and saved versions.  Put back by
        :meth:`put_rows`, in this order (a row before those that refer to it)."""
        rows: dict[str, list[tuple]] = {}
        if plan_id is not None:
            rows["plans"] = self.conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchall()
            ids = [r[0] for r in self.conn.execute("SELECT id FROM nodes WHERE plan_id = ?", (plan_id,))]
            rounds = "SELECT id FROM rounds WHERE plan_id = ?"
            for table, where in (("rounds", "plan_id = ?"), ("round_units", f"round_id IN ({rounds})"),
                                 ("reminders", f"round_id IN ({rounds})"),
                                 ("plan_snapshots", "plan_id = ?")):
                rows[table] = self.conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid",
                                                (plan_id,)).fetchall()
        else:
            ids = self.subtree_ids(node_ids or [])
        # these go with their tasks; manual score items lose their task (SET NULL)
        for table in ("progress_entries", "evidence_files", "score_adjustments", "handdowns", "reminder_tasks",
                      "history_entries"):
            rows[table] = [
                r for chunk in _chunks(ids)
                for r in self.conn.execute(
                    f"SELECT * FROM {table} WHERE node_id IN ({','.join('?' * len(chunk))}) ORDER BY rowid", chunk)
            ]
        if plan_id is not None:  # and go with their plan
            for table in ("score_adjustments", "history_entries"):
                rows[table] = self.conn.execute(
                    f"SELECT * FROM {table} WHERE plan_id = ? ORDER BY rowid", (plan_id,)).fetchall()
        return rows

    def put_rows(self, rows: dict[str, list[tuple]]) -> None:
        """Write rows taken by :meth:`rows_below` back as they were (a re-created plan row, or one
        a SET NULL kept, is overwritten)."""
        with self.transaction():
            for table, values in rows.items():
                columns = [c[1] for c in self.conn.execute(f"PRAGMA table_info({table})")]
                sets = ", ".join(f"{c} = ?" for c in columns)
                for row in values:
                    if columns[0] != "id" or self.conn.execute(
                            f"UPDATE {table} SET {sets} WHERE id = ?", (*row, row[0])).rowcount == 0:
                        self.conn.execute(f"INSERT INTO {table} VALUES ({','.join('?' * len(row))})", row)

    def subtree_ids(self, node_ids: list[str]) -> list[str]:
        """The nodes and all their descendants."""
        out: list[str] = []
        level = list(node_ids)
        while level:
            out.extend(level)
            level = [r[0] for chunk in _chunks(level) for r in self.conn.execute(
                f"SELECT id FROM nodes WHERE parent_id IN ({','.join('?' * len(chunk))})", chunk)]
        return out

    def unit_ids_now(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT id FROM units")}

    def drop_unused_units(self, unit_ids: set[str]) -> None:
        """Remove units (created by an edit being undone) that nothing refers to any more."""
        with self.transaction():
            for unit_id in unit_ids:
                self.conn.execute(
                    """DELETE FROM units WHERE id = ?
                       AND NOT EXISTS (SELECT 1 FROM node_units WHERE unit_id = units.id)
                       AND NOT EXISTS (SELECT 1 FROM progress_entries WHERE unit_id = units.id)
                       AND NOT EXISTS (SELECT 1 FROM score_adjustments WHERE unit_id = units.id)
                       AND NOT EXISTS (SELECT 1 FROM handdowns WHERE unit_id = units.id)
                       AND NOT EXISTS (SELECT 1 FROM history_entries WHERE unit_id = units.id)""", (unit_id,))

    def plan_position(self, plan_id: str) -> int:
        return self.conn.execute("SELECT position FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]

    def delete_progress(self, entry_ids: list[str]) -> None:
        """Remove progress entries (undoing a merge)."""
        with self.transaction():
            self.conn.executemany("DELETE FROM progress_entries WHERE id = ?", [(i,) for i in entry_ids])

    # -- hand-down (分解下达): which task went to which receiver -------------

    def record_handdown(self, receiver: str, node_ids: list[str], handed_on: str, file: str = "") -> None:
        """Tasks handed down to ``receiver`` (a unit, made when new) on ``handed_on`` (ISO date), in ``file``;
        handing the same task again to the same receiver updates the date and file."""
        with self.transaction():
            unit_id = self.unit_ids([receiver])[0]
            self.conn.executemany(
                "INSERT INTO handdowns (id, node_id, unit_id, handed_on, file) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (node_id, unit_id) DO UPDATE SET handed_on = excluded.handed_on, file = excluded.file",
                [(new_id(), node_id, unit_id, handed_on, file) for node_id in dict.fromkeys(node_ids)])

    def handdown_rows(self, plan_id: str) -> list[tuple]:
        """The plan's hand-down records as rows, for :meth:`put_handdown_rows` (undo)."""
        return self.conn.execute("SELECT h.* FROM handdowns h JOIN nodes n ON n.id = h.node_id WHERE n.plan_id = ? "
                                 "ORDER BY h.rowid", (plan_id,)).fetchall()

    def put_handdown_rows(self, plan_id: str, rows: list[tuple]) -> None:
        """The plan's hand-down records exactly as :meth:`handdown_rows` read them."""
        with self.transaction():
            self.conn.execute("DELETE FROM handdowns WHERE node_id IN (SELECT id FROM nodes WHERE plan_id = ?)",
                              (plan_id,))
            self.conn.executemany("INSERT INTO handdowns VALUES (?, ?, ?, ?, ?)", rows)

    def handdowns(self, plan_id: str) -> dict[str, list[str]]:
        """Node id → the receivers its task was handed down to, in the order they were."""
        out: dict[str, list[str]] = {}
        for node_id, name in self.conn.execute(
                """SELECT h.node_id, u.name FROM handdowns h JOIN nodes n ON n.id = h.node_id
                   JOIN units u ON u.id = h.unit_id WHERE n.plan_id = ? ORDER BY h.rowid""", (plan_id,)):
            out.setdefault(node_id, []).append(name)
        return out

    # -- manual score adjustments ----------------------------------------

    def add_adjustment(self, adjustment: ScoreAdjustment) -> None:
        if not adjustment.reason.strip():
            raise StoreError("加分或减分须写明理由。")
        with self.transaction():
            sql.insert(self.conn, "score_adjustments", [{
                "id": adjustment.id, "plan_id": adjustment.plan_id, "unit_id": self.unit_ids([adjustment.unit])[0],
                "node_id": adjustment.node_id, "points": adjustment.points, "reason": adjustment.reason,
                "user": adjustment.user, "on_date": adjustment.on_date,
            }])
            self._touch(adjustment.plan_id)

    def adjustments(self, plan_id: str) -> list[ScoreAdjustment]:
        rows = self.conn.execute(
            """SELECT a.id, a.plan_id, u.name, a.node_id, a.points, a.reason, a.user, a.on_date
               FROM score_adjustments a JOIN units u ON u.id = a.unit_id
               WHERE a.plan_id = ? ORDER BY a.on_date, a.recorded_at, a.rowid""",
            (plan_id,),
        ).fetchall()
        return [ScoreAdjustment(*r) for r in rows]

    def delete_adjustments(self, adjustment_ids: list[str]) -> None:
        with self.transaction():
            self.conn.executemany("DELETE FROM score_adjustments WHERE id = ?", [(i,) for i in adjustment_ids])

    # -- evidence files (佐证材料) ------------------------------------------

    @property
    def evidence_dir(self) -> Path:
        return self.path.parent / "evidence"

    def add_evidence(self, evidence: EvidenceFile) -> None:
        with self.transaction():
            sql.insert(self.conn, "evidence_files", [{f: getattr(evidence, f) for f in _EVIDENCE_COLUMNS}])

    def evidence_for(self, node_id: str) -> list[EvidenceFile]:
        rows = self.conn.execute(
            f"SELECT {', '.join(_EVIDENCE_COLUMNS)} FROM evidence_files WHERE node_id = ? ORDER BY added_on, rowid",
            (node_id,),
        ).fetchall()
        return [EvidenceFile(*r) for r in rows]

    def plan_evidence_hashes(self, plan_id: str) -> list[tuple[str, str]]:
        """(node id, sha256) of every evidence file recorded for the plan's tasks."""
        return self.conn.execute(
            "SELECT e.node_id, e.sha256 FROM evidence_files e JOIN nodes n ON n.id = e.node_id WHERE n.plan_id = ?",
            (plan_id,)).fetchall()

    def plan_evidence(self, plan_id: str) -> list[EvidenceFile]:
        """Every evidence file of the plan's tasks, in the tasks' order of adding."""
        rows = self.conn.execute(
            f"SELECT {', '.join('e.' + c for c in _EVIDENCE_COLUMNS)} FROM evidence_files e "
            "JOIN nodes n ON n.id = e.node_id WHERE n.plan_id = ? ORDER BY e.added_on, e.rowid", (plan_id,)).fetchall()
        return [EvidenceFile(*r) for r in rows]

    def delete_evidence(self, evidence_ids: list[str]) -> None:
        """Forget evidence records (the copies stay in the folder)."""
        with self.transaction():
            self.conn.executemany("DELETE FROM evidence_files WHERE id = ?", [(i,) for i in evidence_ids])

    def delete_plan(self, plan_id: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,))

    # -- snapshots (saved versions) ---------------------------------------

    def save_snapshot(self, plan: Plan, name: str, taken_on: str, snapshot_id: str | None = None) -> SnapshotSummary:
        """Record ``plan`` as it is now, with its ids, under ``name``."""
        summary = SnapshotSummary(snapshot_id or new_id(), plan.id, name, taken_on, plan.node_count())
        with self.transaction():
            sql.insert(self.conn, "plan_snapshots", [{
                "id": summary.id, "plan_id": plan.id, "name": name, "taken_on": taken_on,
                "node_count": summary.node_count, "data": json.dumps(plan_to_dict(plan), ensure_ascii=False),
            }])
        return summary

    def list_snapshots(self, plan_id: str) -> list[SnapshotSummary]:
        """The plan's snapshots, oldest first."""
        rows = self.conn.execute(
            "SELECT id, plan_id, name, taken_on, node_count FROM plan_snapshots WHERE plan_id = ? "
            "ORDER BY recorded_at, rowid", (plan_id,)).fetchall()
        return [SnapshotSummary(*row) for row in rows]

    def load_snapshot(self, snapshot_id: str) -> Plan:
        row = self.conn.execute("SELECT data FROM plan_snapshots WHERE id = ?", (snapshot_id,)).fetchone()
        if row is None:
            raise KeyError(snapshot_id)
        return plan_from_dict(json.loads(row[0]))

    def delete_snapshot(self, snapshot_id: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM plan_snapshots WHERE id = ?", (snapshot_id,))

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

    def _known_unit_id(self, name: str) -> str:
        row = self.conn.execute(
            "SELECT id FROM units WHERE name = ? UNION ALL "
            "SELECT u.id FROM units u, json_each(u.aliases) a WHERE a.value = ? LIMIT 1",
            (normalise_name(name), normalise_name(name)),
        ).fetchone()
        if row is None:
            raise StoreError(f"单位“{name}”不在单位名录中。")
        return row[0]

    def unit_names(self) -> set[str]:
        """Every name and alias in the unit directory."""
        names = set()
        for name, aliases in self.conn.execute("SELECT name, aliases FROM units"):
            names.add(name)
            names.update(json.loads(aliases))
        return names

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
            # reports, reminders and manual score items that name these units (a merge moves them)
            "refs": {table: self.conn.execute(f"SELECT {key}, unit_id FROM {table} WHERE unit_id IN ({marks})",
                                              unit_ids).fetchall() for table, key in _UNIT_REFS},
            "asked": self.conn.execute(f"SELECT * FROM round_units WHERE unit_id IN ({marks})", unit_ids).fetchall(),
            "handed": self.conn.execute(f"SELECT * FROM handdowns WHERE unit_id IN ({marks})", unit_ids).fetchall(),
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
            for table, rows in (("node_units", snapshot["roles"]), ("round_units", snapshot["asked"]),
                                ("handdowns", snapshot["handed"])):
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
            self.conn.execute("UPDATE OR IGNORE handdowns SET unit_id = ? WHERE unit_id = ?", (target_id, source_id))
            self.conn.execute("DELETE FROM handdowns WHERE unit_id = ?", (source_id,))  # handed to both
            self.conn.execute("DELETE FROM units WHERE id = ?", (source_id,))
            aliases = list(dict.fromkeys(target.aliases + [source.name] + source.aliases))
            aliases = [a for a in aliases if a != target.name]
            self.conn.execute("UPDATE units SET aliases = ? WHERE id = ?", (_dumps(aliases), target_id))

    def save_unit(self, unit: Unit) -> None:
        with self.transaction():
            row = _unit_row(unit)
            row["name"] = normalise_name(unit.name)
            sql.upsert(self.conn, "units", row)


# Rows that name a unit by id (table, key column), moved to the other unit when two are merged
# (evidence files name their task and progress entry, not a unit: they stay with the entry).
_UNIT_REFS = (("progress_entries", "id"), ("reminders", "id"), ("score_adjustments", "id"), ("history_entries", "id"))

_KIND_SUFFIXES = (
    (("公司", "集团", "企业"), UnitKind.ENTERPRISE),
    (("县", "区", "市人民政府", "县委", "区委"), UnitKind.COUNTY),
    (("科", "室", "处", "队", "中心", "所", "站"), UnitKind.INTERNAL),
    (("局", "委", "办", "厅", "院", "会", "部"), UnitKind.CITY_DEPARTMENT),
)


def _no_space(folder: Path) -> bool:
    """SQLite says "disk I/O error" when it cannot grow its -shm file on a full disk."""
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def _chunks(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _sqlite_words(exc: BaseException) -> str:
    """SQLite's reason in Chinese where we know it."""
    text = str(exc)
    for words, chinese in (("not a database", "文件不是数据库"), ("malformed", "数据库结构已损坏"),
                           ("unable to open", "无法打开"), ("readonly", "只读"), ("locked", "被占用"),
                           ("disk I/O", "磁盘读写错误"), ("disk is full", "磁盘空间不足")):
        if words in text:
            return chinese
    return "无法读取"


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


_EVIDENCE_COLUMNS = ("id", "node_id", "entry_id", "name", "path", "size", "sha256", "added_on")
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
