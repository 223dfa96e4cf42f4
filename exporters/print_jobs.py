"""Things that can be printed: a title, a starting page layout and a function
that paints every page on a printer (or PDF writer).

The print preview and the Print command (widgets/print_preview.py) take any
:class:`PaintJob`, so further views (the matrix, the deadline board) become
printable by writing one paint function.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtGui import QPageLayout, QPainter

from exporters.appendix_layout import AppendixTable, LayoutOptions, Merge, build_appendix, legend_lines
from exporters.appendix_paint import AppendixPainter
from exporters.notice_paint import notice_title
from exporters.paged_paint import Progress, appendix_page_layout, notice_page_layout
from exporters.paint_fonts import ResolvedFonts, resolve_fonts
from exporters.pdf_document import paint_plan
from exporters.report_paint import ReportPainter, report_page_layout
from models.domain import Plan
from models.report_data import Report, unit_plan

# paint(painter, device, progress) → number of pages painted.  The device is a
# QPrinter or QPdfWriter already holding the job's (or the user's) page layout.
PaintFunction = Callable[[QPainter, object, "Progress | None"], int]


@dataclass
class PaintJob:
    title: str  # document name for the printer and the preview's window title
    page_layout: QPageLayout  # the layout the printer starts with
    paint: PaintFunction
    fonts: ResolvedFonts | None = None  # to say which fonts stood in
    # The job keeps its own page layout (the notice with its turned appendix): the
    # printer starts each run with ``page_layout`` again; page setup does not apply.
    fixed_layout: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        parts = list(self.notes)
        if self.fonts is not None and self.fonts.stand_ins:
            parts.append("字体替代：" + self.fonts.describe())
        return "\n".join(parts)


def table_job(table: AppendixTable) -> PaintJob:
    """Any appendix table in the official layout (A4 landscape unless the user changes it)."""
    fonts = resolve_fonts(table.fonts)

    def paint(painter: QPainter, device, progress: Progress | None = None) -> int:
        appendix = AppendixPainter(table, device, fonts=fonts)
        appendix.layout(progress)
        return appendix.paint(painter, progress)

    return PaintJob(table.title, appendix_page_layout(), paint, fonts)


def appendix_job(plan: Plan, options: LayoutOptions = LayoutOptions()) -> PaintJob:
    """The plan's appendix table (附件)."""
    return table_job(build_appendix(plan, options))


def notice_job(plan: Plan, options: LayoutOptions = LayoutOptions()) -> PaintJob:
    """The whole notice: portrait notice pages, then the appendix turned on portrait sheets
    (a printer cannot switch to landscape pages in the middle of a job)."""
    table = build_appendix(plan, options)
    fonts = resolve_fonts(table.fonts)

    def paint(painter: QPainter, device, progress: Progress | None = None) -> int:
        return paint_plan(painter, device, plan, table, False, progress, fonts, rotate_appendix=True)[1]

    return PaintJob(notice_title(plan), notice_page_layout(), paint, fonts, fixed_layout=True)


def subset_table(table: AppendixTable, node_ids: set[str]) -> AppendixTable:
    """The rows of the tasks in ``node_ids``, in order, with the merges cut to them.

    Numbers (and 序号) stay those of the whole list, so a department finds its
    tasks by the numbers of the issued appendix."""
    index = [i for i, node_id in enumerate(table.row_nodes) if node_id in node_ids]
    new_of = {old: new for new, old in enumerate(index)}
    merges = []
    for m in table.merges:
        inside = [new_of[r] for r in range(m.first, m.last + 1) if r in new_of]
        if len(inside) > 1:
            merges.append(Merge(m.column, inside[0], inside[-1]))
    return replace(table, rows=[table.rows[i] for i in index], merges=merges,
                   row_nodes=[table.row_nodes[i] for i in index])


def unit_job(plan: Plan, unit: str, options: LayoutOptions = LayoutOptions()) -> PaintJob:
    """One department's sheet: its tasks (as lead or responsible unit) in the appendix layout."""
    pruned = unit_plan(plan, unit)
    table = subset_table(build_appendix(plan, options), {n.id for n, _ in pruned.walk()})
    table = replace(table, title=f"{plan.title}（{unit}）", legend=legend_lines(pruned))
    return table_job(table)


def report_job(report: Report) -> PaintJob:
    """The progress report with its charts (A4 portrait)."""
    fonts = resolve_fonts()

    def paint(painter: QPainter, device, progress: Progress | None = None) -> int:
        return ReportPainter(report, device.logicalDpiY(), fonts, device).paint_pages(painter, device, progress)

    return PaintJob(f"{report.title} 进展报告", report_page_layout(), paint, fonts)
