"""Scores from real reporting rounds (models.round_store): a round not reported and a late report
feed the scoring events; every figure below is worked out by hand from the rounds' dates."""
from __future__ import annotations

from datetime import date

import pytest

from models.domain import Node, Plan
from models.round_store import RoundBook
from models.scoring import EventKind, ScoringRules, compute_scores, plan_scores, store_events
from models.store import ProgressEntry, Store

X, Y = "市发改委", "市财政局"
AT = date(2024, 9, 15)


@pytest.fixture
def store(tmp_path):
    """Three tasks without deadlines and never done (so no task event scores), and four rounds:

    - R1 due 03-31, asked X and Y: X reports 03-28 (in time), Y 04-05 (5 days late).
    - R2 due 06-30, asked X and Y: X nothing, Y on 06-30 (the due day is in time).
    - R3 due 09-30, asked X and Y: not yet due at 09-15, nothing counts.
    - R4 no due date, closed 08-01, asked X: X nothing.
    - 旧轮次: named only in the history (no round in the store), Y reports, X does not.
    """
    with Store(tmp_path / "r.sqlite") as s:
        plan = Plan(title="轮次考核")
        plan.roots = [Node(text="甲", lead=[X]), Node(text="乙", lead=[Y], responsible=[X, "各县区"]),
                      Node(text="丙", lead=[Y])]
        s.save_plan(plan)
        book = RoundBook(s)
        for name, due in [("R1", date(2024, 3, 31)), ("R2", date(2024, 6, 30)), ("R3", date(2024, 9, 30))]:
            book.open(plan.id, name, due, units=[X, Y], today=date(2024, 3, 1))
        book.close(book.open(plan.id, "R4", None, units=[X], today=date(2024, 7, 1)), today=date(2024, 8, 1))
        ids = {n.text: n.id for n, _ in plan.walk()}
        for task, unit, round_, day in [("甲", X, "R1", "2024-03-28"), ("乙", Y, "R1", "2024-04-05"),
                                        ("丙", Y, "R1", "2024-04-06"), ("乙", Y, "R2", "2024-06-30"),
                                        ("丙", Y, "旧轮次", "2024-05-01")]:
            s.add_progress(ProgressEntry.new(ids[task], unit, round_, "推进中", "进展", day))
        yield s


def test_rounds_not_reported_and_late_reports_score_by_the_default_rules(store):
    plan = store.load_plan(store.list_plans()[0].id)
    scores = {s.unit: s for s in plan_scores(store, plan, AT)}
    # X: 100 − 10 (R2) − 10 (R4) − 10 (旧轮次, from the history) = 70.
    # Y: 100 − 1 (R1, its first report 04-05 is 5 days after 03-31) = 99.
    assert {u: s.total for u, s in scores.items()} == {X: 70, Y: 99}
    assert sorted((i.rule, i.points, i.detail) for i in scores[X].items if i.rule != "基础分") == [
        ("未报送", -10, "R2"), ("未报送", -10, "R4"), ("未报送", -10, "旧轮次")]
    assert [(i.rule, i.points, i.detail) for i in scores[Y].items if i.rule != "基础分"] == [
        ("逾期", -1, "逾期 5 天，R1")]


def test_late_reports_by_the_day_and_a_later_date(store):
    plan = store.load_plan(store.list_plans()[0].id)
    rules = ScoringRules(late=-1, late_per_day=True, not_reported=-10)
    # at 10-01 R3 (due 09-30) is judged too: X and Y both reported nothing in it.
    events = store_events(store, plan, date(2024, 10, 1))
    assert sorted((e.unit, e.round) for e in events if e.kind is EventKind.NOT_REPORTED) == [
        (X, "R2"), (X, "R3"), (X, "R4"), (X, "旧轮次"), (Y, "R3")]
    totals = {s.unit: s.total for s in compute_scores(plan, events, rules)}
    assert totals == {X: 100 - 40, Y: 100 - 5 - 10}


def test_before_a_round_is_due_it_costs_nothing(store):
    plan = store.load_plan(store.list_plans()[0].id)
    # at 03-31 (R1's due day) no round is judged; 旧轮次 (reported 05-01) is not known yet either.
    assert {s.unit: s.total for s in plan_scores(store, plan, date(2024, 3, 31))} == {X: 100, Y: 100}
