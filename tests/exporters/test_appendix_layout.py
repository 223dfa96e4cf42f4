from models.demo import demo_plan
from models.domain import Column, Node, Plan
from exporters.appendix_layout import LayoutOptions, Merge, TABLE_WIDTH_MM, build_appendix, legend_lines


def test_demo_appendix_has_the_seed_columns_and_one_row_per_task():
    table = build_appendix(demo_plan())
    assert table.headers == ["一级指标", "二级指标", "三级指标", "牵头单位", "责任单位", "完成时限", "备注"]
    assert len(table.rows) == 56
    assert table.rows[0][:3] == ["一、办理建筑许可（市级牵头单位：市住建局）", "（一）办理环节", "1.探索推广“一口验收”。从受理申请、到发放许可文件，实行一个窗口受理、一次性告知申报材料和验收流程、一次性集中上门服务、一次性提出整改意见，变“多部门受理”为“一口受理”。"]
    assert table.rows[-1][2].startswith("56.")
    assert abs(sum(c.width_mm for c in table.columns) - TABLE_WIDTH_MM) < 0.5
    # 一级指标 一 spans tasks 1–9, (一) spans 1–6
    assert Merge(0, 0, 8) in table.merges and Merge(1, 0, 5) in table.merges
    centered = {c.key for c in table.columns if c.centered}
    assert centered == {"deadline"}


def test_equal_fields_merge_under_one_parent_only():
    plan = Plan(roots=[
        Node(text="A", children=[Node(text="a1", lead=["甲"]), Node(text="a2", lead=["甲"])]),
        Node(text="B", children=[Node(text="b1", lead=["甲"])]),
    ], columns=[Column.LEAD])
    table = build_appendix(plan, LayoutOptions(merge_equal_fields=True))
    lead = [c.key for c in table.columns].index("lead")
    assert [m for m in table.merges if m.column == lead] == [Merge(lead, 0, 1)]


def test_serial_progress_and_leader_of_an_indicator():
    plan = Plan(level_names=["重点任务", "具体举措"], columns=[Column.RESPONSIBLE, Column.LEADER],
                roots=[Node(text="开办企业", leader="张建红", children=[Node(text="压缩时间", leader="李四", progress="已完成")])])
    table = build_appendix(plan, LayoutOptions(serial=True, progress=True))
    assert table.headers == ["序号", "重点任务", "具体举措", "责任单位", "责任领导", "进展情况"]
    assert table.rows == [["1", "一、开办企业（牵头领导：张建红）", "（一）压缩时间", "", "李四", "已完成"]]
    assert table.body_pt == 12.0


def test_dense_tables_use_smaller_body_text():
    plan = Plan(columns=[Column.LEAD, Column.RESPONSIBLE, Column.LEADER, Column.DEADLINE, Column.REMARKS],
                roots=[Node(text="A", children=[Node(text="a")])])
    assert len(build_appendix(plan).columns) == 7 and build_appendix(plan).body_pt == 12.0
    dense = build_appendix(plan, LayoutOptions(serial=True))
    assert len(dense.columns) == 8 and dense.body_pt == 10.5


def test_shallow_leaves_leave_deeper_level_cells_empty():
    plan = Plan(roots=[Node(text="A", children=[Node(text="a", children=[Node(text="x")])]), Node(text="B")])
    table = build_appendix(plan)
    assert [r[:3] for r in table.rows] == [["一、A", "（一）a", "1.x"], ["二、B", "", ""]]


def test_legend_counts_tags():
    plan = Plan(tag_legend={"★": "对标先进地区主动增加", "▲": "新增"},
                roots=[Node(tags=["★"]), Node(tags=["★", "▲"]), Node()])
    assert legend_lines(plan) == ["注：1.★：对标先进地区主动增加，共2项", "2.▲：新增，共1项"]
    assert legend_lines(Plan()) == []


def test_levels_deeper_than_the_plans_level_names_are_named_as_levels():
    plan = Plan(roots=[Node(text="A", children=[Node(text="a", children=[Node(text="x", children=[Node(text="y")])])])])
    assert build_appendix(plan).headers[:4] == ["一级指标", "二级指标", "三级指标", "四级指标"]


def test_legend_prints_one_sentence_with_the_computed_count():
    plan = Plan(tag_legend={"★": "主动增加获得通信等指标，制定重点任务14项；", "○": "聚焦成都都市圈。"},
                roots=[Node(text="甲", tags=["★", "○"]), Node(text="乙", tags=["★"])])
    assert legend_lines(plan) == ["注：1.★：主动增加获得通信等指标，制定重点任务2项", "2.○：聚焦成都都市圈，共1项"]


def test_leaders_print_apart():
    plan = Plan(columns=[Column.LEADER], roots=[Node(text="甲", leader="王某 李某"), Node(text="乙", leader="张三，李四")])
    table = build_appendix(plan)
    column = [c.key for c in table.columns].index("leader")
    assert [row[column] for row in table.rows] == ["王某、李某", "张三、李四"]
