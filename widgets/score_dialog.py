"""The assessment dialog (考核得分): the plan's scoring rules beside the scores they give, live.

Every change of a rule or of the calculation date recomputes the scores at once
(:func:`models.scoring.compute_scores`); nothing is written until 保存规则, which is one
undoable plan edit.  Clicking a unit's figure lists the items behind it (the tasks and
events, each with its points).  加减分… enters a manual item with its reason (undoable).
"""
from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editing.protocol import Editor
from exporters.notice_text import format_day
from models.scoring import (
    RULE_ORDER,
    ScoringRules,
    UnitScore,
    compute_scores,
    describe_rules,
    figure,
    store_events,
)
from models.store import ScoreAdjustment

# (field, label, minimum, maximum, decimals, suffix) of each figure of the rules, in form order
_FIGURES = [
    ("base", "基础分（每单位）", 0, 10000, 1, " 分"),
    ("task_points", "无分值任务的分值", 0, 1000, 1, " 分"),
    ("on_time", "按时完成（每项）", -100, 100, 2, " 分"),
    ("early", "提前完成", -100, 100, 2, " 分"),
    ("late", "逾期", -100, 100, 2, " 分"),
    ("sent_back", "退回（每次）", -100, 100, 2, " 分"),
    ("not_reported", "未报送（每轮）", -100, 100, 2, " 分"),
    ("rate_points", "按时完成率满分", 0, 1000, 1, " 分"),
    ("rate_threshold", "达标完成率", 0, 100, 1, " %"),
    ("rate_step", "每低 1 个百分点扣", 0, 100, 2, " 分"),
    ("lead_weight", "牵头单位计分比例", 0, 100, 0, " %"),
    ("responsible_weight", "责任单位计分比例", 0, 100, 0, " %"),
]
_PERCENT = {"lead_weight", "responsible_weight"}  # stored as shares (0.5), shown as percents (50 %)
_PER_DAY = {"early": "early_per_day", "late": "late_per_day"}


class ScoreDialog(QDialog):
    def __init__(self, editor: Editor, plan_id: str, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.editor, self.store, self.plan_id = editor, editor.store, plan_id
        self.plan = self.store.load_plan(plan_id)
        self.setWindowTitle(f"考核得分 — {self.plan.title}")
        self.scores: list[UnitScore] = []
        self._events_at: date | None = None
        self._events: list = []

        self.spins: dict[str, QDoubleSpinBox] = {}
        self.per_day: dict[str, QCheckBox] = {}
        form = QFormLayout()
        self.base_mode = QComboBox()
        self.base_mode.addItem("每单位固定基础分", False)
        self.base_mode.addItem("按任务分值（分值列）", True)
        form.addRow("基础分方式", self.base_mode)
        for name, label, low, high, decimals, suffix in _FIGURES:
            spin = QDoubleSpinBox()
            spin.setRange(low, high)
            spin.setDecimals(decimals)
            spin.setSuffix(suffix)
            self.spins[name] = spin
            if name in _PER_DAY:
                box = QCheckBox("按天")
                self.per_day[name] = box
                row = QHBoxLayout()
                row.addWidget(spin, 1)
                row.addWidget(box)
                form.addRow(label, row)
            else:
                form.addRow(label, spin)
        self.at = QDateEdit()
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy年M月d日")
        day = today()
        self.at.setDate(QDate(day.year, day.month, day.day))
        form.addRow("计算日期", self.at)
        rules_box = QGroupBox("评分规则")
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addLayout(form)
        self.rules_text = QLabel(wordWrap=True)
        self.rules_text.setStyleSheet("color: #555")
        rules_layout.addWidget(self.rules_text)
        buttons = QHBoxLayout()
        self.defaults_button = QPushButton("恢复默认规则")
        self.save_button = QPushButton("保存规则")
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        rules_layout.addLayout(buttons)
        rules_layout.addStretch(1)

        self.summary = QTableWidget(0, 0)
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.summary.verticalHeader().hide()
        self.summary.horizontalHeader().setStretchLastSection(True)
        self.detail_label = QLabel("点击单位或分数，查看其得分明细。")
        self.detail = QTableWidget(0, 4)
        self.detail.setHorizontalHeaderLabels(["考核项目", "任务", "说明", "得分"])
        self.detail.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.detail.verticalHeader().hide()
        self.detail.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel()
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.summary, 3)
        right_layout.addWidget(self.detail_label)
        right_layout.addWidget(self.detail, 2)

        splitter = QSplitter()
        splitter.addWidget(rules_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        self.adjust_button = QPushButton("加减分…")
        self.xlsx_button = QPushButton("导出 Excel…")
        self.pdf_button = QPushButton("导出 PDF…")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        for button in (self.adjust_button, self.xlsx_button, self.pdf_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1180, 680)

        self.set_rules(self._saved_rules())
        for spin in self.spins.values():
            spin.valueChanged.connect(self.refresh)
        for box in self.per_day.values():
            box.toggled.connect(self.refresh)
        self.base_mode.currentIndexChanged.connect(self.refresh)
        self.at.dateChanged.connect(self.refresh)
        self.summary.cellClicked.connect(self.show_detail)
        self.defaults_button.clicked.connect(lambda: self.set_rules(ScoringRules()))
        self.save_button.clicked.connect(self.save_rules)
        self.adjust_button.clicked.connect(self.ask_adjustment)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        editor.scores_changed.connect(self._adjustments_changed)
        editor.plan_opened.connect(self._plan_changed)  # undo of 保存规则
        self.adjust_button.setEnabled(not self.store.read_only)  # 保存规则: refresh() decides

    # -- rules ------------------------------------------------------------

    def _saved_rules(self) -> ScoringRules:
        try:
            return ScoringRules.from_dict(self.plan.scoring)
        except ValueError:
            return ScoringRules()

    def set_rules(self, rules: ScoringRules) -> None:
        widgets = [*self.spins.values(), *self.per_day.values(), self.base_mode]
        for w in widgets:
            w.blockSignals(True)
        for name, spin in self.spins.items():
            value = getattr(rules, name)
            spin.setValue(value * 100 if name in _PERCENT else value)
        for name, box in self.per_day.items():
            box.setChecked(getattr(rules, _PER_DAY[name]))
        self.base_mode.setCurrentIndex(1 if rules.base_per_task else 0)
        for w in widgets:
            w.blockSignals(False)
        self.refresh()

    def rules(self) -> ScoringRules:
        values: dict[str, object] = {name: spin.value() / 100 if name in _PERCENT else spin.value()
                                     for name, spin in self.spins.items()}
        values.update({_PER_DAY[name]: box.isChecked() for name, box in self.per_day.items()})
        values["base_per_task"] = bool(self.base_mode.currentData())
        return ScoringRules(**values)  # type: ignore[arg-type]

    def save_rules(self) -> None:
        rules = self.rules()
        self.editor.update_plan(self.plan_id, scoring={} if rules == ScoringRules() else rules.to_dict())
        self.plan = self.store.load_plan(self.plan_id)
        self.refresh()

    def _plan_changed(self, plan_id: str) -> None:
        if plan_id == self.plan_id:
            self.plan = self.store.load_plan(self.plan_id)
            self.set_rules(self._saved_rules())

    # -- scores -----------------------------------------------------------

    def day(self) -> date:
        day = self.at.date()
        return date(day.year(), day.month(), day.day())

    def _adjustments_changed(self, plan_id: str) -> None:
        if plan_id == self.plan_id:
            self._events_at = None
            self.refresh()

    def refresh(self) -> None:
        at, rules = self.day(), self.rules()
        if self._events_at != at:
            self._events, self._events_at = store_events(self.store, self.plan, at), at
        self.scores = compute_scores(self.plan, self._events, rules)
        self.spins["base"].setEnabled(not rules.base_per_task)
        self.spins["task_points"].setEnabled(rules.base_per_task)
        self.rules_text.setText("；".join(describe_rules(rules)) + "。")
        saved = rules == self._saved_rules()
        self.save_button.setEnabled(not saved and not self.store.read_only)
        self.status.setText(f"计算日期 {format_day(at)}，{len(self.scores)} 个单位"
                            + ("" if saved else "（规则已修改，尚未保存）"))
        self._fill_summary()

    def rules_shown(self) -> list[str]:
        used = {item.rule for s in self.scores for item in s.items}
        return [r for r in RULE_ORDER if r in used]

    def _fill_summary(self) -> None:
        from exporters.score_table import ranks

        current = self.summary.currentRow()
        unit = self.summary.item(current, 1).text() if current >= 0 and self.summary.item(current, 1) else None
        rules = self.rules_shown()
        self.summary.clear()
        self.summary.setColumnCount(3 + len(rules))
        self.summary.setHorizontalHeaderLabels(["排名", "单位", "总分", *rules])
        self.summary.setRowCount(len(self.scores))
        for row, (rank, score) in enumerate(ranks(self.scores)):
            by_rule = score.by_rule()
            cells = [str(rank), score.unit, str(figure(score.total)),
                     *(str(figure(by_rule[r])) if r in by_rule else "" for r in rules)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.summary.setItem(row, column, item)
        self.summary.resizeColumnsToContents()
        rows = [r for r in range(self.summary.rowCount()) if self.summary.item(r, 1).text() == unit]
        if rows:
            self.summary.setCurrentCell(rows[0], max(self.summary.currentColumn(), 0))
            self.show_detail(rows[0], self.summary.currentColumn())
        else:
            self.detail.setRowCount(0)

    def show_detail(self, row: int, column: int) -> None:
        """The items behind a unit's figure: all of them (unit, rank, total) or those of one rule."""
        unit = self.summary.item(row, 1).text()
        score = next(s for s in self.scores if s.unit == unit)
        rules = self.rules_shown()
        rule = rules[column - 3] if column >= 3 else None
        items = [i for i in score.items if rule is None or i.rule == rule]
        self.detail_label.setText(f"{unit}{'·' + rule if rule else ''}：{len(items)} 项，"
                                  f"合计 {figure(sum(i.points for i in items))} 分")
        self.detail.setRowCount(len(items))
        for r, item in enumerate(items):
            for c, text in enumerate([item.rule, item.task, item.detail, str(figure(item.points))]):
                cell = QTableWidgetItem(text)
                if c == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.detail.setItem(r, c, cell)
        self.detail.resizeColumnToContents(0)
        self.detail.resizeColumnToContents(2)

    # -- manual items and exports -------------------------------------------

    def ask_adjustment(self) -> None:
        dialog = AdjustmentDialog([s.unit for s in self.scores], self._selected_unit(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_adjustment(*dialog.values())

    def _selected_unit(self) -> str | None:
        row = self.summary.currentRow()
        return self.summary.item(row, 1).text() if row >= 0 and self.summary.item(row, 1) else None

    def add_adjustment(self, unit: str, points: float, reason: str, user: str | None = None) -> bool:
        return self.editor.add_adjustment(ScoreAdjustment.new(
            self.plan_id, unit, points, reason, user or getpass.getuser(), self.day().isoformat()))

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        from exporters.score_table import score_tables

        if path is None:
            pattern = "Excel 工作簿 (*.xlsx)" if kind == "xlsx" else "PDF 文件 (*.pdf)"
            chosen, _ = QFileDialog.getSaveFileName(self, "导出考核得分表", f"{self.plan.title}考核得分表.{kind}",
                                                    pattern)
            if not chosen:
                return None
            path = Path(chosen)
        tables = score_tables(self.plan, self.scores, self.rules(), self.day())
        try:
            if kind == "xlsx":
                from exporters.score_table import write_score_xlsx

                return write_score_xlsx(tables, path)
            from exporters.pdf_document import write_tables_pdf

            return write_tables_pdf(tables, path).path
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "导出失败", f"{path}：{exc}")
            return None


class AdjustmentDialog(QDialog):
    """Unit, points (+ 加分, − 减分) and the reason, which must be given."""

    def __init__(self, units: list[str], unit: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("登记加减分")
        self.unit = QComboBox()
        self.unit.addItems(units)
        if unit in units:
            self.unit.setCurrentText(unit)
        self.points = QDoubleSpinBox()
        self.points.setRange(-1000, 1000)
        self.points.setDecimals(2)
        self.points.setSuffix(" 分")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如：获省级表彰；材料报送不规范")
        form = QFormLayout(self)
        form.addRow("单位", self.unit)
        form.addRow("分值（减分填负数）", self.points)
        form.addRow("事由", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(self._check)
        self.points.valueChanged.connect(self._check)

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.reason.text().strip()) and self.points.value() != 0)

    def values(self) -> tuple[str, float, str]:
        return self.unit.currentText(), self.points.value(), self.reason.text().strip()


def open_scores(parent: QWidget | None, editor: Editor, plan_id: str,
                today: Callable[[], date] = date.today) -> ScoreDialog:
    dialog = ScoreDialog(editor, plan_id, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
