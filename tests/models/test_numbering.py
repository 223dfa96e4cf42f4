import pytest

from models.domain import PER_PARENT, Node, Numbering, Plan
from models.numbering import chinese_numeral, label, number_plan


@pytest.mark.parametrize("n, text", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
    (99, "九十九"), (100, "一百"), (101, "一百零一"), (105, "一百零五"), (110, "一百一十"),
    (111, "一百一十一"), (384, "三百八十四"), (1000, "一千"), (1005, "一千零五"), (1010, "一千零一十"),
    (2019, "二千零一十九"),
])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_chinese_numeral_out_of_range(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


@pytest.mark.parametrize("depth, n, text", [
    (1, 1, "一、"), (1, 11, "十一、"), (2, 1, "（一）"), (2, 105, "（一百零五）"), (3, 57, "57."),
    (4, 3, "（3）"), (5, 1, "①"), (5, 20, "⑳"), (5, 21, "㉑"), (5, 50, "㊿"), (5, 51, "(51)"),
])
def test_labels(depth, n, text):
    assert label(depth, n) == text


def _tree(numbering):
    # two parents with two children each, each child with two grandchildren
    roots = [Node(text=f"P{i}", children=[
        Node(text=f"C{i}{j}", children=[Node(text=f"G{i}{j}{k}") for k in range(2)]) for j in range(2)
    ]) for i in range(2)]
    return Plan(roots=roots, numbering=numbering)


def _labels(plan):
    numbers = number_plan(plan)
    return [(n.text, numbers[n.id]) for n, _ in plan.walk()]


def test_continuous_numbering_runs_through_the_list():
    got = dict(_labels(_tree(Numbering.CONTINUOUS)))
    assert [got[k] for k in ("P0", "P1")] == ["一、", "二、"]
    assert [got[k] for k in ("C00", "C01", "C10", "C11")] == ["（一）", "（二）", "（三）", "（四）"]
    assert [got[k] for k in ("G000", "G001", "G010", "G011", "G100", "G111")] == ["1.", "2.", "3.", "4.", "5.", "8."]


def test_restart_numbering_restarts_under_each_parent():
    got = dict(_labels(_tree(Numbering.RESTART)))
    assert [got[k] for k in ("C00", "C01", "C10", "C11")] == ["（一）", "（二）", "（一）", "（二）"]
    assert [got[k] for k in ("G000", "G001", "G010", "G100")] == ["1.", "2.", "1.", "1."]


def test_one_hundred_and_five_second_level_items():
    plan = Plan(roots=[Node(children=[Node() for _ in range(105)])])
    numbers = number_plan(plan)
    assert numbers[plan.roots[0].children[-1].id] == "（一百零五）"


# -- numbers as printed: styles that skip a level, scopes, counts that start above 1 ---------------

def test_a_list_numbered_from_arabic_keeps_its_style_and_the_level_below():
    # 1. 2. at the top with (1) (2) under the first: no 一、 is invented
    plan = Plan(roots=[Node(text="a", number_style=3, children=[Node(text="a1"), Node(text="a2")]),
                       Node(text="b"), Node(text="c")], numbering=Numbering.RESTART)
    assert _labels(plan) == [("a", "1."), ("a1", "（1）"), ("a2", "（2）"), ("b", "2."), ("c", "3.")]


def test_a_style_named_once_holds_for_its_siblings_and_never_rises_above_the_parent():
    # the group under 一、 prints 1. (one named is enough: a task added beside it prints alike);
    # a 1. indented under another 1. prints (1), not a second 1.
    inner = Node(text="x", number_style=3)
    plan = Plan(roots=[Node(text="一", children=[Node(text="t1", number_style=3, children=[inner]), Node(text="t2")])],
                numbering=Numbering.RESTART)
    assert _labels(plan) == [("一", "一、"), ("t1", "1."), ("x", "（1）"), ("t2", "2.")]


def test_tasks_run_on_through_headings_that_restart():
    # 一、（一）1. 2.（二）3. 二、（一）4. — the （一） under 二、 starts again, the tasks do not
    def heading(text, *children):
        return Node(text=text, children=list(children))
    plan = Plan(roots=[heading("一", heading("一1", Node(text="t1"), Node(text="t2")), heading("一2", Node(text="t3"))),
                       heading("二", heading("二1", Node(text="t4")))],
                numbering=Numbering.CONTINUOUS, number_scopes={"2": PER_PARENT, "3": 0})
    got = dict(_labels(plan))
    assert [got[k] for k in ("一1", "一2", "二1")] == ["（一）", "（二）", "（一）"]
    assert [got[k] for k in ("t1", "t2", "t3", "t4")] == ["1.", "2.", "3.", "4."]


def test_tasks_run_on_within_each_top_heading():
    # scope 1: the tasks count through the （一）（二） groups of a 一、 and start again under 二、
    plan = Plan(roots=[Node(text="一", children=[Node(text="g1", children=[Node(text="t1")]),
                                                 Node(text="g2", children=[Node(text="t2"), Node(text="t3")])]),
                       Node(text="二", children=[Node(text="g3", children=[Node(text="t4")])])],
                numbering=Numbering.CONTINUOUS, number_scopes={"2": PER_PARENT, "3": 1})
    got = dict(_labels(plan))
    assert [got[k] for k in ("t1", "t2", "t3", "t4")] == ["1.", "2.", "3.", "1."]


def test_restart_numbering_ignores_the_scopes_of_a_continuous_plan():
    plan = Plan(roots=[Node(children=[Node(text="a")]), Node(children=[Node(text="b")])],
                numbering=Numbering.RESTART, number_scopes={"2": 0})
    got = dict(_labels(plan))
    assert got["a"] == got["b"] == "（一）"


def test_a_count_starts_where_the_node_says_and_the_next_ones_count_on():
    # the document's 一、 held no task: the list starts at 二、 and (in continuous mode) at （三）
    plan = Plan(roots=[Node(text="二", number_from=2, children=[Node(text="c3", number_from=3), Node(text="c4")]),
                       Node(text="三", children=[Node(text="c5")])], numbering=Numbering.CONTINUOUS)
    assert _labels(plan) == [("二", "二、"), ("c3", "（三）"), ("c4", "（四）"), ("三", "三、"), ("c5", "（五）")]
