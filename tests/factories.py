"""Builders of test data shared by tests and benchmarks."""
from __future__ import annotations

import os
from pathlib import Path

from models.domain import Node, Plan


def make_plan(node_count: int, fanout: int = 10) -> Plan:
    """A synthetic plan of three levels with units and deadlines."""
    plan = Plan(title=f"合成清单 {node_count}")
    made = 0
    while made < node_count:
        top = Node(text=f"一级指标 {made}")
        plan.roots.append(top)
        made += 1
        for _ in range(fanout):
            if made >= node_count:
                break
            mid = Node(text=f"二级指标 {made}")
            top.children.append(mid)
            made += 1
            for k in range(fanout):
                if made >= node_count:
                    break
                mid.children.append(Node(
                    text=f"具体举措 {made}：加快推进相关工作，确保按期完成。",
                    lead=[f"市局{k % 7}科"], responsible=[f"县区{k % 13}", f"企业{k % 5}"],
                    deadline="2024年6月底前", remarks="",
                ))
                made += 1
    return plan


# The real documents of ../shared beside the repository (CI lays it there); tests that need them
# skip when it is absent.  DUTYMATRIX_SHARED points elsewhere.
SHARED = Path(os.environ.get("DUTYMATRIX_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
