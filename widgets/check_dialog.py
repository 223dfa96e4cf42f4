"""The list check (清单体检) dialog: findings, each linked to its node."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from models.list_check import KINDS, Finding


class CheckDialog(QDialog):
    node_activated = Signal(str)

    def __init__(self, title: str, findings: list[Finding], parent=None):
        super().__init__(parent)
        self.setWindowTitle("清单体检")
        self.resize(760, 480)
        summary = QLabel(f"{title}：{len(findings)} 处需要复核" if findings else f"{title}：未发现问题。", self)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["序号", "问题", "类别"])
        self.list.setRootIsDecorated(False)
        self.list.setColumnWidth(0, 80)
        self.list.setColumnWidth(1, 480)
        for finding in findings:
            item = QTreeWidgetItem([finding.number or "—", finding.message, KINDS[finding.kind]])
            item.setData(0, Qt.ItemDataRole.UserRole, finding.node_id)
            item.setToolTip(1, finding.message)
            self.list.addTopLevelItem(item)
        self.list.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel("双击一项可在清单中定位。", self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        if node_id:
            self.node_activated.emit(node_id)
