"""Per-department sheets (分解表): each unit's share of a plan, to fill in and return.

One sheet per unit — in one workbook, or one file per unit in a folder.  A
sheet lists the tasks where the unit leads or shares responsibility, with its
role and the deadline, and the columns to fill in: 进展情况, 完成状态,
完成进度（%，optional, 0–100）, 存在问题.  Column A, hidden and locked, carries each task's node id; a hidden
marker sheet names the plan, the round and each sheet's unit, so that
:mod:`importers.returned_sheets` can take the file back.

Every cell except the fill-in columns is locked and the sheet is protected
(without a password unless one is given), so a department can type its
progress and widen rows, but not change the tasks.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from exporters.notice_text import format_date
from models.file_names import file_name
from exporters.appendix_layout import DEFAULT_FONTS, FontProfile
from exporters.notice_text import printed_by
from exporters.safe_save import replacing
from models.evidence_pack import EVIDENCE_FOLDER, README, readme, row_folder
from models.exchange import (
    ISSUES_HEADER,
    KEY_HEADER,
    PROGRESS_HEADER,
    SHARE_HEADER,
    STATUS_HEADER,
    write_base,
    write_marker,
)
from exporters.xlsx_style import (
    ALL_THIN,
    THIN,
    CellStyles,
    ExportError,
    StyleSpec,
    alignment,
    body_row_heights,
    cell_height,
    height_for,
    merge_styled,
    print_setup,
    put_text,
    save_workbook,
    set_widths,
    sheet_title,
)
from models.cell_text import numbered_cell, printed_fields
from models.domain import Column, Node, Plan, Status
from models.numbering import label, number_plan
from models.units import is_umbrella

BODY_PT = 12.0
TITLE_PT = 18.0
# Rows: 1 the title, 2 the list and the round, 3–4 who reports (to fill in), 5 how to return the
# sheet, then the header (repeated on every printed page) and the tasks.
FORM_ROWS = (3, 4)
HOW_TO_ROW = 5
HEADER_ROW = 6
FIRST_BODY_ROW = 7
LEAD, RESPONSIBLE = "牵头", "责任"


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str
    width: float  # Excel character units
    fill_in: bool = False
    centered: bool = False


def sheet_columns(plan: Plan) -> list[SheetColumn]:
    columns = [
        SheetColumn("key", KEY_HEADER, 38),
        SheetColumn("context", "所属指标", 20),
        SheetColumn("task", "任务内容", 40),
        SheetColumn("role", "本单位职责", 8, centered=True),
    ]
    if any(node.lead for node, _ in plan.walk()):  # no empty 牵头单位 column
        columns.append(SheetColumn("lead", "牵头单位", 12))
    columns.append(SheetColumn("responsible", "责任单位", 14))
    if plan.uses(Column.LEADER):
        columns.append(SheetColumn("leader", "责任领导", 8, centered=True))
    columns += [
        SheetColumn("deadline", "完成时限", 12, centered=True),
        SheetColumn("progress", PROGRESS_HEADER, 30, fill_in=True),
        SheetColumn("status", STATUS_HEADER, 9, fill_in=True, centered=True),
        SheetColumn("share", SHARE_HEADER, 10, fill_in=True, centered=True),
        SheetColumn("issues", ISSUES_HEADER, 18, fill_in=True),
    ]
    return columns


@dataclass(frozen=True)
class UnitTask:
    node: Node
    role: str  # 牵头 or 责任
    number: str  # the derived label: 12.
    context: str  # the ancestors: 一、…／（一）…


def unit_tasks(plan: Plan) -> dict[str, list[UnitTask]]:
    """Each unit named in the plan → its tasks in tree order (units in order of first mention)."""
    numbers = number_plan(plan)
    tasks: dict[str, list[UnitTask]] = {}
    path: list[Node] = []
    for node, depth in plan.walk():
        del path[depth - 1:]
        context = "／".join(f"{numbers[a.id]}{a.text}" for a in path)
        path.append(node)
        for unit in node.lead:
            tasks.setdefault(unit, []).append(UnitTask(node, LEAD, numbers[node.id], context))
        for unit in node.responsible:
            if unit not in node.lead:
                tasks.setdefault(unit, []).append(UnitTask(node, RESPONSIBLE, numbers[node.id], context))
    return tasks


def task_text(task: UnitTask) -> str:
    """The numbered task as printed in the sheet (and matched when ids are lost)."""
    return numbered_cell(task.node, task.number)


def default_round(today: date | None = None) -> str:
    today = today or date.today()
    return f"{today.year}年第{label(1, (today.month - 1) // 3 + 1)[:-1]}季度"


def _styles(fonts: FontProfile) -> CellStyles:
    body = Font(name=fonts.fangsong, size=BODY_PT)
    fill = PatternFill("solid", fgColor="FFF8E1")  # pale: where to type
    return CellStyles({
        "title": StyleSpec(Font(name=fonts.title, size=TITLE_PT), alignment("center")),
        "info": StyleSpec(body, alignment("left", wrap=False)),
        "form_label": StyleSpec(body, alignment("right", wrap=False)),
        "form_value": StyleSpec(body, alignment("left", wrap=False), Border(bottom=THIN), locked=False, fill=fill),
        "how_to": StyleSpec(Font(name=fonts.fangsong, size=BODY_PT - 1), alignment("left")),
        "header": StyleSpec(Font(name=fonts.heiti, size=BODY_PT), alignment("center"), ALL_THIN),
        "body": StyleSpec(body, alignment("left"), ALL_THIN),
        "body_centered": StyleSpec(body, alignment("center"), ALL_THIN),
        "fill": StyleSpec(body, alignment("left"), ALL_THIN, locked=False, fill=fill),
        "fill_centered": StyleSpec(body, alignment("center"), ALL_THIN, locked=False, fill=fill),
        "key": StyleSpec(Font(name="Arial", size=8, color="808080"), alignment("left", wrap=False)),
    })


def _cell_values(task: UnitTask) -> dict[str, str]:
    node = task.node
    return {
        "key": node.id, "context": task.context, "task": task_text(task), "role": task.role,
        "lead": "、".join(node.lead), "responsible": "、".join(node.responsible),
        "leader": node.leader, "deadline": node.deadline,
    }


def fill_unit_sheet(ws, plan: Plan, unit: str, tasks: list[UnitTask], round: str,
                    password: str | None = None, fonts: FontProfile = DEFAULT_FONTS,
                    due: date | None = None, filled: dict[str, dict[str, str]] | None = None,
                    heading: str = "任务分解表") -> None:
    """``filled``: cells given in advance per task (node id → column key → text: a report-up's key,
    progress and status); ``heading``: what the title says after the unit's name."""
    styles = _styles(fonts)
    filled = filled or {}
    columns = sheet_columns(plan)
    widths = [c.width for c in columns]
    set_widths(ws, widths)
    n = len(columns)
    printed = widths[1:]

    for c in range(2, n + 1):
        styles.apply(ws.cell(1, c), "title")
    put_text(ws.cell(1, 2), f"{unit}{heading}")
    merge_styled(ws, 1, 2, 1, n)
    ws.row_dimensions[1].height = max(cell_height(f"{unit}{heading}", sum(printed), TITLE_PT), 30)
    roles = Counter(t.role for t in tasks)
    shown = (LEAD, RESPONSIBLE) if set(roles) <= {LEAD, RESPONSIBLE} else tuple(roles)
    deadline = f"　　报送截止：{format_date(due.isoformat())}" if due else ""
    info = (f"清单：{plan.title}　　报送轮次：{round}{deadline}　　"
            f"共{len(tasks)}项（{'，'.join(f'{role}{roles[role]}项' for role in shown)}）")
    put_text(ws.cell(2, 2), info)
    styles.apply(ws.cell(2, 2), "info")
    ws.row_dimensions[2].height = height_for(1, BODY_PT)
    _report_form(ws, plan, unit, round, columns, styles)

    for c, column in enumerate(columns, 1):
        cell = ws.cell(HEADER_ROW, c)
        put_text(cell, column.header)
        styles.apply(cell, "key" if column.key == "key" else "header")
    ws.row_dimensions[HEADER_ROW].height = max(
        cell_height(c.header, c.width, BODY_PT) for c in columns if c.key != "key")

    rows = []
    for task in tasks:
        values = {**_cell_values(task), **filled.get(task.node.id, {})}
        rows.append([values.get(c.key, "") for c in columns])
    heights = body_row_heights([r[1:] for r in rows], printed, BODY_PT)
    for r, row in enumerate(rows):
        excel_row = FIRST_BODY_ROW + r
        for c, (column, text) in enumerate(zip(columns, row), 1):
            cell = ws.cell(excel_row, c)
            if column.key == "key":
                name = "key"
            elif column.fill_in:
                name = "fill_centered" if column.centered else "fill"
            else:
                name = "body_centered" if column.centered else "body"
            styles.apply(cell, name)
            if text:
                put_text(cell, text)
        # room to type two lines of progress
        ws.row_dimensions[excel_row].height = max(heights[r], height_for(2, BODY_PT))

    ws.column_dimensions["A"].hidden = True
    last_row = FIRST_BODY_ROW + max(len(rows), 1) - 1
    status_col = get_column_letter(1 + [c.key for c in columns].index("status"))
    if rows:
        choices = "、".join(s.value for s in Status)
        check = DataValidation(type="list", formula1='"' + ",".join(s.value for s in Status) + '"',
                               allow_blank=True, showErrorMessage=True,
                               errorTitle="完成状态", error=f"请从列表中选择：{choices}",
                               showInputMessage=True, promptTitle="完成状态", prompt=f"请从下拉列表中选择：{choices}")
        check.add(f"{status_col}{FIRST_BODY_ROW}:{status_col}{last_row}")
        ws.add_data_validation(check)
        share_col = get_column_letter(1 + [c.key for c in columns].index("share"))
        share = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                               showErrorMessage=True, errorTitle="完成进度", error="请填写 0 至 100 之间的整数（百分比）")
        share.add(f"{share_col}{FIRST_BODY_ROW}:{share_col}{last_row}")
        ws.add_data_validation(share)
    print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
                print_area=f"B1:{get_column_letter(n)}{last_row}", freeze=f"C{FIRST_BODY_ROW}",
                footer_font=fonts.page_number)
    # Locked cells stay locked; rows and columns may be resized, nothing inserted or deleted.
    ws.protection = SheetProtection(sheet=True, formatRows=False, formatColumns=False,
                                    selectLockedCells=False, selectUnlockedCells=False)
    if password:
        ws.protection.password = password


def umbrella_units(plan: Plan, umbrellas: Collection[str] | None = None) -> list[str]:
    """The plan's group names (统称: 机关各科室, 各三级指标牵头科室、单位): listed, but no sheet of their own
    unless asked by name. ``umbrellas``: the directory's units of kind 统称; without it, judged by name."""
    names = unit_tasks(plan)
    return [u for u in names if (u in umbrellas if umbrellas is not None else is_umbrella(u))]


def _report_form(ws, plan: Plan, unit: str, round: str, columns: list[SheetColumn], styles: CellStyles) -> None:
    """Rows 3–4: 填报单位 / 填报人 on the left, 联系电话 / 报送日期 on the right, the values to type in
    pale cells; row 5: how to fill in and return the sheet."""
    keys = [c.key for c in columns]
    n = len(columns)
    right_label = keys.index("progress")  # 0-based: the label stands left of the fill-in columns
    pairs = [(("填报单位", unit), ("联系电话", "")), (("填报人", ""), ("报送日期", ""))]
    for row, (left, right) in zip(FORM_ROWS, pairs):
        for (label_text, value), label_col, value_cols in (
                (left, 2, (3, right_label - 1)), (right, right_label, (right_label + 1, n))):
            label_cell = ws.cell(row, label_col)
            put_text(label_cell, label_text + "：")
            styles.apply(label_cell, "form_label")
            for c in range(value_cols[0], value_cols[1] + 1):
                styles.apply(ws.cell(row, c), "form_value")
            if value:
                put_text(ws.cell(row, value_cols[0]), value)
            if value_cols[1] > value_cols[0]:
                merge_styled(ws, row, value_cols[0], row, value_cols[1])
        ws.row_dimensions[row].height = height_for(1, BODY_PT) + 4
    to = printed_by(plan) or "发文机关"
    how = (f"填报说明：请在浅黄色单元格中填写本单位各项任务的进展情况、完成状态（从下拉列表选择）和存在问题，"
           f"其他单元格已锁定；填好后保存本文件，不要增删行列或改动隐藏列，于{round}报送{to}。")
    cell = ws.cell(HOW_TO_ROW, 2)
    put_text(cell, how)
    for c in range(2, n + 1):
        styles.apply(ws.cell(HOW_TO_ROW, c), "how_to")
    merge_styled(ws, HOW_TO_ROW, 2, HOW_TO_ROW, n)
    ws.row_dimensions[HOW_TO_ROW].height = cell_height(how, sum(c.width for c in columns[1:]), BODY_PT)


def _chosen(plan: Plan, units: list[str] | None, umbrellas: Collection[str] | None = None) -> dict[str, list[UnitTask]]:
    tasks = unit_tasks(plan)
    if not tasks:
        raise ExportError(f"清单“{plan.title}”没有填写任何牵头或责任单位，无法生成分解表。")
    if units is None:
        skipped = set(umbrella_units(plan, umbrellas))
        return {u: t for u, t in tasks.items() if u not in skipped}
    unknown = [u for u in units if u not in tasks]
    if unknown:
        raise ExportError(f"清单“{plan.title}”中没有这些单位的任务：{'、'.join(unknown)}")
    return {u: tasks[u] for u in units}


def unit_workbook(plan: Plan, chosen: dict[str, list[UnitTask]], round: str,
                  password: str | None = None, due: date | None = None) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    sheets = {}
    for unit, tasks in chosen.items():
        ws = wb.create_sheet(sheet_title(unit, taken))
        fill_unit_sheet(ws, plan, unit, tasks, round, password, due=due)
        sheets[ws.title] = {"unit": unit}
    if not sheets:
        raise ExportError(f"清单“{plan.title}”没有填写任何牵头或责任单位，无法生成分解表。")
    write_marker(wb, "unit-sheets", plan.id, plan.title, sheets, round=round,
                 **({"round_due": due.isoformat()} if due else {}))
    write_base(wb, {t.node.id: printed_fields(t.node, t.number, True)
                    for tasks in chosen.values() for t in tasks})
    return wb


def write_unit_workbook(plan: Plan, path: str | Path, units: list[str] | None = None,
                        round: str | None = None, password: str | None = None,
                        umbrellas: Collection[str] | None = None, due: date | None = None) -> Path:
    """One workbook, one sheet per unit (``units`` None: every unit but the group names)."""
    path = Path(path)
    save_workbook(unit_workbook(plan, _chosen(plan, units, umbrellas), round or default_round(), password, due),
                  path)
    return path


def sheet_units(plan: Plan, units: list[str] | None = None, umbrellas: Collection[str] | None = None) -> list[str]:
    """The units that get a sheet, in the order the writers below write them."""
    return list(_chosen(plan, units, umbrellas))


def write_unit_files(plan: Plan, folder: str | Path, units: list[str] | None = None,
                     round: str | None = None, password: str | None = None,
                     umbrellas: Collection[str] | None = None, due: date | None = None) -> list[Path]:
    """One file per unit in ``folder``: 单位名.xlsx (``units`` None: every unit but the group names)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)  # the folder for the department files is made if new
    round = round or default_round()
    written = []
    taken: set[str] = set()
    for unit, tasks in _chosen(plan, units, umbrellas).items():
        path = folder / f"{sheet_title(file_name(unit), taken)}.xlsx"
        save_workbook(unit_workbook(plan, {unit: tasks}, round, password, due), path)
        written.append(path)
    return written


def write_unit_packs(plan: Plan, folder: str | Path, units: list[str] | None = None,
                     round: str | None = None, password: str | None = None,
                     umbrellas: Collection[str] | None = None, due: date | None = None) -> list[Path]:
    """One pack per unit in ``folder``: 单位名.zip holding 单位名.xlsx and a 佐证材料 folder with its
    note (说明.txt) and a subfolder per task, named by the task's row in the sheet
    (:mod:`models.evidence_pack`), for the department to put its files in."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    round = round or default_round()
    written = []
    taken: set[str] = set()
    for unit, tasks in _chosen(plan, units, umbrellas).items():
        name = sheet_title(file_name(unit), taken)
        sheet = io.BytesIO()
        unit_workbook(plan, {unit: tasks}, round, password, due).save(sheet)
        rows = [(FIRST_BODY_ROW + i, row_folder(FIRST_BODY_ROW + i, t.node.text)) for i, t in enumerate(tasks)]
        path = folder / f"{name}.zip"
        with replacing(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as pack:
            pack.writestr(f"{name}.xlsx", sheet.getvalue())
            pack.writestr(f"{EVIDENCE_FOLDER}/{README}", readme(unit, rows).encode("utf-8-sig"))
            for _, subfolder in rows:
                pack.writestr(f"{EVIDENCE_FOLDER}/{subfolder}/", b"")
        written.append(path)
    return written
