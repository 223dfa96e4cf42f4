"""Node-level edits of the store: each one transaction, siblings kept contiguous."""
import pytest

from models.demo import demo_plan
from models.domain import Column, Node, Numbering, Plan, Status
from models.store import ProgressEntry


@pytest.fixture
def plan(store):
    p = Plan(title="编辑", roots=[Node(text=t, children=[Node(text=t + c) for c in "xyz"]) for t in "ABC"])
    store.save_plan(p)
    return p


def texts(store, plan_id):
    return [("  " * (d - 1)) + n.text for n, d in store.load_plan(plan_id).walk()]


def positions_are_contiguous(store):
    rows = store.conn.execute(
        "SELECT parent_id, plan_id, GROUP_CONCAT(position) FROM nodes GROUP BY plan_id, parent_id"
    ).fetchall()
    return all(sorted(map(int, r[2].split(","))) == list(range(len(r[2].split(",")))) for r in rows)


def test_insert_subtrees_in_the_middle(store, plan):
    store.insert_subtrees(plan.id, plan.roots[1].id, 1, [Node(text="N1", children=[Node(text="N1a")]), Node(text="N2")])
    b = store.load_plan(plan.id).roots[1]
    assert [c.text for c in b.children] == ["Bx", "N1", "N2", "By", "Bz"]
    assert b.children[1].children[0].text == "N1a"
    assert positions_are_contiguous(store)


def test_insert_at_top_level(store, plan):
    store.insert_subtrees(plan.id, None, 0, [Node(text="first")])
    assert [n.text for n in store.load_plan(plan.id).roots] == ["first", "A", "B", "C"]


def test_delete_subtrees(store, plan):
    store.delete_subtrees([plan.roots[0].children[1].id, plan.roots[2].id])
    assert texts(store, plan.id) == ["A", "  Ax", "  Az", "B", "  Bx", "  By", "  Bz"]
    assert positions_are_contiguous(store)


@pytest.mark.parametrize("target, position, expected_roots", [
    (None, 0, ["Cx", "A", "B", "C"]),
    (None, 3, ["A", "B", "C", "Cx"]),
])
def test_move_to_top_level(store, plan, target, position, expected_roots):
    store.move_node(plan.roots[2].children[0].id, target, position)
    assert [n.text for n in store.load_plan(plan.id).roots] == expected_roots
    assert positions_are_contiguous(store)


def test_move_within_siblings(store, plan):
    a = plan.roots[0]
    store.move_node(a.children[0].id, a.id, 2)
    assert [c.text for c in store.load_plan(plan.id).roots[0].children] == ["Ay", "Az", "Ax"]
    assert positions_are_contiguous(store)


def test_update_node_fields_and_units(store, plan):
    node = plan.roots[0].children[0]
    store.update_node(node.id, text="新文本", deadline="2024年6月底前", tags=["★"], status=Status.DONE,
                      lead=["市财政局"], responsible=["市住建局", "市 财政局", "市教育局"])
    back = store.load_plan(plan.id).find(node.id)
    assert (back.text, back.deadline, back.tags, back.status) == ("新文本", "2024年6月底前", ["★"], Status.DONE)
    assert back.lead == ["市财政局"] and back.responsible == ["市住建局", "市财政局", "市教育局"]
    with pytest.raises(TypeError):
        store.update_node(node.id, colour="red")


def test_update_plan_fields(store, plan):
    store.update_plan(plan.id, title="新标题", numbering=Numbering.RESTART, columns=[Column.LEAD],
                      tag_legend={"★": "重点"})
    back = store.load_plan(plan.id)
    assert (back.title, back.numbering, back.columns, back.tag_legend) == (
        "新标题", Numbering.RESTART, [Column.LEAD], {"★": "重点"})
    assert store.last_saved(plan.id)


def test_progress_history(store):
    plan = demo_plan()
    store.save_plan(plan)
    leaf = plan.roots[0].children[0].children[0]
    store.add_progress(ProgressEntry.new(leaf.id, "执法监督科", "第一季度", "推进中", "已完成方案", "2024-03-31"))
    store.add_progress(ProgressEntry.new(leaf.id, "", "第二季度", "已完成", "全部完成", None))
    history = store.progress_history(leaf.id)
    assert [(e.unit, e.round, e.text) for e in history] == [
        ("执法监督科", "第一季度", "已完成方案"), ("", "第二季度", "全部完成")]
