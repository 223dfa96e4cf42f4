"""The one set of Chinese layout rules: widths and where a line may break."""
from exporters.cjk_text import break_units, is_wide


def test_widths():
    assert all(is_wide(ch) for ch in "中（。“—…")
    assert not any(is_wide(ch) for ch in "a1(.,-")


def test_breaks_between_chinese_characters_but_not_against_punctuation():
    assert break_units("推进“放管服”改革，2022年6月底前完成（牵头：市住建局）。") == [
        "推", "进", "“放", "管", "服”", "改", "革，", "2022", "年", "6", "月", "底", "前", "完", "成", "（牵", "头：",
        "市", "住", "建", "局）。"]


def test_latin_runs_stay_whole_and_spaces_stand_alone():
    assert break_units("www.example.com/a-b 12345 项目") == ["www.example.com/a-b", " ", "12345", " ", "项", "目"]
    assert break_units("按6:2:2比例") == ["按", "6:2:2", "比", "例"]  # Unicode line breaking between narrow signs
    assert break_units("温度25℃——确保") == ["温", "度", "25℃——", "确", "保"]
    assert break_units("") == []
