"""Qt item models of the unit directory: one row per unit, with its usage counts.

:class:`UnitTableModel` shows what :meth:`Store.unit_usage` returns.  Edits
typed into its cells are not applied here: they are handed to ``editor``
(a :class:`~editing.plan_editor.PlanEditor`) so that they become undoable commands;
the table follows the store when :meth:`UnitTableModel.reload` is called
after the command.  :class:`UnitFilterProxy` adds the search box's filter
and a sort that orders Chinese names by pinyin.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal,
)
from pypinyin import lazy_pinyin

from models.domain import Unit, UnitKind
from models.store import UnitUsage
from models.units import normalise_name, pinyin_initials

Index = QModelIndex | QPersistentModelIndex

# (key, header, tooltip)
COLUMNS = [
    ("order", "序", "目录中的排列顺序（用“上移”“下移”调整）"),
    ("name", "名称", "单位全称；修改后所有清单中的该单位一并改名"),
    ("short_name", "简称", ""),
    ("aliases", "别名", "其他写法，用逗号或顿号分隔；导入和输入时按别名也能找到该单位"),
    ("kind", "类别", ""),
    ("as_lead", "牵头", "在所有清单中作为牵头单位的次数"),
    ("as_responsible", "责任", "在所有清单中作为责任单位的次数"),
]
COLUMN = {key: i for i, (key, _, _) in enumerate(COLUMNS)}
EDITABLE = {"name", "short_name", "aliases", "kind"}
KINDS = list(UnitKind)

UnitIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_ALIAS_SEPARATORS = re.compile(r"[,，、;；\n]+")


def parse_aliases(text: str, name: str = "") -> list[str]:
    """Aliases typed as one line (``市住建局、住建局, 住建``): canonical, unique, not the name itself."""
    out: list[str] = []
    own = normalise_name(name)
    for part in _ALIAS_SEPARATORS.split(text):
        alias = normalise_name(part)
        if alias and alias != own and alias not in out:
            out.append(alias)
    return out


def format_aliases(aliases: list[str]) -> str:
    return "、".join(aliases)


class UnitEditor(Protocol):
    """What the table asks of whoever turns cell edits into commands."""

    def rename_unit(self, unit_id: str, name: str) -> None: ...
    def update_unit(self, unit: Unit) -> None: ...


class UnitTableModel(QAbstractTableModel):
    problem = Signal(str)  # an edit that was refused, for the user

    def __init__(self, rows: list[UnitUsage] | None = None, parent=None):
        super().__init__(parent)
        self.editor: UnitEditor | None = None
        self.rows: list[UnitUsage] = list(rows or [])

    # -- reading ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return COLUMNS[section][2] or None
        return None

    def unit_at(self, row: int) -> Unit:
        return self.rows[row].unit

    def row_of(self, unit_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.unit.id == unit_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        usage = self.rows[index.row()]
        unit = usage.unit
        key = COLUMNS[index.column()][0]
        if role == UnitIdRole:
            return unit.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {
                "order": index.row() + 1,
                "name": unit.name,
                "short_name": unit.short_name,
                "aliases": format_aliases(unit.aliases),
                "kind": unit.kind.value,
                "as_lead": usage.as_lead,
                "as_responsible": usage.as_responsible,
            }[key]
        if role == SortRole:
            if key in ("name", "short_name", "aliases"):
                text = self.data(index)
                return (" ".join(lazy_pinyin(text)) + " " + text) if text else "\uffff"  # blanks last
            if key == "kind":
                return KINDS.index(unit.kind)
            return self.data(index)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("name", "aliases") and self.data(index):
            return self.data(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("order", "as_lead", "as_responsible"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.editor is not None and COLUMNS[index.column()][0] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- edits become commands ----------------------------------------------

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.editor is None:
            return False
        unit = self.rows[index.row()].unit
        key = COLUMNS[index.column()][0]
        text = "" if value is None else str(value)
        if key == "name":
            name = normalise_name(text)
            if not name:
                self.problem.emit("单位名称不能为空。")
                return False
            if name == unit.name:
                return False
            clash = next((r.unit for r in self.rows if r.unit.name == name and r.unit.id != unit.id), None)
            if clash is not None:
                self.problem.emit(f"已有名为“{name}”的单位。两者是同一单位的话，请选中“{unit.name}”后点“合并到…”。")
                return False
            self.editor.rename_unit(unit.id, name)
            return True
        if key in ("short_name", "aliases"):
            values = [normalise_name(text)] if key == "short_name" else parse_aliases(text, unit.name)
            others = {r.unit.name for r in self.rows if r.unit.id != unit.id}
            taken = [v for v in values if v in others]
            if taken:
                self.problem.emit(f"“{taken[0]}”是另一个单位的名称，不能作为“{unit.name}”的简称或别名。"
                                  "两者是同一单位的话，请用“合并到…”。")
                return False
            changed = replace(unit, **{key: values[0] if key == "short_name" else values})  # type: ignore[arg-type]
        elif key == "kind":
            try:
                changed = replace(unit, kind=UnitKind(text))
            except ValueError:
                return False
        else:
            return False
        if changed == unit:
            return False
        self.editor.update_unit(changed)
        return True

    # -- following the store ------------------------------------------------

    def reload(self, rows: list[UnitUsage]) -> None:
        """Show ``rows``; signals only a data change when the same units stay in the same order.

        A reset is used only when units come or go (merge and its undo), never
        for an edit of a cell, so that an open cell editor is not pulled away.
        """
        old_ids = [r.unit.id for r in self.rows]
        new_ids = [r.unit.id for r in rows]
        if old_ids == new_ids:
            self.rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        elif sorted(old_ids) == sorted(new_ids):
            self.layoutAboutToBeChanged.emit()
            where = {unit_id: row for row, unit_id in enumerate(new_ids)}
            old_persistent = self.persistentIndexList()
            self.rows = list(rows)
            self.changePersistentIndexList(
                old_persistent,
                [self.index(where[old_ids[i.row()]], i.column()) for i in old_persistent],
            )
            self.layoutChanged.emit()
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self.rows = list(rows)
            self.endResetModel()


class UnitFilterProxy(QSortFilterProxyModel):
    """The search box's filter (name, short name, aliases, kind, pinyin initials) and pinyin sorting."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        needle = normalise_name(text).lower()
        if needle == self._needle:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        if not isinstance(model, UnitTableModel):
            return True
        unit = model.unit_at(source_row)
        names = [unit.name, unit.short_name, *unit.aliases]
        if any(self._needle in normalise_name(n).lower() for n in names if n) or self._needle in unit.kind.value:
            return True
        if self._needle.isascii() and self._needle.isalnum():
            return any(self._needle in pinyin_initials(n) for n in names if n)
        return False
