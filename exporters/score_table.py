"""The score table (考核得分表) in the official layout: a summary per unit and the items behind it.

Two :class:`~exporters.appendix_layout.AppendixTable` s — the summary (rank, unit, points by
rule, total) and the detail (every item of every unit: rule, task, why, points) — written as two
sheets of one workbook by the appendix's sheet writer, or painted as PDF pages by the
appendix's painter, so they look like every other printed table of the app.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from exporters.appendix_layout import AppendixTable, Merge
from exporters.notice_text import format_day
from exporters.view_tables import table_columns
from exporters.xlsx_appendix import write_table_sheet
from exporters.xlsx_style import save_workbook, sheet_title
from models.domain import Plan
from models.scoring import RULE_ORDER, ScoringRules, UnitScore, describe_rules, figure


def ranks(scores: list[UnitScore]) -> list[tuple[int, UnitScore]]:
    """Scores from the highest total down with their rank; equal totals share a rank (1, 1, 3)."""
    ordered = sorted(scores, key=lambda s: -s.total)
    out, rank = [], 0
    for i, score in enumerate(ordered):
        if i == 0 or score.total != ordered[i - 1].total:
            rank = i + 1
        out.append((rank, score))
    return out


def _note(rules: ScoringRules, at: date) -> list[str]:
    return [f"注：计算日期 {format_day(at)}。评分规则：{'；'.join(describe_rules(rules))}。"]


def summary_table(plan: Plan, scores: list[UnitScore], rules: ScoringRules, at: date) -> AppendixTable:
    used = {item.rule for s in scores for item in s.items}
    rules_shown = [r for r in RULE_ORDER if r in used]
    columns = table_columns([("rank", "排名", 10, True), ("unit", "单位", 46, False)]
                            + [(f"r{i}", r, 17, True) for i, r in enumerate(rules_shown)]
                            + [("total", "总分", 16, True)])
    rows = []
    for rank, score in ranks(scores):
        by_rule = score.by_rule()
        rows.append([str(rank), score.unit,
                     *(str(figure(by_rule[r])) if r in by_rule else "" for r in rules_shown), str(figure(score.total))])
    return AppendixTable(label="附件", title=f"{plan.title}考核得分表", columns=columns, rows=rows, merges=[],
                         legend=_note(rules, at), body_pt=12.0)


def detail_table(plan: Plan, scores: list[UnitScore], rules: ScoringRules, at: date) -> AppendixTable:
    columns = table_columns([("unit", "单位", 34, False), ("rule", "考核项目", 22, True), ("task", "任务", 90, False),
                             ("detail", "说明", 50, False), ("points", "得分", 14, True)])
    rows: list[list[str]] = []
    merges: list[Merge] = []
    for _, score in ranks(scores):
        start = len(rows)
        for item in score.items:
            rows.append([score.unit, item.rule, item.task, item.detail, str(figure(item.points))])
        rows.append([score.unit, "合计", "", "", str(figure(score.total))])
        merges.append(Merge(0, start, len(rows) - 1))
    return AppendixTable(label="得分明细", title=f"{plan.title}考核得分明细", columns=columns, rows=rows,
                         merges=merges, legend=_note(rules, at), body_pt=10.5)


def score_tables(plan: Plan, scores: list[UnitScore], rules: ScoringRules, at: date) -> list[AppendixTable]:
    return [summary_table(plan, scores, rules, at), detail_table(plan, scores, rules, at)]


def write_score_xlsx(tables: list[AppendixTable], path: str | Path) -> Path:
    """The tables as the sheets 得分汇总 and 得分明细 of one workbook."""
    path = Path(path)
    wb = Workbook()
    taken: set[str] = set()
    for i, (table, name) in enumerate(zip(tables, ["得分汇总", "得分明细"])):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = sheet_title(name, taken)
        write_table_sheet(ws, table)
    save_workbook(wb, path)
    return path
