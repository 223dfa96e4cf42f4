from collections import Counter

from models.deadlines import parse_deadline
from models.demo import demo_plan
from models.numbering import number_plan


def test_demo_is_seed_000_appendix():
    plan = demo_plan()
    depths = Counter(d for _, d in plan.walk())
    assert depths == {1: 7, 2: 20, 3: 56}
    assert plan.doc_number == "达市城管发〔2022〕135号"
    numbers = number_plan(plan)
    leaves = [n for n, d in plan.walk() if d == 3]
    assert [numbers[n.id] for n in leaves] == [f"{i}." for i in range(1, 57)]
    assert numbers[plan.roots[-1].children[-1].id] == "（二十）"


def test_demo_leaves_have_lead_units_and_parsed_deadlines():
    for node, depth in demo_plan().walk():
        if depth == 3:
            assert node.lead, node.text
            assert parse_deadline(node.deadline).kind in ("date", "ongoing"), node.deadline


def test_demo_resolves_merged_cells():
    leaves = [n for n, d in demo_plan().walk() if d == 3]
    # rows 5 and 6 of the printed table have empty unit cells merged with row 4
    assert leaves[4].lead == leaves[3].lead == ["执法监督科"]
    assert leaves[5].responsible == leaves[3].responsible
    assert "市政工程管理处" in leaves[3].responsible
    # one printed cell held tasks 51 and 52; the printed table skips 25, so they are our 50 and 51
    assert leaves[49].text.startswith("及时认领") and leaves[50].text.startswith("推动全市执法人员")
