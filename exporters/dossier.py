"""The 台账资料 pack: everything about a plan's assessment in one zip, with an index sheet.

Folders: ``附件/`` the appendix (:mod:`exporters.xlsx_appendix`), ``考核得分/`` the score table
(:mod:`exporters.score_table`), ``回收的分解表/<单位>/`` every returned file kept when it was merged
(:mod:`models.returned_copies`), ``佐证材料/<单位>/<任务>/`` the evidence files — a file of a progress
entry under the unit that reported it, a task's own under its first lead unit — and ``索引.xlsx``
listing every file with its unit, task, size, SHA-256 and state.  A missing evidence file is
listed as such and not packed; a changed one is packed and marked.
"""
from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from exporters.safe_save import replacing
from exporters.score_table import score_tables, write_score_xlsx
from exporters.xlsx_appendix import write_appendix
from exporters.xlsx_style import ALL_THIN, body_row_heights, print_setup, put_text, set_widths
from models.domain import Plan
from models.evidence import EvidenceFile, EvidenceState, check, digest
from models.file_names import file_name
from models.numbering import number_plan
from models.returned_copies import NO_UNIT
from models.scoring import ScoringRules, UnitScore

INDEX = "索引.xlsx"
_HEADERS = [("序号", 6), ("类别", 14), ("单位", 14), ("任务", 28), ("压缩包内的文件", 44), ("原文件名", 20),
            ("大小（字节）", 12), ("SHA-256", 22), ("状态", 11), ("日期", 12)]
_PT = 10.0


@dataclass(frozen=True)
class DossierEntry:
    category: str  # 附件 | 考核得分 | 回收的分解表 | 佐证材料
    unit: str
    task: str
    inside: str  # the path in the zip ("" when the file is missing)
    name: str  # the file's own name
    size: int
    sha256: str
    state: str = EvidenceState.OK.value
    day: str = ""
    source: Path | None = None  # the file on disk, None when missing


def _file(category: str, unit: str, task: str, inside: str, path: Path, day: str = "") -> DossierEntry:
    return DossierEntry(category, unit, task, inside, Path(inside).name, path.stat().st_size, digest(path), day=day,
                        source=path)


def dossier_entries(plan: Plan, appendix: Path, scores: Path, returned: list[tuple[str, Path]],
                    evidence: list[EvidenceFile], evidence_dir: Path, entry_units: dict[str, str]) -> list[DossierEntry]:
    """What goes in the pack, in the index's order.  ``entry_units``: progress entry id → its unit."""
    title = file_name(plan.title, 40)
    entries = [_file("附件", "", "", f"附件/{title}.xlsx", appendix),
               _file("考核得分", "", "", f"考核得分/{title}-考核得分.xlsx", scores)]
    for unit, path in returned:
        entries.append(_file("回收的分解表", unit, "", f"回收的分解表/{unit}/{path.name}", path, path.name[:10]))
    numbers = number_plan(plan)
    nodes = {n.id: n for n, _ in plan.walk()}
    for e in evidence:
        node = nodes[e.node_id]
        unit = entry_units.get(e.entry_id or "") or next(iter(node.lead + node.responsible), "") or NO_UNIT
        task = f"{numbers[node.id]}{node.text}"
        state = check(evidence_dir, e)
        inside = f"佐证材料/{file_name(unit)}/{file_name(task, 40)}/{e.path}"
        present = state is not EvidenceState.MISSING
        entries.append(DossierEntry("佐证材料", unit, task, inside if present else "", e.name, e.size, e.sha256,
                                    state.value, e.added_on, evidence_dir / e.path if present else None))
    return entries


def _index(entries: list[DossierEntry], plan: Plan, at: date) -> Workbook:
    """One row per file, printed A4 landscape one page wide, each row as high as its text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "索引"
    put_text(ws.cell(1, 1), f"{plan.title}台账资料索引（{at.isoformat()}，共 {len(entries)} 个文件）")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    widths = [w for _, w in _HEADERS]
    rows = [[str(i), e.category, e.unit, e.task, e.inside or "（未打包）", e.name, str(e.size), e.sha256, e.state, e.day]
            for i, e in enumerate(entries, 1)]
    for r, row in enumerate([[h for h, _ in _HEADERS]] + rows, 2):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            put_text(cell, value)
            cell.font = Font(bold=r == 2, size=_PT)
            cell.alignment = Alignment(wrap_text=True, vertical="center" if r == 2 else "top")
            cell.border = ALL_THIN
    for r, height in enumerate(body_row_heights(rows, widths, _PT), 3):
        ws.row_dimensions[r].height = height
    set_widths(ws, widths)
    print_setup(ws, title_rows="2:2", print_area=f"A1:{get_column_letter(len(widths))}{len(rows) + 2}", freeze="A3")
    return wb


def write_dossier(plan: Plan, out: str | Path, scores: list[UnitScore], rules: ScoringRules, at: date,
                  returned: list[tuple[str, Path]], evidence: list[EvidenceFile], evidence_dir: Path,
                  entry_units: dict[str, str]) -> tuple[Path, list[DossierEntry]]:
    """Write the pack to ``out`` (.zip); returns it and its index's entries."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="dutymatrix-dossier-") as tmp:
        folder = Path(tmp)
        appendix = write_appendix(plan, folder / "appendix.xlsx")
        score = write_score_xlsx(score_tables(plan, scores, rules, at), folder / "scores.xlsx")
        entries = dossier_entries(plan, appendix, score, returned, evidence, evidence_dir, entry_units)
        index = folder / INDEX
        _index(entries, plan, at).save(index)
        with replacing(out) as target, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as pack:
            pack.write(index, INDEX)
            for e in entries:
                if e.source is not None:
                    pack.write(e.source, e.inside)
    return out, entries
