"""The detail panel: every field of the selected node, each edit one undoable command."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from models.domain import Status
from models.handdown import handed_text, source_text
from models.units import UnitDirectory
from widgets.deadline_editor import DeadlineEditor
from widgets.evidence_list import EvidenceList
from widgets.history_list import HistoryList
from widgets.unit_picker import UnitPicker


class _CommitOnFocusOut(QObject):
    """Calls back when a text box loses focus (an edit is finished)."""

    def __init__(self, callback):
        super().__init__()
        self.callback = callback

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False


class DetailPanel(QScrollArea):
    def __init__(self, editor: Editor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.node_id: str | None = None
        self._directory: UnitDirectory | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.heading = QLabel(body)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.links = QLabel(body)  # hand-down: where the task came from, to whom it went
        self.links.setWordWrap(True)
        self.links.setStyleSheet("color: #555;")
        self.text = QPlainTextEdit(body)
        self.text.setPlaceholderText("指标或任务的完整文字")
        self.lead = UnitPicker(self.directory, parent=body)
        self.responsible = UnitPicker(self.directory, parent=body)
        self.deadline = DeadlineEditor(body)
        self.leader = QLineEdit(body)
        self.remarks = QPlainTextEdit(body)
        self.remarks.setMaximumHeight(60)
        self.tags = QLineEdit(body)
        self.tags.setPlaceholderText("标记符号，如 ★▲")
        self.status = QComboBox(body)
        self.status.addItems([s.value for s in Status])
        self.progress = QPlainTextEdit(body)
        self.progress.setMaximumHeight(80)
        # assessment (目标考核): 分值 and 权重 as typed, 评分标准 as text
        self.points = QLineEdit(body)
        self.points.setPlaceholderText("如 5 或 5分")
        self.weight = QLineEdit(body)
        self.weight.setPlaceholderText("如 10%")
        self.criteria = QPlainTextEdit(body)
        self.criteria.setMaximumHeight(60)
        self.evidence = EvidenceList(editor, parent=body)
        self.history = HistoryList(editor, parent=body)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, widget in [
            ("内容", self.text), ("牵头单位", self.lead), ("责任单位", self.responsible),
            ("完成时限", self.deadline), ("责任领导", self.leader), ("备注", self.remarks),
            ("标记", self.tags), ("状态", self.status), ("进展情况", self.progress),
            ("分值", self.points), ("权重", self.weight), ("评分标准", self.criteria), ("佐证材料", self.evidence),
            ("留痕", self.history),
        ]:
            form.addRow(label, widget)
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.links)
        layout.addLayout(form)
        layout.addStretch(1)

        self._filters = []
        for box, key in [(self.text, "text"), (self.remarks, "remarks"), (self.progress, "progress"),
                         (self.criteria, "criteria")]:
            watcher = _CommitOnFocusOut(lambda b=box, k=key: self._commit(k, b.toPlainText()))
            box.installEventFilter(watcher)
            self._filters.append(watcher)
            shortcut = QShortcut(QKeySequence("Ctrl+Return"), box, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda b=box, k=key: self._commit(k, b.toPlainText()))
        for line, key in [(self.leader, "leader"), (self.points, "points"), (self.weight, "weight")]:
            line.editingFinished.connect(lambda b=line, k=key: self._commit(k, b.text().strip()))
        self.tags.editingFinished.connect(lambda: self._commit("tags", [c for c in self.tags.text() if not c.isspace()]))
        self.status.activated.connect(lambda i: self._commit("status", Status(self.status.itemText(i))))
        self.lead.changed.connect(lambda names: self._commit("lead", names))
        self.responsible.changed.connect(lambda names: self._commit("responsible", names))
        self.deadline.committed.connect(lambda text: self._commit("deadline", text))
        editor.model.dataChanged.connect(self._on_data_changed)
        editor.model.modelReset.connect(lambda: self.show_node(None))
        editor.model.rowsRemoved.connect(self._on_rows_removed)
        editor.units_changed.connect(self._forget_directory)
        self.setEnabled(False)

    # -- the unit directory, built lazily and rebuilt when units change ---

    def directory(self) -> UnitDirectory:
        if self._directory is None:
            self._directory = UnitDirectory(self.editor.store.list_units())
        return self._directory

    def _forget_directory(self) -> None:
        self._directory = None

    # -- showing ----------------------------------------------------------

    def show_node(self, node_id: str | None) -> None:
        self.node_id = node_id if node_id and self.editor.model.node_by_id(node_id) else None
        self.setEnabled(self.node_id is not None and not self.editor.store.read_only)
        self.evidence.show_node(self.node_id)
        self.history.show_node(self.node_id)
        self._refresh()

    def _refresh(self) -> None:
        node = self.editor.model.node_by_id(self.node_id) if self.node_id else None
        links = "\n".join(filter(None, [source_text(node), handed_text(self.editor.model.handed.get(node.id, []))])) \
            if node is not None else ""
        self.links.setText(links)
        self.links.setVisible(bool(links))
        if node is None:
            self.heading.setText("未选择指标")
            for box in (self.text, self.remarks, self.progress, self.criteria):
                box.setPlainText("")
            for line in (self.leader, self.tags, self.points, self.weight):
                line.setText("")
            self.lead.set_units([])
            self.responsible.set_units([])
            self.deadline.set_text("")
            self.status.setCurrentIndex(-1)  # not the last node's status
            return
        model = self.editor.model
        depth = sum(1 for _ in self._ancestors(node.id)) + 1
        self.heading.setText(f"{model.plan.level_name(depth)} {model.number_of(node.id)}")
        for box, value in ((self.text, node.text), (self.remarks, node.remarks), (self.progress, node.progress),
                           (self.criteria, node.criteria)):
            if box.toPlainText() != value:
                box.setPlainText(value)
        self.leader.setText(node.leader)
        self.points.setText(node.points)
        self.weight.setText(node.weight)
        self.tags.setText("".join(node.tags))
        self.status.setCurrentText(node.status.value)
        self.lead.set_units(node.lead)
        self.responsible.set_units(node.responsible)
        self.deadline.set_text(node.deadline)

    def _ancestors(self, node_id: str):
        parent = self.editor.model.parent_of(node_id)
        while parent is not None:
            yield parent
            parent = self.editor.model.parent_of(parent.id)

    def _on_data_changed(self, top_left, bottom_right, roles=()) -> None:
        node = self.editor.model.node(top_left)
        if node is not None and node.id == self.node_id:
            self._refresh()

    def _on_rows_removed(self, *args) -> None:
        if self.node_id and self.editor.model.node_by_id(self.node_id) is None:
            self.show_node(None)

    # -- committing -------------------------------------------------------

    def _commit(self, key: str, value) -> None:
        if self.node_id is None or self.editor.model.node_by_id(self.node_id) is None:
            return
        if key == "text":
            value = value.strip()
        self.editor.set_fields(self.node_id, **{key: value})
