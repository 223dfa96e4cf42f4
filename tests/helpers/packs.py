"""Department packs (.zip) as a department returns them, and hostile ones, built with zipfile."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from helpers.exchange_helpers import fill_unit_sheet


def unpack(pack: Path, folder: Path) -> Path:
    with zipfile.ZipFile(pack) as z:
        z.extractall(folder)
    return folder


def repack(folder: Path, pack: Path, prefix: str = "") -> Path:
    """Zip a folder again, every name under ``prefix`` (Windows' 发送到压缩文件夹 adds the folder's name)."""
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            name = prefix + path.relative_to(folder).as_posix()
            if path.is_dir():
                z.writestr(name + "/", b"")
            else:
                z.write(path, name)
    return pack


def returned_pack(pack: Path, work: Path, answers: dict, files: dict[str, bytes], prefix: str = "") -> Path:
    """Unpack ``pack``, fill its sheet in (node id → (进展, 状态, 问题)), add ``files`` (path inside the
    pack → bytes) and zip it again beside it as 回收-<name>."""
    folder = unpack(pack, work / pack.stem)
    fill_unit_sheet(next(folder.glob("*.xlsx")), answers)
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return repack(folder, pack.with_name(f"回收-{pack.name}"), prefix)


def hostile_pack(path: Path, sheet: bytes, members: list[tuple[str, bytes]], compression=zipfile.ZIP_DEFLATED) -> Path:
    """A pack holding a good sheet and the given members (names written as they are)."""
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("人事科.xlsx", sheet)
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return path


def store_state(db: Path) -> tuple[list[str], list[str]]:
    """Everything a merge could change: the store's rows (its dump) and the files beside it."""
    conn = sqlite3.connect(db)
    try:
        dump = list(conn.iterdump())
    finally:
        conn.close()
    files = sorted(str(p.relative_to(db.parent)) for p in db.parent.rglob("*")
                   if p.is_file() and p.parent.name != "backups" and not p.name.startswith(db.name))
    return dump, files
