"""`diff PLAN_A PLAN_B [--json] [--docx OUT] [--xlsx OUT]`: comparing two versions of a list."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import UserError, print_json
from app.commands.versions import load_plan_or_version

if TYPE_CHECKING:
    from models.plan_diff import PlanDiff
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="版本对照：两份清单之间新增、删除、修改和调整位置的任务")
    p.add_argument("plan_a", metavar="清单A", help="原版本：`list` 列出的序号、编号、完整标题，或 清单@版本名（已保存的版本）")
    p.add_argument("plan_b", metavar="清单B", help="修改后的版本，写法同上")
    p.add_argument("--json", action="store_true", help="以 JSON 输出各处变化")
    p.add_argument("--docx", type=Path, metavar="输出", help="把修订对照表写成 Word 文件（.docx）")
    p.add_argument("--xlsx", type=Path, metavar="输出", help="把修订对照表写成 Excel 文件（.xlsx）")
    p.set_defaults(run=cmd_diff)


def cmd_diff(store: Store, args: argparse.Namespace) -> None:
    from models.plan_diff import KIND_LABELS, diff_plans
    from models.revision_notes import revision_rows

    diff = diff_plans(load_plan_or_version(store, args.plan_a), load_plan_or_version(store, args.plan_b))
    written = [_write(diff, out, writer) for out, writer in
               ((args.docx, "write_revision_docx"), (args.xlsx, "write_revision_xlsx")) if out is not None]
    if args.json:
        from exporters.plan_json import diff_to_json

        print_json(diff_to_json(diff))
        return
    if written:
        print(*written, sep="\n")
        return
    numbers_a, numbers_b = diff.numbers
    for row in revision_rows(diff):
        node = row.change.b or row.change.a
        number = (numbers_b if row.change.b else numbers_a)[node.id]
        print(f"{KIND_LABELS[row.change.kind]}\t{number}{node.text[:30]}\t{row.note}")
    counts = diff.counts()
    print("，".join(f"{label}{counts[kind]}项" for kind, label in KIND_LABELS.items()))


def _write(diff: PlanDiff, out: Path, writer: str) -> Path:
    import exporters.revision_table as revision_table

    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出文件名")
    try:
        return getattr(revision_table, writer)(diff, out)
    except OSError as exc:
        raise UserError(f"{out}：无法写入（{exc.strerror or exc}）") from None
