"""`handdown PLAN --unit U… [--node ID…] [--json]`: hand a plan down inside this store.

The same derived plans as ``export PLAN --handdown DIR`` writes to files (:mod:`models.handdown`),
saved here as new plans, for a receiver that works in the same installation; what went to whom is
recorded on the source plan.  All of it in one transaction.
"""
from __future__ import annotations

import argparse
from datetime import date

from typing import TYPE_CHECKING

from app.commands.common import UserError, plan_id, print_json

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("handdown", help="分解下达：在本数据文件中为承接单位生成关联的清单")
    p.add_argument("plan", metavar="清单", help="清单：`list` 列出的序号、编号或完整标题")
    p.add_argument("--unit", action="append", required=True, metavar="单位", help="承接单位（可重复）")
    p.add_argument("--node", action="append", metavar="编号", help="只下达这一任务及其下级（可重复）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出生成的清单")
    p.set_defaults(run=cmd_handdown)


def cmd_handdown(store: Store, args: argparse.Namespace) -> None:
    from models.handdown import HanddownError, derive_plan, handed_ids

    plan = store.load_plan(plan_id(store, args.plan))
    try:
        made = [(r, derive_plan(plan, r, args.node), handed_ids(plan, r, args.node)) for r in args.unit]
    except HanddownError as exc:
        raise UserError(str(exc)) from exc
    with store.transaction():
        for receiver, derived, handed in made:
            store.save_plan(derived)
            store.record_handdown(receiver, handed, date.today().isoformat())
    if args.json:
        print_json({"plans": [{"id": d.id, "title": d.title, "receiver": r, "tasks": len(h)} for r, d, h in made]})
        return
    for receiver, derived, handed in made:
        print(f"已下达 {len(handed)} 项给{receiver}：{derived.title}")
