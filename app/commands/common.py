"""Helpers shared by the subcommands."""
from __future__ import annotations

import argparse
import json
from datetime import date

from models.errors import UserError
from models.store import Store

__all__ = ["UserError", "iso_date", "plan_id", "print_json"]


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


def iso_date(text: str) -> date:
    """An option's YYYY-MM-DD date (argparse type)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD，如 2024-06-30，而不是“{text}”") from None
