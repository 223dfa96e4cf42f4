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
from app.commands.common import plan_id
from app.startup import open_store
from models.errors import UserError
from models.store import StoreError


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WxH, e.g. 1400x860, not {text!r}") from None
    if w < 200 or h < 150:
        raise argparse.ArgumentTypeError("the window must be at least 200x150")
    return w, h


class _PrintVersion(argparse.Action):
    """``--version``: read only when asked (importlib.metadata costs ~0.1 s of every start)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the version and the build date, then exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from app.version import version_text

        print(f"dutymatrix {version_text()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dutymatrix", description="Duty Matrix 责任清单编辑器. Without a command: open the GUI."
    )
    parser.add_argument("--version", action=_PrintVersion)
    parser.add_argument("--db", type=Path, help="the store file (default: in the user-data folder)")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="render the main window offscreen to a PNG and exit")
    parser.add_argument("--open", type=Path, nargs="?", metavar="FILE",  # nargs: a desktop entry's empty %f
                        help="open the GUI with FILE: a returned sheet goes to the merge, any other file to the import")
    parser.add_argument("--plan", help="plan to show (index, id or exact title)")
    parser.add_argument("--view", choices=["tree", "matrix", "board", "units"], default="tree",
                        help="view to show in the screenshot")
    parser.add_argument("--size", type=_size, default=(1400, 860), metavar="WxH")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
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
        return gui.run(store, chosen, args.open)
    except BrokenPipeError:
        return 0
    except (UserError, OSError) as exc:  # bad input or a file that cannot be written: the message says which
        print(f"dutymatrix: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line here, the traceback in the log file
        if os.environ.get("DUTYMATRIX_DEBUG"):
            raise
        from app.logs import log_bug

        log = log_bug(exc, " ".join(sys.argv[1:]))
        print(f"dutymatrix: 内部错误（{type(exc).__name__}: {exc}）。详情已写入 {log}，"
              "请将其报告给维护者。", file=sys.stderr)
        return 1
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
