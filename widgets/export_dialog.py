"""Exporting a plan from the GUI: Word notice, Excel appendix, department sheets, hand-down workbooks.

The dialog shows the notice fields the document will print (so a missing 文号
or date is seen before printing), the options of the chosen format and the
target path; the export runs on a worker thread behind a progress dialog, and
afterwards offers to open the file or show its folder.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from models.file_names import file_name
from exporters.appendix_layout import FONT_PROFILES, LayoutOptions
from exporters.docx_notice import DocxOptions, notice_title, write_docx
from exporters.handdown_sheets import write_handdown_files, write_report_up
from exporters.unit_sheets import (
    default_round, sheet_units, umbrella_units, unit_tasks, write_unit_files, write_unit_packs,
)
from exporters.xlsx_appendix import write_appendix
from models.domain import Plan
from models.rounds import Round, reporting_units
from widgets.background import Progress, run_task
from widgets.date_edit import day_of, qdate
from widgets.file_dialogs import choose_folder, save_file

FORMATS = {"docx": "Word 印发通知（.docx）", "xlsx": "Excel 附件（.xlsx）", "per_unit": "部门分解表（每单位一个 .xlsx）",
           "handdown": "分解下达文件（每个承接单位一个 .xlsx）", "report_up": "向上级报送的进展（.xlsx）"}
_FOLDER_KINDS = ("per_unit", "handdown")
_FONT_NAMES = {"gb2312": "仿宋_GB2312 / 楷体_GB2312（机关常用）", "windows": "仿宋 / 楷体（Windows 自带）",
               "wps": "方正仿宋_GBK 等（信创 / WPS）"}


_SUMMARY_WIDTH = 520  # px: the notice summary wraps at this width


class ExportDialog(QDialog):
    exported = Signal(list)  # the files written
    sheets_sent = Signal(str, dict, object)  # department sheets: round name, unit → file name, due date
    handed_down = Signal(list)  # hand-down files: (receiver, file name, ids of the tasks handed) each

    def __init__(self, plan: Plan, kind: str, folder: Path | None = None, parent: QWidget | None = None,
                 umbrellas: Collection[str] | None = None, rounds: list[Round] | None = None,
                 today: date | None = None, receivers: Collection[str] = ()):
        """``receivers``: the units checked at first as receivers of a hand-down (the counties)."""
        super().__init__(parent)
        self.plan = plan
        self.umbrellas = umbrellas  # the directory's group names (统称); None: judged by name
        self.kind = kind
        self.rounds = {r.name: r for r in rounds or []}
        self.written: list[Path] = []
        self.setWindowTitle(f"导出{FORMATS[kind]}")
        self.resize(620, 0)
        folder = folder or Path.home()
        form = QFormLayout()
        if kind == "docx":
            self.notice = QLabel(self._notice_summary(), self)
            self.notice.setWordWrap(True)
            # a wrapped label asks for one line's height; give it the height of its wrapped lines
            self.notice.setMinimumWidth(_SUMMARY_WIDTH)
            self.notice.setMinimumHeight(self.notice.heightForWidth(_SUMMARY_WIDTH))
            form.addRow("通知", self.notice)
            self.appendix_only = QCheckBox("只导出附件表格（粘贴到其他通知中）", self)
            self.attachment_note = QCheckBox("正文后写“附件：…”说明", self)
            self.attachment_note.setChecked(True)
            self.letterhead = QCheckBox("套红信纸打印（留空红头和分隔线）", self)
            self.fonts = QComboBox(self)
            for key, label in _FONT_NAMES.items():
                self.fonts.addItem(label, key)
            for widget in (self.appendix_only, self.attachment_note, self.letterhead):
                form.addRow("", widget)
            form.addRow("字体", self.fonts)
        if kind in ("docx", "xlsx"):
            self.serial = QCheckBox("表格前加“序号”列", self)
            self.merge_equal = QCheckBox("合并同一上级下相同的牵头/责任/时限单元格", self)
            form.addRow("表格", self.serial)
            form.addRow("", self.merge_equal)
        if kind == "per_unit":
            groups = umbrella_units(plan, umbrellas)
            self.include_groups = QCheckBox(f"也为统称生成分解表：{'、'.join(groups)}", self)
            self.include_groups.setVisible(bool(groups))
            self.include_groups.setToolTip("统称（如“机关各科室”）不是一个单位，默认不单独生成分解表")
            form.addRow("", self.include_groups)
            self.packs = QCheckBox("打包为报送包（.zip，含“佐证材料”文件夹，部门放入材料后整包报送）", self)
            form.addRow("", self.packs)
            # the sheets go out in a round: an open one, or a new one
            today = today or date.today()
            self.round = QComboBox(self)
            self.round.setEditable(True)
            names = [r.name for r in reversed(list(self.rounds.values())) if r.is_open]
            self.round.addItems(names or [default_round(today)])
            self.due = QDateEdit(self)
            self.due.setCalendarPopup(True)
            self.due.setDisplayFormat("yyyy年M月d日")
            self.round.currentTextChanged.connect(lambda name: self._show_due(name, today))
            self._show_due(self.round.currentText(), today)
            form.addRow("报送轮次", self.round)
            form.addRow("报送截止", self.due)
        if kind == "report_up":  # the round the source asked for: its name counts the report there
            self.round = QComboBox(self)
            self.round.setEditable(True)
            self.round.addItem(default_round(today or date.today()))
            self.round.setToolTip("填写上级通知的报送轮次名称，上级合并后计入该轮次的回收情况")
            form.addRow("报送轮次", self.round)
        if kind == "handdown":  # the receivers: every unit with a task, the counties checked
            self.receiver_list = QListWidget(self)
            for unit in reporting_units(plan):
                item = QListWidgetItem(unit, self.receiver_list)
                item.setCheckState(Qt.CheckState.Checked if unit in receivers else Qt.CheckState.Unchecked)
            self.receiver_list.setMinimumHeight(self.receiver_list.sizeHintForRow(0) * min(self.receiver_list.count(), 10) + 6)
            self.receiver_list.setToolTip("每个勾选的单位得到一个分解下达文件：它牵头或参与的任务及其所属指标，"
                                      "对方导入后成为与本清单关联的清单")
            form.addRow("承接单位", self.receiver_list)
        name = file_name(self.plan.title) + {"docx": ".docx", "xlsx": ".xlsx", "per_unit": "-分解表",
                                             "handdown": "-分解下达", "report_up": "-进展报送.xlsx"}[kind]
        self.path = QLineEdit(str(folder / name), self)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow("文件夹" if kind in _FOLDER_KINDS else "保存到", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _notice_summary(self) -> str:
        plan = self.plan
        missing = [n for n, v in (("发文机关", plan.issuer), ("文号", plan.doc_number), ("成文日期", plan.date)) if not v]
        lines = [notice_title(plan), f"{plan.doc_number or '（无文号）'}　{plan.date or '（无日期）'}",
                 f"主送：{plan.recipients or '（未填）'}"]
        if missing:
            lines.append(f"⚠ {'、'.join(missing)}未填写，将留空（工具 → 清单属性 可补填）")
        return "\n".join(lines)

    def _browse(self) -> None:
        if self.kind in _FOLDER_KINDS:
            chosen = choose_folder(self, "export", "选择文件夹", self.path.text())
        else:
            pattern = "Word 文档 (*.docx)" if self.kind == "docx" else "Excel 工作簿 (*.xlsx)"
            chosen = save_file(self, "export", "保存为", Path(self.path.text()).name, pattern, self.path.text())
        if chosen:
            self.path.setText(str(chosen))

    def job(self) -> Callable[[Progress], list[Path]]:
        """The export to run, ``job(progress)``, bound to the options chosen now."""
        plan, target = self.plan.copy(), Path(self.path.text())  # the worker's own copy, never the open tree
        if self.kind == "per_unit":
            units = list(unit_tasks(plan)) if self.include_groups.isChecked() else None
            umbrellas = self.umbrellas
            round, due = self.round.currentText().strip(), day_of(self.due)
            self.sent_units = sheet_units(plan, units, umbrellas)
            sheets = write_unit_packs if self.packs.isChecked() else write_unit_files
            return lambda progress: sheets(plan, target, units, round=round, umbrellas=umbrellas, due=due)
        if self.kind == "handdown":
            receivers = self.checked_receivers()

            def hand_down(progress: Progress) -> list[Path]:
                self.handed = [(r, path.name, ids) for r, path, ids in write_handdown_files(plan, target, receivers)]
                return [target / name for _, name, _ in self.handed]
            return hand_down
        if self.kind == "report_up":
            round = self.round.currentText().strip()
            return lambda progress: [write_report_up(plan, target, round)]
        layout = LayoutOptions(serial=self.serial.isChecked(), merge_equal_fields=self.merge_equal.isChecked())
        if self.kind == "xlsx":
            return lambda progress: [write_appendix(plan, target, layout)]
        options = DocxOptions(appendix_only=self.appendix_only.isChecked(),
                              attachment_note=self.attachment_note.isChecked(),
                              letterhead=self.letterhead.isChecked(),
                              fonts=FONT_PROFILES[self.fonts.currentData()], layout=layout)

        def write(progress: Progress) -> list[Path]:
            write_docx(plan, target, options, lambda done, total: progress("rows", done, total))
            return [target]
        return write

    def checked_receivers(self) -> list[str]:
        items = (self.receiver_list.item(i) for i in range(self.receiver_list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def _show_due(self, name: str, today: date) -> None:
        known = self.rounds.get(name.strip())
        self.due.setDate(qdate(known.due if known and known.due else today + timedelta(days=14)))

    def run(self) -> None:
        """Export on a worker thread behind a progress dialog (the Word export can be cancelled);
        :attr:`exported` tells when done."""
        if self.kind == "per_unit":
            ended = self.rounds.get(self.round.currentText().strip())
            if not self.round.currentText().strip() or (ended is not None and not ended.is_open):
                QMessageBox.warning(self, "报送轮次", "请填写报送轮次；已结束的轮次不能再发送分解表。")
                return
        if self.kind == "handdown" and not self.checked_receivers():
            QMessageBox.warning(self, "承接单位", "请至少勾选一个承接单位。")
            return
        self.buttons.setEnabled(False)  # one export at a time
        try:
            written = run_task(self, "导出", self.job(), "正在导出…", cancellable=self.kind == "docx")
        finally:
            self.buttons.setEnabled(True)
        if written is None:  # cancelled, or failed and said so
            return
        self.written = list(written)
        self.accept()
        if self.kind == "per_unit":
            self.sheets_sent.emit(self.round.currentText().strip(),
                                  {u: p.name for u, p in zip(self.sent_units, self.written)},
                                  day_of(self.due))
        if self.kind == "handdown":
            self.handed_down.emit(self.handed)
        self.exported.emit(self.written)
