"""Legacy Office files (.doc, .xls, .wps, .et) converted with LibreOffice, where it is installed.

The importers read only .docx/.xlsx; the import wizard offers this conversion
when LibreOffice is found and imports the converted copy.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from importers.guard import UnsafeFileError

CONVERTIBLE = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def can_convert(path: str | Path) -> bool:
    return Path(path).suffix.lower() in CONVERTIBLE and soffice() is not None


def convert(path: str | Path, outdir: str | Path) -> Path:
    """The .docx/.xlsx copy of a legacy file, written into ``outdir``."""
    path, outdir = Path(path), Path(outdir)
    target = CONVERTIBLE.get(path.suffix.lower())
    program = soffice()
    if target is None or program is None:
        raise UnsafeFileError(f"{path}：无法自动转换（需要安装 LibreOffice），请在 Word/WPS/Excel 中另存为 .docx 或 .xlsx。")
    with tempfile.TemporaryDirectory() as profile:  # its own profile: a running LibreOffice does not block it
        try:
            subprocess.run(
                [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                 "--convert-to", target, "--outdir", str(outdir), str(path)],
                capture_output=True, timeout=180, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UnsafeFileError(f"{path}：LibreOffice 转换失败（{exc}）。") from exc
    out = outdir / f"{path.stem}.{target}"
    if not out.is_file() or out.stat().st_size == 0:
        raise UnsafeFileError(f"{path}：LibreOffice 无法转换此文件（可能已加密或损坏），请在 Word/WPS/Excel 中另存为 .{target}。")
    return out
