from exporters.docx_style import text_width
from exporters.title_lines import break_costs, split_title

TITLES = [
    "达州市城市管理行政执法局关于印发《达州市城市管理行政执法局2022年优化营商环境目标责任清单》的通知",
    "达州市城市管理行政执法局关于印发《2022年优化营商环境工作方案》的通知",
    "德阳市人民政府关于印发《德阳市优化营商环境三年行动计划》的通知",
    "资阳市人民政府办公室关于印发《资阳市2021年优化营商环境重点举措清单》的通知",
    "广元市政务服务和公共资源交易中心关于印发《2020年工作要点》的通知",
]


def test_short_titles_stay_on_one_line():
    assert split_title("关于印发《工作要点》的通知") == ["关于印发《工作要点》的通知"]


def test_lines_are_balanced_and_at_most_20_characters():
    for title in TITLES:
        lines = split_title(title)
        assert "".join(lines) == title
        widths = [text_width(line) for line in lines]
        assert max(widths) <= 20, lines
        assert max(widths) - min(widths) <= 8, lines


def test_breaks_fall_at_phrase_boundaries():
    assert split_title(TITLES[1]) == ["达州市城市管理行政执法局关于印发", "《2022年优化营商环境工作方案》的通知"]
    assert split_title(TITLES[4]) == ["广元市政务服务和公共资源交易中心", "关于印发《2020年工作要点》的通知"]
    assert split_title(TITLES[0]) == ["达州市城市管理行政执法局关于印发", "《达州市城市管理行政执法局2022年",
                                      "优化营商环境目标责任清单》的通知"]


def test_never_inside_a_word_a_number_or_before_closing_punctuation():
    for title in TITLES:
        for line in split_title(title)[1:]:
            assert line[0] not in "》）。，、"
        for a, b in zip(split_title(title), split_title(title)[1:]):
            assert not (a[-1].isdigit() and b[0].isdigit())
            assert a[-1] != "《"
            assert (a[-1] + b[0]) not in ("营商", "环境", "通知", "关于", "印发", "政府", "清单")
    costs = break_costs("2022年优化")
    assert costs[1] == costs[4] >= 1000  # inside 2022 and between 2022 and 年


def test_unbreakable_text_is_cut_at_the_limit():
    lines = split_title("A" * 50, 20)
    assert "".join(lines) == "A" * 50 and all(text_width(line) <= 20 for line in lines)
