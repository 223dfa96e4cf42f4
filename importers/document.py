"""What every reader produces: paragraphs and tables in document order.

Readers (:mod:`importers.txt_reader`, :mod:`importers.docx_reader`,
:mod:`importers.xlsx_reader`) turn a file into a :class:`SourceDoc`; the rest
of the importer never knows which kind of file it came from.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Table:
    rows: list[list[str]]
    merged: bool = False  # merged cells were filled in by the reader (Word, Excel)
    name: str = ""  # the sheet's name for workbooks


@dataclass
class SourceDoc:
    path: Path
    blocks: list[str | Table] = field(default_factory=list)  # paragraphs and tables
    notes: list[tuple[str, str]] = field(default_factory=list)  # (warning kind, message) from the reader
    # A document in traditional script is read in simplified script; this writes found text back
    back: Callable[[str], str] | None = None

    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
