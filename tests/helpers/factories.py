"""Builders of test data shared by tests and benchmarks."""
from __future__ import annotations

import os
from pathlib import Path

from models.domain import Node, Plan, Status
from models.store import ProgressEntry, ScoreAdjustment, Store


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


# -- a plan with known assessment events (tests/models/test_scoring.py checks its scores by hand) --

A, B, C = "市发改委", "市财政局", "市住建局"
Q2, Q3, Q4 = "2024年第二季度", "2024年第三季度", "2024年第四季度"


def known_plan() -> tuple[Plan, dict[str, Node]]:
    t = {
        "T1": Node(text="任务一", lead=[A], responsible=[B], deadline="2024年6月30日前", points="10分"),
        "T2": Node(text="任务二", lead=[B], deadline="2024年9月底前", points="5"),
        "T3": Node(text="任务三", lead=[C], responsible=[A, "各县区"], deadline="2024年11月30日前"),
        "T4": Node(text="任务四", lead=[C], deadline="2024年8月31日前", points="3分", status=Status.DONE),
        "T5": Node(text="任务五", lead=[A], deadline="2024年10月31日前", points="５"),
    }
    plan = Plan(title="考核测试清单", roots=[Node(text="重点工作", children=list(t.values()))])
    return plan, t


def known_scoring_store(path) -> tuple[Store, Plan]:
    """A store at ``path`` holding the plan of :func:`known_plan` with its history:

    The plan (calculation date 2024-12-31), units A = 市发改委, B = 市财政局, C = 市住建局:

    - T1 lead A, resp B, due 2024-06-30, 分值 10: A reports 推进中 (Q2, 04-10), 已完成 (Q3, 06-20)
      → on time for A and B, 10 days early.
    - T2 lead B, due 2024-09-30, 分值 5: B reports 推进中 (Q2), 退回整改 (Q3, 09-15), 已完成 (Q4, 10-05)
      → sent back once, 5 days late for B.
    - T3 lead C, resp A and 各县区 (an umbrella: not scored), due 2024-11-30, no 分值: C reports
      推进中 (Q2), nothing since → open, 31 days late at 12-31 for C and A.
    - T4 lead C, due 2024-08-31, 分值 "3分", status 已完成 with no report → on time (date unknown).
    - T5 lead A, due 2024-10-31, 分值 5: A reports 已完成 (Q4, 10-20) → on time, 11 days early.
    - Rounds: Q2 all three report; Q3 A and B (C not); Q4 A and B (C not).
    - Manual: B +2 (获省级表彰, 张三, 11-01); A −3 (数据报送错误, 李四, 2025-01-05, after the date).
    """
    plan, t = known_plan()
    store = Store(path)
    store.save_plan(plan)
    for key, unit, round_, status, day in [
        ("T1", A, Q2, "推进中", "2024-04-10"), ("T1", A, Q3, "已完成", "2024-06-20"),
        ("T2", B, Q2, "推进中", "2024-04-12"), ("T2", B, Q3, "退回整改", "2024-09-15"),
        ("T2", B, Q4, "已完成", "2024-10-05"),
        ("T3", C, Q2, "推进中", "2024-04-15"),
        ("T5", A, Q4, "已完成", "2024-10-20"),
    ]:
        store.add_progress(ProgressEntry.new(t[key].id, unit, round_, status, "进展", day))
    store.add_adjustment(ScoreAdjustment.new(plan.id, B, 2, "获省级表彰", "张三", "2024-11-01"))
    store.add_adjustment(ScoreAdjustment.new(plan.id, A, -3, "数据报送错误", "李四", "2025-01-05"))
    return store, store.load_plan(plan.id)


# -- a city's list handed down to two counties (分解下达; tests/*/test_handdown*.py) --

def city_plan() -> Plan:
    """Four tasks: one shared by 甲县 and 乙县, one for 甲县 alone, one led by 乙县, one for no county."""
    return Plan(title="达州市2024年重点任务清单", issuer="达州市人民政府", level_names=["重点领域", "重点任务"], roots=[
        Node(text="优化营商环境", children=[
            Node(text="压缩企业开办时间", lead=["市市场监管局"], responsible=["甲县", "乙县"], deadline="2024年6月底前"),
            Node(text="推进政务服务“一网通办”", lead=["市政务服务局"], responsible=["甲县"], deadline="2024年12月底前"),
        ]),
        Node(text="改善民生", children=[
            Node(text="新建养老机构", lead=["乙县"], deadline="2024年10月底前"),
            Node(text="推进城市更新", lead=["市住建局"], deadline="2024年12月底前"),
        ]),
    ])
