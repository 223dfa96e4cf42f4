"""The import wizard (导入向导): file → (column mapping) → preview → where to put it.

* 选择文件: a .docx/.xlsx/.txt/.md file; a legacy .doc/.xls is converted with
  LibreOffice when it is installed.  Reading shows a progress bar with 取消.
* 指定表格各列: when a table's header is not recognised (or the user asks),
  each column gets its meaning by hand and the table is read again.
* 预览: the parsed trees, one per notice part (body tasks, appendix tables),
  each with a check box; doubtful items are highlighted with the reason.
* 导入位置: as new plans, or under a chosen node of an existing plan.

Nothing is written before 完成; the write is one transaction after a backup
(:func:`importers.into_store.save_import`), and cancelling writes nothing.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWizard, QWizardPage,
)

from importers import ImportCancelled, ImportResult, UnsafeFileError, import_file, read_document
from importers.into_store import save_import
from importers.legacy import can_convert, convert
from importers.result import KIND_NAMES
from importers.table_header import LEVEL, ROLE_NAMES, ROLES, header_role, make_layout
from models.numbering import number_plan
from models.store import Store, StoreError
from models.tooltips import wrapped_tip
from models.units import UnitDirectory
from widgets.background import run_task
from widgets.file_dialogs import open_files

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, TARGET_PAGE = range(4)
DOUBT = QColor("#fff1c2")  # doubtful rows in the preview
_PARTS = {"body": "正文任务", "table": "附件表格"}
_FILTER = "清单文件 (*.docx *.xlsx *.xlsm *.txt *.md);;旧版文件 (*.doc *.xls *.wps *.et);;所有文件 (*)"
_LEVEL_NAMES = ["一级指标", "二级指标", "三级指标"]


def _status(label: QLabel, text: str, error: bool = False) -> None:
    label.setText(text)
    label.setStyleSheet("color: #b00020;" if error else "")


def _wizard(page: QWizardPage) -> ImportWizard:
    return cast(ImportWizard, page.wizard())


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setTitle("选择文件")
        self.setSubTitle("Word（.docx）、Excel（.xlsx）或文本（.txt/.md）格式的通知、方案或清单。")
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.unannotated = QCheckBox("同时导入没有标注责任单位的编号段落（如工作要求、保障措施）")
        self.manual = QCheckBox("手工指定表格各列（表头不规范时）")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.cancel = QPushButton("取消")
        self.cancel.setObjectName("cancelImport")
        self.cancel.clicked.connect(wizard.request_cancel)
        self.cancel.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.unannotated)
        layout.addWidget(self.manual)
        layout.addStretch(1)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel)
        layout.addLayout(bar)
        layout.addWidget(self.status)

    def browse(self) -> None:
        names = open_files(self, "import", "选择要导入的文件", _FILTER, start=self.path.text())
        if names:
            self.path.setText(str(names[0]))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        return _wizard(self).load(Path(self.path.text().strip()))

    def nextId(self) -> int:
        return MAPPING_PAGE if _wizard(self).needs_mapping() else PREVIEW_PAGE


class MappingPage(QWizardPage):
    """Each column's meaning, chosen by hand, and the row holding the header."""

    CHOICES = [("（忽略）", None)] + [(n, (LEVEL, n)) for n in _LEVEL_NAMES] + \
              [(ROLE_NAMES[r], (r, ROLE_NAMES[r])) for r in ROLES if r != LEVEL]

    def __init__(self):
        super().__init__()
        self.setTitle("指定表格各列")
        self.setSubTitle("表头无法自动识别：请为每一列选择含义，并指出表头所在的行。")
        self.header_row = QSpinBox()
        self.header_row.setPrefix("表头在第 ")
        self.header_row.setSuffix(" 行")
        self.header_row.setMinimum(1)
        self.header_row.valueChanged.connect(self._guess)
        self.grid = QTableWidget()
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_row)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        self.rows: list[list[str]] = []
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        tables = _wizard(self).document_tables()
        self.rows = [list(r) for r in tables[0].rows[:12]] if tables else []
        width = max((len(r) for r in self.rows), default=0)
        self.grid.clear()
        self.grid.setColumnCount(width)
        self.grid.setRowCount(len(self.rows) + 1)
        self.grid.setVerticalHeaderLabels(["含义"] + [str(i) for i in range(1, len(self.rows) + 1)])
        self.combos = []
        for c in range(width):
            combo = QComboBox()
            for text, _ in self.CHOICES:
                combo.addItem(text)
            self.grid.setCellWidget(0, c, combo)
            self.combos.append(combo)
        for r, row in enumerate(self.rows, start=1):
            for c, value in enumerate(row):
                self.grid.setItem(r, c, QTableWidgetItem(value))
        self.header_row.setMaximum(max(1, len(self.rows)))
        self._guess()

    def _guess(self) -> None:
        """Preselect what the header words say."""
        row = self.rows[self.header_row.value() - 1] if self.rows else []
        for c, combo in enumerate(self.combos):
            role = header_role(row[c]) if c < len(row) else None
            names = [n for n, choice in self.CHOICES if choice and choice[0] == role]
            combo.setCurrentText(names[0] if names else "（忽略）")

    def set_roles(self, names: list[str]) -> None:
        """Choose each column's meaning by its label (序号, 任务（举措）, 牵头单位, …, （忽略）)."""
        for combo, name in zip(self.combos, names):
            combo.setCurrentText(name)

    def layout_choice(self):
        header = self.rows[self.header_row.value() - 1] if self.rows else []
        roles, names = [], []
        for c, combo in enumerate(self.combos):
            choice = dict(self.CHOICES)[combo.currentText()]
            roles.append(choice[0] if choice else None)
            names.append(choice[1] if choice else (header[c] if c < len(header) else ""))
        return make_layout(roles, names)

    def validatePage(self) -> bool:
        layout = self.layout_choice()
        if layout is None:
            _status(self.status, "请至少指定“任务（举措）”所在的列。", error=True)
            return False
        return _wizard(self).load(_wizard(self).path, layout=layout, header_row=self.header_row.value() - 1)


_PREVIEW_COLUMNS = ["序号", "指标（任务）", "牵头单位", "责任单位", "责任领导", "完成时限"]
_FIELD_COLUMN = {"lead": 2, "responsible": 3, "leader": 4, "deadline": 5}


class PreviewPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle("预览")
        self.setSubTitle("勾选要导入的部分。黄色底色的条目需要核对；斜体是原文未在本项印出、由上下文得出的值。"
                         "鼠标停留可看原因。")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("importPreview")
        self.tree.setColumnCount(len(_PREVIEW_COLUMNS))
        self.tree.setHeaderLabels(_PREVIEW_COLUMNS)
        self.tree.setColumnWidth(0, 160)
        self.tree.setColumnWidth(1, 380)
        self.tree.itemChanged.connect(lambda *_: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.plan_items: dict[str, QTreeWidgetItem] = {}

    def initializePage(self) -> None:
        result: ImportResult = _wizard(self).import_result
        self.tree.blockSignals(True)
        self.tree.clear()
        self.plan_items = {}
        for plan in result.plans:
            tasks = len(result.task_nodes(plan))
            top = QTreeWidgetItem([f"［{_PARTS[result.parts[plan.id]]}］", f"{plan.title}（{tasks} 项任务）"])
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(0, Qt.CheckState.Checked)
            plan_notes = [w for w in result.warnings if w.plan == plan.id and w.node is None]
            if plan_notes:
                self._mark(top, plan_notes)
            self.tree.addTopLevelItem(top)
            self.plan_items[plan.id] = top
            numbers = number_plan(plan)
            self._add(top, plan.roots, result, numbers)
        self.tree.blockSignals(False)
        self.tree.expandToDepth(1)
        counts: dict[str, int] = {}
        for w in result.warnings:
            counts[w.kind] = counts.get(w.kind, 0) + 1
        doubts = "，".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in counts.items())
        self.summary.setText(f"{result.path.name}：{len(result.plans)} 份清单，{result.task_count()} 项任务。"
                             + (f"需要核对：{doubts}。" if doubts else "没有需要核对的条目。"))

    def _add(self, parent: QTreeWidgetItem, nodes, result: ImportResult, numbers: dict[str, str]) -> None:
        for node in nodes:
            printed = result.printed.get(node.id, "")
            number = numbers[node.id] if printed in ("", numbers[node.id]) else f"{numbers[node.id]}（原{printed}）"
            item = QTreeWidgetItem([number, node.text, "、".join(node.lead), "、".join(node.responsible), node.leader,
                                    node.deadline])
            item.setData(0, Qt.ItemDataRole.UserRole, node.id)
            notes = result.warnings_for(node.id)
            if notes:
                self._mark(item, notes)
            self._mark_derived(item, result.implied.get(node.id, []), result.inherited.get(node.id, set()))
            parent.addChild(item)
            self._add(item, node.children, result, numbers)

    @staticmethod
    def _mark_derived(item: QTreeWidgetItem, implied: list[str], inherited: set[str]) -> None:
        """Values the document does not print beside this task, in italics with the reason."""
        reasons: dict[int, list[str]] = {}
        if implied:
            reasons.setdefault(_FIELD_COLUMN["responsible"], []).append(
                f"“{'、'.join(implied)}”：原文“以下工作均需……不再列出”所指，本项未印出（隐含）")
        for role in sorted(inherited):
            if role in _FIELD_COLUMN:
                reasons.setdefault(_FIELD_COLUMN[role], []).append("承上一行：原文为合并单元格，本行未印出（继承）")
        for column, lines in reasons.items():
            font = item.font(column)
            font.setItalic(True)
            item.setFont(column, font)
            item.setToolTip(column, "\n".join(filter(None, [item.toolTip(column), *lines])))

    @staticmethod
    def _mark(item: QTreeWidgetItem, notes) -> None:
        tip = "\n".join(f"［{KIND_NAMES.get(w.kind, w.kind)}］{w.message}" for w in notes)
        for column in range(len(_PREVIEW_COLUMNS)):
            item.setBackground(column, QBrush(DOUBT))
            item.setToolTip(column, wrapped_tip(tip))

    def doubtful_items(self) -> list[QTreeWidgetItem]:
        out, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item.toolTip(0):
                out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def checked_plans(self):
        result: ImportResult = _wizard(self).import_result
        return [p for p in result.plans if self.plan_items[p.id].checkState(0) == Qt.CheckState.Checked]

    def isComplete(self) -> bool:
        return bool(self.plan_items) and bool(self.checked_plans())


class TargetPage(QWizardPage):
    def __init__(self, store: Store, wizard: ImportWizard):
        super().__init__()
        self.store = store
        self.setTitle("导入位置")
        self.setSubTitle("作为新清单保存，或放到现有清单的某个节点之下。")  # every page has one: titles alike
        self.as_new = QRadioButton("作为新清单导入")
        self.as_new.setChecked(True)
        self.into = QRadioButton("导入到现有清单的指定节点下（作为其下级）")
        group = QButtonGroup(self)
        group.addButton(self.as_new)
        group.addButton(self.into)
        self.plans = QComboBox()
        self.plans.currentIndexChanged.connect(self._show_plan)
        self.nodes = QTreeWidget()
        self.nodes.setHeaderLabels(["节点"])
        self.into.toggled.connect(self._enable)
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel = QPushButton("取消")
        self.cancel.setObjectName("cancelSave")
        self.cancel.clicked.connect(wizard.request_cancel)
        self.cancel.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.as_new)
        layout.addWidget(self.into)
        layout.addWidget(self.plans)
        layout.addWidget(self.nodes, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel)
        layout.addLayout(bar)
        layout.addWidget(self.status)

    def initializePage(self) -> None:
        self.plans.blockSignals(True)
        self.plans.clear()
        for summary in self.store.list_plans():
            self.plans.addItem(summary.title, summary.id)
        self.plans.blockSignals(False)
        self.into.setEnabled(self.plans.count() > 0)
        self._show_plan()
        self._enable()

    def _enable(self) -> None:
        self.plans.setEnabled(self.into.isChecked())
        self.nodes.setEnabled(self.into.isChecked())

    def _show_plan(self) -> None:
        self.nodes.clear()
        plan_id = self.plans.currentData()
        if plan_id is None:
            return
        plan = self.store.load_plan(plan_id)
        numbers = number_plan(plan)
        top = QTreeWidgetItem(["（顶层）"])
        top.setData(0, Qt.ItemDataRole.UserRole, None)
        self.nodes.addTopLevelItem(top)
        items: dict[str | None, QTreeWidgetItem] = {None: top}
        for node, parent, _ in plan.walk_with_parent():
            if not node.children and parent is not None:
                continue  # tasks cannot take children here; indicators can
            item = QTreeWidgetItem([f"{numbers[node.id]}{node.text}"])
            item.setData(0, Qt.ItemDataRole.UserRole, node.id)
            items[parent.id if parent else None].addChild(item)
            items[node.id] = item
        self.nodes.expandToDepth(0)
        self.nodes.setCurrentItem(top)

    def target(self) -> tuple[str, str | None, int] | None:
        """(plan id, parent node id or None, position at the end) or None for new plans."""
        if not self.into.isChecked():
            return None
        plan_id = self.plans.currentData()
        item = self.nodes.currentItem()
        parent_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        plan = self.store.load_plan(plan_id)
        siblings = plan.find(parent_id).children if parent_id else plan.roots
        return plan_id, parent_id, len(siblings)


class ImportWizard(QWizard):
    """Standalone: give it a store; ``imported`` carries the ids of the plans written to."""

    imported = Signal(list)
    progressed = Signal(int)  # 0–100 while reading or saving

    def __init__(self, store: Store, parent=None, path: str | Path | None = None, save=None):
        super().__init__(parent)
        # How the chosen plans are written; the main window passes its editor's undoable command.
        self.save = save or (lambda result, plans, into, cancel: save_import(store, result, plans, into=into,
                                                                             cancel=cancel))
        self.setWindowTitle("导入清单")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "导入")
        self.store = store
        self.path: Path | None = None
        self.import_result: ImportResult | None = None
        self._cancel = False
        self._busy = False  # reading or saving: the wizard's buttons must not start it again
        self._tmp = tempfile.TemporaryDirectory()
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.target_page = TargetPage(store, self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setPage(TARGET_PAGE, self.target_page)
        self.resize(980, 680)
        if path is not None:
            self.file_page.path.setText(str(path))

    # -- reading ------------------------------------------------------------

    def request_cancel(self) -> None:
        self._cancel = True

    def _cancelled(self) -> bool:
        QApplication.processEvents()  # let the 取消 button be pressed
        return self._cancel

    def _progress(self, bar: QProgressBar):
        def report(fraction: float, message: str = "") -> None:
            bar.setValue(int(fraction * 100))
            if message:
                bar.setFormat(f"%p%  {message}")
            self.progressed.emit(bar.value())
            QApplication.processEvents()
        return report

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                       QWizard.WizardButton.FinishButton):
            self.button(button).setEnabled(not busy)
        if not busy:
            self.currentPage().completeChanged.emit()  # let the page say again what is allowed

    def load(self, path: Path, layout=None, header_row: int = 0) -> bool:
        """Read ``path`` (converting a legacy file if possible); False on error or cancel."""
        if self._busy:
            return False
        self._set_busy(True)
        try:
            return self._load(path, layout, header_row)
        finally:
            self._set_busy(False)

    def _load(self, path: Path, layout, header_row: int) -> bool:
        page = self.file_page if layout is None else self.mapping_page
        status = page.status
        if can_convert(path) and self.ask_convert(path):
            try:
                path = convert(path, self._tmp.name)
            except UnsafeFileError as exc:
                _status(status, str(exc), error=True)
                return False
        self.path = path
        bar, cancel = self.file_page.progress, self.file_page.cancel
        self._cancel = False
        bar.setValue(0)
        bar.show()
        cancel.show()
        directory, include = UnitDirectory(self.store.list_units()), self.file_page.unannotated.isChecked()
        report = self._progress(bar)

        def read(progress) -> ImportResult:  # off the GUI thread: the window stays responsive, 取消 works
            def report_read(fraction: float, message: str = "") -> None:
                progress(message, int(fraction * 100), 100)

            return import_file(path, "all", directory, report_read, lambda: self._cancel, layout=layout,
                               header_row=header_row, include_unannotated=include)

        try:
            result = run_task(self, "导入", read, raises=(UnsafeFileError, ImportCancelled),
                              on_progress=lambda message, done, total: report(done / 100, message))
            if result is None:  # a bug, reported
                return False
            self.import_result = result
        except UnsafeFileError as exc:
            _status(status, str(exc), error=True)
            return False
        except ImportCancelled:
            _status(status, "已取消，没有导入任何内容。")
            return False
        finally:
            bar.hide()
            cancel.hide()
        if not self.import_result.plans and not self.needs_mapping():
            _status(status, f"{path.name}：没有找到带责任单位的任务。可勾选“同时导入没有标注责任单位的编号段落”后再试。",
                    error=True)
            return False
        _status(status, "")
        return True

    def ask_convert(self, path: Path) -> bool:
        """Convert a legacy file with LibreOffice? (asked in a message box)"""
        from PySide6.QtWidgets import QMessageBox
        answer = QMessageBox.question(self, "旧版文件", f"{path.name} 是旧版格式。是否用 LibreOffice 转换后导入？")
        return answer == QMessageBox.StandardButton.Yes

    def document_tables(self):
        return read_document(self.path).tables() if self.path else []

    def needs_mapping(self) -> bool:
        if self.file_page.manual.isChecked():
            return True
        return self.import_result is not None and any(w.kind == "table-header" for w in self.import_result.warnings)

    # -- saving -------------------------------------------------------------

    def accept(self) -> None:
        if self._busy:
            return
        self._set_busy(True)
        try:
            self._save()
        finally:
            if self.isVisible():
                self._set_busy(False)

    def _save(self) -> None:
        page = self.target_page
        plans = self.preview_page.checked_plans()
        bar = page.progress
        self._cancel = False
        bar.setRange(0, len(plans))
        bar.show()
        page.cancel.show()
        done = 0

        def cancel() -> bool:
            nonlocal done
            self.progressed.emit(int(100 * done / max(1, len(plans))))
            bar.setValue(done)
            done += 1
            return self._cancelled()

        try:
            ids = self.save(self.import_result, plans, page.target(), cancel)
        except ImportCancelled:
            _status(page.status, "已取消，没有写入任何内容。")
            return
        except StoreError as exc:
            _status(page.status, str(exc), error=True)
            return
        finally:
            bar.hide()
            page.cancel.hide()
        self.imported.emit(ids)
        super().accept()

    def done(self, result: int) -> None:
        super().done(result)
        self._tmp.cleanup()
