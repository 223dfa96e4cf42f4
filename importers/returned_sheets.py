"""Reading Excel files that come back: filled-in department sheets (分解表)
and appendix tables edited by others.

Each file passes :func:`importers.guard.check_office_zip` before openpyxl
sees it.  Columns are found by their header text, so a department that moved
or added a column is still read; the hidden key column (编号) gives each
row's node id when it survived.  Merged cells are read as their first
cell's text over the whole range; a formula is read as its text and never
evaluated.  What the rows mean for the plan is decided by
:mod:`models.merge_review`, not here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from models.errors import UserError
from models.exchange import (
    HANDDOWN_KIND,
    ISSUES_HEADER,
    KEY_HEADER,
    MARKER_SHEET,
    PROGRESS_HEADER,
    REPORT_UP_KIND,
    SHARE_HEADER,
    STATUS_HEADER,
    read_base,
    read_marker,
    sheet_fields,
)
from importers.guard import UnsafeFileError, check_office_zip
from models.merge_review import ReturnedFile, ReturnedSheet, SheetRow

# Header text (as it starts) → field.  Anything else before the first field
# column of an appendix table is a level column (一级指标, 重点任务 …).
_FIELDS = [
    (KEY_HEADER, "key"), ("序号", "serial"), ("所属指标", "context"), ("任务内容", "task"),
    ("本单位职责", "role"), ("牵头单位", "lead"), ("牵头科室", "lead"), ("责任单位", "responsible"),
    ("责任科室", "responsible"), ("责任领导", "leader"), ("完成时限", "deadline"), ("备注", "remarks"),
    (PROGRESS_HEADER, "progress"), (STATUS_HEADER, "status"), (SHARE_HEADER, "share"), (ISSUES_HEADER, "issues"),
]
_HEADER_SCAN_ROWS = 12


class ReturnedFileError(UserError):
    """A file that cannot be read as a returned sheet; the message names it."""


def cell_text(cell) -> str:
    """A cell as text: formulas as typed, numbers without a trailing .0, dates as ISO."""
    value = cell.value
    if value is None:
        return ""
    if hasattr(value, "text") and not isinstance(value, str):  # ArrayFormula, DataTableFormula
        value = value.text or ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _field(header: str) -> str | None:
    header = "".join(header.split())
    for prefix, field in _FIELDS:
        if header.startswith(prefix):
            return field
    return None


def _find_header(grid: list[list[str]]) -> tuple[int, dict[int, str], list[int]] | None:
    """(row index, column → field, level columns) of the first row that reads as a header."""
    for r, row in enumerate(grid[:_HEADER_SCAN_ROWS]):
        fields = {c: f for c, text in enumerate(row) if text and (f := _field(text))}
        named = set(fields.values())
        if "task" in named or len(named & {"lead", "responsible", "deadline", "leader", "remarks"}) >= 2:
            first_field = min((c for c, f in fields.items() if f not in ("key", "serial")), default=len(row))
            levels = [c for c, text in enumerate(row[:first_field]) if text and c not in fields]
            return r, fields, levels
    return None


def _grid(ws) -> tuple[list[list[str]], set[int]]:
    """Every cell as text, merged ranges filled from their first cell; and the rows
    covered by a merge across columns (title, legend)."""
    grid = [[cell_text(c) for c in row] for row in ws.iter_rows()]
    wide_rows: set[int] = set()
    for merged in ws.merged_cells.ranges:
        top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(grid) else ""
        if merged.max_col > merged.min_col:
            wide_rows.update(range(merged.min_row - 1, merged.max_row))
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            row = grid[r]
            for c in range(merged.min_col - 1, min(merged.max_col, len(row))):
                row[c] = top
    return grid, wide_rows


def _continuation_rows(ws, key_column: int | None) -> tuple[set[int], set[tuple[int, int]]]:
    """Rows (0-based) that continue the row above — the exporter merges a task's key cell over the
    rows its too long text takes (:mod:`exporters.xlsx_pages`) — and the (row, column) cells that
    vertical merges cover below their first row."""
    rows: set[int] = set()
    covered: set[tuple[int, int]] = set()
    if key_column is None:
        return rows, covered
    for merged in ws.merged_cells.ranges:
        if merged.max_row > merged.min_row:
            covered.update((r, c) for r in range(merged.min_row, merged.max_row)
                           for c in range(merged.min_col - 1, merged.max_col))
            if merged.min_col - 1 <= key_column <= merged.max_col - 1:
                rows.update(range(merged.min_row, merged.max_row))
    return rows, covered


def read_sheet(ws, path: Path, marker: dict[str, str] | None) -> ReturnedSheet | None:
    grid, wide_rows = _grid(ws)
    found = _find_header(grid)
    if found is None:
        return None
    header_row, fields, levels = found
    own = sheet_fields(marker, ws.title) if marker else {}
    # A department sheet stays one when a header was renamed: the marker says what the file is.
    from_units = (marker or {}).get("kind") in ("unit-sheets", REPORT_UP_KIND)
    kind = "unit" if from_units or "task" in fields.values() else "appendix"
    unit = own.get("unit", "")
    if from_units and not unit:  # a renamed sheet: its unit only when the file was sent to one unit
        named = {v for k, v in marker.items() if k.startswith("sheet:") and k.endswith(":unit")}
        unit = named.pop() if len(named) == 1 else ""
    key_column = next((c for c, f in fields.items() if f == "key"), None)
    continued, covered = _continuation_rows(ws, key_column)
    rows: list[SheetRow] = []
    for r in range(header_row + 1, len(grid)):
        if r in wide_rows:  # a legend line or a note across the table
            continue
        values = grid[r]
        cells = {f: values[c] for c, f in fields.items() if c < len(values)}
        level_texts = [values[c] if c < len(values) else "" for c in levels]
        if not any(v.strip() for v in list(cells.values()) + level_texts):
            continue
        key = cells.pop("key", "").strip() or None
        if r in continued and rows and rows[-1].key == key:  # a long task continued on this row
            last = rows[-1]
            for c, f in fields.items():  # a merged cell counts once, a continued text in full
                if f in cells and (r, c) not in covered:
                    last.cells[f] = last.cells.get(f, "") + cells[f]
            last.levels = [a if (r, c) in covered else a + b for a, b, c in zip(last.levels, level_texts, levels)]
            continue
        rows.append(SheetRow(row=r + 1, key=key, cells=cells, levels=level_texts))
    return ReturnedSheet(
        path=path, sheet=ws.title, kind=kind,
        plan_id=(marker or {}).get("plan_id"), plan_title=(marker or {}).get("plan_title", ""),
        unit=unit, round=(marker or {}).get("round", ""),
        has_key_column="key" in fields.values(), columns=sorted(set(fields.values()) - {"key"}),
        rows=rows, rollup=(marker or {}).get("kind") == REPORT_UP_KIND,
    )


def is_exchange_workbook(path: str | Path) -> bool:
    """Whether ``path`` is a workbook we exported that comes back to a merge (a department sheet, a
    report up, an appendix): it carries the marker sheet, and is not a hand-down workbook (imported).
    False for anything else, unreadable files included."""
    if Path(path).suffix.lower() != ".xlsx":
        return False
    try:
        wb = load_workbook(check_office_zip(path), read_only=True)
    except (UnsafeFileError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        return False
    try:
        return MARKER_SHEET in wb.sheetnames and (read_marker(wb) or {}).get("kind") != HANDDOWN_KIND
    finally:
        wb.close()


def read_returned(path: str | Path) -> ReturnedFile:
    """Read one returned .xlsx file: every sheet with a recognisable table."""
    path = Path(path)
    try:
        check_office_zip(path)
    except UnsafeFileError as exc:
        raise ReturnedFileError(str(exc)) from exc
    try:
        wb = load_workbook(path, data_only=False, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReturnedFileError(f"{path}：文件已损坏或格式不正确，无法作为 Excel 工作簿读取。") from exc
    try:
        marker = read_marker(wb)
        base = read_base(wb) if marker else {}
        sheets = []
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            sheet = read_sheet(ws, path, marker)
            if sheet is not None:
                sheets.append(sheet)
    finally:
        wb.close()
    if not sheets:
        raise ReturnedFileError(f"{path}：没有找到清单表格（表头应含“牵头单位”“责任单位”“完成时限”或“任务内容”等列）。")
    return ReturnedFile(path=path, marker=marker, base=base, sheets=sheets, digest=_digest(path),
                        saved_at=_saved_at(wb, path))


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _saved_at(wb, path: Path) -> str:
    """When the file was last saved: the workbook's own record (Excel and WPS keep it), else the file's time."""
    modified = getattr(wb.properties, "modified", None)
    if not isinstance(modified, dt.datetime):
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    if modified.tzinfo is not None:
        modified = modified.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return modified.isoformat(timespec="seconds")
