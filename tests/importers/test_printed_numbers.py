"""The numbers a list prints with survive import, the store, the Word notice and the Excel appendix:
a list that goes from 一、 straight to 1., one numbered 1. (1) from the top, tasks counted through
headings that restart, and one that starts at 二、 because its 一、 held no task."""
from pathlib import Path

import pytest

from exporters.docx_notice import write_docx
from exporters.xlsx_appendix import write_appendix
from importers import import_file
from models.numbering import number_plan
from models.store import Store

# 一、 straight to 1. in the first part, 一、（一）4. in the second: one count of tasks through both
SKIPS_A_LEVEL = """青岚区2025年重点工作任务分解方案

一、主要预期目标

1.地区生产总值增长6%左右。

牵头单位：区发改局

责任单位：各街道

2.一般公共预算收入增长5%。

牵头单位：区财政局

二、重点工作任务

（一）扩大有效投资

3.谋划储备项目100个以上。

牵头单位：区发改局

完成时限：2025年12月底

4.完成老旧小区改造12个。

牵头单位：区住建局
"""

# 1. with (1) under it, no 一、 anywhere
ARABIC_AT_THE_TOP = """澄江市2025年营商环境重点任务清单

1.推行惠企政策免申即享。（市发展改革委牵头，市财政局配合）

（1）梳理免申即享政策清单。（市发展改革委负责）

（2）建设政策兑现平台。（市大数据局负责）

2.压减企业开办时间。（市市场监管局牵头，市税务局配合）

3.清理涉企违规收费。（市市场监管局牵头）
"""

# 一、（一）1. 2.（二）3. 二、（一）4. — （一） starts again under 二、, the tasks run on
HEADINGS_RESTART = """临澜市2025年重点工作分工

一、稳增长

（一）扩大投资

1.推进重大项目建设。（市发展改革委牵头）

2.用好专项债券。（市财政局牵头）

（二）促进消费

3.开展促消费活动。（市商务局牵头）

二、优环境

（一）深化改革

4.推进一网通办。（市政务服务局牵头）
"""

# the 一、 of the opinion is its 总体要求 (no task): the list starts at 二、 and at （三）
STARTS_AT_TWO = """关于加快发展冰雪产业的意见

一、总体要求

（一）指导思想。坚持新发展理念。

（二）基本原则。坚持市场主导。

二、主要任务

（三）丰富赛事供给。举办群众性冰雪赛事。（省体育局牵头，省文化和旅游厅配合）

（四）培育市场主体。扶持冰雪企业发展。（省发展改革委、省体育局负责）

三、保障措施

（五）加强组织领导。建立联席会议制度。（省体育局牵头）
"""


def _numbers(plan) -> list[tuple[str, str]]:
    numbers = number_plan(plan)
    return [(numbers[node.id], node.text[:4]) for node, _ in plan.walk()]


@pytest.mark.parametrize("text, expected", [
    (SKIPS_A_LEVEL, [("一、", "主要预期"), ("1.", "地区生产"), ("2.", "一般公共"), ("二、", "重点工作"),
                     ("（一）", "扩大有效"), ("3.", "谋划储备"), ("4.", "完成老旧")]),
    (ARABIC_AT_THE_TOP, [("1.", "推行惠企"), ("（1）", "梳理免申"), ("（2）", "建设政策"), ("2.", "压减企业"),
                         ("3.", "清理涉企")]),
    (HEADINGS_RESTART, [("一、", "稳增长"), ("（一）", "扩大投资"), ("1.", "推进重大"), ("2.", "用好专项"),
                        ("（二）", "促进消费"), ("3.", "开展促消"), ("二、", "优环境"), ("（一）", "深化改革"),
                        ("4.", "推进一网")]),
    (STARTS_AT_TWO, [("二、", "主要任务"), ("（三）", "丰富赛事"), ("（四）", "培育市场"), ("三、", "保障措施"),
                     ("（五）", "加强组织")]),
], ids=["skips-a-level", "arabic-at-the-top", "headings-restart", "starts-at-two"])
def test_numbers_survive_import_store_and_exports(tmp_path: Path, text, expected):
    source = tmp_path / "list.txt"
    source.write_text(text, encoding="utf-8")
    result = import_file(source)
    assert not [w for w in result.warnings if w.kind == "numbering-gap"]
    plan = result.plans[0]
    assert _numbers(plan) == expected
    with Store(tmp_path / "store.sqlite") as store:  # a real store file, read back by a second connection
        store.save_plan(plan)
    with Store(tmp_path / "store.sqlite") as store:
        assert _numbers(store.load_plan(plan.id)) == expected
    write_appendix(plan, tmp_path / "appendix.xlsx")
    write_docx(plan, tmp_path / "notice.docx")
    for exported in ("appendix.xlsx", "notice.docx"):
        back = import_file(tmp_path / exported).plans[0]
        assert _numbers(back) == expected, exported


def test_a_real_gap_is_still_reported_and_renumbered(tmp_path: Path):
    source = tmp_path / "gap.txt"
    source.write_text(HEADINGS_RESTART.replace("4.推进", "6.推进"), encoding="utf-8")
    result = import_file(source)
    assert [w.message for w in result.warnings if w.kind == "numbering-gap"] == [
        "原文序号从 3. 跳到 6.（缺 4–5），导入后重新编号"]
    assert _numbers(result.plans[0])[-1] == ("4.", "推进一网")
