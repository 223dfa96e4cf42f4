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

_CHARS_PER_COLUMN = 8  # a unit name runs down in columns of this many characters, as many as it needs
_COUNT_LINES = 5  # 牵 n / 责 n / 逾 n / 滞 n / 停 n under the name
_PAD = 4


class UnitHeader(QHeaderView):
    """Unit names written top to bottom, whole (a long name takes a second column), with their counts
    underneath in the header's own size."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(34)
        self.setMinimumSectionSize(26)
        self.setSectionsClickable(True)

    def _cell(self) -> tuple[int, int]:
        metrics = self.fontMetrics()
        return metrics.horizontalAdvance("国") + 2, metrics.height()

    def sizeHint(self) -> QSize:
        _, line = self._cell()
        return QSize(super().sizeHint().width(), (_CHARS_PER_COLUMN + _COUNT_LINES) * line + 3 * _PAD)

    def width_for(self, name: str) -> int:
        """How wide a section must be to show ``name`` whole and its counts."""
        char, _ = self._cell()
        columns = max(1, -(-len(name) // _CHARS_PER_COLUMN))
        counts = self.fontMetrics().horizontalAdvance("逾888") + 2 * _PAD
        return max(columns * char + 2 * _PAD, counts, self.minimumSectionSize())

    def fit_sections(self) -> None:
        model = self.model()
        if model is None:
            return
        for section in range(model.columnCount()):
            name = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
            self.resizeSection(section, self.width_for(name))

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
        char, line = self._cell()
        columns = [name[i:i + _CHARS_PER_COLUMN] for i in range(0, len(name), _CHARS_PER_COLUMN)]
        left = rect.left() + (rect.width() - len(columns) * char) // 2
        for c, column in enumerate(columns):  # one character a line, columns left to right
            for i, ch in enumerate(column):
                painter.drawText(QRect(left + c * char, rect.top() + _PAD + i * line, char, line),
                                 Qt.AlignmentFlag.AlignHCenter, ch)
        top = rect.top() + _PAD * 2 + _CHARS_PER_COLUMN * line
        for i, part in enumerate(counts.split()):
            painter.drawText(QRect(rect.left(), top + i * line, rect.width(), line), Qt.AlignmentFlag.AlignHCenter,
                             part)
        painter.restore()


class MatrixTable(QTableView):
    def __init__(self, model: MatrixModel, parent=None):
        super().__init__(parent)
        self.setObjectName("matrixTable")
        self.setModel(model)
        self.units_header = UnitHeader(self)
        self.setHorizontalHeader(self.units_header)
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
        model.modelReset.connect(self.table.units_header.fit_sections)
        self.table.units_header.fit_sections()
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
