"""The files of a hand-down (分解下达): the workbook a receiver imports, and the report it sends up.

- **Hand-down workbook** (``<清单>-<承接单位>-分解下达.xlsx``): the receiver's derived plan
  (:func:`models.handdown.derive_plan`) as the official appendix sheet, to read and print, and on very
  hidden sheets the marker (kind ``handdown``: the source plan, the receiver, the digest of the data)
  and the derived plan itself with its source links (:func:`models.exchange.write_plan_data`).
  Another installation imports it as a linked plan (:mod:`importers.handdown_reader`).
- **Report-up workbook**: the department-sheet format (:mod:`exporters.unit_sheets`), one sheet for
  the receiver, whose key column holds the *source* tasks' ids and whose 进展情况 / 完成状态 are filled
  in from the derived plan (the state of a task with sub-tasks: :func:`models.handdown.reported_state`);
  the receiver's own sub-tasks follow their task as rows without a key (role 细化), whose texts the
  merge adds to their task's report.  Its marker (kind
  ``report-up``) names the source plan, so ``merge`` in the source installation takes it back.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from exporters.appendix_layout import LayoutOptions, build_appendix
from exporters.unit_sheets import UnitTask, default_round, fill_unit_sheet
from exporters.xlsx_appendix import appendix_workbook
from exporters.xlsx_style import ExportError, save_workbook, sheet_title
from models.domain import Plan
from models.exchange import HANDDOWN_KIND, REPORT_UP_KIND, write_marker, write_plan_data
from models.file_names import file_name
from models.handdown import (
    ROLE_LINKED,
    ROLE_OWN,
    HanddownError,
    derive_plan,
    handed_ids,
    is_linked,
    own_below,
    reported_state,
    source_of,
)
from models.numbering import number_plan


def handdown_workbook(source: Plan, derived: Plan, receiver: str) -> Workbook:
    wb = appendix_workbook(derived, build_appendix(derived, LayoutOptions()), key_column=False, markers=False)
    digest = write_plan_data(wb, derived)
    write_marker(wb, HANDDOWN_KIND, source.id, source.title, receiver=receiver, issuer=source.issuer,
                 derived_plan=derived.id, payload_sha256=digest)
    return wb


def write_handdown_files(plan: Plan, folder: str | Path, receivers: list[str],
                         subtrees: list[str] | None = None) -> list[tuple[str, Path, list[str]]]:
    """One hand-down workbook per receiver in ``folder``: (receiver, file, ids of the handed tasks)."""
    if not receivers:
        raise ExportError("请至少指定一个承接单位（--unit）。")
    try:
        made = [(r, derive_plan(plan, r, subtrees), handed_ids(plan, r, subtrees)) for r in receivers]
    except HanddownError as exc:
        raise ExportError(str(exc)) from exc
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for receiver, derived, handed in made:  # the receiver's whole name, however long the title
        path = folder / f"{file_name(plan.title, 40)}-{file_name(receiver, 40)}-分解下达.xlsx"
        save_workbook(handdown_workbook(plan, derived, receiver), path)
        written.append((receiver, path, handed))
    return written


def report_up_workbook(plan: Plan, round: str) -> Workbook:
    """The receiver's report on its derived plan, for the source plan (see the module's text)."""
    try:
        link = source_of(plan)
    except HanddownError as exc:
        raise ExportError(str(exc)) from exc
    numbers = number_plan(plan)
    tasks: list[UnitTask] = []
    filled: dict[str, dict[str, str]] = {}
    path: list[str] = []
    for node, depth in plan.walk():
        del path[depth - 1:]
        context = "／".join(path)
        path.append(f"{numbers[node.id]}{node.text}")
        if not is_linked(node):
            continue
        tasks.append(UnitTask(node, ROLE_LINKED, numbers[node.id], context))
        filled[node.id] = {"key": node.sources[0].node_id, "progress": node.progress,
                           "status": reported_state(node).value}
        for sub in own_below(node):
            tasks.append(UnitTask(sub, ROLE_OWN, numbers[sub.id], f"{numbers[node.id]}{node.text}"))
            filled[sub.id] = {"key": "", "progress": sub.progress, "status": sub.status.value}
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet(sheet_title(link.receiver))
    fill_unit_sheet(ws, plan, link.receiver, tasks, round, filled=filled, heading="任务进展报送表")
    write_marker(wb, REPORT_UP_KIND, link.plan_id, link.plan_title, {ws.title: {"unit": link.receiver}},
                 round=round, derived_plan=plan.id, derived_title=plan.title)
    return wb


def write_report_up(plan: Plan, path: str | Path, round: str | None = None, today: date | None = None) -> Path:
    path = Path(path)
    save_workbook(report_up_workbook(plan, round or default_round(today)), path)
    return path
