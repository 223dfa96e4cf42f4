"""Reading returned packs in process: names from Windows zips, rows of files, undo, and a pack changed
between the review and the merge."""
from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from exporters.unit_sheets import write_unit_packs
from helpers.store_dump import whole_store
from helpers.exchange_helpers import body_rows
from helpers.packs import returned_pack, store_state
from importers.returned_pack import read_pack
from models.domain import Node, Plan
from models.evidence_pack import row_of
from models.merge_review import ChangeKind, MergeError, apply_changes, review_for_store
from models.store import Store

UNIT = "人事科"


@pytest.fixture
def setup(tmp_path):
    plan = Plan(title="打包测试清单", roots=[Node(text="完成年度招录", lead=[UNIT]), Node(text="修订考勤制度", lead=[UNIT])])
    store = Store(tmp_path / "data" / "s.sqlite")
    store.save_plan(plan)
    (pack,) = write_unit_packs(plan, tmp_path / "out", round="2024年上半年")
    with zipfile.ZipFile(pack) as z:
        z.extract(f"{UNIT}.xlsx", tmp_path)
    keys = {row: key for key, row in body_rows(load_workbook(tmp_path / f"{UNIT}.xlsx").active).items()}
    yield store, pack, keys
    store.close()


def test_rows_read_from_folder_and_file_names():
    assert [row_of(n) for n in ["7", "7_任务", "第7行", "第 12 行 会议", "7-照片.jpg", "7.pdf"]] == [7, 7, 7, 12, 7, 7]
    assert [row_of(n) for n in ["照片.jpg", "2024年总结.pdf", "1234567"]] == [None, None, None]


def test_names_of_a_windows_zip_without_the_utf8_flag_are_read_as_gbk(setup, tmp_path):
    store, pack, keys = setup
    placeholder, real = "XXXXXXXX/7/YYYY.jpg", "佐证材料/7/照片.jpg"
    assert len(placeholder) == len(real.encode("gbk"))
    with zipfile.ZipFile(pack) as z:
        sheet = z.read(f"{UNIT}.xlsx")
    path = tmp_path / "gbk.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("sheet.xlsx", sheet)
        z.writestr(placeholder, b"photo")
    path.write_bytes(path.read_bytes().replace(placeholder.encode(), real.encode("gbk")))
    returned = read_pack(path)
    assert [(p.row, p.file.name, p.file.size) for p in returned.evidence] == [(7, "照片.jpg", 5)]
    review = review_for_store(store, [returned])
    (change,) = [c for c in review.changes if c.kind is ChangeKind.EVIDENCE]
    assert (change.node_id, change.new) == (keys[7], "照片.jpg")
    assert change.explicit is False and change.unit == UNIT


def test_undo_forgets_the_files_and_restores_the_store_exactly(setup, tmp_path):
    store, pack, keys = setup
    back = returned_pack(pack, tmp_path, {keys[8]: ("已起草", "推进中", "")}, {"佐证材料/8_修订考勤制度/草案.docx": b"draft"})
    before = whole_store(store)
    review = review_for_store(store, [read_pack(back)])
    applied = apply_changes(store, review.plan_id, review.accept_all(), backup=False)
    (evidence,) = store.evidence_for(keys[8])
    assert evidence.entry_id == store.progress_history(keys[8])[0].id and evidence.path.startswith("二、_")  # named by the task's number
    applied.undo(store)
    assert whole_store(store) == before
    assert (store.evidence_dir / evidence.path).read_bytes() == b"draft"  # the copy stays, as after any undo
    again = apply_changes(store, review.plan_id, review.accept_all(), backup=False)  # redo: the same copy
    assert [e.path for e in store.evidence_for(keys[8])] == [evidence.path] and again.evidence_ids
    assert len(list(store.evidence_dir.iterdir())) == 1


def test_a_pack_changed_after_the_review_merges_nothing(setup, tmp_path):
    store, pack, keys = setup
    back = returned_pack(pack, tmp_path, {keys[7]: ("完成", "已完成", "")}, {"佐证材料/7_完成年度招录/a.pdf": b"first",
                                                                         "佐证材料/7_完成年度招录/b.pdf": b"second"})
    review = review_for_store(store, [read_pack(back)])
    with zipfile.ZipFile(back) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(back, "w") as z:
        for info, data in parts:
            z.writestr(info, b"other!" if info.filename.endswith("b.pdf") else data)
    before = store_state(store.path)
    with pytest.raises(MergeError, match="b.pdf.*审阅后被改动"):
        apply_changes(store, review.plan_id, review.accept_all(), backup=False)
    assert store_state(store.path) == before  # a.pdf, copied first, was removed again


def test_a_file_sent_after_its_report_joins_the_report_merged_before(setup, tmp_path):
    store, pack, keys = setup
    answers = {keys[7]: ("完成", "已完成", "")}
    first = returned_pack(pack, tmp_path / "1", answers, {})
    review = review_for_store(store, [read_pack(first)])
    apply_changes(store, review.plan_id, review.accept_all(), backup=False)
    again = returned_pack(pack, tmp_path / "2", answers, {"佐证材料/7_完成年度招录/补充.pdf": b"late file"})
    review = review_for_store(store, [read_pack(again)])
    assert [c.kind for c in review.changes] == [ChangeKind.EVIDENCE]  # the report itself was merged before
    apply_changes(store, review.plan_id, review.accept_all(), backup=False)
    (entry,) = store.progress_history(keys[7])
    assert [e.entry_id for e in store.evidence_for(keys[7])] == [entry.id]


def test_a_pack_moved_away_after_the_review_merges_nothing(setup, tmp_path):
    store, pack, keys = setup
    back = returned_pack(pack, tmp_path, {keys[7]: ("完成", "已完成", "")}, {"佐证材料/7_完成年度招录/a.pdf": b"first"})
    review = review_for_store(store, [read_pack(back)])
    back.rename(tmp_path / "moved.zip")
    before = store_state(store.path)
    with pytest.raises(MergeError, match="a.pdf：无法再次读取"):
        apply_changes(store, review.plan_id, review.accept_all(), backup=False)
    assert store_state(store.path) == before
