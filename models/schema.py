"""The store's schema as forward migrations, versioned by ``PRAGMA user_version``.

Each entry of :data:`MIGRATIONS` takes the database from version ``i`` to
``i + 1``.  Never edit a released step: add a new one.
"""
from __future__ import annotations

import re
import sqlite3

_V1 = """
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    doc_number TEXT NOT NULL DEFAULT '',
    date TEXT,
    recipients TEXT NOT NULL DEFAULT '',
    cc TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    level_names TEXT NOT NULL DEFAULT '[]',
    columns TEXT NOT NULL DEFAULT '[]',
    numbering TEXT NOT NULL DEFAULT 'continuous',
    tag_legend TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL DEFAULT '其他',
    sort_key INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES nodes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    leader TEXT NOT NULL DEFAULT '',
    deadline TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT '未启动',
    progress TEXT NOT NULL DEFAULT ''
);
CREATE INDEX nodes_by_plan ON nodes(plan_id, parent_id, position);
CREATE INDEX nodes_by_parent ON nodes(parent_id);
CREATE TABLE node_units (
    node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES units(id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
    position INTEGER NOT NULL,
    PRIMARY KEY (node_id, role, unit_id)
);
CREATE INDEX node_units_by_unit ON node_units(unit_id);
"""

# Version 2: dated progress reports per task (round, unit, status, text),
# the history that returned department sheets add to.
_V2 = """
CREATE TABLE progress_entries (
    id TEXT PRIMARY KEY,
    node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    unit_id TEXT REFERENCES units(id),
    round TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    reported_on TEXT,
    recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX progress_by_node ON progress_entries(node_id, recorded_at);
"""

# Version 3: when the department saved the file a progress report came in
# (the file's own save time), so that an older file does not overwrite a newer report.
_V3 = """
ALTER TABLE progress_entries ADD COLUMN saved_at TEXT;
"""

# Version 4: named snapshots of a plan (印发稿, 修订稿): the whole plan as JSON with its ids,
# so that a snapshot compares with the plan by stable id (models.plan_diff).
_SNAPSHOTS = """
CREATE TABLE plan_snapshots (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    taken_on TEXT NOT NULL,
    node_count INTEGER NOT NULL,
    data TEXT NOT NULL,
    recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX snapshots_by_plan ON plan_snapshots(plan_id, recorded_at);
"""


# Version 5, rounds (填报轮次): a plan's reporting rounds, the units asked to report in each
# (with when and in which file their sheet was sent), and the reminders (催办) sent
# to a unit, with the tasks each listed.  A closed round keeps its status as
# it stood (``frozen``, JSON).  Unit references are checked at commit, so that a
# unit merge or its undo may move them within one transaction.
_ROUNDS = """
CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    due TEXT,
    closed_on TEXT,
    frozen TEXT,
    UNIQUE (plan_id, name)
);
CREATE TABLE round_units (
    round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    sent_on TEXT,
    sent_file TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, unit_id)
);
CREATE TABLE reminders (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    number INTEGER NOT NULL,
    sent_on TEXT NOT NULL,
    file TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX reminders_by_round ON reminders(round_id, unit_id);
CREATE TABLE reminder_tasks (
    reminder_id TEXT NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (reminder_id, node_id)
);
CREATE INDEX reminder_tasks_by_node ON reminder_tasks(node_id);
"""


# Version 6: assessment (目标考核): the 分值 / 权重 / 评分标准 columns of tasks, a plan's scoring rules
# (JSON, empty for the defaults), the manual 加分/减分 entered with a reason and a user, and the
# evidence files (佐证材料) of tasks and progress entries, kept in evidence/ beside the store.
_ASSESSMENT = """
ALTER TABLE nodes ADD COLUMN points TEXT NOT NULL DEFAULT '';
ALTER TABLE nodes ADD COLUMN weight TEXT NOT NULL DEFAULT '';
ALTER TABLE nodes ADD COLUMN criteria TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN scoring TEXT NOT NULL DEFAULT '{}';
CREATE TABLE score_adjustments (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES units(id),
    node_id TEXT REFERENCES nodes(id) ON DELETE SET NULL,
    points REAL NOT NULL,
    reason TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    on_date TEXT NOT NULL,
    recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX score_adjustments_by_plan ON score_adjustments(plan_id);
CREATE TABLE evidence_files (
    id TEXT PRIMARY KEY,
    node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    entry_id TEXT REFERENCES progress_entries(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    added_on TEXT NOT NULL
);
CREATE INDEX evidence_by_node ON evidence_files(node_id)
"""


# Version 7: numbers as printed: the level a task's number prints in where the list skips one
# (一、 straight to 1.; NULL: one below its parent's), the number a count starts from where it is not
# 1, and where each style starts again from 1 in a plan numbered continuously (JSON, models.numbering).
_NUMBER_STYLE = """
ALTER TABLE nodes ADD COLUMN number_style INTEGER;
ALTER TABLE nodes ADD COLUMN number_from INTEGER;
ALTER TABLE plans ADD COLUMN number_scopes TEXT NOT NULL DEFAULT '{}'
"""


# Version 8, hand-down (分解下达): a derived plan's task keeps its source at each level above (``sources``, JSON
# list of models.domain.SourceLink, nearest first); the source side records which task was handed
# down to which receiver (a unit: county, district, department), when and in which file.
_HANDDOWN = """
ALTER TABLE nodes ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
CREATE TABLE handdowns (
    id TEXT PRIMARY KEY,
    node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    handed_on TEXT NOT NULL,
    file TEXT NOT NULL DEFAULT '',
    UNIQUE (node_id, unit_id)
);
CREATE INDEX handdowns_by_unit ON handdowns(unit_id)
"""


# Version 9, history (留痕): who recorded what.  Progress reports and 催办 keep the user (姓名, 科室)
# who recorded them, a report also the name of the file it came in (the round's 已报送 file); the
# events with no record of their own (a status set in the editor, a round opened, closed or reopened,
# a merge's changes to a task) are history_entries of the plan, of one task when node_id is set.
_HISTORY = """
ALTER TABLE progress_entries ADD COLUMN file TEXT NOT NULL DEFAULT '';
ALTER TABLE progress_entries ADD COLUMN user TEXT NOT NULL DEFAULT '';
ALTER TABLE progress_entries ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN user TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN office TEXT NOT NULL DEFAULT '';
CREATE TABLE history_entries (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    node_id TEXT REFERENCES nodes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    round TEXT NOT NULL DEFAULT '',
    unit_id TEXT REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    text TEXT NOT NULL DEFAULT '',
    on_date TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    office TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX history_by_node ON history_entries(node_id);
CREATE INDEX history_by_plan ON history_entries(plan_id)
"""


MIGRATIONS: list[str] = [_V1, _V2, _V3, _SNAPSHOTS, _ROUNDS, _ASSESSMENT, _NUMBER_STYLE, _HANDDOWN, _HISTORY]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def application_id(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA application_id").fetchone()[0]


def tables(target: int) -> set[str]:
    """The tables a store at version ``target`` has."""
    return {m.group(1) for step in MIGRATIONS[:target]
            for m in re.finditer(r"CREATE TABLE (\w+)", step)}


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> None:
    """Apply the missing steps up to ``target``, each in its own transaction."""
    current = version(conn)
    for step in range(current, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
