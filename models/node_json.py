"""Nested JSON of nodes and plans: the demo file and the clipboard use it."""
from __future__ import annotations

from models.domain import Column, Node, Numbering, Plan, Status


def node_to_dict(node: Node) -> dict:
    return {
        "text": node.text, "lead": list(node.lead), "responsible": list(node.responsible),
        "leader": node.leader, "deadline": node.deadline, "remarks": node.remarks,
        "tags": list(node.tags), "status": node.status.value, "progress": node.progress,
        "children": [node_to_dict(c) for c in node.children],
    }


def node_from_dict(data: dict) -> Node:
    """A node (new ids) from nested JSON; missing fields take their defaults."""
    return Node(
        text=str(data.get("text", "")),
        lead=[str(u) for u in data.get("lead", [])],
        responsible=[str(u) for u in data.get("responsible", [])],
        leader=str(data.get("leader", "")),
        deadline=str(data.get("deadline", "")),
        remarks=str(data.get("remarks", "")),
        tags=[str(t) for t in data.get("tags", [])],
        status=Status(data.get("status", Status.NOT_STARTED.value)),
        progress=str(data.get("progress", "")),
        children=[node_from_dict(c) for c in data.get("children", [])],
    )


def plan_from_dict(data: dict) -> Plan:
    """A plan (new ids) from nested JSON as in ``resources/demo_plan.json``."""
    return Plan(
        title=data["title"],
        issuer=data.get("issuer", ""),
        doc_number=data.get("doc_number", ""),
        date=data.get("date"),
        recipients=data.get("recipients", ""),
        cc=data.get("cc", ""),
        body=data.get("body", ""),
        level_names=list(data.get("level_names", [])),
        columns=[Column(c) for c in data.get("columns", [])],
        numbering=Numbering(data.get("numbering", Numbering.CONTINUOUS.value)),
        tag_legend=dict(data.get("tag_legend", {})),
        roots=[node_from_dict(n) for n in data.get("nodes", [])],
    )
