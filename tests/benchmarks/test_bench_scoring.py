"""Scores of 5,000 tasks × 150 units with four reports per task, from a real store."""
from datetime import date

import pytest

from helpers.factories import make_plan
from models.scoring import ScoringRules, compute_scores, plan_scores, store_events
from models.store import ProgressEntry, Store

UNITS = [f"单位{i:03d}" for i in range(150)]
ROUNDS = ["2024年第一季度", "2024年第二季度", "2024年第三季度", "2024年第四季度"]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    plan = make_plan(5500, fanout=10)
    leaves = [n for n in plan.walk_nodes() if not n.children]
    for i, node in enumerate(leaves):
        node.lead, node.responsible = [UNITS[i % 150]], [UNITS[(i * 7) % 150]]
    store = Store(tmp_path_factory.mktemp("bench") / "s.sqlite")
    store.save_plan(plan)
    with store.transaction():
        for i, node in enumerate(leaves):
            for k, name in enumerate(ROUNDS):
                status = "已完成" if k == 3 and i % 3 else "推进中"
                store.add_progress(ProgressEntry.new(node.id, node.lead[0], name, status, "进展", f"2024-{3 * k + 3:02d}-20"))
    yield store, store.load_plan(plan.id)
    store.close()


def test_scores_from_the_store(benchmark, scored):
    store, plan = scored
    scores = benchmark(plan_scores, store, plan, date(2024, 12, 31))
    assert len(scores) == 150


def test_live_preview_recompute(benchmark, scored):
    """What the dialog does on each rule change: the events are kept, only the scores recomputed."""
    store, plan = scored
    events = store_events(store, plan, date(2024, 12, 31))
    scores = benchmark(compute_scores, plan, events, ScoringRules(late=-2, late_per_day=True))
    assert len(scores) == 150
