"""The layout of a department pack (部门报送包): a zip holding a unit's sheet and a 佐证材料 folder.

Written by :mod:`exporters.unit_sheets` (``export --per-unit DIR --zip``) and read back by
:mod:`importers.returned_pack`; neither imports the other.  The department puts each task's
files in the subfolder named by the sheet's row number (``佐证材料/7_推行网上办理/``), or names
a file by the row (``7_照片.jpg``); the folder's note (说明.txt) says so.
"""
from __future__ import annotations

import re

from models.file_names import file_name

EVIDENCE_FOLDER = "佐证材料"
README = "说明.txt"
_ROW = re.compile(r"^\s*第?\s*(\d{1,6})\s*行?(?:[\s_\-－—、.．]|$)")


def row_folder(row: int, task: str) -> str:
    """The subfolder of a sheet row's evidence: its row number, then the start of the task."""
    return f"{row}_{file_name(task, 16)}"


def row_of(name: str) -> int | None:
    """The sheet row a folder or file name starts with (7, 7_任务, 第7行, 7-照片.jpg), else None."""
    found = _ROW.match(name)
    return int(found.group(1)) if found else None


def readme(unit: str, rows: list[tuple[int, str]]) -> str:
    """The note in the 佐证材料 folder: where the department puts its files (CRLF: Windows Notepad)."""
    lines = [
        f"{unit}：佐证材料放置说明",
        "",
        "1. 请把每项任务的佐证材料（文件、照片、扫描件等）放入本文件夹中以该任务在分解表中的行号开头的子文件夹，",
        "   例如分解表第 7 行任务的材料放入“7_……”文件夹；也可直接放在本文件夹中，文件名以行号开头，如“7_会议纪要.pdf”。",
        "2. 填好分解表后，保持压缩包内的结构不变（分解表和“佐证材料”文件夹），重新压缩为 .zip 文件报送。",
        "3. 不要放入其他压缩包（.zip、.rar、.7z 等），单个文件不超过 200 MB，文件总数不超过 1000 个。",
        "",
        "本表各行与子文件夹：",
    ]
    lines += [f"  第 {row} 行：{folder}" for row, folder in rows]
    return "\r\n".join(lines) + "\r\n"
