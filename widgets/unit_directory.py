"""The unit directory dialog: every unit with its usage, renamed, merged and tidied in one place.

Every change is a command of the :class:`~editing.plan_editor.PlanEditor` (one undo
step each, saved at once); the dialog reads the store but never writes it.
Possible duplicates are suggested, never merged without the user choosing
the target and confirming.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from models.domain import Unit
from models.store import UnitUsage
from models.unit_table_model import COLUMN, KINDS, UnitFilterProxy, UnitIdRole, UnitTableModel
from models.units import UnitDirectory, normalise_name, pinyin_initials, suggest_duplicates

_WIDTHS = {"order": 44, "short_name": 110, "aliases": 200, "kind": 90, "as_lead": 56, "as_responsible": 56}
_ERROR_STYLE = "color: #b00020;"
_HINT_STYLE = "color: #8a5a00;"


# -- the merge target picker ---------------------------------------------------


class MergeUnitDialog(QDialog):
    """Choose the unit that ``source`` merges into; suggestions first, nothing chosen in advance."""

    def __init__(self, source: UnitUsage, usages: list[UnitUsage], suggestions: list[tuple[Unit, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.setWindowTitle("合并单位")
        self.resize(460, 420)
        unit = source.unit
        intro = QLabel(f"把“{unit.name}”合并到哪个单位？", self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索单位名称、别名或拼音首字母")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("mergeTargets")
        bold = QFont(self.list.font())
        bold.setBold(True)
        suggested = {u.id for u, _ in suggestions}
        for target, reason in suggestions:
            item = QListWidgetItem(f"{target.name}　— {reason}")
            item.setData(Qt.ItemDataRole.UserRole, target.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, target)
            item.setFont(bold)
            item.setToolTip("可能与本单位重复")
            self.list.addItem(item)
        for usage in usages:
            if usage.unit.id == unit.id or usage.unit.id in suggested:
                continue
            item = QListWidgetItem(f"{usage.unit.name}　（牵头 {usage.as_lead}，责任 {usage.as_responsible}）")
            item.setData(Qt.ItemDataRole.UserRole, usage.unit.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, usage.unit)
            self.list.addItem(item)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("合并", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._update_info)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)
        self._update_info()

    def target_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    def select_target(self, unit_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == unit_id:
                self.list.setCurrentRow(row)
                return
        raise KeyError(unit_id)

    def accept(self) -> None:
        if self.target_id() is not None:
            super().accept()

    def _filter(self, text: str) -> None:
        needle = normalise_name(text).lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            unit: Unit = item.data(Qt.ItemDataRole.UserRole + 1)
            names = [n for n in (unit.name, unit.short_name, *unit.aliases) if n]
            hit = not needle or any(needle in n.lower() for n in names) or (
                needle.isascii() and needle.isalnum() and any(needle in pinyin_initials(n) for n in names))
            item.setHidden(not hit)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            visible = [self.list.item(r) for r in range(self.list.count()) if not self.list.item(r).isHidden()]
            self.list.setCurrentItem(visible[0] if len(visible) == 1 else None)
        self._update_info()

    def _update_info(self, *_: object) -> None:
        unit = self.source.unit
        item = self.list.currentItem()
        if item is None or item.isHidden():
            self.merge_button.setEnabled(False)
            self.info.setText("请选择要并入的单位。")
            return
        target: Unit = item.data(Qt.ItemDataRole.UserRole + 1)
        uses = self.source.as_lead + self.source.as_responsible
        self.merge_button.setEnabled(True)
        self.info.setText(
            f"“{unit.name}”在所有清单中的 {uses} 处引用将改为“{target.name}”，"
            f"“{unit.name}”及其别名成为“{target.name}”的别名。合并后可以撤销。"
        )


# -- the directory -------------------------------------------------------------


class _KindDelegate(QStyledItemDelegate):
    """A combo box of the unit kinds that opens its list at once; a choice is applied at once."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems([k.value for k in KINDS])
        combo.activated.connect(lambda _: self._commit(combo))
        QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class UnitDirectoryDialog(QDialog):
    def __init__(self, editor: Editor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.setWindowTitle("单位目录")
        self.resize(920, 580)
        self.merge_dialog: MergeUnitDialog | None = None
        self._directory = UnitDirectory([])
        self._reselect: str | None = None

        self.model = UnitTableModel(editor.store.unit_usage(), self)
        self.model.editor = None if editor.store.read_only else editor
        self.proxy = UnitFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setObjectName("unitSearch")
        self.search.setPlaceholderText("搜索名称、简称、别名或拼音首字母（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self)

        self.view = QTableView(self)
        self.view.setObjectName("unitTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.setItemDelegateForColumn(COLUMN["kind"], _KindDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COLUMN["name"], QHeaderView.ResizeMode.Stretch)
        for key, width in _WIDTHS.items():
            header.setSectionResizeMode(COLUMN[key], QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(COLUMN[key], width)
        header.setStretchLastSection(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COLUMN["order"], Qt.SortOrder.AscendingOrder)

        self.hint = QLabel(self)
        self.hint.setObjectName("duplicateHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT_STYLE)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)

        self.merge_button = QPushButton("合并到…", self)
        self.merge_button.setToolTip("把选中的单位并入另一个单位（用于同一单位的不同写法）")
        self.up_button = QPushButton("上移", self)
        self.down_button = QPushButton("下移", self)
        self.undo_button = QPushButton("撤销", self)
        self.redo_button = QPushButton("重做", self)
        self.close_button = QPushButton("关闭", self)
        for button in (self.merge_button, self.up_button, self.down_button, self.undo_button,
                       self.redo_button, self.close_button):
            button.setAutoDefault(False)  # Enter belongs to the table and the search box

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.undo_button, self.redo_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._add_action("查找", QKeySequence.StandardKey.Find, self._focus_search)
        self._add_action("撤销", QKeySequence.StandardKey.Undo, self.editor.directory_stack.undo)
        self._add_action("重做", QKeySequence.StandardKey.Redo, self.editor.directory_stack.redo)

        self.search.textChanged.connect(self._search)
        self.view.selectionModel().selectionChanged.connect(self._update_selection)
        self.proxy.layoutChanged.connect(self._update_selection)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.problem.connect(self.show_message)
        self.merge_button.clicked.connect(self.start_merge)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.undo_button.clicked.connect(self.editor.directory_stack.undo)
        self.redo_button.clicked.connect(self.editor.directory_stack.redo)
        self.close_button.clicked.connect(self.accept)
        stack = self.editor.directory_stack
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self._undo_text_changed(stack.undoText())
        self._redo_text_changed(stack.redoText())
        editor.units_changed.connect(self.refresh)
        editor.saved.connect(self._saved)  # usage counts follow node edits and their undo
        editor.failed.connect(self.show_message)

        self._directory = UnitDirectory(self.model_units())
        self._update_count()
        self._update_selection()
        self.show_message("")
        if editor.store.read_only:
            self.show_message(f"只读：{editor.store.read_only_reason}，单位目录不能修改。")

    # -- helpers for the user's gestures and for tests ------------------------

    def model_units(self) -> list[Unit]:
        return [r.unit for r in self.model.rows]

    def visible_unit_ids(self) -> list[str]:
        """Unit ids in the order the table shows them."""
        return [self.proxy.index(r, 0).data(UnitIdRole) for r in range(self.proxy.rowCount())]

    def current_unit_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(UnitIdRole) if rows else None

    def select_unit(self, unit_id: str) -> bool:
        row = self.model.row_of(unit_id)
        index = self.proxy.mapFromSource(self.model.index(row, COLUMN["name"])) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def cell(self, unit_id: str, key: str) -> QModelIndex:
        """The view's index of one unit's cell (``key`` as in :data:`models.unit_table_model.COLUMN`)."""
        return self.proxy.mapFromSource(self.model.index(self.model.row_of(unit_id), COLUMN[key]))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- refresh ----------------------------------------------------------------

    def refresh(self) -> None:
        self.model.reload(self.editor.store.unit_usage())
        self._directory = UnitDirectory(self.model_units())
        self._update_count()
        self._update_selection()

    def _saved(self) -> None:
        self.show_message("")  # an earlier refusal no longer applies
        self.refresh()

    def _remember_selection(self) -> None:
        if self._reselect is None:
            self._reselect = self.current_unit_id()

    def _restore_selection(self) -> None:
        unit_id, self._reselect = self._reselect, None
        if unit_id is not None:
            self.select_unit(unit_id)

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()
        self._update_selection()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _add_action(self, text: str, keys: QKeySequence.StandardKey, slot) -> None:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    def _undo_text_changed(self, text: str) -> None:
        self.undo_button.setToolTip(f"撤销：{text}" if text else "")

    def _redo_text_changed(self, text: str) -> None:
        self.redo_button.setToolTip(f"重做：{text}" if text else "")

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(f"共 {total} 个单位" if shown == total else f"显示 {shown} / {total} 个单位")

    def _update_selection(self, *_: object) -> None:
        unit_id = self.current_unit_id()
        writable = self.model.editor is not None
        visible = self._shown_in_order()
        self.merge_button.setEnabled(writable and unit_id is not None and self.model.rowCount() > 1)
        self.up_button.setEnabled(writable and unit_id in visible and visible.index(unit_id) > 0)
        self.down_button.setEnabled(writable and unit_id in visible and visible.index(unit_id) < len(visible) - 1)
        self.hint.setText("")
        self.hint.setVisible(False)
        if unit_id is not None:
            unit = self.model.unit_at(self.model.row_of(unit_id))
            suggestions = suggest_duplicates(self._directory, unit)
            if suggestions:
                names = "、".join(f"“{u.name}”（{why}）" for u, why in suggestions)
                self.hint.setText(f"“{unit.name}”与{names}可能是同一单位。核对无误后可用“合并到…”合并。")
                self.hint.setVisible(True)

    # -- merge ------------------------------------------------------------------

    def start_merge(self) -> MergeUnitDialog | None:
        """Open the target picker for the selected unit; the merge happens only when the user confirms."""
        unit_id = self.current_unit_id()
        if unit_id is None or self.model.editor is None:
            return None
        source = self.model.rows[self.model.row_of(unit_id)]
        dialog = MergeUnitDialog(source, self.model.rows, suggest_duplicates(self._directory, source.unit), self)
        dialog.accepted.connect(lambda: self._merge(unit_id, dialog.target_id()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _: setattr(self, "merge_dialog", None))
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _merge(self, source_id: str, target_id: str | None) -> None:
        if target_id is None or target_id == source_id:
            return
        self.show_message("")
        self._reselect = target_id
        self.editor.merge_units(source_id, target_id)
        self._reselect = None
        self.select_unit(target_id)

    # -- order ------------------------------------------------------------------

    def _shown_in_order(self) -> list[str]:
        """The units the search leaves visible, in directory order (whatever column the table is sorted by)."""
        return sorted(self.visible_unit_ids(), key=self.model.row_of)

    def move_current(self, step: int) -> None:
        """Move the selected unit one place up (-1) or down (+1) among the units shown, as one undo step."""
        unit_id = self.current_unit_id()
        if unit_id is None or self.model.editor is None:
            return
        if self.proxy.sortColumn() != COLUMN["order"] or self.proxy.sortOrder() != Qt.SortOrder.AscendingOrder:
            self.view.sortByColumn(COLUMN["order"], Qt.SortOrder.AscendingOrder)  # show the order being changed
        visible = self._shown_in_order()
        where = visible.index(unit_id) + step
        if not 0 <= where < len(visible):
            return
        neighbour = visible[where]
        order = [u.id for u in self.model_units() if u.id != unit_id]
        at = order.index(neighbour) + (0 if step < 0 else 1)
        order.insert(at, unit_id)
        name = self.model.unit_at(self.model.row_of(unit_id)).name
        self.show_message("")
        self.editor.set_unit_order(order, f"{'上移' if step < 0 else '下移'}单位“{name}”")
        self.select_unit(unit_id)

