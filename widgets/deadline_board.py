"""The deadline board: tasks grouped by state, unit or month; double-click jumps to the tree."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from widgets.colour_dot import colour_dot
from models.board import GROUP_BY, board_groups
from models.domain import Status
from models.tracking import TrackingContext

_COLUMNS = ["任务", "牵头单位", "完成时限", "状态", "滞后/停滞", "进展情况"]
_STATUS = 3
FLAGS = 4  # computed 滞后/停滞, the reasons in its tooltip
_PROGRESS = 5


class _StatusDelegate(QStyledItemDelegate):
    """The status column edits with a list of the four statuses."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems([s.value for s in Status])
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data())

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


class _ReadOnlyDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        return None


class DeadlineBoard(QWidget):
    node_activated = Signal(str)  # double-click: show this node in the tree

    def __init__(self, editor: Editor, tracking: TrackingContext | None = None, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.tracking = tracking or TrackingContext()
        self.group = QComboBox(self)
        for key, label in GROUP_BY.items():
            self.group.addItem(label, key)
        self.group.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("deadlineBoard")
        self.tree.setColumnCount(len(_COLUMNS))
        self.tree.setHeaderLabels(_COLUMNS)
        for column, width in enumerate((420, 170, 130, 70, 90)):
            self.tree.setColumnWidth(column, width)
        self.tree.setItemDelegateForColumn(_STATUS, _StatusDelegate(self.tree))
        for column in (0, 1, 2, FLAGS):
            self.tree.setItemDelegateForColumn(column, _ReadOnlyDelegate(self.tree))
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.itemChanged.connect(self._item_changed)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("分组：", self))
        bar.addWidget(self.group)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.refresh)
        editor.model.connect_changes(self._schedule)
        editor.rounds_changed.connect(self._schedule)  # an ended round counts for 停滞
        self.refresh()

    def _schedule(self, *args) -> None:
        if self.isVisible():
            self._pending.start()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        model = self.editor.model
        tracking = self.tracking
        self.tree.blockSignals(True)
        self.tree.clear()
        total = 0
        for label, nodes in board_groups(model.plan, tracking.today(), self.group.currentData(), tracking.warn_days):
            group = QTreeWidgetItem([f"{label}（{len(nodes)}）"])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for node in nodes:
                item = QTreeWidgetItem([f"{model.number_of(node.id)}{node.text}", "、".join(node.lead),
                                        node.deadline, node.status.value, tracking.flag_words(node.id),
                                        node.progress])
                item.setData(0, Qt.ItemDataRole.UserRole, node.id)
                reasons = tracking.flag_reasons(node.id)
                item.setToolTip(0, "\n".join(t for t in (node.text, reasons) if t))
                item.setToolTip(FLAGS, reasons)
                item.setData(0, Qt.ItemDataRole.DecorationRole, colour_dot(tracking.signal(node).value))
                if not self.editor.store.read_only:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                group.addChild(item)
                total += 1
            group.setExpanded(True)
        self.tree.blockSignals(False)
        flagged = "".join(f"，{flag.value} {n}" for flag, n in tracking.flag_counts(tracking.computed).items() if n)
        self.summary.setText(f"共 {total} 项任务{flagged}")

    def _double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        if node_id and column < _STATUS:
            self.node_activated.emit(node_id)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        if not node_id:
            return
        if column == _STATUS:
            self.editor.set_fields(node_id, status=Status(item.text(_STATUS)))
        elif column == _PROGRESS:
            self.editor.set_fields(node_id, progress=item.text(_PROGRESS))

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i).child(j) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]
