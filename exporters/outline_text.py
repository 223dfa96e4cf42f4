"""A plan as numbered plain text, the output of ``dutymatrix show``."""
from __future__ import annotations

from models.domain import Column, Plan
from models.numbering import number_plan

_INDENT = "  "


def plan_to_outline(plan: Plan) -> str:
    numbers = number_plan(plan)
    head = [plan.title]
    meta = " · ".join(x for x in (plan.doc_number, plan.issuer, plan.date or "") if x)
    if meta:
        head.append(meta)
    lines = head + [""]
    fields = [
        (Column.LEAD, "牵头", lambda n: "、".join(n.lead)),
        (Column.RESPONSIBLE, "责任", lambda n: "、".join(n.responsible)),
        (Column.LEADER, "责任领导", lambda n: n.leader),
        (Column.DEADLINE, "时限", lambda n: n.deadline),
        (Column.REMARKS, "备注", lambda n: n.remarks),
    ]
    for node, depth in plan.walk():
        pad = _INDENT * (depth - 1)
        tags = "".join(node.tags)
        lines.append(f"{pad}{numbers[node.id]}{node.text}{tags}")
        for column, name, get in fields:
            value = get(node)
            if value and (plan.uses(column) or column is Column.LEADER):
                lines.append(f"{pad}{_INDENT}  {name}：{value}")
    return "\n".join(lines) + "\n"
