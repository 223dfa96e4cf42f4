"""`list`, `show` and `units`: reading the store."""
from __future__ import annotations

import argparse
import sys

from typing import TYPE_CHECKING

from app.commands.common import plan_id, print_json

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="plans: index, id, title, node count")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_list)
    p = sub.add_parser("show", help="a plan's tree as numbered text or JSON")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_show)
    p = sub.add_parser("units", help="the unit directory with usage counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_units)


def cmd_list(store: Store, args: argparse.Namespace) -> None:
    plans = store.list_plans()
    if args.json:
        print_json({"plans": [
            {"index": p.index, "id": p.id, "title": p.title, "nodes": p.node_count} for p in plans
        ]})
        return
    for p in plans:
        print(f"{p.index}\t{p.id}\t{p.title}\t{p.node_count}")


def cmd_show(store: Store, args: argparse.Namespace) -> None:
    from exporters.outline_text import plan_to_outline
    from exporters.plan_json import document, warning
    from models.deadlines import parse_deadline

    plan = store.load_plan(plan_id(store, args.plan))
    if not args.json:
        sys.stdout.write(plan_to_outline(plan))
        return
    warnings = []
    for node, _ in plan.walk():
        if node.deadline and parse_deadline(node.deadline).kind == "unparsed":
            warnings.append(warning(plan.id, node.id, "deadline-unparsed",
                                    f"无法识别的完成时限：{node.deadline}"))
    print_json(document([plan], warnings))


def cmd_units(store: Store, args: argparse.Namespace) -> None:
    usage = store.unit_usage()
    if args.json:
        print_json({"units": [
            {"id": u.unit.id, "name": u.unit.name, "short_name": u.unit.short_name,
             "aliases": u.unit.aliases, "kind": u.unit.kind.value,
             "lead": u.as_lead, "responsible": u.as_responsible} for u in usage
        ]})
        return
    for u in usage:
        print(f"{u.unit.name}\t{u.unit.kind.value}\t牵头 {u.as_lead}\t责任 {u.as_responsible}")
