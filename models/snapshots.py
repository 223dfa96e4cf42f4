"""What a restored version becomes: a new plan (the store keys nodes by id, so new ids) named
after the version."""
from __future__ import annotations

from models.domain import Plan
from models.store import SnapshotSummary


def restored_plan(snapshot: Plan, version: SnapshotSummary) -> Plan:
    return snapshot.duplicate(f"{snapshot.title}（{version.name} {version.taken_on}）")
