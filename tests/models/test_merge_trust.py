"""A returned file takes only what its sender may change (issue 12): real exported files,
edited the way a department (or someone hostile) could in Excel, merged into a real store."""
import re
import zipfile

import pytest
from openpyxl import load_workbook

from helpers.exchange_helpers import body_rows, columns, fill_unit_sheet, header_row_of
from exporters.unit_sheets import unit_tasks, write_unit_files, write_unit_workbook
from exporters.xlsx_appendix import write_appendix
from models.exchange import MARKER_SHEET
from importers.returned_sheets import read_returned
from models.domain import Status
from models.merge_review import MAX_DELETIONS, ChangeKind, MergeError, apply_changes, review_for_store

LEAD, HELPER = "政策法规科（行政审批科）", "市政管理科"


@pytest.fixture
def plan(demo_store):
    return demo_store.load_plan(demo_store.list_plans()[0].id)


def review(store, *paths):
    return review_for_store(store, [read_returned(p) for p in paths])


def merge_all(store, *paths):
    """What `merge --accept-all` does."""
    r = review(store, *paths)
    if r.accept_all():
        apply_changes(store, r.plan_id, r.accept_all())
    return r


def unit_file(plan, folder, unit, **kw):
    return write_unit_files(plan, folder, [unit], **kw)[0]


def leaves(plan):
    return [n for n, _ in plan.walk() if not n.children]


def test_a_renamed_header_keeps_a_department_sheet_one_that_never_deletes(demo_store, plan, tmp_path):
    path = unit_file(plan, tmp_path, "执法监督科")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    mine = list(body_rows(ws))
    head, cols = header_row_of(ws), columns(ws)
    ws.cell(head, cols["任务内容"]).value = "工作任务"
    ws.cell(head + 1, cols["进展情况"]).value = "已推进"
    wb.save(path)
    before = len(leaves(plan))
    r = merge_all(demo_store, path)
    assert {c.kind for c in r.changes} == {ChangeKind.PROGRESS}
    after = demo_store.load_plan(plan.id)
    assert len(leaves(after)) == before
    assert after.find(mine[0]).progress == "已推进"


def test_an_appendix_returned_with_three_rows_is_refused_with_the_count(demo_store, plan, tmp_path):
    path = write_appendix(plan, tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    rows = sorted(body_rows(ws).values())
    ws.delete_rows(rows[3], len(rows) - 3)
    wb.save(path)
    gone = len(leaves(plan)) - 3
    assert gone > MAX_DELETIONS
    with pytest.raises(MergeError, match=f"删除 {gone} 项任务"):
        review(demo_store, path)


def test_a_deletion_in_an_appendix_is_proposed_but_never_accepted_wholesale(demo_store, plan, tmp_path):
    path = write_appendix(plan, tmp_path / "a.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    victim = leaves(plan)[3]
    ws.delete_rows(body_rows(ws)[victim.id])
    wb.save(path)
    r = merge_all(demo_store, path)
    deleted = [c for c in r.changes if c.kind is ChangeKind.DELETED]
    assert [(c.node_id, c.explicit) for c in deleted] == [(victim.id, True)]
    assert deleted[0] not in r.accept_all()
    assert demo_store.load_plan(plan.id).find(victim.id) is not None


def test_a_department_edit_outside_its_columns_waits_for_the_reviewer(demo_store, plan, tmp_path):
    path = unit_file(plan, tmp_path, "执法监督科")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.protection.sheet = False  # no password by default
    cols = columns(ws)
    key, row = next(iter(body_rows(ws).items()))
    ws.cell(row, cols["完成时限"]).value = "2030年12月"
    ws.cell(row, cols["任务内容"]).value = "1.改写后的任务"
    ws.cell(row, cols["责任单位"]).value = "执法监督科"
    ws.cell(row, cols["进展情况"]).value = "已完成"
    wb.save(path)
    old = plan.find(key)
    r = merge_all(demo_store, path)
    edits = [c for c in r.changes if c.kind is not ChangeKind.PROGRESS]
    assert {c.kind for c in edits} == {ChangeKind.DEADLINE, ChangeKind.TEXT, ChangeKind.RESPONSIBLE}
    assert all(c.explicit and "由部门" in c.note for c in edits)
    after = demo_store.load_plan(plan.id).find(key)
    assert (after.deadline, after.text, after.responsible) == (old.deadline, old.text, old.responsible)
    assert after.progress == "已完成"
    deadline = next(c for c in edits if c.kind is ChangeKind.DEADLINE)
    apply_changes(demo_store, plan.id, [deadline])  # the reviewer accepts that row
    assert demo_store.load_plan(plan.id).find(key).deadline == "2030年12月"


def test_a_row_keyed_to_a_task_not_sent_to_the_unit_is_refused_and_listed(demo_store, plan, tmp_path):
    path = unit_file(plan, tmp_path, "人事科")
    sent = {t.node.id for t in unit_tasks(plan)["人事科"]}
    foreign = next(n for n in leaves(plan) if n.id not in sent)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cols = columns(ws)
    row = next(iter(body_rows(ws).values()))
    ws.cell(row, cols["编号"]).value = foreign.id
    ws.cell(row, cols["任务内容"]).value = ""
    ws.cell(row, cols["进展情况"]).value = "篡改别人的任务"
    ws.cell(row, cols["完成状态"]).value = "已完成"
    wb.save(path)
    r = merge_all(demo_store, path)
    assert r.changes == []
    assert [n.kind for n in r.notices] == ["not-sent"] and "人事科" in r.notices[0].message
    after = demo_store.load_plan(plan.id).find(foreign.id)
    assert after.progress == "" and after.status is Status.NOT_STARTED


def _set_marker(path, key, value):
    wb = load_workbook(path)
    ws = wb[MARKER_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
    ws.cell(row, 2).value = value
    wb.save(path)


def test_a_marker_naming_an_unknown_unit_refuses_the_file(demo_store, plan, tmp_path):
    path = unit_file(plan, tmp_path, "人事科")
    key = next(iter(body_rows(load_workbook(path).active)))
    fill_unit_sheet(path, {key: ("进展", "推进中", "")})
    sheet = load_workbook(path).worksheets[0].title
    _set_marker(path, f"sheet:{sheet}:unit", "黑客单位'）；DROPTABLEunits；--")
    units = {u.name for u in demo_store.list_units()}
    with pytest.raises(MergeError, match="黑客单位.*不在本清单"):
        review(demo_store, path)
    assert {u.name for u in demo_store.list_units()} == units


def test_a_marker_naming_an_odd_round_refuses_the_file(demo_store, plan, tmp_path):
    path = unit_file(plan, tmp_path, "人事科")
    _set_marker(path, "round", "第一轮" + "长" * 50)
    with pytest.raises(MergeError, match="报送轮次"):
        review(demo_store, path)


def test_a_renamed_sheet_of_a_workbook_for_several_units_stores_nothing_under_no_unit(demo_store, plan, tmp_path):
    path = write_unit_workbook(plan, tmp_path / "two.xlsx", ["人事科", "执法监督科"])
    key = next(iter(body_rows(load_workbook(path)["人事科"])))
    fill_unit_sheet(path, {key: ("已完成", "已完成", "")}, sheet="人事科")
    wb = load_workbook(path)
    wb["人事科"].title = "改名了"
    wb.save(path)
    r = merge_all(demo_store, path)
    assert r.changes == [] and [n.kind for n in r.notices] == ["no-unit"] and "改名了" in r.notices[0].message
    assert demo_store.progress_history(key) == []


def test_a_renamed_sheet_of_a_single_unit_file_still_reports_for_that_unit(demo_store, plan, tmp_path):
    path = unit_file(plan, tmp_path, "人事科")
    key = next(iter(body_rows(load_workbook(path).active)))
    fill_unit_sheet(path, {key: ("已完成", "已完成", "")})
    wb = load_workbook(path)
    wb.worksheets[0].title = "改名了"
    wb.save(path)
    merge_all(demo_store, path)
    assert [e.unit for e in demo_store.progress_history(key)] == ["人事科"]


def _saved_at(path, stamp):
    """Rewrite the file's own save time (docProps/core.xml), as Excel records it."""
    with zipfile.ZipFile(path) as z:
        parts = {i: z.read(i) for i in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            z.writestr(info, data)


def test_files_merged_a_b_a_b_a_record_each_report_once(demo_store, plan, tmp_path):
    tasks = unit_tasks(plan)
    node = next(t.node for t in tasks[LEAD] if t.node.id in {x.node.id for x in tasks[HELPER]})
    a = unit_file(plan, tmp_path / "a", LEAD, round="第1轮")
    b = unit_file(plan, tmp_path / "b", HELPER, round="第1轮")
    fill_unit_sheet(a, {node.id: ("窗口已合并", "已完成", "")})
    fill_unit_sheet(b, {node.id: ("配合推进", "推进中", "")})
    for path in (a, b, a, b, a):
        merge_all(demo_store, path)
    history = demo_store.progress_history(node.id)
    assert [(e.unit, e.text) for e in history] == [(LEAD, "窗口已合并"), (HELPER, "配合推进")]
    again = review(demo_store, a, a)
    assert again.changes == [] and {n.kind for n in again.notices} == {"merged-before", "same-file"}


def test_an_older_file_does_not_overwrite_a_newer_report_of_the_same_unit_and_round(demo_store, plan, tmp_path):
    key = unit_tasks(plan)["人事科"][0].node.id
    old = unit_file(plan, tmp_path / "old", "人事科", round="第1轮")
    new = unit_file(plan, tmp_path / "new", "人事科", round="第1轮")
    fill_unit_sheet(old, {key: ("刚启动", "推进中", "")})
    fill_unit_sheet(new, {key: ("全部完成", "已完成", "")})
    _saved_at(old, "2024-03-01T08:00:00Z")
    _saved_at(new, "2024-06-01T08:00:00Z")
    merge_all(demo_store, new)
    r = merge_all(demo_store, old)
    assert [c.stale for c in r.changes] == [True] and "早于已有的报告" in r.changes[0].note
    node = demo_store.load_plan(plan.id).find(key)
    assert (node.progress, node.status) == ("全部完成", Status.DONE)
    assert [e.text for e in demo_store.progress_history(key)] == ["全部完成", "刚启动"]
    # both in one merge: the newer one is current, whatever the order of the files
    demo_store.update_node(key, progress="", status=Status.NOT_STARTED)
    demo_store.delete_progress([e.id for e in demo_store.progress_history(key)])
    merge_all(demo_store, new, old)
    node = demo_store.load_plan(plan.id).find(key)
    assert (node.progress, node.status) == ("全部完成", Status.DONE)
