"""Scores of a plan with known events under the three rule sets of issue 17, every figure by hand.

The plan is :func:`factories.known_scoring_store` (its docstring lists every event).
"""
from __future__ import annotations

from datetime import date

import pytest

from models.scoring import (
    BASE_RULE,
    RATE_RULE,
    EventKind,
    ScoringRules,
    compute_scores,
    history_events,
    plan_scores,
    scores_json,
)
from models.store import Store
from helpers.factories import A, B, C, Q3, Q4, known_scoring_store as known_store

AT = date(2024, 12, 31)


@pytest.fixture
def known(tmp_path):
    store, plan = known_store(tmp_path / "scores.sqlite")
    yield store, plan
    store.close()


def totals(scores) -> dict[str, float]:
    return {s.unit: s.total for s in scores}


def test_default_rules_base_100_plus_minus_events(known):
    store, plan = known
    scores = plan_scores(store, plan, AT)  # no rules set: the defaults of the first example
    # A: 100 + 1 (T1 on time) + 1 (T5 on time) − 1 (T3 late); the −3 of 2025 is after the date.
    # B: 100 + 1 (T1) − 1 (T2 late) − 2 (T2 sent back) + 2 (表彰).
    # C: 100 + 1 (T4) − 1 (T3 late) − 10 (Q3) − 10 (Q4).
    assert totals(scores) == {A: 101, B: 100, C: 80}
    by_rule = {s.unit: s.by_rule() for s in scores}
    assert by_rule[C] == {BASE_RULE: 100, "按时完成": 1, "逾期": -1, "未报送": -20}
    b_items = {(i.rule, i.task, i.points, i.detail) for i in scores[1].items}
    assert ("加减分", "", 2, "获省级表彰（张三）") in b_items
    assert ("逾期", "（二）任务二", -1, "逾期 5 天") in b_items
    assert ("退回", "（二）任务二", -2, Q3) in b_items


def test_rate_rule_seventy_percent_earns_fifty(known):
    store, plan = known
    rules = ScoringRules(base=0, on_time=0, late=0, sent_back=0, not_reported=0,
                         rate_points=50, rate_threshold=70, rate_step=1)
    store.update_plan(plan.id, scoring=rules.to_dict())
    scores = plan_scores(store, store.load_plan(plan.id), AT)
    # A: T1, T5 on time, T3 late: 2/3 = 66.67 % → 3.33 points short of 70 → 46.67.
    # B: T1 on time, T2 late: 50 % → 20 short → 30, and the manual +2 → 32.
    # C: T4 on time, T3 late: 50 % → 30.
    assert totals(scores) == {A: 46.67, B: 32, C: 30}
    rate = next(i for i in scores[0].items if i.rule == RATE_RULE)
    assert rate.detail == "按时完成 2/3 项，66.7%"


def test_task_points_weighted_by_role_and_late_per_day(known):
    store, plan = known
    rules = ScoringRules(base_per_task=True, task_points=4, on_time=0, early=0.2, early_per_day=True,
                         late=-0.1, late_per_day=True, sent_back=-2, not_reported=-1,
                         lead_weight=1, responsible_weight=0.5)
    scores = compute_scores(plan, history_events(plan, store.plan_progress(plan.id), store.adjustments(plan.id), AT),
                            rules)
    by_rule = {s.unit: s.by_rule() for s in scores}
    # A: base 10 (T1 lead) + 4 × 50 % (T3, no 分值) + 5 (T5, full-width ５) = 17;
    #    early 0.2 × 10 (T1) + 0.2 × 11 (T5) = 4.2; late 0.1 × 31 days × 50 % (T3) = 1.55 → 19.65.
    assert by_rule[A] == {BASE_RULE: 17, "提前完成": 4.2, "逾期": -1.55}
    # B: base 10 × 50 % (T1) + 5 (T2) = 10; early 0.2 × 10 × 50 % = 1; late 0.1 × 5 = 0.5;
    #    sent back −2; manual +2 → 10.5.
    assert by_rule[B] == {BASE_RULE: 10, "提前完成": 1, "逾期": -0.5, "退回": -2, "加减分": 2}
    # C: base 4 (T3) + 3 (T4) = 7; late 0.1 × 31 = 3.1; two rounds not reported −2 → 1.9.
    assert by_rule[C] == {BASE_RULE: 7, "逾期": -3.1, "未报送": -2}
    assert totals(scores) == {A: 19.65, B: 10.5, C: 1.9}


def test_an_earlier_date_leaves_later_events_out(known):
    store, plan = known
    at = date(2024, 9, 30)
    # T2 and T5 not done yet and not yet late; T3 not due; the +2 of 11-01 not entered yet.
    # A: 100 + 1 (T1).  B: 100 + 1 (T1) − 2 (sent back 09-15).  C: 100 + 1 (T4) − 10 (Q3).
    assert totals(plan_scores(store, plan, at)) == {A: 101, B: 99, C: 91}


def test_history_events_name_the_umbrella_nowhere(known):
    store, plan = known
    events = history_events(plan, store.plan_progress(plan.id), store.adjustments(plan.id), AT)
    assert {e.unit for e in events} == {A, B, C}
    assert sorted((e.unit, e.round) for e in events if e.kind is EventKind.NOT_REPORTED) == [(C, Q3), (C, Q4)]


def test_json_lists_every_unit_with_its_items(known):
    store, plan = known
    data = scores_json(plan_scores(store, plan, AT), AT, ScoringRules())
    assert data["at"] == "2024-12-31"
    assert [(u["unit"], u["total"]) for u in data["units"]] == [(A, 101), (B, 100), (C, 80)]
    assert all(isinstance(u["total"], int) for u in data["units"])
    assert {"rule": "按时完成", "task": "（五）任务五", "points": 1, "detail": ""} in data["units"][0]["items"]


def test_rules_from_a_dict_refuse_unknown_keys_and_wrong_types():
    assert ScoringRules.from_dict({}) == ScoringRules()
    assert ScoringRules.from_dict({"late": -2, "late_per_day": True}).late == -2.0
    with pytest.raises(ValueError, match="未知的评分规则项：bonus"):
        ScoringRules.from_dict({"bonus": 1})
    with pytest.raises(ValueError, match="应为数字"):
        ScoringRules.from_dict({"late": "-1"})


def test_scoring_fields_and_rules_survive_the_store(tmp_path):
    store, plan = known_store(tmp_path / "s.sqlite")
    store.update_plan(plan.id, scoring={"base": 60})
    store.close()
    with Store(tmp_path / "s.sqlite") as again:
        reloaded = again.load_plan(plan.id)
        assert reloaded.scoring == {"base": 60}
        assert [n.points for n in reloaded.walk_nodes()] == ["", "10分", "5", "", "3分", "５"]
        assert [a.reason for a in again.adjustments(plan.id)] == ["获省级表彰", "数据报送错误"]
