"""Derived numbering of list levels: 一、 （一） 1. （1） ①.

Numbers are never stored; they are computed from the tree shape and the
plan's numbering mode (GB/T 9704 7.3.3; tables often number continuously).
"""
from __future__ import annotations

from collections.abc import Iterable

from models.chinese_numerals import chinese_numeral
from models.domain import PER_PARENT, Node, Numbering, Plan

__all__ = ["chinese_numeral", "label", "number_nodes", "number_plan", "number_styles"]


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


def number_styles(roots: Iterable[Node]) -> dict[str, int]:
    """Map node id → the level its number is printed in (1 一、 … 5 ①).

    A group of siblings prints in the first style one of them names (``Node.number_style``, a
    list that goes from 一、 straight to 1.), else one level below its parent, 一、 at the top;
    never at or above its parent's level."""
    styles: dict[str, int] = {}
    stack: list[tuple[list[Node], int]] = [(list(roots), 1)]
    while stack:
        siblings, lowest = stack.pop()
        group = next((n.number_style for n in siblings if n.number_style), lowest)
        for node in siblings:
            style = styles[node.id] = max(node.number_style or group, lowest)
            if node.children:
                stack.append((node.children, style + 1))
    return styles


def number_nodes(roots: Iterable[Node], mode: Numbering, scopes: dict[str, int] | None = None) -> dict[str, str]:
    """Map node id → printed number for a whole tree, in one pass: by sibling position, or in
    continuous mode by a running count per style that starts again where its scope says
    (``Plan.number_scopes``; a style not named runs through the plan below the top level); a
    node's ``number_from`` sets the count."""
    roots = list(roots)
    styles = number_styles(roots)
    scope = {int(k): v for k, v in (scopes or {}).items()} if mode is Numbering.CONTINUOUS else {}
    numbers: dict[str, str] = {}
    counters: dict[int, int] = {}

    def visit(siblings: list[Node], top: bool) -> None:
        n = 0
        for node in siblings:
            style = styles[node.id]
            where = scope.get(style, PER_PARENT if top or mode is Numbering.RESTART else 0)
            n = node.number_from or ((n if where == PER_PARENT else counters.get(style, 0)) + 1)
            if where != PER_PARENT:
                counters[style] = n
            for other, level in scope.items():
                if level == style:  # a new 一、 starts its tasks again from 1
                    counters.pop(other, None)
            numbers[node.id] = label(style, n)
            if node.children:
                visit(node.children, False)

    visit(roots, True)
    return numbers


def number_plan(plan: Plan) -> dict[str, str]:
    return number_nodes(plan.roots, plan.numbering, plan.number_scopes)
