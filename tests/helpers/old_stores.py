"""Stores as an older version of the schema left them, for the migration tests."""
import sqlite3
from pathlib import Path

from models import schema

# one plan with one task led by one unit, the rows every version-2 test starts from
ONE_TASK = """
    INSERT INTO plans (id, position, title) VALUES ('p1', 1, '旧清单');
    INSERT INTO units (id, name) VALUES ('u1', '市财政局');
    INSERT INTO nodes (id, plan_id, position, text) VALUES ('n1', 'p1', 0, '旧任务');
    INSERT INTO node_units VALUES ('n1', 'u1', 'lead', 0);
"""


def version_2_store(path: Path, rows: str) -> Path:
    """A store file at schema version 2 holding ``rows`` (SQL statements)."""
    conn = sqlite3.connect(path)
    try:
        schema.migrate(conn, target=2)
        conn.executescript(rows)
    finally:
        conn.close()
    return path
