"""A plan as the JSON of the command-line contract (shared/spec/cli.md).

Other tools read this shape: change it only together with the spec.
"""
from __future__ import annotations

from datetime import date

from models.deadlines import parse_deadline
from models.domain import Plan
from models.numbering import number_plan
from models.tracking import classify


def plan_to_json(plan: Plan, today: date | None = None, soon_days: int = 7) -> dict:
    """``state`` is what the window's colours say (models.tracking.classify), for tasks (leaves); null for
    the indicators above them."""
    today = today or date.today()
    numbers = number_plan(plan)
    nodes = []
    for node, parent, depth in plan.walk_with_parent():
        due = parse_deadline(node.deadline).due
        nodes.append({
            "id": node.id,
            "parent": parent.id if parent else None,
            "depth": depth,
            "number": numbers[node.id],
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
            "state": None if node.children else classify(node, today, soon_days).code,
        })
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
