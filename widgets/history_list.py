"""A task's history (留痕) in the detail panel: its dated entries, newest first, and 打印…."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from editing.protocol import Editor
from models.history import HistoryEntry, task_history

COLUMNS = ["日期", "类别", "内容", "轮次", "单位", "记录人"]  # 内容 early: the panel is narrow


class HistoryList(QWidget):
    print_requested = Signal(str)  # the task's id

    def __init__(self, editor: Editor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.node_id: str | None = None
        self.entries: list[HistoryEntry] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        self.print_button = QPushButton("打印…", self)
        self.print_button.clicked.connect(lambda: self.node_id and self.print_requested.emit(self.node_id))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.refresh)
        editor.model.connect_changes(self._schedule)  # a status set, a merge
        editor.rounds_changed.connect(self._schedule)

    def show_node(self, node_id: str | None) -> None:
        self.node_id = node_id
        self._schedule()

    def _schedule(self, *args) -> None:
        if self.isVisible():  # the store is read only while the list can be seen
            self._pending.start()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.entries = task_history(self.editor.store, self.node_id) if self.node_id else []
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            cells = (e.on, e.kind.value, e.text, e.round, e.unit, str(e.author))
            whole = "\n".join(f"{label}：{text}" for label, text in zip(COLUMNS, cells) if text)  # the panel is narrow
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(whole)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.print_button.setEnabled(bool(self.entries))
