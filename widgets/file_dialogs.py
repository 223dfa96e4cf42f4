"""Choosing files and folders: Qt's dialog in Chinese, opening where that kind of file was last taken.

Kinds: "import" (documents to import), "export" (what we write), "returned" (sheets that come back),
"report" (progress reports).  The folders are remembered by whatever :func:`remember_folders` was
given (the app's settings); without one, for the session only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

_DATE_COLUMN = 3  # of QFileSystemModel: 名称, 体积, 类型, 修改日期


class FolderMemory(Protocol):
    def folder(self, kind: str) -> Path | None: ...

    def set_folder(self, kind: str, folder: Path) -> None: ...


class _SessionMemory:
    def __init__(self):
        self.folders: dict[str, Path] = {}

    def folder(self, kind: str) -> Path | None:
        return self.folders.get(kind)

    def set_folder(self, kind: str, folder: Path) -> None:
        self.folders[kind] = folder


_memory: FolderMemory = _SessionMemory()


def remember_folders(memory: FolderMemory) -> None:
    global _memory
    _memory = memory


def remember_folder(kind: str, folder: Path) -> None:
    """A folder chosen for ``kind`` some other way (typed into a form), to start from next time."""
    _memory.set_folder(kind, folder)


def last_folder(kind: str) -> Path:
    folder = _memory.folder(kind)
    return folder if folder is not None and folder.is_dir() else Path.home()


class _ChineseDates(QIdentityProxyModel):
    """Qt's file list writes dates in the system locale (``1 12 2026`` under C); here in the app's (Chinese)."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() == _DATE_COLUMN:
            source = self.sourceModel()
            if hasattr(source, "lastModified"):
                return QLocale().toString(source.lastModified(self.mapToSource(index)), QLocale.FormatType.ShortFormat)
        return super().data(index, role)


def _dialog(parent: QWidget | None, title: str, start: Path, name_filter: str | None,
            mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the same Chinese dialog on every desktop
    dialog.setProxyModel(_ChineseDates(dialog))
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if name_filter:
        dialog.setNameFilter(name_filter)
    return dialog


def _run(dialog: QFileDialog, kind: str) -> list[Path]:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = [Path(f) for f in dialog.selectedFiles()] if accepted else []
    directory = dialog.fileMode() == QFileDialog.FileMode.Directory
    dialog.deleteLater()  # with its file-system model and watcher thread, not kept as the parent's child
    if chosen:
        _memory.set_folder(kind, chosen[0] if directory else chosen[0].parent)
    return chosen


def open_files(parent: QWidget | None, kind: str, title: str, name_filter: str, many: bool = False,
               start: str | Path | None = None) -> list[Path]:
    folder = Path(start).parent if start and Path(start).parent.is_dir() and str(start).strip() else last_folder(kind)
    mode = QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile
    return _run(_dialog(parent, title, folder, name_filter, mode, QFileDialog.AcceptMode.AcceptOpen), kind)


def save_file(parent: QWidget | None, kind: str, title: str, name: str, name_filter: str,
              start: str | Path | None = None) -> Path | None:
    """``start``: a path already in the form (its folder and name); otherwise ``name`` in the last folder."""
    target = Path(start) if start and str(start).strip() else last_folder(kind) / name
    dialog = _dialog(parent, title, target, name_filter, QFileDialog.FileMode.AnyFile,
                     QFileDialog.AcceptMode.AcceptSave)
    chosen = _run(dialog, kind)
    return chosen[0] if chosen else None


def choose_folder(parent: QWidget | None, kind: str, title: str, start: str | Path | None = None) -> Path | None:
    folder = Path(start) if start and Path(start).is_dir() else last_folder(kind)
    chosen = _run(_dialog(parent, title, folder, None, QFileDialog.FileMode.Directory,
                          QFileDialog.AcceptMode.AcceptOpen), kind)
    return chosen[0] if chosen else None
