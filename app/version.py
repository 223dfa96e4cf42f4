"""The version of the installed package (pyproject.toml), as 关于 shows it."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    try:
        return version("dutymatrix")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "（未安装，版本未知）"
