"""Table rows from any source (Word, Excel, text) → a tree of indicators and tasks.

Rows are read under the header's :class:`~importers.table_header.Layout`.
Text extracted from PDF tables needs more care than Word or Excel tables,
whose merged cells the readers fill in (``Table.merged``):

* merged cells come out empty: an empty lead or deadline cell continues the
  one above; an empty responsible cell does too unless the row names its own
  lead (the lead then works alone).  Nothing is carried over into a new
  first-level indicator;
* a row split over a page break (the rest of a cell on the next line, the
  other fields empty) is joined to its row, and the rest of a unit name
  (``有限责任公司``) to the name;
* header rows repeated at every page are dropped;
* a cell holding two numbered tasks (``51. … 52. …``) gives two tasks;
* rows whose cells slipped into other columns are realigned by content
  (a date is a deadline, a list of units is units) when the evidence is
  clear, and flagged ``column-shift`` otherwise.

The first-level cell may name the subtree's leader: ``一、开办企业（牵头领导：张建红）``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from importers import cells as C
from importers.annotations import apply_rule, marked_roles
from importers.document import Table
from importers.headings import keep_printed_numbers, parse_label, task_number
from importers.result import ImportCancelled
from importers.markers import legend_entry, take_heading_tags, take_tags
from importers.notice import is_annex_label
from importers.table_header import (
    CRITERIA, DEADLINE, LEAD, LEADER, NUMBER, PROGRESS, REMARKS, RESPONSIBLE, SCORING_ROLES, TASK, Layout,
    find_header, is_header_repeat,
)
from importers.text_source import leader_text, tidy, unbalanced
from importers.unit_list import split_units
from models.domain import Node, Numbering

_LEVEL_LABEL = re.compile(r"[（(]\s*[一二三四五六七八九十百零〇]{1,5}\s*[）)]")
_LEADER_NOTE = re.compile(r"[（(]\s*牵头领导\s*[:：]\s*([^（）()]*)[）)]?")
_NEXT_TASK = re.compile(r"(?<=[。；;！？!?\s])(\d{1,3})\s*[.．、](?!\d)")
_UNIT_ROLES = (LEAD, RESPONSIBLE)
_GROUP_LEADER = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(?:常务)?副?(?:省|市|县|区|州|旗)?长(?:牵头|负责|分管)")
_FIELDS = (LEAD, RESPONSIBLE, LEADER, DEADLINE, REMARKS, PROGRESS)


@dataclass
class TableTasks:
    roots: list[Node] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)  # node id -> printed number
    tasks: list[Node] = field(default_factory=list)
    warnings: list[tuple[str | None, str, str]] = field(default_factory=list)
    layout: Layout | None = None
    title_rows: list[str] = field(default_factory=list)
    legend: dict[str, str] = field(default_factory=dict)  # marker -> meaning, from legend rows in the table
    numbering: Numbering = Numbering.CONTINUOUS
    number_scopes: dict[str, int] = field(default_factory=dict)  # see Plan.number_scopes
    inherited: dict[str, set[str]] = field(default_factory=dict)  # node id -> fields continued from above


@dataclass
class _Head:
    node: Node
    raw: str
    key: str


def split_tasks(text: str) -> list[tuple[int | None, str]]:
    """``51. … 52. …`` in one cell → [(51, "…"), (52, "…")]."""
    first = task_number(text)
    if first is None:
        return [(None, text)]
    body = re.sub(r"^\s*\d{1,3}\s*[.．、]\s*", "", text)
    out, expected, start = [], first, 0
    for m in _NEXT_TASK.finditer(body):
        if int(m.group(1)) == expected + 1:
            out.append((expected, body[start:m.start()].strip()))
            expected, start = expected + 1, m.end()
    out.append((expected, body[start:].strip()))
    return out


def _head_parts(text: str) -> list[str]:
    """A level cell holding several labelled indicators: (三十三)… (三十四)…"""
    starts = [m.start() for m in _LEVEL_LABEL.finditer(text)]
    if len(starts) <= 1:
        return [text]
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


class _Reader:
    def __init__(self, layout: Layout, merged: bool, out: TableTasks, lead_rule: str | None = None):
        self.layout, self.merged, self.out = layout, merged, out
        self.lead_rule = lead_rule if not layout.has(LEAD) else None  # stated by the notice: 列第一位的为牵头单位
        self.heads: list[_Head | None] = [None] * len(layout.levels)
        self.seen: list[dict[str, _Head]] = [{} for _ in layout.levels]
        self.last_task: Node | None = None
        self.raw: dict[str, str] = {}  # the current (maybe inherited) value of each field, as printed
        self.group: dict[str, list[Node]] = {}  # tasks sharing that value
        self.own: dict[str, bool] = {}  # did the last task print its own value?
        self.numbered = True  # task cells carry numbers (set by parse_table)
        self.labelled = [True] * len(layout.levels)  # indicators of each level carry numbers
        self.groups: list[tuple[int, Node]] = []  # (level, node): headings printed between the rows

    # -- columns ------------------------------------------------------------

    def role(self, i: int, width: int) -> str | None:
        """The role of cell ``i`` of a row with ``width`` cells (short rows lost columns on the left)."""
        shift = max(0, len(self.layout.roles) - width) if not self.merged else 0
        j = i + shift
        return self.layout.roles[j] if j < len(self.layout.roles) else None

    def level_index(self, i: int, width: int) -> int | None:
        shift = max(0, len(self.layout.roles) - width) if not self.merged else 0
        j = i + shift
        return self.layout.levels.index(j) if j in self.layout.levels else None

    # -- headings -------------------------------------------------------------

    def _label(self, text: str):
        """The number a cell starts with; in Word and Excel also a number alone (an item without text)."""
        return parse_label(text, lone=self.merged)

    def heading(self, k: int, text: str) -> None:
        """A level-k cell: a new indicator, the same one again, or the rest of one."""
        parts = _head_parts(text)
        first_labelled = self._label(parts[0]) is not None
        for n, part in enumerate(parts):
            label = self._label(part)
            key = f"{label.level}:{label.number}" if label else tidy(part)
            current = self.heads[k]
            if label is None and current is not None and (n > 0 or (not self.merged and self.labelled[k])):
                self._extend(current, part)  # the rest of a numbered indicator broken over rows
                continue
            if current is not None and current.key == key:
                if len(part) > len(current.raw):
                    self._rename(current, part)
                continue
            if key in self.seen[k]:
                if n == 0:
                    self._set_current(k, self.seen[k][key])
                continue
            head = self._new_head(k, part, key, label.printed if label else "")
            if n > 0 and first_labelled:
                self.out.warnings.append((head.node.id, "shared-cell", f"{head.node.text}：与上一指标共用同一组举措"))
                continue
            self._set_current(k, head)

    def _set_current(self, k: int, head: _Head) -> None:
        self.heads[k] = head
        for j in range(k + 1, len(self.heads)):
            self.heads[j] = None
            self.seen[j] = {}
        if k == 0:
            self.raw, self.group = {}, {}  # nothing carries over into a new first-level indicator

    def _new_head(self, k: int, raw: str, key: str, printed: str) -> _Head:
        node = Node()
        head = _Head(node, raw, key)
        self._rename(head, raw)
        parent = next((h for h in reversed(self.heads[:k]) if h is not None), None)
        (parent.node.children if parent else self.out.roots).append(node)
        self.out.printed[node.id] = printed
        self.seen[k][key] = head
        return head

    def _rename(self, head: _Head, raw: str) -> None:
        head.raw = raw
        label = self._label(raw)
        text = label.rest if label else raw
        m = _LEADER_NOTE.search(text)
        if m and m.group(1).strip():
            head.node.leader = leader_text(m.group(1))
            text = text[:m.start()] + text[m.end():]
        if self.merged:  # typed in Word or Excel: kept as typed
            text, tags = take_heading_tags(C.typed(text))
        else:
            text, tags = take_heading_tags(tidy(text))
            text = text.replace(" ", "")
        head.node.text = text
        head.node.tags = tags

    def _extend(self, head: _Head, fragment: str) -> None:
        if tidy(fragment).replace(" ", "") in tidy(head.raw).replace(" ", ""):
            return
        self._rename(head, head.raw + fragment)

    # -- tasks ----------------------------------------------------------------

    def parent(self) -> Node | None:
        head = next((h for h in reversed(self.heads) if h is not None), None)
        if head is not None:
            return head.node
        return self.groups[-1][1] if self.groups else None

    def group_row(self, cells: list[str]) -> bool:
        """A row holding only a numbered heading (``一、扩大有效投资``, one cell or merged across the
        row) in a table without level columns: a group over the rows below it."""
        filled = {c for c in cells if c}
        if self.layout.levels or len(filled) != 1:
            return False
        text = filled.pop()
        label = parse_label(text)
        if label is None or label.level > 2 or not label.rest.strip() or len(text) > 60 or text.endswith("。"):
            return False
        if self.merged:  # Word and Excel: a heading merged across the whole row
            if len(cells) < 2 or any(c != text for c in cells):
                return False
        elif not (len(cells) == 1 or cells[0] == text or cells[self.layout.task] == text):
            return False
        while self.groups and self.groups[-1][0] >= label.level:
            self.groups.pop()
        node = Node(text=tidy(label.rest) if not self.merged else C.typed(label.rest))
        leads = _GROUP_LEADER.match(node.text)  # （一）陈立副市长牵头重点工作: the leader of its rows
        node.leader = leads.group(1) if leads else ""
        (self.groups[-1][1].children if self.groups else self.out.roots).append(node)
        self.groups.append((label.level, node))
        self.out.printed[node.id] = label.printed
        self.raw, self.group = {}, {}  # nothing carries over into a new group
        return True

    def add_tasks(self, text: str, fields: dict[str, str], number: str | None) -> None:
        if number is None:
            pieces = [(f"{n}." if n is not None else "", piece) for n, piece in split_tasks(text)]
        else:
            digits = re.match(r"\s*(\d{1,4})", number)  # 2* (a marker beside the number) is 2
            if digits:  # 11 | 11.121人才梯队项目: the row's number printed again in its task cell
                text = re.sub(rf"^\s*{int(digits.group(1))}\s*[.．、]\s*", "", text)
            pieces = [(f"{int(digits.group(1))}." if digits else "", text)]
        if self.merged and len(pieces) == 1:
            # A Word or Excel task cell numbered at its own level (（一） 1. （1） ①),
            # also beside a 序号 column counting the rows: the cell's number is the task's.
            own = self._label(pieces[0][1])
            if own is not None:
                pieces = [(own.printed, own.rest)]
        for printed, piece in pieces:
            body, tags = take_tags(C.typed(piece) if self.merged else tidy(piece))
            node = Node(text=body, tags=tags)
            parent = self.parent()
            (parent.children if parent else self.out.roots).append(node)
            self.out.printed[node.id] = printed
            self.out.tasks.append(node)
            self.fill(node, fields)
            self.last_task = node

    def fill(self, node: Node, fields: dict[str, str]) -> None:
        own_lead = bool(fields.get(LEAD))
        for role in (LEAD, RESPONSIBLE, LEADER, DEADLINE):
            if not self.layout.has(role):
                continue
            text = fields.get(role, "")
            inherit = not self.merged and not text and role in self.raw
            if role == RESPONSIBLE and own_lead and self.layout.has(LEAD):
                inherit = False  # a row with its own lead and no responsible units: the lead works alone
            if inherit:
                self.group[role].append(node)
                if self.raw[role]:
                    self.out.inherited.setdefault(node.id, set()).add(role)
            else:
                self.raw[role], self.group[role] = text, [node]
            self.own[role] = not inherit
            self._apply(role)
        if not node.leader:  # a group row's leader leads the rows under it
            node.leader = next((g.leader for _, g in reversed(self.groups) if g.leader), "")
        node.remarks = C.as_text(fields.get(REMARKS, ""), self.merged)
        node.progress = C.as_text(fields.get(PROGRESS, ""), self.merged)  # 进展情况 / 是否完成, as reported
        for role in SCORING_ROLES:
            setattr(node, role, C.as_text(fields.get(role, ""), self.merged))

    def _apply(self, role: str) -> None:
        raw = self.raw.get(role, "")
        for node in self.group.get(role, []):
            if role == DEADLINE:
                node.deadline = C.deadline_text(raw, self.merged)
            elif role == LEADER:
                node.leader = leader_text(raw)
            elif role == RESPONSIBLE and self.lead_rule is not None:
                node.lead, node.responsible, _ = apply_rule(raw, self.lead_rule)
            else:
                setattr(node, role, split_units(raw))
        if role in _UNIT_ROLES:
            for node in self.group.get(role, []):
                marked = marked_roles(node.lead, node.responsible)  # 市住建局（牵头）、市自然资源局
                if marked is not None:
                    node.lead, node.responsible = marked
                elif self.layout.has(LEAD):
                    node.responsible = [u for u in node.responsible if u not in node.lead]

    def continue_field(self, role: str, fragment: str, rest_of_row: bool = False) -> None:
        """The rest of a cell carried onto the next row (text tables only).

        For the rest of the last row (``rest_of_row``), a field the last task
        had only inherited gets the fragment as its own value."""
        node = self.last_task
        if rest_of_row and node is not None and not self.own.get(role, True):
            if node in self.group.get(role, []):
                self.group[role].remove(node)
            self.raw[role], self.group[role], self.own[role] = fragment, [node], True
            self.out.inherited.get(node.id, set()).discard(role)
        elif role == LEADER and role in self.raw:
            self.raw[role] = self.raw[role] + fragment  # 常务 / 副县长: one title broken over rows
        elif role in self.raw:
            self.raw[role] = C.joins_name(self.raw[role], fragment)
        else:
            return
        self._apply(role)

    def continue_text(self, fragment: str) -> None:
        node = self.last_task
        if node is not None and not node.text.endswith(tidy(fragment)):
            node.text, tags = take_tags(tidy(node.text + fragment))
            node.tags = list(dict.fromkeys(node.tags + tags))

    # -- rows -------------------------------------------------------------------

    def row(self, cells: list[str]) -> None:
        cells = [C.value(c) for c in cells]
        if not any(cells) or is_header_repeat(cells, self.layout):
            return
        filled = [c for c in cells if c]
        entry = legend_entry(filled[0]) if len(filled) == 1 else None
        if entry is not None:  # 注：1.★：…，共14项 in a row across the table (a workbook's legend)
            self.out.legend[entry[0]] = entry[1]
            return
        if self.group_row(cells):
            return
        task_at = self._task_cell(cells)
        limit = task_at if task_at is not None else (self.layout.task if self.merged else len(cells))
        new_head = self._headings(cells, limit)
        task = cells[task_at] if task_at is not None else ""
        unnumbered = self.numbered and not self.layout.has(NUMBER) and task_number(task) is None
        if task_at is None and self.merged and new_head and self._shallow_task(cells):
            return
        # an unnumbered first task under a new indicator is a task when the row has fields of its own
        first_row = unnumbered and new_head and task_at is not None and self._own_fields(cells, task_at)
        if task_at is None or (unnumbered and new_head and not first_row):
            self._rest_of_row(cells, task_at, new_head)
            return
        fields, doubtful = self._fields(cells, task_at)
        number = cells[self.layout.col(NUMBER)] if self.layout.has(NUMBER) else None
        if not self.merged:
            for role in _UNIT_ROLES:
                carry, fields[role] = C.split_carry(self.raw.get(role, ""), fields.get(role, ""))
                if carry:
                    self.continue_field(role, carry)  # the rest of the row above, broken by the page
        self.add_tasks(task, fields, number)
        if first_row and self.last_task is not None:
            self.out.warnings.append((self.last_task.id, "first-row",
                                      f"“{self.last_task.text[:30]}”：这一行没有序号，按任务导入，请核对"))
        if doubtful and self.last_task is not None:
            self.out.warnings.append((self.last_task.id, "column-shift",
                                      f"{self.out.printed[self.last_task.id]}：这一行的列可能错位，请核对"))

    def _own_fields(self, cells: list[str], task_at: int) -> bool:
        """Units or a deadline in the row's own columns (right of its task cell)."""
        return any(cells[i] and role in _UNIT_ROLES + (DEADLINE,)
                   for i, role in enumerate(self.layout.roles) if task_at < i < len(cells))

    def _shallow_task(self, cells: list[str]) -> bool:
        """A Word or Excel row whose deepest level cell is new and whose task cell is
        empty, with units, a deadline, a leader or remarks of its own: that level's
        item is a task with no measures under it (二、B | | | 市发改委 | 2024年6月)."""
        fields = {role: cells[i] for i, role in enumerate(self.layout.roles)
                  if role in _FIELDS and i < len(cells) and cells[i]}
        if not fields:
            return False
        node = self.parent()
        leader = node.leader  # printed in its cell: （牵头领导：X）
        self.fill(node, fields)
        node.leader = node.leader or leader
        self.out.tasks.append(node)
        self.last_task = node
        return True

    def _task_cell(self, cells: list[str]) -> int | None:
        t = self.layout.task
        if self.merged or self.layout.has(NUMBER):
            number = self.layout.col(NUMBER)
            if not self.merged and number is not None and self.last_task is not None and number < len(cells) \
                    and not cells[number] and len(cells) == len(self.layout.roles):
                return None  # no number in the 序号 column: the rest of the row above, broken by the page
            return t if t < len(cells) and cells[t] else None
        if t < len(cells) and task_number(cells[t]) is not None:
            return t
        for i, cell in enumerate(cells):  # the task slipped into another column
            label = parse_label(cell) if cell else None
            if label is not None and label.level == 3:
                return i
        return None

    def _headings(self, cells: list[str], limit: int) -> bool:
        """Read the level cells left of the task; True when a new indicator starts."""
        new = False
        for i in range(limit):
            cell = cells[i]
            if not cell:
                continue
            label = parse_label(cell)
            k = self.level_index(i, len(cells))
            if label is not None and label.level <= min(2, len(self.layout.levels)):
                k = label.level - 1
            elif C.is_sentence(cell) and not self.merged:
                continue  # task text that slipped left, not an indicator
            elif not self.merged:
                # the rest of an indicator goes to the one left open: 二、办理建筑许可(牵头领导: | 吴勇)
                k = next((j for j in reversed(range(len(self.heads)))
                          if self.heads[j] is not None and unbalanced(self.heads[j].raw)), k)
            if k is None:
                continue
            before = self.heads[k]
            self.heading(k, cell)
            new |= self.heads[k] is not before
        return new

    def _fields(self, cells: list[str], task_at: int) -> tuple[dict[str, str], bool]:
        roles = self.layout.roles
        aligned = self.merged or (len(cells) == len(roles) and task_at == self.layout.task and self._consistent(cells))
        fields: dict[str, str] = {}
        if aligned:
            for i, role in enumerate(roles):
                if i < len(cells) and role and i != task_at and cells[i]:
                    # two progress or criteria columns (进展情况 | 进展状态, 评分标准 | 考核要求): one line each
                    fields[role] = f"{fields[role]}\n{cells[i]}" if role in (PROGRESS, REMARKS, CRITERIA) and role in fields else cells[i]
            return fields, False
        units = [r for r in _UNIT_ROLES if self.layout.has(r)]
        doubtful = False
        for cell in cells[task_at + 1:]:
            if not cell:
                continue
            kind = C.kind(cell)
            if kind == C.DEADLINE and DEADLINE not in fields:
                fields[DEADLINE] = cell
            elif kind == C.UNITS and units:
                fields[units.pop(0)] = cell
            elif kind == C.LEADER and self.layout.has(LEADER) and LEADER not in fields:
                fields[LEADER] = cell
            elif kind == C.LEADER and units and not self.layout.has(LEADER):
                fields[units.pop(0)] = cell
            elif self.layout.has(REMARKS) and REMARKS not in fields:
                fields[REMARKS] = cell
            else:
                doubtful = True
        return fields, doubtful

    def _consistent(self, cells: list[str]) -> bool:
        """Do the cells right of the task hold what their columns say?"""
        for i in range(self.layout.task + 1, len(cells)):
            cell, role = cells[i], self.layout.roles[i]
            if not cell:
                continue
            kind = C.kind(cell)
            if role == DEADLINE and kind != C.DEADLINE and not C.continues_deadline(cell):
                return False
            if role in _UNIT_ROLES and kind == C.DEADLINE:
                return False
            if role == LEADER and kind in (C.DEADLINE, C.UNITS):
                return False
        return True

    def _rest_of_row(self, cells: list[str], task_at: int | None, new_head: bool) -> None:
        """A row without a task number: a note on a new indicator, or the rest of the row above."""
        full = len(cells) == len(self.layout.roles)
        for i, cell in enumerate(cells):
            label = parse_label(cell) if cell else None
            if not cell or (label is not None and label.level <= 2):
                continue
            role = self.role(i, len(cells))
            if self.level_index(i, len(cells)) is not None and (self.merged or not C.is_sentence(cell)):
                continue  # an indicator (Word/Excel level cells are all read above) or the rest of one
            if new_head and (i == task_at or role == TASK or C.is_sentence(cell)):
                head = next(h for h in reversed(self.heads) if h is not None)
                head.node.remarks = tidy(cell).replace(" ", "")
                continue
            if self.merged:
                continue
            kind = C.kind(cell)
            if full and role in _UNIT_ROLES + (DEADLINE, LEADER):
                self.continue_field(role, cell, rest_of_row=role != LEADER)
            elif full and role == TASK:
                self.continue_text(cell)
            elif full:
                continue
            elif kind == C.UNITS:
                self.continue_field(RESPONSIBLE if self.layout.has(RESPONSIBLE) else LEAD, cell, rest_of_row=True)
            elif kind == C.DEADLINE:
                self.continue_field(DEADLINE, cell, rest_of_row=True)
            elif C.is_sentence(cell):
                self.continue_text(cell)


def parse_table(table: Table, layout: Layout | None = None, header_row: int | None = None,
                cancel: Callable[[], bool] | None = None, lead_rule: str | None = None) -> TableTasks:
    """The tree of one table; ``layout`` (with its ``header_row``) overrides the header found by its words."""
    out = TableTasks()
    rows = [list(r) for r in table.rows]
    if layout is None:
        found = find_header(rows)
        if found is None:
            out.warnings.append((None, "table-header", "表格没有可识别的表头（序号、重点任务、牵头单位、责任单位、完成时限…），请手工指定各列"))
            return out
        header_row, layout = found
    start = (header_row + layout.rows) if header_row is not None else 0
    out.layout = layout
    above = [tidy(" ".join(c for c in r if c)) for r in rows[:header_row or 0] if any(r)]
    out.title_rows = [t for t in above if not is_annex_label(t)]  # the 附件 label is no title
    reader = _Reader(layout, table.merged, out, lead_rule)
    task_cells = [r[layout.task] for r in rows[start:] if layout.task < len(r) and C.value(r[layout.task])]
    reader.numbered = layout.has(NUMBER) or sum(task_number(c) is not None for c in task_cells) * 2 >= len(task_cells)
    body = [r for r in rows[start:] if not is_header_repeat(r, layout)]
    for k, col in enumerate(layout.levels):  # indicators printed without numbers: each new text is a new one
        cells = [C.value(r[col]) for r in body if col < len(r) and C.value(r[col])]
        reader.labelled[k] = len(cells) < 3 or sum(parse_label(c) is not None for c in cells) * 2 >= len(cells)
    for i, row in enumerate(rows[start:]):
        if cancel is not None and i % 200 == 199 and cancel():
            raise ImportCancelled()
        reader.row(row)
    if not layout.has(LEAD) and any(t.responsible for t in out.tasks) and not any(t.lead for t in out.tasks):
        out.warnings.append((None, "lead-unclear", "表格没有牵头单位列，也未说明牵头规则：所有单位记为责任单位，牵头单位留空"))
    for j, (role, name) in enumerate(zip(layout.roles, layout.names)):  # nothing dropped unsaid
        if role is None and name and any(j < len(r) and C.value(r[j]) for r in body):
            out.warnings.append((None, "column-unread", f"表格的“{name}”列未导入（不对应任何字段）；"
                                                        "如需保留，请在导入向导中手工指定该列（如作为备注）"))
    out.numbering, out.number_scopes = keep_printed_numbers(out.roots, out.printed)
    return out
