"""Domain objects of a responsibility list: plans, nodes and units.

Plain dataclasses with no Qt and no SQL, shared by the store, the importers,
the exporters and the CLI.  Every object carries a stable UUID that survives
edits, export and re-import.  Numbers (一、（一）1.) are never stored: see
:mod:`models.numbering`.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any


def new_id() -> str:
    return str(uuid.uuid4())


class Status(str, Enum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    LATE = "滞后"


class Numbering(str, Enum):
    """How levels below the first are numbered."""

    CONTINUOUS = "continuous"  # (一)…(二十), 1…56 run through the whole list
    RESTART = "restart"  # numbers restart under each parent, as in body text


class Column(str, Enum):
    """Optional columns a plan may use, in print order."""

    LEAD = "lead"
    RESPONSIBLE = "responsible"
    LEADER = "leader"
    DEADLINE = "deadline"
    REMARKS = "remarks"


class UnitKind(str, Enum):
    CITY_DEPARTMENT = "市级部门"
    COUNTY = "县区"
    ENTERPRISE = "企业"
    INTERNAL = "内设科室"
    UMBRELLA = "统称"
    OTHER = "其他"


@dataclass
class Unit:
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: UnitKind = UnitKind.OTHER
    sort_key: int = 0
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class SourceLink:
    """Where a task of a derived plan (分解下达) came from, at one level above it: the source plan (its
    id, and its title and issuer for the user to read), the source task's stable id, and the receiver
    the task was handed down to, and its number there when it was (（三）, to read).  ``handed`` is False
    for an ancestor kept only for the structure."""

    plan_id: str
    node_id: str
    receiver: str
    plan_title: str = ""
    issuer: str = ""
    handed: bool = True
    number: str = ""


@dataclass
class Node:
    """One indicator or task at any depth."""

    # The label of each field names it to the user (undo texts, reviews); see FIELD_LABELS.
    text: str = field(default="", metadata={"label": "指标文本"})
    lead: list[str] = field(default_factory=list, metadata={"label": "牵头单位"})  # unit names, in print order
    responsible: list[str] = field(default_factory=list, metadata={"label": "责任单位"})
    leader: str = field(default="", metadata={"label": "责任领导"})
    # as typed; parsed on demand by models.deadlines
    deadline: str = field(default="", metadata={"label": "完成时限"})
    remarks: str = field(default="", metadata={"label": "备注"})
    tags: list[str] = field(default_factory=list, metadata={"label": "标记"})
    status: Status = field(default=Status.NOT_STARTED, metadata={"label": "状态"})
    progress: str = field(default="", metadata={"label": "进展"})
    # Assessment columns some lists carry, as typed (read by models.scoring): 分值 e.g. "5" or "5分",
    # 权重 e.g. "10%", and 评分标准 / 考核要求 as text.
    points: str = field(default="", metadata={"label": "分值"})
    weight: str = field(default="", metadata={"label": "权重"})
    criteria: str = field(default="", metadata={"label": "评分标准"})
    # The level its number prints in (1 一、 2 （一） 3 1. 4 （1） 5 ①) where the list skips one
    # (一、 straight to 1., or 1. at the top); None: one below its parent's (models.numbering).
    number_style: int | None = field(default=None, metadata={"label": "序号层级"})
    # The number it prints with where its count does not start from 1 (the list's 一、 was left out on
    # import, so it starts at 二、); the ones after it count on from there.
    number_from: int | None = field(default=None, metadata={"label": "起始序号"})
    # Hand-down: the task's source at each level above, nearest first (models.handdown); empty for a
    # task of the plan's own.
    sources: list[SourceLink] = field(default_factory=list, metadata={"label": "来源"})
    children: list[Node] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def walk(self, depth: int = 1) -> Iterator[tuple[Node, int]]:
        """This node and its descendants in tree order, with their depth."""
        stack = [(self, depth)]  # iterative: a generator per level costs a lot on big trees
        while stack:
            node, level = stack.pop()
            yield node, level
            if node.children:
                stack.extend((child, level + 1) for child in reversed(node.children))

    def clone(self) -> Node:
        """A deep copy of this subtree with new ids (for paste and duplicate)."""
        copy = self.copy()
        for node, _ in copy.walk():
            node.id = new_id()
        return copy

    def copy(self, children: list[Node] | None = None) -> Node:
        """A deep copy of this subtree keeping the ids (a snapshot for undo); ``children`` instead
        of copies of its own when given."""
        return Node(**{name: _copied(getattr(self, name)) for name in NODE_FIELDS},
                    children=[c.copy() for c in self.children] if children is None else children, id=self.id)

    def units(self) -> list[str]:
        return self.lead + [u for u in self.responsible if u not in self.lead]


PER_PARENT = -1  # a number scope: numbers start again under each parent (Plan.number_scopes)

DEFAULT_LEVEL_NAMES = ["一级指标", "二级指标", "三级指标"]
DEFAULT_COLUMNS = [Column.LEAD, Column.RESPONSIBLE, Column.DEADLINE, Column.REMARKS]


@dataclass
class Plan:
    """A list (清单) with the fields of the notice that issues it."""

    title: str = ""
    issuer: str = ""  # 发文机关
    doc_number: str = ""  # 文号, e.g. 达市城管发〔2022〕135号
    date: str | None = None  # 成文日期, ISO YYYY-MM-DD
    recipients: str = ""  # 主送机关
    cc: str = ""  # 抄送
    body: str = ""  # notice body text
    level_names: list[str] = field(default_factory=lambda: list(DEFAULT_LEVEL_NAMES))
    columns: list[Column] = field(default_factory=lambda: list(DEFAULT_COLUMNS))
    numbering: Numbering = Numbering.CONTINUOUS
    # In continuous mode, where the numbers of a style (str(1..5)) start again from 1: under each parent
    # (PER_PARENT), never (0: 1..45 through the whole plan) or under each node of a level ("1": each
    # 一、); a style not named runs through the plan below the top (models.numbering).
    number_scopes: dict[str, int] = field(default_factory=dict)
    tag_legend: dict[str, str] = field(default_factory=dict)  # marker -> meaning
    # The assessment rules (models.scoring.ScoringRules as a dict); empty: the default rules.
    scoring: dict[str, Any] = field(default_factory=dict)
    roots: list[Node] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def walk(self) -> Iterator[tuple[Node, int]]:
        """Every node in tree order (parents before children) with its depth."""
        stack = [(root, 1) for root in reversed(self.roots)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            if node.children:
                stack.extend((child, depth + 1) for child in reversed(node.children))

    def walk_nodes(self) -> Iterator[Node]:
        for node, _ in self.walk():
            yield node

    def walk_with_parent(self) -> Iterator[tuple[Node, Node | None, int]]:
        stack: list[tuple[Node, Node | None, int]] = [(n, None, 1) for n in reversed(self.roots)]
        while stack:
            node, parent, depth = stack.pop()
            yield node, parent, depth
            stack.extend((c, node, depth + 1) for c in reversed(node.children))

    def node_count(self) -> int:
        return sum(1 for _ in self.walk())

    def copy(self, roots: list[Node] | None = None) -> Plan:
        """A copy with the same ids whose lists and dicts (level names, columns, tag legend, the
        tree) are its own; ``roots`` instead of a copy of the tree when given."""
        return Plan(**{name: _copied(getattr(self, name)) for name in PLAN_FIELDS},
                    roots=[r.copy() for r in self.roots] if roots is None else roots, id=self.id)

    def duplicate(self, title: str) -> Plan:
        """A copy under a new id and ``title`` whose nodes have new ids (a second plan in the store)."""
        plan = self.copy(roots=[r.clone() for r in self.roots])
        plan.id, plan.title = new_id(), title
        return plan

    def find(self, node_id: str) -> Node | None:
        return next((n for n, _ in self.walk() if n.id == node_id), None)

    def uses(self, column: Column) -> bool:
        return column in self.columns

    def level_name(self, depth: int) -> str:
        """The name of a level; below the named ones 四级指标, 五级指标 … (not the last name again), as the
        appendix heads their columns (and any importer reads them back as levels)."""
        if depth <= len(self.level_names):
            return self.level_names[depth - 1]
        from models.numbering import chinese_numeral  # numbering builds on this module

        return f"{chinese_numeral(depth)}级指标"


# -- the fields, read from the dataclasses (JSON, store rows, copies and labels list none by hand) --

NODE_FIELDS = tuple(f.name for f in fields(Node) if f.name not in ("children", "id"))
PLAN_FIELDS = tuple(f.name for f in fields(Plan) if f.name not in ("roots", "id"))
UNIT_ROLES = ("lead", "responsible")  # the node fields that name units
FIELD_LABELS = {f.name: f.metadata["label"] for f in fields(Node) if "label" in f.metadata}


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value
