"""Word export speed (targets: 5,000 rows < 5 s, 400 rows < 0.5 s), with naive
python-docx table loops measured beside it in the same run for comparison.

The exporter writes the whole document (notice, landscape appendix, 版记); the
naive baselines write only the table, through python-docx's object layer:

- ``rows``: ``table.add_row().cells`` per row, then ``cell.merge`` for the
  vertical merges (``Table.cell()`` rebuilds the grid on each call);
- ``cells``: ``table.cell(r, c)`` for every cell, the loop most tutorials show.
  It is quadratic, so it runs on 100 rows only (400 rows take minutes).
"""
from __future__ import annotations

import docx
import pytest
from docx.shared import Mm

from exporters.appendix_layout import AppendixTable, build_appendix
from exporters.docx_notice import write_docx
from helpers.factories import make_plan


def plan_with_rows(rows: int):
    """make_plan's three levels: each top indicator has 10 × 10 leaves (111 nodes)."""
    assert rows % 100 == 0
    plan = make_plan(rows // 100 * 111)
    assert len(build_appendix(plan).rows) == rows
    return plan


def naive_rows(table: AppendixTable, path) -> None:
    document = docx.Document()
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.autofit = False
    for cell, column in zip(grid.rows[0].cells, table.columns):
        cell.text = column.header
    for row in table.rows:
        for cell, text, column in zip(grid.add_row().cells, row, table.columns):
            cell.width = Mm(column.width_mm)
            cell.text = text
    for m in table.merges:
        grid.cell(m.first + 1, m.column).merge(grid.cell(m.last + 1, m.column))
    document.save(path)


def naive_cells(table: AppendixTable, path) -> None:
    document = docx.Document()
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.autofit = False
    for c, column in enumerate(table.columns):
        grid.cell(0, c).text = column.header
    for r, row in enumerate(table.rows, start=1):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.width = Mm(table.columns[c].width_mm)
            cell.text = text
    for m in table.merges:
        grid.cell(m.first + 1, m.column).merge(grid.cell(m.last + 1, m.column))
    document.save(path)


@pytest.mark.benchmark(group="docx 5000 rows")
def test_export_5000_rows(benchmark, tmp_path):
    plan = plan_with_rows(5000)
    out = tmp_path / "big.docx"
    benchmark.pedantic(write_docx, args=(plan, out), rounds=3, iterations=1)
    assert len(docx.Document(str(out)).tables[0].rows) == 5001


@pytest.mark.benchmark(group="docx 400 rows")
def test_export_400_rows(benchmark, tmp_path):
    plan = plan_with_rows(400)
    out = tmp_path / "400.docx"
    benchmark.pedantic(write_docx, args=(plan, out), rounds=10, iterations=1)
    assert len(docx.Document(str(out)).tables[0].rows) == 401


@pytest.mark.benchmark(group="docx 400 rows")
def test_naive_rows_400(benchmark, tmp_path):
    table = build_appendix(plan_with_rows(400))
    benchmark.pedantic(naive_rows, args=(table, tmp_path / "naive.docx"), rounds=1, iterations=1)


@pytest.mark.benchmark(group="docx 100 rows")
def test_export_100_rows(benchmark, tmp_path):
    benchmark.pedantic(write_docx, args=(plan_with_rows(100), tmp_path / "100.docx"), rounds=10, iterations=1)


@pytest.mark.benchmark(group="docx 100 rows")
def test_naive_cells_100(benchmark, tmp_path):
    table = build_appendix(plan_with_rows(100))
    benchmark.pedantic(naive_cells, args=(table, tmp_path / "naive.docx"), rounds=1, iterations=1)
