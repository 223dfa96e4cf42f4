"""The reflow stage: extracted lines rebuilt into paragraphs and rows before anything reads them."""
import pytest

from importers.reflow import (
    attach_field_lines, bar_rows, cells_per_line, drop_page_furniture, join_lone_numbers, number_before_digits,
    paragraph_cells,
)


@pytest.mark.parametrize("marker", ["# Page 12:", "— 12 —", "-12-", "- 3 -", "第3页 共9页", "第 3 页", "共9页 第3页", "3/9"])
def test_page_markers_in_every_form_are_dropped(marker):
    assert drop_page_furniture(["完成投资", marker, "120亿元以上。"]) == ["完成投资", "120亿元以上。"]


def test_a_running_header_beside_page_markers_goes_everywhere_it_stands():
    lines = ["青岚区人民政府公报", "1.任务一。", "— 1 —", "", "青岚区人民政府公报", "2.任务二。", "— 2 —",
             "青岚区人民政府公报", "3.任务三。"]
    assert drop_page_furniture(lines) == ["1.任务一。", "", "2.任务二。", "3.任务三。"]


def test_a_short_line_beside_one_page_marker_only_stays():
    assert drop_page_furniture(["二、扩大有效投资", "— 4 —", "1.任务。"]) == ["二、扩大有效投资", "1.任务。"]


def test_web_page_furniture_is_dropped():
    lines = ["首页 > 政务公开 > 通知", "发布时间：2024-02-06 16:12", "【字体：大 中 小】", "各乡镇人民政府：", "【打印】"]
    assert drop_page_furniture(lines) == ["各乡镇人民政府："]


def test_a_number_alone_on_its_line_joins_its_text():
    assert join_lone_numbers(["（二）", "", "推进老旧小区改造。", "3.", "新建学校2所。"]) == [
        "（二）推进老旧小区改造。", "3.新建学校2所。"]


def test_cells_one_per_line_become_rows_of_the_header_width():
    lines = ["二、重点工作", "序号 |", "主 要 工 作 任 务 |", "责任单位 |",
             "1 |", "落实减税降费政策，全年减负", "50亿元以上。 |", "区财政局、区税务局 |",
             "2 |", "新建学校2所。 |", "区教育局 |",
             "三、民生实事", "序号 |", "主 要 工 作 任 务 |", "责任单位 |", "3 |", "新增就业3000人。 |", "区人社局 |",
             "区人民政府办公室"]
    assert cells_per_line(lines) == [
        "二、重点工作", "序号\t主 要 工 作 任 务\t责任单位", "1\t落实减税降费政策，全年减负50亿元以上。\t区财政局、区税务局",
        "2\t新建学校2所。\t区教育局", "三、民生实事", "序号\t主 要 工 作 任 务\t责任单位", "3\t新增就业3000人。\t区人社局",
        "区人民政府办公室"]


def test_lines_with_bars_but_no_header_stay_text():
    assert cells_per_line(["注意 |", "不是表格 |"]) == ["注意 |", "不是表格 |"]


def test_cells_between_bars_become_tab_rows():
    assert bar_rows(["1 | 建成5G基站300个 | 区经信局", "比例为1|2的说明"]) == ["1\t建成5G基站300个\t区经信局", "比例为1|2的说明"]


def test_a_number_before_digits_is_a_task_number_when_it_continues_the_count():
    lines = ["3.新建幼儿园2所。", "4.120急救网络新增站点4个。"]
    assert number_before_digits(lines)[1] == "4. 120急救网络新增站点4个。"
    decimal = ["1.城镇登记失业率控制在", "4.5%以内。"]
    assert number_before_digits(decimal) == decimal
    assert number_before_digits(["1.任务。", "3.5万户。"])[1] == "3.5万户。"  # 3 does not come after 1


def test_label_lines_under_a_task_are_its_fields():
    paras = ["3.完成老旧小区改造12个。", "牵头单位：区住建局", "责任单位：各街道办事处，区财政局",
             "完成时限：2023年12月底前", "4.新建公园2个。", "牵头单位：", "区城管局"]
    assert attach_field_lines(paras) == [
        "3.完成老旧小区改造12个。；牵头单位：区住建局；责任单位：各街道办事处，区财政局；完成时限：2023年12月底前",
        "4.新建公园2个。；牵头单位：区城管局"]


def test_a_table_copied_one_paragraph_per_cell_is_rebuilt_from_its_row_numbers():
    lines = ["序号", "", "工作任务", "", "进展情况", "", "牵头单位", "", "进展状态", "",
             "1", "", "建成科技馆新馆。", "", "1.主体完工。", "", "2.布展完成80%。", "", "区科协、", "", "区住建局", "", "滞后",
             "", "2", "", "新增托位500个。", "", "区卫健委", "", "按时推进", "", "区人民政府办公室"]
    assert paragraph_cells(lines) == [
        "序号\t工作任务\t进展情况\t牵头单位\t进展状态",
        "1\t建成科技馆新馆。\t1.主体完工。\n2.布展完成80%。\t区科协、区住建局\t滞后",
        "2\t新增托位500个。\t\t区卫健委\t按时推进", "区人民政府办公室"]
