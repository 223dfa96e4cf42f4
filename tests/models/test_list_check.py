from models.demo import demo_plan
from models.domain import Column, Node, Plan, Unit
from models.list_check import check_plan, plan_year


def kinds(findings):
    return sorted((f.kind, f.number) for f in findings)


def test_each_kind_of_finding():
    plan = Plan(
        title="2024年重点任务清单", columns=[Column.LEAD, Column.RESPONSIBLE, Column.DEADLINE],
        level_names=["重点任务", "具体举措"], tag_legend={"★": "重点"},
        roots=[
            Node(text="甲", deadline="2024年6月底前", children=[
                Node(text="a", lead=["市财政局"], responsible=["市住建局"], deadline="2024年9月底前"),  # after parent
                Node(text="b", responsible=["市住建局"], deadline="按上级要求"),  # no lead, unparsed
                Node(text="a", lead=["市财政局", "市税务局"], deadline="2026年底前", tags=["▲"]),  # dup, year, tag
            ]),
            Node(text="乙"),  # an indicator with no tasks
            Node(text="", children=[Node(text="c", lead=["市住房城乡建设局"])]),  # empty text, no deadline
        ],
    )
    units = [Unit(name=n) for n in ("市财政局", "市住建局", "市税务局", "市住房城乡建设局")]
    found = kinds(check_plan(plan, units, single_lead=True))
    assert found == sorted([
        ("deadline-after-parent", "（一）"), ("no-lead", "（二）"), ("deadline-unparsed", "（二）"),
        ("duplicate-text", "（三）"), ("deadline-outside-year", "（三）"), ("several-leads", "（三）"),
        ("tag-without-legend", "（三）"), ("deadline-after-parent", "（三）"), ("near-duplicate-units", "（一）"), ("empty-indicator", "二、"), ("empty-text", "三、"), ("no-deadline", "（四）"),
    ])


def test_near_duplicate_units_in_the_demo():
    plan = demo_plan()
    units = [Unit(name=u) for u in {u for n, _ in plan.walk() for u in n.lead + n.responsible}]
    messages = [f.message for f in check_plan(plan, units) if f.kind == "near-duplicate-units"]
    assert any("市容环卫科" in m and "市环卫科" in m for m in messages)
    # the demo (seed 000) issues its 工作方案: the one finding about the whole list
    assert [f.kind for f in check_plan(plan, units) if not f.node_id] == ["body-issues-other"]


def test_plan_year():
    assert plan_year(Plan(title="达州市2022年优化营商环境清单")) == 2022
    assert plan_year(Plan(title="清单", date="2021-03-01")) == 2021
    assert plan_year(Plan(title="清单")) is None


def test_a_legend_count_that_disagrees_with_the_list():
    plan = Plan(tag_legend={"★": "对标先进地区，制定重点任务14项；", "▲": "新增"},
                roots=[Node(text="甲", tags=["★"]), Node(text="乙", tags=["★", "▲"])])
    findings = [f for f in check_plan(plan, []) if f.kind == "legend-count"]
    assert [f.message for f in findings] == ["图例写明的项数与清单不符：“★”写明14项，清单中标记2项（印出的是后者）"]
    plan.tag_legend["★"] = "制定重点任务2项"
    assert not [f for f in check_plan(plan, []) if f.kind == "legend-count"]


def test_the_body_issues_the_document_the_title_names():
    plan = Plan(title="某局2022年目标责任清单", roots=[Node(text="甲")],
                body="经局党组同意，现将《某局2022年工作方案》印发给你们，请认真贯彻执行。")
    findings = [f for f in check_plan(plan, []) if f.kind == "body-issues-other"]
    assert len(findings) == 1 and "《某局2022年工作方案》" in findings[0].message
    plan.body = "现将《某局2022年目标责任清单》印发给你们，请认真贯彻执行。"
    assert not [f for f in check_plan(plan, []) if f.kind == "body-issues-other"]
    plan.body = ""  # the default body prints the title itself
    assert not [f for f in check_plan(plan, []) if f.kind == "body-issues-other"]
