"""`versions PLAN [--save NAME [--date D] | --restore NAME] [--json]`: saved versions of a plan
(印发稿, 修订稿); `PLAN@NAME` names one wherever a command takes a plan to read (`diff`)."""
from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from app.commands.common import UserError, plan_id, print_json

if TYPE_CHECKING:
    from models.domain import Plan
    from models.store import SnapshotSummary, Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("versions", help="清单的已保存版本：列出、保存当前版本、把某一版本恢复为新清单")
    p.add_argument("plan", metavar="清单", help="清单：`list` 列出的序号、编号或完整标题")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--save", metavar="名称", help="以此名称保存清单当前的样子（如 印发稿、修订稿）")
    what.add_argument("--restore", metavar="名称", help="把此版本复制为一份新清单")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="与 --save 同用：版本日期（默认今天）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=cmd_versions)


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD 格式的日期，而不是“{text}”") from None


def find_version(store: Store, plan: str, name: str) -> SnapshotSummary:
    """The latest version of the plan called ``name`` (or the ``name``-th, or with that id)."""
    versions = store.list_snapshots(plan)
    if name.isdigit() and 1 <= int(name) <= len(versions):
        return versions[int(name) - 1]
    found = [v for v in versions if name in (v.name, v.id)]
    if not found:
        known = "、".join(v.name for v in versions) or "没有已保存的版本"
        raise UserError(f"{store.path}：清单没有版本“{name}”（{known}）")
    return found[-1]


def load_plan_or_version(store: Store, ref: str) -> Plan:
    """``PLAN`` or ``PLAN@NAME`` (a saved version of PLAN); a plan whose title has an @ still
    goes by its title."""
    whole = store.resolve_plan(ref)
    if whole is not None or "@" not in ref:
        return store.load_plan(plan_id(store, ref))
    ref_plan, _, name = ref.rpartition("@")
    return store.load_snapshot(find_version(store, plan_id(store, ref_plan), name).id)


def cmd_versions(store: Store, args: argparse.Namespace) -> None:
    found = plan_id(store, args.plan)
    if args.save:
        saved = store.save_snapshot(store.load_plan(found), args.save, args.date or date.today().isoformat())
        _print(args, [saved])
    elif args.restore:
        from models.snapshots import restored_plan

        version = find_version(store, found, args.restore)
        plan = restored_plan(store.load_snapshot(version.id), version)
        store.save_plan(plan)
        summary = store.resolve_plan(plan.id)
        if args.json:
            print_json({"index": summary.index, "id": plan.id, "title": plan.title})
        else:
            print(f"{summary.index}\t{plan.id}\t{plan.title}")
    else:
        _print(args, store.list_snapshots(found))


def _print(args: argparse.Namespace, versions: list[SnapshotSummary]) -> None:
    if args.json:
        print_json({"versions": [{"index": i, "id": v.id, "name": v.name, "date": v.taken_on, "nodes": v.node_count}
                                 for i, v in enumerate(versions, 1)]})
        return
    for i, v in enumerate(versions, 1):
        print(f"{i}\t{v.name}\t{v.taken_on}\t{v.node_count}")
