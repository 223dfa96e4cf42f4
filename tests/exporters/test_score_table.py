"""The score table written as .xlsx (read back, and printed by LibreOffice) and as PDF by Qt.

The figures are those of tests/models/test_scoring.py under the default rules at 2024-12-31:
市发改委 101, 市财政局 100, 市住建局 80.
"""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

from exporters.score_table import ranks, score_tables, write_score_xlsx
from helpers.factories import A, B, C, known_scoring_store
from models.scoring import ScoringRules, UnitScore, ScoreItem, plan_scores
from helpers.pdf_text import flat, needs_pdftotext, page_texts

AT = date(2024, 12, 31)


@pytest.fixture
def tables(tmp_path):
    store, plan = known_scoring_store(tmp_path / "s.sqlite")
    try:
        yield score_tables(plan, plan_scores(store, plan, AT), ScoringRules(), AT)
    finally:
        store.close()


def test_equal_totals_share_a_rank():
    scores = [UnitScore(u, [ScoreItem("基础分", p)]) for u, p in [("甲", 90), ("乙", 95), ("丙", 90), ("丁", 80)]]
    assert [(r, s.unit) for r, s in ranks(scores)] == [(1, "乙"), (2, "甲"), (2, "丙"), (4, "丁")]


def test_xlsx_holds_the_summary_and_every_item(tables, tmp_path):
    wb = openpyxl.load_workbook(write_score_xlsx(tables, tmp_path / "score.xlsx"))
    assert wb.sheetnames == ["得分汇总", "得分明细"]
    summary = wb["得分汇总"]
    assert summary["A1"].value == "附件" and summary["A2"].value == "考核测试清单考核得分表"
    assert [c.value for c in summary[3]] == ["排名", "单位", "基础分", "按时完成", "逾期", "退回", "未报送", "加减分", "总分"]
    body = [[c.value for c in row] for row in summary.iter_rows(min_row=4, max_row=6)]
    # by hand: A 100 + 2 on time − 1 late; B 100 + 1 − 1 − 2 + 2; C 100 + 1 − 1 − 20
    assert body == [["1", A, "100", "2", "-1", None, None, None, "101"],
                    ["2", B, "100", "1", "-1", "-2", None, "2", "100"],
                    ["3", C, "100", "1", "-1", None, "-20", None, "80"]]
    assert summary["A7"].value.startswith("注：计算日期 2024年12月31日。评分规则：基础分每单位 100 分；按时完成每项+1 分")
    assert summary.page_setup.orientation == "landscape" and summary.print_title_rows == "$3:$3"
    detail = wb["得分明细"]
    rows = [[c.value for c in row] for row in detail.iter_rows(min_row=4, max_row=20)]
    # 市发改委: base, on time T1 and T5, late T3, total: 5 rows with the unit cell merged over them
    assert rows[:5] == [[A, "基础分", None, None, "100"], [None, "按时完成", "（一）任务一", None, "1"],
                        [None, "按时完成", "（五）任务五", None, "1"],
                        [None, "逾期", "（三）任务三", "逾期 31 天", "-1"], [None, "合计", None, None, "101"]]
    assert "A4:A8" in {str(r) for r in detail.merged_cells.ranges}
    assert [B, "加减分", None, "获省级表彰（张三）", "2"][1:] in [r[1:] for r in rows]
    # 市财政局 6 rows (base, on time, late, sent back, manual, total), 市住建局 6 (… two rounds not reported)
    assert [r[1] for r in rows[11:]] == ["基础分", "按时完成", "逾期", "未报送", "未报送", "合计"]
    assert rows[-1] == [None, "合计", None, None, "80"] and detail.max_row == 21  # and the note


@needs_pdftotext
def test_qt_pdf_prints_both_tables(tables, tmp_path, qapp):
    from exporters.pdf_document import write_tables_pdf

    result = write_tables_pdf(tables, tmp_path / "score.pdf")
    pages = [flat(p) for p in page_texts(result.path)]
    assert result.pages == len(pages) >= 2
    assert "考核测试清单考核得分表" in pages[0] and flat(f"1 {A} 100 2 -1 101") in pages[0]
    assert "考核测试清单考核得分明细" in pages[1]
    assert "获省级表彰（张三）" in "".join(pages)


@pytest.mark.render
@needs_pdftotext
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_xlsx(tables, tmp_path):
    xlsx = write_score_xlsx(tables, tmp_path / "score.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(xlsx)], check=True, capture_output=True, timeout=180)
    pages = [flat(p) for p in page_texts(tmp_path / "score.pdf")]
    assert len(pages) == 2  # one page per sheet
    assert flat(f"3 {C} 100 1 -1 -20 80") in pages[0] and "—1—" in pages[0]
    assert "逾期31天" in pages[1] and "2024年第四季度" in pages[1]
