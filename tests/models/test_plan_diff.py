"""Comparing the demo with a revised copy: every move, insertion, deletion, unit change and
rewording is reported once, with its fields and its note, whether the two versions share ids
(a snapshot, an edited copy) or not (the same list imported twice)."""
from __future__ import annotations

import pytest

from models.demo import demo_plan
from helpers.factories import NEW_POWER_TASK, NEW_ROOT, NEW_ROOT_TASK, revise
from models.domain import Plan
from models.numbering import number_plan
from models.plan_diff import Kind, diff_plans
from models.revision_notes import revision_rows

def expected(a: Plan, b: Plan) -> dict[tuple[str, str], tuple[tuple[str, ...], str]]:
    """(kind, text) -> (changed fields, note), read off the revisions above."""
    ra = a.roots
    numbers_b = number_plan(b)
    random_checks = b.roots[4].children[0]
    moved = ra[0].children[0].children[5].text
    front = ra[3].children[3].children[5].text
    joint = ra[0].children[1].children[0]
    return {
        ("moved", moved): ((), f"调整至“{numbers_b[random_checks.id]}{random_checks.text}”下。"),
        ("moved", front): ((), "同级顺序由第6项调整为第1项。"),
        ("added", NEW_POWER_TASK): ((), "新增。"),
        ("added", NEW_ROOT): ((), "新增。"),
        ("added", NEW_ROOT_TASK): ((), "新增。"),
        ("removed", "建立公务员诚信档案。"): ((), "删除。"),
        ("removed", "城市服务"): ((), "删除。"),
        ("removed", "优化城市服务"): ((), "删除。"),
        ("removed", ra[5].children[0].children[0].text): ((), "删除。"),
        ("removed", ra[5].children[0].children[1].text): ((), "删除。"),
        ("changed", ra[2].children[0].children[0].text): (
            ("responsible",), "责任单位增加市城管执法局，删去达州水务集团。"),
        ("changed", ra[4].children[2].children[-2].text): (("lead",), "牵头单位调整顺序。"),
        ("changed", joint.text): (("text",), "修改指标文本。"),
        ("changed", "政务服务效能"): (("text",), "修改指标文本。"),
        ("changed", "按照省上统一部署开展全市营商环境评价工作。"): (
            ("leader", "deadline", "tags"),
            "增加责任领导“张三”；完成时限由“2023年9月”改为“2023年12月”；标记增加★。"),
    }


def reported(a: Plan, b: Plan) -> dict[tuple[str, str], tuple[tuple[str, ...], str]]:
    rows = revision_rows(diff_plans(a, b))
    out = {(r.change.kind.value, (r.change.a or r.change.b).text): (tuple(f.field for f in r.change.fields), r.note)
           for r in rows}
    assert len(out) == len(rows), "a change reported twice"
    return out


@pytest.mark.parametrize("shared_ids", [True, False], ids=["same-ids", "imported-twice"])
def test_every_revision_is_reported_once(shared_ids):
    a = demo_plan()
    b = revise(a.copy() if shared_ids else demo_plan())
    assert reported(a, b) == expected(a, b)


def test_changes_follow_the_revised_list_with_removals_where_they_stood():
    a = demo_plan()
    b = revise(a.copy())
    diff = diff_plans(a, b)
    order_b = {n.id: i for i, n in enumerate(b.walk_nodes())}
    kept = [order_b[c.b.id] for c in diff.changes if c.b is not None]
    assert kept == sorted(kept)
    texts = [(c.a or c.b).text for c in diff.changes]
    # 城市服务 stood between 市场监管's last task and 保障措施: its removal is listed there.
    assert texts.index("城市服务") < texts.index("按照省上统一部署开展全市营商环境评价工作。")
    assert texts.index("城市服务") > texts.index("建立公务员诚信档案。")


def test_the_matched_pairs_and_unchanged_tasks():
    a = demo_plan()
    b = revise(a.copy())
    diff = diff_plans(a, b)
    assert len(diff.pairs) == a.node_count() - 5  # five removed
    assert b.node_count() == len(diff.pairs) + 3  # three added
    assert diff.counts() == {Kind.MOVED: 2, Kind.ADDED: 3, Kind.REMOVED: 5, Kind.CHANGED: 5}


def test_identical_plans_have_no_changes():
    assert diff_plans(demo_plan(), demo_plan()).changes == []


def test_a_reworded_indicator_keeps_its_tasks():
    """Without shared ids an indicator reworded past recognition is still matched through its tasks."""
    a = demo_plan()
    b = demo_plan()
    b.roots[2].children[3].text = "个性化价格政策"  # was 个性化水价、气价优惠政策
    changes = diff_plans(a, b).changes
    assert [(c.kind, c.a.text, c.b.text) for c in changes] == [
        (Kind.CHANGED, "个性化水价、气价优惠政策", "个性化价格政策")]
