"""Choosing units for a task: removable chips in order, and a search box.

Typing matches names, aliases, pinyin initials (``zjj``) and fuzzy spellings;
Enter takes the best match.  A name not in the directory is offered as a new
unit and added only when the user agrees.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QCompleter, QLineEdit, QListView, QListWidget, QListWidgetItem, QMessageBox,
    QStyle, QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget,
)

from models.units import UnitDirectory, normalise_name

_PAD = 8
_CROSS = 7  # the remove mark: a cross drawn with two strokes (a font's × may look like ›)


class _ChipDelegate(QStyledItemDelegate):
    """Draws a unit as a rounded chip with a close mark at its right."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(index.data()) + _CROSS + 3 * _PAD
        return QSize(width, metrics.height() + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        base = option.palette.color(QPalette.ColorRole.Highlight)
        fill = base if selected else QColor(base.red(), base.green(), base.blue(), 40)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        ink = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.setPen(ink)
        painter.drawText(rect.adjusted(_PAD, 0, -_PAD, 0), Qt.AlignmentFlag.AlignVCenter, index.data())
        cross = self.close_rect(option.rect, option.fontMetrics)
        centre = cross.center()
        half = _CROSS // 2
        painter.setPen(QPen(ink, 1.4))
        painter.drawLine(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
        painter.drawLine(centre.x() - half, centre.y() + half, centre.x() + half, centre.y() - half)
        painter.restore()

    @staticmethod
    def close_rect(option_rect: QRect, metrics=None) -> QRect:
        width = _CROSS + 2 * _PAD
        return QRect(option_rect.right() - width, option_rect.top(), width, option_rect.height())


class UnitPicker(QWidget):
    """Edits an ordered list of unit names; emits :attr:`changed` on every user change."""

    changed = Signal(list)

    def __init__(self, directory: Callable[[], UnitDirectory], placeholder: str = "输入单位名称、简称或拼音首字母",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.directory = directory
        self.confirm_new: Callable[[str], bool] = self._ask_new_unit
        self.chips = QListWidget(self)
        self.chips.setFlow(QListView.Flow.LeftToRight)
        self.chips.setWrapping(True)
        self.chips.setResizeMode(QListView.ResizeMode.Adjust)
        self.chips.setSpacing(2)
        self.chips.setItemDelegate(_ChipDelegate(self.chips))
        self.chips.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.chips.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.chips.setMinimumHeight(34)
        self.chips.setMaximumHeight(100)
        self.chips.setToolTip("拖动调整顺序；点 × 或按 Delete 移除；Alt+←/→ 移动")
        self.chips.model().rowsMoved.connect(self._emit)
        self.chips.viewport().installEventFilter(self)
        self.chips.installEventFilter(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setToolTip(placeholder + "，按 Enter 添加")
        self.search.setClearButtonEnabled(True)
        self._matches = QStringListModel(self)
        completer = QCompleter(self._matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.setCompleter(completer)
        # after the line edit's own slot, which writes the chosen name into the box
        completer.activated.connect(self._take, Qt.ConnectionType.QueuedConnection)
        self.search.textEdited.connect(self._update_matches)
        self.search.returnPressed.connect(self.take_best_match)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.chips)
        layout.addWidget(self.search)

    # -- value ------------------------------------------------------------

    def units(self) -> list[str]:
        return [self.chips.item(i).text() for i in range(self.chips.count())]

    def set_units(self, names: list[str]) -> None:
        """Show a list without emitting :attr:`changed` (only user moves and edits emit it)."""
        self.chips.clear()
        for name in names:
            self.chips.addItem(QListWidgetItem(name))

    def _emit(self, *args) -> None:
        self.changed.emit(self.units())

    # -- adding -----------------------------------------------------------

    def _update_matches(self, text: str) -> None:
        self._matches.setStringList([m.unit.name for m in self.directory().find(text)])

    def take_best_match(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        popup = self.search.completer().popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            self._take(popup.currentIndex().data())
            return
        matches = self.directory().find(text)
        exact = self.directory().exact(text)
        if exact is not None:
            self._take(exact.name)
        elif matches:
            self._take(matches[0].unit.name)
        elif self.confirm_new(normalise_name(text)):
            self._take(normalise_name(text))

    def _take(self, name: str) -> None:
        self.search.completer().popup().hide()
        self.search.clear()
        if name and name not in self.units():
            self.chips.addItem(QListWidgetItem(name))
            self._emit()

    def _ask_new_unit(self, name: str) -> bool:
        answer = QMessageBox.question(self, "新单位", f"单位目录中没有“{name}”。\n作为新单位添加吗？")
        return answer == QMessageBox.StandardButton.Yes

    # -- removing and reordering -----------------------------------------

    def remove_at(self, row: int) -> None:
        if 0 <= row < self.chips.count():
            self.chips.takeItem(row)
            self._emit()

    def move_chip(self, row: int, step: int) -> None:
        target = row + step
        if 0 <= row < self.chips.count() and 0 <= target < self.chips.count():
            item = self.chips.takeItem(row)
            self.chips.insertItem(target, item)
            self.chips.setCurrentRow(target)
            self._emit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.chips.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            index = self.chips.indexAt(event.position().toPoint())
            if index.isValid():
                rect = self.chips.visualRect(index)
                if _ChipDelegate.close_rect(rect, self.chips.fontMetrics()).contains(event.position().toPoint()):
                    self.remove_at(index.row())
                    return True
        if watched is self.chips and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            row = self.chips.currentRow()
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_at(row)
                return True
            if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.move_chip(row, -1 if event.key() == Qt.Key.Key_Left else 1)
                return True
        return super().eventFilter(watched, event)
