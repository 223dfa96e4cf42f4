"""The indicator tree view: numbers flush left, the tree in the text column.

The view shows either the tree model itself or a filter proxy over it (:meth:`show_model`): a
proxy doubles the Python calls behind every row and cell, which a plan of thousands of tasks feels
when it opens, so the proxy is shown only while a filter is on.  Indexes of the tree model map to
what is shown with :meth:`view_index` and back with :meth:`source_index`.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel, QAbstractProxyModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTreeView


class PlanTreeView(QTreeView):
    # The selection model's signals, relayed: a new model brings a new selection model.
    current_row_changed = Signal(QModelIndex, QModelIndex)
    selection_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("planTree")
        self.setTreePosition(1)  # 序号 stays flush; the 指标 column carries the tree
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAllColumnsShowFocus(True)

    def setSelectionModel(self, selection_model: QItemSelectionModel) -> None:
        old = self.selectionModel()
        super().setSelectionModel(selection_model)
        if old is not None:  # it still follows its model, which may change
            old.currentRowChanged.disconnect(self.current_row_changed)
            old.selectionChanged.disconnect(self.selection_changed)
        selection_model.currentRowChanged.connect(self.current_row_changed)
        selection_model.selectionChanged.connect(self.selection_changed)

    def view_index(self, source: QModelIndex) -> QModelIndex:
        """Where an index of the tree model is shown (invalid when the filter hides it)."""
        shown = self.model()
        return shown.mapFromSource(source) if isinstance(shown, QAbstractProxyModel) else source

    def source_index(self, index: QModelIndex) -> QModelIndex:
        shown = self.model()
        return shown.mapToSource(index) if isinstance(shown, QAbstractProxyModel) else index

    def show_model(self, model: QAbstractItemModel) -> None:
        """Show ``model`` (the tree model or a proxy over it) instead, keeping the columns as they
        are and the selected and current rows where ``model`` shows them."""
        if model is self.model():
            return
        # indexes of the tree model, which does not change meanwhile
        selected = [self.source_index(i) for i in self.selectionModel().selectedRows(0)]
        current = self.source_index(self.currentIndex())
        old = self.selectionModel()
        self.setModel(model)
        old.deleteLater()
        now = self.view_index(current)
        if current.isValid() and not now.isValid():
            self.current_row_changed.emit(QModelIndex(), QModelIndex())  # the current row is hidden now
        self.select_rows([self.view_index(i) for i in selected], now)

    def select_rows(self, rows: list[QModelIndex], current: QModelIndex | None = None) -> None:
        """Select ``rows`` of what is shown (invalid ones are left out), ``current`` the current row."""
        selection = QItemSelection()
        for index in rows:
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.Rows
        if current is not None and current.isValid():
            self.selectionModel().setCurrentIndex(current, flags | QItemSelectionModel.SelectionFlag.NoUpdate)
        self.selectionModel().select(selection, flags | QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab and Shift+Tab indent and outdent here, not move focus

    def keyPressEvent(self, event) -> None:
        """Keys of the tree's own actions trigger them even where the shortcut map does not
        reach (a window that is not active, as under the offscreen platform)."""
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)  # a key the open cell editor let through
            return
        pressed = QKeySequence(event.keyCombination())
        if event.key() == Qt.Key.Key_Backtab:  # what Shift+Tab arrives as
            pressed = QKeySequence(Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Tab)
        for action in self.actions():
            if any(pressed == shortcut for shortcut in action.shortcuts()):
                if action.isEnabled():
                    action.trigger()
                event.accept()
                return
        super().keyPressEvent(event)
