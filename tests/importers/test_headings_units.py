"""Printed numbers and unit lists."""
import pytest

from importers.headings import is_article, parse_label, task_number
from importers.unit_list import split_units
from models.domain import UnitKind
from models.store import guess_kind


@pytest.mark.parametrize("text, level, number, printed", [
    ("一、实施原则", 1, 1, "一、"),
    ("二十一、民营经济★ (牵头领导: 刘延安)", 1, 21, "二十一、"),
    ("（一）优化办理建筑许可营商环境", 2, 1, "（一）"),
    ("(十四)政 务服务便", 2, 14, "（十四）"),
    ("(一百零一)民营经济活力", 2, 101, "（一百零一）"),
    ("二)鲜明考核导向。对任务落实到位", 2, 2, "（二）"),  # seed 001 drops the opening bracket
    ("1.优化办理环节。", 3, 1, "1."),
    ("9. 推行全过程咨询服务", 3, 9, "9."),
    ("3．降低办理成本", 3, 3, "3."),
    ("325.5月底前开展网络安全攻防演练", 3, 325, "325."),
    ("（1）压缩时限", 4, 1, "（1）"),
    ("②完善机制", 5, 2, "②"),
])
def test_labels(text, level, number, printed):
    label = parse_label(text)
    assert (label.level, label.number, label.printed) == (level, number, printed)


@pytest.mark.parametrize("text", ["1.86元/吨", "2022 年优化营商环境工作方案", "12345政务服务热线", "一是组织培训"])
def test_not_labels(text):
    assert parse_label(text) is None and task_number(text) is None


def test_articles_are_recognised():
    assert is_article("第三条 本办法自印发之日起施行") and not is_article("第一批150个事项")


@pytest.mark.parametrize("text, names", [
    ("政策法规科（行政审批科）、市政管理科", ["政策法规科（行政审批科）", "市政管理科"]),
    ("各县(市、区)人民政府、德阳经开区管委会", ["各县（市、区）人民政府", "德阳经开区管委会"]),
    ("指挥中心、政策法规科(行政审批科)、直属一、二大队", ["指挥中心", "政策法规科（行政审批科）", "直属一、二大队"]),
    ("市、县两级司法局,市、县两级有关部门(单位)", ["市、县两级司法局", "市、县两级有关部门（单位）"]),
    ("机关各科室、局属各单位、达州市所有供水、供气企业", ["机关各科室", "局属各单位", "达州市所有供水、供气企业"]),
    ("政策法规科 (行政审批科)、各三级指标牵头科室、单位", ["政策法规科（行政审批科）", "各三级指标牵头科室、单位"]),
    ("市人防办等相关部门、各县(区)人民政府", ["市人防办", "相关部门", "各县（区）人民政府"]),
    ("市政务服务大数据管理局等市级部门(单位)及各县(区)人民政府", ["市政务服务大数据管理局", "市级部门（单位）", "各县（区）人民政府"]),
    ("各县(区)人民政府  市中级人民法院、市经济 和信息化局", ["各县（区）人民政府", "市中级人民法院", "市经济和信息化局"]),
    ("市 12345 热线中心，无", ["市12345热线中心"]),
])
def test_unit_lists(text, names):
    assert split_units(text) == names


@pytest.mark.parametrize("name", ["市级有关部门（单位）", "各县区", "市级行业主管部门（单位）", "各县（市、区）人民政府",
                                  "相关成员单位", "市、县两级司法局", "市级部门（单位）"])
def test_umbrella_phrases_are_units_of_kind_umbrella(name):
    assert guess_kind(name) is UnitKind.UMBRELLA


def test_ordinary_units_are_not_umbrellas():
    assert guess_kind("市住房城乡建设局") is UnitKind.CITY_DEPARTMENT
    assert guess_kind("达州华润燃气有限公司") is UnitKind.ENTERPRISE
