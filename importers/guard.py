"""The one check every file from outside passes before a parser sees it.

Office files (.docx, .xlsx) are zip archives: refuse archives that are not
zips, that hold too many members, that unpack to too much, or that compress
suspiciously well (zip bombs).  Then the shapes the XML declares are checked
against its content, streaming, before openpyxl or our table reader allocate
for them: a few kilobytes can claim a cell at XFD1048576, a merged range over
a whole sheet, or a Word cell spanning two billion columns.  Legacy and other
formats are named with what to do instead.  XML inside is parsed by
python-docx/openpyxl on lxml ≥ 6.1.3; our own XML reads go through
defusedxml (:func:`parse_xml`).
"""
from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from defusedxml import ElementTree as SafeET

from models.errors import UserError

MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # 512 MiB
MAX_RATIO = 200  # uncompressed / compressed, over the whole archive
MAX_FILE_SIZE = 200 * 1024 * 1024  # any input file, zipped or not
MAX_AREA = 5_000_000  # cells a sheet's used range (or its merged ranges) may cover beyond its content
AREA_PER_CELL = 4  # ... and at most this many times the cells it holds
MAX_GRID_SPAN = 64  # Word tables have at most 63 columns
DEFAULT_MAX_TASKS = 50_000  # an import larger than this is refused unless the user raises the limit
ROW_MARGIN = 100  # rows a table may have beyond the task limit (titles, headers, notes) before it is read

_LEGACY = {
    ".doc": "旧版 Word 文档（.doc）",
    ".xls": "旧版 Excel 工作簿（.xls）",
    ".wps": "WPS 文字文档（.wps）",
    ".et": "WPS 表格文档（.et）",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office and encrypted OOXML


class UnsafeFileError(UserError):
    """A file refused before parsing; the message names the file and what to do."""


_KINDS = ((stat.S_ISDIR, "是一个文件夹，不是文件"), (stat.S_ISFIFO, "是一个管道（FIFO），不是普通文件"),
          (stat.S_ISCHR, "是一个设备文件，不是普通文件"), (stat.S_ISBLK, "是一个设备文件，不是普通文件"),
          (stat.S_ISSOCK, "是一个套接字，不是普通文件"))


def check_file(path: str | Path, max_size: int = MAX_FILE_SIZE) -> Path:
    """Basic checks for any input file: exists, is a regular file, not empty, not huge."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UnsafeFileError(f"{path}：文件不存在。") from None
    except PermissionError:
        raise UnsafeFileError(f"{path}：没有读取权限。") from None
    except OSError as exc:
        raise UnsafeFileError(f"{path}：无法读取（{exc.strerror}）。") from None
    for test, what in _KINDS:
        if test(mode):
            raise UnsafeFileError(f"{path}：{what}。")
    size = path.stat().st_size
    if size == 0:
        raise UnsafeFileError(f"{path}：文件是空的。")
    if size > max_size:
        raise UnsafeFileError(f"{path}：文件过大（{size // (1024 * 1024)} MB），超过 {max_size // (1024 * 1024)} MB 的上限。")
    return path


def check_office_zip(path: str | Path, max_rows: int | None = None) -> Path:
    """Refuse anything a .docx/.xlsx reader should not open (``max_rows``: see :func:`check_shapes`)."""
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
        raise UnsafeFileError(f"{path}：文件已损坏（不是完整的 zip 结构）。") from exc
    if len(members) > MAX_MEMBERS:
        raise UnsafeFileError(f"{path}：压缩包内文件过多（{len(members)} 个），拒绝打开。")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > MAX_UNCOMPRESSED:
        raise UnsafeFileError(f"{path}：解压后过大（{total // (1024 * 1024)} MB），拒绝打开。")
    if total > 10 * 1024 * 1024 and total / packed > MAX_RATIO:
        raise UnsafeFileError(f"{path}：压缩比异常（{total // packed} 倍），疑似压缩炸弹，拒绝打开。")
    check_shapes(path, max_rows)
    return path


# -- shapes declared in the XML ----------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _cell_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of an A1 reference, or None."""
    m = _REF.fullmatch(ref.strip())
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _range_area(ref: str) -> tuple[int, str]:
    corners = [_cell_ref(p) for p in ref.split(":")]
    if not corners or any(c is None for c in corners):
        return 0, ref
    rows = [c[0] for c in corners]
    cols = [c[1] for c in corners]
    return (max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1), ref


def _elements(stream, *tags: str):
    """The elements with these tags, streamed; everything read is dropped again (memory stays flat)."""
    from lxml import etree
    for _, el in etree.iterparse(stream, events=("end",), tag=tags, resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False):
        yield el
        el.clear(keep_tail=False)
        parent = el.getparent()
        if parent is not None:
            while el.getprevious() is not None:
                del parent[0]


def _sheet_too_big(path: Path, name: str, stream, max_rows: int | None) -> None:
    cells = rows = max_row = max_col = row_no = col_no = merged = widest = 0
    widest_ref = ""
    for el in _elements(stream, _MAIN + "row", _MAIN + "c", _MAIN + "mergeCell"):
        tag = el.tag
        if tag == _MAIN + "c":
            cells += 1
            ref = _cell_ref(el.get("r") or "")
            row, col_no = ref if ref else (row_no, col_no + 1)
            max_row, max_col = max(max_row, row), max(max_col, col_no)
        elif tag == _MAIN + "row":
            rows += 1
            row_no = int(el.get("r")) if (el.get("r") or "").isdigit() else row_no + 1
            col_no = 0
        else:
            area, merged_ref = _range_area(el.get("ref") or "")
            merged += area
            if area > widest:
                widest, widest_ref = area, merged_ref
    bound = max(MAX_AREA, AREA_PER_CELL * cells)
    if max_row * max_col > bound:
        raise UnsafeFileError(f"{path}：工作表 {name} 的单元格范围（到第 {max_row} 行第 {max_col} 列）远超其中的内容"
                              f"（{cells} 个单元格），疑似恶意构造的文件，拒绝打开。")
    if merged > bound:
        raise UnsafeFileError(f"{path}：工作表 {name} 的合并单元格（如 {widest_ref[:30]}）覆盖 {merged} 个单元格，"
                              f"远超其中的内容（{cells} 个单元格），疑似恶意构造的文件，拒绝打开。")
    if max_rows is not None and rows > max_rows + ROW_MARGIN:
        raise UnsafeFileError(f"{path}：工作表 {name} 有 {rows} 行，超过一次导入的上限（{max_rows} 项任务）；"
                              "请拆分文件，或在命令行用 --max-tasks 提高上限。")


def _document_too_wide(path: Path, stream, max_rows: int | None) -> None:
    rows = 0
    for el in _elements(stream, _W + "gridSpan", _W + "tr"):
        if el.tag == _W + "tr":
            rows += 1
            continue
        value = el.get(_W + "val") or "1"
        if not value.isdigit() or int(value) > MAX_GRID_SPAN:
            raise UnsafeFileError(f"{path}：表格中有单元格声明横跨 {value[:12]} 列（Word 表格最多 63 列），"
                                  "疑似恶意构造的文件，拒绝打开。")
    if max_rows is not None and rows > max_rows + ROW_MARGIN:
        raise UnsafeFileError(f"{path}：表格共有 {rows} 行，超过一次导入的上限（{max_rows} 项任务）；"
                              "请拆分文件，或在命令行用 --max-tasks 提高上限。")


def check_shapes(path: Path, max_rows: int | None = None) -> None:
    """Refuse sheets and tables whose declared size is far beyond their content (and, when
    ``max_rows`` is given, more rows than an import may bring)."""
    from lxml import etree
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            try:
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(info) as stream:
                        _sheet_too_big(path, Path(name).stem, stream, max_rows)
                elif name == "word/document.xml":
                    with archive.open(info) as stream:
                        _document_too_wide(path, stream, max_rows)
            except etree.XMLSyntaxError as exc:
                raise UnsafeFileError(f"{path}：文件已损坏（{name} 不是有效的 XML）。") from exc
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise UnsafeFileError(f"{path}：文件已损坏（无法解压 {name}）。") from exc


def parse_xml(data: bytes):
    """Parse XML from an untrusted file, refusing entity and DTD tricks."""
    return SafeET.fromstring(data, forbid_dtd=True)
