"""The bundled demo list (seed 000's appendix), loaded into a fresh store."""
from __future__ import annotations

import json
from importlib.resources import files

from models.domain import Column, Node, Numbering, Plan


def node_from_nested(data: dict) -> Node:
    return Node(
        text=data.get("text", ""),
        lead=list(data.get("lead", [])),
        responsible=list(data.get("responsible", [])),
        leader=data.get("leader", ""),
        deadline=data.get("deadline", ""),
        remarks=data.get("remarks", ""),
        tags=list(data.get("tags", [])),
        children=[node_from_nested(c) for c in data.get("children", [])],
    )


def plan_from_nested(data: dict) -> Plan:
    """A plan from the nested JSON of ``resources/demo_plan.json``; new ids."""
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
        roots=[node_from_nested(n) for n in data.get("nodes", [])],
    )


def demo_plan() -> Plan:
    text = files("resources").joinpath("demo_plan.json").read_text(encoding="utf-8")
    return plan_from_nested(json.loads(text))
