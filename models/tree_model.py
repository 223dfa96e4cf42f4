"""The Qt item model of one plan's indicator tree.

Each index points at a domain :class:`~models.domain.Node`; the model knows
nothing of the view that shows it.  Numbers are derived on every change
(see :mod:`models.numbering`), never stored.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain import Column, Node, Plan
from models.numbering import number_plan

Index = QModelIndex | QPersistentModelIndex

# (key, header, domain column that must be in use or None for always shown)
_COLUMNS = [
    ("number", "序号", None),
    ("text", "指标（任务）", None),
    ("lead", "牵头单位", Column.LEAD),
    ("responsible", "责任单位", Column.RESPONSIBLE),
    ("leader", "责任领导", Column.LEADER),
    ("deadline", "完成时限", Column.DEADLINE),
    ("remarks", "备注", Column.REMARKS),
]

NodeRole = Qt.ItemDataRole.UserRole + 1


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.set_plan(plan)

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.columns = [(k, h) for k, h, col in _COLUMNS if col is None or plan.uses(col)]
        self._parent: dict[str, Node | None] = {}
        self._row: dict[str, int] = {}
        self._reindex(plan.roots, None)
        self._numbers = number_plan(plan)
        self.endResetModel()

    def _reindex(self, siblings: list[Node], parent: Node | None) -> None:
        stack = [(siblings, parent)]
        while stack:
            nodes, par = stack.pop()
            for row, node in enumerate(nodes):
                self._parent[node.id] = par
                self._row[node.id] = row
                if node.children:
                    stack.append((node.children, node))

    # -- structure --------------------------------------------------------

    def node(self, index: Index) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def _children(self, node: Node | None) -> list[Node]:
        return node.children if node is not None else self.plan.roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        siblings = self._children(self.node(parent))
        if 0 <= row < len(siblings) and 0 <= column < len(self.columns):
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        parent = self._parent.get(node.id) if node is not None else None
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._row[parent.id], 0, parent)

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        if node_id not in self._row:
            return QModelIndex()
        parent = self._parent[node_id]
        node = self._children(parent)[self._row[node_id]]
        return self.createIndex(self._row[node_id], column, node)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(self.node(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.columns)

    # -- data -------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.columns):
                return self.columns[section][1]
        return None

    def column_key(self, column: int) -> str:
        return self.columns[column][0]

    def display_text(self, node: Node, key: str) -> str:
        if key == "number":
            return self._numbers.get(node.id, "")
        if key == "text":
            return node.text + "".join(node.tags)
        if key in ("lead", "responsible"):
            return "、".join(getattr(node, key))
        return getattr(node, key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        key = self.columns[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.display_text(node, key)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 12 else None
            return text
        if role == NodeRole:
            return node.id
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "deadline":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
