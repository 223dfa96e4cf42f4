"""The report window on the demo store at an injected today: units, day, exports."""
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QImage

from exporters.report_paint import STATE_COLORS
from models.report_data import build_report
from models.tracking import DeadlineState
from helpers.pdf_text import flat, needs_pdftotext, page_texts
from widgets.report_view import ALL_UNITS, ReportView

TODAY = date(2022, 10, 15)


def make_view(qtbot, demo_store):
    plan_id = demo_store.list_plans()[0].id
    view = ReportView(demo_store, plan_id, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view, plan_id


def test_report_follows_unit_and_day(qtbot, demo_store):
    view, plan_id = make_view(qtbot, demo_store)
    plan = demo_store.load_plan(plan_id)
    assert view.unit.itemText(0) == ALL_UNITS and view.unit.count() > 10
    assert view.report.overdue == build_report(plan, TODAY).overdue == 52
    view.set_unit("人事科")
    assert view.report.unit == "人事科" and view.report.tasks == build_report(plan, TODAY, "人事科").tasks
    view.day.setDate(QDate(2022, 6, 25))
    assert view.report.overdue == 0 and view.report.today == date(2022, 6, 25)
    assert view.canvas.minimumHeight() > 600


def test_canvas_draws_the_charts(qtbot, demo_store):
    view, _ = make_view(qtbot, demo_store)
    image = view.canvas.grab().toImage()
    overdue = STATE_COLORS[DeadlineState.OVERDUE].name()
    assert any(image.pixelColor(x, y).name() == overdue
               for x in range(0, image.width(), 3) for y in range(0, min(image.height(), 900), 3))


def test_edits_in_the_store_show_after_refresh(qtbot, demo_store):
    view, plan_id = make_view(qtbot, demo_store)
    plan = demo_store.load_plan(plan_id)
    task = next(n for n, _ in plan.walk() if not n.children)
    demo_store.update_node(task.id, status="已完成")
    view.refresh()
    assert view.report.done == 1 and view.report.overdue == 51


@needs_pdftotext
def test_exports_pdf_and_png(qtbot, demo_store, tmp_path):
    view, _ = make_view(qtbot, demo_store)
    pdf = view.export_pdf(tmp_path / "r.pdf", offer=False)
    text = flat("".join(page_texts(pdf)))
    assert "进展报告" in text and "统计日期：2022年10月15日" in text
    png = view.export_png(tmp_path / "r.png", offer=False)
    assert QImage(str(png)).height() > 1000
