"""Reading a hand-down workbook (分解下达, :mod:`exporters.handdown_sheets`) as a linked plan.

The file passes the same guard as every outside file (:func:`importers.guard.check_office_zip`).  It
is recognised by its marker sheet (kind ``handdown``); the plan comes from its hidden data sheet, not
from the printed table, and is taken only when the data matches the digest the marker keeps: a file
altered or damaged since it was exported is refused, naming the file and the problem, and nothing is
imported.  The imported plan gets new ids (this store's keys) and keeps every task's source links.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from importers.guard import UnsafeFileError, check_office_zip
from importers.result import TABLE, ImportResult
from models.exchange import HANDDOWN_KIND, PlanDataError, read_marker, read_plan_data


def read_handdown(path: str | Path, max_rows: int | None = None) -> ImportResult | None:
    """The linked plan of a hand-down workbook; None for any other file (read as usual)."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    check_office_zip(path, max_rows)
    try:
        wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # noqa: BLE001 - a damaged workbook (bad XML, zip …): the ordinary reader says what is wrong
        return None
    try:
        marker = read_marker(wb)
        if marker is None or marker.get("kind") != HANDDOWN_KIND:
            return None
        try:
            plan = read_plan_data(wb, marker.get("payload_sha256", ""))
        except Exception as exc:  # noqa: BLE001 - altered data, or a damaged sheet that cannot be parsed
            why = str(exc) if isinstance(exc, PlanDataError) else "清单数据无法读取"
            raise UnsafeFileError(f"{path}：分解下达文件已被改动或损坏（{why}），未导入；"
                                  f"请向{marker.get('issuer') or '下达单位'}重新索取此文件。") from None
    finally:
        wb.close()
    plan = plan.duplicate(plan.title)  # new ids here; the links to the source stay
    result = ImportResult(path, plans=[plan], parts={plan.id: TABLE})
    result.tasks = {n.id for n in plan.walk_nodes() if not n.children}
    return result
