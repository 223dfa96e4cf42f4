"""Real lines of the seed documents, found by a snippet (so tests quote the files, not memory)."""
from __future__ import annotations

from functools import lru_cache

import pytest

from helpers.factories import SEEDS
from importers.headings import parse_label
from importers.reflow import reflow
from importers.text_source import clean_lines, decode, join_broken

SEED_FILES = {
    "000": "000_da76e9c32c03c47a.txt",
    "001": "001_6daca400fdd82565.txt",
    "003": "003_8b287da456bb1442.txt",
    "004": "004_fa578271e1764561.txt",
}


def seed_path(seed: str):
    """The seed document in ../shared/seeds; the test is skipped without it."""
    path = SEEDS / SEED_FILES[seed]
    if not path.is_file():
        pytest.skip(f"seed documents not available ({SEEDS})", allow_module_level=True)
    return path


@lru_cache(maxsize=None)
def seed_paragraphs(seed: str) -> tuple[str, ...]:
    lines = reflow(clean_lines(decode(seed_path(seed).read_bytes())))
    return tuple(join_broken([l for l in lines if "\t" not in l], lambda l: parse_label(l) is not None))


def paragraph(seed: str, snippet: str) -> str:
    """The one paragraph of a seed (broken lines joined) that contains ``snippet``."""
    hits = [p for p in seed_paragraphs(seed) if snippet in p]
    assert len(hits) == 1, f"{snippet!r} found {len(hits)} times in seed {seed}"
    return hits[0]


@lru_cache(maxsize=None)
def seed_rows(seed: str) -> tuple[tuple[str, ...], ...]:
    """The seed's table rows (tab-separated lines, cleaned)."""
    lines = reflow(clean_lines(decode(seed_path(seed).read_bytes())))
    return tuple(tuple(l.split("\t")) for l in lines if "\t" in l)


def rows_between(seed: str, first: str, last: str) -> list[list[str]]:
    """Rows from the one containing ``first`` to the one containing ``last`` (inclusive)."""
    rows = seed_rows(seed)
    start = next(i for i, r in enumerate(rows) if any(first in c for c in r))
    end = next(i for i, r in enumerate(rows) if i >= start and any(last in c for c in r))
    return [list(r) for r in rows[start:end + 1]]
