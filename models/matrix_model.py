"""The unit × task responsibility matrix as a Qt table model.

Rows are the nodes of the open plan in tree order (indicators as group rows,
tasks editable); columns are units, grouped by kind in directory order.  A
cell shows 牵 (lead), 责 (responsible) or nothing.  The model reads the tree
model's plan and follows its signals; changes go to the editor as commands.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.domain import Node, Unit, UnitKind
from models.tracking import DeadlineState, Flag, Signal, TrackingContext
from models.tree_model import PlanTreeModel

LEAD, RESPONSIBLE, NONE = "牵", "责", ""
CYCLE = {NONE: LEAD, LEAD: RESPONSIBLE, RESPONSIBLE: NONE}
_KIND_ORDER = {kind: i for i, kind in enumerate(UnitKind)}
_LEAD_BG = QColor("#ffe0b2")
_RESP_BG = QColor("#dcedc8")
_GROUP_BG = QColor("#eceff1")
_SIGNAL_COLOURS = {s: QColor(s.value) for s in Signal}
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_HANDLED = {_DISPLAY, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole}
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_BRUSHES = {LEAD: QBrush(_LEAD_BG), RESPONSIBLE: QBrush(_RESP_BG), NONE: None}
_GROUP_BRUSH = QBrush(_GROUP_BG)
_TASK_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class MatrixModel(QAbstractTableModel):
    def __init__(self, tree: PlanTreeModel, units: Callable[[], list[Unit]], tracking: TrackingContext | None = None,
                 parent=None):
        super().__init__(parent)
        self.tree = tree
        self.units_source = units
        self.tracking = tracking or TrackingContext()
        self.show_all_units = False
        self.unit_filter = ""
        self.sort_by = "directory"  # "directory" | "name" | "load"
        self._rows: list[Node] = []
        self._units: list[Unit] = []
        self._counts: dict[str, tuple[int, ...]] = {}
        # A view that cannot be seen sets ``live`` off (set_live): the tree's changes then mark the
        # matrix stale, and it is built again when it is next asked for anything.
        self.live = True
        self._stale = False
        self.rebuild()
        for change in (tree.modelReset, tree.rowsInserted, tree.rowsRemoved, tree.rowsMoved):
            change.connect(self.invalidate)
        tree.dataChanged.connect(self._tree_data_changed)

    @property
    def rows(self) -> list[Node]:
        self._fresh()
        return self._rows

    @property
    def units(self) -> list[Unit]:
        self._fresh()
        return self._units

    def set_live(self, live: bool) -> None:
        self.live = live
        if live:
            self._fresh()

    def invalidate(self, *args) -> None:
        """The plan or the unit directory changed: build again now, or when next needed."""
        if self.live:
            self.rebuild()
        else:
            self._stale = True

    def _fresh(self) -> None:
        if self._stale:
            self._stale = False
            self.rebuild()

    # -- shape ------------------------------------------------------------

    def rebuild(self, *args) -> None:
        self.beginResetModel()
        self._stale = False
        self._rows = [n for n, _ in self.tree.plan.walk()]
        self._row_of = {n.id: i for i, n in enumerate(self._rows)}
        used = {u for n in self._rows for u in n.lead + n.responsible}
        units = [u for u in self.units_source() if self.show_all_units or u.name in used]
        if self.unit_filter:
            units = [u for u in units if self.unit_filter in u.name or any(self.unit_filter in a for a in u.aliases)]
        self._count_all(units)
        if self.sort_by == "name":
            units.sort(key=lambda u: u.name)
        elif self.sort_by == "load":
            units.sort(key=lambda u: (-sum(self._counts[u.name][:2]), u.sort_key))
        else:
            units.sort(key=lambda u: (_KIND_ORDER[u.kind], u.sort_key, u.name))
        self._units = units
        self.endResetModel()

    def _count_all(self, units: Iterable[Unit]) -> None:
        """Per unit: tasks led, shared, overdue, 滞后 and 停滞 (computed flags of the tracking context)."""
        counts = {u.name: [0, 0, 0, 0, 0] for u in units}
        state = self.tracking.classifier()
        for node in self._rows:
            if node.children:
                continue
            late = state(node) is DeadlineState.OVERDUE
            flags = {f.flag for f in self.tracking.flags_of(node.id)}
            extra = (late, Flag.LAGGING in flags, Flag.STALE in flags)
            for name in dict.fromkeys(node.lead + node.responsible):
                if name in counts:
                    counts[name][0 if name in node.lead else 1] += 1
                    for i, yes in enumerate(extra, 2):
                        counts[name][i] += yes
        self._counts = {k: tuple(v) for k, v in counts.items()}

    def set_options(self, show_all_units: bool | None = None, unit_filter: str | None = None,
                    sort_by: str | None = None) -> None:
        if show_all_units is not None:
            self.show_all_units = show_all_units
        if unit_filter is not None:
            self.unit_filter = unit_filter.strip()
        if sort_by is not None:
            self.sort_by = sort_by
        self.rebuild()

    def recount(self) -> None:
        """The computed flags (滞后/停滞) changed: the header counts again."""
        if self._stale or not self._units:
            return
        self._count_all(self._units)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._units) - 1)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, len(self._rows) - 1))

    def _tree_data_changed(self, top_left, bottom_right, roles=()) -> None:
        node = self.tree.node(top_left)
        if self._stale or node is None or node.id not in self._row_of:
            return
        if any(u not in self._counts for u in node.lead + node.responsible):
            self.rebuild()  # a unit new to this plan gets its column
            return
        self._count_all(self._units)
        row = self._row_of[node.id]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._units) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._units) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    # -- cells ------------------------------------------------------------

    def role_of(self, node: Node, unit: str) -> str:
        if unit in node.lead:
            return LEAD
        if unit in node.responsible:
            return RESPONSIBLE
        return NONE

    def data(self, index: Index, role: int = _DISPLAY):
        # Called for every visible cell and role on each repaint: kept lean.
        if role not in _HANDLED or not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        node = self._rows[index.row()]
        unit = self._units[index.column()].name
        if role == _DISPLAY:
            return self.role_of(node, unit)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _GROUP_BRUSH if node.children else _BRUSHES[self.role_of(node, unit)]
        if role == Qt.ItemDataRole.ToolTipRole:
            value = self.role_of(node, unit)
            label = {LEAD: "牵头", RESPONSIBLE: "责任", NONE: "无"}[value]
            return f"{self.tree.number_of(node.id)}{node.text[:40]}\n{unit}：{label}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if self._rows[index.row()].children else _TASK_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.units):
                return None
            unit = self.units[section]
            lead, resp, late, lagging, stale = self._counts.get(unit.name, (0, 0, 0, 0, 0))
            if role == Qt.ItemDataRole.DisplayRole:
                return unit.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{unit.name}（{unit.kind.value}）\n牵 {lead}：牵头的任务 {lead} 项\n"
                        f"责 {resp}：参与（不牵头）的任务 {resp} 项\n逾 {late}：其中已逾期 {late} 项"
                        + (f"\n滞 {lagging}：其中进度滞后 {lagging} 项" if lagging else "")
                        + (f"\n停 {stale}：其中进展停滞 {stale} 项" if stale else "")
                        + self._flag_reasons(unit.name))
            if role == Qt.ItemDataRole.UserRole:
                return (f"牵{lead} 责{resp}" + (f" 逾{late}" if late else "") + (f" 滞{lagging}" if lagging else "")
                        + (f" 停{stale}" if stale else ""))
            return None
        if not 0 <= section < len(self.rows):
            return None
        node = self.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{self.tree.number_of(node.id)}{node.text}"
            # the count first, so that a long text is cut, never the count
            return text if node.children else f"〔{len(set(node.lead + node.responsible))}〕{text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{self.tree.number_of(node.id)}{node.text}"
            if node.children:
                return text
            reasons = self.tracking.flag_reasons(node.id)
            return (f"{text}\n〔{len(set(node.lead + node.responsible))}〕：承担这项任务的单位数（牵头和参与）"
                    + (f"\n{reasons}" if reasons else ""))
        if role == Qt.ItemDataRole.FontRole and node.children:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and not node.children:
            return _SIGNAL_COLOURS[self.tracking.signal(node)]  # the mark the tree shows
        return None

    def _flag_reasons(self, unit: str, shown: int = 8) -> str:
        """The unit's first flagged tasks, each with its number and reasons (the rest counted)."""
        flagged = [n for n in self._rows
                   if not n.children and unit in n.lead + n.responsible and self.tracking.flags_of(n.id)]
        lines = [f"{self.tree.number_of(n.id)} {self.tracking.flag_reasons(n.id)}" for n in flagged[:shown]]
        if len(flagged) > shown:
            lines.append(f"……另有 {len(flagged) - shown} 项")
        return "\n" + "\n".join(lines) if lines else ""

    # -- edits (as commands through the tree's editor) -------------------

    def assignment(self, node: Node | _Pending, unit: str, value: str) -> dict:
        lead = [u for u in node.lead if u != unit]
        responsible = [u for u in node.responsible if u != unit]
        if value == LEAD:
            lead.append(unit)
        elif value == RESPONSIBLE:
            responsible.append(unit)
        return {"lead": lead, "responsible": responsible}

    def set_cells(self, indexes: Iterable[Index], value: str) -> None:
        """Set many cells to 牵, 责 or nothing in one undoable command."""
        edits: dict[str, dict] = {}
        for index in indexes:
            node = self.rows[index.row()]
            if node.children or self.tree.editor is None:
                continue
            base = node if node.id not in edits else _Pending(edits[node.id])
            edits[node.id] = self.assignment(base, self.units[index.column()].name, value)
        if edits and self.tree.editor is not None:
            label = {LEAD: "设为牵头", RESPONSIBLE: "设为责任", NONE: "清除分工"}[value]
            self.tree.editor.set_many(edits, f"矩阵：{label}（{len(edits)} 项）" if len(edits) > 1 else f"矩阵：{label}")

    def cycle(self, index: Index) -> None:
        node = self.rows[index.row()]
        self.set_cells([index], CYCLE[self.role_of(node, self.units[index.column()].name)])

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or value not in (LEAD, RESPONSIBLE, NONE):
            return False
        self.set_cells([index], value)
        return True

    def column_of_unit(self, name: str) -> int:
        return next((i for i, u in enumerate(self.units) if u.name == name), -1)

    def row_of(self, node_id: str) -> int:
        self._fresh()
        return self._row_of.get(node_id, -1)


class _Pending:
    """A node's units as already changed earlier in the same bulk edit."""

    def __init__(self, fields: dict):
        self.lead, self.responsible = fields["lead"], fields["responsible"]
