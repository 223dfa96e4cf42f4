"""Filling in exported sheets the way a department or another office does, with openpyxl."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


def header_row_of(ws, key_header: str = "编号") -> int:
    """The header row: the one holding the key column's header (row 3 in the appendix, lower in a
    department sheet, under its form)."""
    return next(r for r in range(1, 20) if any(c.value == key_header for c in ws[r]))


def columns(ws, header_row: int | None = None) -> dict[str, int]:
    return {c.value: c.column for c in ws[header_row or header_row_of(ws)] if c.value}


def fill_unit_sheet(path: Path, answers: dict[str, tuple[str, str, str]], sheet: str | None = None) -> None:
    """answers: node id → (进展情况, 完成状态, 存在问题); saved in place."""
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    cols = columns(ws)
    for row in range(header_row_of(ws) + 1, ws.max_row + 1):
        key = ws.cell(row, cols["编号"]).value
        if key in answers:
            progress, status, issues = answers[key]
            ws.cell(row, cols["进展情况"]).value = progress
            ws.cell(row, cols["完成状态"]).value = status
            ws.cell(row, cols["存在问题"]).value = issues
    wb.save(path)


def body_rows(ws, key_header: str = "编号", header_row: int | None = None) -> dict[str, int]:
    """node id → Excel row."""
    header_row = header_row or header_row_of(ws, key_header)
    col = columns(ws, header_row)[key_header]
    return {ws.cell(r, col).value: r for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, col).value}
