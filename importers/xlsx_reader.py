"""Excel workbooks (.xlsx): every sheet is a table.

Merged cells are filled in: a range merged down repeats its value in every
row of its first column; the other columns of a range spanning columns stay
empty (a title row spanning the sheet stays one title).  Formula cells are
read as the text of their formula, never evaluated, and reported.  Dates
become ``2024年6月30日`` so that the deadline parser reads them.

Workbooks exported by Duty Matrix carry exchange machinery that is not part
of the printed list: "very hidden" marker sheets (``_dutymatrix…``) and a
hidden key column (编号) of node ids.  Both are skipped, also when someone
unhid them.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import openpyxl

from models.exchange import KEY_HEADER, MARKER_SHEET
from importers.document import SourceDoc, Table
from importers.guard import check_office_zip
from importers.text_source import clean_typed


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_typed(str(value))


_NODE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def _is_machinery(ws) -> bool:
    """A sheet no one reads: our marker sheets, or one hidden beyond the user's Unhide."""
    return ws.sheet_state == "veryHidden" or ws.title.startswith(MARKER_SHEET)


def _key_columns(rows: list[list[str]]) -> set[int]:
    """Columns holding node ids (the exported key column 编号), with at most their header."""
    width = max((len(r) for r in rows), default=0)
    keys = set()
    for c in range(width):
        values = [r[c] for r in rows if c < len(r) and r[c]]
        ids = sum(1 for v in values if _NODE_ID.fullmatch(v))
        if ids and all(_NODE_ID.fullmatch(v) or v == KEY_HEADER for v in values):
            keys.add(c)
    return keys


def _join_continued(rows: list[list[str]], ws, keys: set[int]) -> list[list[str]]:
    """A task our export continued over rows (its key cell merged over them, exporters.xlsx_pages)
    as one row again: the cells merged over the rows once, the continued text in full."""
    covered: set[tuple[int, int]] = set()
    continued: set[int] = set()
    for merged in ws.merged_cells.ranges:
        if merged.max_row > merged.min_row:
            below = range(merged.min_row, min(merged.max_row, len(rows)))  # 0-based rows under the first
            covered.update((r, c) for r in below for c in range(merged.min_col - 1, merged.max_col))
            if any(merged.min_col - 1 <= k <= merged.max_col - 1 for k in keys):
                continued.update(below)
    if not continued:
        return rows
    joined: list[list[str]] = []
    for r, row in enumerate(rows):
        if r in continued and joined:
            last = joined[-1]
            for c, value in enumerate(row):
                if (r, c) not in covered:
                    last[c] += value
            continue
        joined.append(list(row))
    return joined


def _sheet(ws) -> tuple[Table, int]:
    rows, formulas = [], 0
    for row in ws.iter_rows():
        rows.append([_text(c.value) for c in row])
        formulas += sum(1 for c in row if c.data_type == "f")  # not text that starts with =, typed as text
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else ""
        for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
            rows[r - 1][merged.min_col - 1] = top
    keys = _key_columns(rows)
    if keys:
        rows = _join_continued(rows, ws, keys)
        rows = [[v for c, v in enumerate(row) if c not in keys] for row in rows]
    return Table(rows, merged=True, name=ws.title), formulas


def read_xlsx(path: str | Path, max_rows: int | None = None) -> SourceDoc:
    path = check_office_zip(path, max_rows)
    workbook = openpyxl.load_workbook(path, data_only=False)  # formulas stay text
    doc = SourceDoc(path)
    try:
        for ws in workbook.worksheets:
            if _is_machinery(ws):
                continue
            table, formulas = _sheet(ws)
            if any(any(c for c in row) for row in table.rows):
                doc.blocks.append(table)
            if formulas:
                doc.notes.append(("formula", f"工作表“{ws.title}”中有 {formulas} 个公式单元格，已按公式原文导入，未计算"))
    finally:
        workbook.close()
    return doc
