"""Helpers shared by the subcommands."""
from __future__ import annotations

import json

from models.errors import UserError
from models.store import Store

__all__ = ["UserError", "plan_id", "print_json"]




def plan_id(store: Store, ref: str | None) -> str | None:
    """The id of the plan a user named by index, id or exact title."""
    if ref is None:
        return None
    found = store.resolve_plan(ref)
    if found is None:
        raise UserError(f"{store.path}：没有清单“{ref}”（用 `dutymatrix list` 查看序号）")
    return found.id


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
