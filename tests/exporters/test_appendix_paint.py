"""The appendix painted on pages: header on every page, merged parents, whole rows, page numbers."""
import re
import subprocess
from itertools import accumulate

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from exporters.appendix_layout import build_appendix
from exporters.appendix_paint import AppendixPainter
from exporters.paged_paint import Cancelled, appendix_page_layout
from helpers.factories import make_plan
from models.demo import demo_plan
from models.domain import Column, Node, Plan
from helpers.pdf_text import flat, needs_pdftotext, page_texts


def paint_pdf(path, table, layout=None, **kwargs):
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setPageLayout(layout or appendix_page_layout())
    painter = QPainter(writer)
    appendix = AppendixPainter(table, writer, **kwargs)
    try:
        appendix.paint(painter)
    finally:
        painter.end()
    return appendix


@pytest.fixture
def demo_pdf(qapp, tmp_path):
    plan = demo_plan()
    table = build_appendix(plan)
    appendix = paint_pdf(tmp_path / "appendix.pdf", table)
    return plan, table, appendix, tmp_path / "appendix.pdf"


@needs_pdftotext
def test_every_page_has_the_header_and_its_number_and_every_task_is_there(demo_pdf):
    plan, table, appendix, path = demo_pdf
    pages = page_texts(path)
    assert len(pages) == appendix.page_count > 3
    header = "".join(table.headers)
    for number, text in enumerate(pages, 1):
        assert header in flat(text), f"page {number} lacks the header row"
        assert f"— {number} —" in text
    assert flat(pages[0]).startswith("附件" + flat(table.title))
    everything = flat("".join(pages))
    for node, _ in plan.walk():
        assert flat(node.text) in everything, node.text


def test_rows_are_whole_and_each_on_one_page(demo_pdf):
    _, table, appendix, _ = demo_pdf
    placed = [p for page in appendix.pages for p in page.rows]
    assert [p.row for p in placed] == list(range(len(table.rows)))
    assert all(p.lines is None and p.height == appendix.heights[p.row] for p in placed)
    for page in appendix.pages:
        bottom = max(p.y + p.height for p in page.rows)
        assert bottom <= appendix.frame.height + 1e-6


def test_a_parent_starts_only_where_its_text_fits(demo_pdf):
    _, table, appendix, _ = demo_pdf
    page_of = {p.row: i for i, page in enumerate(appendix.pages) for p in page.rows}
    continued = 0
    for m in table.merges:
        first_page = page_of[m.first]
        segment = sum(appendix.heights[r] for r in range(m.first, m.last + 1) if page_of[r] == first_page)
        need = appendix._cell_height(appendix.body, table.rows[m.first][m.column], m.column)
        assert segment >= need - 1e-6
        continued += page_of[m.last] != first_page
    assert continued > 0  # the demo has parents running over a page break


@needs_pdftotext
def test_continued_parent_text_is_repeated(demo_pdf):
    _, table, appendix, path = demo_pdf
    pages = [flat(t) for t in page_texts(path)]
    page_of = {p.row: i for i, page in enumerate(appendix.pages) for p in page.rows}
    for m in table.merges:
        text = flat(table.rows[m.first][m.column])
        for page in {page_of[r] for r in range(m.first, m.last + 1)}:
            assert text in pages[page]


@needs_pdftotext
def test_page_numbers_odd_right_even_left(demo_pdf):
    _, _, appendix, path = demo_pdf
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    for number, page in enumerate(html.split("<page ")[1:], 1):
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<', page)
        x = next(float(x0) for x0, _, word in reversed(words) if word == str(number))
        assert (x > width / 2) == (number % 2 == 1)


@needs_pdftotext
def test_a_row_taller_than_a_page_continues_line_by_line_with_its_side_cells(qapp, tmp_path):
    text = "".join(f"第{i}句任务说明。" for i in range(1, 500))
    plan = Plan(title="长文本", columns=[Column.LEAD, Column.DEADLINE],
                roots=[Node(text="短", lead=["甲"]), Node(text=text, lead=["乙局"], deadline="2022年9月")])
    table = build_appendix(plan)
    appendix = paint_pdf(tmp_path / "tall.pdf", table)
    parts = [p for page in appendix.pages for p in page.rows if p.row == 1]
    assert len(parts) >= 2 and parts[0].first_line == 0
    # every line once, in order: each part starts where the one before ended
    assert [p.first_line for p in parts] == list(accumulate([0] + [p.lines for p in parts[:-1]]))
    assert sum(p.lines for p in parts) == len(appendix.body.wrap(table.rows[1][0], appendix.text_widths[0]))
    pages = [flat(t) for t in page_texts(tmp_path / "tall.pdf")]
    everything = "".join(pages)
    assert everything.count("句") == everything.count("说明") == 499  # all printed, no line sliced or twice
    assert all("乙局" in page and "2022年9月" in page for page in pages[1:])  # the side cells on every page


@needs_pdftotext
def test_portrait_paper_scales_the_columns_and_keeps_the_header(qapp, tmp_path):
    table = build_appendix(demo_plan())
    portrait = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                           QMarginsF(15, 15, 15, 20), QPageLayout.Unit.Millimeter)
    appendix = paint_pdf(tmp_path / "portrait.pdf", table, portrait)
    assert appendix.xs[-1] == pytest.approx(appendix.frame.width)
    pages = page_texts(tmp_path / "portrait.pdf")
    assert all("".join(table.headers) in flat(p) for p in pages)


@needs_pdftotext
def test_legend_under_the_table_and_page_numbers_continue(qapp, tmp_path):
    plan = demo_plan()
    plan.tag_legend = {"★": "省级重点任务"}
    plan.roots[0].children[0].children[0].tags = ["★"]
    table = build_appendix(plan)
    appendix = paint_pdf(tmp_path / "legend.pdf", table, first_page_number=3)
    pages = page_texts(tmp_path / "legend.pdf")
    assert "注：1.★：省级重点任务，共1项" in flat(pages[-1])
    assert "— 3 —" in pages[0] and appendix.pages[0].number == 3


def test_cancel_stops_painting(qapp, tmp_path):
    table = build_appendix(make_plan(600))
    seen = []

    def progress(stage, done, total):
        seen.append(stage)
        return not (stage == "paint" and done == 2)

    with pytest.raises(Cancelled):
        writer = QPdfWriter(str(tmp_path / "c.pdf"))
        writer.setPageLayout(appendix_page_layout())
        painter = QPainter(writer)
        try:
            AppendixPainter(table, writer).paint(painter, progress)
        finally:
            painter.end()
    assert "layout" in seen and seen.count("paint") == 2


def test_empty_plan_paints_the_header_only(qapp, tmp_path):
    appendix = paint_pdf(tmp_path / "empty.pdf", build_appendix(Plan(title="空清单")))
    assert appendix.page_count == 1 and appendix.pages[0].rows == []


@needs_pdftotext
def test_markers_print_full_size_and_legend_lines_hang_under_the_first_item(qapp, tmp_path):
    plan = Plan(title="标记", tag_legend={"◎": "融入成渝地区双城经济圈建设" * 8, "⊙": "根据座谈意见优化调整"},
                roots=[Node(text="甲", tags=["◎"]), Node(text="乙", tags=["⊙"])])
    table = build_appendix(plan)
    appendix = paint_pdf(tmp_path / "marks.pdf", table)
    measure = appendix.body
    if measure.symbol_font is not None:  # this machine's Chinese font draws them small
        assert measure.width("◎") >= 0.75 * measure.width("中")
    legend = [entry for page in appendix.pages for entry in page.legend]
    assert len(legend) >= 3 and legend[0][1] == 0.0  # 注：1.◎… wraps: its lines hang under the 1.
    assert all(x == pytest.approx(measure.width("注：")) for _, x, _ in legend[1:])
    text = flat("".join(page_texts(tmp_path / "marks.pdf")))
    assert "1.◎" in text and "2.⊙" in text
