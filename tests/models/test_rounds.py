"""Reporting rounds in the store: states, closing, undo, unit merges, and stores from before rounds."""
from __future__ import annotations

from datetime import date

import pytest

from models import schema
from models.domain import Node, Plan, Status
from models.round_store import RoundBook, RoundError
from models.rounds import ReturnState, reporting_units, return_state
from models.store import ProgressEntry, Store

from helpers.old_stores import ONE_TASK, version_2_store

D = date(2024, 6, 30)


def small_plan() -> Plan:
    plan = Plan(title="清单")
    plan.roots = [Node(text="甲", lead=["市发展改革委"], responsible=["各县区"]),
                  Node(text="乙", lead=["市财政局"], responsible=["市发展改革委"]),
                  Node(text="丙", lead=["市财政局"])]
    return plan


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "r.sqlite") as s:
        s.save_plan(small_plan())
        yield s


def node(store, text):
    plan = store.load_plan(store.list_plans()[0].id)
    return next(n for n, _ in plan.walk() if n.text == text)


def report(store, text, unit, round="5月调度", on="2024-06-10"):
    store.add_progress(ProgressEntry.new(node(store, text).id, unit, round, "推进中", "进展", on))


def test_states_read_from_the_counts():
    assert return_state(2, 2, D, date(2024, 7, 9)) is ReturnState.REPORTED
    assert return_state(2, 1, D, date(2024, 7, 9)) is ReturnState.PARTIAL
    assert return_state(2, 0, D, D) is ReturnState.NOT_REPORTED  # due today is not late yet
    assert return_state(2, 0, D, date(2024, 7, 1)) is ReturnState.OVERDUE
    assert return_state(2, 0, None, date(2030, 1, 1)) is ReturnState.NOT_REPORTED  # no due date


def test_default_units_leave_umbrellas_out():
    assert reporting_units(small_plan()) == ["市发展改革委", "市财政局"]


def test_status_counts_the_reports_of_the_round_only(store):
    book = RoundBook(store)
    pid = store.list_plans()[0].id
    r = book.open(pid, "5月调度", D, today=date(2024, 6, 1))
    report(store, "甲", "市发展改革委")
    report(store, "乙", "市发展改革委", round="4月调度")  # another round
    report(store, "丙", "市发展改革委")  # not its task
    report(store, "乙", "市财政局", on="2024-06-12")
    report(store, "丙", "市财政局", on="2024-06-15")
    lines = {u.unit: u for u in book.status(r, date(2024, 6, 20)).units}
    assert (lines["市发展改革委"].state, lines["市发展改革委"].reported, lines["市发展改革委"].tasks) == (
        ReturnState.PARTIAL, 1, 2)
    assert (lines["市财政局"].state, lines["市财政局"].received) == (ReturnState.REPORTED, "2024-06-15")
    with pytest.raises(RoundError, match="已经存在"):
        book.open(pid, "5月调度", D)
    with pytest.raises(RoundError, match="无效"):
        book.open(pid, "  ", D)
    with pytest.raises(RoundError, match="没有这些单位的任务：市教育局"):
        book.open(pid, "6月调度", D, units=["市财政局", "市教育局"])
    assert "市教育局" not in {u.name for u in store.list_units()}


def test_closing_freezes_and_undo_restores_exactly(store):
    book = RoundBook(store)
    pid = store.list_plans()[0].id
    r = book.open(pid, "5月调度", D, today=date(2024, 6, 1))
    book.record_reminder(r, "市财政局", [node(store, "乙").id], date(2024, 7, 2))
    before = list(store.conn.iterdump())
    snapshot = book.snapshot(r.id)
    book.close(r, date(2024, 7, 5))
    report(store, "乙", "市财政局", on="2024-07-06")
    closed = book.find(pid, "5月调度")
    assert closed.closed_on == date(2024, 7, 5)
    assert {u.unit: u.state for u in book.status(closed).units}["市财政局"] is ReturnState.OVERDUE
    book.reopen(closed)
    assert {u.unit: u.state for u in book.status(book.find(pid), date(2024, 7, 9)).units}["市财政局"] is (
        ReturnState.PARTIAL)
    store.delete_progress([e.id for e in store.progress_history(node(store, "乙").id)])
    book.delete(r)
    assert book.rounds(pid) == []
    book.restore(snapshot)
    assert list(store.conn.iterdump()) == before


def test_merging_units_moves_their_rounds_and_undo_puts_them_back(store):
    book = RoundBook(store)
    pid = store.list_plans()[0].id
    plan = store.load_plan(pid)
    plan.roots.append(Node(text="丁", lead=["市发改委"]))  # the same unit under another name
    store.save_plan(plan)
    r = book.open(pid, "5月调度", D, units=["市发展改革委", "市发改委", "市财政局"])
    book.record_reminder(r, "市发改委", [], date(2024, 7, 2))
    report(store, "甲", "市发改委")
    ids = {u.name: u.id for u in store.list_units()}
    snapshot = store.units_snapshot([ids["市发改委"], ids["市发展改革委"]])
    before = list(store.conn.iterdump())
    store.merge_units(ids["市发改委"], ids["市发展改革委"])
    lines = {u.unit: u for u in book.status(r, date(2024, 6, 20)).units}
    assert list(lines) == ["市发展改革委", "市财政局"]
    assert (lines["市发展改革委"].reported, lines["市发展改革委"].reminders) == (1, 1)
    store.restore_units(snapshot)
    assert sorted(store.conn.iterdump()) == sorted(before)


def test_a_version_2_store_gains_rounds(tmp_path):
    path = version_2_store(tmp_path / "v2.sqlite", ONE_TASK + """
        INSERT INTO progress_entries (id, node_id, unit_id, round, text, reported_on)
            VALUES ('e1', 'n1', 'u1', '2024年第一季度', '已完成', '2024-04-02');
    """)
    with Store(path) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert store.progress_history("n1")[0].text == "已完成"
        book = RoundBook(store)
        r = book.open("p1", "2024年第一季度", date(2024, 3, 31), today=date(2024, 3, 1))
        (line,) = book.status(r, date(2024, 4, 10)).units
        assert (line.unit, line.state, line.received) == ("市财政局", ReturnState.REPORTED, "2024-04-02")
        assert any("migration" in b.name for b in store.list_backups())


def test_lagging_and_stale_flags_on_known_dates(store):
    """Plan dated 1 January, deadlines at the end of the year: on 1 July about half the time has passed."""
    from models.domain import Status
    from models.tracking import Flag, TrackingContext

    plan = Plan(title="有日期的清单", date="2024-01-01")
    plan.roots = [
        Node(text="慢", lead=["市财政局"], deadline="2024年12月31日前", status=Status.IN_PROGRESS),
        Node(text="快", lead=["市财政局"], deadline="2024年12月31日前", status=Status.IN_PROGRESS),
        Node(text="没动", lead=["市财政局"], deadline="2024年12月31日前"),
        Node(text="完成", lead=["市财政局"], deadline="2024年3月31日前", status=Status.DONE),
        Node(text="长期", lead=["市财政局"], deadline="长期坚持", status=Status.IN_PROGRESS),
    ]
    store.save_plan(plan)
    ids = {n.text: n.id for n in plan.roots}
    book = RoundBook(store)
    for name, due in (("4月调度", date(2024, 4, 30)), ("5月调度", date(2024, 5, 31)), ("6月调度", date(2024, 6, 30))):
        book.open(plan.id, name, due, today=date(2024, 4, 1))
    add = lambda text, round, words: store.add_progress(  # noqa: E731
        ProgressEntry.new(ids[text], "市财政局", round, "推进中", words, "2024-05-01"))
    add("慢", "4月调度", "完成20%")  # then silent for two rounds
    add("快", "5月调度", "完成40%")
    add("快", "6月调度", "已完成工程量的45%")
    add("长期", "6月调度", "持续推进")
    flags = book.task_flags(store.load_plan(plan.id), TrackingContext(lambda: date(2024, 7, 1)))
    # 慢: 20% after 50% of the time (< 0.7 × 50% = 35%), no report in 5月 and 6月.
    assert [f.flag for f in flags[ids["慢"]]] == [Flag.LAGGING, Flag.STALE]
    assert "进度 20%" in flags[ids["慢"]][0].reason and "5月调度、6月调度" in flags[ids["慢"]][1].reason
    assert ids["快"] not in flags  # 45% ≥ 35%, reported in the latest rounds
    assert [f.flag for f in flags[ids["没动"]]] == [Flag.LAGGING, Flag.STALE]  # not started: 0%
    assert ids["完成"] not in flags and ids["长期"] not in flags  # done; no date to measure against
    # On 1 June only the 4月 and 5月 rounds have passed their due dates: 快 reported in 5月.
    early = book.task_flags(store.load_plan(plan.id), TrackingContext(lambda: date(2024, 6, 1)))
    assert ids["快"] not in early and Flag.STALE not in [f.flag for f in early.get(ids["慢"], [])]


@pytest.mark.parametrize("typed, read", [("60", "60%"), ("60 %", "60%"), ("100", "100%"), ("33.5", "33.5%"),
                                         ("0", "0%"), ("150", ""), ("-5", ""), ("过半", ""), ("", "")])
def test_the_share_column_reads_percentages_only(typed, read):
    from models.merge_review import share_of
    from models.tracking import progress_share

    assert share_of(typed) == read
    if read:  # as merged into the progress text, it is what 滞后 measures
        node = Node(text="任务", status=Status.IN_PROGRESS)
        assert progress_share(node, f"已开工\n完成进度：{read}") == float(read[:-1]) / 100


def test_merging_units_moves_score_items_evidence_and_reports_and_undo_restores_exactly(store, tmp_path):
    """Every row naming the merged-away unit moves (a manual 加分 too, else the unit's delete fails on its
    foreign key); undo gives back the store byte for byte."""
    from models.evidence import copy_in
    from models.store import ScoreAdjustment

    book = RoundBook(store)
    pid = store.list_plans()[0].id
    plan = store.load_plan(pid)
    plan.roots.append(Node(text="丁", lead=["市发改委"]))
    store.save_plan(plan)
    r = book.open(pid, "5月调度", D, units=["市发改委", "市财政局"])
    book.record_reminder(r, "市发改委", [node(store, "丁").id], date(2024, 7, 2))
    report(store, "丁", "市发改委")
    entry = store.progress_history(node(store, "丁").id)[0]
    source = tmp_path / "照片.jpg"
    source.write_bytes(b"jpeg")
    store.add_evidence(copy_in(store.evidence_dir, source, entry.node_id, "4", "2024-06-10", entry.id))
    store.add_adjustment(ScoreAdjustment.new(pid, "市发改委", 2, "获省级表彰", "张三", "2024-06-01"))
    ids = {u.name: u.id for u in store.list_units()}
    snapshot = store.units_snapshot([ids["市发改委"], ids["市发展改革委"]])
    before = sorted(store.conn.iterdump())
    store.merge_units(ids["市发改委"], ids["市发展改革委"])
    assert [(a.unit, a.points) for a in store.adjustments(pid)] == [("市发展改革委", 2)]
    assert store.progress_history(entry.node_id)[0].unit == "市发展改革委"
    assert [e.entry_id for e in store.evidence_for(entry.node_id)] == [entry.id]
    assert [u.unit for u in book.status(r, date(2024, 6, 20)).units] == ["市发展改革委", "市财政局"]
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    store.restore_units(snapshot)
    assert sorted(store.conn.iterdump()) == before
