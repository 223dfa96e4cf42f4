"""The main window: plan library, indicator tree with filters, detail panel."""
from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView, QInputDialog, QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from editing.plan_editor import PlanEditor
from app.settings import Settings
from app.version import version_text
from models.list_check import check_plan
from models.domain import UnitKind
from models.history import Author, plan_history, task_history
from models.matrix_model import MatrixModel
from models.paths import data_dir, log_path
from models.round_store import RoundBook
from models.store import Store
from models.tracking import TEXT_COLOURS, DeadlineState, Signal, TrackingContext, notice_of
from models.tree_filter import NodeFilter, PlanFilterProxy
from models.tree_model import NodeIdRole
from models.file_names import file_name
from exporters.print_jobs import appendix_job, table_job
from exporters.unit_sheets import default_round, write_unit_files
from exporters.view_tables import board_table, history_table, matrix_table, round_table
from exporters.xlsx_appendix import write_table
from exporters.xlsx_matrix import write_matrix
from importers.returned_pack import is_pack
from importers.returned_sheets import is_exchange_workbook
from widgets.author_dialog import AuthorDialog
from widgets.background import run_task
from widgets.backup_dialog import BackupDialog
from widgets.check_dialog import CheckDialog
from widgets.colour_dot import colour_dot
from widgets.compare_dialog import CompareDialog
from widgets.deadline_board import DeadlineBoard
from widgets.round_view import RoundView
from widgets.detail_panel import DetailPanel
from widgets.export_dialog import ExportDialog
from widgets.export_done import offer_open
from widgets.file_dialogs import choose_folder, remember_folders, save_file
from widgets.filter_bar import FilterBar
from widgets.help_dialogs import AboutDialog, ShortcutsDialog, about_text
from widgets.import_wizard import ImportWizard
from widgets.pdf_export import export_pdf
from widgets.read_only_bar import ReadOnlyBar
from widgets.print_preview import PrintPreview, preview, preview_appendix, preview_notice, preview_unit, print_with_dialog
from widgets.report_view import open_report
from widgets.score_dialog import open_scores
from widgets.merge_dialog import MergeDialog
from widgets.matrix_view import MatrixView
from widgets.plan_library import PlanLibrary
from widgets.plan_properties import PlanPropertiesDialog
from widgets.plan_tree_view import PlanTreeView
from widgets.save_version_dialog import SaveVersionDialog
from widgets.unit_directory import UnitDirectoryDialog
from widgets.tree_view_state import TreeViewState, capture, restore
from widgets.unit_tasks_view import UnitTasksView

VIEWS = ["tree", "matrix", "board", "units", "rounds"]
_VIEW_LABELS = ["清单", "责任矩阵", "时限看板", "部门视图", "回收情况"]

# Preferred widths (pixels) of the tree's columns by key; 指标 takes the rest.
_WIDTHS = {"number": 64, "lead": 150, "responsible": 190, "leader": 70, "deadline": 96, "remarks": 110}
_DEADLINE_MAX = 240
_TEXT_BRUSHES = {DeadlineState.OVERDUE: QBrush(QColor(TEXT_COLOURS[Signal.RED])),
                 DeadlineState.DUE_SOON: QBrush(QColor(TEXT_COLOURS[Signal.YELLOW]))}


class MainWindow(QMainWindow):
    def __init__(self, store: Store, plan_id: str | None = None, today=date.today, remember: bool = True):
        super().__init__()
        self.store = store
        self.today = today
        self.remember = remember  # False: neither restore nor save window settings (screenshots)
        self.settings = Settings()
        remember_folders(self.settings)
        self.tracking = TrackingContext(today, self.settings.warn_days)  # one for every view
        store.author = self.settings.author  # 姓名, 科室 on the history entries this window makes
        self.editor = PlanEditor(store, self)
        self.model = self.editor.model
        self.model.decorate = partial(decorate_deadline, tracking=self.tracking)
        self.proxy = PlanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = PlanTreeView(self)
        self.tree.setModel(self.model)  # the proxy only while a filter is on (apply_filter)
        self.filter_bar = FilterBar(self)
        self.filter_bar.today = today
        self.library = PlanLibrary(self.editor, self)
        self.detail = DetailPanel(self.editor, self)
        self._remembered_selection: list[str] = []
        self._plan_units: set[str] = set()
        self._state_counts = {s: 0 for s in DeadlineState}

        tree_page = QWidget(self)
        tree_layout = QVBoxLayout(tree_page)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.filter_bar)
        tree_layout.addWidget(self.tree)
        self.matrix_model = MatrixModel(self.model, store.list_units, self.tracking, self)
        self.matrix_model.set_live(False)  # built when asked for; the matrix view keeps it live while shown
        self.views = QTabWidget(self)
        self.views.setObjectName("views")
        self.views.addTab(tree_page, "清单")
        self._pages: dict[str, QWidget] = {"tree": tree_page}  # the other views: built when first shown or used
        for label in _VIEW_LABELS[1:]:
            self.views.addTab(QWidget(self.views), label)
        self.views.currentChanged.connect(lambda index: self._page(VIEWS[index]))
        self.detail.history.print_requested.connect(self.preview_history)
        self.editor.units_changed.connect(self.matrix_model.invalidate)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 960, 270])
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self.read_only_bar = ReadOnlyBar(store.read_only_message(), central) if store.read_only else None
        if self.read_only_bar is not None:
            central_layout.addWidget(self.read_only_bar)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.counts = QLabel(self)
        self.saved_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.saved_label)

        self._build_actions()
        self.tree.current_row_changed.connect(self._current_changed)
        self.tree.selection_changed.connect(self._selection_changed)
        self.filter_bar.changed.connect(self.apply_filter)
        self.editor.plan_opened.connect(self._plan_opened)
        self.editor.saved.connect(self._saved)
        self.editor.failed.connect(self._show_error)
        self.editor.units_changed.connect(self._update_status)
        self.editor.rounds_changed.connect(self._model_changed)  # an ended round counts for 停滞
        self.library.status_message.connect(self._flash)
        self.model.connect_changes(self._model_changed)
        self.model.modelAboutToBeReset.connect(self._keep_tree_view)
        self.model.modelReset.connect(self._reset_tree_view)
        self._kept_view: tuple[str, TreeViewState] | None = None

        self.editor.history_changed.connect(self._history_changed)
        if store.read_only:
            self.statusBar().showMessage(f"只读：{store.read_only_reason}")

        self.resize(1400, 860)
        self._restore_splitter = remember
        if remember:
            self._restore_settings()
        plans = [] if store.damaged else [p.id for p in store.list_plans()]  # only 从备份恢复 reads it then
        wanted = plan_id or self.settings.last_plan
        self.editor.open_plan(wanted if wanted in plans else (plans[0] if plans else None))
        if self.editor.plan_id is None:
            self._plan_opened("")
            self._model_changed()  # no plan was loaded, so no model reset said so

    # -- actions ----------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tree_only: bool = False, edits: bool = True) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tree_only:  # only while the tree itself has focus: text boxes keep their keys
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        action.triggered.connect(slot)
        if edits and self.store.read_only:
            action.setEnabled(False)
        return action

    def _build_actions(self) -> None:
        undo = QAction("撤销", self)
        undo.triggered.connect(self.editor.undo)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = QAction("重做", self)
        redo.triggered.connect(self.editor.redo)
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        a = self.actions_by_name = {
            "new_plan": self._action("新建清单", self.library.new_plan, QKeySequence.StandardKey.New),
            "duplicate_plan": self._action("复制清单", self.library.duplicate),
            "delete_plan": self._action("删除清单", self.library.delete),
            "quit": self._action("退出", self.close, QKeySequence.StandardKey.Quit, edits=False),
            "export_docx": self._action("导出 Word 印发通知…", lambda: self.export("docx"), "Ctrl+E", edits=False),
            "export_xlsx": self._action("导出 Excel 附件…", lambda: self.export("xlsx"), "Ctrl+Shift+E",
                                        edits=False),
            "export_units": self._action("导出部门分解表…", lambda: self.export("per_unit"), edits=False),
            "export_handdown": self._action("分解下达…", lambda: self.export("handdown")),
            "export_report_up": self._action("向上级报送进展…", lambda: self.export("report_up"), edits=False),
            "export_pdf": self._action("导出 PDF…", lambda: self._with_plan(lambda p: export_pdf(self, p)), edits=False),
            "export_matrix": self._action("导出责任矩阵（Excel）…", self.export_matrix, edits=False),
            "export_history": self._action("导出留痕记录（Excel）…", self.export_history, edits=False),
            "import": self._action("导入…", self.open_import, QKeySequence.StandardKey.Open),
            "preview_appendix": self._action("附件表格…", lambda: self._with_plan(
                lambda p: preview_appendix(self, p)), edits=False),
            "preview_notice": self._action("印发通知（含附件）…", lambda: self._with_plan(
                lambda p: preview_notice(self, p)), edits=False),
            "preview_unit": self._action("当前部门的分解表…", self.preview_unit, edits=False),
            "preview_matrix": self._action("责任矩阵…", lambda: self._with_plan(
                lambda p: preview(self, table_job(matrix_table(p, self.store.list_units())))), edits=False),
            "preview_board": self._action("时限看板…", lambda: self._with_plan(
                lambda p: preview(self, table_job(board_table(p, self.today(), self.board.group.currentData(),
                                                             self.tracking.warn_days)))),
                edits=False),
            "print": self._action("打印附件…", lambda: self._with_plan(
                lambda p: print_with_dialog(self, appendix_job(p))), QKeySequence.StandardKey.Print, edits=False),
            "report": self._action("进展报告…", lambda: self._with_plan(
                lambda p: open_report(self, self.store, p.id, self.tracking)), "Ctrl+R", edits=False),
            "scores": self._action("考核得分…", lambda: self._with_plan(
                lambda p: open_scores(self, self.editor, p.id, self.today)), edits=False),
            "merge": self._action("合并回收的表格…", self.open_merge, "Ctrl+M"),
            "remind": self._action("催办通知…", self.remind),
            "restore": self._action("从备份恢复…", self.open_backups),
            "save_version": self._action("保存版本…", self.save_version),
            "compare": self._action("版本对照…", self.open_compare, edits=False),
            "undo": undo,
            "redo": redo,
            "add_sibling": self._action("新增同级", self.add_sibling, [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                        tree_only=True),
            "add_child": self._action("新增下级", self.add_child, "Ctrl+Return", tree_only=True),
            "delete": self._action("删除", self.delete_selected, QKeySequence.StandardKey.Delete, tree_only=True),
            "indent": self._action("降级（缩进）", lambda: self.editor.indent(self.selected_ids()),
                                   Qt.Key.Key_Tab, tree_only=True),
            "outdent": self._action("升级（取消缩进）", lambda: self.editor.outdent(self.selected_ids()),
                                    "Shift+Tab", tree_only=True),
            "move_up": self._action("上移", lambda: self.editor.move_up(self.selected_ids()), "Ctrl+Up", tree_only=True),
            "move_down": self._action("下移", lambda: self.editor.move_down(self.selected_ids()), "Ctrl+Down",
                                      tree_only=True),
            "cut": self._action("剪切", self.cut, QKeySequence.StandardKey.Cut, tree_only=True),
            "copy": self._action("复制", self.copy, QKeySequence.StandardKey.Copy, tree_only=True, edits=False),
            "paste": self._action("粘贴", self.paste, QKeySequence.StandardKey.Paste, tree_only=True),
            "paste_child": self._action("粘贴为下级", lambda: self.paste(as_child=True), "Ctrl+Shift+V",
                                        tree_only=True),
            "find": self._action("筛选…", self.focus_filter, QKeySequence.StandardKey.Find, edits=False),
            "clear_filter": self._action("清除筛选", self.filter_bar.clear, "Esc", tree_only=True, edits=False),
            "expand": self._action("全部展开", self.tree.expandAll, edits=False),
            "tree_view": self._action("清单", self.back_to_tree, "Ctrl+1", edits=False),
            "matrix_view": self._action("责任矩阵", lambda: self.show_view("matrix"), "Ctrl+2", edits=False),
            "board_view": self._action("时限看板", lambda: self.show_view("board"), "Ctrl+3", edits=False),
            "units_view": self._action("部门视图", lambda: self.show_view("units"), "Ctrl+4", edits=False),
            "rounds_view": self._action("回收情况", lambda: self.show_view("rounds"), "Ctrl+5", edits=False),
            "warn_days": self._action("预警天数…", self.ask_warn_days, edits=False),
            "author": self._action("姓名和科室…", self.ask_author, edits=False),
            "unit_directory": self._action("单位目录…", self.open_unit_directory, "Ctrl+Shift+U", edits=False),
            "plan_properties": self._action("清单属性…", self.open_plan_properties, "Ctrl+Shift+P", edits=False),
            "check": self._action("清单体检…", self.open_check, "F7", edits=False),
            "collapse": self._action("全部折叠", self.tree.collapseAll, edits=False),
            "shortcuts": self._action("快捷键", self.show_shortcuts, edits=False),
            "about": self._action("关于 Duty Matrix", self.show_about, edits=False),
        }
        menus = self.menuBar()
        file_menu = menus.addMenu("文件(&F)")
        for key in ("new_plan", "duplicate_plan", "delete_plan", None, "save_version", "compare", None, "import", None,
                    "export_docx", "export_xlsx",
                    "export_pdf", "export_units", "export_handdown", "export_report_up", "export_matrix",
                    "export_history", "merge", "remind", None):
            file_menu.addSeparator() if key is None else file_menu.addAction(a[key])
        previews = file_menu.addMenu("打印预览")
        for key in ("preview_appendix", "preview_notice", "preview_unit", "preview_matrix", "preview_board"):
            previews.addAction(a[key])
        file_menu.addAction(a["print"])
        file_menu.addSeparator()
        file_menu.addAction(a["restore"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = menus.addMenu("编辑(&E)")
        for key in ("undo", "redo", None, "add_sibling", "add_child", "delete", None, "indent", "outdent",
                    "move_up", "move_down", None, "cut", "copy", "paste", "paste_child"):
            edit_menu.addSeparator() if key is None else edit_menu.addAction(a[key])
        view_menu = menus.addMenu("视图(&V)")
        for key in ("find", "clear_filter", None, "expand", "collapse"):
            view_menu.addSeparator() if key is None else view_menu.addAction(a[key])
        for key in ("tree_view", "matrix_view", "board_view", "units_view", "rounds_view"):
            view_menu.addAction(a[key])
        view_menu.addAction(a["warn_days"])
        view_menu.addAction(a["author"])
        self.tools_menu = menus.addMenu("工具(&T)")
        for key in ("unit_directory", "plan_properties", "check", "report", "scores"):
            self.tools_menu.addAction(a[key])
        help_menu = menus.addMenu("帮助(&H)")
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])
        toolbar = self.addToolBar("编辑")
        toolbar.setObjectName("editToolbar")
        for key in ("new_plan", None, "undo", "redo", None, "add_sibling", "add_child", "delete", None,
                    "indent", "outdent", "move_up", "move_down"):
            toolbar.addSeparator() if key is None else toolbar.addAction(a[key])

    # -- views and dialogs ------------------------------------------------

    def show_view(self, view: str) -> None:
        self.views.setCurrentIndex(VIEWS.index(view))

    # The views beside the tree, each built the first time it is shown or used: a window opening on a
    # 2,000-task plan does not pay for four hidden tabs.

    @property
    def matrix(self) -> MatrixView:
        return cast(MatrixView, self._page("matrix"))

    @property
    def board(self) -> DeadlineBoard:
        return cast(DeadlineBoard, self._page("board"))

    @property
    def unit_view(self) -> UnitTasksView:
        return cast(UnitTasksView, self._page("units"))

    @property
    def round_view(self) -> RoundView:
        return cast(RoundView, self._page("rounds"))

    def _page(self, view: str) -> QWidget:
        page = self._pages.get(view)
        if page is None:
            page = self._pages[view] = self._build_page(view)
            index = VIEWS.index(view)
            placeholder = self.views.widget(index)
            self.views.blockSignals(True)  # the same view stays current, and no other shows meanwhile
            self.views.insertTab(index, page, _VIEW_LABELS[index])
            if self.views.currentWidget() is placeholder:
                self.views.setCurrentWidget(page)
            self.views.removeTab(index + 1)
            self.views.blockSignals(False)
            placeholder.deleteLater()
        return page

    def _build_page(self, view: str) -> QWidget:
        if view == "matrix":
            matrix = MatrixView(self.matrix_model, self)
            matrix.table.doubleClicked.connect(lambda index: self.show_in_tree(self.matrix_model.rows[index.row()].id))
            return matrix
        if view == "board":
            board = DeadlineBoard(self.editor, self.tracking, self)
            board.node_activated.connect(self.show_in_tree)
            return board
        if view == "units":
            units = UnitTasksView(self.editor, self.tracking, self)
            units.node_activated.connect(self.show_in_tree)
            units.print_requested.connect(lambda unit: preview_unit(self, self.model.plan, unit))
            units.export_requested.connect(self.export_unit_sheet)
            return units
        rounds = RoundView(self.editor, self.tracking, self, contacts=self.settings)
        rounds.print_requested.connect(lambda status: preview(self, table_job(round_table(self.model.plan, status))))
        rounds.export_requested.connect(self.export_round)
        return rounds

    def show_in_tree(self, node_id: str) -> None:
        self.show_view("tree")
        if not self.view_index(node_id).isValid():
            self.filter_bar.clear()  # a filtered-out node: show everything again
        self.select_node(node_id)
        self.tree.setFocus()

    def back_to_tree(self) -> None:
        self.show_view("tree")
        self.tree.setFocus()

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(list(self.actions_by_name.values()), self)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        text = about_text(version_text(), data_dir(), self.store.path, self.settings.path, log_path())
        dialog = AboutDialog(text, self)
        dialog.open()
        return dialog

    def ask_warn_days(self) -> None:
        days, ok = QInputDialog.getInt(self, "预警天数", "距完成时限多少天以内显示黄色预警：", self.tracking.warn_days,
                                       1, 90)
        if ok:
            self.set_warn_days(days)

    def ask_author(self) -> AuthorDialog:
        dialog = AuthorDialog(self.store.author, self)
        dialog.accepted.connect(lambda: self.set_author(dialog.author()))
        dialog.open()
        return dialog

    def set_author(self, author: Author) -> None:
        """姓名 and 科室 (settings), written on every history entry from now on."""
        self.settings.author = author
        self.store.author = self.settings.author

    def preview_history(self, node_id: str) -> PrintPreview | None:
        """A task's history (留痕), printable in the official table layout."""
        node = self.model.node_by_id(node_id)
        if node is None:
            return None
        return preview(self, table_job(history_table(self.model.plan, task_history(self.store, node_id), node)))

    def set_warn_days(self, days: int) -> None:
        """The warning period (预警天数): saved, and every view shows it at once (a view not built yet
        reads it when it is)."""
        self.settings.warn_days = days
        self.tracking.warn_days = self.settings.warn_days
        self.model.refresh_all()
        self.matrix_model.invalidate()
        for view in ("board", "units"):
            if view in self._pages:
                cast(DeadlineBoard | UnitTasksView, self._pages[view]).refresh()

    def _with_plan(self, action):
        """Run an action on the open plan (nothing when no plan is open)."""
        return action(self.model.plan) if self.editor.plan_id else None

    def open_file(self, path: Path) -> MergeDialog | ImportWizard:
        """A file given on the command line (a double-click in the file manager): a sheet we exported
        comes back to the merge, any other file goes to the import."""
        return self.open_merge([path]) if is_pack(path) or is_exchange_workbook(path) else self.open_import(path)

    def open_import(self, path: Path | None = None) -> ImportWizard:
        wizard = ImportWizard(self.store, self, path=path, save=self.editor.import_plans)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def preview_unit(self):
        unit = self.unit_view.current_unit()
        if self.editor.plan_id and unit:
            return preview_unit(self, self.model.plan, unit)
        return None

    def export_unit_sheet(self, unit: str) -> None:
        """One department's 分解表 as Excel, in the format that comes back and merges."""
        folder = choose_folder(self, "export", f"导出“{unit}”的分解表到")
        if folder:
            open_rounds = [r for r in RoundBook(self.store).rounds(self.editor.plan_id) if r.is_open]
            round = open_rounds[-1] if open_rounds else None  # the sheet goes out in the latest open round
            name = round.name if round else default_round(self.today())
            due = round.due if round else None
            plan = self.model.plan.copy()  # the worker reads its own copy, never the open tree
            written = run_task(self, "导出分解表",
                               lambda progress: write_unit_files(plan, folder, [unit], round=name, due=due),
                               "正在导出…", cancellable=False)
            if written is not None:
                self.editor.record_sent(name, {unit: written[0].name}, None)
                self._exported(written)

    def export_matrix(self) -> None:
        if not self.editor.plan_id:
            return
        path = save_file(self, "export", "导出责任矩阵", f"{file_name(self.model.plan.title)}-责任矩阵.xlsx",
                         "Excel 工作簿 (*.xlsx)")
        if path:
            plan, units = self.model.plan.copy(), self.store.list_units()  # read here, written off the GUI thread
            written = run_task(self, "导出责任矩阵", lambda progress: write_matrix(plan, units, path), "正在导出…",
                               cancellable=False)
            if written is not None:
                self._exported([written])

    def remind(self):
        """文件 → 催办通知…: the 回收情况 tab's 催办…, for the round it shows."""
        if self.editor.plan_id:
            self.show_view("rounds")
            return self.round_view.ask_remind()
        return None

    def export_round(self, status) -> None:
        """回收情况 as a print-ready Excel sheet."""
        plan = self.model.plan
        self._export_table("导出回收情况", f"{file_name(plan.title)}-{file_name(status.round.name)}回收情况.xlsx",
                           round_table(plan, status), "回收情况")

    def export_history(self) -> None:
        """文件 → 导出留痕记录: the open plan's whole history (as `export --history`)."""
        if self.editor.plan_id:
            plan = self.model.plan
            self._export_table("导出留痕记录", f"{file_name(plan.title)}-留痕记录.xlsx",
                               history_table(plan, plan_history(self.store, plan.id)), "留痕记录")

    def _export_table(self, caption: str, suggested: str, table, sheet: str) -> None:
        path = save_file(self, "export", caption, suggested, "Excel 工作簿 (*.xlsx)")
        if path:
            try:
                written = write_table(self.model.plan, table, path, sheet)
            except OSError as exc:
                self._show_error(f"{path}：无法写入（{exc.strerror or exc}）")
                return
            self._exported([written])

    def export(self, kind: str) -> ExportDialog | None:
        if not self.editor.plan_id:
            return None
        units = self.store.list_units()
        umbrellas = {u.name for u in units if u.kind is UnitKind.UMBRELLA}
        counties = {u.name for u in units if u.kind is UnitKind.COUNTY}
        dialog = ExportDialog(self.model.plan, kind, self.settings.export_folder, self, umbrellas,
                              RoundBook(self.store).rounds(self.editor.plan_id), self.today(), counties)
        dialog.sheets_sent.connect(self.editor.record_sent)
        dialog.handed_down.connect(lambda handed: self.editor.record_handdown(handed, self.today()))
        dialog.exported.connect(self._exported)
        dialog.open()
        return dialog

    def _exported(self, written: list) -> None:
        if written:
            self.settings.export_folder = written[0].parent
            self._flash(f"已导出 {written[0]}" + (f" 等 {len(written)} 个文件" if len(written) > 1 else ""))
            offer_open(self, written)

    def open_merge(self, paths: list[Path] | None = None) -> MergeDialog:
        dialog = MergeDialog(self.store, paths, plan_id=self.editor.plan_id, parent=self, apply=self.editor.apply_merge)
        dialog.open()
        return dialog

    def open_backups(self) -> BackupDialog:
        dialog = BackupDialog(self.store.list_backups(), self)
        dialog.accepted.connect(lambda: self.restore_backup(dialog.chosen()))
        dialog.open()
        return dialog

    def restore_backup(self, backup: Path | None) -> None:
        """The whole store goes back to a backup; the undo history no longer applies."""
        if backup is None:
            return
        current = self.editor.plan_id
        self.store.restore_backup(backup)
        self.editor.clear_history()
        plans = [p.id for p in self.store.list_plans()]
        self.editor.open_plan(None)
        self.editor.open_plan(current if current in plans else (plans[0] if plans else None))
        self.library.reload()
        self.matrix_model.invalidate()
        self._flash("已从备份恢复；恢复前的内容也已备份。")

    def save_version(self) -> SaveVersionDialog | None:
        """文件 → 保存版本: the dialog, open; on OK the version is saved (undoable)."""
        if self.editor.plan_id is None:
            return None
        dialog = SaveVersionDialog(self.model.plan.title, QDate(self.today()), self)
        dialog.accepted.connect(lambda: self._version_saved(*dialog.values()))
        dialog.open()
        return dialog

    def _version_saved(self, name: str, taken_on: str) -> None:
        self.editor.save_version(name, taken_on)
        self._flash(f"已保存版本“{name}”；按 Ctrl+Z 可撤销")

    def open_compare(self) -> CompareDialog | None:
        if self.editor.plan_id is None:
            return None
        dialog = CompareDialog(self.editor, self)
        dialog.node_activated.connect(self._show_compared)
        dialog.show()
        return dialog

    def _show_compared(self, plan_id: str, node_id: str) -> None:
        if plan_id != self.editor.plan_id:
            self.editor.open_plan(plan_id)
        self.show_in_tree(node_id)

    def open_unit_directory(self) -> None:
        UnitDirectoryDialog(self.editor, self).exec()

    def open_plan_properties(self) -> None:
        if self.editor.plan_id:
            PlanPropertiesDialog(self.editor, self.editor.plan_id, self).exec()

    def open_check(self) -> CheckDialog | None:
        if not self.editor.plan_id:
            return None
        findings = check_plan(self.model.plan, self.store.list_units())
        dialog = CheckDialog(self.model.plan.title, findings, self)
        dialog.node_activated.connect(self.show_in_tree)
        dialog.show()
        return dialog

    # -- selection --------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = self.tree.selectionModel().selectedRows(0)
        ids = [r.data(NodeIdRole) for r in rows]
        current = self.current_id()
        if not ids and current:
            ids = [current]
        return ids

    def view_index(self, node_id: str | None, column: int = 0) -> QModelIndex:
        """Where the tree shows a node (invalid when a filter hides it)."""
        return self.tree.view_index(self.model.index_of(node_id, column))

    def current_id(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(NodeIdRole) if index.isValid() else None

    def select_node(self, node_id: str | None, edit: bool = False) -> None:
        index = self.view_index(node_id)
        if not index.isValid():
            return
        self.tree.scrollTo(index)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if edit:
            self.tree.doItemsLayout()  # a row inserted just now has no geometry to edit in yet
            self.tree.edit(index.siblingAtColumn(self.model.column_of("text")))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.detail.show_node(current.data(NodeIdRole) if current.isValid() else None)

    def _selection_changed(self, *args) -> None:
        if not self.proxy.node_filter.active:
            self._remembered_selection = self.selected_ids()

    # -- edits ------------------------------------------------------------

    def add_sibling(self) -> None:
        if self.editor.plan_id is None:
            return
        self.select_node(self.editor.add_sibling(self.current_id()), edit=True)

    def add_child(self) -> None:
        if self.editor.plan_id is None:
            return
        current = self.current_id()
        new = self.editor.add_child(current)
        if current:
            self.tree.expand(self.view_index(current))
        self.select_node(new, edit=True)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        nodes = [self.model.node_by_id(i) for i in ids]
        total = sum(1 for n in nodes for _ in n.walk())
        if total > len(ids):
            answer = QMessageBox.question(self, "删除", f"将删除 {len(ids)} 项及其下级，共 {total} 项。\n可用 Ctrl+Z 撤销。继续吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        first = ids[0]
        parent = self.model.parent_of(first)
        siblings = self.model.children_of(parent)
        row = self.model.row_of(first)
        after = [n.id for n in siblings[row + 1:] if n.id not in ids]
        self.editor.delete_nodes(ids)
        self.select_node(after[0] if after else (parent.id if parent else None))

    def copy(self) -> None:
        ids = self.selected_ids()
        if ids:
            QGuiApplication.clipboard().setText(self.editor.copy_payload(ids))

    def cut(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.copy()
            self.editor.delete_nodes(ids)

    def paste(self, as_child: bool = False) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip() or self.editor.plan_id is None:
            return
        parent_id, row = self.editor.paste_place(text, self.current_id(), as_child)
        new = self.editor.paste_nodes(text, parent_id, row)
        if new:
            self.select_node(new[0])

    # -- filter -----------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus()
        self.filter_bar.text.selectAll()

    def apply_filter(self, node_filter: NodeFilter) -> None:
        was_active = self.proxy.node_filter.active
        if not node_filter.active:
            self.tree.show_model(self.model)  # no filter: the tree model itself, without a proxy's cost
        self.proxy.set_filter(node_filter)
        if node_filter.active:
            self.tree.show_model(self.proxy)
        self.tree.expandAll()
        self._update_count()
        if was_active and not node_filter.active:
            for node_id in self._remembered_selection[:1]:
                self.select_node(node_id)

    def _update_count(self) -> None:
        total = self.model.node_count()
        self.filter_bar.show_count(self.proxy.match_count(), total, self.proxy.node_filter.active)

    # -- plan and status --------------------------------------------------

    def _plan_opened(self, plan_id: str) -> None:
        plan = self.model.plan
        self._apply_column_layout()
        saved_view = self.settings.tree_view(plan_id) if plan_id and self.remember else {}
        restore(self.tree, self.model, TreeViewState.from_dict(saved_view))
        suffix = "（只读）" if self.store.read_only else ""
        title = plan.title if plan_id else "没有清单"
        self.setWindowTitle(f"{title}{suffix} — Duty Matrix 责任清单编辑器")  # every edit is saved at once: no *
        self.filter_bar.set_units(sorted(self._plan_units))  # counted with the status (_update_status)
        saved = self.store.last_saved(plan_id) if plan_id else None
        self.saved_label.setText(f"上次保存 {saved.replace('T', ' ')}" if saved else "")
        if plan_id and self.remember:
            self.settings.last_plan = plan_id
        if plan_id:
            self.statusBar().showMessage(notice_of(self._state_counts, self.tracking.warn_days), 15000)
        # the counts were updated by the model reset that came with the plan (_model_changed)

    def _apply_column_layout(self) -> None:
        header = self.tree.header()
        header.setStretchLastSection(False)
        saved = self.settings.header(self._columns_key()) if self.remember else None
        for column, (key, _) in enumerate(self.model.columns):
            mode = QHeaderView.ResizeMode.Stretch if key == "text" else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
            if key != "text":
                self.tree.setColumnWidth(column, self._column_width(key))
        if saved is not None:
            header.restoreState(saved)

    def _keep_tree_view(self) -> None:
        """Before the tree reloads: what the user sees of it, for the same plan coming back (a merge,
        an import into it, undo) or for the next session."""
        if not self.model.plan.id or not self.editor.plan_id:
            return
        state = capture(self.tree, self.model)
        self._kept_view = (self.model.plan.id, state)
        if self.remember:
            self.settings.set_tree_view(self.model.plan.id, state.as_dict())

    def _reset_tree_view(self) -> None:
        kept, self._kept_view = self._kept_view, None
        if kept is not None and kept[0] == self.model.plan.id:
            restore(self.tree, self.model, kept[1])

    def _column_width(self, key: str) -> int:
        """The preferred width; 完成时限 as wide as its longest text (up to a limit: a tooltip shows the rest)."""
        width = _WIDTHS.get(key, 120)
        if key == "deadline":
            metrics = self.tree.fontMetrics()
            deadlines = {n.deadline for n, _ in self.model.plan.walk()}  # a few texts, each measured once
            longest = max(map(metrics.horizontalAdvance, deadlines), default=0)
            width = max(width, min(longest + 24, _DEADLINE_MAX))
        return width

    def _columns_key(self) -> str:
        return "-".join(k for k, _ in self.model.columns)

    def _model_changed(self, *args) -> None:
        self._update_flags()
        self._update_status()
        self._update_count()

    def _update_flags(self) -> None:
        """滞后 and 停滞, computed again after each edit, merge or round change."""
        # the model's plan, not the editor's id: on opening, the model is reset before the editor says which
        found = RoundBook(self.store).task_flags(self.model.plan, self.tracking)
        self.tracking.computed.clear()
        self.tracking.computed.update(found)
        self.matrix_model.recount()

    def _update_status(self) -> None:
        plan = self.model.plan
        per_level: Counter[int] = Counter()
        units: set[str] = set()
        states = {s: 0 for s in DeadlineState}
        state = self.tracking.classifier()
        for node, depth in plan.walk():  # one pass: this runs after every edit
            per_level[depth] += 1
            units.update(node.lead)
            units.update(node.responsible)
            if not node.children:
                states[state(node)] += 1
        self._plan_units, self._state_counts = units, states  # for the opening notice and the unit filter
        parts = [f"{plan.level_name(d)} {per_level[d]}" for d in sorted(per_level)]
        parts += [f"单位 {len(units)}", f"逾期 {states[DeadlineState.OVERDUE]}"]
        for flag, count in self.tracking.flag_counts(self.tracking.computed).items():
            if count:
                parts.append(f"{flag.value} {count}")
        self.counts.setText("　".join(parts))

    def _saved(self, time: str) -> None:
        self.saved_label.setText(f"已保存 {time}")

    def _flash(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    def _history_changed(self) -> None:
        """The Edit menu says what undo and redo would do, and in which plan (or the directory)."""
        for name, text in (("undo", self.editor.undo_text()), ("redo", self.editor.redo_text())):
            action = self.actions_by_name[name]
            action.setText(text or ("撤销" if name == "undo" else "重做"))
            action.setEnabled(bool(text) and not self.store.read_only)

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Duty Matrix", message)

    # -- settings ---------------------------------------------------------

    def _restore_settings(self) -> None:
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        if self.settings.window_state is not None:
            self.restoreState(self.settings.window_state)

    def save_settings(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter = self.splitter.saveState()
        self.settings.set_header(self._columns_key(), self.tree.header().saveState())
        self.settings.view = VIEWS[self.views.currentIndex()]
        if self.editor.plan_id:
            self.settings.set_tree_view(self.editor.plan_id, capture(self.tree, self.model).as_dict())
        self.settings.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._restore_splitter:  # once the window has its size, or the panels are squeezed to fit a default one
            self._restore_splitter = False
            if self.settings.splitter is not None:
                self.splitter.restoreState(self.settings.splitter)
            if self.settings.view in VIEWS:  # after the panels: each tab has its own smallest width
                self.show_view(self.settings.view)

    def closeEvent(self, event) -> None:
        if self.remember:
            self.save_settings()
        super().closeEvent(event)


def decorate_deadline(node, key: str, role: int, tracking: TrackingContext):
    """The three-colour mark beside each task's number; overdue deadlines in red, due soon in amber;
    the computed 滞后/停滞 with their reasons as the number's tooltip."""
    if node.children or key not in ("number", "deadline"):
        return None
    if role == Qt.ItemDataRole.ToolTipRole and key == "number":
        return tracking.flag_reasons(node.id) or None
    if role == Qt.ItemDataRole.DecorationRole and key == "number":
        return colour_dot(tracking.signal(node).value)
    if role == Qt.ItemDataRole.ForegroundRole and key == "deadline":
        return _TEXT_BRUSHES.get(tracking.state(node))
    return None
