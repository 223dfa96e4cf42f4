"""回收情况: who has returned their sheet in a reporting round, sortable and filtered by state.

One line per unit asked: its state (已报送, 部分报送, 未报送, 逾期未报), tasks and
tasks reported, the day its report came in, when and in which file its sheet
was sent, and how often it was reminded.  Opening, closing and reopening a
round are commands of the editing layer (undoable); merging returned files
updates the table (it listens to the open plan's changes).
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QTimer, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from widgets.date_edit import day_of, qdate
from models.round_store import RoundBook
from models.rounds import ReturnState, RoundStatus
from models.tracking import Signal as Light, TrackingContext

COLUMNS = ["单位", "状态", "任务数", "已报送", "报送日期", "报送文件", "发送日期", "发送文件", "催办次数"]
_STATE_COLOURS = {ReturnState.REPORTED: Light.GREEN, ReturnState.PARTIAL: Light.YELLOW,
                  ReturnState.NOT_REPORTED: Light.GREY, ReturnState.OVERDUE: Light.RED}
ALL = "全部"


class _Number(QTableWidgetItem):
    """A cell that sorts by its number."""

    def __init__(self, value: int):
        super().__init__(str(value))
        self.setData(Qt.ItemDataRole.UserRole, value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def __lt__(self, other):
        return self.data(Qt.ItemDataRole.UserRole) < other.data(Qt.ItemDataRole.UserRole)


class OpenRoundDialog(QDialog):
    def __init__(self, today: QDate, parent=None):
        super().__init__(parent)
        self.setWindowTitle("开启报送轮次")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("如 2024年第二季度、5月调度")
        self.due = QDateEdit(today.addDays(14), self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy年M月d日")
        form = QFormLayout(self)
        form.addRow("轮次名称：", self.name)
        form.addRow("报送截止：", self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RoundView(QWidget):
    print_requested = Signal(object)  # the RoundStatus shown, to print
    export_requested = Signal(object)  # … to save as Excel

    def __init__(self, editor: Editor, tracking: TrackingContext | None = None, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.tracking = tracking or TrackingContext()
        self.status: RoundStatus | None = None
        self.round = QComboBox(self)
        self.round.setObjectName("roundChoice")
        self.round.currentIndexChanged.connect(self._show)
        self.state = QComboBox(self)
        self.state.addItems([ALL] + [s.value for s in ReturnState])
        self.state.currentIndexChanged.connect(self._show)
        self.open_button = QPushButton("开启轮次…", self)
        self.open_button.clicked.connect(self._ask_open)
        self.close_button = QPushButton("结束轮次", self)
        self.close_button.clicked.connect(self._toggle_closed)
        self.print_button = QPushButton("打印…", self)
        self.print_button.clicked.connect(lambda: self.status and self.print_requested.emit(self.status))
        self.export_button = QPushButton("导出 Excel…", self)
        self.export_button.clicked.connect(lambda: self.status and self.export_requested.emit(self.status))
        self.summary = QLabel(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("roundTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the round's order
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 220)
        self.table.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        for label, widget in (("轮次：", self.round), ("状态：", self.state)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addWidget(self.open_button)
        bar.addWidget(self.close_button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.refresh)
        editor.plan_opened.connect(self._schedule)
        editor.rounds_changed.connect(self._schedule)
        editor.model.connect_changes(self._schedule)  # a merge changes who has reported
        if editor.store.read_only:
            self.open_button.setEnabled(False)
            self.close_button.setEnabled(False)
        self.refresh()

    def _schedule(self, *args) -> None:
        if self.isVisible():  # a hidden tab catches up when shown
            self._pending.start()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload the plan's rounds, keeping the chosen one."""
        chosen = self.round.currentText()
        plan_id = self.editor.plan_id
        rounds = RoundBook(self.editor.store).rounds(plan_id) if plan_id else []
        self.round.blockSignals(True)
        self.round.clear()
        for r in reversed(rounds):  # the latest first
            self.round.addItem(r.name + ("" if r.is_open else "（已结束）"), r.name)
        index = self.round.findData(chosen.split("（")[0]) if chosen else 0
        self.round.setCurrentIndex(max(index, 0))
        self.round.blockSignals(False)
        self._show()

    def _show(self) -> None:
        name = self.round.currentData()
        plan_id = self.editor.plan_id
        book = RoundBook(self.editor.store)
        self.status = book.status(book.find(plan_id, name), self.tracking.today()) if plan_id and name else None
        editable = self.status is not None and not self.editor.store.read_only
        self.close_button.setEnabled(editable)
        self.print_button.setEnabled(self.status is not None)
        self.export_button.setEnabled(self.status is not None)
        self.close_button.setText("重新开启" if self.status and not self.status.round.is_open else "结束轮次")
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        if self.status is None:
            self.summary.setText("这份清单还没有报送轮次。" if plan_id else "")
            return
        wanted = self.state.currentText()
        lines = [u for u in self.status.units if wanted == ALL or u.state.value == wanted]
        self.table.setRowCount(len(lines))
        for row, u in enumerate(lines):
            state = QTableWidgetItem(u.state.value)
            state.setForeground(QBrush(QColor(_STATE_COLOURS[u.state].value)))
            cells = [QTableWidgetItem(u.unit), state, _Number(u.tasks), _Number(u.reported),
                     QTableWidgetItem(u.received or ""), QTableWidgetItem(u.file), QTableWidgetItem(u.sent or ""),
                     QTableWidgetItem(u.sent_file), _Number(u.reminders)]
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        r = self.status.round
        counts = "，".join(f"{s.value} {self.status.count(s)}" for s in ReturnState if self.status.count(s))
        due = f"截止 {r.due:%Y年%-m月%-d日}" if r.due else "未定截止日期"
        self.summary.setText(f"{due}　{len(self.status.units)} 个单位：{counts or '—'}")

    def _ask_open(self) -> None:
        today = self.tracking.today()
        dialog = OpenRoundDialog(qdate(today), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name.text().strip():
            name = dialog.name.text().strip()
            if self.editor.open_round(name, day_of(dialog.due), today):
                self.round.setCurrentIndex(0)
                self.refresh()
                self.round.setCurrentIndex(max(self.round.findData(name), 0))

    def _toggle_closed(self) -> None:
        if self.status is None:
            return
        r = self.status.round
        if r.is_open:
            self.editor.close_round(r.name, self.tracking.today())
        else:
            self.editor.reopen_round(r.name)
