"""The app's settings, read and written in one place (QSettings, INI format).

With ``DUTYMATRIX_HOME`` set (portable use, tests) they live beside the store, in
``$DUTYMATRIX_HOME/settings.ini``; otherwise in the user's configuration folder.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from models.history import Author

SETTINGS_FILE = "settings.ini"


class Settings:
    def __init__(self):
        home = os.environ.get("DUTYMATRIX_HOME")
        if home:
            self.q = QSettings(str(Path(home) / SETTINGS_FILE), QSettings.Format.IniFormat)
        else:
            self.q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "DutyMatrix", "DutyMatrix")

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self.q.setValue("window/splitter", value)

    def header(self, columns: str) -> QByteArray | None:
        """Column widths of the tree for one set of columns."""
        return self._bytes(f"tree/header/{columns}")

    def set_header(self, columns: str, value: QByteArray) -> None:
        self.q.setValue(f"tree/header/{columns}", value)

    def tree_view(self, plan_id: str) -> dict:
        """The collapsed nodes and the selection of one plan's tree (widgets.tree_view_state)."""
        try:
            value = json.loads(str(self.q.value(f"plans/{plan_id}/tree", "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def set_tree_view(self, plan_id: str, value: dict) -> None:
        self.q.setValue(f"plans/{plan_id}/tree", json.dumps(value, ensure_ascii=False))

    @property
    def view(self) -> str | None:
        """The tab last shown (tree, matrix, board, units)."""
        value = self.q.value("window/view")
        return str(value) if value else None

    @view.setter
    def view(self, value: str) -> None:
        self.q.setValue("window/view", value)

    @property
    def last_plan(self) -> str | None:
        value = self.q.value("library/last_plan")
        return str(value) if value else None

    @last_plan.setter
    def last_plan(self, value: str | None) -> None:
        self.q.setValue("library/last_plan", value or "")

    @property
    def warn_days(self) -> int:
        """Tasks due within this many days show yellow."""
        try:
            return max(1, int(self.q.value("tracking/warn_days", 7)))
        except (TypeError, ValueError):
            return 7

    @warn_days.setter
    def warn_days(self, value: int) -> None:
        self.q.setValue("tracking/warn_days", int(value))

    @property
    def author(self) -> Author:
        """姓名 and 科室 of the user, written on the history entries they make."""
        return Author(str(self.q.value("user/name", "") or "").strip(), str(self.q.value("user/office", "") or "").strip())

    @author.setter
    def author(self, value: Author) -> None:
        self.q.setValue("user/name", value.name.strip())
        self.q.setValue("user/office", value.office.strip())

    def folder(self, kind: str) -> Path | None:
        """The folder last used for one kind of file (import, export, returned, report)."""
        value = self.q.value(f"{kind}/folder")
        return Path(value) if value and Path(str(value)).is_dir() else None

    def set_folder(self, kind: str, value: Path) -> None:
        self.q.setValue(f"{kind}/folder", str(value))

    @property
    def export_folder(self) -> Path | None:
        return self.folder("export")

    @export_folder.setter
    def export_folder(self, value: Path) -> None:
        self.set_folder("export", value)

    @property
    def path(self) -> Path:
        return Path(self.q.fileName())

    def sync(self) -> None:
        self.q.sync()
