"""The bundled demo list (seed 000's appendix), loaded into a fresh store."""
from __future__ import annotations

import json
from importlib.resources import files

from models.domain import Plan
from models.node_json import plan_from_dict


def demo_plan() -> Plan:
    text = files("resources").joinpath("demo_plan.json").read_text(encoding="utf-8")
    return plan_from_dict(json.loads(text))
