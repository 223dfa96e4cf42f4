"""The responsibility matrix as an Excel sheet for printing (rows × units, 牵/责, totals)."""
from __future__ import annotations

from pathlib import Path

from exporters.view_tables import matrix_table
from exporters.xlsx_appendix import appendix_workbook
from exporters.xlsx_style import save_workbook
from models.domain import Plan, Unit


def write_matrix(plan: Plan, units: list[Unit], path: str | Path) -> Path:
    path = Path(path)
    save_workbook(appendix_workbook(plan, matrix_table(plan, units), key_column=False, markers=False), path)
    return path
