"""Accuracy on the four seeds against expected results written by hand (fixtures/).

A task is right when found under its printed number with its lead units,
responsible units and deadline exactly as expected.  Each seed must reach 98%;
every miss must be listed in KNOWN_MISSES with its reason, so that a fix or a
new miss shows up here.
"""
import pytest

from helpers.accuracy import compare, demo_table_expected, load_fixture, task_keys
from importers import import_file
from helpers.seedtext import seed_path

# (seed, part, fixture or None for resources/demo_plan.json)
CASES = [
    ("000", "body", "seed000_body.txt"),
    ("000", "table", None),
    ("001", "body", "seed001_body.txt"),
    ("003", "table", "seed003_table.txt"),
    ("004", "body", "seed004_body.txt"),
]

# "plan title:number" -> why the importer cannot get it right.  None at present; the fixtures
# record the judgement calls instead (e.g. seed 003's task 44 prints no deadline, 326/346/356 read
# their empty deadline cells as merged with the cell above).
KNOWN_MISSES: dict[tuple[str, str], dict[str, str]] = {
    ("000", "body"): {},
    ("000", "table"): {},
    ("001", "body"): {},
    ("003", "table"): {},
    ("004", "body"): {},
}


def accuracy(seed: str, part: str, fixture: str | None) -> tuple[int, int, dict[str, str]]:
    result = import_file(seed_path(seed), part=part)
    plans = {p.title: p for p in result.plans}
    groups = {None: demo_table_expected()} if fixture is None else load_fixture(fixture)
    total, misses = 0, {}
    for title, expected in groups.items():
        plan = plans[title] if title else result.plans[0]
        found = compare(expected, task_keys(result, plan, by_path=(part == "body")))
        misses.update({f"{title or ''}:{key}": why for key, why in found.items()})
        total += len(expected)
        assert len(result.task_nodes(plan)) == len(expected), f"{title}: extra or missing tasks"
    return total - len(misses), total, misses


@pytest.mark.parametrize("seed, part, fixture", CASES, ids=[f"{s}-{p}" for s, p, _ in CASES])
def test_accuracy_per_seed(seed, part, fixture):
    right, total, misses = accuracy(seed, part, fixture)
    assert right / total >= 0.98, f"seed {seed} {part}: {right}/{total}"
    assert set(misses) == set(KNOWN_MISSES[(seed, part)]), misses


def test_fixtures_cover_every_printed_task():
    assert sum(len(v) for v in load_fixture("seed001_body.txt").values()) == 111
    assert len(load_fixture("seed003_table.txt")[None]) == 384
    assert [e.key for e in demo_table_expected()][23:25] == ["24.", "26."]  # the printed table skips 25
