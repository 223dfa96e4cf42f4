"""催办通知 written to files, the same for ``remind`` and the window: the letters as one .docx
and/or one PDF (:mod:`exporters.docx_reminder`, :mod:`exporters.reminder_pdf`).

The PDF needs a ``QGuiApplication``; python-docx and Qt's PDF writer are imported only when
their format is asked for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exporters.reminder_text import ReminderOptions
from models.domain import Plan
from models.reminders import ReminderLetter


@dataclass
class WrittenReminders:
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # fonts stood in for, one line per PDF that needed any


def write_reminder_files(plan: Plan, letters: list[ReminderLetter], options: ReminderOptions,
                         docx: Path | None = None, pdf: Path | None = None) -> WrittenReminders:
    """Write the letters to ``docx`` and/or ``pdf``."""
    out = WrittenReminders()
    if docx is not None:
        from exporters.docx_reminder import write_reminders

        out.paths.append(write_reminders(plan, letters, docx, options))
    if pdf is not None:
        from exporters.reminder_pdf import write_reminders_pdf

        result = write_reminders_pdf(plan, letters, pdf, options)
        if result.fonts.stand_ins:
            out.notes.append(f"{pdf}：{result.fonts.describe()}")
        out.paths.append(result.path)
    return out
