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

from app.commands.common import UserError, iso_date, plan_id
from app.commands.export_docx import export_docx
from app.commands.export_pdf import pdf_format

if TYPE_CHECKING:
    from exporters.appendix_layout import LayoutOptions
    from models.domain import Plan
    from models.store import Store

# The exporters (openpyxl, python-docx, Qt) are imported by the format that needs them, so that
# `dutymatrix list` does not load them.


def layout_options(args: argparse.Namespace) -> LayoutOptions:
    """The appendix options shared by every format that prints the table."""
    from exporters.appendix_layout import LayoutOptions

    return LayoutOptions(label=args.label, serial=args.serial, merge_equal_fields=args.merge_equal,
                         progress=args.progress)


def export_xlsx(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    from exporters.xlsx_appendix import write_appendix

    return [write_appendix(plan, out, layout_options(args))]


def export_per_unit(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """The sheets, recorded as sent in their round (opened when new): ``args.sent`` unit → file."""
    from exporters.unit_sheets import sheet_units, write_unit_files, write_unit_workbook
    from exporters.file_names import file_name

    units = args.unit or None
    out.mkdir(parents=True, exist_ok=True)
    if args.one_workbook:
        written = [write_unit_workbook(plan, out / f"{file_name(plan.title)}-分解表.xlsx", units, args.round,
                                       args.password, args.due)]
        args.sent = {unit: written[0].name for unit in sheet_units(plan, units)}
    else:
        written = write_unit_files(plan, out, units, args.round, args.password, args.due)
        args.sent = {unit: path.name for unit, path in zip(sheet_units(plan, units), written)}
    return written


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
    units.add_argument("--round", help="the reporting round printed on the sheets (default: this quarter); "
                       "opened in the store when new, else the sheets are added to it")
    units.add_argument("--due", type=iso_date, metavar="YYYY-MM-DD", help="the round's due date (报送截止)")
    units.add_argument("--password", help="protect the sheets with this password (default: no password)")
    p.set_defaults(run=cmd_export)


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    from exporters.xlsx_style import ExportError

    plan = store.load_plan(plan_id(store, args.plan))
    name = next(n for n in FORMATS if getattr(args, n) is not None)
    args.units = store.list_units()  # the directory's order and kinds, for the matrix
    if name == "per_unit":  # sheets go out in a round: refused before writing when it has ended
        from exporters.unit_sheets import default_round
        from models.round_store import RoundBook

        args.round = args.round or default_round()
        existing = RoundBook(store).sendable(plan.id, args.round)
        args.due = args.due or (existing.due if existing else None)  # printed on the sheets
    try:
        written = FORMATS[name].write(plan, getattr(args, name), args)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    if name == "per_unit":
        from models.units import is_umbrella

        sent = {unit: file for unit, file in args.sent.items() if not is_umbrella(unit)}
        RoundBook(store).record_sent(plan.id, args.round, sent, args.due)
    for path in written:
        print(path)
