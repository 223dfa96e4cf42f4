"""The Word notice and its appendix, exported and imported back, are the same plan.

The notice's fields (发文机关, 文号, title, 成文日期, 主送机关, 抄送, body) come back
from the notice; the tree (texts, depth, order, units, deadlines, leaders, remarks,
tags) and the tag legend from the appendix table, also when the appendix is
exported alone.  What the table can carry is described in test_round_trip_xlsx.py;
the same random lists go through Word here.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from exporters.appendix_layout import FONT_PROFILES, LayoutOptions, build_appendix
from exporters.docx_notice import DocxOptions, write_docx
from importers import import_file
from models.demo import demo_plan
from models.domain import Numbering, Plan
from helpers.round_trip import demo_with_everything, differences, plans, printed_numbers, stored


def read_back(plan: Plan, path: Path, options: DocxOptions = DocxOptions()):
    write_docx(plan, path, options)
    result = import_file(path)
    assert [result.parts[p.id] for p in result.plans] == ["table"], [p.title for p in result.plans]
    return result, result.plans[0]


def assert_same_tree(plan: Plan, got: Plan, result) -> None:
    assert differences(plan, got) == []
    assert got.title == plan.title
    assert got.level_names == [c.header for c in build_appendix(plan).columns if c.key.startswith("level")]
    assert got.columns == plan.columns
    assert got.tag_legend == plan.tag_legend
    assert printed_numbers(got) == printed_numbers(plan)
    assert [w.message for w in result.warnings if w.kind not in ("unknown-unit", "deadline-unparsed")] == []


def notice_fields(plan: Plan) -> tuple:
    return plan.issuer, plan.doc_number, plan.title, plan.date, plan.recipients, plan.cc, plan.body


def dated_demo() -> Plan:
    plan = demo_plan()
    plan.date = "2022-05-10"
    plan.cc = "市委办公室，市人大常委会办公室，市政府办公室"
    return plan


@pytest.mark.parametrize("options", [
    DocxOptions(),
    DocxOptions(attachment_note=False, letterhead=True),
    DocxOptions(fonts=FONT_PROFILES["wps"], layout=LayoutOptions(label="附件1", serial=True, merge_equal_fields=True)),
], ids=["default", "letterhead-no-note", "wps-serial-merged"])
def test_the_demo_notice_comes_back_with_its_fields_and_tree(tmp_path, options):
    plan = dated_demo()
    result, got = read_back(plan, tmp_path / "notice.docx", options)
    assert notice_fields(got) == notice_fields(plan)
    assert_same_tree(plan, got, result)
    assert got.numbering is Numbering.CONTINUOUS


def test_a_notice_without_date_or_body_comes_back_without_them(tmp_path):
    plan = demo_plan()
    plan.body, plan.date = "", None
    result, got = read_back(plan, tmp_path / "notice.docx")
    assert (got.issuer, got.doc_number, got.date, got.recipients) == (plan.issuer, plan.doc_number, None, plan.recipients)
    assert got.body == f"现将《{plan.title}》印发给你们，请认真组织实施。"  # the default body the notice printed
    assert_same_tree(plan, got, result)


def test_the_demo_appendix_alone_comes_back(tmp_path):
    plan = dated_demo()
    result, got = read_back(plan, tmp_path / "appendix.docx", DocxOptions(appendix_only=True))
    assert notice_fields(got) == ("", "", plan.title, None, "", "", "")
    assert_same_tree(plan, got, result)


@pytest.mark.parametrize("appendix_only", [False, True])
def test_the_demo_with_leaders_tags_and_legend_comes_back(tmp_path, appendix_only):
    plan = demo_with_everything()
    plan.date = "2022-05-10"
    result, got = read_back(plan, tmp_path / "all.docx", DocxOptions(appendix_only=appendix_only))
    assert_same_tree(plan, got, result)
    if not appendix_only:
        assert notice_fields(got) == notice_fields(plan)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_lists_with_awkward_text_come_back_through_word(plan):
    with tempfile.TemporaryDirectory() as tmp:
        plan = stored(plan, Path(tmp))
        plan.issuer, plan.doc_number, plan.date = "𠀀㐀市人民政府办公室", "𠀀府办发〔2024〕7号", "2024-03-01"
        plan.recipients = "各县（市、区）人民政府，市级有关部门（单位）"
        result, got = read_back(plan, Path(tmp) / "a.docx")
        assert notice_fields(got)[:5] == notice_fields(plan)[:5]
        assert_same_tree(plan, got, result)


@pytest.mark.render
@pytest.mark.skipif(__import__("importers.legacy", fromlist=["soffice"]).soffice() is None, reason="LibreOffice absent")
def test_the_notice_saved_again_by_libreoffice_still_comes_back(tmp_path):
    import subprocess

    from importers.legacy import soffice
    plan = demo_with_everything()
    plan.date, plan.cc = "2022-05-10", "市委办公室"
    write_docx(plan, tmp_path / "n.docx")
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "docx", "--outdir", str(tmp_path / "saved"), str(tmp_path / "n.docx")],
                   capture_output=True, timeout=180, check=False)
    result = import_file(tmp_path / "saved" / "n.docx")
    (got,) = result.plans
    assert notice_fields(got) == notice_fields(plan)
    assert_same_tree(plan, got, result)
