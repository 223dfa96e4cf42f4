"""The program's version and, in an installed bundle, when it was built.

The version has one source: the package metadata (``version`` in
pyproject.toml), read with importlib.metadata; the PyInstaller bundle carries
that metadata (packaging/dutymatrix.spec).  The build date comes from
``build-info.json``, written into the bundle by packaging/build-bundle; run
from the source tree there is none.
"""
from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

BUILD_INFO = "build-info.json"  # at the top of the bundle (sys._MEIPASS)


def version() -> str:
    try:
        return metadata.version("dutymatrix")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def build_info() -> dict[str, str]:
    """What the bundle's build recorded (``date``, ``commit``); empty when run from source."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return {}
    try:
        info = json.loads((Path(bundle) / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in info.items()} if isinstance(info, dict) else {}


def build_date() -> str | None:
    """The build date of the installed bundle (YYYY-MM-DD), None when run from source."""
    return build_info().get("date")


def version_text() -> str:
    """One line for ``--version`` and the About box: 0.1.0（构建于 2026-12-01） or 0.1.0（源码运行）."""
    date = build_date()
    return f"{version()}（构建于 {date}）" if date else f"{version()}（源码运行）"
