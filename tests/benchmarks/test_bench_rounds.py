"""Round status (回收情况) of a 5,000-task plan with 150 units, each of which has reported some of its tasks."""
from datetime import date

import pytest

from helpers.factories import make_plan
from models.round_store import RoundBook
from models.rounds import ReturnState
from models.store import ProgressEntry, Store

UNITS = [f"单位{i:03d}" for i in range(150)]
ROUND = "2024年第二季度"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    plan = make_plan(5600, fanout=10)
    tasks = [n for n, _ in plan.walk() if not n.children]
    for i, node in enumerate(tasks):  # spread the work over 150 units
        node.lead = [UNITS[i % 150]]
        node.responsible = [UNITS[(i * 7) % 150], UNITS[(i * 13) % 150]]
    store = Store(tmp_path_factory.mktemp("bench") / "rounds.sqlite")
    store.save_plan(plan)
    book = RoundBook(store)
    book.open(plan.id, ROUND, date(2024, 6, 30), today=date(2024, 6, 1))
    with store.transaction():
        for i, node in enumerate(tasks):
            if (i // 150) % 2:  # every unit reports some of the tasks it leads
                continue
            store.add_progress(ProgressEntry.new(node.id, node.lead[0], ROUND, "推进中", f"进展{i}", "2024-06-20"))
    yield book, plan.id, len(tasks)
    store.close()


def test_round_status(benchmark, book):
    rounds, plan_id, tasks = book
    assert tasks >= 5000
    found = rounds.find(plan_id, ROUND)
    status = benchmark(rounds.status, found, date(2024, 7, 1))
    assert len(status.units) == 150
    assert status.count(ReturnState.PARTIAL) == 150


def test_task_flags(benchmark, book):
    """滞后/停滞 of every task, as the main window computes them after each edit."""
    from models.tracking import TrackingContext

    rounds, plan_id, _ = book
    plan = rounds.store.load_plan(plan_id)
    flags = benchmark(rounds.task_flags, plan, TrackingContext(lambda: date(2024, 7, 1)))
    assert flags  # make_plan's deadline 2024年6月底前 has passed: unfinished tasks lag


def test_task_history(benchmark, book):
    """A task's history (留痕), read each time the detail panel shows a task, among ~2,800 reports."""
    from models.history import HistoryKind, task_history

    rounds, plan_id, _ = book
    plan = rounds.store.load_plan(plan_id)
    task = next(n for n, _ in plan.walk() if not n.children)
    entries = benchmark(task_history, rounds.store, task.id)
    assert [e.kind for e in entries] == [HistoryKind.PROGRESS, HistoryKind.ROUND]
