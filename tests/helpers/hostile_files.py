"""Small files that claim huge shapes (issue 12): real .xlsx/.docx written by openpyxl and
python-docx, then one XML part changed the way a hostile sender would."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import Workbook

FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def patch_member(path: Path, member: str, change) -> Path:
    """Rewrite one part of a zip in place: ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, change(data) if info.filename == member else data)
    return path


def _small_table(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["一级指标", "工作任务", "牵头单位", "完成时限"])
    ws.append(["一、优化服务", "1.推行网上办理。", "办公室", "2024年6月"])
    wb.save(path)
    return path


def merged_range_xlsx(path: Path) -> Path:
    """One merged range over almost the whole sheet: A20:XFD1048576."""
    return patch_member(_small_table(path), "xl/worksheets/sheet1.xml", lambda x: x.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>'))


def far_cell_xlsx(path: Path) -> Path:
    """One cell at the sheet's last row and column: XFD1048576."""
    return patch_member(_small_table(path), "xl/worksheets/sheet1.xml", add_far_cell)


def add_far_cell(sheet_xml: bytes) -> bytes:
    if b"<sheetData/>" in sheet_xml:
        return sheet_xml.replace(b"<sheetData/>", b"<sheetData>" + FAR_CELL + b"</sheetData>")
    return sheet_xml.replace(b"</sheetData>", FAR_CELL + b"</sheetData>")


def wide_span_docx(path: Path) -> Path:
    """A Word table cell declaring <w:gridSpan w:val="2000000000"/>."""
    document = Document()
    document.add_paragraph("关于印发重点任务清单的通知")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["工作任务", "牵头单位", "完成时限"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "1.推行网上办理。"
    table.cell(1, 1).text = "办公室"
    document.save(str(path))

    def span(xml: bytes) -> bytes:
        return re.sub(rb"(<w:tc>)(<w:tcPr>)?", rb'\1<w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr>', xml, count=1)
    return patch_member(path, "word/document.xml", span)


def big_workbook(path: Path, rows: int) -> Path:
    """An ordinary appendix table of ``rows`` tasks (write-only mode: flat memory)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("清单")
    ws.append(["一级指标", "二级指标", "工作任务", "牵头单位", "责任单位", "完成时限"])
    for i in range(rows):
        ws.append([f"{_cn(i // 5_000 + 1)}、领域{i // 5_000 + 1}", f"（{_cn(i // 100 % 50 + 1)}）事项{i // 100}",
                   f"{i + 1}.推进第{i + 1}项工作，按期完成。", "办公室", "财务科、人事科", "2024年12月底前"])
    wb.save(path)
    return path


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
