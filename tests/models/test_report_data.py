"""Report numbers on the demo list at an injected today, agreeing with tracking.classify."""
from datetime import date

from models.demo import demo_plan
from models.domain import Node, Plan, Status
from models.report_data import build_report, report_units, tasks_of, unit_plan
from models.tracking import DeadlineState, classify, count_states, leaves

UNIT = "政策法规科（行政审批科）"


def test_demo_before_the_june_deadlines():
    report = build_report(demo_plan(), date(2022, 6, 25))
    assert report.tasks == 56
    assert report.by_status[Status.NOT_STARTED] == 56 and report.completion == 0
    # 12 tasks due 2022年6月 (end of June) are due within 7 days; 41 dated later; 3 long-term
    assert report.due_soon == 12 and report.overdue == 0
    assert report.by_state[DeadlineState.ON_TRACK] == 41 and report.by_state[DeadlineState.ONGOING] == 3
    assert report.undated == 3
    assert [(m.month, m.total) for m in report.months] == [("2022-06", 12), ("2022-09", 40), ("2023-09", 1)]
    assert report.overdue_tasks == []


def test_demo_in_october_2022():
    plan = demo_plan()
    today = date(2022, 10, 15)
    report = build_report(plan, today)
    assert report.overdue == 52
    assert [m.overdue for m in report.months] == [12, 40, 0]
    first = report.overdue_tasks[0]
    assert (first.missed, first.days, first.deadline) == (date(2022, 6, 30), 107, "2022年6月")
    assert [t.missed for t in report.overdue_tasks] == sorted(t.missed for t in report.overdue_tasks)
    # the same numbers the status bar shows: tracking.classify over the tasks (leaves)
    states = count_states(leaves(plan.walk()), today)
    assert report.by_state == states
    assert report.overdue == sum(1 for n, _ in plan.walk() if not n.children
                                 and classify(n, today) is DeadlineState.OVERDUE)


def test_units_as_lead_and_responsible():
    report = build_report(demo_plan(), date(2022, 10, 15))
    by_name = {u.unit: u for u in report.units}
    top = report.units[0]
    assert top.unit == UNIT and (top.lead, top.responsible) == (34, 11)
    assert by_name["达州水务集团"].lead == 0 and by_name["达州水务集团"].responsible == 23
    assert [u.total for u in report.units] == sorted((u.total for u in report.units), reverse=True)
    assert report_units(demo_plan())[0] == UNIT


def test_one_unit_report_counts_only_its_tasks():
    plan = demo_plan()
    today = date(2022, 10, 15)
    report = build_report(plan, today, unit=UNIT)
    mine = [n for n in tasks_of(plan) if UNIT in n.lead or UNIT in n.responsible]
    assert report.tasks == len(mine) == 45 and report.unit == UNIT and report.title.endswith(f"（{UNIT}）")
    assert report.overdue == sum(classify(n, today) is DeadlineState.OVERDUE for n in mine)


def test_status_changes_show_in_completion_and_months():
    plan = demo_plan()
    tasks = tasks_of(plan)
    for n in tasks[:10]:
        n.status = Status.DONE
    tasks[10].status = Status.IN_PROGRESS
    report = build_report(plan, date(2022, 10, 15))
    assert report.done == 10 and report.by_status[Status.IN_PROGRESS] == 1
    assert abs(report.completion - 10 / 56) < 1e-9
    assert sum(m.done for m in report.months) == 10
    assert report.overdue == 42 and len(report.overdue_tasks) == 42


def test_staged_deadlines_count_in_each_month():
    plan = Plan(roots=[Node(text="A", children=[Node(text="a", deadline="2024年3月底前完成初稿，2024年6月底前印发")])])
    report = build_report(plan, date(2024, 4, 10))
    assert [(m.month, m.overdue, m.open) for m in report.months] == [("2024-03", 1, 0), ("2024-06", 0, 1)]
    assert report.overdue_tasks[0].missed == date(2024, 3, 31)


def test_unit_plan_keeps_parents_and_ids():
    plan = demo_plan()
    pruned = unit_plan(plan, "人事科")
    kept = tasks_of(pruned)
    assert kept and all("人事科" in n.lead + n.responsible for n in kept)
    original = {n.id for n, _ in plan.walk()}
    assert {n.id for n, _ in pruned.walk()} <= original
    assert plan.node_count() == 83  # the plan itself is untouched
