"""Editing a deadline: free text, a live reading of it, and a calendar."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout, QWidget, QWidgetAction,
)

from models.deadlines import ONGOING_PHRASE, Deadline, format_deadline, parse_deadline


def describe(deadline: Deadline) -> str:
    """A short reading of a parsed deadline for the user."""
    kind = deadline.kind
    if kind == "empty":
        return "未填写完成时限"
    if kind == "unparsed":
        return "⚠ 无法识别的时限，将按原文保存"
    parts = []
    if deadline.milestones:
        dates = "、".join(d.isoformat() for d in deadline.milestones)
        parts.append(f"{'分阶段：' if len(deadline.milestones) > 1 else '截止 '}{dates}")
    if deadline.recurring:
        parts.append(f"周期：{deadline.recurring}")
    if deadline.ongoing:
        parts.append("长期保持")
    return " · ".join(parts)


class DeadlineEditor(QWidget):
    """Emits :attr:`committed` with the text when the user finishes an edit."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("如 2024年底前")
        self.edit.setToolTip("如 2024年6月30日前、2024年底前、长期保持；也可从日历选择")
        self.reading = QLabel(self)
        self.reading.setObjectName("deadlineReading")
        self._calendar: QCalendarWidget | None = None  # made when the menu first opens (it is slow to build)
        menu = QMenu(self)
        menu.aboutToShow.connect(lambda: self.calendar)
        menu.addAction("写作“某年某月底前”", lambda: self.write_date(self.calendar.selectedDate(), "month_end"))
        menu.addAction("写作“某年底前”", lambda: self.write_date(self.calendar.selectedDate(), "year_end"))
        menu.addAction(f"写作“{ONGOING_PHRASE}”", lambda: self.write(ONGOING_PHRASE))
        self.menu = menu
        self.pick = QToolButton(self)
        self.pick.setText("日历 ▾")
        self.pick.setToolTip("从日历选择")
        self.pick.setMenu(menu)
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")  # it covered the text
        self.edit.textChanged.connect(self._show_reading)
        self.edit.editingFinished.connect(self._commit)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.reading)
        self._committed_text = ""
        self._show_reading("")

    @property
    def calendar(self) -> QCalendarWidget:
        """The calendar at the top of the 日历 menu."""
        if self._calendar is None:
            calendar = self._calendar = QCalendarWidget()
            calendar.setGridVisible(True)
            calendar.clicked.connect(lambda d: self.write_date(d, "day"))
            holder = QWidgetAction(self.menu)
            holder.setDefaultWidget(calendar)
            first = self.menu.actions()[0]
            self.menu.insertAction(first, holder)
            self.menu.insertSeparator(first)
        return self._calendar

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Show a value without emitting :attr:`committed`."""
        self._committed_text = text
        self.edit.setText(text)

    def write(self, text: str) -> None:
        self.edit.setText(text)
        self._commit()

    def write_date(self, day: QDate | date, style: str) -> None:
        if isinstance(day, QDate):
            day = date(day.year(), day.month(), day.day())
        self.menu.hide()
        self.write(format_deadline(day, style))

    def _show_reading(self, text: str) -> None:
        deadline = parse_deadline(text)
        self.reading.setText(describe(deadline))
        self.reading.setStyleSheet("color: #b00020;" if deadline.kind == "unparsed" else "color: palette(mid);")
        due = deadline.due
        if due is not None:
            self.calendar.setSelectedDate(QDate(due.year, due.month, due.day))

    def _commit(self) -> None:
        text = self.edit.text().strip()
        if text != self._committed_text:
            self._committed_text = text
            self.committed.emit(text)
