"""Reading returned .xlsx files: real files written by our exporters and edited with openpyxl."""
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from helpers.exchange_helpers import body_rows, columns
from exporters.unit_sheets import write_unit_workbook
from exporters.xlsx_appendix import write_appendix
from importers.returned_sheets import ReturnedFileError, read_returned
from models.demo import demo_plan


@pytest.fixture(scope="module")
def plan():
    return demo_plan()


def test_a_unit_workbook_reads_back_sheet_by_sheet(plan, tmp_path):
    path = write_unit_workbook(plan, tmp_path / "u.xlsx", ["执法监督科", "人事科"], round="2024年第一季度")
    wb = load_workbook(path)
    ws = wb["人事科"]
    cols = columns(ws)
    row = min(body_rows(ws).values())
    ws.cell(row, cols["进展情况"]).value = "=1+1 已按要求\n完成"
    wb.save(path)
    returned = read_returned(path)
    assert returned.marker["plan_id"] == plan.id
    assert [s.sheet for s in returned.sheets] == ["执法监督科", "人事科"]
    sheet = returned.sheets[1]
    assert (sheet.kind, sheet.unit, sheet.round, sheet.has_key_column) == ("unit", "人事科", "2024年第一季度", True)
    first = sheet.rows[0]
    assert first.key in body_rows(ws)
    assert first.cells["progress"] == "=1+1 已按要求\n完成"  # a formula is read as its text
    assert first.cells["task"][0].isdigit()
    assert set(returned.base) >= {r.key for s in returned.sheets for r in s.rows}


def test_an_appendix_reads_with_merged_levels_filled_and_the_legend_skipped(plan, tmp_path):
    plan = demo_plan()
    plan.tag_legend = {"★": "重点"}
    plan.roots[0].children[0].children[0].tags = ["★"]
    path = write_appendix(plan, tmp_path / "a.xlsx")
    sheet = read_returned(path).sheets[0]
    assert sheet.kind == "appendix" and sheet.has_key_column
    assert len(sheet.rows) == 56
    second = sheet.rows[1]
    assert second.levels[0].startswith("一、办理建筑许可") and second.levels[1] == "（一）办理环节"
    assert second.levels[2].startswith("2.取消工程建设项目")
    assert second.cells["deadline"] == "2022年9月" and "lead" in sheet.columns
    assert not any(r.levels[0].startswith("注") for r in sheet.rows)


def test_numbers_and_dates_typed_by_hand_read_as_text(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "牵头单位", "责任单位", "完成时限"])
    ws.append(["一、甲", "1.任务", "A局", "B局", 2024.0])
    import datetime
    ws.append(["一、甲", "2.任务", "A局", "B局", datetime.datetime(2024, 6, 30)])
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    returned = read_returned(path)
    assert returned.marker is None
    rows = returned.sheets[0].rows
    assert [r.cells["deadline"] for r in rows] == ["2024", "2024-06-30"]
    assert rows[0].levels == ["一、甲", "1.任务"] and rows[0].key is None


def test_files_that_are_no_tables_or_no_office_files_are_refused(tmp_path):
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    with pytest.raises(ReturnedFileError, match="没有找到清单表格"):
        read_returned(empty)
    text = tmp_path / "text.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(ReturnedFileError, match="text.xlsx"):
        read_returned(text)


def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(ReturnedFileError, match="压缩"):
        read_returned(bomb)
