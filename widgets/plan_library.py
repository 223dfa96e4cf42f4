"""The plan library: every plan in the store; new, duplicate, rename, delete (all undoable)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

from editing.protocol import Editor
from models.domain import Plan


class PlanLibrary(QWidget):
    status_message = Signal(str)

    def __init__(self, editor: Editor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.list = QListWidget(self)
        self.list.setObjectName("planLibrary")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._open_current)
        self.list.itemChanged.connect(self._renamed)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, tip, slot in [
            ("new", "新建", "新建空白清单", self.new_plan),
            ("duplicate", "复制", "复制所选清单", self.duplicate),
            ("rename", "重命名", "重命名所选清单（F2）", self.rename),
            ("delete", "删除", "删除所选清单（可撤销）", self.delete),
        ]:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            button.setEnabled(not editor.store.read_only)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        editor.library_changed.connect(self.reload)
        editor.plan_opened.connect(self._select)
        self.reload()

    def reload(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        store = self.editor.store
        for summary in [] if store.damaged else store.list_plans():  # a damaged store is only restored
            item = QListWidgetItem(summary.title or "（无标题）")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(f"{summary.title}\n{summary.node_count} 项")
            if not self.editor.store.read_only:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._select(self.editor.plan_id or "")

    def _select(self, plan_id: str) -> None:
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == plan_id:
                self.list.setCurrentRow(row)
                break
        else:
            self.list.setCurrentRow(-1)
        self.list.blockSignals(False)

    def current_plan_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open_current(self, item, previous=None) -> None:
        if item is not None:
            self.editor.open_plan(item.data(Qt.ItemDataRole.UserRole))

    def _renamed(self, item: QListWidgetItem) -> None:
        title = item.text().strip()
        plan_id = item.data(Qt.ItemDataRole.UserRole)
        if title:
            self.editor.update_plan(plan_id, title=title)
        else:
            self.reload()

    def new_plan(self) -> None:
        self.editor.add_plan(Plan(title="新清单"))
        self.rename()

    def duplicate(self) -> None:
        if self.current_plan_id():
            self.editor.duplicate_plan(self.current_plan_id())

    def rename(self) -> None:
        if self.list.currentItem() is not None:
            self.list.editItem(self.list.currentItem())

    def delete(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id:
            self.editor.delete_plan(plan_id)
            self.status_message.emit("已删除清单；按 Ctrl+Z 可撤销")
