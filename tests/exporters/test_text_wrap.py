"""Wrapping Chinese text: break anywhere between ideographs, not inside numbers, not before ，。"""
import pytest

from exporters.paint_fonts import resolve_fonts
from exporters.text_wrap import TextMeasure, units


@pytest.fixture
def measure(qapp):
    return TextMeasure(resolve_fonts().font("fangsong", 12))


def test_units_glue_numbers_and_punctuation():
    assert units("到2022年底，完成") == ["到", "2022", "年", "底，", "完", "成"]
    assert units("（一）办理") == ["（一）", "办", "理"]
    assert units("“一口受理”。") == ["“一", "口", "受", "理”。"]


def test_width_is_the_sum_of_advances(measure):
    text = "办理建筑许可2022年"
    assert measure.width(text) == pytest.approx(measure.metrics.horizontalAdvance(text), rel=0.01)


def test_wrap_never_starts_a_line_with_closing_punctuation(measure):
    char = measure.width("中")
    text = "一二三四五，六七八九十。一二三四五六七八九十"
    for n in range(3, 12):
        lines = measure.wrap(text, n * char)
        assert "".join(lines) == text
        assert all(line[0] not in "，。" for line in lines)
        assert all(measure.width(line) <= n * char + 0.01 or len(line) <= 2 for line in lines)


def test_wrap_keeps_numbers_whole_when_they_fit(measure):
    lines = measure.wrap("完成时限为2022年9月30日前", measure.width("完成时限为20"))
    assert "2022" in "".join(lines) and any(line.startswith("2022") for line in lines)


def test_a_word_wider_than_the_line_breaks_anywhere(measure):
    lines = measure.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", measure.width("ABCDEFG"))
    assert "".join(lines) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ" and len(lines) >= 4


def test_newlines_are_kept_and_balanced_lines_are_even(measure):
    assert measure.wrap("甲\n乙", 1000) == ["甲", "乙"]
    text = "达州市城市管理行政执法局2022年优化营商环境目标责任清单"
    greedy = measure.wrap(text, measure.width(text) * 0.6)
    balanced = measure.balanced(text, measure.width(text) * 0.6)
    assert len(balanced) == len(greedy) == 2 and "".join(balanced) == text
    assert abs(measure.width(balanced[0]) - measure.width(balanced[1])) <= 2 * measure.width("中")


def test_elide_keeps_what_fits_and_cuts_the_rest(qapp):
    from PySide6.QtGui import QFont

    from exporters.text_wrap import TextMeasure

    m = TextMeasure(QFont("WenQuanYi Micro Hei", 12))
    assert m.elide("市住建局", 1000) == "市住建局"
    cut = m.elide("市住房和城乡建设局" * 4, m.width("市住房和城乡建设局"))
    assert cut.endswith("…") and len(cut) < 36 and m.width(cut) <= m.width("市住房和城乡建设局") + 0.5
