"""Traditional script: keywords understood through OpenCC, names and texts kept as printed."""
from importers import import_file
from importers.script import simplified_text


def test_traditional_text_is_read_in_simplified_and_written_back():
    text, back = simplified_text("（牽頭單位：縣住建局；責任單位：各鄉鎮人民政府，按職責分工負責）\n"
                                 "（牽頭單位：縣財政局；責任單位：縣稅務局）")
    assert text == "（牵头单位：县住建局；责任单位：各乡镇人民政府，按职责分工负责）\n（牵头单位：县财政局；责任单位：县税务局）"
    assert back("县住建局") == "縣住建局"
    assert back("县财政局、县税务局") == "縣財政局、縣稅務局"  # not in the text as such: character by character


def test_a_few_traditional_characters_in_a_simplified_list_change_nothing():
    text = "1.整治盜采河砂行为。（责任单位：县水利局、县公安局；完成时限：2024年底前）乾元街道"
    assert simplified_text(text) == (text, None)


def test_simplified_text_is_left_alone():
    text = "（牵头单位：县住建局；责任单位：各乡镇人民政府）显著提升"
    assert simplified_text(text) == (text, None)


def test_a_traditional_list_imports_with_its_own_characters(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("縣政府2024年重點工作任務分解\n一、優化營商環境\n"
                    "1.壓減企業開辦時間至1個工作日。（縣市場監管局牽頭，縣稅務局、縣公安局配合）\n"
                    "2.推行用水用氣報裝「零跑腿」。（責任單位：縣住建局、縣供電公司；完成時限：2024年6月底前）\n",
                    encoding="utf-8")
    result = import_file(path)
    plan = result.plans[0]
    assert plan.title == "縣政府2024年重點工作任務分解"
    first, second = result.task_nodes(plan)
    assert (first.text, first.lead, first.responsible) == ("壓減企業開辦時間至1個工作日。", ["縣市場監管局"], ["縣稅務局", "縣公安局"])
    assert (second.responsible, second.deadline) == (["縣住建局", "縣供電公司"], "2024年6月底前")


def test_a_traditional_word_document_is_read_the_same_way(tmp_path):
    from helpers.office_files import write_docx

    path = tmp_path / "list.docx"
    write_docx(path, ["縣政府2024年重點工作任務分解", "一、優化營商環境",
                      "1.壓減企業開辦時間至1個工作日。（縣市場監管局牽頭，縣稅務局、縣公安局配合）",
                      "2.推行用水用氣報裝「零跑腿」。（責任單位：縣住建局、縣供電公司；完成時限：2024年6月底前）"])
    result = import_file(path)
    first, second = result.task_nodes(result.plans[0])
    assert (first.lead, first.responsible) == (["縣市場監管局"], ["縣稅務局", "縣公安局"])
    assert second.responsible == ["縣住建局", "縣供電公司"] and second.text == "推行用水用氣報裝「零跑腿」。"
