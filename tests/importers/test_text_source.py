"""Decoding text of unknown encoding and cleaning what extraction leaves behind."""
import codecs

import pytest

from importers.guard import UnsafeFileError
from importers.headings import parse_label
from importers.reflow import reflow
from importers.text_source import clean_lines, decode, full_width, join_broken, squeeze
from helpers.seedtext import seed_path

SAMPLE = "达州市城市管理行政执法局关于印发《2022年优化营商环境工作方案》的通知\n〔牵头单位：执法监督科〕"


@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"),
    codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
    SAMPLE.encode("gb18030"),
    SAMPLE.encode("gbk"),
    SAMPLE.encode("utf-16"),  # with its BOM
])
def test_encodings_are_detected_not_mangled(data):
    assert decode(data) == SAMPLE


def test_undecodable_bytes_are_refused_with_the_file_named():
    with pytest.raises(UnsafeFileError, match="list.txt.*编码"):
        decode("牵头单位".encode("utf-8") + b"\x80\x80" + "市政管理科".encode("gbk"), "list.txt")


def test_binary_is_no_text():
    with pytest.raises(UnsafeFileError, match="不是文本文件"):
        decode(b"PK\x03\x04\x00\x00binary", "x.txt")


def test_markup_and_page_markers_are_removed():
    raw = ("# Page 12:\n**一、实施一网通办扩面行动。**巩固提升\n<p>(牵头领导: 刘延安)</p>\n"
           "激励大众[创业](#)万众[创新](#)\n城市管理优化营商环境 ^⑨\n- 注：1.★：对标先进\n------\n\u00a0 现将")
    assert reflow(clean_lines(raw)) == ["一、实施一网通办扩面行动。巩固提升", "(牵头领导: 刘延安)", "激励大众创业万众创新",
                                "城市管理优化营商环境 ⑨", "注：1.★：对标先进", "现将"]


def test_tab_rows_keep_their_cells_and_markdown_rows_become_tab_rows():
    assert clean_lines("a\t<p>b</p>\t\n|x|y|\n| --- | --- |") == ["a\tb\t", "x\ty"]


def test_hard_line_breaks_are_joined_but_headings_stay_apart():
    lines = clean_lines(seed_path("000").read_text(encoding="utf-8"))
    paras = join_broken([l for l in lines if "\t" not in l], lambda l: parse_label(l) is not None)
    task = next(p for p in paras if p.startswith("1.优化办理环节"))
    assert "实行一个窗口受理" in task and task.endswith("〕。")
    assert "（一）优化办理建筑许可营商环境" in paras
    assert "达州市城市管理行政执法局 关于印发《2022年优化营商环境工作方案》的 通 知" in paras
    recipients = next(p for p in paras if p.startswith("机关各科室"))
    assert recipients.endswith("有限责任公司：")


def test_a_line_broken_inside_a_bracket_is_joined():
    paras = join_broken(["（十一）全面推广运用四川省工程建设项目审批系统（2.0", "版)。工程建设项目审批事项全部在系统办理。",
                         "（十二）提升热线办理质效。"], lambda l: parse_label(l) is not None)
    assert paras[0] == "（十一）全面推广运用四川省工程建设项目审批系统（2.0版)。工程建设项目审批事项全部在系统办理。"
    assert len(paras) == 2


def test_squeeze_and_full_width():
    assert squeeze("2022 年 9 月 30 日前 并长期保持") == "2022年9月30日前并长期保持"
    assert squeeze("Windows 10 运用") == "Windows 10运用"
    assert full_width("办理建筑许可(市级牵头单位:市住建局)") == "办理建筑许可（市级牵头单位：市住建局）"
    assert full_width("按 6:2:2 比例, 1,000 元") == "按 6:2:2 比例， 1,000 元"
