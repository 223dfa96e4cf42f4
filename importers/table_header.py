"""Finding a table's header row and what each column holds.

The header row is found by its words (序号, 一级指标, 二级指标, 三级指标, 重点任务,
主要举措/具体举措/重点举措, 牵头单位, 责任单位, 责任领导, 完成时限, 备注, 分值, 权重,
评分标准/考核要求), also
with suffixes such as ``牵头单位（科室）`` and spaces inside (``责任 领导``).
Rows above it are title rows.  The task column is the last 举措/任务/指标
column; the columns left of it that hold indicators or key tasks are the
levels of the tree.  Left of those, a column headed in words of the list's own
(领域) is a level too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.domain import Column

NUMBER, LEVEL, TASK, LEAD, RESPONSIBLE, LEADER, DEADLINE, REMARKS, PROGRESS = (
    "number", "level", "task", "lead", "responsible", "leader", "deadline", "remarks", "progress",
)
# The assessment columns (分值, 权重, 评分标准/考核要求): the Node fields of the same names.
POINTS, WEIGHT, CRITERIA = "points", "weight", "criteria"
SCORING_ROLES = (POINTS, WEIGHT, CRITERIA)
ROLES = (NUMBER, LEVEL, TASK, LEAD, RESPONSIBLE, LEADER, DEADLINE, REMARKS, PROGRESS, *SCORING_ROLES)
ROLE_NAMES = {  # for the column-mapping dialog
    NUMBER: "序号", LEVEL: "指标层级", TASK: "任务（举措）", LEAD: "牵头单位", RESPONSIBLE: "责任单位",
    LEADER: "责任领导", DEADLINE: "完成时限", REMARKS: "备注", PROGRESS: "进展情况",
    POINTS: "分值", WEIGHT: "权重", CRITERIA: "评分标准",
}
_PROGRESS_WORDS = re.compile(r"进展|完成情况|是否完成|推进情况|落实情况|进度|执行情况")
_SCORING_WORDS = {POINTS: re.compile(r"分值|分数|标准分|赋分"), WEIGHT: re.compile(r"权重"),
                  CRITERIA: re.compile(r"评分|考核要求|考核标准|计分")}
_TASK_WORDS = re.compile(r"举措|措施|任务|工作内容|主要内容|具体内容|工作事项|事项名称|目标要求")


def header_role(cell: str) -> str | None:
    c = re.sub(r"[（(][^（）()]*[）)]$", "", re.sub(r"\s", "", cell))  # 重点工作任务（澄江市1项牵头工作）
    if not c or len(c) > 16:
        return None
    if re.fullmatch(r"序号|编号|序|No\.?", c, re.IGNORECASE):
        return NUMBER
    if re.match(r"[一二三四五六七八九十]级(?:指标|任务|目标|$)", c):
        return LEVEL
    if "领导" in c or c.startswith("责任人"):
        return LEADER
    if c.startswith(("牵头单位", "牵头部门", "牵头科室", "主办单位", "牵头处室")) or c in ("牵头", "主责", "主办"):
        return LEAD
    if c.startswith(("责任单位", "责任部门", "责任科室", "配合单位", "配合部门", "协办单位", "参与单位", "责任主体", "责任处室")) \
            or c in ("配合", "协办", "参与", "协同"):  # 牵头 | 配合 under a merged 责任单位
        return RESPONSIBLE
    if re.search(r"时限|完成时间|时间节点|时间要求|期限|截止|完成日期|办结时间|时间安排|进度安排|计划安排", c):
        return DEADLINE
    if c.startswith("备注"):
        return REMARKS
    if _PROGRESS_WORDS.search(c):
        return PROGRESS
    scoring = next((role for role, words in _SCORING_WORDS.items() if words.search(c)), None)
    if scoring is not None:
        return scoring
    if _TASK_WORDS.search(c):
        return TASK
    return None


@dataclass
class Layout:
    """Which column holds what; ``levels`` are the tree's upper levels, left to right."""

    roles: list[str | None]
    names: list[str] = field(default_factory=list)
    task: int = 0
    levels: list[int] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the header row, to drop its repeats
    rows: int = 1  # rows the header takes: 2 where 责任单位 is split into 牵头单位 | 配合单位 below it

    def col(self, role: str) -> int | None:
        return next((i for i, r in enumerate(self.roles) if r == role), None)

    def has(self, role: str) -> bool:
        return role in self.roles

    def level_names(self) -> list[str]:
        return [self.names[i] for i in self.levels] + [self.names[self.task]]

    def plan_columns(self) -> list[Column]:
        order = [(LEAD, Column.LEAD), (RESPONSIBLE, Column.RESPONSIBLE), (LEADER, Column.LEADER),
                 (DEADLINE, Column.DEADLINE), (REMARKS, Column.REMARKS)]
        return [column for role, column in order if self.has(role)]


def _short_name(cell: str) -> str:
    return re.sub(r"\s", "", cell)


def make_layout(roles: list[str | None], names: list[str]) -> Layout | None:
    """A layout from column roles (found or chosen by hand); None without a task column."""
    roles = list(roles)
    content = [i for i, r in enumerate(roles) if r in (TASK, LEVEL)]
    if not content:
        return None
    # The task column is the last of them: 重点任务 | 主要举措, or 领域 | 重点任务 | 三级指标.
    task = content[-1]
    for i in content:
        roles[i] = TASK if i == task else LEVEL
    levels = [i for i, r in enumerate(roles) if r == LEVEL and i < task]
    return Layout(roles, [_short_name(n) for n in names], task, levels, [_short_name(n) for n in names])


_FIELD_ROLES = (LEAD, RESPONSIBLE, LEADER, DEADLINE, REMARKS, PROGRESS, POINTS, WEIGHT, CRITERIA)


def _unnamed_levels(roles: list[str | None], row: list[str]) -> list[str | None]:
    """Columns named in no known words (领域, 重点工作) left of the first level or task
    column hold the upper levels: a list's level names are its own (领域 | 重点任务 | 具体举措).

    Unknown columns between the task and the unit columns stay unread.  Without any level or task word, a single unknown column left of the
    unit and deadline columns is the task column; several are left to the user."""
    fields = [i for i, r in enumerate(roles) if r in _FIELD_ROLES]
    if not fields:
        return roles
    unknown = [i for i, r in enumerate(roles[:fields[0]]) if r is None and 0 < len(row[i].strip()) <= 16]
    content = [i for i, r in enumerate(roles) if r in (LEVEL, TASK)]
    if not content:  # 说明 | 牵头单位 | 完成时限: one column of text left of the fields is the list
        if len(unknown) != 1 or len(fields) < 2:
            return roles
        return [TASK if i == unknown[0] else r for i, r in enumerate(roles)]
    return [LEVEL if i in unknown and i < content[0] else r for i, r in enumerate(roles)]


def _split_below(row: list[str], below: list[str] | None) -> tuple[list[str], bool]:
    """The header's words with those of a second header row merged in: 责任单位 over 牵头单位 | 配合单位
    (a merged cell over two columns, each named in the row below; the other cells merged down or
    repeated).  (names, whether the row below is part of the header)."""
    if below is None:
        return row, False
    cells = [(c.strip(), b.strip()) for c, b in zip(row + [""] * (len(below) - len(row)), below)]
    named = [j for j, (c, b) in enumerate(cells) if b and b != c]
    if not named or any(header_role(cells[j][1]) not in _FIELD_ROLES for j in named):
        return row, False
    if not any(header_role(cells[j][0]) is None or header_role(cells[j][0]) in (LEAD, RESPONSIBLE) for j in named):
        return row, False
    return [b if j in named else c for j, (c, b) in enumerate(cells)], True


def find_header(rows: list[list[str]], limit: int = 30) -> tuple[int, Layout] | None:
    """(row index, layout) of the first row that reads as a header (with the row below it, where that
    names the parts of a merged header cell)."""
    for i, row in enumerate(rows[:limit]):
        row, split = _split_below(row, rows[i + 1] if i + 1 < len(rows) else None)
        roles = _unnamed_levels([header_role(c) for c in row], row)
        found = {r for r in roles if r}
        content = found & {TASK, LEVEL}
        if len([r for r in roles if r]) >= 3 or (content and found & {LEAD, RESPONSIBLE, DEADLINE}):
            layout = make_layout(roles, row)
            if layout is not None:
                layout.rows = 2 if split else 1
                return i, layout
    return None


def is_header_repeat(row: list[str], layout: Layout) -> bool:
    """The header printed again (at a page top, over the next part): its words, or cells naming
    the same columns (重点工作任务（1项牵头工作） / 重点工作任务（2项牵头工作））."""
    cells = [_short_name(c) for c in row]
    filled = [c for c in cells if c]
    if not filled or len(filled) < min(3, len(layout.header)):
        return False
    return all(c in layout.header or header_role(c) is not None for c in filled)
