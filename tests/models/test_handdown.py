"""Hand-down (分解下达) in the domain: derived plans and their links, and the roll-up rule."""
import pytest

from helpers.factories import city_plan
from models.domain import Node, SourceLink, Status
from models.handdown import (
    HanddownError,
    derive_plan,
    handed_ids,
    own_below,
    with_sub_tasks,
    reported_state,
    source_of,
    summarise,
)
from models.node_json import plan_from_dict, plan_to_dict


def shape(plan):
    return [(d, n.text, n.sources[0].handed if n.sources else None) for n, d in plan.walk()]


def test_a_derived_plan_takes_the_receivers_tasks_and_their_ancestors():
    city = city_plan()
    county = derive_plan(city, "甲县")
    assert shape(county) == [(1, "优化营商环境", False), (2, "压缩企业开办时间", True), (2, "推进政务服务“一网通办”", True)]
    by_text = {n.text: n for n in city.walk_nodes()}
    numbers = {"优化营商环境": "一、", "压缩企业开办时间": "（一）", "推进政务服务“一网通办”": "（二）"}
    for node in county.walk_nodes():
        source = by_text[node.text]
        assert node.id != source.id  # ids are the store's keys: new ones
        assert node.sources == [SourceLink(city.id, source.id, "甲县", city.title, "达州市人民政府",
                                           node.text != "优化营商环境", numbers[node.text])]
        assert (node.lead, node.responsible, node.deadline) == (source.lead, source.responsible, source.deadline)
    assert (county.id != city.id, county.title, county.issuer) == (True, "达州市2024年重点任务清单（甲县）", "甲县")
    assert county.level_names == city.level_names
    yi = derive_plan(city, "乙县")
    assert shape(yi) == [(1, "优化营商环境", False), (2, "压缩企业开办时间", True),
                         (1, "改善民生", False), (2, "新建养老机构", True)]
    assert yi.roots[1].children[0].sources[0].number == "（三）"  # its number in the city's list, not in 乙县's


def test_a_chosen_subtree_goes_down_whole_and_progress_starts_afresh():
    city = city_plan()
    livelihood = city.roots[1]
    livelihood.children[0].status, livelihood.children[0].progress = Status.DONE, "城市的进展"
    district = derive_plan(city, "通川区", [livelihood.id])
    assert shape(district) == [(1, "改善民生", True), (2, "新建养老机构", True), (2, "推进城市更新", True)]
    assert {(n.status, n.progress) for n in district.walk_nodes()} == {(Status.NOT_STARTED, "")}
    assert handed_ids(city, "通川区", [livelihood.id]) == [livelihood.id] + [c.id for c in livelihood.children]


def test_nothing_to_hand_down_is_said():
    with pytest.raises(HanddownError, match="丙县"):
        derive_plan(city_plan(), "丙县")
    with pytest.raises(HanddownError, match="没有编号为 nope"):
        derive_plan(city_plan(), "丙县", ["nope"])


def test_levels_chain_nearest_source_first():
    province = city_plan()
    province.title, province.issuer = "四川省2024年重点任务清单", "四川省人民政府"
    province.roots[0].children[0].responsible = ["达州市"]
    city = derive_plan(province, "达州市")
    city.roots[0].children[0].responsible = ["通川区"]  # the city assigns its own units
    county = derive_plan(city, "通川区")
    task = county.roots[0].children[0]
    assert [(link.plan_id, link.receiver, link.issuer) for link in task.sources] == [
        (city.id, "通川区", "达州市"), (province.id, "达州市", "四川省人民政府")]
    assert task.sources[1].node_id == province.roots[0].children[0].id
    assert source_of(county).plan_id == city.id


def test_sources_survive_the_json_of_plans():
    county = derive_plan(city_plan(), "甲县")
    back = plan_from_dict(plan_to_dict(county))
    assert [n.sources for n in back.walk_nodes()] == [n.sources for n in county.walk_nodes()]


@pytest.mark.parametrize("states, expected", [
    ([], Status.NOT_STARTED),
    ([Status.DONE, Status.DONE], Status.DONE),
    ([Status.DONE, Status.IN_PROGRESS], Status.IN_PROGRESS),
    ([Status.DONE, Status.NOT_STARTED], Status.IN_PROGRESS),  # one done: under way
    ([Status.NOT_STARTED, Status.NOT_STARTED], Status.NOT_STARTED),
    ([Status.DONE, Status.LATE, Status.IN_PROGRESS], Status.LATE),
    ([Status.DONE], Status.DONE),
])
def test_the_roll_up_rule(states, expected):
    assert summarise(states) is expected


def test_what_a_receiver_reports_for_a_task_with_sub_tasks():
    county = derive_plan(city_plan(), "甲县")
    task = county.roots[0].children[0]
    assert reported_state(task) is Status.NOT_STARTED
    task.progress = "已制定方案"
    task.children = [Node(text="县级压缩到1天", status=Status.DONE, progress="已实现"),
                     Node(text="乡镇代办", status=Status.IN_PROGRESS)]
    assert reported_state(task) is Status.IN_PROGRESS
    assert own_below(task) == task.children
    assert with_sub_tasks("已制定方案", [("1.县级压缩到1天", "已完成", "已实现"), ("2.乡镇代办", "推进中", "")]) == (
        "已制定方案\n1.县级压缩到1天：［已完成］已实现\n2.乡镇代办：［推进中］")
    assert with_sub_tasks("", [("1.乡镇代办", "", "")]) == "1.乡镇代办：［未填］"


def test_a_plan_of_its_own_or_of_two_sources_reports_nowhere():
    with pytest.raises(HanddownError, match="不是分解下达的清单"):
        source_of(city_plan())
    mixed = derive_plan(city_plan(), "甲县")
    other = derive_plan(city_plan(), "乙县")
    mixed.roots += other.roots
    with pytest.raises(HanddownError, match="多份上级清单"):
        source_of(mixed)


def test_the_record_of_what_went_to_whom_follows_tasks_and_units(tmp_path):
    from models.store import Store

    city = city_plan()
    shared, online = [n.id for n in city.walk_nodes() if not n.children][:2]
    with Store(tmp_path / "s.sqlite") as store:
        store.save_plan(city)
        store.record_handdown("甲县", [shared, online], "2024-03-01", "a.xlsx")
        store.record_handdown("乙县", [shared], "2024-03-01", "b.xlsx")
        store.record_handdown("甲县", [shared], "2024-03-05", "c.xlsx")  # again: the newer file, once
        assert store.handdowns(city.id) == {shared: ["甲县", "乙县"], online: ["甲县"]}
        taken = store.rows_below([online])  # deleting the task takes its record; undo puts it back
        store.delete_subtrees([online])
        assert store.handdowns(city.id) == {shared: ["甲县", "乙县"]}
        store.insert_subtrees(city.id, city.roots[0].id, 1, [city.find(online)])
        store.put_rows(taken)
        assert store.handdowns(city.id)[online] == ["甲县"]
        units = {u.name: u.id for u in store.list_units()}
        store.merge_units(units["乙县"], units["甲县"])  # a duplicate merged: its hand-downs move
        assert store.handdowns(city.id) == {shared: ["甲县"], online: ["甲县"]}
        rows = store.handdown_rows(city.id)
        store.put_handdown_rows(city.id, [])
        assert store.handdowns(city.id) == {}
        store.put_handdown_rows(city.id, rows)
        assert store.handdown_rows(city.id) == rows
