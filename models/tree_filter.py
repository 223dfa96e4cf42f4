"""Filtering the indicator tree: matching nodes show with their ancestors."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from models.deadlines import parse_deadline
from models.domain import Node, Status
from models.tracking import DeadlineState, classify
from models.tree_model import PlanTreeModel


@dataclass(frozen=True)
class NodeFilter:
    text: str = ""  # in task text, units or remarks
    unit: str = ""
    role: str = "any"  # "lead" | "responsible" | "any"
    deadline: str = ""  # "" | "overdue" | "due_within" | "ongoing" | "no_date"
    within_days: int = 30
    tags: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    today: date = field(default_factory=date.today)

    @property
    def active(self) -> bool:
        return bool(self.text or self.unit or self.deadline or self.tags or self.statuses)

    def matches(self, node: Node) -> bool:
        if self.text:
            haystack = " ".join([node.text, node.remarks, node.leader, *node.lead, *node.responsible])
            if self.text.lower() not in haystack.lower():
                return False
        if self.unit:
            roles = {"lead": node.lead, "responsible": node.responsible}.get(self.role, node.lead + node.responsible)
            if self.unit not in roles:
                return False
        if self.tags and not self.tags & set(node.tags):
            return False
        if self.statuses and node.status not in self.statuses:
            return False
        if self.deadline:
            return self._deadline_matches(node)
        return True

    def _deadline_matches(self, node: Node) -> bool:
        if not node.deadline and node.children:
            return False  # an indicator without its own deadline is shown through its tasks
        state = classify(node, self.today)
        if self.deadline == "overdue":
            return state is DeadlineState.OVERDUE
        if self.deadline == "ongoing":
            return state is DeadlineState.ONGOING
        if self.deadline == "no_date":
            return state is DeadlineState.NO_DATE
        if self.deadline == "due_within":
            due = parse_deadline(node.deadline).milestones
            end = self.today + timedelta(days=self.within_days)
            return node.status is not Status.DONE and any(self.today <= d <= end for d in due)
        raise ValueError(self.deadline)


class PlanFilterProxy(QSortFilterProxyModel):
    """Shows nodes that match the filter, with their ancestors (recursive filtering)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.node_filter = NodeFilter()

    def set_filter(self, node_filter: NodeFilter) -> None:
        self.beginFilterChange()
        self.node_filter = node_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.node_filter.active:
            return True
        model = cast(PlanTreeModel, self.sourceModel())
        node = model.node(model.index(source_row, 0, source_parent))
        return node is not None and self.node_filter.matches(node)

    def match_count(self) -> int:
        model = cast(PlanTreeModel, self.sourceModel())
        if not self.node_filter.active:
            return model.node_count()
        return sum(1 for n, _ in model.plan.walk() if self.node_filter.matches(n))
