"""`check PLAN`: the list check (清单体检)."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.commands.common import plan_id, print_json

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="清单体检：列出问题及其所在条目")
    p.add_argument("plan", metavar="清单", help="清单：`list` 列出的序号、编号或完整标题")
    p.add_argument("--single-lead", action="store_true", help="标出牵头单位多于一个的任务")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=cmd_check)


def cmd_check(store: Store, args: argparse.Namespace) -> None:
    from models.list_check import check_plan

    plan = store.load_plan(plan_id(store, args.plan))
    findings = check_plan(plan, store.list_units(), single_lead=args.single_lead)
    if args.json:
        print_json({"plan": plan.id, "findings": [f.to_json() for f in findings]})
        return
    if not findings:
        print(f"{plan.title}：未发现问题。")
        return
    print(f"{plan.title}：{len(findings)} 处需要复核")
    for f in findings:
        print(f"{f.number or '—'}\t{f.message}")
