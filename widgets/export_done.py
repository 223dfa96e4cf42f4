"""After an export: say where the file went and offer "Open" and "Show in folder".

Used by every export (PDF here; the lead can pass the .docx/.xlsx paths too).
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDir, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_file(path: str | Path) -> bool:
    """Open with the system's default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))


def show_in_folder(path: str | Path) -> bool:
    """Show the file selected in the file manager (Windows, macOS), or open its folder."""
    path = Path(path).resolve()
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", ["/select,", QDir.toNativeSeparators(str(path))])[0]
    if sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent if path.is_file() else path)))


class ExportDone(QMessageBox):
    """已导出 … with 打开 / 打开所在文件夹 / 关闭."""

    def __init__(self, paths: Sequence[str | Path], parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        first = self.paths[0]
        self.setWindowTitle("导出完成")
        self.setIcon(QMessageBox.Icon.Information)
        if len(self.paths) == 1:
            self.setText(f"已导出：{first.name}")
        else:
            self.setText(f"已导出 {len(self.paths)} 个文件")
        self.setInformativeText(f"位置：{first.parent}" + (f"\n\n{note}" if note else ""))
        self.open_button = self.addButton("打开", QMessageBox.ButtonRole.AcceptRole) if len(self.paths) == 1 else None
        self.folder_button = self.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        self.close_button = self.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.open_button or self.folder_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if button is self.open_button and not open_file(self.paths[0]):
            self._could_not("打开", f"没有程序能打开 {self.paths[0].name}。\n文件位于：{self.paths[0].parent}")
        elif button is self.folder_button and not show_in_folder(self.paths[0]):
            self._could_not("打开所在文件夹", f"没有可用的文件管理器，无法打开文件夹。\n文件位于：{self.paths[0].parent}")

    def _could_not(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.parentWidget())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        self.failure = box
        box.open()


_shown: set[ExportDone] = set()  # boxes without a parent stay alive until closed


def offer_open(parent: QWidget | None, paths: Sequence[str | Path], note: str = "") -> ExportDone:
    """Show the message (window-modal, not blocking) and return it."""
    box = ExportDone(paths, parent, note)
    _shown.add(box)
    box.finished.connect(lambda *_: _shown.discard(box))
    box.open()
    return box
