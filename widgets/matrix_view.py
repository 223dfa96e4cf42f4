"""The responsibility matrix: tasks down, units across, 牵/责 in the cells.

Click a cell (or press Space) to cycle none → 牵 → 责 → none; with several
cells selected, 1 sets 牵, 2 sets 责 and Delete clears, as one undoable
command.  The task column is the table's vertical header, so it stays put
while the units scroll.
"""
from __future__ import annotations

from typing import cast

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QToolButton, QVBoxLayout, QWidget,
)

from models.matrix_model import LEAD, NONE, RESPONSIBLE, MatrixModel

_UNIT_HEADER_HEIGHT = 150


class UnitHeader(QHeaderView):
    """Unit names written top to bottom, with their counts underneath."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(34)
        self.setMinimumSectionSize(26)
        self.setSectionsClickable(True)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), _UNIT_HEADER_HEIGHT)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        painter.save()
        super().paintSection(painter, rect, logical_index)
        painter.restore()
        model = self.model()
        if model is None:
            return
        name = model.headerData(logical_index, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
        counts = model.headerData(logical_index, Qt.Orientation.Horizontal, Qt.ItemDataRole.UserRole) or ""
        painter.save()
        painter.fillRect(rect.adjusted(1, 1, -1, -1), self.palette().button())
        painter.setPen(self.palette().buttonText().color())
        metrics = painter.fontMetrics()
        line = metrics.height()
        available = rect.height() - line - 6
        chars = max(1, available // line)
        text = name if len(name) <= chars else name[: chars - 1] + "…"
        x = rect.left() + (rect.width() - metrics.horizontalAdvance("国")) // 2
        for i, ch in enumerate(text):  # one character a line: how such tables print unit names
            painter.drawText(QRect(x, rect.top() + 3 + i * line, metrics.horizontalAdvance("国") + 2, line),
                             Qt.AlignmentFlag.AlignHCenter, ch)
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.7))
        painter.setFont(small)
        painter.drawText(rect.adjusted(0, 0, 0, -2), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         counts.replace(" ", "\n") if rect.width() < 50 else counts)
        painter.restore()


class MatrixTable(QTableView):
    def __init__(self, model: MatrixModel, parent=None):
        super().__init__(parent)
        self.setObjectName("matrixTable")
        self.setModel(model)
        self.setHorizontalHeader(UnitHeader(self))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setFixedWidth(330)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.clicked.connect(self._clicked)

    @property
    def matrix(self) -> MatrixModel:
        return cast(MatrixModel, self.model())

    def _clicked(self, index) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self.matrix.cycle(index)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        selected = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        value = {Qt.Key.Key_1: LEAD, Qt.Key.Key_2: RESPONSIBLE, Qt.Key.Key_Delete: NONE,
                 Qt.Key.Key_Backspace: NONE, Qt.Key.Key_0: NONE}.get(key)
        if value is not None and selected:
            self.matrix.set_cells(selected, value)
            return
        if key == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.matrix.cycle(self.currentIndex())
            return
        super().keyPressEvent(event)


class MatrixView(QWidget):
    def __init__(self, model: MatrixModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.table = MatrixTable(model, self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选单位")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda text: self.model.set_options(unit_filter=text))
        self.show_all = QCheckBox("显示全部单位", self)
        self.show_all.toggled.connect(lambda on: self.model.set_options(show_all_units=on))
        self.sort = QComboBox(self)
        for key, label in (("directory", "按目录顺序"), ("name", "按名称"), ("load", "按任务数")):
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(lambda i: self.model.set_options(sort_by=self.sort.itemData(i)))
        buttons = []
        for value, text in ((LEAD, "设为牵头 (1)"), (RESPONSIBLE, "设为责任 (2)"), (NONE, "清除 (Del)")):
            button = QToolButton(self)
            button.setText(text)
            button.clicked.connect(lambda checked=False, v=value: self._set_selected(v))
            buttons.append(button)
        self.summary = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.filter)
        bar.addWidget(self.show_all)
        bar.addWidget(self.sort)
        for button in buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        model.modelReset.connect(self._update_summary)
        self._update_summary()
        model.set_live(False)  # built when first shown (showEvent), not for every change while hidden

    def showEvent(self, event) -> None:
        self.model.set_live(True)
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.model.set_live(False)
        super().hideEvent(event)

    def _set_selected(self, value: str) -> None:
        self.model.set_cells(self.table.selectedIndexes(), value)

    def _update_summary(self) -> None:
        tasks = sum(1 for n in self.model.rows if not n.children)
        self.summary.setText(f"{tasks} 项任务 × {len(self.model.units)} 个单位")
