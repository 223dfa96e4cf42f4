"""Answering Qt's own file dialog the way a user does: it opens modal, a path is typed, 保存/打开 pressed."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog


def answer_file_dialog(path: Path | str | None, seen: list | None = None, look=None) -> None:
    """The next file dialog to open is answered with ``path`` (None: cancelled). ``seen`` collects the
    folder it opened in; ``look(dialog)`` is called while it is open and answers it once it returns True."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or (look is not None and not look(dialog)):
            QTimer.singleShot(10, answer)
            return
        if seen is not None:
            seen.append(Path(dialog.directory().absolutePath()))
        if path is None:
            dialog.reject()
            return
        dialog.selectFile(str(path))
        dialog.accept()

    QTimer.singleShot(0, answer)
