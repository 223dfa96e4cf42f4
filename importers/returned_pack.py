"""Reading a returned department pack (.zip): its sheet, and the evidence files in 佐证材料/.

Everything is checked before a byte is unpacked, from the zip's central directory: the number of
members (:data:`MAX_MEMBERS`), the total unpacked size and the compression ratio (zip bombs),
each name (no ``..``, absolute paths, drive letters, control or reserved characters), no
links, no encrypted members and no archive inside.  Then each member is read once, in blocks,
counting what really comes out — more than its entry declares, or than the limit in all, stops
the read — and hashed.  The sheet is read as any returned .xlsx
(:func:`importers.returned_sheets.read_returned`); the evidence files go with it, as
:class:`models.evidence.PackedEvidence` by the row they were put under
(:mod:`models.evidence_pack`), to be copied into the store's evidence folder only when the merge
is accepted.  A refusal raises :class:`ReturnedFileError` naming the zip, the member and the
problem.
"""
from __future__ import annotations

import hashlib
import re
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from importers.guard import MAX_RATIO, UnsafeFileError, check_file
from importers.returned_sheets import ReturnedFileError, read_returned
from models.evidence import MAX_EVIDENCE_SIZE, IncomingFile, PackedEvidence
from models.evidence_pack import EVIDENCE_FOLDER, README, row_of
from models.merge_review import ReturnedFile

MAX_MEMBERS = 1000  # files and folders in one pack
MAX_UNPACKED = 1024 * 1024 * 1024  # 1 GiB in all
MAX_PACK_SIZE = MAX_UNPACKED  # the zip itself
_ARCHIVES = {".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".cab", ".iso", ".zipx", ".arj", ".lz"}
_JUNK = {".ds_store", "thumbs.db", "desktop.ini"}  # what file managers add: skipped
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f:*?"<>|]')
_BLOCK = 1 << 20


def is_pack(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".zip"


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it: a zip from Windows without the UTF-8 flag is GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _parts(zip_path: Path, name: str) -> list[str]:
    """The member's path as parts; an unsafe name is refused."""
    def refuse(why: str) -> ReturnedFileError:
        return ReturnedFileError(f"{zip_path}：压缩包中的“{name[:80]}”{why}，疑似恶意构造的压缩包，拒绝打开。")

    if len(name) > 400:
        raise refuse("路径过长")
    unified = name.replace("\\", "/")
    if unified.startswith("/") or re.match(r"^[A-Za-z]:", unified):
        raise refuse("是绝对路径")
    parts = unified.rstrip("/").split("/")
    for part in parts:
        if part == "..":
            raise refuse("含有“..”（会写到压缩包以外）")
        if part in ("", "."):
            raise refuse("含有空的路径部分")
        if _UNSAFE.search(part):
            raise refuse("含有控制字符或文件名中不允许的字符")
        if _RESERVED.match(part) or part != part.rstrip(" ."):
            raise refuse("是 Windows 保留的或以空格、句点结尾的文件名")
        if len(part.encode("utf-8")) > 255:
            raise refuse("文件名过长")
    return parts


def _check_directory(zip_path: Path, archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, str, list[str]]]:
    """Every member with its name and parts, after the checks of the central directory."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ReturnedFileError(f"{zip_path}：压缩包内文件过多（{len(members)} 个，上限 {MAX_MEMBERS} 个），拒绝打开。")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > MAX_UNPACKED:
        raise ReturnedFileError(f"{zip_path}：解压后过大（{total // (1024 * 1024)} MB，上限 "
                                f"{MAX_UNPACKED // (1024 * 1024)} MB），拒绝打开。")
    if total > 10 * 1024 * 1024 and total / packed > MAX_RATIO:
        raise ReturnedFileError(f"{zip_path}：压缩比异常（{total // packed} 倍），疑似压缩炸弹，拒绝打开。")
    checked, seen = [], set()
    for info in members:
        name = _name(info)
        parts = _parts(zip_path, name)
        where = f"{zip_path}：压缩包中的“{name[:80]}”"
        if info.file_size > 10 * 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise ReturnedFileError(f"{where}压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），"
                                    "疑似压缩炸弹，拒绝打开。")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ReturnedFileError(f"{where}是符号链接，拒绝打开。")
        if info.flag_bits & 0x1:
            raise ReturnedFileError(f"{where}设有密码（已加密），无法读取；请去掉密码后重新压缩。")
        key = "/".join(parts).casefold()
        if key in seen:
            raise ReturnedFileError(f"{where}在压缩包中出现了两次，拒绝打开。")
        seen.add(key)
        if not info.is_dir() and PurePosixPath(parts[-1]).suffix.lower() in _ARCHIVES:
            raise ReturnedFileError(f"{where}本身是压缩包；压缩包中不能再含压缩包，请解压后放入。")
        checked.append((info, name, parts))
    return checked


def _read_all(zip_path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: list[int],
              sink=None) -> tuple[int, str]:
    """Read a member once in blocks: (bytes, sha256); stops when it gives more than it declares or
    the pack's budget is spent."""
    h, size = hashlib.sha256(), 0
    try:
        with archive.open(info) as stream:
            while block := stream.read(_BLOCK):
                size += len(block)
                budget[0] -= len(block)
                if size > info.file_size or budget[0] < 0:
                    raise ReturnedFileError(f"{zip_path}：压缩包中的“{name[:80]}”解压后超出声明的大小，"
                                            "疑似压缩炸弹，拒绝打开。")
                h.update(block)
                if sink is not None:
                    sink.write(block)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ReturnedFileError(f"{zip_path}：压缩包中的“{name[:80]}”已损坏或无法解压（{exc}）。") from None
    return size, h.hexdigest()


class _Member:
    """Opens one member of the zip again (when the merge is accepted); closing closes the zip."""

    def __init__(self, zip_path: Path, filename: str):
        self.zip_path, self.filename = zip_path, filename

    def __call__(self):
        archive = zipfile.ZipFile(self.zip_path)
        stream = archive.open(self.filename)
        close = stream.close

        def close_both() -> None:
            close()
            archive.close()

        stream.close = close_both  # type: ignore[method-assign]
        return stream


def read_pack(path: str | Path) -> ReturnedFile:
    """Read a returned pack: its one sheet (.xlsx) and the evidence files under 佐证材料/."""
    path = Path(path)
    try:
        check_file(path, MAX_PACK_SIZE)
    except UnsafeFileError as exc:
        raise ReturnedFileError(str(exc)) from exc
    if not zipfile.is_zipfile(path):
        raise ReturnedFileError(f"{path}：文件已损坏或不是 zip 压缩包。")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReturnedFileError(f"{path}：文件已损坏（不是完整的 zip 压缩包）。") from exc
    with archive:
        members = _check_directory(path, archive)
        sheets, evidence = [], []
        for info, name, parts in members:
            if info.is_dir() or parts[-1].casefold() in _JUNK or "__MACOSX" in parts:
                continue
            if EVIDENCE_FOLDER in parts[:-1]:
                inside = parts[parts.index(EVIDENCE_FOLDER) + 1:]
                if inside != [README]:
                    evidence.append((info, name, inside))
            elif parts[-1].lower().endswith(".xlsx") and not parts[-1].startswith("~$"):
                sheets.append((info, name))
        if len(sheets) != 1:
            found = "、".join(n for _, n in sheets[:5])
            raise ReturnedFileError(f"{path}：压缩包中应有且只有一个分解表（.xlsx），" +
                                    (f"找到 {len(sheets)} 个：{found}。" if sheets else "没有找到。"))
        budget = [MAX_UNPACKED]
        returned = _read_sheet(path, archive, *sheets[0], budget)
        for info, name, inside in evidence:
            if info.file_size > MAX_EVIDENCE_SIZE:
                raise ReturnedFileError(f"{path}：压缩包中的“{name[:80]}”过大（{info.file_size // (1024 * 1024)} MB），"
                                        f"佐证材料每个不超过 {MAX_EVIDENCE_SIZE // (1024 * 1024)} MB。")
            size, sha = _read_all(path, archive, info, name, budget)
            row = row_of(inside[0]) if len(inside) > 1 else row_of(inside[-1])
            returned.evidence.append(PackedEvidence(row, IncomingFile(
                inside[-1], size, sha, f"{path.name} › {name}", _Member(path, info.filename))))
    return returned


def _read_sheet(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                budget: list[int]) -> ReturnedFile:
    """The sheet, unpacked to a temporary file and read like any returned workbook."""
    with tempfile.TemporaryDirectory(prefix="dutymatrix-pack-") as folder:
        sheet = Path(folder) / Path(name.replace("\\", "/")).name
        with open(sheet, "wb") as out:
            _read_all(path, archive, info, name, budget, out)
        try:
            returned = read_returned(sheet)
        except ReturnedFileError as exc:
            raise ReturnedFileError(str(exc).replace(str(sheet), f"{path} › {name}")) from None
    returned.path = path
    for s in returned.sheets:
        s.path = path
    return returned


def read_returned_any(path: str | Path) -> ReturnedFile:
    """A returned .xlsx, or a returned pack (.zip)."""
    return read_pack(path) if is_pack(path) else read_returned(path)
