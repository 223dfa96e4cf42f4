"""The progress report drawn with QPainter: PDF pages and a PNG, at an injected today."""
from datetime import date

from PySide6.QtGui import QColor, QImage

from exporters.report_paint import STATE_COLORS, nice_step, write_report_pdf, write_report_png
from helpers.factories import make_plan
from models.demo import demo_plan
from models.domain import Status
from models.report_data import build_report, tasks_of
from models.tracking import DeadlineState
from helpers.pdf_text import flat, needs_pdftotext, page_texts

TODAY = date(2022, 10, 15)


def demo_report():
    plan = demo_plan()
    for i, n in enumerate(tasks_of(plan)):
        n.status = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.LATE)[i % 4]
    return build_report(plan, TODAY)


def test_nice_steps():
    assert [nice_step(v) for v in (3, 10, 45, 56, 230, 5000)] == [1, 5, 20, 20, 100, 2000]


@needs_pdftotext
def test_pdf_has_figures_charts_and_every_overdue_task(qapp, tmp_path):
    report = demo_report()
    pages = write_report_pdf(report, tmp_path / "report.pdf")
    texts = page_texts(tmp_path / "report.pdf")
    assert len(texts) == pages >= 2
    first = flat(texts[0])
    assert flat(report.title + " 进展报告") in first and "统计日期：2022年10月15日" in first
    for label in ("完成情况", "时限情况", "各单位任务数", "未启动", "推进中", "已完成", "滞后"):
        assert label in flat("".join(texts))
    everything = flat("".join(texts))
    assert f"逾期任务（{report.overdue}项" in everything
    for task in report.overdue_tasks:
        assert flat(task.text) in everything and f"{task.days}天" in everything
    # the overdue table's header is repeated on every page it runs over
    table_pages = [t for t in texts if any(flat(task.text)[:12] in flat(t) for task in report.overdue_tasks)]
    assert len(table_pages) >= 1
    assert all("序号任务牵头单位完成时限逾期天数" in flat(t) for t in table_pages)


def test_png_is_drawn(qapp, tmp_path):
    report = demo_report()
    write_report_png(report, tmp_path / "report.png", width_pt=560, dpi=96)
    image = QImage(str(tmp_path / "report.png"))
    assert image.width() == int(560 * 96 / 72 + 2 * 18 * 96 / 72)
    assert image.height() > image.width()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert STATE_COLORS[DeadlineState.OVERDUE].name() in colours  # the overdue segment is drawn
    assert QColor("white").name() in colours


@needs_pdftotext
def test_empty_and_huge_reports(qapp, tmp_path):
    from models.domain import Plan

    empty = build_report(Plan(title="空清单"), TODAY)
    assert write_report_pdf(empty, tmp_path / "empty.pdf") == 1
    assert "没有逾期任务" in flat(page_texts(tmp_path / "empty.pdf")[0])
    big = build_report(make_plan(1200), date(2024, 7, 1))
    assert big.overdue > 500
    pages = write_report_pdf(big, tmp_path / "big.pdf")
    assert pages > 5


@needs_pdftotext
def test_the_title_breaks_at_phrase_boundaries(qapp, tmp_path):
    report = demo_report()
    write_report_pdf(report, tmp_path / "report.pdf")
    lines = [line.strip() for line in page_texts(tmp_path / "report.pdf")[0].splitlines() if line.strip()]
    title = flat(report.title + "进展报告")
    start = next(i for i, line in enumerate(lines) if title.startswith(flat(line)))
    parts = []
    while flat("".join(parts)) != title:
        parts.append(lines[start + len(parts)])
    assert len(parts) >= 2
    assert not any(a.endswith(("优", "营", "目标责")) for a in parts)  # never 优/化营商环境
