from importers.pasted_lines import nodes_from_lines, split_prefix


def shape(nodes, depth=0):
    out = []
    for n in nodes:
        out.append("  " * depth + n.text)
        out += shape(n.children, depth + 1)
    return out


def test_numbering_prefixes_set_the_depth():
    text = "一、优化营商环境\n（一）办理建筑许可\n1.探索推广“一口验收”。\n2.取消中介服务事项。\n(二)获得电力\n1．压减时间\n二、保障措施"
    assert shape(nodes_from_lines(text)) == [
        "优化营商环境", "  办理建筑许可", "    探索推广“一口验收”。", "    取消中介服务事项。",
        "  获得电力", "    压减时间", "保障措施",
    ]


def test_block_starting_deeper_is_relative():
    assert shape(nodes_from_lines("1.甲\n（1）甲一\n2.乙")) == ["甲", "  甲一", "乙"]


def test_plain_lines_are_siblings_and_excel_rows_keep_first_cell():
    assert shape(nodes_from_lines("甲\n\n乙\t牵头\t2024年\n\t丙")) == ["甲", "乙", "丙"]


def test_a_skipped_level_is_not_invented():
    assert shape(nodes_from_lines("一、甲\n1.子")) == ["甲", "  子"]


def test_prefix_split():
    assert split_prefix("十一、任务") == (1, "任务")
    assert split_prefix("（一百零五）任务") == (2, "任务")
    assert split_prefix("2.5亿元投资") == (None, "2.5亿元投资")
    assert split_prefix("① 第五级") == (5, "第五级")
