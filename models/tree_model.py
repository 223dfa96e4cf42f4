"""The Qt item model of one plan's indicator tree.

Each index points at a domain :class:`~models.domain.Node`; the model knows
nothing of the view that shows it.  It changes only through the structural
methods below (called by :mod:`editing.commands` after the store has committed),
each of which signals exactly what changed; numbers are derived after every
change and only the cells whose number moved are reported.

Gestures that would change data (inline edits, drops) are not applied here:
they are handed to ``self.editor`` so that they become undoable commands.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from models.domain import FIELD_LABELS, Column, Node, Plan
from models.handdown import handed_text, source_text
from models.numbering import number_plan
from models.tooltips import wrapped_tip

Index = QModelIndex | QPersistentModelIndex
MIME_NODES = "application/x-dutymatrix-nodes"

# (key, header, domain column that must be in use, or None for always shown)
_COLUMNS = [("number", "序号", None), ("text", "指标（任务）", None)] + [
    (column.value, FIELD_LABELS[column.value], column) for column in Column  # the optional columns, in print order
]
EDITABLE = {"text", "leader", "deadline", "remarks"}

_ROOT_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_ITEM_FLAGS = (_ROOT_FLAGS | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemIsDragEnabled)
_EDITABLE_FLAGS = _ITEM_FLAGS | Qt.ItemFlag.ItemIsEditable

NodeIdRole = Qt.ItemDataRole.UserRole + 1

# Roles as plain ints: a view asks every painted cell for seven roles, each a call into data().
_DISPLAY, _EDIT, _TOOLTIP, _ALIGNMENT, _DECORATION, _FOREGROUND = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole))
DECORATED_ROLES = frozenset({_DECORATION, _FOREGROUND, _TOOLTIP})  # the roles ``decorate`` is asked for
_ANSWERED = DECORATED_ROLES | {_DISPLAY, _EDIT, _ALIGNMENT, NodeIdRole}  # any other role: None at once
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


class TreeEditor(Protocol):
    """What the model asks of whoever turns gestures into commands."""

    def set_fields(self, node_id: str, **fields: object) -> None: ...
    def set_many(self, edits: dict[str, dict], text: str | None = None) -> None: ...
    def move_nodes(self, node_ids: list[str], parent_id: str | None, row: int) -> None: ...
    def paste_nodes(self, data: str, parent_id: str | None, row: int) -> list[str]: ...


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.editor: TreeEditor | None = None
        # (node, key, role) -> value for a role of DECORATED_ROLES, e.g. overdue marks
        self.decorate: Callable[[Node, str, int], object] | None = None
        self.handed: dict[str, list[str]] = {}  # node id → the receivers its task was handed down to (分解下达)
        self.set_plan(plan)

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.columns = [(k, h) for k, h, col in _COLUMNS if col is None or plan.uses(col)]
        self._keys = [k for k, _ in self.columns]
        self._parent: dict[str, Node | None] = {}
        self._row: dict[str, int] = {}
        self._nodes: dict[str, Node] = {}
        self._index_children(None, plan.roots)
        self._numbers = number_plan(plan)
        self.endResetModel()

    def _index_children(self, parent: Node | None, children: list[Node], start: int = 0) -> None:
        """Record parent and row of ``children[start:]`` and every node below them."""
        stack = [(parent, children, start)]
        while stack:
            par, nodes, first = stack.pop()
            for row in range(first, len(nodes)):
                node = nodes[row]
                self._parent[node.id] = par
                self._row[node.id] = row
                self._nodes[node.id] = node
                if node.children:
                    stack.append((node, node.children, 0))

    def _forget(self, node: Node) -> None:
        for n, _ in node.walk():
            self._parent.pop(n.id, None)
            self._row.pop(n.id, None)
            self._nodes.pop(n.id, None)

    # -- structure --------------------------------------------------------

    def node(self, index: Index) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def node_count(self) -> int:
        return len(self._nodes)

    def node_by_id(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def parent_of(self, node_id: str) -> Node | None:
        return self._parent.get(node_id)

    def row_of(self, node_id: str) -> int:
        return self._row[node_id]

    def number_of(self, node_id: str) -> str:
        return self._numbers.get(node_id, "")

    def children_of(self, node: Node | None) -> list[Node]:
        return node.children if node is not None else self.plan.roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        # Called tens of thousands of times when a big tree expands: kept lean.
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            siblings = parent.internalPointer().children
        else:
            siblings = self.plan.roots
        if 0 <= row < len(siblings) and 0 <= column < len(self.columns):
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        parent = self._parent.get(node.id) if node is not None else None
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._row[parent.id], 0, parent)

    def index_of(self, node_id: str | None, column: int = 0) -> QModelIndex:
        if node_id is None or node_id not in self._row:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, self._nodes[node_id])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.plan.roots)
        return len(parent.internalPointer().children) if parent.column() == 0 else 0

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        # Asked of every row when the tree expands (Qt's own asks rowCount and columnCount, two calls into Python).
        if not parent.isValid():
            return bool(self.plan.roots)
        return parent.column() == 0 and bool(parent.internalPointer().children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.columns)

    def column_of(self, key: str) -> int:
        return next((i for i, (k, _) in enumerate(self.columns) if k == key), -1)

    def column_key(self, column: int) -> str:
        return self.columns[column][0]

    # -- data -------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.columns):
                return self.columns[section][1]
        return None

    def display_text(self, node: Node, key: str) -> str:
        if key == "number":
            return self._numbers.get(node.id, "")
        if key == "text":
            return node.text + "".join(node.tags)
        if key in ("lead", "responsible"):
            return "、".join(getattr(node, key))
        return getattr(node, key)

    def data(self, index: Index, role: int = _DISPLAY):
        # Called for every role of every painted cell: the answers most asked for come first.
        if role not in _ANSWERED or not index.isValid():
            return None
        node: Node = index.internalPointer()
        key = self._keys[index.column()]
        if role == _DISPLAY:
            return self.display_text(node, key)
        if role == _ALIGNMENT:
            return _CENTRE if key == "deadline" else None
        if role == NodeIdRole:
            return node.id
        if role == _EDIT:
            return getattr(node, key) if key in EDITABLE else self.display_text(node, key)
        if role == _DECORATION and key == "text":
            marks = ("下" if node.id in self.handed else "") + ("承" if node.sources else "")
            return hand_down_mark(marks) if marks else None
        told = self.decorate(node, key, role) if self.decorate is not None else None  # e.g. why 滞后
        if role == _TOOLTIP:  # any cell may be cut at its column's width
            if key == "text":  # and the text says where the task came from and to whom it went
                told = "\n".join(filter(None, [told, self.display_text(node, key), source_text(node),
                                               handed_text(self.handed.get(node.id, []))]))
                return wrapped_tip(told) or None
            return told or wrapped_tip(self.display_text(node, key)) or None
        return told

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _ROOT_FLAGS
        if self.editor is not None and self._keys[index.column()] in EDITABLE:
            return _EDITABLE_FLAGS
        return _ITEM_FLAGS

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        key = self.columns[index.column()][0] if index.isValid() else ""
        if node is None or role != Qt.ItemDataRole.EditRole or key not in EDITABLE or self.editor is None:
            return False
        value = str(value)
        if value != getattr(node, key):
            self.editor.set_fields(node.id, **{key: value})
        return True

    # -- drag and drop ----------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_NODES, "text/plain"]

    def mimeData(self, indexes: Iterable[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self.node(i).id for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(MIME_NODES, json.dumps({"plan": self.plan.id, "nodes": ids}).encode())
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        return self.editor is not None and (data.hasFormat(MIME_NODES) or data.hasText())

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        if self.editor is None:
            return False
        target = self.node(parent)
        parent_id = target.id if target else None
        if row < 0:
            row = len(self.children_of(target))
        if data.hasFormat(MIME_NODES):
            payload = json.loads(bytes(data.data(MIME_NODES).data()).decode())
            if payload.get("plan") == self.plan.id and action == Qt.DropAction.MoveAction:
                self.editor.move_nodes(payload["nodes"], parent_id, row)
                return False  # the move is done; the view must not remove the source rows
        if data.hasText():
            self.editor.paste_nodes(data.text(), parent_id, row)
            return False
        return False

    # -- changes (called after the store has committed) -------------------

    def insert_nodes(self, parent_id: str | None, row: int, nodes: list[Node]) -> None:
        parent = self._nodes[parent_id] if parent_id else None
        siblings = self.children_of(parent)
        self.beginInsertRows(self.index_of(parent_id), row, row + len(nodes) - 1)
        siblings[row:row] = nodes
        self._index_children(parent, siblings, row)
        self.endInsertRows()
        self._renumber()

    def remove_node(self, node_id: str) -> Node:
        node = self._nodes[node_id]
        parent = self._parent[node_id]
        row = self._row[node_id]
        self.beginRemoveRows(self.index_of(parent.id if parent else None), row, row)
        siblings = self.children_of(parent)
        del siblings[row]
        self._forget(node)
        for r in range(row, len(siblings)):
            self._row[siblings[r].id] = r
        self.endRemoveRows()
        self._renumber()
        return node

    def move_node(self, node_id: str, parent_id: str | None, row: int) -> None:
        """Move to ``row`` among the new siblings counted without the node itself."""
        node = self._nodes[node_id]
        old_parent = self._parent[node_id]
        old_row = self._row[node_id]
        new_parent = self._nodes[parent_id] if parent_id else None
        same = old_parent is new_parent
        if same and row == old_row:
            return
        destination = row + 1 if same and row > old_row else row
        source_index = self.index_of(old_parent.id if old_parent else None)
        if not self.beginMoveRows(source_index, old_row, old_row, self.index_of(parent_id), destination):
            raise ValueError(f"cannot move {node_id} into its own subtree")
        old_siblings = self.children_of(old_parent)
        del old_siblings[old_row]
        new_siblings = self.children_of(new_parent)
        new_siblings.insert(row, node)
        self._parent[node_id] = new_parent
        for r, sibling in enumerate(new_siblings):
            self._row[sibling.id] = r
        for r, sibling in enumerate(old_siblings):
            self._row[sibling.id] = r
        self.endMoveRows()
        self._renumber()

    def set_fields(self, node_id: str, **fields: object) -> None:
        node = self._nodes[node_id]
        for key, value in fields.items():
            setattr(node, key, list(value) if isinstance(value, list) else value)
        row = self._row[node_id]
        self.dataChanged.emit(self.createIndex(row, 0, node), self.createIndex(row, len(self.columns) - 1, node))

    def connect_changes(self, slot) -> None:
        """Call ``slot`` on any change of the tree: a new plan, rows added, removed or moved, cells edited."""
        for change in (self.modelReset, self.rowsInserted, self.rowsRemoved, self.rowsMoved, self.dataChanged):
            change.connect(slot)

    def refresh_all(self) -> None:
        """Every cell may have changed (e.g. a unit renamed everywhere); structure has not."""
        for node_id, node in self._nodes.items():
            row = self._row[node_id]
            self.dataChanged.emit(self.createIndex(row, 0, node), self.createIndex(row, len(self.columns) - 1, node))

    def _renumber(self) -> None:
        old = self._numbers
        self._numbers = number_plan(self.plan)
        changed: dict[str | None, list[int]] = {}
        for node_id, number in self._numbers.items():
            if old.get(node_id) != number:
                parent = self._parent[node_id]
                changed.setdefault(parent.id if parent else None, []).append(self._row[node_id])
        for parent_id, rows in changed.items():
            parent_index = self.index_of(parent_id)
            self.dataChanged.emit(self.index(min(rows), 0, parent_index), self.index(max(rows), 0, parent_index))

    def node_ids_in_order(self) -> list[str]:
        return [n.id for n, _ in self.plan.walk()]


_MARK_COLOURS = {"下": "#1565c0", "承": "#2e7d32"}  # handed down to others; received from a source
_MARK_ICONS: dict[str, QIcon] = {}


def hand_down_mark(marks: str) -> QIcon:
    """The small boxed 下 (handed down) and/or 承 (received from a source) beside a task's text."""
    if marks not in _MARK_ICONS:
        size = 14
        pixmap = QPixmap(size * len(marks) + len(marks) - 1, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(11)
        painter.setFont(font)
        for i, mark in enumerate(marks):
            box = QRect(i * (size + 1), 0, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(_MARK_COLOURS[mark]))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)
        painter.end()
        _MARK_ICONS[marks] = QIcon(pixmap)
    return _MARK_ICONS[marks]
