"""The ``dutymatrix`` command: the GUI by default, subcommands for batch work.

Exit status: 0 success, 1 bad input (message on stderr naming the file and
the problem), 2 wrong usage.  See shared/spec/cli.md.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app import commands, gui
from app.cli_parser import ChineseArgumentParser
from app.commands.common import UserError, plan_id
from app.startup import open_store
from models.store import StoreError


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 宽x高，如 1400x860，而不是“{text}”") from None
    if w < 200 or h < 150:
        raise argparse.ArgumentTypeError("窗口至少 200x150")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="dutymatrix", description="Duty Matrix 责任清单编辑器。不带命令时打开图形界面。"
    )
    parser.add_argument("--db", type=Path, metavar="文件", help="数据文件（默认在用户数据文件夹中）")
    parser.add_argument("--screenshot", type=Path, metavar="输出.png",
                        help="在后台把主窗口画成 PNG 后退出")
    parser.add_argument("--plan", metavar="清单", help="要显示的清单（序号、编号或完整标题）")
    parser.add_argument("--view", choices=["tree", "matrix", "board", "units"], default="tree",
                        help="截图显示的视图")
    parser.add_argument("--size", type=_size, default=(1400, 860), metavar="宽x高", help="截图的窗口大小")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for module in commands.MODULES:
        module.register(sub)
    return parser


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
            args.run(store, args)
            return 0
        chosen = plan_id(store, args.plan)
        if args.screenshot is not None:
            gui.screenshot(store, chosen, args.screenshot, args.size, args.view)
            return 0
        return gui.run(store, chosen)
    except BrokenPipeError:
        return 0
    except (UserError, StoreError, OSError) as exc:
        print(f"dutymatrix: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line; the traceback only when asked for
        if os.environ.get("DUTYMATRIX_DEBUG"):
            raise
        print(f"dutymatrix: 内部错误（{type(exc).__name__}: {exc}）。设置 DUTYMATRIX_DEBUG=1 可查看详情，"
              "请将其报告给维护者。", file=sys.stderr)
        return 1
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
