"""The exchange-file format: the hidden marker that says which plan an exported
workbook belongs to, the key column and the fill-in column headers.

Written by the exporters (appendix, department sheets) and read by the
importers (returned sheets, appendix read-back); neither imports the other.

A "very hidden" sheet (not listed by Excel's or LibreOffice's Unhide) holds
key/value rows: the format, the kind of file, the plan's id and title, and
for department workbooks the unit of each sheet.  The reader of returned
files (:mod:`importers.returned_sheets`) uses it to refuse another plan's
file and to know what each sheet is.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import TYPE_CHECKING

from models.domain import Plan
from models.node_json import node_to_dict, plan_from_dict, plan_to_dict

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MARKER_SHEET = "_dutymatrix"
BASE_SHEET = "_dutymatrix_base"  # what each exported row showed: the base of a three-way merge
PLAN_SHEET = "_dutymatrix_plan"  # a hand-down workbook's derived plan: its fields, then one row per node
HANDDOWN_KIND, REPORT_UP_KIND = "handdown", "report-up"  # the marker's kind of those files
FORMAT = "dutymatrix-exchange/1"
KEY_HEADER = "编号"  # header of the hidden key column holding node ids
# The columns a department fills in (unit sheets) or an office may add (appendix 进展情况).
PROGRESS_HEADER = "进展情况"
STATUS_HEADER = "完成状态"
ISSUES_HEADER = "存在问题"
SHARE_HEADER = "完成进度（%）"  # optional, 0–100: how far the task is (for 滞后)


def write_marker(wb: Workbook, kind: str, plan_id: str, plan_title: str,
                 sheets: dict[str, dict[str, str]] | None = None, **extra: str) -> None:
    """Add the marker sheet.  ``sheets`` maps a sheet title to its own fields (e.g. unit)."""
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "veryHidden"
    rows = [("format", FORMAT), ("kind", kind), ("plan_id", plan_id), ("plan_title", plan_title),
            ("exported_at", datetime.now().isoformat(timespec="seconds"))]
    rows += [(k, v) for k, v in extra.items()]
    for title, fields in (sheets or {}).items():
        rows += [(f"sheet:{title}:{k}", v) for k, v in fields.items()]
    _write_pairs(ws, rows)


def read_marker(wb: Workbook) -> dict[str, str] | None:
    """The marker's fields, or None when the workbook has none (or not ours)."""
    if MARKER_SHEET not in wb.sheetnames:
        return None
    fields = {}
    for row in wb[MARKER_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        if row[0] is not None:
            fields[str(row[0])] = "" if row[1] is None else str(row[1])
    return fields if fields.get("format", "").startswith("dutymatrix-exchange/") else None


def sheet_fields(marker: dict[str, str], title: str) -> dict[str, str]:
    prefix = f"sheet:{title}:"
    return {k[len(prefix):]: v for k, v in marker.items() if k.startswith(prefix)}


def write_base(wb: Workbook, base: dict[str, dict[str, str]]) -> None:
    """Keep what each node's row showed when exported (node id → field → text).

    A returned value equal to it was not changed by whoever filled the file
    in, even when the list has changed since.
    """
    ws = wb.create_sheet(BASE_SHEET)
    ws.sheet_state = "veryHidden"
    _write_pairs(ws, ((node_id, json.dumps(fields, ensure_ascii=False)) for node_id, fields in base.items()))


def _write_pairs(ws, pairs) -> None:
    for r, pair in enumerate(pairs, 1):
        for c, value in enumerate(pair, 1):
            cell = ws.cell(r, c)
            cell.value = value
            cell.data_type = "s"  # never a formula


def read_base(wb: Workbook) -> dict[str, dict[str, str]]:
    if BASE_SHEET not in wb.sheetnames:
        return {}
    base = {}
    for node_id, data in wb[BASE_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        try:
            fields = json.loads(data) if isinstance(data, str) else None
        except ValueError:
            fields = None
        if isinstance(node_id, str) and isinstance(fields, dict):
            base[node_id] = {str(k): str(v) for k, v in fields.items()}
    return base


# -- the derived plan of a hand-down workbook ------------------------------------


class PlanDataError(ValueError):
    """A hand-down workbook's plan data missing, altered or unreadable; the text says which."""


def _plan_rows(plan: Plan) -> list[tuple[str, str]]:
    rows = [("plan", json.dumps({k: v for k, v in plan_to_dict(plan).items() if k != "nodes"}, ensure_ascii=False))]
    for node, parent, _ in plan.walk_with_parent():
        data = {k: v for k, v in node_to_dict(node, ids=True).items() if k != "children"}
        rows.append((node.id, json.dumps({**data, "parent": parent.id if parent else None}, ensure_ascii=False)))
    return rows


def _digest(rows) -> str:
    text = "\n".join(f"{a}\t{b}" for a, b in rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_plan_data(wb: Workbook, plan: Plan) -> str:
    """Keep the whole plan, with its ids and source links, on a very hidden sheet (one row a node, so
    that no cell outgrows Excel's 32,767 characters); returns the digest the marker keeps."""
    ws = wb.create_sheet(PLAN_SHEET)
    ws.sheet_state = "veryHidden"
    rows = _plan_rows(plan)
    _write_pairs(ws, rows)
    return _digest(rows)


def read_plan_data(wb: Workbook, digest: str) -> Plan:
    """The plan :func:`write_plan_data` kept, checked against ``digest``; raises :class:`PlanDataError`."""
    if PLAN_SHEET not in wb.sheetnames:
        raise PlanDataError("缺少清单数据")
    rows = [(a, b) for a, b in wb[PLAN_SHEET].iter_rows(min_col=1, max_col=2, values_only=True) if a is not None]
    if not all(isinstance(a, str) and isinstance(b, str) for a, b in rows):
        raise PlanDataError("清单数据格式不对")
    if not digest or _digest(rows) != digest:
        raise PlanDataError("清单数据与校验值不符，文件在导出后被改动")
    try:
        head = json.loads(rows[0][1]) if rows and rows[0][0] == "plan" else None
        if not isinstance(head, dict):
            raise PlanDataError("缺少清单信息")
        nodes: dict[str, dict] = {}
        for node_id, text in rows[1:]:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("id") != node_id or node_id in nodes:
                raise PlanDataError("任务数据不完整")
            data["children"] = []
            parent = data.pop("parent", None)
            if parent is not None and parent not in nodes:
                raise PlanDataError("任务的上级不存在")
            (nodes[parent]["children"] if parent else head.setdefault("nodes", [])).append(data)
            nodes[node_id] = data
        return plan_from_dict(head)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        if isinstance(exc, PlanDataError):
            raise
        raise PlanDataError("清单数据无法解读") from exc
