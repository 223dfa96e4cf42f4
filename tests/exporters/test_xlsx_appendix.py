"""The Excel appendix, read back from the written file with openpyxl."""
import pytest
from openpyxl import load_workbook

from exporters.appendix_layout import LayoutOptions, build_appendix
from exporters.xlsx_appendix import FIRST_BODY_ROW, HEADER_ROW, write_appendix
from models.exchange import KEY_HEADER, MARKER_SHEET, read_marker
from exporters.xlsx_style import ExportError, cell_height, put_text, wrapped_lines
from models.demo import demo_plan
from models.domain import Column, Node, Plan


@pytest.fixture
def plan():
    p = demo_plan()
    p.tag_legend = {"★": "对标先进地区主动增加", "▲": "新增"}
    first = p.roots[0].children[0].children
    first[0].tags = ["★"]
    first[1].tags = ["★", "▲"]
    first[2].remarks = "=SUM(A1:A3)"
    first[3].remarks = "+86 1234\x07响铃"
    return p


@pytest.fixture
def written(plan, tmp_path):
    path = write_appendix(plan, tmp_path / "附件.xlsx")
    return plan, load_workbook(path)


def test_label_title_and_header_rows(written):
    plan, wb = written
    ws = wb["附件"]
    assert ws["A1"].value == "附件" and ws["A1"].font.name == "黑体" and ws["A1"].font.sz == 16
    assert ws["A2"].value == plan.title and ws["A2"].font.name == "方正小标宋简体"
    assert "A2:G2" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.row_dimensions[2].height >= 30
    headers = [ws.cell(HEADER_ROW, c).value for c in range(1, 8)]
    assert headers == ["一级指标", "二级指标", "三级指标", "牵头单位", "责任单位", "完成时限", "备注"]
    assert all(ws.cell(HEADER_ROW, c).alignment.horizontal == "center" for c in range(1, 8))
    assert ws.cell(HEADER_ROW, 1).font.name == "黑体" and ws.cell(FIRST_BODY_ROW, 3).font.name == "仿宋_GB2312"


def test_ancestors_are_merged_vertically_as_the_layout_says(written):
    plan, wb = written
    ws = wb["附件"]
    table = build_appendix(plan)
    ranges = {str(r) for r in ws.merged_cells.ranges}
    breaks = [b.id + 1 for b in ws.row_breaks.brk]  # the rows that start a printed page
    assert breaks
    for m in table.merges:
        # merged as the layout says, but closed at each page break, the text repeated below it
        col = "ABCDEFG"[m.column]
        first, last = FIRST_BODY_ROW + m.first, FIRST_BODY_ROW + m.last
        cuts = [first] + [b for b in breaks if first < b <= last] + [last + 1]
        for top, end in zip(cuts, cuts[1:]):
            if end - 1 > top:
                assert f"{col}{top}:{col}{end - 1}" in ranges
            assert ws[f"{col}{top}"].value == table.rows[m.first][m.column]
    # 一级指标 一 spans tasks 1–9: text only in the first cell, on top, so a page break cannot hide it
    assert ws["A4"].value.startswith("一、办理建筑许可") and ws["A5"].value is None
    assert ws["A4"].alignment.vertical == "top"
    assert ws["C4"].value.startswith("1.探索推广") and ws["C4"].alignment.vertical == "center"
    # borders on every cell of a merged range, not only the first
    for row in range(FIRST_BODY_ROW, FIRST_BODY_ROW + 9):
        border = ws.cell(row, 1).border
        assert border.left.style == "thin" and border.right.style == "thin"
    assert ws.cell(FIRST_BODY_ROW + 8, 1).border.bottom.style == "thin"
    last_body = FIRST_BODY_ROW + len(table.rows) - 1
    assert ws.cell(last_body, 3).value.startswith("56.")


def test_print_setup_follows_the_spec(written):
    _, wb = written
    ws = wb["附件"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"
    assert ws.print_options.horizontalCentered is True
    assert ws.freeze_panes == "A4"
    assert ws.HeaderFooter.differentOddEven is True
    assert ws.oddFooter.right.text == "— &P —" and ws.evenFooter.left.text == "— &P —"
    assert ws.oddFooter.right.size == 14 and ws.oddFooter.right.font == "宋体"
    assert not ws.oddFooter.left.text and not ws.evenFooter.right.text
    assert ws.page_margins.left == pytest.approx(1.38) and ws.page_margins.top == pytest.approx(1.10)
    # the print area ends at 备注 and at the legend, leaving the key column out
    assert ws.print_area == "'附件'!$A$1:$G$61"


def test_formula_like_text_stays_text_and_control_characters_go(written, tmp_path):
    _, wb = written
    ws = wb["附件"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    sum_cell = next(c for c in cells if c.value == "=SUM(A1:A3)")
    assert sum_cell.data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert any(c.value == "+86 1234响铃" for c in cells)
    # and a spreadsheet program computes nothing: the XML holds no <f> element
    import zipfile
    with zipfile.ZipFile(tmp_path / "附件.xlsx") as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_legend_row_counts_tags(written):
    _, wb = written
    ws = wb["附件"]
    assert ws["A60"].value == "注：1.★：对标先进地区主动增加，共2项"
    assert ws["A61"].value == "2.▲：新增，共1项"
    assert {"A60:G60", "A61:G61"} <= {str(r) for r in ws.merged_cells.ranges}


def xlsx_widths(table):
    return [c.xlsx_width for c in table.columns]


def test_row_heights_fit_the_wrapped_text(written):
    plan, wb = written
    ws = wb["附件"]
    table = build_appendix(plan)
    widths = xlsx_widths(table)
    for r, row in enumerate(table.rows):
        height = ws.row_dimensions[FIRST_BODY_ROW + r].height
        assert height is not None
        # every unmerged cell fits in its row (merged ancestors are checked below)
        for c in range(2, len(row)):
            assert height >= cell_height(row[c], widths[c], table.body_pt) - 0.01
    assert ws.row_dimensions[FIRST_BODY_ROW].height > ws.row_dimensions[FIRST_BODY_ROW + 55].height / 3


def test_a_long_parent_over_short_rows_spreads_its_shortfall(tmp_path):
    long_text = "统筹推进" * 80
    plan = Plan(columns=[Column.DEADLINE], roots=[
        Node(text=long_text, children=[Node(text="甲", deadline="年底"), Node(text="乙", deadline="年底")]),
    ])
    wb = load_workbook(write_appendix(plan, tmp_path / "a.xlsx"))
    ws = wb.active
    table = build_appendix(plan)
    need = cell_height("一、" + long_text, xlsx_widths(table)[0], table.body_pt)
    rows = [ws.row_dimensions[FIRST_BODY_ROW + i].height for i in range(2)]
    assert sum(rows) >= need and abs(rows[0] - rows[1]) <= 1


def test_hidden_key_column_and_marker(written):
    plan, wb = written
    ws = wb["附件"]
    assert ws.cell(HEADER_ROW, 8).value == KEY_HEADER
    assert ws.column_dimensions["H"].hidden
    leaves = [n.id for n, _ in plan.walk() if not n.children]
    assert [ws.cell(FIRST_BODY_ROW + i, 8).value for i in range(len(leaves))] == leaves
    assert wb[MARKER_SHEET].sheet_state == "veryHidden"
    marker = read_marker(wb)
    assert marker["plan_id"] == plan.id and marker["kind"] == "appendix"


def test_options_add_serial_and_progress_columns(plan, tmp_path):
    plan.roots[0].children[0].children[0].progress = "已完成验收流程改造"
    path = write_appendix(plan, tmp_path / "p.xlsx", LayoutOptions(serial=True, progress=True))
    ws = load_workbook(path).active
    headers = [ws.cell(HEADER_ROW, c).value for c in range(1, 10)]
    assert headers[0] == "序号" and headers[-1] == "进展情况"
    assert ws.cell(FIRST_BODY_ROW, 9).value == "已完成验收流程改造"
    assert ws.cell(FIRST_BODY_ROW + 1, 1).value == "2"


def test_short_columns_fit_their_content(plan):
    table = build_appendix(plan)
    widths = xlsx_widths(table)
    keys = [c.key for c in table.columns]
    assert all(wrapped_lines(row[keys.index("deadline")], widths[keys.index("deadline")], table.body_pt) == 1
               for row in table.rows if len(row[keys.index("deadline")]) <= 8)


def test_wrapped_lines():
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("短句", 10) == 1
    assert wrapped_lines("第一行\n第二行", 20) == 2
    assert wrapped_lines("中" * 40, 20.8) == 4  # 10 characters of 2 units per line
    assert wrapped_lines("word " * 10, 12) >= 4  # Latin words are not broken
    # 。 may not start a line: the 中 before it moves down too, and the rest overflows
    assert wrapped_lines("中" * 10 + "。" + "中" * 9, 20.8) == 3


def test_too_long_a_cell_is_refused():
    from openpyxl import Workbook
    cell = Workbook().active["A1"]
    with pytest.raises(ExportError, match="32767"):
        put_text(cell, "长" * 40_000)


def test_equal_fields_merge_keeps_centred_columns_centred(plan, tmp_path):
    ws = load_workbook(write_appendix(plan, tmp_path / "m.xlsx", LayoutOptions(merge_equal_fields=True))).active
    ranges = {str(r) for r in ws.merged_cells.ranges}
    assert "F4:F9" in ranges and ws["F5"].value is None  # 2022年9月 once for tasks 1–6
    assert ws["F4"].alignment.horizontal == "center" and ws["F4"].alignment.vertical == "top"


def test_a_task_too_long_for_one_row_continues_on_further_rows(tmp_path):
    text = "".join(f"第{i}项具体措施要求落实到位。" for i in range(1, 3001))  # 45,000 characters
    plan = Plan(columns=[Column.RESPONSIBLE, Column.DEADLINE], roots=[
        Node(text="一级", children=[Node(text=text, responsible=["甲局", "乙局"], deadline="2022年9月"),
                                   Node(text="短任务", responsible=["丙局"], deadline="2022年12月")])])
    path = write_appendix(plan, tmp_path / "long.xlsx")
    ws = load_workbook(path).active
    second = next(r for r in range(FIRST_BODY_ROW, ws.max_row + 1) if ws.cell(r, 2).value == "（二）短任务")
    task_rows = list(range(FIRST_BODY_ROW, second))
    assert len(task_rows) > 2
    assert "".join(ws.cell(r, 2).value for r in task_rows) == build_appendix(plan).rows[0][1]  # all, in order
    assert all(ws.row_dimensions[r].height <= 409 for r in task_rows)
    assert all(len(ws.cell(r, 2).value) <= 32_767 for r in task_rows)
    ranges = {str(r) for r in ws.merged_cells.ranges}
    first, last = task_rows[0], task_rows[-1]
    assert f"C{first}:C{last}" in ranges or any(  # the side cells merged over the continuation
        rng.startswith(f"C{first}:") for rng in ranges)
    assert ws.cell(first, 3).value == "甲局、乙局" and ws.cell(first, 4).value == "2022年9月"
    assert ws.cell(first, 5).value == plan.roots[0].children[0].id  # the key on its first row


def test_pages_end_with_closed_merges_and_the_legend_never_alone(tmp_path):
    plan = demo_plan()
    plan.tag_legend = {"★": "对标先进地区主动增加"}
    plan.roots[-1].children[-1].children[-1].tags = ["★"]
    ws = load_workbook(write_appendix(plan, tmp_path / "a.xlsx")).active
    breaks = [b.id + 1 for b in ws.row_breaks.brk]
    assert len(breaks) >= 3
    legend_row = next(r for r in range(FIRST_BODY_ROW, ws.max_row + 1)
                      if (ws.cell(r, 1).value or "").startswith("注："))
    assert breaks[-1] < legend_row - 1  # at least one task row on the legend's page
    for rng in ws.merged_cells.ranges:  # no merge runs over a page break
        assert not any(rng.min_row < b <= rng.max_row for b in breaks), rng
    # the page feet: every cell above a break has its bottom border
    for b in breaks:
        assert all(ws.cell(b - 1, c).border.bottom.style == "thin" for c in range(1, 8))
