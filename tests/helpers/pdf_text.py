"""Reading PDFs back for tests: the text of each page through poppler's pdftotext."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def page_texts(path: str | Path) -> list[str]:
    """The text of every page in content order (``-raw``), one string per page."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Text without line breaks and spaces, so wrapped cell text reads as one string."""
    return re.sub(r"\s+", "", text)
