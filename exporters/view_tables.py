"""The matrix, the deadline board and a round's 回收情况 as tables in the official layout.

They print through the same painter (:mod:`exporters.print_jobs`) and the same
Excel writer (:mod:`exporters.xlsx_appendix`) as the appendix, so every printed
table of the app looks alike.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from exporters.appendix_layout import TABLE_WIDTH_MM, AppendixTable, LayoutColumn, Merge
from models.board import GROUP_BY, board_groups
from models.tracking import DEFAULT_WARN_DAYS
from models.domain import Node, Plan, Unit, UnitKind
from models.history import HistoryEntry
from models.numbering import number_plan
from models.rounds import ReturnState, RoundStatus

_KIND_ORDER = {kind: i for i, kind in enumerate(UnitKind)}


def table_columns(spec: Sequence[tuple[str, str, float, bool]]) -> list[LayoutColumn]:
    """Columns (key, header, relative width, centred) scaled to the table width of the official layout."""
    scale = TABLE_WIDTH_MM / sum(w for _, _, w, _ in spec)
    return [LayoutColumn(key, header, round(w * scale, 1), max(4.0, w / 2), centered) for key, header, w, centered in spec]


def matrix_table(plan: Plan, units: list[Unit]) -> AppendixTable:
    """Tasks down, the units the plan uses across (by kind, in directory order), 牵/责 in the cells, totals."""
    numbers = number_plan(plan)
    used = {u for n, _ in plan.walk() for u in n.lead + n.responsible}
    names = [u.name for u in sorted((u for u in units if u.name in used),
                                    key=lambda u: (_KIND_ORDER[u.kind], u.sort_key, u.name))]
    names += sorted(used - set(names))
    columns = table_columns([("task", "任务", 90, False)] + [(f"u{i}", n, 7, True) for i, n in enumerate(names)]
                       + [("total", "合计", 8, True)])
    rows, row_nodes = [], []
    totals = {n: [0, 0] for n in names}
    for node, _ in plan.walk():
        if node.children:
            continue
        cells = []
        for name in names:
            if name in node.lead:
                cells.append("牵")
                totals[name][0] += 1
            elif name in node.responsible:
                cells.append("责")
                totals[name][1] += 1
            else:
                cells.append("")
        rows.append([f"{numbers[node.id]}{node.text}", *cells, str(sum(1 for c in cells if c))])
        row_nodes.append(node.id)
    rows.append(["合计", *(f"牵{totals[n][0]}\n责{totals[n][1]}" for n in names), str(len(row_nodes))])
    return AppendixTable(label="附件", title=f"{plan.title}责任分工表", columns=columns, rows=rows, merges=[],
                         legend=["注：“牵”为牵头单位，“责”为责任单位。"], row_nodes=row_nodes + [""],
                         body_pt=10.5)


def board_table(plan: Plan, today: date, group_by: str = "state", warn_days: int = DEFAULT_WARN_DAYS) -> AppendixTable:
    """The deadline board: one row per task under its group, the group cell merged over its tasks."""
    numbers = number_plan(plan)
    columns = table_columns([("group", GROUP_BY[group_by].removeprefix("按"), 22, False), ("task", "任务", 90, False),
                        ("lead", "牵头单位", 36, False), ("deadline", "完成时限", 24, True),
                        ("status", "状态", 14, True), ("progress", "进展情况", 40, False)])
    rows: list[list[str]] = []
    merges: list[Merge] = []
    row_nodes: list[str] = []
    for label, nodes in board_groups(plan, today, group_by, warn_days):
        start = len(rows)
        for node in nodes:
            rows.append([f"{label}（{len(nodes)}）", f"{numbers[node.id]}{node.text}", "、".join(node.lead),
                         node.deadline, node.status.value, node.progress])
            row_nodes.append(node.id)
        if len(rows) - start > 1:
            merges.append(Merge(0, start, len(rows) - 1))
    return AppendixTable(label="", title=f"{plan.title}完成时限一览（{today.year}年{today.month}月{today.day}日）",
                         columns=columns, rows=rows, merges=merges, legend=[], row_nodes=row_nodes, body_pt=10.5)


def round_table(plan: Plan, status: RoundStatus) -> AppendixTable:
    """回收情况: one row per unit asked in the round, with its state, counts and dates."""
    columns = table_columns([("unit", "单位", 56, False), ("state", "报送情况", 16, True), ("tasks", "任务数", 12, True),
                        ("reported", "已报送", 12, True), ("received", "报送日期", 18, True),
                        ("file", "报送文件", 34, False), ("sent", "发送日期", 18, True),
                        ("reminders", "催办次数", 12, True)])
    rows = [[u.unit, u.state.value, str(u.tasks), str(u.reported), u.received or "", u.file, u.sent or "",
             str(u.reminders) if u.reminders else ""] for u in status.units]
    r = status.round
    counts = "，".join(f"{s.value}{status.count(s)}个" for s in ReturnState if status.count(s))
    due = f"，报送截止{r.due.year}年{r.due.month}月{r.due.day}日" if r.due else ""
    return AppendixTable(label="", title=f"{plan.title}{r.name}报送情况", columns=columns, rows=rows, merges=[],
                         legend=[f"注：共{len(rows)}个单位{due}；{counts or '尚无单位'}。"], body_pt=10.5)


def history_table(plan: Plan, entries: Sequence[HistoryEntry], node: Node | None = None) -> AppendixTable:
    """留痕: the dated entries, newest first — of one task (``node``) or of the whole plan (with a 任务 column)."""
    numbers = number_plan(plan)
    texts = {n.id: f"{numbers[n.id]}{n.text}" for n, _ in plan.walk()}
    spec = [("date", "日期", 24, True), ("kind", "类别", 12, True)]
    spec += [] if node is not None else [("task", "任务", 56, False)]
    spec += [("round", "轮次", 30, True), ("unit", "单位", 30, False), ("text", "内容", 60, False),
             ("user", "记录人", 24, True)]
    rows = [[e.on, e.kind.value, *([] if node is not None else [texts.get(e.node_id or "", "")]), e.round, e.unit,
             e.text, str(e.author)] for e in entries]
    title = (f"{plan.title}任务留痕（{texts[node.id]}）" if node is not None else f"{plan.title}留痕记录")
    return AppendixTable(label="", title=title, columns=table_columns(spec), rows=rows, merges=[],
                         legend=[f"注：共{len(rows)}条，按日期由近及远排列。"], body_pt=10.5)
