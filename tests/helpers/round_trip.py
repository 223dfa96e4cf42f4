"""Round trips of exported files through the importer: comparing plans, and the lists to try.

Ids differ after import; what must come back is the shape of the tree (texts,
depth, order) and each node's fields.  Unit names are compared in their
canonical spelling (:func:`models.units.normalise_name`), which the store
gives every name anyway.

The random lists (:func:`plans`) hold what the official appendix table can
carry; the restrictions are listed in tests/importers/test_round_trip_xlsx.py.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from importers.cells import PLACEHOLDERS
from models.demo import demo_plan
from models.domain import Column, Node, Numbering, Plan
from models.numbering import number_plan
from models.store import Store
from models.units import normalise_name

FIELDS = ("text", "lead", "responsible", "deadline", "leader", "remarks", "tags")


def node_fields(node: Node) -> dict:
    return {
        "text": node.text,
        "lead": [normalise_name(u) for u in node.lead],
        "responsible": [normalise_name(u) for u in node.responsible],
        "deadline": node.deadline,
        "leader": node.leader,
        "remarks": node.remarks,
        "tags": list(node.tags),
    }


def shape(plan: Plan) -> list[tuple]:
    """(depth, fields) of every node in tree order: equal lists mean the same tree."""
    return [(depth, node_fields(node)) for node, depth in plan.walk()]


def printed_numbers(plan: Plan) -> list[str]:
    return [number_plan(plan)[node.id] for node, _ in plan.walk()]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}…({len(text)} chars)…{text[-12:]}"


def differences(expected: Plan, got: Plan) -> list[str]:
    """Readable differences, node by node (empty when the trees are the same)."""
    a, b = shape(expected), shape(got)
    out = [f"{len(a)} nodes expected, {len(b)} read back"] if len(a) != len(b) else []
    for i, ((da, fa), (db, fb)) in enumerate(zip(a, b)):
        if da != db:
            out.append(f"node {i}: depth {da} expected, {db} read ({fa['text'][:30]!r})")
        for key in FIELDS:
            if fa[key] != fb[key]:
                out.append(f"node {i} {key}: expected {_short(fa[key])}, read {_short(fb[key])}")
    return out


# -- lists to try --------------------------------------------------------------------------

DEMO_LEGEND = {"★": "对标先进地区的创新举措", "▲": "纳入省考核的指标"}
LEGEND = {**DEMO_LEGEND, "◆": "新增（2024年）"}


def demo_with_everything() -> Plan:
    """The demo with indicator and task leaders, tags on both, a legend and the 责任领导 column."""
    plan = demo_plan()
    plan.tag_legend = dict(DEMO_LEGEND)
    plan.columns = [Column.LEAD, Column.RESPONSIBLE, Column.LEADER, Column.DEADLINE, Column.REMARKS]
    for i, (node, depth) in enumerate(plan.walk()):
        if depth == 1 and i % 2 == 0:
            node.leader = "张建红"
        if depth == 2 and i % 3 == 0:
            node.tags, node.leader = ["▲"], "吴勇、李明"
        if depth == 3 and i % 4 == 0:
            node.tags = ["★"]
        if depth == 3 and i % 5 == 0:
            node.tags, node.leader = ["★", "▲"], "王琪"
    return plan


# CJK text without numerals (（三） inside a text reads as an indicator label) and without 等.
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5, exclude_characters="一二三四五六七八九十百千零〇等第")
_AWKWARD = st.sampled_from([
    "（括号）", "(半角括号)", "=SUM(A1)", "𠀀", "㐀", "𪚥𰻞", "“引号”", "《文件》〔2024〕", "10%", "a<b>&c",
    "第一行\n第二行", "\n", "【方括号】", "6:2:2", "1.86元/吨", "'单引号", "+86-28", "@提及", "&amp;",
])
_PIECE = st.one_of(st.text(_CJK, min_size=1, max_size=12), _AWKWARD)
LONG = "很长的单元格文字" * 250  # 2,000 characters


@st.composite
def texts(draw, long: bool = True) -> str:
    if draw(st.integers(0, 19)) == 0:
        return ""  # an item not written yet
    pieces = [draw(st.text(_CJK, min_size=1, max_size=6))] + draw(st.lists(_PIECE, max_size=4))
    if long and draw(st.integers(0, 9)) == 0:
        pieces.append(LONG)
    text = "".join(pieces)
    while "\n\n" in text:
        text = text.replace("\n\n", "\n")
    text = text.strip()
    # A cell holding only 无 or — means "nothing here" to the importer (offices write it so).
    return text + "事项" if text in PLACEHOLDERS else text


UNITS = ["市发改委", "市住建局（人防办）", "市交通局(港航中心)", "各县（市、区）人民政府", "政策法规科（行政审批科）",
         "中石油达州天然气有限责任公司", "高新区管委会", "市𠀀㐀服务中心", "市场监管局"]
DEADLINES = ["", "2024年6月底前", "长期保持", "2024年12月31日前", "2025年6月", "每季度末", "=1", "2024年6月底前(初稿)"]
LEADERS = ["张建红", "吴勇、李明", "王琪"]
TAGS = st.sampled_from([[], [], ["★"], ["▲"], ["★", "▲"], ["◆"]])


@st.composite
def leaves(draw, columns: list[Column]) -> Node:
    units = draw(st.permutations(UNITS))
    n_lead = draw(st.integers(0, 3))
    n_resp = draw(st.integers(0, 3)) if Column.RESPONSIBLE in columns else 0
    return Node(
        text=draw(texts()),
        lead=units[:n_lead],
        responsible=units[n_lead:n_lead + n_resp],
        deadline=draw(st.sampled_from(DEADLINES)) if Column.DEADLINE in columns else "",
        leader=draw(st.sampled_from([""] + LEADERS)) if Column.LEADER in columns else "",
        remarks=draw(st.one_of(st.sampled_from(["", "=SUM(A1)", '=HYPERLINK("x")', "-1"]), texts()))
        if Column.REMARKS in columns else "",
        tags=draw(TAGS),
    )


@st.composite
def items(draw, depth: int, columns: list[Column]) -> Node:
    """A leaf, or (above the deepest level) an indicator over 1–3 items."""
    if depth == 1 or draw(st.integers(0, 4)) == 0:
        return draw(leaves(columns))
    children = draw(st.lists(items(depth - 1, columns), min_size=1, max_size=3))
    return Node(text=draw(texts(long=False)), leader=draw(st.sampled_from(["", "", *LEADERS])),
                tags=draw(TAGS), children=children)


LEVEL_NAMES = [
    ["一级指标", "二级指标", "三级指标"],  # the default; a fourth level is headed 四级指标
    ["领域", "重点任务", "具体举措", "工作措施"],
    ["一级", "二级", "三级", "四级"],
]


@st.composite
def plans(draw) -> Plan:
    optional = draw(st.sets(st.sampled_from([Column.RESPONSIBLE, Column.LEADER, Column.REMARKS])))
    columns = [c for c in (Column.LEAD, Column.RESPONSIBLE, Column.LEADER, Column.DEADLINE, Column.REMARKS)
               if c in optional or c in (Column.LEAD, Column.DEADLINE)]
    depth = draw(st.integers(1, 4))
    roots = draw(st.lists(items(depth, columns), min_size=1, max_size=3))
    plan = Plan(title="𠀀㐀市2024年重点任务（第一批）清单", columns=columns, roots=roots,
                numbering=draw(st.sampled_from(list(Numbering))),
                level_names=list(draw(st.sampled_from(LEVEL_NAMES))))
    tags = {t for node, _ in plan.walk() for t in node.tags}
    plan.tag_legend = {m: meaning for m, meaning in LEGEND.items() if m in tags or draw(st.booleans())}
    return plan


def stored(plan: Plan, folder: Path) -> Plan:
    """The plan as the editor holds it: through the store (canonical unit names)."""
    with Store(folder / "s.sqlite") as store:
        store.save_plan(plan)
        return store.load_plan(plan.id)
