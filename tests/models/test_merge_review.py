"""Merging returned files: real exported files, edited with openpyxl, merged into a real store."""
import pytest
from openpyxl import Workbook, load_workbook

from helpers.exchange_helpers import body_rows, columns, fill_unit_sheet
from exporters.unit_sheets import unit_tasks, write_unit_files
from exporters.xlsx_appendix import write_appendix
from importers.returned_sheets import read_returned
from models.domain import Plan, Status
from models.merge_review import (
    ChangeKind,
    MergeError,
    apply_changes,
    build_review,
    check_acceptable,
    choose_plan,
    review_for_store,
)


@pytest.fixture
def plan(demo_store):
    return demo_store.load_plan(demo_store.list_plans()[0].id)


def review_of(store, plan_id, *paths):
    return build_review(store.load_plan(plan_id), [read_returned(p) for p in paths])


def shared_task(plan):
    """A task two units share: 政策法规科 leads, 市政管理科 is responsible."""
    tasks = unit_tasks(plan)
    mine = {t.node.id for t in tasks["市政管理科"]}
    return next(t.node for t in tasks["政策法规科（行政审批科）"] if t.node.id in mine)


def test_progress_from_two_departments_becomes_dated_entries(demo_store, plan, tmp_path):
    node = shared_task(plan)
    paths = {p.stem: p for p in write_unit_files(plan, tmp_path, ["政策法规科（行政审批科）", "市政管理科"],
                                                  round="2024年第二季度")}
    fill_unit_sheet(paths["政策法规科（行政审批科）"], {node.id: ("窗口已合并", "已完成", "")})
    fill_unit_sheet(paths["市政管理科"], {node.id: ("配合完成验收", "已完成", "人员不足")})
    review = review_of(demo_store, plan.id, *paths.values())
    assert [c.kind for c in review.changes] == [ChangeKind.PROGRESS, ChangeKind.PROGRESS]
    assert not review.notices and review.accept_all() == review.changes
    before = len(demo_store.list_backups())
    applied = apply_changes(demo_store, plan.id, review.accept_all())
    assert len(demo_store.list_backups()) == before + 1 and applied.backup.exists()
    history = demo_store.progress_history(node.id)
    assert [(e.unit, e.round, e.status, e.text) for e in history] == [
        ("政策法规科（行政审批科）", "2024年第二季度", "已完成", "窗口已合并"),
        ("市政管理科", "2024年第二季度", "已完成", "配合完成验收\n存在问题：人员不足"),
    ]
    assert all(e.reported_on for e in history)
    after = demo_store.load_plan(plan.id).find(node.id)
    assert after.status is Status.DONE and after.progress == "配合完成验收\n存在问题：人员不足"
    # merging the same files again proposes nothing new for the last report (the store knows it was merged)
    again = review_for_store(demo_store, [read_returned(paths["市政管理科"])], plan.id)
    assert again.changes == [] and [n.kind for n in again.notices] == ["merged-before"]
    applied.undo(demo_store)
    assert demo_store.progress_history(node.id) == []
    assert demo_store.load_plan(plan.id).find(node.id).status is Status.NOT_STARTED


def test_two_departments_disagreeing_on_status_is_a_conflict(demo_store, plan, tmp_path):
    node = shared_task(plan)
    paths = {p.stem: p for p in write_unit_files(plan, tmp_path, ["政策法规科（行政审批科）", "市政管理科"])}
    fill_unit_sheet(paths["政策法规科（行政审批科）"], {node.id: ("已完成", "已完成", "")})
    fill_unit_sheet(paths["市政管理科"], {node.id: ("尚在推进", "滞后", "")})
    review = review_of(demo_store, plan.id, *paths.values())
    groups = review.conflicts()
    assert len(groups) == 1 and len(next(iter(groups.values()))) == 2
    assert review.accept_all() == []
    with pytest.raises(MergeError):
        check_acceptable(review.changes)
    apply_changes(demo_store, plan.id, [review.changes[1]])  # the user picks one
    assert demo_store.load_plan(plan.id).find(node.id).status is Status.LATE


def test_an_edited_appendix_gives_text_unit_deadline_added_and_deleted_changes(demo_store, plan, tmp_path):
    path = write_appendix(plan, tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    rows = body_rows(ws)
    leaves = [n for n, _ in plan.walk() if not n.children]
    first, second, fourth = leaves[0], leaves[1], leaves[3]
    ws.cell(rows[first.id], 6).value = "2022年12月"
    ws.cell(rows[second.id], 3).value = "2.取消无法律依据的技术审查。"
    ws.cell(rows[second.id], 4).value = "执法监督科、市政管理科"
    ws.delete_rows(rows[fourth.id])
    ws.insert_rows(rows[second.id] + 1)
    ws.cell(rows[second.id] + 1, 3).value = "3.新增一项任务"
    ws.cell(rows[second.id] + 1, 6).value = "2023年3月"
    wb.save(path)
    review = review_of(demo_store, plan.id, path)
    kinds = {(c.kind, c.node_id) for c in review.changes}
    assert (ChangeKind.DEADLINE, first.id) in kinds
    assert (ChangeKind.TEXT, second.id) in kinds and (ChangeKind.LEAD, second.id) in kinds
    assert (ChangeKind.DELETED, fourth.id) in kinds
    added = next(c for c in review.changes if c.kind is ChangeKind.ADDED)
    assert added.node_id == plan.roots[0].children[0].id and added.after == second.id
    assert len(review.changes) == 5, [c.to_json() for c in review.changes]
    deletion = next(c for c in review.changes if c.kind is ChangeKind.DELETED)
    assert deletion.explicit and deletion not in review.accept_all()  # never wholesale
    apply_changes(demo_store, plan.id, review.accept_all() + [deletion])  # the reviewer ticks it
    after = demo_store.load_plan(plan.id)
    group = after.roots[0].children[0].children
    assert [n.text for n in group[:3]] == [first.text, "取消无法律依据的技术审查。", "新增一项任务"]
    assert group[2].deadline == "2023年3月"
    assert after.find(first.id).deadline == "2022年12月"
    assert after.find(second.id).lead == ["执法监督科", "市政管理科"]
    assert after.find(fourth.id) is None


def test_edits_made_to_the_list_after_export_are_not_undone(demo_store, plan, tmp_path):
    path = write_appendix(plan, tmp_path / "a.xlsx")
    leaf = next(n for n, _ in plan.walk() if not n.children)
    demo_store.update_node(leaf.id, deadline="2022年10月", text="本地改过的文字")
    review = review_of(demo_store, plan.id, path)
    assert review.changes == []


def test_a_file_of_another_plan_is_refused(demo_store, plan, tmp_path):
    other = Plan(title="另一份清单")
    demo_store.save_plan(other)
    path = write_appendix(plan, tmp_path / "a.xlsx")
    plans = {p.id: p.title for p in demo_store.list_plans()}
    with pytest.raises(MergeError, match="另一份清单"):
        choose_plan([read_returned(path)], plans, explicit=other.id)
    assert choose_plan([read_returned(path)], plans) == plan.id


def test_a_plan_not_in_the_store_is_refused(demo_store, tmp_path):
    from models.demo import demo_plan
    path = write_appendix(demo_plan(), tmp_path / "foreign.xlsx")  # new ids: not this store's plan
    plans = {p.id: p.title for p in demo_store.list_plans()}
    with pytest.raises(MergeError, match="foreign.xlsx.*另一份清单"):
        choose_plan([read_returned(path)], plans)


def test_an_edited_key_column_is_reported_not_applied(demo_store, plan, tmp_path):
    path = write_unit_files(plan, tmp_path, ["执法监督科"])[0]
    wb = load_workbook(path)
    ws = wb.active
    cols = columns(ws)
    a = min(body_rows(ws).values())
    b = a + 1
    ka, kb = ws.cell(a, 1).value, ws.cell(b, 1).value
    ws.cell(a, 1).value, ws.cell(b, 1).value = kb, ka  # keys swapped: rows no longer match their ids
    ws.cell(a, cols["进展情况"]).value = "写在第一行"
    ws.cell(b + 1, 1).value = "00000000-0000-0000-0000-000000000000"
    ws.cell(b + 1, cols["进展情况"]).value = "编号无效"
    wb.save(path)
    review = review_of(demo_store, plan.id, path)
    assert review.changes == []
    kinds = [n.kind for n in review.notices]
    assert kinds.count("key-edited") == 2 and kinds.count("unmatched") == 1
    assert all("第" in n.source for n in review.notices)


def test_rows_copied_without_ids_match_by_numbered_text(demo_store, plan, tmp_path):
    """A department pasted its rows into a fresh workbook: no marker, no key column."""
    source = load_workbook(write_unit_files(plan, tmp_path, ["执法监督科"])[0]).active
    wb = Workbook()
    ws = wb.active
    ws.append(["任务内容", "完成时限", "进展情况", "完成状态"])
    tasks = unit_tasks(plan)["执法监督科"]
    cols = columns(source)
    first = min(body_rows(source).values())
    for row in range(first, first + 2):
        ws.append([source.cell(row, cols["任务内容"]).value, source.cell(row, cols["完成时限"]).value, "已推进", "推进中"])
    ws.append(["99.清单里没有的任务", "", "说明", "推进中"])
    path = tmp_path / "copied.xlsx"
    wb.save(path)
    returned = read_returned(path)
    plans = {p.id: p.title for p in demo_store.list_plans()}
    assert choose_plan([returned], plans) == plan.id  # the only plan in the store
    review = build_review(demo_store.load_plan(plan.id), [returned])
    assert [c.node_id for c in review.changes] == [tasks[0].node.id, tasks[1].node.id]
    assert {n.kind for n in review.notices} == {"no-marker", "key-column-lost", "unmatched"}


def test_rejecting_leaves_the_store_untouched(demo_store, plan, tmp_path):
    node = shared_task(plan)
    path = write_unit_files(plan, tmp_path, ["市政管理科"])[0]
    fill_unit_sheet(path, {node.id: ("有进展", "推进中", "")})
    before = demo_store.load_plan(plan.id)
    review = review_of(demo_store, plan.id, path)
    assert len(review.changes) == 1
    assert demo_store.load_plan(plan.id) == before
    assert demo_store.progress_history(node.id) == []
