"""The indicator tree view: numbers flush left, the tree in the text column."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTreeView


class PlanTreeView(QTreeView):
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
