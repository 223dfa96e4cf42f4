"""Lines of text pasted from Word or Excel, turned into nodes.

The numbering prefix of each line (一、 （一） 1. （1） ①) sets its depth;
the shallowest level present becomes the top of the pasted block.  A line
without a prefix continues at the depth of the line before it.  Tab-separated
cells (a row copied from Excel) keep their first non-empty cell as the text.
"""
from __future__ import annotations

import re

from models.chinese_numerals import CHARS
from models.domain import Node

_CN = CHARS
_PREFIXES = [
    (1, re.compile(rf"^[{_CN}]+[、，,.．]\s*")),
    (2, re.compile(rf"^[（(][{_CN}]+[)）][、.．]?\s*")),
    (3, re.compile(r"^\d+\s*[.．、](?!\d)\s*")),
    (4, re.compile(r"^[（(]\d+[)）][、.．]?\s*")),
    (5, re.compile(r"^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]\s*")),
]


def split_prefix(line: str) -> tuple[int | None, str]:
    """(depth of the numbering prefix or None, the text without it)."""
    for depth, pattern in _PREFIXES:
        match = pattern.match(line)
        if match and line[match.end():].strip():
            return depth, line[match.end():].strip()
    return None, line.strip()


def _first_cell(line: str) -> str:
    cells = [c.strip() for c in line.split("\t")]
    return next((c for c in cells if c), "")


def nodes_from_lines(text: str) -> list[Node]:
    """Top-level nodes of the pasted block, with children by numbering depth."""
    items: list[tuple[int | None, str]] = []
    for raw in text.splitlines():
        line = _first_cell(raw)
        if line:
            items.append(split_prefix(line))
    depths = [d for d, _ in items if d is not None]
    top = min(depths, default=1)
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []  # (relative depth, node)
    last_depth = 1
    for depth, text_ in items:
        rel = (depth - top + 1) if depth is not None else last_depth
        rel = max(1, min(rel, (stack[-1][0] + 1) if stack else 1))  # never skip a level
        node = Node(text=text_)
        while stack and stack[-1][0] >= rel:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((rel, node))
        last_depth = rel
    return roots
