"""Body tasks: the outline of numbered paragraphs and what counts as a task."""
from importers.annotations import Conventions
from importers.body import parse_body
from helpers.seedtext import seed_paragraphs


def outline(result, nodes=None, depth=0):
    out = []
    for node in result.roots if nodes is None else nodes:
        out.append(("  " * depth) + (result.printed[node.id] or "·") + node.text[:8])
        out += outline(result, node.children, depth + 1)
    return out


def section(seed, first, last):
    paras = list(seed_paragraphs(seed))
    start = next(i for i, p in enumerate(paras) if p.startswith(first))
    end = next(i for i, p in enumerate(paras) if p.startswith(last))
    return paras[start:end]


def test_seed_000_body_keeps_the_headings_above_tasks_and_nothing_else():
    result = parse_body(section("000", "一、实施原则", "附件"))
    lines = outline(result)
    assert lines[:3] == ["二、重点任务和主要举", "  （一）优化办理建筑许可", "    1.优化办理环节。配"]
    assert "  （二）优化获得电力营商" in lines and "    ·充分利用四川省工" in lines  # a task without number
    assert not any("实施原则" in l or "时序安排" in l or "工作要求" in l for l in lines)
    assert len(result.tasks) == 18


def test_run_in_bold_headings_without_annotations_are_no_tasks():
    result = parse_body(section("003", "资阳市创建一流营商环境 2021 年行动方案", "附件"))
    assert result.roots == [] and not result.tasks


def test_numbered_paragraphs_explaining_an_unnumbered_task_are_not_tasks_unless_asked():
    paras = section("001", "二、积极开展“六个一批”清理", "三、依法加强证明事项投诉监督")
    plain = parse_body(paras, Conventions("first"))
    assert outline(plain) == ["二、积极开展“六个一", "  ·开展“六个一批”"]
    asked = parse_body(paras, Conventions("first"), include_unannotated=True)
    assert [l.strip()[:3] for l in outline(asked)[2:]] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert all(k == "no-units" for _, k, _ in asked.warnings)


def test_an_unannotated_item_among_annotated_siblings_is_a_flagged_task():
    result = parse_body([
        "一、重点任务",
        "1.优化营商环境。（责任单位：市发改委）",
        "2.加强监督检查，定期通报进展情况。",
        "3.强化宣传。（责任单位：市委宣传部）",
    ])
    assert len(result.tasks) == 3
    assert [(k, m[:2]) for _, k, m in result.warnings if k == "no-units"] == [("no-units", "2.")]


def test_articles_of_a_regulation_are_never_tasks_by_themselves():
    result = parse_body(["第一条 为规范管理，制定本办法。", "第二条 本办法适用于全市各级行政机关。"])
    assert result.roots == []


def test_statement_adds_units_to_the_tasks_after_it_only():
    result = parse_body([
        "一、重点任务",
        "1.建立工作台账。（责任单位：市政府办）",
        "二、深化改革（以下工作均需各县（市、区）政府负责，不再列出）",
        "1.推进一网通办。（牵头单位：市政务服务和大数据局；责任单位：市司法局）",
        "2.推进一窗受理。（牵头单位：市政务服务和大数据局）",
    ])
    first, second = result.roots
    assert first.children[0].responsible == ["市政府办"]
    assert second.text == "深化改革"
    assert [t.responsible for t in second.children] == [["市司法局", "各县（市、区）政府"], ["各县（市、区）政府"]]


def test_the_annotation_may_close_a_numbered_paragraph_in_its_own_paragraph():
    result = parse_body(["（一）强化要素保障。落实用地指标，保障重点项目。", "〔牵头单位：市自然资源局；完成时限：2024年6月底前〕"])
    task = result.roots[0]
    assert task.lead == ["市自然资源局"] and task.deadline == "2024年6月底前"
    assert task.text.startswith("强化要素保障")
