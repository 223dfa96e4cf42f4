"""The ``dutymatrix`` command: the GUI by default, subcommands for batch work.

Exit status: 0 success, 1 bad input (message on stderr naming the file and
the problem), 2 wrong usage.  See shared/spec/cli.md.
"""
from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
from pathlib import Path

from app import commands, gui
from app.cli_parser import ChineseArgumentParser
from app.commands.common import plan_id
from app.logs import keep_logs_off_the_terminal
from app.startup import open_store
from models.errors import UserError
from models.store import StoreError, disk_full_error, is_disk_full

_OS_WORDS = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOENT: "文件或文件夹不存在",
             errno.EROFS: "所在的磁盘只读", errno.EISDIR: "是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹"}


def _os_message(exc: OSError) -> str:
    """An operating-system error in Chinese, naming the file (a message of our own as it is)."""
    if type(exc).__str__ is not OSError.__str__:
        return str(exc)
    if is_disk_full(exc) and exc.filename:
        return str(disk_full_error(Path(exc.filename).parent))
    words = _OS_WORDS.get(exc.errno or 0)
    if words is None:
        return str(exc)
    return f"{exc.filename}：{words}" if exc.filename else words


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 宽x高，如 1400x860，而不是“{text}”") from None
    if w < 200 or h < 150:
        raise argparse.ArgumentTypeError("窗口至少 200x150")
    return w, h


class _PrintVersion(argparse.Action):
    """``--version``: read only when asked (importlib.metadata costs ~0.1 s of every start)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="显示版本和构建日期后退出")

    def __call__(self, parser, namespace, values, option_string=None):
        from app.version import version_text

        print(f"dutymatrix {version_text()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="dutymatrix", description="Duty Matrix 责任清单编辑器。不带命令时打开图形界面。"
    )
    parser.add_argument("--version", action=_PrintVersion)
    parser.add_argument("--db", type=Path, metavar="文件", help="数据文件（默认在用户数据文件夹中）")
    parser.add_argument("--screenshot", type=Path, metavar="输出.png",
                        help="在后台把主窗口画成 PNG 后退出")
    parser.add_argument("--open", type=Path, nargs="?", metavar="文件",  # nargs: a desktop entry's empty %f
                        help="打开图形界面并打开文件：回收的表格进入合并，其他文件进入导入")
    parser.add_argument("--plan", metavar="清单", help="要显示的清单（序号、编号或完整标题）")
    parser.add_argument("--view", choices=["tree", "matrix", "board", "units", "rounds"], default="tree",
                        help="截图显示的视图")
    parser.add_argument("--size", type=_size, default=(1400, 860), metavar="宽x高", help="截图的窗口大小")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for module in commands.MODULES:
        module.register(sub)
    return parser


def _settings_author():
    """姓名 and 科室 from the settings (Qt loads only when a command writes a history entry)."""
    from app.settings import Settings

    return Settings().author


def main(argv: list[str] | None = None) -> int:
    if not os.environ.get("DUTYMATRIX_DEBUG"):
        keep_logs_off_the_terminal()  # library warnings name their files in English
    args = build_parser().parse_args(argv)
    if args.command is None and args.screenshot is None and not gui.has_display():
        print("dutymatrix: 没有图形显示（DISPLAY 未设置）；请在桌面环境中运行，"
              "或使用命令行：dutymatrix --help", file=sys.stderr)
        return 1
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"dutymatrix: {exc}", file=sys.stderr)
        if args.command is None and args.screenshot is None:
            gui.show_problem(str(exc))  # a GUI user has no console to read
        return 1
    store.author_source = _settings_author
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
    except UserError as exc:  # bad input: the message says which file and what
        print(f"dutymatrix: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be written
        print(f"dutymatrix: {_os_message(exc)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        what = disk_full_error(store.path.parent) if is_disk_full(exc) else (
            f"{store.path}：数据文件已损坏，无法读取；请在图形界面中用“文件 → 从备份恢复”恢复到最近的备份。")
        print(f"dutymatrix: {what}", file=sys.stderr)
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
