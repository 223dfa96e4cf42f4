"""`export PLAN --xlsx OUT | --docx OUT | --pdf OUT | --per-unit DIR | --matrix OUT`: writing a plan out.

Each output format is one entry of :data:`FORMATS` — its option, what it
writes to, and the function that writes it; the options form one mutually
exclusive group.  Adding a format (``--docx OUT``) is one more entry.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError, plan_id
from app.commands.export_docx import export_docx, table_options
from app.commands.export_pdf import pdf_format

if TYPE_CHECKING:
    from models.domain import Plan
    from models.store import Store

# The exporters (openpyxl, python-docx, Qt) are imported by the format that needs them, so that
# `dutymatrix list` does not load them.


def export_xlsx(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    from exporters.xlsx_appendix import write_appendix

    return [write_appendix(plan, out, table_options(args))]


def export_per_unit(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    from exporters.unit_sheets import write_unit_files, write_unit_workbook
    from exporters.file_names import file_name

    units = args.unit or None
    out.mkdir(parents=True, exist_ok=True)
    if args.one_workbook:
        return [write_unit_workbook(plan, out / f"{file_name(plan.title)}-分解表.xlsx", units, args.round,
                                    args.password)]
    return write_unit_files(plan, out, units, args.round, args.password)


def export_matrix(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    from exporters.xlsx_matrix import write_matrix

    return [write_matrix(plan, args.units, out)]


@dataclass(frozen=True)
class Format:
    metavar: str
    help: str
    write: Callable[[Plan, Path, argparse.Namespace], list[Path]]


FORMATS: dict[str, Format] = {
    "xlsx": Format("OUT", "the official appendix as one Excel sheet (.xlsx)", export_xlsx),
    "docx": Format("OUT", "the notice (印发通知) with the list as 附件, GB/T 9704 (.docx)", export_docx),
    "pdf": Format("OUT", "the notice and its appendix as PDF, made by Qt (no office suite needed)", pdf_format),
    "matrix": Format("OUT", "the responsibility matrix (tasks × units, 牵/责, totals) as .xlsx", export_matrix),
    "per_unit": Format("DIR", "per-department sheets (分解表), one file per unit in DIR", export_per_unit),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a plan as a Word notice, an Excel appendix or department sheets")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    what = p.add_mutually_exclusive_group(required=True)
    for name, fmt in FORMATS.items():
        what.add_argument(f"--{name.replace('_', '-')}", dest=name, type=Path, metavar=fmt.metavar, help=fmt.help)
    p.add_argument("--appendix-only", action="store_true", help="Word/PDF: only the appendix table, in landscape")
    table = p.add_argument_group("appendix table")
    table.add_argument("--label", default="附件", help="the label above the table (default 附件)")
    table.add_argument("--serial", action="store_true", help="a leading 序号 column")
    table.add_argument("--merge-equal", action="store_true",
                       help="merge equal consecutive lead/responsible/deadline cells under one parent")
    table.add_argument("--progress", action="store_true", help="a 进展情况 column with the latest progress")
    units = p.add_argument_group("per-department sheets")
    units.add_argument("--unit", action="append", metavar="NAME", help="only this unit (repeatable)")
    units.add_argument("--one-workbook", action="store_true", help="one workbook in DIR with a sheet per unit")
    units.add_argument("--round", help="the reporting round printed on the sheets (default: this quarter)")
    units.add_argument("--password", help="protect the sheets with this password (default: no password)")
    p.set_defaults(run=cmd_export)


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    from exporters.xlsx_style import ExportError

    plan = store.load_plan(plan_id(store, args.plan))
    name = next(n for n in FORMATS if getattr(args, n) is not None)
    args.units = store.list_units()  # the directory's order and kinds, for the matrix
    try:
        written = FORMATS[name].write(plan, getattr(args, name), args)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    for path in written:
        print(path)
