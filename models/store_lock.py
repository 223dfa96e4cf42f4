"""Who holds a store for writing: written beside its lock file, read by a second instance to say so."""
from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    since: str  # YYYY-MM-DD HH:MM

    def describe(self) -> str:
        return f"计算机 {self.host} 上的进程 {self.pid}，{self.since} 起"


def _info_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock.info")


def claim(db: Path) -> None:
    """Record this process as the one writing ``db`` (called once its lock is held)."""
    holder = {"host": socket.gethostname(), "pid": os.getpid(), "since": datetime.now().strftime("%Y-%m-%d %H:%M")}
    try:
        _info_path(db).write_text(json.dumps(holder, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # only a courtesy to a second instance


def release(db: Path) -> None:
    try:
        _info_path(db).unlink(missing_ok=True)
    except OSError:
        pass


def holder_of(db: Path) -> LockHolder | None:
    """The process holding ``db``, as it recorded itself (None when it did not, or the record is damaged)."""
    try:
        data = json.loads(_info_path(db).read_text(encoding="utf-8"))
        return LockHolder(str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
