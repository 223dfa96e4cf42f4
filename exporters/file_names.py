"""The one file-name sanitiser: a plan's or a unit's name as a file name on Windows and Linux."""
from __future__ import annotations

import re

_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def file_name(name: str, limit: int = 60) -> str:
    """``name`` as a file name on Windows and Linux: unsafe characters become _, no leading or
    trailing dots and spaces, at most ``limit`` characters; 清单 when nothing is left."""
    return _FILE_UNSAFE.sub("_", name).strip(" .")[:limit] or "清单"
