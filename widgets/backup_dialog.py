"""Restoring the store from one of the copies taken before bulk changes."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QVBoxLayout,
)

_REASONS = {"import": "导入前", "merge": "合并回收表前", "migration": "升级数据结构前", "before-restore": "恢复备份前"}


def describe(path: Path) -> str:
    """`dutymatrix.20261123-101500-123456.import.sqlite` → 2026-11-23 10:15:00 导入前."""
    parts = path.name.split(".")
    try:
        when = datetime.strptime(parts[-3], "%Y%m%d-%H%M%S-%f").strftime("%Y-%m-%d %H:%M:%S")
    except (IndexError, ValueError):
        return path.name
    return f"{when}　{_REASONS.get(parts[-2], parts[-2])}"


class BackupDialog(QDialog):
    """Lists the backups, newest first; 恢复 replaces the store's content (itself backed up first)."""

    def __init__(self, backups: list[Path], parent=None):
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.resize(520, 360)
        self.list = QListWidget(self)
        for path in backups:
            item = QListWidgetItem(describe(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore = buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore.setEnabled(bool(backups))
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = "恢复后，所有清单回到备份时的状态；当前内容会先另存一份备份，可再恢复回来。" if backups else "还没有备份。"
        label = QLabel(note, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _confirm(self) -> None:
        if self.chosen() is None:
            return
        answer = QMessageBox.question(self, "从备份恢复", f"恢复到“{self.list.currentItem().text()}”的状态吗？")
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()
