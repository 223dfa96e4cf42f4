"""Dates between Python and Qt's date fields, typed (``QDate.toPython`` is typed as ``object``)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())
