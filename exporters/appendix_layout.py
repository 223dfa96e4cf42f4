"""One layout description of the appendix table (附件), shared by the .docx
and .xlsx exporters and the printed page, so that the three agree.

The table follows shared/spec/official-layout.md §1.7: one column per level
(the plan's level names), then 牵头单位, 责任单位, 责任领导, 完成时限, 备注 as
the plan uses them; one row per leaf task; each ancestor's cell merged
vertically over the rows of its leaves.  Widths are the spec's millimetres
(Word) and character units (Excel), scaled to the 225 mm landscape text block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from exporters.column_widths import ColumnSpec, fit_widths
from models.cell_text import numbered_cell
from models.domain import Column, Node, Plan
from models.legend import legend_lines
from models.numbering import number_plan

TABLE_WIDTH_MM = 225.0
# Body text is 12 pt, or 五号 (10.5 pt) when the table is dense (spec §1.7):
# from 8 columns on, the narrow columns would wrap every few characters, and
# rows averaging more than 3.5 lines at 12 pt fill few rows a page.
BODY_PT = 12.0
HEADER_PT = 12.0
DENSE_COLUMNS = 8
DENSE_BODY_PT = 10.5
DENSE_LINES_PER_ROW = 3.5
FIT_SAMPLE = 600  # rows the column widths are fitted to


@dataclass(frozen=True)
class FontProfile:
    """Font names for one kind of machine (spec §1.2)."""

    name: str
    fangsong: str  # body text
    kaiti: str  # level-2 headings in the notice
    heiti: str  # level-1 headings, 附件 label, table header
    title: str  # 小标宋: issuer mark and titles
    page_number: str = "宋体"


FONT_PROFILES = {
    "gb2312": FontProfile("gb2312", "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"),
    "windows": FontProfile("windows", "仿宋", "楷体", "黑体", "方正小标宋简体"),
    "wps": FontProfile("wps", "方正仿宋_GBK", "方正楷体_GBK", "方正黑体_GBK", "方正小标宋_GBK"),
}
DEFAULT_FONTS = FONT_PROFILES["gb2312"]


@dataclass(frozen=True)
class LayoutColumn:
    key: str  # "serial", "level1".."levelN", "lead", "responsible", "leader", "deadline", "remarks", "progress"
    header: str
    width_mm: float
    xlsx_width: float  # Excel character units at 11 pt (one CJK character ≈ 2)
    centered: bool = False


@dataclass(frozen=True)
class Merge:
    """Column ``column`` spans body rows ``first``..``last`` (0-based, inclusive)."""

    column: int
    first: int
    last: int


@dataclass
class AppendixTable:
    label: str  # 附件 or 附件1
    title: str
    columns: list[LayoutColumn]
    rows: list[list[str]]  # body rows, one cell text per column
    merges: list[Merge]
    legend: list[str]  # lines under the table: 注：1.★：…，共14项
    row_nodes: list[str] = field(default_factory=list)  # the leaf node id of each row
    fonts: FontProfile = DEFAULT_FONTS
    header_pt: float = 12.0
    body_pt: float = 12.0
    title_pt: float = 22.0  # 2号; 小二 (18) for long titles

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


# Spec widths: (mm, Excel units).  The last level column holds the task text.
_LEVEL_WIDTHS = [(22, 12), (26, 14)]
_TASK_WIDTH = (78, 45)
_FIELD_COLUMNS = [
    (Column.LEAD, "lead", "牵头单位", (24, 14), False),
    (Column.RESPONSIBLE, "responsible", "责任单位", (30, 18), False),
    (Column.LEADER, "leader", "责任领导", (16, 9), True),
    (Column.DEADLINE, "deadline", "完成时限", (20, 11), True),
    (Column.REMARKS, "remarks", "备注", (15, 10), False),
]
_SERIAL = ("serial", "序号", (10, 6), True)
_PROGRESS = ("progress", "进展情况", (40, 24), False)


@dataclass(frozen=True)
class LayoutOptions:
    label: str = "附件"
    serial: bool = False  # a leading 序号 column numbering the rows
    merge_equal_fields: bool = False  # merge equal consecutive lead/responsible/deadline under one parent
    progress: bool = False  # a 进展情况 column with the latest progress text
    fonts: FontProfile = DEFAULT_FONTS


def _columns(plan: Plan, levels: int, options: LayoutOptions) -> list[tuple[str, str, tuple[float, float], bool]]:
    """(key, header, spec widths, centred) of each column, in order."""
    raw: list[tuple[str, str, tuple[float, float], bool]] = []
    if options.serial:
        raw.append(_SERIAL)
    for depth in range(1, levels + 1):  # deeper than the plan names: 四级指标, 五级指标 (Plan.level_name)
        widths = _TASK_WIDTH if depth == levels else _LEVEL_WIDTHS[min(depth - 1, len(_LEVEL_WIDTHS) - 1)]
        raw.append((f"level{depth}", plan.level_name(depth), widths, False))
    for column, key, header, widths, centered in _FIELD_COLUMNS:
        if plan.uses(column):
            raw.append((key, header, widths, centered))
    if options.progress:
        raw.append(_PROGRESS)
    return raw


def xlsx_units(width_mm: float) -> float:
    """Excel's width (characters of the default font) of a column ``width_mm`` wide when printed at 100 %:
    a column of w units is 7w + 5 pixels at 96 dpi."""
    return round(max(width_mm / 25.4 * 96 - 5, 7) / 7, 2)


def _fitted(raw: list[tuple[str, str, tuple[float, float], bool]], rows: list[list[str]],
            merges: list[Merge]) -> tuple[list[LayoutColumn], float]:
    """The columns with widths from their content (:mod:`exporters.column_widths`), in 0.1 mm,
    and the body size: 12 pt, or 10.5 pt for a dense table."""
    specs = [ColumnSpec(k, h, w[0]) for k, h, w, _ in raw]
    spans = [(m.column, m.first, m.last) for m in merges]
    if len(rows) > FIT_SAMPLE:  # a long list: widths from an even sample of its rows
        step = len(rows) / FIT_SAMPLE
        rows = [rows[int(i * step)] for i in range(FIT_SAMPLE)]
        spans = []
    body_pt = DENSE_BODY_PT if len(raw) >= DENSE_COLUMNS else BODY_PT
    widths, lines = fit_widths(specs, rows, spans, body_pt, HEADER_PT, TABLE_WIDTH_MM)
    if body_pt > DENSE_BODY_PT and lines > DENSE_LINES_PER_ROW * len(rows):
        body_pt = DENSE_BODY_PT
        widths, _ = fit_widths(specs, rows, spans, body_pt, HEADER_PT, TABLE_WIDTH_MM)
    rounded = [round(w, 1) for w in widths]
    rounded[max(range(len(rounded)), key=rounded.__getitem__)] += round(TABLE_WIDTH_MM - sum(rounded), 1)
    return [LayoutColumn(k, h, w, xlsx_units(w), c) for (k, h, _, c), w in zip(raw, rounded)], body_pt


def _level_cell(node: Node, number: str, is_leaf: bool) -> str:
    # A leaf's leader has its own column; an indicator's is printed in its cell.
    return numbered_cell(node, number, with_leader=not is_leaf)


def _leaf_field(node: Node, key: str) -> str:
    if key in ("lead", "responsible"):
        return "、".join(getattr(node, key))
    if key == "leader":  # 王某 李某 → 王某、李某: names apart, never run together
        return "、".join(_NAME_GAPS.split(node.leader.strip())) if node.leader.strip() else ""
    return getattr(node, key)


_NAME_GAPS = re.compile(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])|[，,；;]+\s*")


def build_appendix(plan: Plan, options: LayoutOptions = LayoutOptions(),
                   progress: dict[str, str] | None = None) -> AppendixTable:
    """Lay out a plan as the appendix table.  ``progress`` maps node id → latest progress text."""
    numbers = number_plan(plan)
    depth_of = {n.id: d for n, d in plan.walk()}
    levels = max(depth_of.values(), default=1)
    raw = _columns(plan, levels, options)
    keys = [k for k, _, _, _ in raw]
    first_level = keys.index("level1")
    rows: list[list[str]] = []
    row_nodes: list[str] = []
    merges: list[Merge] = []

    def visit(node: Node, path: list[Node]) -> None:
        if node.children:
            start = len(rows)
            for child in node.children:
                visit(child, path + [node])
            if len(rows) - start > 1:
                merges.append(Merge(first_level + depth_of[node.id] - 1, start, len(rows) - 1))
            return
        row = [""] * len(keys)
        for ancestor in path:
            row[first_level + depth_of[ancestor.id] - 1] = _level_cell(ancestor, numbers[ancestor.id], False)
        row[first_level + depth_of[node.id] - 1] = _level_cell(node, numbers[node.id], True)
        for i, key in enumerate(keys):
            if key == "serial":
                row[i] = str(len(rows) + 1)
            elif key == "progress":
                row[i] = (progress or {}).get(node.id, node.progress)
            elif not key.startswith("level"):
                row[i] = _leaf_field(node, key)
        rows.append(row)
        row_nodes.append(node.id)

    for root in plan.roots:
        visit(root, [])
    if options.merge_equal_fields:
        merges += _equal_runs(rows, row_nodes, plan, keys)
    title = plan.title
    columns, body_pt = _fitted(raw, rows, merges)
    return AppendixTable(
        label=options.label, title=title, columns=columns, rows=rows, merges=merges,
        legend=legend_lines(plan), row_nodes=row_nodes, fonts=options.fonts,
        title_pt=22.0 if len(title) <= 40 else 18.0, header_pt=HEADER_PT, body_pt=body_pt,
    )


def _equal_runs(rows: list[list[str]], row_nodes: list[str], plan: Plan, keys: list[str]) -> list[Merge]:
    """Vertical merges of equal, non-empty consecutive cells of leaves under one parent."""
    parent_of = {n.id: (p.id if p else None) for n, p, _ in plan.walk_with_parent()}
    merges = []
    for key in ("lead", "responsible", "deadline"):
        if key not in keys:
            continue
        col = keys.index(key)
        start = 0
        for r in range(1, len(rows) + 1):
            same = (
                r < len(rows)
                and rows[r][col]
                and rows[r][col] == rows[start][col]
                and parent_of[row_nodes[r]] == parent_of[row_nodes[start]]
            )
            if not same:
                if r - 1 > start:
                    merges.append(Merge(col, start, r - 1))
                start = r
    return merges
