"""argparse speaking Simplified Chinese: usage, section titles, -h and the errors a user makes.

argparse words its texts in English through gettext; the few a user meets are rewritten here (one
table), so ``dutymatrix`` reads the same language as the window.
"""
from __future__ import annotations

import argparse
import re
import sys

# argparse's error messages (Python 3.11-3.13), as regular expressions, and their Chinese
_ERRORS = [
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.+)\)", r"参数 \1：无效的选项“\2”（可选：\3）"),
    (r"argument (\S+): invalid (\w+) value: '?([^']*)'?", r"参数 \1：无效的值“\3”"),
    (r"argument (\S+): expected one argument", r"参数 \1：需要一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1：至少需要一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1：不能与参数 \2 同时使用"),
    (r"one of the arguments (.+) is required", r"必须给出以下参数之一：\1"),
    (r"argument (\S+): ignored explicit argument '?([^']*)'?", r"参数 \1：不接受值“\2”"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 不明确，可能是：\2"),
    (r"argument (\S+): (.+)", r"参数 \1：\2"),  # a message of our own (e.g. --size), already Chinese
]


def chinese_error(message: str) -> str:
    for pattern, replacement in _ERRORS:
        translated, count = re.subn(rf"^{pattern}$", replacement, message)
        if count:
            return translated
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def format_help(self) -> str:  # section headings end in a Chinese colon
        return re.sub(r"^(\S[^\n]*[\u4e00-\u9fff]):$", r"\1：", super().format_help(), flags=re.MULTILINE)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
