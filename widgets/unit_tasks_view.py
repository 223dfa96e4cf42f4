"""The per-department view (分解表): every task a unit leads or shares."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from models.domain import Node, Plan
from widgets.colour_dot import colour_dot
from models.scoring import figure, plan_scores
from models.tracking import TrackingContext

_COLUMNS = ["序号", "任务", "角色", "完成时限", "状态", "滞后/停滞", "进展情况"]
FLAGS = 5  # computed 滞后/停滞, the reasons in its tooltip


def unit_tasks(plan: Plan, unit: str) -> list[tuple[Node, str]]:
    """(task, 牵头 or 责任) for every task where the unit leads or shares responsibility."""
    out = []
    for node, _ in plan.walk():
        if node.children:
            continue
        if unit in node.lead:
            out.append((node, "牵头"))
        elif unit in node.responsible:
            out.append((node, "责任"))
    return out


class UnitTasksView(QWidget):
    node_activated = Signal(str)
    print_requested = Signal(str)  # unit name
    export_requested = Signal(str)  # unit name: its 分解表 as Excel

    def __init__(self, editor: Editor, tracking: TrackingContext | None = None, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.tracking = tracking or TrackingContext()
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.setMinimumWidth(260)
        self.unit.currentTextChanged.connect(self.refresh)
        self.summary = QLabel(self)
        self.table = QTreeWidget(self)
        self.table.setObjectName("unitTasks")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(_COLUMNS)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 560)
        self.table.setColumnWidth(2, 60)
        self.table.setColumnWidth(3, 140)
        self.table.itemDoubleClicked.connect(
            lambda item, col: self.node_activated.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.bar = QHBoxLayout()
        self.bar.addWidget(QLabel("单位：", self))
        self.bar.addWidget(self.unit)
        self.bar.addStretch(1)
        self.bar.addWidget(self.summary)
        for text, request in (("打印预览…", self.print_requested), ("导出分解表…", self.export_requested)):
            button = QToolButton(self)
            button.setText(text)
            button.clicked.connect(lambda checked=False, r=request: self.unit.currentText() and r.emit(
                self.unit.currentText()))
            self.bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.table)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.reload_units)
        editor.model.connect_changes(self._schedule)
        editor.scores_changed.connect(self._schedule)
        editor.rounds_changed.connect(self._schedule)  # an ended round counts for 停滞
        self.reload_units()

    def _schedule(self, *args) -> None:
        self._stale = True  # hidden, the units are read again when shown or asked for (current_unit)
        if self.isVisible():
            self._pending.start()

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload_units()  # and the table with them
        else:
            self.refresh()  # the table is filled only while it can be seen
        super().showEvent(event)

    def current_unit(self) -> str:
        if self._stale:
            self.reload_units()
        return self.unit.currentText()

    def reload_units(self) -> None:
        self._stale = False
        plan = self.editor.model.plan
        names = list(dict.fromkeys(u for n, _ in plan.walk() for u in n.lead + n.responsible))
        current = self.unit.currentText()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItems(names)
        self.unit.setCurrentText(current if current in names else (names[0] if names else ""))
        self.unit.blockSignals(False)
        if self.isVisible():
            self.refresh()

    def refresh(self, *args) -> None:
        model = self.editor.model
        unit = self.unit.currentText()
        self.table.clear()
        rows = unit_tasks(model.plan, unit)
        tracking = self.tracking
        for node, role in rows:
            item = QTreeWidgetItem([model.number_of(node.id), node.text, role, node.deadline, node.status.value,
                                    tracking.flag_words(node.id), node.progress])
            item.setData(0, Qt.ItemDataRole.UserRole, node.id)
            item.setData(0, Qt.ItemDataRole.DecorationRole, colour_dot(tracking.signal(node).value))
            reasons = tracking.flag_reasons(node.id)
            item.setToolTip(1, "\n".join(t for t in (node.text, reasons) if t))
            item.setToolTip(FLAGS, reasons)
            self.table.addTopLevelItem(item)
        lead = sum(1 for _, r in rows if r == "牵头")
        flagged = "".join(f"，{flag.value} {n}" for flag, n in tracking.flag_counts(n.id for n, _ in rows).items() if n)
        self.summary.setText(f"牵头 {lead} 项，责任 {len(rows) - lead} 项{flagged}{self._score_text(unit)}")

    def _score_text(self, unit: str) -> str:
        """The unit's assessment score today under the plan's rules (工具 › 考核得分 explains it)."""
        try:
            scores = plan_scores(self.editor.store, self.editor.model.plan, self.tracking.today())
        except ValueError:  # rules the dialog would have to fix
            return ""
        score = next((s for s in scores if s.unit == unit), None)
        return f"，考核得分 {figure(score.total)}" if score is not None else ""
