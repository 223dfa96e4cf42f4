"""The whole content of a store, to compare before and after an undo."""
import sqlite3


def whole_store(store) -> list[str]:
    """Every row of every table (``iterdump()``), in no particular order; only the time of the
    last change (plans.updated_at, which an undo sets too) left out."""
    copy = sqlite3.connect(":memory:")
    store.conn.backup(copy)
    copy.execute("UPDATE plans SET updated_at = ''")
    lines = sorted(copy.iterdump())
    copy.close()
    return lines
