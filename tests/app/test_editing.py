"""PlanEditor: every edit is one undoable command, saved at once, model and store equal."""
import json

import pytest

from editing.plan_editor import PlanEditor
from models.domain import Node, Plan, Status
from models.store import Store


def outline(plan_or_model):
    plan = getattr(plan_or_model, "plan", plan_or_model)
    return [("  " * (d - 1)) + n.text for n, d in plan.walk()]


def full(plan):
    return [(n.id, d, n.text, n.lead, n.responsible, n.deadline, n.leader, n.remarks, n.tags, n.status, n.progress)
            for n, d in plan.walk()]


@pytest.fixture
def editor(qapp, store):
    plan = Plan(title="测试", roots=[Node(text=t, children=[Node(text=t + c) for c in "xyz"]) for t in "ABC"])
    store.save_plan(plan)
    ed = PlanEditor(store)
    ed.open_plan(plan.id)
    return ed


def check(editor, qtmodeltester=None):
    """The model and a fresh read of the store hold the same tree."""
    stored = editor.store.load_plan(editor.plan_id)
    assert full(stored) == full(editor.model.plan)
    if qtmodeltester is not None:
        qtmodeltester.check(editor.model)


def ids(editor, *texts):
    by_text = {n.text: n.id for n, _ in editor.model.plan.walk()}
    return [by_text[t] for t in texts]


def undo_redo_round(editor, before, after):
    editor.undo()
    assert outline(editor.model) == before
    check(editor)
    editor.redo()
    assert outline(editor.model) == after
    check(editor)


def test_set_fields(editor, qtmodeltester):
    before = full(editor.model.plan)
    (ax,) = ids(editor, "Ax")
    editor.set_fields(ax, text="新", lead=["市 财政局"], responsible=["甲", "乙"], deadline="2024年6月底前",
                      status=Status.LATE, tags=["★"])
    node = editor.model.node_by_id(ax)
    assert (node.text, node.lead, node.status) == ("新", ["市财政局"], Status.LATE)
    check(editor, qtmodeltester)
    assert editor.stack.undoText().startswith("修改")
    editor.undo()
    assert full(editor.model.plan) == before
    check(editor)
    editor.redo()
    assert editor.model.node_by_id(ax).responsible == ["甲", "乙"]
    check(editor)


def test_unchanged_fields_push_nothing(editor):
    (ax,) = ids(editor, "Ax")
    editor.set_fields(ax, text="Ax")
    assert editor.stack.count() == 0


def test_add_sibling_and_child(editor, qtmodeltester):
    before = outline(editor.model)
    (ay,) = ids(editor, "Ay")
    editor.add_sibling(ay, "S")
    editor.add_child(ay, "K")
    editor.add_sibling(None, "top")
    after = outline(editor.model)
    assert after == ["A", "  Ax", "  Ay", "    K", "  S", "  Az", "B", "  Bx", "  By", "  Bz",
                     "C", "  Cx", "  Cy", "  Cz", "top"]
    check(editor, qtmodeltester)
    for _ in range(3):
        editor.undo()
    assert outline(editor.model) == before
    check(editor)


def test_delete_subtree_and_selection_inside_it(editor, qtmodeltester):
    before = outline(editor.model)
    b, bx, cy = ids(editor, "B", "Bx", "Cy")
    editor.delete_nodes([bx, b, cy])
    after = outline(editor.model)
    assert after == ["A", "  Ax", "  Ay", "  Az", "C", "  Cx", "  Cz"]
    assert editor.stack.undoText() == "删除（5 项）"
    check(editor, qtmodeltester)
    undo_redo_round(editor, before, after)


def test_indent_and_outdent(editor, qtmodeltester):
    before = outline(editor.model)
    ay, az = ids(editor, "Ay", "Az")
    editor.indent([ay, az])
    after = outline(editor.model)
    assert after[:4] == ["A", "  Ax", "    Ay", "    Az"]
    check(editor, qtmodeltester)
    undo_redo_round(editor, before, after)
    editor.outdent([ay, az])
    assert outline(editor.model)[:4] == ["A", "  Ax", "  Ay", "  Az"]
    editor.outdent([ay, az])
    assert outline(editor.model)[:5] == ["A", "  Ax", "Ay", "Az", "B"]
    check(editor, qtmodeltester)


def test_first_child_cannot_indent(editor):
    (ax,) = ids(editor, "Ax")
    editor.indent([ax])
    assert editor.stack.count() == 0


def test_move_up_and_down(editor, qtmodeltester):
    before = outline(editor.model)
    ay, az, c = ids(editor, "Ay", "Az", "C")
    editor.move_up([ay, az])
    assert outline(editor.model)[:4] == ["A", "  Ay", "  Az", "  Ax"]
    editor.move_down([c])  # already last: nothing
    assert editor.stack.count() == 1
    editor.move_up([c])
    assert [t for t in outline(editor.model) if not t.startswith(" ")] == ["A", "C", "B"]
    check(editor, qtmodeltester)
    editor.undo()
    editor.undo()
    assert outline(editor.model) == before
    (ax,) = ids(editor, "Ax")
    editor.move_down([ax])
    assert outline(editor.model)[:4] == ["A", "  Ay", "  Ax", "  Az"]
    check(editor)


def test_move_several_to_another_parent(editor, qtmodeltester):
    before = outline(editor.model)
    ax, bz, c, cy = ids(editor, "Ax", "Bz", "C", "Cy")
    editor.move_nodes([bz, ax], c, 1)
    after = outline(editor.model)
    assert after[-6:] == ["C", "  Cx", "  Ax", "  Bz", "  Cy", "  Cz"]
    check(editor, qtmodeltester)
    undo_redo_round(editor, before, after)
    editor.move_nodes([c], cy, 0)  # into its own subtree: refused
    assert outline(editor.model) == after


def test_copy_and_paste_subtrees_get_new_ids(editor, qtmodeltester):
    a, c = ids(editor, "A", "C")
    payload = editor.copy_payload([a])
    assert json.loads(payload)["dutymatrix-nodes"][0]["children"][0]["text"] == "Ax"
    new = editor.paste_nodes(payload, c, 3)
    assert outline(editor.model)[-4:] == ["  A", "    Ax", "    Ay", "    Az"]
    assert new[0] != a
    check(editor, qtmodeltester)


def test_paste_text_lines(editor):
    (b,) = ids(editor, "B")
    editor.paste_nodes("（一）第一\n1.子项\n（二）第二", b, 0)
    assert outline(editor.model)[4:9] == ["B", "  第一", "    子项", "  第二", "  Bx"]
    check(editor)
    editor.undo()
    assert outline(editor.model)[4:6] == ["B", "  Bx"]


def test_numbers_update_live(editor):
    (ay,) = ids(editor, "Ay")
    model = editor.model
    assert model.number_of(ay) == "（二）"
    editor.add_sibling(None, "新")  # top level does not shift continuous level-2 numbers
    (ax,) = ids(editor, "Ax")
    editor.delete_nodes([ax])
    assert model.number_of(ay) == "（一）"


def test_plan_library_commands(editor, store):
    first = editor.plan_id
    copy = editor.duplicate_plan(first)
    assert editor.plan_id == copy.id
    assert [p.title for p in store.list_plans()] == ["测试", "测试（副本）"]
    assert outline(store.load_plan(copy.id)) == outline(store.load_plan(first))
    editor.update_plan(copy.id, title="改名")
    assert store.list_plans()[1].title == "改名"
    editor.delete_plan(copy.id)
    assert [p.title for p in store.list_plans()] == ["测试"] and editor.plan_id == first
    editor.undo()
    assert [p.title for p in store.list_plans()] == ["测试", "改名"] and editor.plan_id == copy.id
    editor.undo()
    editor.undo()
    assert [p.title for p in store.list_plans()] == ["测试"] and editor.plan_id == first


def test_delete_the_last_plan_and_undo(qapp, store):
    plan = Plan(title="唯一", roots=[Node(text="a")])
    store.save_plan(plan)
    editor = PlanEditor(store)
    editor.open_plan(plan.id)
    editor.delete_plan(plan.id)
    assert editor.plan_id is None and editor.model.rowCount() == 0
    editor.undo()
    assert editor.plan_id == plan.id and outline(editor.model) == ["a"]


def test_undo_of_an_edit_in_another_plan_opens_it(editor, store):
    (ax,) = ids(editor, "Ax")
    first = editor.plan_id
    editor.set_fields(ax, text="改")
    other = Plan(title="其他")
    editor.add_plan(other)
    assert editor.plan_id == other.id
    editor.undo()  # the add
    editor.undo()  # the text edit, in the first plan
    assert editor.plan_id == first
    assert editor.model.node_by_id(ax).text == "Ax"


def test_unit_rename_and_merge(editor, store):
    ax, bx = ids(editor, "Ax", "Bx")
    editor.set_fields(ax, lead=["市住建局"], responsible=["市财政局"])
    editor.set_fields(bx, lead=["市住房城乡建设局"], responsible=["市住建局"])
    units = {u.name: u for u in store.list_units()}
    editor.merge_units(units["市住建局"].id, units["市住房城乡建设局"].id)
    assert editor.model.node_by_id(ax).lead == ["市住房城乡建设局"]
    assert editor.model.node_by_id(bx).responsible == ["市住房城乡建设局"]
    assert "市住建局" in store.unit(units["市住房城乡建设局"].id).aliases
    check(editor)
    editor.undo()
    assert editor.model.node_by_id(ax).lead == ["市住建局"]
    check(editor)
    editor.rename_unit(units["市财政局"].id, "市财政局（国资委）")
    assert editor.model.node_by_id(ax).responsible == ["市财政局（国资委）"]
    editor.undo()
    assert editor.model.node_by_id(ax).responsible == ["市财政局"]
    check(editor)


def test_failed_command_is_dropped_and_reported(editor, qtbot):
    (ax,) = ids(editor, "Ax")
    units = editor.store  # a rename onto an existing name fails inside the command
    editor.set_fields(ax, lead=["甲"], responsible=["乙"])
    count = editor.stack.count()
    by_name = {u.name: u.id for u in units.list_units()}
    with qtbot.waitSignal(editor.failed) as blocker:
        editor.rename_unit(by_name["甲"], "乙")
    assert "已有名为" in blocker.args[0]
    assert editor.stack.count() == count
    check(editor)


def test_read_only_store_refuses_edits(editor, tmp_path, qtbot):
    with Store(editor.store.path) as second:
        viewer = PlanEditor(second)
        viewer.open_plan(editor.plan_id)
        with qtbot.waitSignal(viewer.failed):
            viewer.add_sibling(None, "x")
        assert viewer.stack.count() == 0
        assert viewer.model.editor is None
