"""`round PLAN open|list|status|close|reopen`: reporting rounds (填报轮次) and who has returned."""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import iso_date, plan_id, print_json

if TYPE_CHECKING:
    from models.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("round", help="报送轮次：开启、列出、回收情况、结束、重新开启")
    p.add_argument("plan", metavar="清单", help="`list` 中的序号、编号或完整标题")
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    a = actions.add_parser("open", help="开启一个报送轮次，要求各单位在截止日期前报送")
    a.add_argument("name", metavar="轮次", help="如 2024年第二季度、5月调度")
    a.add_argument("--due", type=iso_date, required=True, metavar="YYYY-MM-DD", help="报送截止日期")
    a.add_argument("--unit", action="append", metavar="单位",
                   help="要求报送的单位（可重复；默认：清单中有任务的所有单位，统称除外）")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="开启日期（默认今天）")
    a.set_defaults(run=cmd_open)
    a = actions.add_parser("list", help="清单的报送轮次：名称、开启、截止、结束日期和各状态单位数")
    a.add_argument("--json", action="store_true", help="以 JSON 输出")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="按此日期判断是否逾期（默认今天）")
    a.set_defaults(run=cmd_list)
    a = actions.add_parser("status", help="回收情况：各单位在本轮的报送状态")
    a.add_argument("name", metavar="轮次", nargs="?", help="报送轮次（默认最近一个进行中的轮次）")
    a.add_argument("--json", action="store_true", help="以 JSON 输出")
    a.add_argument("--xlsx", type=Path, metavar="输出", help="同时把回收情况表写成可打印的 Excel 表")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="按此日期判断是否逾期（默认今天）")
    a.set_defaults(run=cmd_status)
    for action, help in (("close", "结束轮次：回收情况按当日固定"), ("reopen", "重新开启已结束的轮次")):
        a = actions.add_parser(action, help=help)
        a.add_argument("name", metavar="轮次")
        a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="结束日期（默认今天）")
        a.set_defaults(run=cmd_close if action == "close" else cmd_reopen)


def _book(store: Store):
    from models.round_store import RoundBook

    return RoundBook(store)


def cmd_open(store: Store, args: argparse.Namespace) -> None:
    opened = _book(store).open(plan_id(store, args.plan), args.name, args.due, args.unit, args.date)
    print(f"已开启报送轮次“{opened.name}”，报送截止 {opened.due}")


def cmd_list(store: Store, args: argparse.Namespace) -> None:
    from models.rounds import ReturnState

    book = _book(store)
    today = args.date or date.today()
    rows = []
    for r in book.rounds(plan_id(store, args.plan)):
        status = book.status(r, today)
        rows.append({**r.to_json(), "units": len(status.units),
                     **{s.value: status.count(s) for s in ReturnState}})
    if args.json:
        print_json({"rounds": rows})
        return
    for row in rows:
        state = f"已结束 {row['closed']}" if row["closed"] else "进行中"
        counts = "，".join(f"{s.value} {row[s.value]}" for s in ReturnState if row[s.value])
        print(f"{row['round']}\t开启 {row['opened']}\t截止 {row['due'] or '—'}\t{state}\t{row['units']} 个单位\t{counts}")


def cmd_status(store: Store, args: argparse.Namespace) -> None:
    book = _book(store)
    pid = plan_id(store, args.plan)
    status = book.status(book.find(pid, args.name), args.date or date.today())
    if args.xlsx:
        from exporters.view_tables import round_table
        from exporters.xlsx_appendix import write_table

        plan = store.load_plan(pid)
        write_table(plan, round_table(plan, status), args.xlsx, "回收情况")
    if args.json:
        print_json(status.to_json())
        return
    r = status.round
    print(f"{r.name}\t截止 {r.due or '—'}" + (f"\t已结束 {r.closed_on}" if r.closed_on else ""))
    for u in status.units:
        extra = "".join([f"\t报送 {u.received}" + (f"（{u.file}）" if u.file else "") if u.received else "",
                         f"\t发送 {u.sent}" if u.sent else "",
                         f"\t催办 {u.reminders} 次" if u.reminders else ""])
        print(f"{u.unit}\t{u.state.value}\t{u.reported}/{u.tasks}{extra}")


def cmd_close(store: Store, args: argparse.Namespace) -> None:
    book = _book(store)
    chosen = book.find(plan_id(store, args.plan), args.name)
    book.close(chosen, args.date)
    print(f"报送轮次“{chosen.name}”已结束，回收情况已固定。")


def cmd_reopen(store: Store, args: argparse.Namespace) -> None:
    book = _book(store)
    chosen = book.find(plan_id(store, args.plan), args.name)
    book.reopen(chosen)
    print(f"报送轮次“{chosen.name}”已重新开启。")
