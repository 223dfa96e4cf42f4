"""设置 → 姓名和科室: who is working, written on every history entry (留痕) they make."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from models.history import Author


class AuthorDialog(QDialog):
    def __init__(self, author: Author, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("姓名和科室")
        self.name = QLineEdit(author.name, self)
        self.name.setPlaceholderText("记入留痕的姓名")
        self.office = QLineEdit(author.office, self)
        self.office.setPlaceholderText("如 督查科")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("姓名", self.name)
        form.addRow("科室", self.office)
        form.addRow(buttons)

    def author(self) -> Author:
        return Author(self.name.text().strip(), self.office.text().strip())
