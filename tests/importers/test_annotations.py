"""Unit annotations in every style, on real lines of the seeds (and the family's stated conventions)."""
import pytest

from importers.annotations import COMMA, FIRST, Conventions, parse_annotation, split_annotation, take_extra_units
from helpers.seedtext import paragraph


def read(text, conv=None):
    conv = conv if conv is not None else Conventions()
    rest, inner = split_annotation(text)
    assert inner is not None, f"no annotation found in {text[-60:]!r}"
    return rest, parse_annotation(inner, conv)


def test_keyed_with_lead_responsible_and_deadline_in_bold():
    # 〔**牵头单位：**A；**责任单位：**B、C，**完成时限：**D〕。 (seed 000, body task 2)
    text = paragraph("000", "2.强化事中事后监管")
    rest, ann = read(text)
    assert rest.endswith("后端“管得住”。")
    assert ann.lead == ["执法监督科"]
    assert ann.responsible == ["政策法规科（行政审批科）", "市政管理科", "市政工程管理处"]
    assert ann.deadline == "2022年9月30日前并长期保持"
    assert not ann.lead_unclear


def test_mixed_brackets_and_a_name_broken_over_lines():
    # 〔…责任单位：**市 / 政管理科、…，完成时限：…] — opened with 〔, closed with ], broken inside a name
    _, ann = read(paragraph("000", "3.降低办理成本"))
    assert ann.responsible[:2] == ["市政管理科", "市政工程管理处"]
    assert ann.deadline == "2022年6月30日前并长期保持"


def test_bold_key_opening_before_the_bracket_and_lead_units_split_by_comma():
    _, ann = read(paragraph("000", "实施“深度清洁”行动"))  # 牵头单位：市容环卫科，市政管理科，责任单位：…
    assert ann.lead == ["市容环卫科", "市政管理科"]
    assert ann.responsible == ["市环卫处", "达州京环", "市政工程管理处"]


def test_numerals_enumerated_inside_one_name():
    _, ann = read(paragraph("000", "2.大力提升执法规范度"))
    assert ann.lead == ["执法监督科", "政策法规科（行政审批科）"]
    assert ann.responsible == ["直属一、二大队"]


def test_square_brackets_responsible_only_without_a_rule_leave_the_lead_empty():
    text = paragraph("001", "2.深化企业登记便利化改革")  # [责任单位:A、B…等市级有关部门(单位)]
    _, ann = read(text)
    assert ann.lead == [] and ann.lead_unclear
    assert ann.responsible[0] == "市市场监管局"
    assert ann.responsible[-2:] == ["人行德阳中心支行", "市级有关部门（单位）"]  # umbrella kept as a unit


def test_first_listed_leads_once_stated_and_the_statement_is_no_unit():
    conv = Conventions()
    _, first = read(paragraph("001", "1.进一步降低市场准入门槛"), conv)  # (责任单位:…。排在首位的为牵头单位,下同)
    assert conv.lead_rule == FIRST
    assert first.lead == ["市发改委"]
    assert first.responsible == ["市商务局", "市市场监管局", "市经外局"]
    _, later = read(paragraph("001", "2.深化企业登记便利化改革"), conv)  # 下同: applies to what follows
    assert later.lead == ["市市场监管局"] and not later.lead_unclear


def test_round_brackets_with_semicolon_and_deadline():
    _, ann = read(paragraph("001", "编制完成“一窗受理、分类办理”工作规范"), Conventions(FIRST))
    assert (ann.lead, ann.responsible, ann.deadline) == (["市政务和大数据局"], [], "2019年8月完成")


def test_unclosed_annotation_runs_to_the_end_of_the_paragraph():
    rest, ann = read(paragraph("001", "1.整合优化不动产登记流程"), Conventions(FIRST))
    assert rest.endswith("关联业务联动办理。")
    assert ann.lead == ["市自然资源局"]
    assert ann.responsible[-2:] == ["市级有关部门（单位）", "各县（市、区）政府"]


def test_bare_key_closing_the_paragraph():
    text = paragraph("001", "加强基础政务数据归集")  # …事项清单。责任单位:市政务和大数据局等市级有关部门(单位)
    rest, ann = read(text, Conventions(FIRST))
    assert rest.endswith("自助办理事项清单。")
    assert (ann.lead, ann.responsible) == (["市政务和大数据局"], ["市级有关部门（单位）"])


def test_umbrella_run_on_without_separator_is_split():
    _, ann = read(paragraph("001", "1.推动公用事业服务提质增效"), Conventions(FIRST))
    assert ann.responsible[-2:] == ["市级有关部门（单位）", "各县（市、区）政府"]


def test_keyless_units_then_deadline():
    text = paragraph("004", "(一) 提高审批效率")  # （各县区、广元经开区行政审批局，市级相关部门，2020 年 10 月底前）
    rest, ann = read(text)
    assert "（据了解，截止 6 月底，市州指标最高为 86%）" in rest  # a remark in brackets is not the annotation
    assert ann.responsible == ["各县区", "广元经开区行政审批局", "市级相关部门"]
    assert ann.lead == [] and ann.lead_unclear
    assert ann.deadline == "2020年10月底前"


def test_keyless_without_deadline():
    _, ann = read(paragraph("004", "强力推进信息报送的全面性"))
    assert ann.responsible == ["各县区", "广元经开区行政审批局", "县区群工局", "中心各科室"]
    assert ann.deadline == ""


def test_levels_joined_by_a_comma_stay_one_name():
    _, ann = read(paragraph("001", "(十八)市、县两级公布保留"), Conventions(FIRST))
    assert ann.lead == ["市、县两级司法局"]


# The family's other conventions, worded as the seeds' README quotes them.

def test_units_before_the_first_full_width_comma_lead():
    conv = Conventions()
    _, first = read("1.加快推进重点项目前期工作。（责任单位：市发展改革委、市经济和信息化局，市财政局、各县（市、区）人民政府。"
                    "逗号前为牵头单位，下同）", conv)
    assert conv.lead_rule == COMMA
    assert first.lead == ["市发展改革委", "市经济和信息化局"]
    assert first.responsible == ["市财政局", "各县（市、区）人民政府"]
    _, second = read("2.优化审批流程。（责任单位：市政务服务和大数据局，市司法局）", conv)
    assert (second.lead, second.responsible) == (["市政务服务和大数据局"], ["市司法局"])


def test_verbs_lead_and_share_duties():
    _, ann = read("3.强化要素保障。〔市自然资源局、市住房城乡建设局牵头，市财政局、各县（市、区）政府按职责分工负责〕")
    assert ann.lead == ["市自然资源局", "市住房城乡建设局"]
    assert ann.responsible == ["市财政局", "各县（市、区）政府"]
    assert not ann.lead_unclear


def test_share_duties_without_a_lead_is_no_guess():
    _, ann = read("4.加强宣传引导。（市委宣传部、市融媒体中心按职责分工负责）")
    assert ann.lead == [] and ann.responsible == ["市委宣传部", "市融媒体中心"]


def test_statement_adding_units_to_what_follows():
    units, rest = take_extra_units("（一）深化放管服改革（以下工作均需各县（市、区）政府、各园区管委会负责，不再列出）")
    assert units == ["各县（市、区）政府", "各园区管委会"]
    assert rest == "（一）深化放管服改革"


@pytest.mark.parametrize("text", [
    "1.精简办理环节。将原有办理环节由4个压缩至3个（含代办外线行政审批时限）",
    "对照《城市信用状况监测预警指标（2022年版）》",
    "设立综合受理窗口，推行受理与办理相分离机制",
])
def test_plain_text_has_no_annotation(text):
    assert split_annotation(text)[1] is None


def test_a_deadline_after_the_units_without_its_key():
    _, ann = read("1.加强宣传。（责任单位：市委宣传部、市融媒体中心，2024年6月底前）")
    assert (ann.responsible, ann.deadline) == (["市委宣传部", "市融媒体中心"], "2024年6月底前")
