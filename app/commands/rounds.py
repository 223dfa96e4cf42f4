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
    p = sub.add_parser("round", help="reporting rounds (填报轮次): open, list, status, close")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("open", help="open a round asking the units to report by a due date")
    a.add_argument("name", metavar="NAME", help="e.g. 2024年第二季度, 5月调度")
    a.add_argument("--due", type=iso_date, required=True, metavar="YYYY-MM-DD", help="报送截止")
    a.add_argument("--unit", action="append", metavar="U",
                   help="a unit asked to report (repeatable; default: every unit with a task, umbrellas excluded)")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="the opening day (default: today)")
    a.set_defaults(run=cmd_open)
    a = actions.add_parser("list", help="the plan's rounds: name, opened, due, closed, counts")
    a.add_argument("--json", action="store_true")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="judge lateness as of this day")
    a.set_defaults(run=cmd_list)
    a = actions.add_parser("status", help="回收情况: each unit's state in a round")
    a.add_argument("name", metavar="NAME", nargs="?", help="the round (default: the latest open one)")
    a.add_argument("--json", action="store_true")
    a.add_argument("--xlsx", type=Path, metavar="OUT", help="also write the table as a print-ready Excel sheet")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="judge lateness as of this day")
    a.set_defaults(run=cmd_status)
    for action, help in (("close", "end a round: its status is kept as it stands"),
                         ("reopen", "open an ended round again")):
        a = actions.add_parser(action, help=help)
        a.add_argument("name", metavar="NAME")
        a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="the closing day (default: today)")
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
        extra = "".join([f"\t报送 {u.received}" if u.received else "", f"\t发送 {u.sent}" if u.sent else "",
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
