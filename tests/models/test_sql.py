"""The SAVEPOINT transactions and row helpers the store uses, on a real SQLite file."""
from __future__ import annotations

import sqlite3

import pytest

from models import sql


@pytest.fixture
def conn(tmp_path):
    conn = sqlite3.connect(str(tmp_path / "t.sqlite"))
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b TEXT NOT NULL DEFAULT 'kept')")
    conn.commit()
    yield conn
    conn.close()


def rows(conn) -> list[tuple]:
    return conn.execute("SELECT id, a, b FROM t ORDER BY id").fetchall()


def test_atomic_commits_or_rolls_back_everything(conn, tmp_path):
    with sql.atomic(conn):
        sql.insert(conn, "t", [{"id": "1", "a": "x"}, {"id": "2", "a": "y"}])
    with pytest.raises(RuntimeError), sql.atomic(conn):
        sql.insert(conn, "t", [{"id": "3", "a": "z"}])
        raise RuntimeError
    other = sqlite3.connect(str(tmp_path / "t.sqlite"))  # what another connection sees: committed rows only
    assert other.execute("SELECT id FROM t ORDER BY id").fetchall() == [("1",), ("2",)]
    other.close()


def test_a_failed_inner_block_undoes_only_itself(conn):
    with sql.atomic(conn):
        sql.insert(conn, "t", [{"id": "1", "a": "outer"}])
        with pytest.raises(sqlite3.IntegrityError), sql.atomic(conn):
            sql.insert(conn, "t", [{"id": "2", "a": "inner"}])
            sql.insert(conn, "t", [{"id": "1", "a": "duplicate"}])
    assert rows(conn) == [("1", "outer", "kept")]
    assert not conn.in_transaction


def test_upsert_updates_only_the_given_columns(conn):
    with sql.atomic(conn):
        sql.insert(conn, "t", [{"id": "1", "a": "x", "b": "own"}])
        sql.upsert(conn, "t", {"id": "1", "a": "changed"})
        sql.upsert(conn, "t", {"id": "2", "a": "new"})
        sql.insert(conn, "t", [])
    assert rows(conn) == [("1", "changed", "own"), ("2", "new", "kept")]
    assert sql.query(conn, "SELECT id, a FROM t WHERE id = ?", ["2"]) == [{"id": "2", "a": "new"}]
