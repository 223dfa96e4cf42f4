"""Writing an export without ever truncating the user's file.

The new file is written beside the target, flushed to the disk (fsync) and
moved into place only once it is complete, and the folder's entry is flushed
too; a failure or a power cut leaves either the old file or the new one, never
a truncated mix, and no temporary file behind.  Office files are zipped in
memory first (:func:`write_zipped`), so a full disk fails one plain write, not
a half-written zip whose clean-up prints tracebacks, and says so
(:class:`DiskFullError`).  Temporary files left by an export that was killed
are removed by the next export into that folder.  The result gets ordinary
permissions (mkstemp makes files private).  Every file the program writes for
the user goes through :func:`replacing`.
"""
from __future__ import annotations

import contextlib
import errno
import io
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".~dm"
STALE_AFTER = 24 * 3600  # seconds: a temporary file of a live process older than this is stale too


class DiskFullError(OSError):
    """No space left where an export goes; worded for the user."""

    def __init__(self, folder: Path):
        super().__init__(errno.ENOSPC, f"磁盘空间不足：{folder} 所在的磁盘已满，未写入文件；请清理磁盘后重试。")

    def __str__(self) -> str:
        return self.strerror


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(folder: Path) -> None:
    """Temporary files of exports that never finished (the process was killed)."""
    for tmp in folder.glob(f"{TEMP_PREFIX}*-*"):
        pid = tmp.name[len(TEMP_PREFIX):].split("-", 1)[0]
        with contextlib.suppress(OSError):
            old = time.time() - tmp.stat().st_mtime > STALE_AFTER
            if not pid.isdigit() or not _alive(int(pid)) or old:
                tmp.unlink()


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[str]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    path = Path(path)
    remove_stale(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise DiskFullError(path.parent) if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc from exc
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT) and not isinstance(exc, DiskFullError):
            raise DiskFullError(path.parent) from exc
        if exc.filename == tmp:  # name the user's file, not our temporary one
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_zipped(save, path: str | Path) -> None:
    """``save(file object)`` writes an Office file (openpyxl, python-docx); it reaches ``path`` whole."""
    buffer = io.BytesIO()
    save(buffer)
    with replacing(path) as tmp:
        Path(tmp).write_bytes(buffer.getvalue())


def _fsync(path: str) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder for this."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
