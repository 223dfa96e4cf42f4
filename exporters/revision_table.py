"""The 修订对照表 (原文 | 修改后 | 修改说明) of two versions of a list, as .xlsx and .docx.

The table is an :class:`exporters.appendix_layout.AppendixTable`, so both files come out of the
appendix's own writers in its official style (spec §1.7): 附件 label, 小标宋 title, 黑体 header
repeated on every page, 仿宋 body, 0.5 pt borders, A4 landscape with `— N —` page numbers; the
note under the table counts the changes.
"""
from __future__ import annotations

from pathlib import Path

from exporters.appendix_layout import DEFAULT_FONTS, AppendixTable, LayoutColumn
from exporters.safe_save import replacing
from models.plan_diff import KIND_LABELS, PlanDiff
from models.revision_notes import revision_rows

# (key, header, mm, Excel units, centred); the mm sum to the 225 mm landscape text block.
_COLUMNS = [
    LayoutColumn("serial", "序号", 12, 6, True),
    LayoutColumn("before", "原文", 84, 48, False),
    LayoutColumn("after", "修改后", 84, 48, False),
    LayoutColumn("note", "修改说明", 45, 26, False),
]


def revision_title(diff: PlanDiff) -> str:
    return f"{diff.b.title or diff.a.title}修订对照表"


def revision_table(diff: PlanDiff, label: str = "附件") -> AppendixTable:
    rows = [[str(i), r.before, r.after, r.note] for i, r in enumerate(revision_rows(diff), 1)]
    counts = diff.counts()
    summary = "，".join(f"{KIND_LABELS[k]}{counts[k]}项" for k in KIND_LABELS if counts[k])
    legend = [f"注：与《{diff.a.title}》相比，{summary}。" if summary else f"注：与《{diff.a.title}》相比没有变化。"]
    title = revision_title(diff)
    return AppendixTable(label=label, title=title, columns=list(_COLUMNS), rows=rows, merges=[], legend=legend,
                         row_nodes=[(c.b or c.a).id for c in diff.changes], fonts=DEFAULT_FONTS,
                         title_pt=22.0 if len(title) <= 40 else 18.0)


def write_revision_xlsx(diff: PlanDiff, path: str | Path) -> Path:
    from exporters.xlsx_appendix import appendix_workbook
    from exporters.xlsx_style import save_workbook

    path = Path(path)
    save_workbook(appendix_workbook(diff.b, revision_table(diff), key_column=False, markers=False), path)
    return path


def write_revision_docx(diff: PlanDiff, path: str | Path) -> Path:
    from exporters.docx_notice import page_numbers
    from exporters.docx_style import new_document, set_page
    from exporters.docx_table import add_appendix

    path = Path(path)
    table = revision_table(diff)
    doc = new_document(table.fonts, table_pt=table.body_pt, header_pt=table.header_pt)
    doc.core_properties.title = table.title
    page_numbers(doc, table.fonts)
    set_page(doc.sections[0]._sectPr, landscape=True)
    add_appendix(doc, table)
    with replacing(path) as tmp:
        doc.save(tmp)
    return path
