"""The plan properties dialog: the notice's fields and how the list is laid out.

OK applies every changed field as one :meth:`~editing.plan_editor.PlanEditor.update_plan` call,
so the whole dialog is one undo step; Cancel changes nothing.
"""
from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from exporters import notice_text
from models.domain import Column, Numbering, Plan

COLUMN_LABELS = {
    Column.LEAD: "牵头单位", Column.RESPONSIBLE: "责任单位", Column.LEADER: "责任领导",
    Column.DEADLINE: "完成时限", Column.REMARKS: "备注",
}
NUMBERING_LABELS = {
    Numbering.CONTINUOUS: ("连续编号", "二级、三级指标在整张清单中连续编号，如（一）…（二十）、1…56"),
    Numbering.RESTART: ("每级重新编号", "每个上级指标下重新从（一）、1. 开始编号，与正文行文一致"),
}
DOC_NUMBER_EXAMPLE = "达市城管发〔2022〕135号"
NO_DATE = QDate(1900, 1, 1)  # the date edit's minimum, shown as 未填
_ERROR_STYLE = "color: #b00020;"
_HINT_STYLE = "color: #8a5a00;"


def default_body(title: str) -> str:
    """The notice body used when none is written, as the body field's placeholder."""
    return notice_text.default_body(title or "清单标题")


def parse_level_names(text: str) -> list[str]:
    """``一级指标 / 二级指标 / 三级指标`` → the names, blanks dropped (``/`` or ``／``)."""
    return [part.strip() for part in re.split(r"[/／]", text) if part.strip()]


def format_level_names(names: list[str]) -> str:
    return " / ".join(names)


_YEAR_BRACKETS = re.compile(r"[\[\(（【〔［﹝]\s*(\d{4})\s*[\]\)）】〕］﹞]")


def doc_number_hint(text: str) -> tuple[str, str | None]:
    """A hint about the shape of a 文号 and, when it can be fixed, the fixed spelling.

    A 文号 reads ``机关代字〔年份〕序号号`` (GB/T 9704): the year in six-sided
    brackets 〔〕, Arabic digits, no spaces, ending in 号.
    """
    if not text.strip():
        return "", None
    problems: list[str] = []
    fixed = text
    folded = "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in fixed)
    if folded != fixed:
        problems.append("数字用半角")
        fixed = folded
    unspaced = re.sub(r"[\s\u3000]+", "", fixed)
    if unspaced != fixed:
        problems.append("去掉空格")
        fixed = unspaced
    match = _YEAR_BRACKETS.search(fixed)
    if match and match.group(0) != f"〔{match.group(1)}〕":
        problems.append("年份用六角括号〔〕")
        fixed = fixed[: match.start()] + f"〔{match.group(1)}〕" + fixed[match.end():]
    if match and re.search(r"〕\d+$", fixed):
        problems.append("以“号”结尾")
        fixed += "号"
    if not match:
        return f"文号一般形如“{DOC_NUMBER_EXAMPLE}”，年份在六角括号〔〕中。", None
    if not problems:
        return "", None
    return f"文号格式：{'，'.join(problems)}。", fixed


class PlanPropertiesDialog(QDialog):
    def __init__(self, editor: Editor, plan_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.plan_id = plan_id
        self.plan: Plan = editor.store.load_plan(plan_id)
        self.applied: dict[str, object] = {}  # the fields OK changed (empty when nothing changed)
        self.setWindowTitle("清单属性")
        plan = self.plan

        # -- the notice ---------------------------------------------------------
        self.title_edit = QLineEdit(plan.title, self)
        self.title_edit.setPlaceholderText("必填，如：2022年优化营商环境目标责任清单")
        self.issuer_edit = QLineEdit(plan.issuer, self)
        self.issuer_edit.setPlaceholderText("如：达州市城市管理行政执法局")
        self.doc_number_edit = QLineEdit(plan.doc_number, self)
        self.doc_number_edit.setPlaceholderText(f"如：{DOC_NUMBER_EXAMPLE}")
        self.doc_number_hint = QLabel(self)
        self.doc_number_hint.setStyleSheet(_HINT_STYLE)
        self.doc_number_hint.setWordWrap(True)
        self.doc_number_fix = QPushButton(self)
        self.doc_number_fix.setAutoDefault(False)
        hint_row = QHBoxLayout()
        hint_row.setContentsMargins(0, 0, 0, 0)
        hint_row.addWidget(self.doc_number_hint, 1)
        hint_row.addWidget(self.doc_number_fix)
        doc_number_box = QVBoxLayout()
        doc_number_box.setContentsMargins(0, 0, 0, 0)
        doc_number_box.setSpacing(2)
        doc_number_box.addWidget(self.doc_number_edit)
        doc_number_box.addLayout(hint_row)

        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText("未填")
        self.no_date = QCheckBox("未填", self)
        self.no_date.setToolTip("尚未确定成文日期")
        self._last_date = QDate.fromString(plan.date, Qt.DateFormat.ISODate) if plan.date else QDate.currentDate()
        if not self._last_date.isValid():
            self._last_date = QDate.currentDate()
        self.date_edit.setDate(self._last_date if plan.date else NO_DATE)
        self.no_date.setChecked(plan.date is None)
        self.date_edit.setEnabled(plan.date is not None)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)

        self.recipients_edit = QLineEdit(plan.recipients, self)
        self.recipients_edit.setPlaceholderText("如：机关各科室，局属各单位")
        self.cc_edit = QLineEdit(plan.cc, self)
        self.body_edit = QPlainTextEdit(plan.body, self)
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setToolTip("留空时使用灰色显示的默认正文")
        self.body_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)

        label_width = max(self.fontMetrics().horizontalAdvance(t) for t in ("标题（必填）：", "标记说明：")) + 4

        def form_label(text: str) -> QLabel:
            widget = QLabel(text, self)
            widget.setMinimumWidth(label_width)  # both groups' fields line up
            return widget

        notice = QGroupBox("发文信息", self)
        form = QFormLayout(notice)
        form.addRow(form_label("标题（必填）："), self.title_edit)
        form.addRow(form_label("发文机关："), self.issuer_edit)
        form.addRow(form_label("文号："), doc_number_box)
        form.addRow(form_label("成文日期："), date_row)
        form.addRow(form_label("主送机关："), self.recipients_edit)
        form.addRow(form_label("抄送："), self.cc_edit)
        form.addRow(form_label("正文："), self.body_edit)

        # -- the list's layout ------------------------------------------------
        self.level_names_edit = QLineEdit(format_level_names(plan.level_names), self)
        self.level_names_edit.setPlaceholderText("一级指标 / 二级指标 / 三级指标")
        self.level_names_edit.setToolTip("从第一级起，各级名称用“/”分隔")
        self.column_boxes: dict[Column, QCheckBox] = {}
        columns_row = QHBoxLayout()
        columns_row.setContentsMargins(0, 0, 0, 0)
        for column, label in COLUMN_LABELS.items():
            box = QCheckBox(label, self)
            box.setChecked(plan.uses(column))
            self.column_boxes[column] = box
            columns_row.addWidget(box)
        columns_row.addStretch(1)
        self.numbering_buttons: dict[Numbering, QRadioButton] = {}
        self.numbering_group = QButtonGroup(self)
        numbering_row = QHBoxLayout()
        numbering_row.setContentsMargins(0, 0, 0, 0)
        for mode, (label, tip) in NUMBERING_LABELS.items():
            button = QRadioButton(label, self)
            button.setToolTip(tip)
            button.setChecked(plan.numbering == mode)
            self.numbering_group.addButton(button)
            self.numbering_buttons[mode] = button
            numbering_row.addWidget(button)
        numbering_row.addStretch(1)

        self.legend_table = QTableWidget(0, 2, self)
        self.legend_table.setObjectName("tagLegend")
        self.legend_table.setHorizontalHeaderLabels(["标记", "含义"])
        self.legend_table.verticalHeader().setVisible(False)
        self.legend_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.legend_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.legend_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.legend_table.setColumnWidth(0, 80)
        self.legend_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.legend_table.setFixedHeight(self.fontMetrics().height() * 7)
        for marker, meaning in plan.tag_legend.items():
            self.add_legend_row(marker, meaning, edit=False)
        self.add_legend_button = QPushButton("添加", self)
        self.remove_legend_button = QPushButton("删除", self)
        for legend_button in (self.add_legend_button, self.remove_legend_button):
            legend_button.setAutoDefault(False)
        legend_buttons = QVBoxLayout()
        legend_buttons.setContentsMargins(0, 0, 0, 0)
        legend_buttons.addWidget(self.add_legend_button)
        legend_buttons.addWidget(self.remove_legend_button)
        legend_buttons.addStretch(1)
        legend_row = QHBoxLayout()
        legend_row.setContentsMargins(0, 0, 0, 0)
        legend_row.addWidget(self.legend_table, 1)
        legend_row.addLayout(legend_buttons)

        layout_box = QGroupBox("清单设置", self)
        form2 = QFormLayout(layout_box)
        form2.addRow(form_label("层级名称："), self.level_names_edit)
        form2.addRow(form_label("使用的列："), columns_row)
        form2.addRow(form_label("编号方式："), numbering_row)
        form2.addRow(form_label("标记说明："), legend_row)

        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addWidget(layout_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.title_edit.textChanged.connect(self._update_body_placeholder)
        self.doc_number_edit.textChanged.connect(self._update_doc_number_hint)
        self.doc_number_fix.clicked.connect(self.fix_doc_number)
        self.no_date.toggled.connect(self._toggle_no_date)
        self.add_legend_button.clicked.connect(lambda: self.add_legend_row())
        self.remove_legend_button.clicked.connect(self.remove_legend_rows)
        self.legend_table.itemSelectionChanged.connect(self._update_legend_buttons)
        self._update_body_placeholder()
        self._update_doc_number_hint()
        self._update_legend_buttons()
        for edit in (self.title_edit, self.issuer_edit, self.doc_number_edit, self.recipients_edit, self.cc_edit,
                     self.level_names_edit):
            edit.setCursorPosition(0)  # long text shows its beginning
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())
        if editor.store.read_only:
            self.ok_button.setEnabled(False)
            self._show_error(f"只读：{editor.store.read_only_reason}，清单属性不能修改。")

    # -- live hints ---------------------------------------------------------------

    def _update_body_placeholder(self) -> None:
        self.body_edit.setPlaceholderText(default_body(self.title_edit.text().strip()))

    def _update_doc_number_hint(self) -> None:
        message, fixed = doc_number_hint(self.doc_number_edit.text())
        self.doc_number_hint.setText(message)
        self.doc_number_hint.setVisible(bool(message))
        self.doc_number_fix.setVisible(fixed is not None)
        if fixed is not None:
            self.doc_number_fix.setText(f"改为 {fixed}")
        self._fixed_doc_number = fixed

    def fix_doc_number(self) -> None:
        if self._fixed_doc_number is not None:
            self.doc_number_edit.setText(self._fixed_doc_number)

    def _toggle_no_date(self, unset: bool) -> None:
        if unset:
            if self.date_edit.date() != NO_DATE:
                self._last_date = self.date_edit.date()
            self.date_edit.setDate(NO_DATE)
        else:
            self.date_edit.setDate(self._last_date)
        self.date_edit.setEnabled(not unset)

    # -- the tag legend -------------------------------------------------------------

    def add_legend_row(self, marker: str = "", meaning: str = "", edit: bool = True) -> int:
        row = self.legend_table.rowCount()
        self.legend_table.insertRow(row)
        self.legend_table.setItem(row, 0, QTableWidgetItem(marker))
        self.legend_table.setItem(row, 1, QTableWidgetItem(meaning))
        if edit:
            self.legend_table.setCurrentCell(row, 0)
            self.legend_table.editItem(self.legend_table.item(row, 0))
        return row

    def remove_legend_rows(self) -> None:
        rows = sorted({i.row() for i in self.legend_table.selectedIndexes()}, reverse=True)
        if not rows and self.legend_table.currentRow() >= 0:
            rows = [self.legend_table.currentRow()]
        for row in rows:
            self.legend_table.removeRow(row)
        self._update_legend_buttons()

    def _update_legend_buttons(self) -> None:
        self.remove_legend_button.setEnabled(self.legend_table.rowCount() > 0)

    def _legend(self) -> dict[str, str]:
        legend: dict[str, str] = {}
        for row in range(self.legend_table.rowCount()):
            marker = (self.legend_table.item(row, 0).text() if self.legend_table.item(row, 0) else "").strip()
            meaning = (self.legend_table.item(row, 1).text() if self.legend_table.item(row, 1) else "").strip()
            if not marker and not meaning:
                continue
            if not marker:
                raise ValueError(f"标记说明第 {row + 1} 行缺少标记。")
            if marker in legend:
                raise ValueError(f"标记“{marker}”重复。")
            legend[marker] = meaning
        return legend

    # -- the result -------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        """Every plan field as the form shows it; raises ValueError with a message for the user."""
        title = self.title_edit.text().strip()
        if not title:
            raise ValueError("请填写清单标题。")
        level_names = parse_level_names(self.level_names_edit.text())
        if not level_names:
            raise ValueError("请至少填写一级层级名称，各级用“/”分隔。")
        date = None if self.no_date.isChecked() or self.date_edit.date() == NO_DATE else \
            self.date_edit.date().toString(Qt.DateFormat.ISODate)
        numbering = next((m for m, b in self.numbering_buttons.items() if b.isChecked()), self.plan.numbering)
        return {
            "title": title,
            "issuer": self.issuer_edit.text().strip(),
            "doc_number": self.doc_number_edit.text().strip(),
            "date": date,
            "recipients": self.recipients_edit.text().strip(),
            "cc": self.cc_edit.text().strip(),
            "body": self.body_edit.toPlainText().strip(),
            "level_names": level_names,
            "columns": [c for c in Column if self.column_boxes[c].isChecked()],
            "numbering": numbering,
            "tag_legend": self._legend(),
        }

    def changed_fields(self) -> dict[str, object]:
        return {k: v for k, v in self.values().items() if getattr(self.plan, k) != v}

    def accept(self) -> None:
        try:
            changed = self.changed_fields()
        except ValueError as exc:
            self._show_error(str(exc))
            if not self.title_edit.text().strip():
                self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._show_error("")
        if changed:
            self.editor.update_plan(self.plan_id, **changed)  # one command: one undo step
        self.applied = changed
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
