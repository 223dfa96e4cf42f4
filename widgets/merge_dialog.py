"""The review of returned files (合并回收表格): check what to accept.

A standalone dialog over a :class:`models.store.Store`: it reads the files
(:mod:`importers.returned_sheets`; a department's pack, .zip, with its evidence files:
:mod:`importers.returned_pack`), shows the review of
:mod:`models.merge_review` as a checkable list, and applies the checked
changes as one transaction.  Changes that conflict with another start
unchecked, and checking one unchecks the rest of its group.  Rejecting
closes the dialog and changes nothing.  After accepting, :attr:`applied`
holds the :class:`AppliedMerge` (with its ``undo``), also sent by
:attr:`merged`; the files something was accepted from are kept in returned/ beside the store.
"""
from __future__ import annotations

import html
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from importers.returned_pack import read_returned_any
from importers.returned_sheets import ReturnedFileError
from models.merge_review import (
    AppliedMerge,
    Change,
    MergeError,
    Review,
    apply_changes,
    review_for_store,
)
from models.errors import Cancelled
from models.returned_copies import keep_returned
from models.store import Store, StoreError
from models.tooltips import wrapped_tip
from widgets.background import run_task
from widgets.file_dialogs import open_files

_COLUMNS = ["类型", "任务", "原内容", "新内容", "来源"]
_CONFLICT = QColor("#fff0e0")


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= limit else text[:limit] + "…"


class MergeDialog(QDialog):
    merged = Signal(object)  # AppliedMerge

    def __init__(self, store: Store, paths: list[Path] | None = None, plan_id: str | None = None, parent=None,
                 apply=None):
        super().__init__(parent)
        self.store = store
        # How accepted changes are applied; the main window passes its editor's undoable command.
        self.apply = apply or (lambda plan, changes: apply_changes(self.store, plan, changes))
        self.plan_id = plan_id
        self.paths: list[Path] = []
        self.review: Review | None = None
        self.files: list = []  # the ReturnedFile of each path, once read
        self.applied: AppliedMerge | None = None
        self._items: dict[int, QTreeWidgetItem] = {}
        self._changes: dict[int, Change] = {}
        self._updating = False
        self.setWindowTitle("合并回收的表格")
        self.resize(1280, 760)

        self.plan_label = QLabel("请添加回收的 Excel 文件（分解表或附件）或部门报送包（.zip）。", self)
        add = QPushButton("添加文件…", self)
        add.clicked.connect(self.choose_files)
        top = QHBoxLayout()
        top.addWidget(self.plan_label, 1)
        top.addWidget(add)

        self.error = QLabel(self)
        self.error.setObjectName("mergeError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        self.notices = QListWidget(self)
        self.notices.setObjectName("mergeNotices")
        self.notices.setMaximumHeight(110)
        self.notices.hide()

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("mergeChanges")
        self.tree.setColumnCount(len(_COLUMNS))
        self.tree.setHeaderLabels(_COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((200, 240, 260, 340, 180)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemChanged.connect(self._item_changed)
        self.detail = QTextBrowser(self)  # the change in full: the columns cut long texts
        self.detail.setObjectName("mergeDetail")
        self.detail.setPlaceholderText("选中一项修改，在这里查看原内容和新内容的全文。")
        self.tree.currentItemChanged.connect(self._show_detail)
        panes = QSplitter(Qt.Orientation.Vertical, self)
        panes.addWidget(self.tree)
        panes.addWidget(self.detail)
        panes.setStretchFactor(0, 3)
        panes.setStretchFactor(1, 1)
        self.summary = QLabel(self)

        buttons = QDialogButtonBox(self)
        self.accept_all_button = buttons.addButton("全部接受", QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_selected_button = buttons.addButton("接受所选", QDialogButtonBox.ButtonRole.AcceptRole)
        self.reject_button = buttons.addButton("拒绝", QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.accept_selected_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.notices)
        layout.addWidget(panes, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._set_enabled()
        if paths:
            self.load(paths)

    # -- loading ------------------------------------------------------------

    def choose_files(self) -> None:
        names = open_files(self, "returned", "选择回收的表格",
                           "回收的表格或报送包 (*.xlsx *.zip);;Excel 工作簿 (*.xlsx);;报送包 (*.zip)", many=True)
        if names:
            self.load(self.paths + names)

    def load(self, paths: list[Path]) -> None:
        """Read the files and show their review; a bad file is named and nothing is shown."""
        self.paths = [Path(p) for p in paths]
        self.review = None
        try:
            files = run_task(self, "读取回收的表格", self._reader(self.paths), "正在读取…",
                             raises=(ReturnedFileError, MergeError))
            if files is None:  # cancelled (or failed and said so)
                self._fill()
                return
            self.files = files
            self.review = review_for_store(self.store, files, self.plan_id)
        except (ReturnedFileError, MergeError, StoreError) as exc:
            self.error.setText(f"无法合并：{exc}")
            self.error.show()
        else:
            self.error.hide()
        self._fill()

    @staticmethod
    def _reader(paths: list[Path]):
        """The files read off the GUI thread; a bad one raises ReturnedFileError (shown below, not as a box)."""
        def read(progress) -> list:
            files = []
            for i, path in enumerate(paths):
                if not progress("files", i, len(paths)):
                    raise Cancelled()
                files.append(read_returned_any(path))
            return files
        return read

    def _fill(self) -> None:
        review = self.review
        self._updating = True
        self.tree.clear()
        self._items.clear()
        self._changes.clear()
        self.notices.clear()
        if review is not None:
            self.plan_label.setText(f"清单：{review.plan_title}　　文件：{'、'.join(p.name for p in self.paths)}")
            for notice in review.notices:
                self.notices.addItem(f"注意：{notice.message}　{notice.source}")
            for change in review.changes:
                self._items[change.id] = self._item(change)
                self._changes[change.id] = change
        self.notices.setVisible(self.notices.count() > 0)
        self._updating = False
        self._set_enabled()

    def _show_detail(self, item: QTreeWidgetItem | None, previous=None) -> None:
        change = self._changes.get(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None
        if change is None:
            self.detail.clear()
            return
        new = (f"［{change.status}］" if change.status else "") + change.new
        rows = [("类型", change.label + (f"（{change.unit}）" if change.unit else "")), ("任务", change.where),
                ("原内容", change.old), ("新内容", new), ("来源", change.source)] + ([("说明", change.note)] if change.note else [])
        self.detail.setHtml("".join(f"<p><b>{k}：</b>{html.escape(v or '（空）')}</p>" for k, v in rows))

    def _item(self, change: Change) -> QTreeWidgetItem:
        kind = change.label + (f"（{change.unit}）" if change.unit else "")
        new = (f"［{change.status}］" if change.status else "") + change.new
        item = QTreeWidgetItem(self.tree, [kind, change.where, _short(change.old), _short(new), change.source])
        item.setData(0, Qt.ItemDataRole.UserRole, change.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        chosen = change.conflict is None and not change.explicit
        item.setCheckState(0, Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        tip = wrapped_tip(f"原：{change.old}\n新：{new}" + (f"\n{change.note}" if change.note else ""))
        for column in range(len(_COLUMNS)):
            item.setToolTip(column, tip)
        if change.explicit:
            item.setText(0, f"【需确认】{kind}")
        if change.conflict is not None:
            item.setText(0, f"【冲突{change.conflict}】{kind}")
            for column in range(len(_COLUMNS)):
                item.setBackground(column, QBrush(_CONFLICT))
        return item

    # -- checking -------------------------------------------------------------

    def changes(self) -> list[Change]:
        return self.review.changes if self.review else []

    def checked(self) -> list[Change]:
        return [c for c in self.changes() if self._items[c.id].checkState(0) == Qt.CheckState.Checked]

    def set_checked(self, change_id: int, on: bool) -> None:
        self._items[change_id].setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0:
            return
        change_id = item.data(0, Qt.ItemDataRole.UserRole)
        change = next(c for c in self.changes() if c.id == change_id)
        if change.conflict is not None and item.checkState(0) == Qt.CheckState.Checked:
            self._updating = True  # one of a conflict group at most
            for other in self.changes():
                if other.conflict == change.conflict and other.id != change.id:
                    self._items[other.id].setCheckState(0, Qt.CheckState.Unchecked)
            self._updating = False
        self._set_enabled()

    def _set_enabled(self) -> None:
        total = len(self.changes())
        chosen = len(self.checked()) if self.review else 0
        conflicts = len(self.review.conflicts()) if self.review else 0
        explicit = sum(1 for c in self.changes() if c.explicit)
        self.summary.setText(f"共 {total} 项修改，已选 {chosen} 项" + (f"，{conflicts} 组冲突需逐项选择" if conflicts else "")
                             + (f"，{explicit} 项需逐项确认（删除，或部门改动了填报栏以外的内容）" if explicit else ""))
        self.accept_all_button.setEnabled(bool(self.review and self.review.accept_all()))
        self.accept_selected_button.setEnabled(chosen > 0)

    # -- accepting --------------------------------------------------------------

    def accept_all(self) -> None:
        if self.review:
            self._apply(self.review.accept_all())

    def accept_selected(self) -> None:
        self._apply(self.checked())

    def _apply(self, changes: list[Change]) -> None:
        if not changes or self.review is None:
            return
        try:
            self.applied = self.apply(self.review.plan_id, changes)
        except (MergeError, StoreError) as exc:
            self.error.setText(f"无法合并：{exc}")
            self.error.show()
            return
        try:
            keep_returned(self.store.path, self.review.plan_id, self.files, changes, date.today().isoformat())
        except OSError as exc:  # merged all the same: the copy is for the 台账资料 pack
            logging.getLogger(__name__).warning("returned files not kept: %s", exc)
        self.merged.emit(self.applied)
        self.accept()
