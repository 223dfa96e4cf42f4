"""The filter bar above the tree: text, unit and role, deadline, tags, status."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QToolButton, QWidget

from models.domain import Status
from models.tree_filter import NodeFilter

_DEADLINES = [("", "全部时限"), ("overdue", "已逾期"), ("due_within", "即将到期"), ("ongoing", "长期/周期"),
              ("no_date", "无时限")]
_ROLES = [("any", "牵头或责任"), ("lead", "牵头"), ("responsible", "责任")]


class FilterBar(QWidget):
    changed = Signal(NodeFilter)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = date.today  # injectable for tests
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("筛选文字、单位、备注")
        self.text.setToolTip("按文字、单位或备注筛选（Ctrl+F）；Esc 清除")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance(self.text.placeholderText()) + 40)
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.setMinimumWidth(160)
        self.unit.lineEdit().setPlaceholderText("单位")
        self.role = QComboBox(self)
        for key, label in _ROLES:
            self.role.addItem(label, key)
        self.deadline = QComboBox(self)
        for key, label in _DEADLINES:
            self.deadline.addItem(label, key)
        self.days = QSpinBox(self)
        self.days.setRange(1, 365)
        self.days.setValue(30)
        self.days.setSuffix(" 天内")
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("标记")
        self.tags.setMaximumWidth(60)
        self.status = QComboBox(self)
        self.status.addItem("全部状态", "")
        for s in Status:
            self.status.addItem(s.value, s.value)
        self.count = QLabel(self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("清除筛选")
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.text, self.unit, self.role, self.deadline, self.days, self.tags, self.status,
                  self.count, self.clear_button):
            layout.addWidget(w)
        layout.setStretch(0, 1)
        self.text.textChanged.connect(self._emit)
        self.unit.currentTextChanged.connect(self._emit)
        self.tags.textChanged.connect(self._emit)
        for combo in (self.role, self.deadline, self.status):
            combo.currentIndexChanged.connect(self._emit)
        self.days.valueChanged.connect(self._emit)
        self._emit()

    def set_units(self, names: list[str]) -> None:
        current = self.unit.currentText()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("")
        self.unit.addItems(names)
        self.unit.setCurrentText(current)
        self.unit.blockSignals(False)

    def current(self) -> NodeFilter:
        status = self.status.currentData()
        return NodeFilter(
            text=self.text.text().strip(), unit=self.unit.currentText().strip(), role=self.role.currentData(),
            deadline=self.deadline.currentData(), within_days=self.days.value(),
            tags=frozenset(c for c in self.tags.text() if not c.isspace()),
            statuses=frozenset([Status(status)]) if status else frozenset(), today=self.today(),
        )

    def clear(self) -> None:
        for w in (self.text, self.tags):
            w.blockSignals(True)
            w.clear()
            w.blockSignals(False)
        for combo in (self.role, self.deadline, self.status):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.unit.blockSignals(True)
        self.unit.setCurrentText("")
        self.unit.blockSignals(False)
        self._emit()

    def show_count(self, shown: int, total: int, active: bool) -> None:
        self.count.setText(f"匹配 {shown} / {total}" if active else f"共 {total} 项")
        self.clear_button.setEnabled(active)

    def _emit(self, *args) -> None:
        self.days.setEnabled(self.deadline.currentData() == "due_within")
        self.changed.emit(self.current())
