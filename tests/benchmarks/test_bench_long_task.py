"""A task of 1 MB of text exported in every format (target: each within seconds, continued over
rows and pages; before issue 15 the PDF took 15 minutes and Excel refused the cell)."""
import pytest
from openpyxl import load_workbook

from exporters.docx_notice import write_docx
from exporters.pdf_document import write_pdf
from exporters.xlsx_appendix import write_appendix
from models.domain import Column, Node, Plan

MEGABYTE = 1_000_000


@pytest.fixture(scope="module")
def plan():
    text = ("推进政务服务标准化规范化便利化，" * (MEGABYTE // 16 + 1))[:MEGABYTE]
    return Plan(title="长任务清单", issuer="某局", columns=[Column.RESPONSIBLE, Column.DEADLINE], roots=[
        Node(text="一级指标", children=[Node(text="短任务", responsible=["甲局"], deadline="2022年9月"),
                                       Node(text=text, responsible=["甲局", "乙局"], deadline="2022年9月")])])


def test_pdf_1mb_task(benchmark, qapp, tmp_path, plan):
    result = benchmark.pedantic(lambda: write_pdf(plan, tmp_path / "long.pdf"), rounds=1, iterations=1)
    assert result.pages > 500 and (tmp_path / "long.pdf").stat().st_size < 20_000_000


def test_xlsx_1mb_task(benchmark, tmp_path, plan):
    path = benchmark.pedantic(lambda: write_appendix(plan, tmp_path / "long.xlsx"), rounds=1, iterations=1)
    ws = load_workbook(path).active
    assert sum(len(c.value or "") for c in ws["B"]) >= MEGABYTE


def test_docx_1mb_task(benchmark, tmp_path, plan):
    benchmark.pedantic(lambda: write_docx(plan, tmp_path / "long.docx"), rounds=1, iterations=1)
