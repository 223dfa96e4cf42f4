"""The few helpers the store needs over the standard :mod:`sqlite3`.

Nested transactions as SAVEPOINTs, and inserts and upserts of rows given as
dicts (column → value).  Table and column names come from our own code,
never from a file or a user; values are always bound parameters.
"""
from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import count

_savepoints = count(1)


@contextlib.contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """Everything inside commits together or not at all; nested blocks roll back on their own."""
    if conn.in_transaction:
        name = f"sp_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # an error may have ended the whole transaction already
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
    else:
        conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


def insert(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, object]]) -> None:
    """Insert rows that share their columns (those of the first row)."""
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [[row[c] for c in columns] for row in rows],
    )


def upsert(conn: sqlite3.Connection, table: str, row: Mapping[str, object], pk: str = "id") -> None:
    """Insert a row, or update the given columns of the row with the same key (others are kept)."""
    columns = list(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != pk)
    conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT({pk}) DO UPDATE SET {updates}",
        [row[c] for c in columns],
    )


def query(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[dict]:
    """Rows as dicts (column name → value)."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
