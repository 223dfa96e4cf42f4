"""版本对照: a saved version or another plan beside the open plan, change by change.

Each row is one change of :func:`models.plan_diff.diff_plans`: 类型, 原文, 修改后, 修改说明, the
two texts with their differing characters marked (deleted red and struck through, inserted
green and underlined, :mod:`models.text_marks`).  A filter shows one kind of change; a double
click shows the task in its plan; the 修订对照表 exports as Word or Excel; a saved version can be
restored as a new plan (undoable).
"""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from models.plan_diff import KIND_LABELS, Kind, PlanDiff, diff_plans
from models.revision_notes import RevisionRow, revision_rows
from models.text_marks import Runs, marked_runs

if TYPE_CHECKING:
    from editing.plan_editor import PlanEditor

HtmlRole = Qt.ItemDataRole.UserRole + 1
_DELETED = "background:#fde2e2;color:#a40000;text-decoration:line-through"
_INSERTED = "background:#dcf3dc;color:#00620a;text-decoration:underline"
COLUMNS = ["类型", "原文", "修改后", "修改说明"]


def runs_html(runs: Runs, style: str) -> str:
    parts = []
    for text, changed in runs:
        text = escape(text).replace("\n", "<br>")
        parts.append(f'<span style="{style}">{text}</span>' if changed else text)
    return "".join(parts)


class HtmlDelegate(QStyledItemDelegate):
    """Paints a cell's HtmlRole as rich text, wrapped to the column."""

    def _document(self, option: QStyleOptionViewItem, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HtmlRole) or "")
        doc.setTextWidth(max(option.rect.width(), 40))
        return doc

    def paint(self, painter, option, index) -> None:
        if index.data(HtmlRole) is None:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        if index.data(HtmlRole) is None:
            return super().sizeHint(option, index)
        width = option.widget.columnWidth(index.column()) if option.widget else 300
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 4)


class CompareDialog(QDialog):
    node_activated = Signal(str, str)  # plan id, node id

    def __init__(self, editor: PlanEditor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.store = editor.store
        self.plan_id = editor.plan_id
        self.diff: PlanDiff | None = None
        self.rows: list[RevisionRow] = []
        self.setWindowTitle("版本对照")
        self.resize(1180, 720)

        self.source = QComboBox(self)
        self.kind = QComboBox(self)
        self.kind.addItem("全部变化", None)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.summary = QLabel(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setItemDelegate(HtmlDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Fixed)):
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(3, 240)
        # Rows fit their wrapped text once the columns have their widths: after any resize, once.
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_rows.start())
        self.restore_button = QPushButton("恢复为新清单", self)
        self.docx_button = QPushButton("导出对照表（Word）…", self)
        self.xlsx_button = QPushButton("导出对照表（Excel）…", self)
        close = QPushButton("关闭", self)

        top = QHBoxLayout()
        top.addWidget(QLabel("原版本：", self))
        top.addWidget(self.source, 1)
        top.addWidget(QLabel(f"对照：当前清单“{editor.model.plan.title}”", self), 1)
        top.addWidget(self.kind)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for button in (self.restore_button, self.docx_button, self.xlsx_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("红色删除线为删去的文字，绿色下划线为新增的文字；双击一行可在清单中定位。", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.source.currentIndexChanged.connect(self.compare)
        self.kind.currentIndexChanged.connect(self._filter)
        self.table.cellDoubleClicked.connect(self._activated)
        self.restore_button.clicked.connect(self.restore)
        self.docx_button.clicked.connect(lambda: self.export("docx"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        close.clicked.connect(self.accept)
        editor.snapshots_changed.connect(lambda _: self.fill_sources())
        self.fill_sources()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_rows.start()  # the header stretches its columns after this event

    # -- sources ----------------------------------------------------------

    def fill_sources(self) -> None:
        """The open plan's saved versions (newest first), then the other plans."""
        chosen = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        for version in reversed(self.store.list_snapshots(self.plan_id)):
            self.source.addItem(f"版本：{version.name}（{version.taken_on}）", ("version", version))
        for plan in self.store.list_plans():
            if plan.id != self.plan_id:
                self.source.addItem(f"清单：{plan.title}", ("plan", plan.id))
        found = self.source.findData(chosen) if chosen is not None else -1
        self.source.setCurrentIndex(max(found, 0))
        self.source.blockSignals(False)
        self.compare()

    def choose_source(self, label: str) -> None:
        self.source.setCurrentIndex(self.source.findText(label))

    def _source_plan(self):
        kind, value = self.source.currentData()
        return self.store.load_snapshot(value.id) if kind == "version" else self.store.load_plan(value)

    # -- the comparison ---------------------------------------------------

    def compare(self) -> None:
        has_source = self.source.count() > 0
        for button in (self.docx_button, self.xlsx_button):
            button.setEnabled(has_source)
        self.restore_button.setEnabled(has_source and self.source.currentData()[0] == "version")
        self.table.setRowCount(0)
        if not has_source:
            self.diff, self.rows = None, []
            self.summary.setText("还没有可对照的版本：请先用“文件 → 保存版本”保存一个版本。")
            return
        self.diff = diff_plans(self._source_plan(), self.store.load_plan(self.plan_id))
        self.rows = revision_rows(self.diff)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            before, after = marked_runs(row.before, row.after)
            kind = QTableWidgetItem(KIND_LABELS[row.change.kind])
            kind.setData(Qt.ItemDataRole.UserRole, row.change.kind)
            self.table.setItem(r, 0, kind)
            for column, runs, style, text in ((1, before, _DELETED, row.before), (2, after, _INSERTED, row.after)):
                item = QTableWidgetItem(text)
                item.setData(HtmlRole, runs_html(runs, style))
                self.table.setItem(r, column, item)
            note = QTableWidgetItem(row.note)
            note.setData(HtmlRole, escape(row.note))
            self.table.setItem(r, 3, note)
        counts = self.diff.counts()
        self.summary.setText("，".join(f"{label}{counts[kind]}项" for kind, label in KIND_LABELS.items())
                             if self.rows else "两个版本没有差别。")
        self._filter()
        self._fit_rows.start()

    def _filter(self) -> None:
        wanted = self.kind.currentData()
        for r, row in enumerate(self.rows):
            self.table.setRowHidden(r, wanted is not None and row.change.kind is not Kind(wanted))

    def visible_kinds(self) -> list[Kind]:
        return [row.change.kind for r, row in enumerate(self.rows) if not self.table.isRowHidden(r)]

    def _activated(self, r: int, column: int) -> None:
        change = self.rows[r].change
        if change.b is not None:
            self.node_activated.emit(self.plan_id, change.b.id)
        elif self.source.currentData()[0] == "plan":
            self.node_activated.emit(self.source.currentData()[1], change.a.id)
        else:
            self.summary.setText("此项已删除，只在所选版本中存在。")

    # -- actions ----------------------------------------------------------

    def restore(self) -> None:
        kind, version = self.source.currentData()
        if kind == "version":
            self.editor.restore_version(version)
            self.accept()

    def export(self, kind: str, path: str | None = None) -> str | None:
        from exporters.file_names import file_name
        from exporters.revision_table import revision_title, write_revision_docx, write_revision_xlsx

        if self.diff is None:
            return None
        if path is None:
            suffix = {"docx": "Word 文档 (*.docx)", "xlsx": "Excel 工作簿 (*.xlsx)"}[kind]
            path, _ = QFileDialog.getSaveFileName(self, "导出修订对照表", f"{file_name(revision_title(self.diff))}.{kind}",
                                                  suffix)
            if not path:
                return None
        write = write_revision_docx if kind == "docx" else write_revision_xlsx
        try:
            write(self.diff, path)
        except OSError as exc:
            self.summary.setText(f"{path}：无法写入（{exc.strerror or exc}）")
            return None
        from widgets.export_done import offer_open

        offer_open(self, [path])
        return path
