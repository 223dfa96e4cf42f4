"""Derived numbering of list levels: 一、 （一） 1. （1） ①.

Numbers are never stored; they are computed from the tree shape and the
plan's numbering mode (GB/T 9704 7.3.3; tables often number continuously).
"""
from __future__ import annotations

from collections.abc import Iterable

from models.chinese_numerals import chinese_numeral
from models.domain import Node, Numbering, Plan

__all__ = ["chinese_numeral", "label", "number_nodes", "number_plan"]


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return f"({n})"


def label(depth: int, n: int) -> str:
    """The printed number of the n-th item (1-based) at a depth (1-based)."""
    if depth == 1:
        return f"{chinese_numeral(n)}、"
    if depth == 2:
        return f"（{chinese_numeral(n)}）"
    if depth == 3:
        return f"{n}."
    if depth == 4:
        return f"（{n}）"
    return _circled(n)


def number_nodes(roots: Iterable[Node], mode: Numbering) -> dict[str, str]:
    """Map node id → printed number for a whole tree, in one pass."""
    numbers: dict[str, str] = {}
    counters: dict[int, int] = {}  # continuous mode: running count per depth

    def visit(siblings: Iterable[Node], depth: int) -> None:
        for i, node in enumerate(siblings, start=1):
            if mode is Numbering.CONTINUOUS and depth > 1:
                counters[depth] = counters.get(depth, 0) + 1
                n = counters[depth]
            else:
                n = i
            numbers[node.id] = label(depth, n)
            if node.children:
                visit(node.children, depth + 1)

    visit(roots, 1)
    return numbers


def number_plan(plan: Plan) -> dict[str, str]:
    return number_nodes(plan.roots, plan.numbering)
