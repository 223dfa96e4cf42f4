"""The Excel appendix, exported and imported back through the importer, is the same list.

Same tree (texts, depth, order), units (lead and responsible, in order), deadlines,
leaders, remarks, tags and tag legend; ids differ.  The demo list, the demo with
leaders, tags and the optional columns, and random lists with awkward text.

What the official layout can carry, and so what the random lists hold
(shared/spec/official-layout.md §1.7):

- one row per leaf, its ancestors merged over their rows: an indicator has no
  cells of its own for units, a deadline or remarks, so only leaves carry them;
  an indicator carries its text, tags and optionally a leader (printed in its
  cell as ``（牵头领导：X）``);
- a leaf's leader is printed only when the plan has the 责任领导 column, and
  each field only when the plan has its column;
- a leaf above the deepest level is printed in its own level's column, with the
  deeper level cells empty and its fields beside them;
- unit names are compared in their canonical spelling (full-width brackets, no
  spaces: :func:`models.units.normalise_name`), which the store gives them; a unit
  is lead or responsible, not both;
- tags are markers the importer knows (★☆○◎●▲△⊙◆◇■□), each once per node;
- texts hold no marker characters (they are tags wherever they stand in a cell),
  no spaces next to Chinese characters (read as extraction gaps) and no runs of
  blanks, no leading or trailing blanks, no number label at their start (it is
  the item's number: ``（1）`` ``1.``), no ``（三）`` inside an indicator (two
  indicators in one cell) and nothing that reads as a second task number after a
  sentence (``。2.``: two tasks in one cell).

Within that, texts are awkward: line breaks, full- and half-width brackets,
formula-like text (``=SUM(A1)``), markup-like text (``a<b>&c``), 2,000-character
cells, CJK extension characters (𠀀 㐀 𪚥), empty texts; unit names with brackets
of both widths and rare characters; several lead units; custom level names.
The random lists are drawn by :func:`helpers.round_trip.plans`.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from exporters.appendix_layout import LayoutOptions, build_appendix
from exporters.xlsx_appendix import write_appendix
from importers import import_file
from models.demo import demo_plan
from models.domain import Numbering, Plan
from helpers.round_trip import demo_with_everything, differences, plans, printed_numbers, stored


def read_back(plan: Plan, path: Path, options: LayoutOptions = LayoutOptions()):
    write_appendix(plan, path, options)
    result = import_file(path)
    assert len(result.plans) == 1, [p.title for p in result.plans]
    return result, result.plans[0]


def assert_same_plan(plan: Plan, got: Plan, result) -> None:
    assert differences(plan, got) == []
    printed_levels = [c.header for c in build_appendix(plan).columns if c.key.startswith("level")]
    assert got.title == plan.title
    assert got.level_names == printed_levels
    assert got.columns == plan.columns
    assert got.tag_legend == plan.tag_legend
    assert printed_numbers(got) == printed_numbers(plan)
    assert [w.message for w in result.warnings if w.kind not in ("unknown-unit", "deadline-unparsed")] == []


def test_the_demo_comes_back_field_by_field(tmp_path):
    plan = demo_plan()
    result, got = read_back(plan, tmp_path / "demo.xlsx")
    assert_same_plan(plan, got, result)
    assert got.numbering is Numbering.CONTINUOUS


@pytest.mark.parametrize("options", [
    LayoutOptions(),
    LayoutOptions(label="附件2", serial=True),
    LayoutOptions(merge_equal_fields=True),
    LayoutOptions(progress=True),
], ids=["plain", "serial", "merged-fields", "progress"])
def test_the_demo_with_leaders_tags_and_legend_comes_back(tmp_path, options):
    plan = demo_with_everything()
    result, got = read_back(plan, tmp_path / "demo.xlsx", options)
    assert_same_plan(plan, got, result)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_lists_with_awkward_text_come_back(plan):
    with tempfile.TemporaryDirectory() as tmp:
        plan = stored(plan, Path(tmp))
        result, got = read_back(plan, Path(tmp) / "a.xlsx")
        assert_same_plan(plan, got, result)


@pytest.mark.render
@pytest.mark.skipif(__import__("importers.legacy", fromlist=["soffice"]).soffice() is None, reason="LibreOffice absent")
def test_the_appendix_saved_again_by_libreoffice_still_comes_back(tmp_path):
    """A department opens the file and saves it: very hidden sheets may become hidden, styles change."""
    import subprocess

    from importers.legacy import soffice
    plan = demo_with_everything()
    write_appendix(plan, tmp_path / "a.xlsx")
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "saved"), str(tmp_path / "a.xlsx")],
                   capture_output=True, timeout=180, check=False)
    result = import_file(tmp_path / "saved" / "a.xlsx")
    (got,) = result.plans
    assert_same_plan(plan, got, result)
