"""A plan as the JSON of the command-line contract (shared/spec/cli.md).

Other tools read this shape: change it only together with the spec.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from models.deadlines import parse_deadline
from models.domain import Node, Plan
from models.node_json import plain
from models.numbering import number_plan
from models.tracking import classify

if TYPE_CHECKING:
    from models.plan_diff import PlanDiff


def node_to_json(node: Node, parent: Node | None, depth: int, number: str, today: date,
                 soon_days: int = 7) -> dict:
    """``state`` is what the window's colours say (models.tracking.classify), for tasks (leaves); null for
    the indicators above them."""
    due = parse_deadline(node.deadline).due
    return {
        "id": node.id,
        "parent": parent.id if parent else None,
        "depth": depth,
        "number": number,
        "text": node.text,
        "lead": list(node.lead),
        "responsible": list(node.responsible),
        "leader": node.leader,
        "deadline": node.deadline,
        "due": due.isoformat() if due else None,
        "remarks": node.remarks,
        "tags": list(node.tags),
        "status": node.status.value,
        "progress": node.progress,
        "points": node.points,  # 分值, 权重, 评分标准 as typed (issue 17)
        "weight": node.weight,
        "criteria": node.criteria,
        "sources": plain(node.sources),  # hand-down (issue 18): the source at each level above, nearest first
        "state": None if node.children else classify(node, today, soon_days).code,
    }


def plan_to_json(plan: Plan, today: date | None = None, soon_days: int = 7) -> dict:
    today = today or date.today()
    numbers = number_plan(plan)
    nodes = [node_to_json(node, parent, depth, numbers[node.id], today, soon_days)
             for node, parent, depth in plan.walk_with_parent()]
    return {
        "id": plan.id,
        "title": plan.title,
        "issuer": plan.issuer,
        "doc_number": plan.doc_number,
        "date": plan.date,
        "recipients": plan.recipients,
        "level_names": list(plan.level_names),
        "nodes": nodes,
    }


def warning(plan_id: str, node_id: str | None, kind: str, message: str) -> dict:
    return {"plan": plan_id, "node": node_id, "kind": kind, "message": message}


def document(plans: list[Plan], warnings: list[dict], today: date | None = None, soon_days: int = 7) -> dict:
    return {"plans": [plan_to_json(p, today, soon_days) for p in plans], "warnings": warnings}


def diff_to_json(diff: PlanDiff, today: date | None = None) -> dict:
    """``{"a": plan, "b": plan, "changes": [{"kind", "a": NODE|null, "b": NODE|null, "fields", "note"}]}``."""
    from models.revision_notes import revision_rows

    numbers = diff.numbers
    today = today or date.today()

    def node(change_node: Node | None, side: int) -> dict | None:
        if change_node is None:
            return None
        places = (diff.places_a, diff.places_b)[side]
        place = places[change_node.id]
        parent = places[place.parent].node if place.parent else None
        return node_to_json(change_node, parent, place.depth, numbers[side][change_node.id], today)

    def summary(plan: Plan) -> dict:
        return {"id": plan.id, "title": plan.title}

    return {
        "a": summary(diff.a),
        "b": summary(diff.b),
        "changes": [{
            "kind": row.change.kind.value,
            "a": node(row.change.a, 0),
            "b": node(row.change.b, 1),
            "fields": [{"field": f.field, "label": f.label, "a": f.before, "b": f.after} for f in row.change.fields],
            "note": row.note,
        } for row in revision_rows(diff)],
    }
