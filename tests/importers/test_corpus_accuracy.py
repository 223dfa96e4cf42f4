"""Accuracy on documents of other hands: the State Council corpus (../shared/corpus) and the
layout corpus of our own documents (corpus/), against expected results written by reading.

A task is right when found under its printed number with its lead units, responsible units,
deadline and leader exactly as expected.  Each document must reach 98%; every miss must be
listed in KNOWN_MISSES with its reason, so that a fix or a new miss shows up here.
"""
from pathlib import Path

import pytest

from helpers.accuracy import FIXTURES, LAYOUTS, measure
from helpers.factories import CORPUS

STATE_COUNCIL = ["guofa_2018_39", "guofa_2018_42", "guofa_2019_3",
                 "guobanfa_2018_117", "guobanfa_2018_121", "guobanfa_2018_129"]
LAYOUT_DOCS = sorted(p.stem for p in LAYOUTS.glob("*.txt"))

# "document" -> {"plan title:key": why the importer cannot get it right}
KNOWN_MISSES: dict[str, dict[str, str]] = {}
# Layouts not read yet, with the reason; their test checks only that the file imports without error.
KNOWN_GAPS = {
    "15_space_table_main_cooperating": "table cells separated by spaces only (谯城区): where a cell wraps onto the "
                                       "next line, nothing in the text says which column the line continues",
}


def _check(name: str, path: Path, fixture: Path, paths: bool = False) -> None:
    right, total, misses = measure(path, fixture, paths=paths)
    assert total, f"{name}: the fixture lists no task"
    assert set(misses) == set(KNOWN_MISSES.get(name, {})), misses
    assert right / total >= 0.98, f"{name}: {right}/{total}"


@pytest.mark.parametrize("name", STATE_COUNCIL)
def test_state_council_documents(name):
    path = CORPUS / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"corpus not available ({CORPUS})")
    _check(name, path, FIXTURES / f"corpus_{name}.txt")


@pytest.mark.parametrize("name", [n for n in LAYOUT_DOCS if n not in KNOWN_GAPS])
def test_layout_documents(name):
    _check(name, LAYOUTS / f"{name}.txt", LAYOUTS / f"{name}.expected", paths=True)


@pytest.mark.parametrize("name", [n for n in LAYOUT_DOCS if n not in KNOWN_GAPS] + STATE_COUNCIL)
def test_the_numbers_the_program_prints_are_the_printed_ones(name):
    """Every task is found again under the numbers the program derives (models.numbering) — styles
    that skip a level (一、 straight to 1.), counts through headings, lists starting at 二、 because
    their 一、 held no task — not only under the numbers read from the page."""
    if name in STATE_COUNCIL:
        path, fixture, paths = CORPUS / f"{name}.txt", FIXTURES / f"corpus_{name}.txt", False
        if not path.is_file():
            pytest.skip(f"corpus not available ({CORPUS})")
    else:
        path, fixture, paths = LAYOUTS / f"{name}.txt", LAYOUTS / f"{name}.expected", True
    _, _, misses = measure(path, fixture, paths=paths, derived=True)
    assert set(misses) == set(KNOWN_MISSES.get(name, {})), misses


@pytest.mark.parametrize("name", sorted(KNOWN_GAPS))
def test_known_gap_layouts_still_import(name):
    right, total, _ = measure(LAYOUTS / f"{name}.txt", LAYOUTS / f"{name}.expected", paths=True)
    assert right < total  # when this fails, the layout is read: move it to the documents above


def test_every_layout_document_has_expected_results():
    assert len(LAYOUT_DOCS) >= 12
    assert all((LAYOUTS / f"{n}.expected").is_file() for n in LAYOUT_DOCS)
