"""One grammar of role words, unit lists, deadlines and lead rules (issue 11, items 3, 4, 10, 13),
on annotations written in the layouts of real lists (State Council 国发/国办发, city and county lists)."""
import pytest

from importers.annotations import ALL, COMMA, FIRST, Conventions, parse_annotation, split_annotation, split_segments
from importers.unit_list import split_run_on, split_units


def read(inner: str, rule: str | None = None):
    conv = Conventions(rule)
    ann = parse_annotation(inner, conv)
    return ann.lead, ann.responsible, conv.lead_rule


@pytest.mark.parametrize("statement", [
    "排在首位的为牵头单位，下同", "列第一位者为牵头单位，下同", "排在第一位的部门为牵头部门，下同",
    "列第一位的责任单位为牵头单位", "排在第一位的为牵头单位",
])
def test_first_listed_leads_in_any_wording(statement):
    lead, resp, rule = read(f"市发改局、市财政局负责。{statement}")
    assert (lead, resp, rule) == (["市发改局"], ["市财政局"], FIRST)


def test_the_rule_after_a_comma_keeps_the_annotations_own_units():
    assert read("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同") == (
        ["税务总局"], ["财政部", "海关总署"], FIRST)


@pytest.mark.parametrize("statement", ["逗号前为牵头单位，下同", "逗号前为牵头部门"])
def test_units_before_the_comma_lead(statement):
    assert read(f"区住建局、区城管局，区财政局、各街道。{statement}") == (
        ["区住建局", "区城管局"], ["区财政局", "各街道"], COMMA)


def test_no_lead_stated_means_all_responsible_in_printed_order():
    assert read("体育总局、民政部、人力资源社会保障部负责") == ([], ["体育总局", "民政部", "人力资源社会保障部"], None)


def test_responsible_units_lead_where_the_notice_says_so():
    assert read("责任单位：市财政局、市税务局", ALL) == (["市财政局", "市税务局"], [], ALL)


def test_the_rule_for_units_without_a_lead_is_no_unit():
    lead, resp, _ = read("县交通局、县财政局按职责分工负责。未明确牵头单位的按职责分工负责")
    assert (lead, resp) == ([], ["县交通局", "县财政局"])


@pytest.mark.parametrize("inner, lead, resp", [
    ("市商务局牵头，市发改委、市财政局配合", ["市商务局"], ["市发改委", "市财政局"]),
    ("区司法局牵头，区市场监管局参与", ["区司法局"], ["区市场监管局"]),
    ("县农业农村局、县水利局牵头，县财政局按职责分工负责", ["县农业农村局", "县水利局"], ["县财政局"]),
    ("市住建局负责，市城管局协办", ["市住建局"], ["市城管局"]),
    ("国家发展改革委会同有关部门负责", ["国家发展改革委"], ["有关部门"]),
    ("农业农村部、工业和信息化部牵头负责", ["农业农村部", "工业和信息化部"], []),
])
def test_role_words(inner, lead, resp):
    assert read(inner)[:2] == (lead, resp)


def test_units_keep_their_printed_order_when_a_role_word_closes_the_list():
    # the umbrella printed last stays last (it once jumped to the front)
    assert read("人力资源社会保障部、科技部，各省级人民政府按职责分工负责", FIRST)[:2] == (
        ["人力资源社会保障部"], ["科技部", "各省级人民政府"])


@pytest.mark.parametrize("inner, units", [
    ("扶贫办、教育部等和各省级人民政府负责", ["扶贫办", "教育部", "各省级人民政府"]),
    ("商务部、农业农村部等和各有关省级人民政府负责", ["商务部", "农业农村部", "各有关省级人民政府"]),
    ("人力资源社会保障部等有关部门和单位负责", ["人力资源社会保障部", "有关部门和单位"]),
    ("区水务局等部门，区国投公司配合", ["区水务局", "区国投公司"]),
])
def test_etc_and_umbrellas(inner, units):
    lead, resp, _ = read(inner)
    assert lead + resp == units


def test_under_first_listed_leads_a_is_lead_and_the_umbrella_responsible():
    assert read("市司法局等市级有关部门（单位）负责", FIRST)[:2] == (["市司法局"], ["市级有关部门（单位）"])


def test_levels_enumerated_inside_one_name():
    assert split_units("省统计局，各市、州、县人民政府") == ["省统计局", "各市、州、县人民政府"]
    assert split_units("市、县两级司法局") == ["市、县两级司法局"]


def test_a_numbered_paragraph_with_several_annotations_is_cut_at_each():
    text = "大力推进商事制度改革。（市场监管总局负责）加强创新创业教育服务。（体育总局、教育部负责）"
    assert split_segments(text) == [("大力推进商事制度改革。", "市场监管总局负责"), ("加强创新创业教育服务。", "体育总局、教育部负责")]
    aside = "支持各类职业院校（含技工院校）开展培训。（人力资源社会保障部负责）"
    assert split_segments(aside) == [split_annotation(aside)]  # an aside is no annotation


@pytest.mark.parametrize("name, parts", [
    ("中石油达州天然气有限责任公司达州水务集团", ["中石油达州天然气有限责任公司", "达州水务集团"]),
    ("市自然资源和规划局市住房城乡建设局", ["市自然资源和规划局", "市住房城乡建设局"]),
    ("市财政局国网曹州供电公司", ["市财政局", "国网曹州供电公司"]),
    ("市公安局交警支队", ["市公安局交警支队"]),
    ("国网四川省电力公司达州供电公司", ["国网四川省电力公司达州供电公司"]),
    ("中国人民银行达州市中心支行", ["中国人民银行达州市中心支行"]),
    ("县人民政府办公室", ["县人民政府办公室"]),
])
def test_run_on_names_are_split_and_single_names_are_not(name, parts):
    assert split_run_on(name) == parts


def test_a_known_name_is_never_split():
    assert split_run_on("市住建局市政工程处", {"市住建局市政工程处"}) == ["市住建局市政工程处"]


@pytest.mark.parametrize("inner, lead, resp", [
    # a verb after 牵头 (潮州市 蓝天保卫战方案: 牵头督导; 兴庆区: 牵头抓总), 为牵头单位 / 为配合单位
    ("市生态环境局、发展和改革局牵头督导，市公安局、水务局负责", ["市生态环境局", "发展和改革局"], ["市公安局", "水务局"]),
    ("市住建局牵头抓总，市城管局配合推进", ["市住建局"], ["市城管局"]),
    ("市委组织部牵头组织，市人社局协助", ["市委组织部"], ["市人社局"]),
    ("市卫健委为牵头单位，市医保局为配合单位", ["市卫健委"], ["市医保局"]),
    # a role written after one unit of the list, in any bracket: it leads whatever the rule
    ("责任单位：市政务服务局（牵头）、市发展改革委、市大数据局", ["市政务服务局"], ["市发展改革委", "市大数据局"]),
    ("责任单位：市住建局〔牵头〕、市自然资源局；完成时限：2025年9月底", ["市住建局"], ["市自然资源局"]),
    ("市自然资源局、市住建局(牵头单位)、市城管局", ["市住建局"], ["市自然资源局", "市城管局"]),
    ("市市场监管局（牵头），市公安局（配合）、市税务局", ["市市场监管局"], ["市公安局", "市税务局"]),
    # 协同 inside a name is no role word
    ("市科协牵头，市产业协同中心配合", ["市科协"], ["市产业协同中心"]),
])
def test_role_words_with_a_verb_and_roles_written_after_a_unit(inner, lead, resp):
    got_lead, got_resp, _ = read(inner)
    assert (got_lead, got_resp) == (lead, resp)


def test_a_marked_lead_ends_the_lead_warning():
    ann = parse_annotation("责任单位：市住建局（牵头）、市城管局", Conventions())
    assert not ann.lead_unclear
    ann = parse_annotation("责任单位：市住建局、市城管局", Conventions())
    assert ann.lead_unclear


@pytest.mark.parametrize("key", ["时间", "完成期限", "截止时间"])
def test_more_deadline_keys(key):
    ann = parse_annotation(f"牵头单位：国网澄江供电公司；配合单位：市发展改革委；{key}：2025年12月底前", Conventions())
    assert (ann.lead, ann.responsible, ann.deadline) == (["国网澄江供电公司"], ["市发展改革委"], "2025年12月底前")


def test_keys_in_brackets_read_as_keys(tmp_path):
    """【牵头单位】A【责任单位】B【完成时限】C, inline after the task or as a label line, in text and Word."""
    from docx import Document

    from importers import import_file
    from importers.annotations import unbracket_keys

    assert unbracket_keys("设施20处。【牵头单位】市民政局【责任单位】市住建局、市财政局") == (
        "设施20处。牵头单位：市民政局；责任单位：市住建局、市财政局")
    assert unbracket_keys("[责任单位:市发改委]") == "[责任单位:市发改委]"  # a key inside brackets is untouched
    lines = ["临澜市2025年民生实事任务清单", "1.新建社区服务设施20处。【牵头单位】市民政局【责任单位】市住建局、市财政局【完成时限】2025年11月底",
             "2.改造供水管网50公里。", "【牵头单位】市水务局", "【完成时限】2025年10月底"]
    (tmp_path / "k.txt").write_text("\n\n".join(lines), encoding="utf-8")
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "k.docx")
    for name in ("k.txt", "k.docx"):
        (plan,) = import_file(tmp_path / name).plans
        assert [(t.text, t.lead, t.responsible, t.deadline) for t in plan.roots] == [
            ("新建社区服务设施20处。", ["市民政局"], ["市住建局", "市财政局"], "2025年11月底"),
            ("改造供水管网50公里。", ["市水务局"], [], "2025年10月底")], name


@pytest.mark.parametrize("paragraph, text, inner", [
    # right after the task's words, no stop before the bracket: an annotation when it names a role
    ("1.开展促消费活动（市商务局牵头，市财政局配合）", "1.开展促消费活动", "市商务局牵头，市财政局配合"),
    ("三是开展就业困难人员帮扶（各县区人民政府负责）。", "三是开展就业困难人员帮扶", "各县区人民政府负责"),
    # a bracket that belongs to a name, or an aside, stays text
    ("由市级有关部门（单位）", "由市级有关部门（单位）", None),
    ("实行一把手负总责（含分管领导）", "实行一把手负总责（含分管领导）", None),
])
def test_an_annotation_right_after_the_text(paragraph, text, inner):
    assert split_annotation(paragraph) == (text, inner)


def test_measures_enumerated_with_yishi_ershi_each_with_its_units(tmp_path):
    """（一）落实政策。一是…（A牵头，B配合）；二是…（A、B负责）；三是…（C负责）。: a heading with three tasks."""
    from importers import import_file

    (tmp_path / "e.txt").write_text(
        "临澜市2025年就业工作要点\n\n一、稳定就业形势\n\n（一）落实就业优先政策。一是加大援企稳岗力度，全年发放稳岗返还资金"
        "5000万元（市人社局牵头，市财政局配合）；二是扩大创业担保贷款规模（市人社局、市财政局负责）；三是开展就业困难人员"
        "帮扶（各县区人民政府负责）。\n\n（二）促进高校毕业生就业。开发见习岗位2000个。（市人社局牵头，市教育局配合）\n",
        encoding="utf-8")
    (plan,) = import_file(tmp_path / "e.txt").plans
    (section,) = plan.roots
    measures, graduates = section.children
    assert measures.text == "落实就业优先政策" and not measures.lead + measures.responsible
    assert [(t.text, t.lead, t.responsible) for t in measures.children] == [
        ("一是加大援企稳岗力度，全年发放稳岗返还资金5000万元", ["市人社局"], ["市财政局"]),
        ("二是扩大创业担保贷款规模", [], ["市人社局", "市财政局"]),
        ("三是开展就业困难人员帮扶", [], ["各县区人民政府"])]
    assert (graduates.lead, graduates.responsible) == (["市人社局"], ["市教育局"])
