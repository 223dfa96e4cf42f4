"""Comparing two 5,000-task plans (target < 2 s): a revised copy sharing ids, and the same list
imported twice (no shared ids: every task matched by its text)."""
import pytest

from helpers.factories import make_plan
from models.domain import Node
from models.plan_diff import Kind, diff_plans


def revised(plan):
    """Every 50th task reworded, the second task of every 10th indicator deleted and one inserted
    under the next; returns the copy and how many of each."""
    copy = plan.copy()
    counts = {Kind.CHANGED: 0, Kind.REMOVED: 0, Kind.ADDED: 0}
    for i, task in enumerate(n for n, d in copy.walk() if d == 3):
        if i % 50 == 0:
            task.text = task.text.replace("加快推进", "全力推进")
            counts[Kind.CHANGED] += 1
    for i, mid in enumerate([n for n, d in copy.walk() if d == 2]):
        if i % 10 == 0 and len(mid.children) > 1 and mid.children[1].text.find("全力") < 0:
            del mid.children[1]
            counts[Kind.REMOVED] += 1
        elif i % 10 == 1:
            mid.children.insert(1, Node(text=f"新增举措 {i}：建立健全长效机制。", lead=["市局1科"]))
            counts[Kind.ADDED] += 1
    return copy, counts


@pytest.fixture(scope="module")
def plans():
    a = make_plan(5000)
    return (a, *revised(a))


def test_diff_5000_tasks_same_ids(benchmark, plans):
    a, b, counts = plans
    diff = benchmark(diff_plans, a, b)
    assert diff.counts() == counts


def test_diff_5000_tasks_no_shared_ids(benchmark, plans):
    a, b, counts = plans
    b = b.copy()
    for node in b.walk_nodes():
        node.id = f"x{node.id}"
    diff = benchmark.pedantic(diff_plans, args=(a, b), rounds=3, iterations=1)
    assert diff.counts() == counts
