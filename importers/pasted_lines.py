"""Lines of text pasted from Word or Excel, turned into nodes, read with the importer's grammar.

The numbering prefix of each line (一、 （一） 1. （1） ①, :func:`importers.headings.parse_label`) sets its
depth; the shallowest level present becomes the top of the pasted block, and that level says where
the block belongs (:attr:`PastedBlock.top_level`).  A line without a prefix continues at the depth of
the line before it.  An annotation at the end of a line (〔牵头单位：…；完成时限：…〕, read by
:mod:`importers.annotations`) fills the units, deadline and leader and leaves the text.
Tab-separated cells (a row copied from Excel) keep their first non-empty cell as the text.
"""
from __future__ import annotations

from dataclasses import dataclass

from importers.annotations import Conventions, parse_annotation, split_annotation
from importers.headings import parse_label
from models.domain import Node


@dataclass
class PastedBlock:
    roots: list[Node]
    top_level: int | None  # numbering level of the top lines (1 = 一、, 2 = （一）, 3 = 1.); None: no numbers


def split_prefix(line: str) -> tuple[int | None, str]:
    """(level of the numbering prefix or None, the text without it)."""
    label = parse_label(line)
    if label is not None and label.rest.strip():
        return label.level, label.rest.strip()
    return None, line.strip()


def _first_cell(line: str) -> str:
    cells = [c.strip() for c in line.split("\t")]
    return next((c for c in cells if c), "")


def _node(text: str, conventions: Conventions) -> Node:
    body, inner = split_annotation(text)
    if inner is None:
        return Node(text=text)
    ann = parse_annotation(inner, conventions)
    return Node(text=body, lead=list(ann.lead), responsible=list(ann.responsible), deadline=ann.deadline,
                leader=ann.leader)


def read_pasted(text: str) -> PastedBlock:
    items: list[tuple[int | None, str]] = []
    for raw in text.splitlines():
        line = _first_cell(raw)
        if line:
            items.append(split_prefix(line))
    depths = [d for d, _ in items if d is not None]
    top = min(depths, default=None)
    conventions = Conventions()
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []  # (relative depth, node)
    last_depth = 1
    for depth, text_ in items:
        rel = (depth - top + 1) if depth is not None and top is not None else last_depth
        rel = max(1, min(rel, (stack[-1][0] + 1) if stack else 1))  # never skip a level
        node = _node(text_, conventions)
        while stack and stack[-1][0] >= rel:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((rel, node))
        last_depth = rel
    return PastedBlock(roots, top)


def nodes_from_lines(text: str) -> list[Node]:
    """Top-level nodes of the pasted block, with children by numbering depth."""
    return read_pasted(text).roots
