"""Building real .docx and .xlsx files the way an office makes them, for import tests.

Word: the notice's paragraphs (bold where the text had ``**…**``), then the
appendix as tables of one printed page each, every page starting with the
header row (marked to repeat), indicator cells merged down over their rows and
unit and deadline cells merged down over runs of equal values.
Excel: a title row merged across the sheet, a blank row, the header, the same
vertical merges, and the header repeated every ``page`` rows.
"""
from __future__ import annotations

import re

from docx import Document
from docx.oxml import OxmlElement
from openpyxl import Workbook

from models.domain import Column, Node, Plan

HEADERS = {Column.LEAD: "牵头单位", Column.RESPONSIBLE: "责任单位", Column.LEADER: "责任领导",
           Column.DEADLINE: "完成时限", Column.REMARKS: "备注"}


def table_rows(plan: Plan, printed: dict[str, str], tasks: set[str] | None = None,
               shared: set[str] = frozenset()) -> tuple[list[str], list[list[str]]]:
    """Header and one row per task: level cells, task, then the plan's columns.

    ``tasks``: ids of task nodes (default: the leaves); an indicator without tasks gets a row of
    its own with its note (or 无); ``shared``: indicators printed in their previous sibling's cell.
    """
    depth = max(d for _, d in plan.walk())
    header = list(plan.level_names[:depth]) + [HEADERS[c] for c in plan.columns]
    rows: list[list[str]] = []

    def cell(node: Node, siblings: list[Node] = ()) -> str:
        is_task = node.id in tasks if tasks is not None else not node.children
        note = f"（牵头领导：{node.leader}）" if node.leader and not is_task else ""
        text = f"{printed.get(node.id, '')}{node.text}{''.join(node.tags)}{note}"
        i = siblings.index(node) if node in siblings else -1
        while 0 <= i + 1 < len(siblings) and siblings[i + 1].id in shared:
            i += 1
            text += f" {printed.get(siblings[i].id, '')}{siblings[i].text}"
        return text

    def visit(nodes: list[Node], path: list[str]) -> None:
        for node in nodes:
            if node.id in shared:
                continue
            is_task = node.id in tasks if tasks is not None else not node.children
            if not is_task:
                if node.children:
                    visit(node.children, path + [cell(node, nodes)])
                else:  # an indicator without tasks: its note in the task column
                    levels = (path + [cell(node, nodes)] + [""] * depth)[:depth - 1]
                    rows.append(levels + [node.remarks or "无"] + ["无" for _ in plan.columns])
                continue
            fields = {Column.LEAD: "、".join(node.lead), Column.RESPONSIBLE: "、".join(node.responsible),
                      Column.LEADER: node.leader, Column.DEADLINE: node.deadline, Column.REMARKS: node.remarks}
            levels = (path + [""] * depth)[:depth - 1]
            rows.append(levels + [cell(node)] + [fields[c] for c in plan.columns])

    visit(plan.roots, [])
    return header, rows


def _runs(rows: list[list[str]], col: int, levels: int) -> list[tuple[int, int]]:
    """(first, last) row index of each run of equal values in a column (levels: also equal to the left)."""
    runs, start = [], 0
    for i in range(1, len(rows) + 1):
        same = i < len(rows) and rows[i][col] == rows[start][col] and rows[i][col] != "" and \
            rows[i][:min(col, levels)] == rows[start][:min(col, levels)]
        if not same:
            runs.append((start, i - 1))
            start = i
    return runs


def _add_runs(paragraph, text: str) -> None:
    for i, part in enumerate(re.split(r"\*\*", text)):
        if part:
            paragraph.add_run(part).bold = bool(i % 2)


def write_docx(path, paragraphs: list[str], plan: Plan | None = None, printed: dict[str, str] | None = None,
               page: int = 25, tasks: set[str] | None = None, shared: set[str] = frozenset(),
               after: list[str] = ()) -> None:
    """Paragraphs, then (if ``plan``) its tree as a table split into pages with repeated headers,
    then the paragraphs ``after`` it (a closing legend)."""
    document = Document()
    for text in paragraphs:
        _add_runs(document.add_paragraph(), text)
    if plan is not None:
        header, rows = table_rows(plan, printed or {}, tasks, shared)
        levels = len(header) - len(plan.columns) - 1
        for start in range(0, len(rows), page):
            chunk = rows[start:start + page]
            table = document.add_table(rows=len(chunk) + 1, cols=len(header))
            table.style = "Table Grid"
            grid = table._cells  # python-docx rebuilds this list on every table.cell() call
            width = len(header)
            for c, name in enumerate(header):
                grid[c].text = name
            flag = OxmlElement("w:tblHeader")
            table.rows[0]._tr.get_or_add_trPr().append(flag)
            for r, row in enumerate(chunk, start=1):
                for c, value in enumerate(row):
                    grid[r * width + c].text = value
            for c in range(width):
                if c == levels:
                    continue  # the task column is never merged
                for a, b in _runs(chunk, c, levels):
                    if b > a:
                        merged = grid[(a + 1) * width + c].merge(grid[(b + 1) * width + c])
                        merged.text = chunk[a][c]
            document.add_paragraph()
    for text in after:
        _add_runs(document.add_paragraph(), text)
    document.save(str(path))


def write_xlsx(path, plan: Plan, printed: dict[str, str], title: str, page: int = 40, formula: bool = False,
               tasks: set[str] | None = None, shared: set[str] = frozenset()) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "清单"
    header, rows = table_rows(plan, printed, tasks, shared)
    levels = len(header) - len(plan.columns) - 1
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append([])
    out_row = 3
    for start in range(0, len(rows), page):
        chunk = rows[start:start + page]
        ws.append(header)
        first = out_row + 1
        for row in chunk:
            ws.append(row)
        for c in range(len(header)):
            if c == levels:
                continue
            for a, b in _runs(chunk, c, levels):
                if b > a:
                    ws.merge_cells(start_row=first + a, start_column=c + 1, end_row=first + b, end_column=c + 1)
        out_row += len(chunk) + 1
    if formula:
        ws.cell(row=4, column=len(header)).value = '=CONCAT("备","注")'
    workbook.save(str(path))
