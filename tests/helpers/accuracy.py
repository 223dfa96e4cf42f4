"""Comparing an import with the expected results written by hand (tests/importers/fixtures/).

A task counts as right when it is found under its printed number and its lead
units, responsible units and deadline are exactly the expected ones (unit
names compared in canonical spelling, deadlines without extraction spaces and
with full-width punctuation).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

from importers import import_file
from importers.result import ImportResult
from importers.text_source import tidy
from models.domain import Node, Plan
from models.numbering import number_plan
from models.units import normalise_name

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"
LAYOUTS = Path(__file__).parent.parent / "importers" / "corpus"


@dataclass(frozen=True)
class Expected:
    key: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: str
    leader: str | None = None  # None: the fixture has no leader column
    progress: str | None = None  # from a "# progress KEY: TEXT" line; None: not checked


def _units(text: str) -> tuple[str, ...]:
    return tuple(normalise_name(u) for u in text.split(";") if u.strip())


def _deadline(text: str) -> str:
    return tidy(text).replace(" ", "")


def load_fixture(name: str | Path) -> dict[str | None, list[Expected]]:
    """Expected tasks by plan title (None when the file names no plan)."""
    plans: dict[str | None, list[Expected]] = {}
    title = None
    progress: dict[tuple[str | None, str], str] = {}
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            continue
        reported = re.match(r"#\s*progress\s+(\S+)\s*[:：]\s*(.*)$", line)
        if reported:
            progress[(title, reported.group(1))] = reported.group(2).strip().replace("\\n", "\n")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        key, lead, responsible, deadline, *leader = (x.strip() for x in line.split("|"))
        plans.setdefault(title, []).append(
            Expected(key, _units(lead), _units(responsible), _deadline(deadline), leader[0] if leader else None))
    for title, expected in plans.items():
        plans[title] = [replace(e, progress=progress.get((title, e.key))) for e in expected]
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


def task_keys(result: ImportResult, plan: Plan, by_path: bool, derived: bool = False) -> dict[str, Node]:
    """Tasks by printed number: the path of printed numbers for body text, the number alone for tables;
    ``derived``: by the numbers the program prints for them (models.numbering) instead.

    A task printed without a number is ``·``; several such tasks under one parent (the annotated
    segments of one numbered paragraph) are ``#1``, ``#2``, … in order."""
    out: dict[str, Node] = {}
    numbers = number_plan(plan) if derived else {}

    def visit(nodes: list[Node], path: list[str]) -> None:
        unnumbered = [n for n in nodes if n.id in result.tasks and not result.printed.get(n.id)]
        for node in nodes:
            label = result.printed.get(node.id, "")
            if label and derived:
                label = numbers[node.id]
            if not label:
                label = f"#{unnumbered.index(node) + 1}" if len(unnumbered) > 1 and node in unnumbered else "·"
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
        got = (tuple(node.lead), tuple(node.responsible), _deadline(node.deadline), node.leader, node.progress)
        want = (exp.lead, exp.responsible, exp.deadline, exp.leader if exp.leader is not None else node.leader,
                exp.progress if exp.progress is not None else node.progress)
        diffs = [f"{name}: {g!r} != {e!r}" for name, g, e in zip(
            ("lead", "responsible", "deadline", "leader", "progress"), got, want) if g != e]
        if diffs:
            misses[exp.key] = "; ".join(diffs)
    return misses


def _key(key: str) -> str:
    """Arabic numbers printed ``1``, ``1.`` or ``1、`` compare alike."""
    return "/".join(re.sub(r"^(\d+)[.．、]?$", r"\1.", seg) for seg in key.split("/"))


def measure(path: Path, fixture: str | Path, part: str = "all", paths: bool = False,
            derived: bool = False) -> tuple[int, int, dict[str, str]]:
    """(right, expected, misses) of importing ``path`` against a fixture; plans matched by title.

    Tasks are keyed by their number (tables) or the path of numbers (body text; ``paths`` for
    tables too), as printed or (``derived``) as the program numbers them.  Every expected plan must
    be found, with exactly the expected number of tasks."""
    result = import_file(path, part=part)
    plans = {p.title: p for p in result.plans}
    groups = load_fixture(fixture)
    total, misses = 0, {}
    for title, expected in groups.items():
        total += len(expected)
        plan = plans.get(title) if title else (result.plans[0] if result.plans else None)
        if plan is None:
            misses.update({f"{title}:{e.key}": "plan not found" for e in expected})
            continue
        found = {_key(k): n for k, n in task_keys(result, plan, paths or result.parts[plan.id] == "body", derived).items()}
        expected = [replace(e, key=_key(e.key)) for e in expected]
        misses.update({f"{title or ''}:{key}": why for key, why in compare(expected, found).items()})
        extra = sorted(set(found) - {e.key for e in expected})
        misses.update({f"{title or ''}:{key}": "extra task" for key in extra})
    return total - sum(1 for why in misses.values() if why != "extra task"), total, misses
