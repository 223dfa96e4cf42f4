"""A node as one table cell's text, and that text read back.

The appendix prints an indicator as ``number + text + tags`` and, for an
indicator with a leader, ``（牵头领导：name）`` after it; department sheets
print tasks the same way.  Reading returned files needs the inverse, and
unit lists typed by hand.
"""
from __future__ import annotations

import re

from models.domain import Node
from models.units import normalise_name

DEFAULT_MARKERS = "★☆○◎●▲△⊙◆◇■□"
_LEADER = re.compile(r"（牵头领导[：:]\s*(?P<leader>[^（）]*)）\s*$")
_NUMBER = re.compile(
    r"^\s*(?P<number>[一二三四五六七八九十百千零〇]+[、.．]"
    r"|[（(][一二三四五六七八九十百千零〇]+[）)]"
    r"|\d+\s*[.．、](?!\d)"
    r"|[（(]\d+[）)]"
    r"|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])\s*"
)
_UNIT_SEPARATORS = re.compile(r"[、，,；;\n]+")


def numbered_cell(node: Node, number: str, with_leader: bool = False) -> str:
    """``1.text★`` — and ``（牵头领导：name）`` for an indicator whose leader prints in its cell."""
    text = f"{number}{node.text}{''.join(node.tags)}"
    if with_leader and node.leader:
        text += f"（牵头领导：{node.leader}）"
    return text


def split_number(cell: str) -> tuple[str, str]:
    """(number label, rest) of a cell's text; the label is "" when there is none."""
    match = _NUMBER.match(cell)
    if not match:
        return "", cell.strip()
    return match.group("number"), cell[match.end():].strip()


def parse_numbered_cell(cell: str, markers: str = DEFAULT_MARKERS) -> tuple[str, str, list[str], str]:
    """(number, text, tags, leader) of a cell printed by :func:`numbered_cell`."""
    leader = ""
    match = _LEADER.search(cell)
    if match:
        leader, cell = match.group("leader").strip(), cell[:match.start()]
    number, rest = split_number(cell)
    rest = rest.rstrip()
    tags: list[str] = []
    while rest and rest[-1] in markers:
        tags.insert(0, rest[-1])
        rest = rest[:-1].rstrip()
    return number, rest, tags, leader


def split_units(text: str) -> list[str]:
    """Unit names of a cell typed as ``A、B，C``: canonical spelling, duplicates dropped."""
    out: list[str] = []
    for part in _UNIT_SEPARATORS.split(text):
        name = normalise_name(part)
        if name and name not in out:
            out.append(name)
    return out


def same_text(a: str, b: str) -> bool:
    """Equal but for surrounding space, line-break style and spaces at line ends."""
    return squash(a) == squash(b)


def squash(text: str) -> str:
    """Text with line-break style, surrounding space and spaces at line ends normalised."""
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))


def printed_fields(node: Node, number: str, is_leaf: bool) -> dict[str, str]:
    """What an exported row shows of a node, field by field, as cell texts."""
    return {
        "cell": numbered_cell(node, number, with_leader=not is_leaf),
        "lead": "、".join(node.lead),
        "responsible": "、".join(node.responsible),
        "leader": node.leader if is_leaf else "",
        "deadline": node.deadline,
        "remarks": node.remarks,
    }
