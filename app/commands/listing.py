"""`list`, `show` and `units`: reading the store."""
from __future__ import annotations

import argparse
import sys

from typing import TYPE_CHECKING

from app.commands.common import plan_id, print_json

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="列出清单：序号、编号、标题、条目数")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=cmd_list)
    p = sub.add_parser("show", help="显示清单的编号文本或 JSON")
    p.add_argument("plan", metavar="清单", help="清单：`list` 列出的序号、编号或完整标题")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=cmd_show)
    p = sub.add_parser("units", help="单位目录及各单位承担的任务数")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
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
    from app.settings import Settings
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
    print_json(document([plan], warnings, soon_days=Settings().warn_days))  # the window's warning period


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
