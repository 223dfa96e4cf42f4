import pytest

from models.domain import Node, Numbering, Plan
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
