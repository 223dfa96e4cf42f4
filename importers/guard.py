"""The one check every file from outside passes before a parser sees it.

Office files (.docx, .xlsx) are zip archives: refuse archives that are not
zips, that hold too many members, that unpack to too much, or that compress
suspiciously well (zip bombs).  Legacy and other formats are named with what
to do instead.  XML inside is parsed by python-docx/openpyxl on lxml ≥ 6.1.3;
our own XML reads go through defusedxml (:func:`parse_xml`).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import ElementTree as SafeET

from models.errors import UserError

MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB
MAX_RATIO = 200  # uncompressed / compressed, over the whole archive
MAX_FILE_SIZE = 200 * 1024 * 1024  # any input file, zipped or not

_LEGACY = {
    ".doc": "旧版 Word 文档（.doc）",
    ".xls": "旧版 Excel 工作簿（.xls）",
    ".wps": "WPS 文字文档（.wps）",
    ".et": "WPS 表格文档（.et）",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office and encrypted OOXML


class UnsafeFileError(UserError):
    """A file refused before parsing; the message names the file and what to do."""


def check_file(path: str | Path) -> Path:
    """Basic checks for any input file: exists, not empty, not huge."""
    path = Path(path)
    if not path.is_file():
        raise UnsafeFileError(f"{path}：文件不存在。")
    size = path.stat().st_size
    if size == 0:
        raise UnsafeFileError(f"{path}：文件是空的。")
    if size > MAX_FILE_SIZE:
        raise UnsafeFileError(f"{path}：文件过大（{size // (1024 * 1024)} MB），超过 {MAX_FILE_SIZE // (1024 * 1024)} MB 的上限。")
    return path


def check_office_zip(path: str | Path) -> Path:
    """Refuse anything a .docx/.xlsx reader should not open."""
    path = check_file(path)
    with path.open("rb") as f:
        head = f.read(8)
    if head == _OLE_MAGIC:
        kind = _LEGACY.get(path.suffix.lower())
        if kind:
            raise UnsafeFileError(f"{path}：这是{kind}，请在 Word/WPS/Excel 中另存为 .docx 或 .xlsx 后再导入。")
        raise UnsafeFileError(f"{path}：文件已加密（设有打开密码）或是旧版格式，请取消密码并另存为 .docx/.xlsx 后再导入。")
    if not zipfile.is_zipfile(path):
        raise UnsafeFileError(f"{path}：文件已损坏或不是 Office 文档（不是有效的 zip 结构）。")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeFileError(f"{path}：文件已损坏（{exc}）。") from exc
    if len(members) > MAX_MEMBERS:
        raise UnsafeFileError(f"{path}：压缩包内文件过多（{len(members)} 个），拒绝打开。")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > MAX_UNCOMPRESSED:
        raise UnsafeFileError(f"{path}：解压后过大（{total // (1024 * 1024)} MB），拒绝打开。")
    if total > 10 * 1024 * 1024 and total / packed > MAX_RATIO:
        raise UnsafeFileError(f"{path}：压缩比异常（{total // packed} 倍），疑似压缩炸弹，拒绝打开。")
    return path


def parse_xml(data: bytes):
    """Parse XML from an untrusted file, refusing entity and DTD tricks."""
    return SafeET.fromstring(data, forbid_dtd=True)
