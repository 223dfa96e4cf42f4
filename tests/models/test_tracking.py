"""The tracking context and the one palette: today and the warning period decide every judgement."""
from datetime import date

from models.board import board_groups, state_order
from models.domain import Node, Plan, Status
from models.report_data import build_report
from models.tracking import STATE_COLOURS, STATUS_COLOURS, DeadlineState, Signal, TrackingContext

TODAY = date(2024, 6, 10)


def plan_of(*deadlines: str) -> Plan:
    return Plan(roots=[Node(text="一级", children=[Node(text=f"任务{i}", deadline=d) for i, d in enumerate(deadlines)])])


def test_the_context_follows_its_warning_period():
    task = Node(deadline="2024年6月25日前")  # 15 days after TODAY
    tracking = TrackingContext(lambda: TODAY)
    assert tracking.state(task) is DeadlineState.ON_TRACK and tracking.signal(task) is Signal.GREEN
    tracking.warn_days = 20
    assert tracking.state(task) is DeadlineState.DUE_SOON and tracking.signal(task) is Signal.YELLOW
    assert tracking.opening_notice([task]) == "1 项将在 20 天内到期。"


def test_a_classifier_tells_tasks_with_the_same_deadline_apart_by_status():
    same = "2024年5月底前"  # passed on TODAY
    tasks = [Node(deadline=same), Node(deadline=same, status=Status.DONE), Node(deadline=same),
             Node(deadline="2024年6月12日前"), Node(deadline="")]
    state = TrackingContext(lambda: TODAY).classifier()
    assert [state(t) for t in tasks] == [DeadlineState.OVERDUE, DeadlineState.DONE, DeadlineState.OVERDUE,
                                         DeadlineState.DUE_SOON, DeadlineState.NO_DATE]


def test_board_and_report_use_the_warning_period():
    plan = plan_of("2024年6月25日前", "2024年6月12日前", "2024年5月底前")
    labels = [label for label, _ in board_groups(plan, TODAY, "state", warn_days=20)]
    assert labels == ["已逾期", "20天内到期"]
    assert [label for label, _ in board_groups(plan, TODAY, "state")] == ["已逾期", "7天内到期", "30天内到期"]
    assert state_order(20)[1] == "20天内到期"
    assert build_report(plan, TODAY, soon_days=20).due_soon == 2
    assert build_report(plan, TODAY).due_soon == 1


def test_palette_colours_each_state_in_its_signal_hue():
    assert STATE_COLOURS[DeadlineState.OVERDUE] == Signal.RED.value
    assert STATE_COLOURS[DeadlineState.DUE_SOON] == Signal.YELLOW.value
    assert STATE_COLOURS[DeadlineState.NO_DATE] == Signal.GREY.value
    assert len(set(STATE_COLOURS.values())) == len(DeadlineState)  # a chart tells every state apart
    assert STATUS_COLOURS[Status.LATE] == Signal.YELLOW.value  # behind is yellow, as signal() says
