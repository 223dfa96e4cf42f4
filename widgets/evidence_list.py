"""A task's evidence files (佐证材料) in the detail panel: the list with each file's state and the
progress entry it belongs to, an 添加… button and drag and drop of files from the desktop or a
file manager.  New files go to what 附于 names: the task itself or one of its progress entries
(the latest by default); a file dropped on a file of the list goes where that file is."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from models.evidence import EvidenceState, check
from models.tracking import TEXT_COLOURS, Signal

_ENTRY = Qt.ItemDataRole.UserRole + 1  # a list item's progress entry id (None: the task's own file)
_STATE_COLOURS = {EvidenceState.MISSING: TEXT_COLOURS[Signal.RED], EvidenceState.CHANGED: TEXT_COLOURS[Signal.YELLOW]}


def entry_label(entry) -> str:
    """A progress entry (models.store.ProgressEntry) in a few words: round, unit, text."""
    when = entry.round or (entry.reported_on or "")[:10] or "进展"
    text = " ".join(entry.text.split())
    return f"{when}{' · ' + entry.unit if entry.unit else ''}：{text[:14]}{'…' if len(text) > 14 else ''}"


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


class EvidenceList(QWidget):
    def __init__(self, editor: Editor, today: Callable[[], date] = date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor, self.today = editor, today
        self.node_id: str | None = None
        self.list = QListWidget(self)
        self.list.setMaximumHeight(90)
        self.list.setToolTip("拖入文件即可添加；双击打开")
        self.add_button = QPushButton("添加…", self)
        self.target = QComboBox(self)  # where new files go: the task, or one of its progress entries
        self.target.setToolTip("新添加或拖入的文件附于此项")
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(6)  # the panel is narrow: the list shows the whole name
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("附于", self))
        buttons.addWidget(self.target, 1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)
        self.list.setAcceptDrops(False)  # the whole widget takes the drop
        self.add_button.clicked.connect(self.ask)
        self.list.itemDoubleClicked.connect(self._open)
        editor.evidence_changed.connect(self._changed)

    def _changed(self, node_id: str) -> None:
        if node_id == self.node_id:
            self.refresh()

    def show_node(self, node_id: str | None) -> None:
        self.node_id = node_id
        if self.isVisible():  # the store is read only while the list can be seen (not after the window closed)
            self.refresh()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.list.clear()
        same_task = self.target.property("node") == self.node_id
        chosen = self.target.currentData() if same_task and self.target.count() else ""
        self.target.clear()
        self.target.setProperty("node", self.node_id)
        if self.node_id is None:
            return
        entries = self.editor.store.progress_history(self.node_id)
        labels = {e.id: entry_label(e) for e in entries}
        self.target.addItem("本任务", None)
        for entry in reversed(entries):  # the latest first
            self.target.addItem(labels[entry.id], entry.id)
        index = self.target.findData(chosen) if chosen != "" else -1
        self.target.setCurrentIndex(index if index >= 0 else min(1, self.target.count() - 1))
        folder = self.editor.store.evidence_dir
        for evidence in self.editor.store.evidence_for(self.node_id):
            state = check(folder, evidence)
            text = f"{evidence.name}（{_size(evidence.size)}）"  # the state first: the panel is narrow
            where = labels.get(evidence.entry_id or "")
            if where:
                text = f"{text}　［{where.split('：')[0]}］"
            item = QListWidgetItem(text if state is EvidenceState.OK else f"【{state.value}】{text}")
            item.setData(Qt.ItemDataRole.UserRole, str(folder / evidence.path))
            item.setData(_ENTRY, evidence.entry_id if where else None)
            item.setToolTip(f"{folder / evidence.path}\n附于{'进展 ' + where if where else '本任务'}\n"
                            f"添加于 {evidence.added_on}，SHA-256 {evidence.sha256}")
            if state in _STATE_COLOURS:
                item.setForeground(QColor(_STATE_COLOURS[state]))
            self.list.addItem(item)

    def attach(self, paths: list[Path]) -> None:
        """Attach files to what 附于 names."""
        self.attach_to(paths, self.target.currentData())

    def attach_to(self, paths: list[Path], entry_id: str | None) -> None:
        """Attach files to a progress entry of the task (None: the task itself)."""
        if self.node_id is None:
            return
        for path in paths:
            self.editor.attach_evidence(self.node_id, path, self.today().isoformat(), entry_id)

    def ask(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, "添加佐证材料")
        self.attach([Path(p) for p in chosen])

    def _open(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole)))

    # -- drag and drop ------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if self.node_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            on = self.list.itemAt(self.list.mapFrom(self, event.position().toPoint()))
            if on is None:
                self.attach(paths)
            else:
                self.attach_to(paths, on.data(_ENTRY))
