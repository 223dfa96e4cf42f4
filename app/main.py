"""The ``dutymatrix`` command: the GUI by default, subcommands for batch work.

Exit status: 0 success, 1 bad input (message on stderr naming the file and
the problem), 2 wrong usage.  See shared/spec/cli.md.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app import gui
from app.startup import open_store
from exporters.outline_text import plan_to_outline
from exporters.plan_json import document, warning
from models.deadlines import parse_deadline
from models.store import Store, StoreError


class UserError(Exception):
    """Bad input: reported on stderr, exit status 1."""


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WxH, e.g. 1400x860, not {text!r}") from None
    if w < 200 or h < 150:
        raise argparse.ArgumentTypeError("the window must be at least 200x150")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dutymatrix", description="Duty Matrix 责任清单编辑器. Without a command: open the GUI."
    )
    parser.add_argument("--db", type=Path, help="the store file (default: in the user-data folder)")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="render the main window offscreen to a PNG and exit")
    parser.add_argument("--plan", help="plan to show (index, id or exact title)")
    parser.add_argument("--view", choices=["tree"], default="tree", help="view to show")
    parser.add_argument("--size", type=_size, default=(1400, 860), metavar="WxH")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help="plans: index, id, title, node count")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("show", help="a plan's tree as numbered text or JSON")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("units", help="the unit directory with usage counts")
    p.add_argument("--json", action="store_true")
    return parser


def _plan_id(store: Store, ref: str | None) -> str | None:
    if ref is None:
        return None
    found = store.resolve_plan(ref)
    if found is None:
        raise UserError(f"{store.path}：没有清单“{ref}”（用 `dutymatrix list` 查看序号）")
    return found.id


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_list(store: Store, args: argparse.Namespace) -> None:
    plans = store.list_plans()
    if args.json:
        _print_json({"plans": [
            {"index": p.index, "id": p.id, "title": p.title, "nodes": p.node_count} for p in plans
        ]})
        return
    for p in plans:
        print(f"{p.index}\t{p.id}\t{p.title}\t{p.node_count}")


def cmd_show(store: Store, args: argparse.Namespace) -> None:
    plan = store.load_plan(_plan_id(store, args.plan))
    if not args.json:
        sys.stdout.write(plan_to_outline(plan))
        return
    warnings = []
    for node, _ in plan.walk():
        if node.deadline and parse_deadline(node.deadline).kind == "unparsed":
            warnings.append(warning(plan.id, node.id, "deadline-unparsed",
                                    f"无法识别的完成时限：{node.deadline}"))
    _print_json(document([plan], warnings))


def cmd_units(store: Store, args: argparse.Namespace) -> None:
    usage = store.unit_usage()
    if args.json:
        _print_json({"units": [
            {"id": u.unit.id, "name": u.unit.name, "short_name": u.unit.short_name,
             "aliases": u.unit.aliases, "kind": u.unit.kind.value,
             "lead": u.as_lead, "responsible": u.as_responsible} for u in usage
        ]})
        return
    for u in usage:
        print(f"{u.unit.name}\t{u.unit.kind.value}\t牵头 {u.as_lead}\t责任 {u.as_responsible}")


COMMANDS = {"list": cmd_list, "show": cmd_show, "units": cmd_units}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None and args.screenshot is None and not gui.has_display():
        print("dutymatrix: 没有图形显示（DISPLAY 未设置）；请在桌面环境中运行，"
              "或使用命令行：dutymatrix --help", file=sys.stderr)
        return 1
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"dutymatrix: {exc}", file=sys.stderr)
        return 1
    try:
        if args.command:
            COMMANDS[args.command](store, args)
            return 0
        plan_id = _plan_id(store, args.plan)
        if args.screenshot is not None:
            gui.screenshot(store, plan_id, args.screenshot, args.size)
            return 0
        return gui.run(store, plan_id)
    except BrokenPipeError:
        return 0
    except (UserError, StoreError, OSError) as exc:
        print(f"dutymatrix: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
