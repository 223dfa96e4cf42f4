"""Comparing an import with the expected results written by hand (tests/importers/fixtures/).

A task counts as right when it is found under its printed number and its lead
units, responsible units and deadline are exactly the expected ones (unit
names compared in canonical spelling, deadlines without extraction spaces and
with full-width punctuation).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from importers.result import ImportResult
from importers.text_source import tidy
from models.domain import Node, Plan
from models.units import normalise_name

FIXTURES = Path(__file__).parent / "importers" / "fixtures"


@dataclass(frozen=True)
class Expected:
    key: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str


def _units(text: str) -> tuple[str, ...]:
    return tuple(normalise_name(u) for u in text.split(";") if u.strip())


def _deadline(text: str) -> str:
    return tidy(text).replace(" ", "")


def load_fixture(name: str) -> dict[str | None, list[Expected]]:
    """Expected tasks by plan title (None when the file names no plan)."""
    plans: dict[str | None, list[Expected]] = {}
    title = None
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        key, lead, responsible, deadline = (x.strip() for x in line.split("|"))
        plans.setdefault(title, []).append(Expected(key, _units(lead), _units(responsible), _deadline(deadline)))
    return plans


def demo_table_expected() -> list[Expected]:
    """Seed 000's appendix table as the team transcribed it (resources/demo_plan.json).

    The printed table skips number 25, so the 56 tasks carry 1–24 and 26–57.
    """
    data = json.loads(files("resources").joinpath("demo_plan.json").read_text(encoding="utf-8"))
    tasks = [t for top in data["nodes"] for mid in top["children"] for t in mid["children"]]
    numbers = [n for n in range(1, 58) if n != 25]
    return [Expected(f"{n}.", _units(";".join(t["lead"])), _units(";".join(t["responsible"])), _deadline(t["deadline"]))
            for n, t in zip(numbers, tasks, strict=True)]


def task_keys(result: ImportResult, plan: Plan, by_path: bool) -> dict[str, Node]:
    """Tasks by printed number: the path of printed numbers for body text, the number alone for tables."""
    out: dict[str, Node] = {}

    def visit(nodes: list[Node], path: list[str]) -> None:
        for node in nodes:
            label = result.printed.get(node.id, "") or "·"
            here = path + [label]
            if node.id in result.tasks:
                out["/".join(here) if by_path else label] = node
            visit(node.children, here)

    visit(plan.roots, [])
    return out


def compare(expected: list[Expected], found: dict[str, Node]) -> dict[str, str]:
    """Misses: key -> what differs."""
    misses = {}
    for exp in expected:
        node = found.get(exp.key)
        if node is None:
            misses[exp.key] = "not found"
            continue
        got = (tuple(node.lead), tuple(node.responsible), _deadline(node.deadline))
        diffs = [f"{name}: {g!r} != {e!r}" for name, g, e in zip(
            ("lead", "responsible", "deadline"), got, (exp.lead, exp.responsible, exp.deadline)) if g != e]
        if diffs:
            misses[exp.key] = "; ".join(diffs)
    return misses
