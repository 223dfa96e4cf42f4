"""`remind PLAN --round NAME --docx OUT | --pdf OUT [--one-letter] [--unit U]…`: 催办通知 to the units
behind in a round.

Writes a letter per unit (default: every asked unit that has not fully reported or has overdue
tasks), or one letter to them all with their tasks as its 附件 (``--one-letter``), as .docx and/or
PDF (the app's own PDF writer, as ``export --pdf``), and records each unit's reminder as a dated
催办 in the history of the tasks it lists, so that the next one reads 第二次催办.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError, iso_date, plan_id

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remind", help="向本轮未报送（或任务逾期）的单位发催办通知（.docx / PDF）")
    p.add_argument("plan", metavar="清单", help="`list` 中的序号、编号或完整标题")
    p.add_argument("--round", required=True, metavar="轮次", help="报送轮次")
    p.add_argument("--docx", type=Path, metavar="输出", help="催办通知（.docx）")
    p.add_argument("--pdf", type=Path, metavar="输出", help="催办通知的 PDF（不需要办公软件）")
    p.add_argument("--one-letter", action="store_true",
                   help="只发一份通知，主送各单位，各单位未报送的任务列为附件（默认每个单位一份）")
    p.add_argument("--unit", action="append", metavar="单位", help="只催办该单位（可重复）")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="成文日期（默认今天）")
    p.add_argument("--doc-number", default="", metavar="文号", help="发文字号（可不填）")
    p.add_argument("--contact", default="", metavar="姓名", help="联系人")
    p.add_argument("--phone", default="", metavar="电话", help="联系电话")
    p.add_argument("--no-record", action="store_true", help="只写文件，不记为已催办")
    p.set_defaults(run=cmd_remind, parser=p)


def _check_target(path: Path | None, suffix: str) -> None:
    if path is None:
        return
    if path.is_dir():
        raise UserError(f"{path}：是一个文件夹，请给出 {suffix} 文件名")
    if not path.parent.is_dir():
        raise UserError(f"{path}：文件夹 {path.parent} 不存在")


def _write(plan, written, args, options) -> list[Path]:
    out = []
    try:
        if args.docx:
            from exporters.docx_reminder import write_reminders  # python-docx: only now

            out.append(write_reminders(plan, written, args.docx, options))
        if args.pdf:
            from app.commands.export_pdf import ensure_gui_application

            ensure_gui_application()
            from exporters.reminder_pdf import write_reminders_pdf

            result = write_reminders_pdf(plan, written, args.pdf, options)
            if result.fonts.stand_ins:
                print(f"dutymatrix: {args.pdf}：{result.fonts.describe()}", file=sys.stderr)
            out.append(result.path)
    except OSError as exc:
        raise UserError(f"{exc.filename or args.docx or args.pdf}：无法写入（{exc.strerror or exc}）") from None
    return out


def cmd_remind(store: Store, args: argparse.Namespace) -> None:
    from exporters.reminder_text import ReminderOptions
    from models.reminders import letters
    from models.round_store import RoundBook, RoundError

    if args.docx is None and args.pdf is None:
        args.parser.error("请给出 --docx 输出文件或 --pdf 输出文件（也可两者都给）")  # wrong usage: exit 2
    _check_target(args.docx, ".docx")
    _check_target(args.pdf, ".pdf")
    book = RoundBook(store)
    pid = plan_id(store, args.plan)
    chosen = book.find(pid, args.round)
    on = args.date or date.today()
    status = book.status(chosen, on)
    asked = [u.unit for u in status.units]
    unknown = [u for u in args.unit or [] if u not in asked]
    if unknown:
        raise RoundError(f"报送轮次“{chosen.name}”没有要求这些单位报送：{'、'.join(unknown)}")
    plan = store.load_plan(pid)
    units = args.unit or asked
    written = letters(plan, status, {u: book.reported_tasks(chosen, u) for u in units},
                      {u: book.next_reminder(chosen, u) for u in units}, on, args.unit)
    if not written:
        print(f"报送轮次“{chosen.name}”：没有需要催办的单位。")
        return
    options = ReminderOptions(on, args.doc_number, args.contact, args.phone, one_letter=args.one_letter)
    paths = _write(plan, written, args, options)
    if not args.no_record:
        with store.transaction():
            for letter in written:
                book.record_reminder(chosen, letter.unit, [t.node_id for t in letter.tasks], on, paths[0].name)
    for path in paths:
        print(path)
    for letter in written:
        print(f"{letter.unit}\t{letter.ordinal or '第一次'}催办\t{len(letter.tasks)} 项")
