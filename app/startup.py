"""Opening the store the way both the GUI and the CLI do."""
from __future__ import annotations

from pathlib import Path

from models.demo import demo_plan
from models.paths import default_db_path
from models.store import Store


def open_store(db: str | Path | None = None) -> Store:
    """Open (or create) the store; a new store starts with the demo list."""
    store = Store(db or default_db_path())
    if store.created and not store.read_only:
        store.save_plan(demo_plan())
    return store
