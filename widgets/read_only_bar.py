"""The bar across the top of a window that cannot write: which store, held by whom, how to edit."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class ReadOnlyBar(QFrame):
    def __init__(self, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readOnlyBar")
        self.setStyleSheet("#readOnlyBar { background: #fff4ce; border-bottom: 1px solid #e0c060; }")
        self.label = QLabel(f"<b>只读</b>　{reason}", self)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
