from models.demo import demo_plan
from models.domain import Column, Plan
from models.tree_model import NodeIdRole, PlanTreeModel


def test_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(PlanTreeModel(demo_plan()))


def test_empty_plan(qtmodeltester):
    qtmodeltester.check(PlanTreeModel(Plan()))


def test_columns_follow_the_plan():
    plan = demo_plan()
    plan.columns = [Column.RESPONSIBLE, Column.LEADER, Column.DEADLINE]
    model = PlanTreeModel(plan)
    assert [h for _, h in model.columns] == ["序号", "指标（任务）", "责任单位", "责任领导", "完成时限"]


def test_index_of_finds_nodes():
    plan = demo_plan()
    model = PlanTreeModel(plan)
    leaf = plan.roots[2].children[1].children[0]
    index = model.index_of(leaf.id, 1)
    assert index.data(NodeIdRole) == leaf.id
    assert index.data() == leaf.text
    assert model.index_of("missing").isValid() is False
