"""Evidence files (佐证材料): copies kept in ``evidence/`` beside the store, with size and hash.

A file attached to a task (or one of its progress entries) is copied into the folder, named by
the task and the date (``任务编号_2024-06-20_原文件名``), and recorded with its size and SHA-256,
so that a file later removed or edited in the folder shows as missing or changed
(:func:`check`).  The record is one store row; the copy stays when the row is removed (an
undone attach leaves nothing the user has to restore by hand).
"""
from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from models.domain import new_id
from models.errors import UserError
from models.file_names import file_name

MAX_EVIDENCE_SIZE = 200 * 1024 * 1024  # one file


class EvidenceError(UserError):
    """A file that cannot be attached (the message names it)."""


class EvidenceState(str, Enum):
    OK = "完好"
    MISSING = "文件缺失"
    CHANGED = "文件已改动"


@dataclass(frozen=True)
class EvidenceFile:
    id: str
    node_id: str
    entry_id: str | None
    name: str  # the original file name
    path: str  # relative to the evidence folder
    size: int
    sha256: str
    added_on: str  # ISO date


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _target(folder: Path, name: str, label: str, day: str) -> Path:
    """A free ``label_day_name`` in ``folder`` (a number added when taken)."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(name).suffix
    stem, suffix = file_name(Path(name).stem, 80), "." + file_name(suffix[1:], 16) if suffix else ""
    base = f"{file_name(label, 30)}_{day}_{stem}"
    target, n = folder / f"{base}{suffix}", 2
    while target.exists():
        target, n = folder / f"{base}-{n}{suffix}", n + 1
    return target


def copy_in(folder: Path, source: Path, node_id: str, label: str, day: str,
            entry_id: str | None = None) -> EvidenceFile:
    """Copy ``source`` into ``folder`` as ``label_day_name`` (a number added when taken)."""
    source = Path(source)
    if not source.is_file():
        raise EvidenceError(f"{source}：文件不存在。")
    size = source.stat().st_size
    if size > MAX_EVIDENCE_SIZE:
        raise EvidenceError(f"{source}：文件过大（{size // (1024 * 1024)} MB），佐证材料每个不超过 "
                            f"{MAX_EVIDENCE_SIZE // (1024 * 1024)} MB。")
    target = _target(folder, source.name, label, day)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise EvidenceError(f"{source}：无法复制到 {folder}（{exc.strerror or exc}）。") from None
    return EvidenceFile(new_id(), node_id, entry_id, source.name, target.name, size, digest(target), day)


@dataclass
class IncomingFile:
    """A file offered as evidence from outside — a member of a returned zip — already checked
    (its size and hash as read then), and how to read it again when the merge is accepted.
    ``copied``: its copy in the evidence folder once made (a redone merge uses it again)."""

    name: str  # the file's own name
    size: int
    sha256: str
    source: str  # where it came from, for messages: 财政局.zip › 佐证材料/7/照片.jpg
    open: Callable[[], BinaryIO]
    copied: str | None = None


@dataclass(frozen=True)
class PackedEvidence:
    """An evidence file of a returned pack and the sheet row it was put under (None: no row)."""

    row: int | None
    file: IncomingFile


def copy_incoming(folder: Path, incoming: IncomingFile, node_id: str, label: str, day: str,
                  entry_id: str | None = None) -> tuple[EvidenceFile, Path | None]:
    """Copy an incoming file into ``folder`` and record it; refused (nothing left behind) when its
    bytes are no longer those checked.  Returns the record and the new copy (None when the copy
    of an earlier, undone merge was used again)."""
    if incoming.copied and (folder / incoming.copied).is_file() and digest(folder / incoming.copied) == incoming.sha256:
        return EvidenceFile(new_id(), node_id, entry_id, incoming.name, incoming.copied, incoming.size,
                            incoming.sha256, day), None
    try:
        stream = incoming.open()
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        raise EvidenceError(f"{incoming.source}：无法再次读取（文件在审阅后被移动、删除或改动），未合并；"
                            "请重新选择回收的文件。") from None
    target = _target(folder, incoming.name, label, day)
    h, size = hashlib.sha256(), 0
    try:
        with stream, open(target, "xb") as out:
            while block := stream.read(1 << 20):
                size += len(block)
                if size > incoming.size:
                    break
                h.update(block)
                out.write(block)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        target.unlink(missing_ok=True)
        raise EvidenceError(f"{incoming.source}：无法复制到 {folder}（{getattr(exc, 'strerror', None) or exc}）。") from None
    if size != incoming.size or h.hexdigest() != incoming.sha256:
        target.unlink(missing_ok=True)
        raise EvidenceError(f"{incoming.source}：文件在审阅后被改动，未合并；请重新选择回收的文件。")
    incoming.copied = target.name
    return EvidenceFile(new_id(), node_id, entry_id, incoming.name, target.name, size, incoming.sha256, day), target


def check(folder: Path, evidence: EvidenceFile) -> EvidenceState:
    path = folder / evidence.path
    if not path.is_file():
        return EvidenceState.MISSING
    if path.stat().st_size != evidence.size or digest(path) != evidence.sha256:
        return EvidenceState.CHANGED
    return EvidenceState.OK
