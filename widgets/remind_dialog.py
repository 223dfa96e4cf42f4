"""回收情况 → 催办…: 催办通知 to the units behind in a round, written and recorded from the window.

:class:`RemindDialog` asks which units (by default those ``remind`` would write to: not fully
reported, or with overdue tasks), one letter each or one for all, Word and/or PDF, 文号, 联系人 and
电话 (remembered), and the folder.  :func:`send_reminders` writes the files as ``remind`` does
(:func:`exporters.reminder_files.write_reminder_files`) behind the one progress dialog, then records
them as one undoable command (:meth:`editing.protocol.Editor.record_reminders`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from editing.protocol import Editor
from exporters.reminder_files import WrittenReminders, write_reminder_files
from exporters.reminder_text import ReminderOptions
from models.errors import Cancelled
from models.file_names import file_name
from models.reminders import ReminderLetter
from models.rounds import RoundStatus
from widgets.background import run_task
from widgets.export_done import offer_open
from widgets.file_dialogs import choose_folder, last_folder, remember_folder

TITLE = "催办通知"


class ContactMemory(Protocol):
    """Where the last 联系人 and 联系电话 are kept (the app's settings)."""

    reminder_contact: tuple[str, str]


@dataclass
class SessionContact:
    reminder_contact: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class ReminderChoice:
    letters: list[ReminderLetter]  # the units chosen, each with its outstanding tasks
    options: ReminderOptions
    folder: Path
    docx: bool
    pdf: bool


def _line(letter: ReminderLetter) -> str:
    tasks = f"{len(letter.tasks)} 项未报送或逾期" if letter.tasks else "无需催办的任务"
    return f"{letter.unit}　{letter.state.value}　{tasks}　{letter.ordinal or '第一次'}催办"


class RemindDialog(QDialog):
    def __init__(self, status: RoundStatus, letters: list[ReminderLetter], today: date,
                 contact: tuple[str, str] = ("", ""), parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        r = status.round
        self.setWindowTitle(f"{TITLE}（{r.name}）")
        due = f"，报送截止 {r.due:%Y年%-m月%-d日}" if r.due else ""
        heading = QLabel(f"报送轮次“{r.name}”{due}。勾选要催办的单位：", self)
        self.units = QListWidget(self)
        self.units.setObjectName("remindUnits")
        for letter in letters:
            item = QListWidgetItem(_line(letter), self.units)
            item.setData(Qt.ItemDataRole.UserRole, letter)
            if letter.tasks:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            else:  # nothing outstanding: nothing to remind of
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable))
        self.each = QRadioButton("每个单位一份", self)
        self.one_letter = QRadioButton("一份通知（各单位任务作附件）", self)
        self.each.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.each)
        kinds.addButton(self.one_letter)
        self.docx = QCheckBox("Word (.docx)", self)
        self.docx.setChecked(True)
        self.pdf = QCheckBox("PDF", self)
        self.doc_number = QLineEdit(self)
        self.doc_number.setPlaceholderText("可不填，如 ×办督〔2024〕3号")
        self.contact = QLineEdit(contact[0], self)
        self.phone = QLineEdit(contact[1], self)
        self.folder = QLineEdit(str(last_folder("export")), self)
        browse = QPushButton("浏览…", self)
        browse.setObjectName("remindBrowse")
        browse.clicked.connect(self._browse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成并记录催办")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        def row(*widgets: QWidget) -> QHBoxLayout:
            line = QHBoxLayout()
            for w in widgets:
                line.addWidget(w)
            line.addStretch(1)
            return line

        form = QFormLayout()
        form.addRow("发送方式：", row(self.each, self.one_letter))
        form.addRow("格式：", row(self.docx, self.pdf))
        form.addRow("文号：", self.doc_number)
        form.addRow("联系人：", self.contact)
        form.addRow("联系电话：", self.phone)
        folder = QHBoxLayout()
        folder.addWidget(self.folder, 1)
        folder.addWidget(browse)
        form.addRow("保存到：", folder)
        every, none = QPushButton("全选", self), QPushButton("全不选", self)
        none.setObjectName("remindNone")
        every.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        layout = QVBoxLayout(self)
        top = row(heading)
        top.addWidget(every)
        top.addWidget(none)
        layout.addLayout(top)
        layout.addWidget(self.units, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for signal in (self.units.itemChanged, self.docx.toggled, self.pdf.toggled):
            signal.connect(self._enable)
        self.resize(560, 520)
        self._enable()

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.units.count()):
            if self.units.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable:
                self.units.item(i).setCheckState(state)

    def chosen(self) -> list[ReminderLetter]:
        items = (self.units.item(i) for i in range(self.units.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def _enable(self, *args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.chosen()) and (self.docx.isChecked() or self.pdf.isChecked()))

    def _browse(self) -> None:
        folder = choose_folder(self, "export", "催办通知保存到", self.folder.text())
        if folder:
            self.folder.setText(str(folder))

    def _accept(self) -> None:
        folder = Path(self.folder.text().strip())
        if not self.folder.text().strip() or not folder.is_dir():
            QMessageBox.warning(self, TITLE, f"{folder}：文件夹不存在，请选择保存催办通知的文件夹。")
            return
        remember_folder("export", folder)
        self.accept()

    def choice(self) -> ReminderChoice:
        options = ReminderOptions(self.today, self.doc_number.text().strip(), self.contact.text().strip(),
                                  self.phone.text().strip(), one_letter=self.one_letter.isChecked())
        return ReminderChoice(self.chosen(), options, Path(self.folder.text().strip()), self.docx.isChecked(),
                              self.pdf.isChecked())


def reminder_stem(letters: list[ReminderLetter]) -> str:
    """The file name (without suffix) of a letter: ``人事科-6月调度第二次催办通知``, or for a letter
    to several units ``6月调度催办通知``: each reminder its own file."""
    first = letters[0]
    ordinal = max(letters, key=lambda letter: letter.number).ordinal
    unit = f"{first.unit}-" if len(letters) == 1 else ""
    return file_name(f"{unit}{first.round}{ordinal}催办通知")


def send_reminders(parent: QWidget | None, editor: Editor, choice: ReminderChoice) -> WrittenReminders | None:
    """Write the letters chosen and record them (one undoable command); None when cancelled or failed."""
    plan = editor.model.plan.copy()  # the worker reads its own copy, never the open tree
    batches = [choice.letters] if choice.options.one_letter else [[letter] for letter in choice.letters]

    def work(progress) -> tuple[WrittenReminders, dict[str, str]]:
        out, files = WrittenReminders(), {}
        for i, batch in enumerate(batches):
            if not progress("letters", i, len(batches)):
                raise Cancelled()
            target = choice.folder / reminder_stem(batch)
            written = write_reminder_files(plan, batch, choice.options, target.with_suffix(".docx") if choice.docx
                                           else None, target.with_suffix(".pdf") if choice.pdf else None)
            out.paths += written.paths
            out.notes += written.notes
            files.update({letter.unit: written.paths[0].name for letter in batch})
        return out, files

    done = run_task(parent, TITLE, work, "正在写入催办通知…")
    if done is None:
        return None
    written, files = done
    if not editor.record_reminders(choice.letters[0].round, choice.letters, choice.options.on, files):
        return None
    offer_open(parent, written.paths, "\n".join(written.notes))
    return written
