"""文件 → 保存版本: a name (印发稿, 修订稿 …) and a date for the plan as it is now."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel

NAMES = ["印发稿", "修订稿", "征求意见稿", "送审稿"]


class SaveVersionDialog(QDialog):
    def __init__(self, title: str, today: QDate, parent=None):
        super().__init__(parent)
        self.setWindowTitle("保存版本")
        self.name = QComboBox(self)
        self.name.setEditable(True)
        self.name.addItems(NAMES)
        self.date = QDateEdit(today, self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.currentTextChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        form.addRow("清单：", QLabel(title, self))
        form.addRow("版本名称：", self.name)
        form.addRow("日期：", self.date)
        form.addRow(self.buttons)

    def values(self) -> tuple[str, str]:
        return self.name.currentText().strip(), self.date.date().toString("yyyy-MM-dd")
