"""Writing an import into the store: all of it in one transaction, or nothing.

A backup of the store is taken first (``backups/…import.sqlite``).  Plans are
saved as new plans, or their top-level nodes are inserted under a chosen node
of an existing plan.  ``cancel`` is asked between plans; cancelling (or any
error) rolls the whole import back.
"""
from __future__ import annotations

from collections.abc import Callable

from importers.result import ImportCancelled, ImportResult
from models.domain import Plan
from models.store import Store


def save_import(store: Store, result: ImportResult, plans: list[Plan] | None = None, *,
                into: tuple[str, str | None, int] | None = None,
                cancel: Callable[[], bool] | None = None) -> list[str]:
    """Save ``plans`` (default: all of the result); returns the ids of the plans written to.

    ``into``: (plan id, parent node id or None for the top level, position) to insert the
    imported trees into an existing plan instead of saving new plans.
    """
    plans = list(result.plans if plans is None else plans)
    if not plans:
        return []
    store.backup("import")
    written: list[str] = []
    with store.transaction():
        position = into[2] if into else 0
        for plan in plans:
            if cancel is not None and cancel():
                raise ImportCancelled()
            if into is None:
                store.save_plan(plan)
                written.append(plan.id)
            else:
                store.insert_subtrees(into[0], into[1], position, plan.roots)
                position += len(plan.roots)
                written = [into[0]]
    return written
