"""`remind PLAN --round NAME --docx OUT [--unit U]…`: 催办通知 to the units behind in a round.

Writes one .docx with a letter per unit (default: every asked unit that has not
fully reported or has overdue tasks) and records each as a dated 催办 in the
history of the tasks it lists, so that the next one reads 第二次催办.
"""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError, iso_date, plan_id

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remind", help="向本轮未报送（或任务逾期）的单位发催办通知（.docx）")
    p.add_argument("plan", metavar="清单", help="`list` 中的序号、编号或完整标题")
    p.add_argument("--round", required=True, metavar="轮次", help="报送轮次")
    p.add_argument("--docx", required=True, type=Path, metavar="输出", help="催办通知，每个单位一份（.docx）")
    p.add_argument("--unit", action="append", metavar="单位", help="只催办该单位（可重复）")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="成文日期（默认今天）")
    p.add_argument("--doc-number", default="", metavar="文号", help="发文字号（可不填）")
    p.add_argument("--contact", default="", metavar="姓名", help="联系人")
    p.add_argument("--phone", default="", metavar="电话", help="联系电话")
    p.add_argument("--no-record", action="store_true", help="只写文件，不记为已催办")
    p.set_defaults(run=cmd_remind)


def cmd_remind(store: Store, args: argparse.Namespace) -> None:
    from exporters.docx_reminder import ReminderOptions, write_reminders  # python-docx: only now
    from models.reminders import letters
    from models.round_store import RoundBook, RoundError

    book = RoundBook(store)
    pid = plan_id(store, args.plan)
    chosen = book.find(pid, args.round)
    on = args.date or date.today()
    status = book.status(chosen, on)
    asked = [u.unit for u in status.units]
    unknown = [u for u in args.unit or [] if u not in asked]
    if unknown:
        raise RoundError(f"报送轮次“{chosen.name}”没有要求这些单位报送：{'、'.join(unknown)}")
    if args.docx.is_dir():
        raise UserError(f"{args.docx}：是一个文件夹，请给出 .docx 文件名")
    plan = store.load_plan(pid)
    units = args.unit or asked
    written = letters(plan, status, {u: book.reported_tasks(chosen, u) for u in units},
                      {u: book.next_reminder(chosen, u) for u in units}, on, args.unit)
    if not written:
        print(f"报送轮次“{chosen.name}”：没有需要催办的单位。")
        return
    options = ReminderOptions(on, args.doc_number, args.contact, args.phone)
    try:
        write_reminders(plan, written, args.docx, options)
    except OSError as exc:
        raise UserError(f"{args.docx}：无法写入（{exc.strerror or exc}）") from None
    if not args.no_record:
        with store.transaction():
            for letter in written:
                book.record_reminder(chosen, letter.unit, [t.node_id for t in letter.tasks], on, args.docx.name)
    print(args.docx)
    for letter in written:
        print(f"{letter.unit}\t{letter.ordinal or '第一次'}催办\t{len(letter.tasks)} 项")
