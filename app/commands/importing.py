"""`import`: read a Word, Excel or text file into new plans (see shared/spec/cli.md)."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError, print_json

if TYPE_CHECKING:
    from models.store import Store

_PARTS = {"body": "正文任务", "table": "附件表格"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="把 .docx、.xlsx、.txt 或 .md 文件导入为新清单")
    p.add_argument("file", metavar="文件", type=Path)
    p.add_argument("--part", choices=["body", "table", "all"], default="all",
                   help="正文任务、附件表格，或两者（默认）")
    p.add_argument("--all-items", action="store_true",
                   help="同时导入没有标注责任单位的编号段落（如只列任务的工作要点，单位导入后再分配）")
    p.add_argument("--dry-run", action="store_true", help="只读取并报告，不写入")
    p.add_argument("--max-tasks", type=_limit, metavar="N",
                   help="任务超过 N 项的文件不导入（默认：导入程序的上限 50000；0：不设上限）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出清单和提示")
    p.set_defaults(run=cmd_import)


def _limit(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}")
    return int(text)


def cmd_import(store: Store, args: argparse.Namespace) -> None:
    from exporters.plan_json import document
    from importers import UnsafeFileError, import_file  # the readers (python-docx, openpyxl): only now
    from importers.guard import DEFAULT_MAX_TASKS
    from importers.into_store import save_import
    from importers.result import KIND_NAMES
    from models.units import UnitDirectory

    try:
        limit = DEFAULT_MAX_TASKS if args.max_tasks is None else (args.max_tasks or None)
        result = import_file(args.file, args.part, UnitDirectory(store.list_units()), max_tasks=limit,
                             include_unannotated=args.all_items)
    except UnsafeFileError as exc:
        raise UserError(str(exc)) from None
    plans = [p for p in result.plans if p.roots]  # a sheet with no table read (说明) is no plan; its warning stays
    if not plans:
        what = {"body": "正文中", "table": "表格中", "all": ""}[args.part]
        hint = "" if args.all_items else "若清单只列任务、不标注单位，可加 --all-items 导入编号段落。"
        raise UserError(f"{args.file}：{what}没有找到带责任单位的任务，未导入任何内容。{hint}")
    if not args.dry_run:
        save_import(store, result, plans)
    if args.json:
        kept = {p.id for p in plans}
        warnings = [{**w.as_json(), "plan": w.plan if w.plan in kept else None} for w in result.warnings]
        print_json(document(plans, warnings))
        return
    head = "试运行（--dry-run），未写入" if args.dry_run else "已导入"
    print(f"{head} {len(plans)} 份清单：{args.file}")
    for i, plan in enumerate(plans, 1):
        tasks = len(result.task_nodes(plan))
        meta = " · ".join(x for x in (plan.doc_number, plan.issuer, plan.date or "") if x)
        print(f"  {i}. {plan.title}［{_PARTS[result.parts[plan.id]]}］{tasks} 项任务，{plan.node_count()} 个节点"
              + (f"　{meta}" if meta else ""))
    if result.warnings:
        counts = Counter(w.kind for w in result.warnings)
        print("需要核对：" + "，".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in counts.items()))
        for w in result.warnings:
            print(f"  [{KIND_NAMES.get(w.kind, w.kind)}] {w.message}")
