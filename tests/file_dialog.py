"""Answering Qt's own file dialog the way a user does: it opens modal, a path is typed, 保存/打开 pressed."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog


def answer_file_dialog(path: Path | str | None, seen: list | None = None) -> None:
    """The next file dialog to open is answered with ``path`` (None: cancelled). ``seen`` collects what
    it showed: (its folder, its texts)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, answer)
            return
        if seen is not None:
            seen.append(dialog)
            seen.append(Path(dialog.directory().absolutePath()))
        if path is None:
            dialog.reject()
            return
        dialog.selectFile(str(path))
        dialog.accept()

    QTimer.singleShot(0, answer)
