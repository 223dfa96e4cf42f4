"""`export PLAN --xlsx OUT | --docx OUT | --pdf OUT | --per-unit DIR [--zip] | --matrix OUT | --handdown DIR |
--report-up OUT | --dossier OUT.zip | --history OUT`: writing a plan out.

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
    """Every unit but the group names (统称), which get a sheet only when named with --unit; the sheets
    are recorded as sent in their round (opened when new): ``args.sent`` unit → file."""
    from exporters.unit_sheets import sheet_units, write_unit_files, write_unit_packs, write_unit_workbook
    from models.file_names import file_name
    from models.domain import UnitKind

    units = args.unit or None
    umbrellas = {u.name for u in args.units if u.kind is UnitKind.UMBRELLA}
    out.mkdir(parents=True, exist_ok=True)
    if args.zip:
        written = write_unit_packs(plan, out, units, args.round, args.password, umbrellas, args.due)
        args.sent = {unit: path.name for unit, path in zip(sheet_units(plan, units, umbrellas), written)}
    elif args.one_workbook:
        written = [write_unit_workbook(plan, out / f"{file_name(plan.title)}-分解表.xlsx", units, args.round,
                                       args.password, umbrellas, args.due)]
        args.sent = {unit: written[0].name for unit in sheet_units(plan, units, umbrellas)}
    else:
        written = write_unit_files(plan, out, units, args.round, args.password, umbrellas, args.due)
        args.sent = {unit: path.name for unit, path in zip(sheet_units(plan, units, umbrellas), written)}
    return written


def export_dossier(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """The 台账资料 pack: appendix, score table, returned files kept, evidence, 索引.xlsx."""
    from datetime import date

    from exporters.dossier import write_dossier
    from models.returned_copies import kept_returned
    from models.scoring import ScoringRules, plan_scores

    store = args.store
    at = date.today()
    try:
        rules = ScoringRules.from_dict(plan.scoring)
    except ValueError as exc:
        raise UserError(f"清单“{plan.title}”的评分规则有误（{exc}）") from None
    entry_units = {e.id: e.unit for e in store.plan_progress(plan.id) if e.unit}
    path, _ = write_dossier(plan, out, plan_scores(store, plan, at), rules, at, kept_returned(store.path, plan.id),
                            store.plan_evidence(plan.id), store.evidence_dir, entry_units)
    return [path]


def export_history(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """留痕: every dated entry of the plan, newest first, as one print-ready sheet."""
    from exporters.view_tables import history_table
    from exporters.xlsx_appendix import write_table
    from models.history import plan_history

    return [write_table(plan, history_table(plan, plan_history(args.store, plan.id)), out, "留痕记录")]


def export_matrix(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    from exporters.xlsx_matrix import write_matrix

    return [write_matrix(plan, args.units, out)]


def export_handdown(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """One hand-down workbook per receiver (``--unit``); what went to whom is recorded after (``args.handed``)."""
    from exporters.handdown_sheets import write_handdown_files

    made = write_handdown_files(plan, out, args.unit or [], args.node)
    args.handed = made
    return [path for _, path, _ in made]


def export_report_up(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    from exporters.handdown_sheets import write_report_up

    return [write_report_up(plan, out, args.round)]


@dataclass(frozen=True)
class Format:
    metavar: str
    help: str
    write: Callable[[Plan, Path, argparse.Namespace], list[Path]]


FORMATS: dict[str, Format] = {
    "xlsx": Format("输出文件", "正式附件，一个 Excel 工作表（.xlsx）", export_xlsx),
    "docx": Format("输出文件", "印发通知，清单作附件，按 GB/T 9704（.docx）", export_docx),
    "pdf": Format("输出文件", "通知及附件的 PDF（不需要办公软件）", pdf_format),
    "matrix": Format("输出文件", "责任矩阵（任务 × 单位，牵/责，合计），.xlsx", export_matrix),
    "per_unit": Format("文件夹", "部门分解表，每个单位一个文件，写在文件夹中", export_per_unit),
    "handdown": Format("文件夹", "分解下达：每个承接单位（--unit）一个工作簿，对方导入为关联的清单", export_handdown),
    "report_up": Format("输出文件", "向上级报送：本清单中下达任务的进展（含本级细化的子任务），.xlsx", export_report_up),
    "dossier": Format("输出文件", "台账资料包（.zip）：附件、考核得分表、回收的分解表和佐证材料，按单位和任务分文件夹，附索引",
                      export_dossier),
    "history": Format("输出文件", "留痕记录：进展、状态、催办、轮次和合并，按日期由近及远（.xlsx）", export_history),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出清单：Word 印发通知、Excel 附件、PDF、部门分解表或责任矩阵")
    p.add_argument("plan", metavar="清单", help="清单：`list` 列出的序号、编号或完整标题")
    what = p.add_mutually_exclusive_group(required=True)
    for name, fmt in FORMATS.items():
        what.add_argument(f"--{name.replace('_', '-')}", dest=name, type=Path, metavar=fmt.metavar, help=fmt.help)
    p.add_argument("--appendix-only", action="store_true", help="Word/PDF：只导出附件表格（横向）")
    table = p.add_argument_group("附件表格")
    table.add_argument("--label", default="附件", metavar="文字", help="表格上方的标注（默认“附件”）")
    table.add_argument("--serial", action="store_true", help="表格前加“序号”列")
    table.add_argument("--merge-equal", action="store_true",
                       help="合并同一上级下相邻相同的牵头/责任/时限单元格")
    table.add_argument("--progress", action="store_true", help="加“进展情况”列（最近一次进展）")
    units = p.add_argument_group("部门分解表、分解下达、向上级报送")
    units.add_argument("--unit", action="append", metavar="单位",
                       help="只导出该单位（可重复）；分解下达：承接单位（县区、部门，必填，可重复）")
    pack = units.add_mutually_exclusive_group()
    pack.add_argument("--one-workbook", action="store_true", help="在文件夹中写一个工作簿，每个单位一个工作表")
    pack.add_argument("--zip", action="store_true",
                      help="每个单位一个 .zip 报送包：分解表和“佐证材料”文件夹（按行号分子文件夹，附说明）")
    units.add_argument("--round", metavar="轮次", help="表上印的报送轮次（默认本季度）；新的轮次随之开启，已有的轮次加入这些单位；"
                       "向上级报送：上级清单的报送轮次名称")
    units.add_argument("--due", type=iso_date, metavar="YYYY-MM-DD", help="报送截止日期（印在表上）")
    units.add_argument("--password", metavar="密码", help="用此密码保护工作表（默认无密码）")
    units.add_argument("--node", action="append", metavar="编号",
                       help="分解下达：只下达这一任务及其下级（可重复；默认：承接单位牵头或参与的任务）")
    p.set_defaults(run=cmd_export)


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    from exporters.xlsx_style import ExportError

    plan = store.load_plan(plan_id(store, args.plan))
    name = next(n for n in FORMATS if getattr(args, n) is not None)
    if args.zip and name != "per_unit":
        raise UserError("--zip 只能与 --per-unit 同用（每个单位一个报送包）。")
    args.units = store.list_units()  # the directory's order and kinds, for the matrix
    args.store = store  # the dossier reads the history, evidence and kept files
    if name == "per_unit":  # sheets go out in a round: refused before writing when it has ended
        from exporters.unit_sheets import default_round
        from models.round_store import RoundBook

        args.round = args.round or default_round()
        existing = RoundBook(store).sendable(plan.id, args.round)
        args.due = args.due or (existing.due if existing else None)  # printed on the sheets
    if name == "handdown":  # recorded after writing: refused before, in a store that cannot be written
        store.check_writable()
    try:
        written = FORMATS[name].write(plan, getattr(args, name), args)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    if name == "per_unit":
        from models.units import is_umbrella

        sent = {unit: file for unit, file in args.sent.items() if not is_umbrella(unit)}
        RoundBook(store).record_sent(plan.id, args.round, sent, args.due)
    if name == "handdown":
        from datetime import date

        for receiver, path, handed in args.handed:
            store.record_handdown(receiver, handed, date.today().isoformat(), path.name)
    for path in written:
        print(path)
