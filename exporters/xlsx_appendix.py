"""The official appendix (附件) as one Excel sheet, print-ready.

Renders :func:`exporters.appendix_layout.build_appendix` — the same table the
Word exporter prints — in the Excel form of shared/spec/official-layout.md
§1.7: row 1 the 附件 label, row 2 the title merged across the table, row 3
the header (repeated on every printed page), then the body with ancestors
merged vertically, then the legend rows with computed counts.

After the printed columns comes a hidden key column (编号) with each row's
leaf node id, outside the print area, and a hidden marker sheet names the
plan, so that an edited copy can be merged back (:mod:`models.merge_review`).
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from exporters.appendix_layout import AppendixTable, LayoutOptions, build_appendix
from exporters.xlsx_pages import PRINT_HEIGHT_PT, sheet_body
from models.exchange import KEY_HEADER, write_base, write_marker
from exporters.xlsx_style import (
    ALL_THIN,
    CellStyles,
    Span,
    StyleSpec,
    alignment,
    cell_height,
    height_for,
    merge_styled,
    print_setup,
    put_text,
    save_workbook,
    set_widths,
    sheet_title,
)
from models.cell_text import printed_fields
from models.domain import Plan
from models.numbering import number_plan


LABEL_PT = 16.0  # 黑体 3号 (spec: 14–16)
TITLE_PT = 20.0  # 小标宋 (spec: 18–20 in Excel)
TITLE_MIN_HEIGHT = 36.0  # spec: 30–40 pt
HEADER_ROW = 3
FIRST_BODY_ROW = 4
KEY_WIDTH = 38.0


def _styles(table: AppendixTable) -> CellStyles:
    fonts = table.fonts
    body = Font(name=fonts.fangsong, size=table.body_pt)
    return CellStyles({
        "label": StyleSpec(Font(name=fonts.heiti, size=LABEL_PT), alignment("left", wrap=False)),
        "title": StyleSpec(Font(name=fonts.title, size=TITLE_PT), alignment("center")),
        "header": StyleSpec(Font(name=fonts.heiti, size=table.header_pt), alignment("center"), ALL_THIN),
        "body": StyleSpec(body, alignment("left"), ALL_THIN),
        "body_centered": StyleSpec(body, alignment("center"), ALL_THIN),
        # An indicator merged over many rows may cross a page break: its text goes on top,
        # so the first page of the group shows it.
        "span": StyleSpec(body, alignment("left", "top"), ALL_THIN),
        "span_centered": StyleSpec(body, alignment("center", "top"), ALL_THIN),
        "legend": StyleSpec(body, alignment("left", "top")),
        # 2.… 3.… under the 1. of 注：1.…: Excel indents by about three characters of its default font
        "legend_item": StyleSpec(body, Alignment(horizontal="left", vertical="top", wrap_text=True, indent=3)),
        "key": StyleSpec(Font(name="Arial", size=8, color="808080"), alignment("left", wrap=False)),
    })


def appendix_workbook(plan: Plan, table: AppendixTable, *, key_column: bool = True,
                      markers: bool = True) -> Workbook:
    """The table as a print-ready sheet; ``markers`` adds what a returned file is matched by."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(table.label)
    write_table_sheet(ws, table, key_column=key_column)
    if markers:
        write_marker(wb, "appendix", plan.id, plan.title, sheet=ws.title,
                     columns=",".join(c.key for c in table.columns))
        write_base(wb, exported_fields(plan))
    return wb


def write_table_sheet(ws, table: AppendixTable, *, key_column: bool = False) -> None:
    """Write ``table`` on sheet ``ws`` in the official layout: label, title, header, body, legend,
    print setup (and the hidden key column of each row's node id with ``key_column``)."""
    styles = _styles(table)
    ncols = len(table.columns)
    last = get_column_letter(ncols)
    widths = [c.xlsx_width for c in table.columns]  # fitted to the content by the layout
    set_widths(ws, widths)
    total_width = sum(widths)

    cell = ws.cell(1, 1)
    put_text(cell, table.label)
    styles.apply(cell, "label")
    ws.row_dimensions[1].height = height_for(1, LABEL_PT)

    for c in range(1, ncols + 1):
        styles.apply(ws.cell(2, c), "title")
    put_text(ws.cell(2, 1), table.title)
    merge_styled(ws, 2, 1, 2, ncols)
    ws.row_dimensions[2].height = max(cell_height(table.title, total_width, TITLE_PT), TITLE_MIN_HEIGHT)

    for c, column in enumerate(table.columns, 1):
        cell = ws.cell(HEADER_ROW, c)
        put_text(cell, column.header)
        styles.apply(cell, "header")
    ws.row_dimensions[HEADER_ROW].height = max(
        cell_height(c.header, w, table.header_pt) for c, w in zip(table.columns, widths)
    )

    legend_heights = [cell_height(line, total_width, table.body_pt) for line in table.legend]
    header_height = ws.row_dimensions[HEADER_ROW].height
    body = sheet_body(table.rows, widths, table.body_pt, [Span(m.column, m.first, m.last) for m in table.merges],
                      first_page_pt=PRINT_HEIGHT_PT - sum(ws.row_dimensions[r].height for r in (1, 2)) - header_height,
                      page_pt=PRINT_HEIGHT_PT - header_height, legend_pt=sum(legend_heights))
    covered = {(r, s.column) for s in body.spans for r in range(s.first + 1, s.last + 1)}
    span_starts = {(s.first, s.column) for s in body.spans if s.last > s.first}
    names = ["body_centered" if c.centered else "body" for c in table.columns]
    span_names = ["span_centered" if c.centered else "span" for c in table.columns]
    for r, row in enumerate(body.rows):
        excel_row = FIRST_BODY_ROW + r
        for c, text in enumerate(row):
            cell = ws.cell(excel_row, c + 1)
            # Borders on every cell, also those a merge will cover (spec §2.2).
            styles.apply(cell, span_names[c] if (r, c) in span_starts else names[c])
            if text and (r, c) not in covered:
                put_text(cell, text)
        ws.row_dimensions[excel_row].height = body.heights[r]
    for s in body.spans:
        if s.last > s.first:
            merge_styled(ws, FIRST_BODY_ROW + s.first, s.column + 1, FIRST_BODY_ROW + s.last, s.column + 1)
    for b in body.breaks:  # the pages the heights make, closed where the layout closed the merges
        ws.row_breaks.append(Break(id=FIRST_BODY_ROW + b - 1))

    end = FIRST_BODY_ROW + len(body.rows) - 1
    for i, (line, height) in enumerate(zip(table.legend, legend_heights)):
        end += 1
        cell = ws.cell(end, 1)
        put_text(cell, line)
        for c in range(1, ncols + 1):
            styles.apply(ws.cell(end, c), "legend_item" if i else "legend")
        merge_styled(ws, end, 1, end, ncols)
        ws.row_dimensions[end].height = height

    if key_column:
        key = ncols + 1
        put_text(ws.cell(HEADER_ROW, key), KEY_HEADER)
        styles.apply(ws.cell(HEADER_ROW, key), "key")
        for r, node_id in enumerate(table.row_nodes):
            first = FIRST_BODY_ROW + body.first_of[r]
            cell = ws.cell(first, key)
            put_text(cell, node_id)
            styles.apply(cell, "key")
            rows = body.row_count[r]
            if rows > 1:  # a continued task: its key merged over its rows, which a reader joins again
                merge_styled(ws, first, key, first + rows - 1, key)
        dim = ws.column_dimensions[get_column_letter(key)]
        dim.width, dim.hidden = KEY_WIDTH, True

    print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", print_area=f"A1:{last}{max(end, HEADER_ROW)}",
                freeze=f"A{FIRST_BODY_ROW}", footer_font=table.fonts.page_number)


def exported_fields(plan: Plan) -> dict[str, dict[str, str]]:
    numbers = number_plan(plan)
    return {n.id: printed_fields(n, numbers[n.id], not n.children) for n, _ in plan.walk()}


def write_appendix(plan: Plan, path: str | Path, options: LayoutOptions = LayoutOptions(),
                   *, key_column: bool = True) -> Path:
    """Write the plan's appendix table to ``path`` (.xlsx)."""
    path = Path(path)
    table = build_appendix(plan, options)
    save_workbook(appendix_workbook(plan, table, key_column=key_column), path)
    return path


def write_table(plan: Plan, table: AppendixTable, path: str | Path, sheet: str) -> Path:
    """Any table of the app (a view's, :mod:`exporters.view_tables`) as one print-ready sheet, not for merging back."""
    path = Path(path)
    wb = appendix_workbook(plan, table, key_column=False, markers=False)
    wb.active.title = sheet_title(sheet)
    save_workbook(wb, path)
    return path
