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


NEW_POWER_TASK = "推行电力接入工程“零审批”。"
NEW_ROOT = "优化法治环境"
NEW_ROOT_TASK = "开展执法人员法治培训。"


def revise(plan: Plan) -> Plan:
    """The demo's 修订稿: what changed is spelled out here and in ``expected``."""
    r = plan.roots
    # 1. A task moves to another indicator: 完善以“双随机、一公开”… from 办理环节 to “双随机、一公开”监管.
    moved = r[0].children[0].children.pop(5)
    r[4].children[0].children.append(moved)
    # 2. A task moves to the front of its own siblings (政务服务便利度).
    siblings = r[3].children[3].children
    siblings.insert(0, siblings.pop(5))
    # 3. Insertions: a task at the front of 获得电力/办理环节, a new indicator with a task at the end.
    r[1].children[0].children.insert(0, Node(text=NEW_POWER_TASK, lead=["政策法规科（行政审批科）"],
                                             deadline="2023年6月"))
    r.append(Node(text=NEW_ROOT, children=[Node(text=NEW_ROOT_TASK, lead=["人事科"], deadline="2023年12月")]))
    # 4. Deletions: one task, and the indicator 城市服务 with its sub-indicator and two tasks.
    r[4].children[2].children.pop(4)  # 建立公务员诚信档案。
    r.pop(5)  # 城市服务
    # 5. Units: one responsible unit added and one dropped; two lead units swapped.
    water = r[2].children[0].children[0]
    water.responsible = [u for u in water.responsible if u != "达州水务集团"] + ["市城管执法局"]
    claim = r[4].children[2].children[-2]  # 及时认领…
    claim.lead = list(reversed(claim.lead))
    # 6. Rewordings, of a task and of an indicator; a deadline, a leader and a tag.
    joint = r[0].children[1].children[0]
    joint.text = joint.text.replace("健全", "完善", 1).rstrip("。") + "，实现并联审批。"
    r[3].children[0].text = "政务服务效能提升"
    evaluation = r[5].children[1].children[0]  # 保障措施 is now the sixth
    evaluation.deadline, evaluation.leader, evaluation.tags = "2023年12月", "张三", ["★"]
    return plan


# The real documents of ../shared beside the repository (CI lays it there); tests that need them
# skip when it is absent.  DUTYMATRIX_SHARED points elsewhere.
SHARED = Path(os.environ.get("DUTYMATRIX_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
