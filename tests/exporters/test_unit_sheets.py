"""Per-department sheets, read back from the written files."""
import pytest
from openpyxl import load_workbook

from helpers.exchange_helpers import body_rows, columns
from exporters.unit_sheets import (
    LEAD,
    RESPONSIBLE,
    default_round,
    unit_tasks,
    write_unit_files,
    write_unit_workbook,
)
from models.exchange import read_marker, sheet_fields
from models.file_names import file_name
from exporters.xlsx_style import ExportError, sheet_title
from models.demo import demo_plan


@pytest.fixture(scope="module")
def plan():
    return demo_plan()


def test_each_unit_gets_the_tasks_it_leads_or_shares(plan):
    tasks = unit_tasks(plan)
    mine = tasks["执法监督科"]
    assert [t.role for t in mine].count(LEAD) == 12 and [t.role for t in mine].count(RESPONSIBLE) == 5
    first = mine[0]
    assert first.number == "4." and first.context == "一、办理建筑许可（市级牵头单位：市住建局）／（一）办理环节"
    every_lead = {(n.id, u) for n, _ in plan.walk() for u in n.lead}
    assert every_lead == {(t.node.id, u) for u, ts in tasks.items() for t in ts if t.role == LEAD}


def test_one_sheet_per_unit_with_locked_cells_and_protection(plan, tmp_path):
    path = write_unit_workbook(plan, tmp_path / "分解表.xlsx", ["执法监督科", "市政管理科"], round="2024年第二季度")
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["执法监督科", "市政管理科"]
    ws = wb["执法监督科"]
    cols = columns(ws)
    assert list(cols) == ["编号", "所属指标", "任务内容", "本单位职责", "牵头单位", "责任单位", "完成时限",
                          "进展情况", "完成状态", "完成进度（%）", "存在问题"]
    assert ws.column_dimensions["A"].hidden and cols["编号"] == 1
    rows = body_rows(ws)
    assert list(rows) == [t.node.id for t in unit_tasks(plan)["执法监督科"]]
    first = min(rows.values())
    assert ws.cell(first, cols["任务内容"]).value.startswith("4.强化事中事后监管")
    assert ws.cell(first, cols["本单位职责"]).value == "牵头"
    # locked everywhere except the fill-in columns; protected without a password
    for name, col in cols.items():
        assert ws.cell(first, col).protection.locked is (name not in ("进展情况", "完成状态", "完成进度（%）", "存在问题"))
    assert ws.protection.sheet is True and not ws.protection.password
    assert ws.protection.insertRows and ws.protection.deleteRows and not ws.protection.formatRows
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"未启动,推进中,已完成,滞后"'
    assert str(validation.sqref) == f"I{first}:I{first + len(rows) - 1}"
    assert validation.showInputMessage and "未启动、推进中、已完成、滞后" in validation.prompt
    share = ws.data_validations.dataValidation[1]  # a whole percentage or nothing
    assert (share.type, share.formula1, share.formula2) == ("whole", "0", "100")
    assert str(share.sqref) == f"J{first}:J{first + len(rows) - 1}"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${first - 1}:${first - 1}"
    # who reports: 填报单位 given, 填报人 / 联系电话 / 报送日期 to type; then how to return the sheet
    form = {ws.cell(r, c).value: (r, c) for r in (3, 4) for c in range(2, 12) if ws.cell(r, c).value}
    assert {"填报单位：", "填报人：", "联系电话：", "报送日期："} <= set(form)
    r, c = form["填报单位："]
    assert ws.cell(r, c + 1).value == "执法监督科"
    for label in ("填报人：", "联系电话：", "报送日期："):
        r, c = form[label]
        assert ws.cell(r, c + 1).value is None and ws.cell(r, c + 1).protection.locked is False
    how = next(ws.cell(r, 2).value for r in range(3, first - 1) if (ws.cell(r, 2).value or "").startswith("填报说明"))
    assert "2024年第二季度" in how and "报送" in how
    assert ws["B2"].value.startswith("清单：" + plan.title) and "报送轮次：2024年第二季度" in ws["B2"].value
    marker = read_marker(wb)
    assert marker["kind"] == "unit-sheets" and marker["plan_id"] == plan.id and marker["round"] == "2024年第二季度"
    assert sheet_fields(marker, "市政管理科") == {"unit": "市政管理科"}


def test_a_password_protects_the_sheets(plan, tmp_path):
    path = write_unit_workbook(plan, tmp_path / "p.xlsx", ["人事科"], password="secret")
    ws = load_workbook(path)["人事科"]
    assert ws.protection.sheet and ws.protection.password  # stored as Excel's hash


def test_one_file_per_unit(plan, tmp_path):
    paths = write_unit_files(plan, tmp_path / "out")
    groups = ["机关各科室", "局属各单位", "达州市所有供水、供气企业", "各三级指标牵头科室、单位"]  # 统称
    assert len(unit_tasks(plan)) == 22 and len(paths) == 22 - len(groups)
    assert not {p.stem for p in paths} & set(groups)
    assert write_unit_files(plan, tmp_path / "asked", ["机关各科室"])[0].name == "机关各科室.xlsx"
    # the directory's kinds decide when given: a name marked 统称 there is skipped, a group name not marked is not
    by_directory = write_unit_files(plan, tmp_path / "dir", umbrellas={"人事科"})
    assert len(by_directory) == 21 and "人事科.xlsx" not in {p.name for p in by_directory}
    assert {p.name for p in paths} >= {"执法监督科.xlsx", "政策法规科（行政审批科）.xlsx"}
    wb = load_workbook(tmp_path / "out" / "人事科.xlsx")
    assert sheet_fields(read_marker(wb), wb.sheetnames[0])["unit"] == "人事科"


def test_unknown_units_are_refused(plan, tmp_path):
    with pytest.raises(ExportError, match="不存在的科"):
        write_unit_files(plan, tmp_path, ["不存在的科"])


def test_sheet_titles_are_legal_and_unique():
    taken: set[str] = set()
    assert sheet_title("a/b[c]:d*?", taken) == "a_b_c__d__"
    long = "很长的单位名称" * 6
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) == len(second) == 31 and first != second
    assert file_name('a/b:c*?"<>|.') == "a_b_c______" and file_name("") == "清单"


def test_default_round_names_the_quarter():
    from datetime import date
    assert default_round(date(2024, 5, 2)) == "2024年第二季度"
    assert default_round(date(2024, 12, 31)) == "2024年第四季度"


def test_no_empty_lead_column_when_no_task_has_a_lead(tmp_path):
    from models.domain import Column, Node, Plan
    plan = Plan(title="无牵头", columns=[Column.RESPONSIBLE],
                roots=[Node(text="甲", responsible=["财政局"]), Node(text="乙", responsible=["财政局", "税务局"])])
    ws = load_workbook(write_unit_workbook(plan, tmp_path / "u.xlsx")).worksheets[0]
    assert "牵头单位" not in columns(ws) and "责任单位" in columns(ws)
    with pytest.raises(ExportError, match="没有填写任何牵头或责任单位"):
        write_unit_files(Plan(title="空", roots=[Node(text="甲")]), tmp_path / "none")
