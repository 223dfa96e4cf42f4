"""The importer on layout features of our own exports, each built by hand (the whole
round trips are in test_round_trip_xlsx.py and test_round_trip_docx.py)."""
import uuid

import pytest

from docx import Document
from openpyxl import Workbook

from importers import import_file, read_document
from importers.notice import join_title_lines, split_notices


def _sheet(rows, merges=()):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    return book, sheet


def test_marker_sheets_and_the_key_column_of_node_ids_are_not_read(tmp_path):
    ids = [str(uuid.uuid4()) for _ in range(2)]
    book, sheet = _sheet([
        ["重点任务清单"],
        ["重点任务", "牵头单位", "完成时限", "编号"],
        ["1.建立台账", "市政府办", "2024年6月", ids[0]],
        ["2.定期通报", "市财政局", "2024年12月", ids[1]],
    ])
    sheet.column_dimensions["D"].hidden = True
    marker = book.create_sheet("_dutymatrix")
    marker.append(["format", "dutymatrix-exchange/1"])
    marker.sheet_state = "veryHidden"
    book.create_sheet("_dutymatrix_base").append([ids[0], "{}"])  # unhidden by someone: still ours
    book.save(tmp_path / "a.xlsx")
    result = import_file(tmp_path / "a.xlsx")
    (plan,) = result.plans
    assert [(t.text, t.lead, t.deadline) for t in plan.roots] == [
        ("建立台账", ["市政府办"], "2024年6月"), ("定期通报", ["市财政局"], "2024年12月")]
    assert [result.printed[t.id] for t in plan.roots] == ["1.", "2."]
    assert not [w for w in result.warnings if w.kind == "table-header"]


def test_a_numbers_column_headed_bianhao_is_still_read_as_numbers(tmp_path):
    book, _ = _sheet([["编号", "重点任务", "牵头单位"], [1, "建立台账", "市政府办"], [2, "定期通报", "市财政局"]])
    book.save(tmp_path / "b.xlsx")
    result = import_file(tmp_path / "b.xlsx")
    (plan,) = result.plans
    assert [(result.printed[t.id], t.text) for t in plan.roots] == [("1.", "建立台账"), ("2.", "定期通报")]


def test_the_annex_label_above_a_sheets_title_is_not_its_title(tmp_path):
    book, _ = _sheet([["附件"], ["重点任务清单"], ["重点任务", "牵头单位", "完成时限"], ["1.建立台账", "市政府办", "2024年6月"]],
                     merges=["A2:C2"])
    book.save(tmp_path / "c.xlsx")
    (plan,) = import_file(tmp_path / "c.xlsx").plans
    assert plan.title == "重点任务清单"


def test_a_title_printed_on_two_lines_is_one_title():
    blocks = ["某某局文件", "某局发〔2024〕1号", "某某局关于印发", "《2024年重点任务清单》的通知",
              "机关各科室，局属各单位：", "现将《2024年重点任务清单》印发给你们，请认真组织实施。", "2024年5月10日"]
    (notice,) = split_notices(blocks)
    assert (notice.issuer, notice.doc_number, notice.title, notice.recipients, notice.date) == (
        "某某局", "某局发〔2024〕1号", "2024年重点任务清单", "机关各科室，局属各单位", "2024-05-10")


def test_title_lines_are_joined_only_when_they_make_a_title():
    assert join_title_lines(["某局发〔2024〕1号", "关于印发《清单》的通知"]) == ["某局发〔2024〕1号", "关于印发《清单》的通知"]
    assert join_title_lines(["请各单位按时报送。", "《清单》的通知"]) == ["请各单位按时报送。", "《清单》的通知"]
    assert join_title_lines(["某某局", "关于印发《清单》", "的通知"]) == ["某某局", "关于印发《清单》的通知"]


def test_the_imprint_in_a_table_gives_the_cc_and_no_list(tmp_path):
    document = Document()
    for text in ["某局发〔2024〕1号", "某某局关于印发《重点任务清单》的通知", "各科室：",
                 "现将《重点任务清单》印发给你们，请认真组织实施。", "某某局", "2024年5月10日"]:
        document.add_paragraph(text)
    imprint = document.add_table(rows=2, cols=1)
    imprint.cell(0, 0).text = "抄送：市委办公室，市政府办公室。"
    imprint.cell(1, 0).text = "某某局办公室\t2024年5月10日印发"
    document.save(tmp_path / "n.docx")
    result = import_file(tmp_path / "n.docx")
    assert not [w for w in result.warnings if w.kind == "table-header"]
    (notice,) = split_notices(read_document(tmp_path / "n.docx").blocks)
    assert notice.cc == "市委办公室，市政府办公室"
    assert [t for s in notice.sections for t in s.tables] == []


def test_legend_rows_under_a_sheets_table_are_the_tag_legend_without_counts(tmp_path):
    book, _ = _sheet([
        ["重点任务", "牵头单位", "完成时限"],
        ["1.建立台账★", "市政府办", "2024年6月"],
        ["2.定期通报▲", "市财政局", "2024年12月"],
        ["注：1.★：对标先进地区的创新举措，共1项"],
        ["2.▲：省考指标，共1项"],
    ], merges=["A4:C4", "A5:C5"])
    book.save(tmp_path / "d.xlsx")
    (plan,) = import_file(tmp_path / "d.xlsx").plans
    assert plan.tag_legend == {"★": "对标先进地区的创新举措", "▲": "省考指标"}
    assert [(t.text, t.tags) for t in plan.roots] == [("建立台账", ["★"]), ("定期通报", ["▲"])]


def test_a_legend_entry_drops_its_computed_count():
    from importers.markers import legend_entry
    assert legend_entry("注：1.★：对标先进地区，共14项") == ("★", "对标先进地区")
    assert legend_entry("2.▲：省考指标, 共 3 项。") == ("▲", "省考指标")
    assert legend_entry("★：共建共享") == ("★", "共建共享")


# -- text typed in Word and Excel cells -------------------------------------------------


def test_excel_cells_keep_line_breaks_brackets_and_what_looks_like_markup(tmp_path):
    book, sheet = _sheet([
        ["重点任务", "牵头单位", "完成时限", "备注"],
        ["1.第一行\n第二行(半角)a<b>&c", "市住建局(人防办)", "2024年6月底前(初稿)", "=SUM(A1)"],
        ["2.定期通报", "市财政局", "长期保持", "备注\n两行 &amp;"],
    ])
    sheet["D2"].data_type = "s"  # text, as our exporter writes it
    book.save(tmp_path / "e.xlsx")
    result = import_file(tmp_path / "e.xlsx")
    first, second = result.plans[0].roots
    assert (first.text, first.lead, first.deadline, first.remarks) == (
        "第一行\n第二行(半角)a<b>&c", ["市住建局（人防办）"], "2024年6月底前(初稿)", "=SUM(A1)")
    assert second.remarks == "备注\n两行&amp;"
    assert [w for w in result.warnings if w.kind == "formula"] == []  # text starting with = is no formula


def test_word_cells_keep_line_breaks_and_brackets(tmp_path):
    document = Document()
    table = document.add_table(rows=2, cols=3)
    for c, name in enumerate(["重点任务", "牵头单位", "完成时限"]):
        table.cell(0, c).text = name
    table.cell(1, 0).text = "1.建立台账(试行)"
    table.cell(1, 0).paragraphs[0].add_run().add_break()
    table.cell(1, 0).paragraphs[0].add_run("每月更新")
    table.cell(1, 1).text = "市政府办"
    table.cell(1, 2).text = "2024年6月"
    document.save(tmp_path / "w.docx")
    (task,) = import_file(tmp_path / "w.docx").plans[0].roots
    assert task.text == "建立台账(试行)\n每月更新"


def test_extracted_text_tables_are_still_tidied():
    from importers.cells import as_text, value
    assert value("第一行\n第二行  两个   空格") == "第一行\n第二行 两个 空格"
    assert as_text("备注 (说明)") == "备注（说明）"
    assert as_text("备注 (说明)", typed_cell=True) == "备注(说明)"


# -- numbers printed in task cells ------------------------------------------------------


def test_task_cells_numbered_at_their_own_level_lose_the_number_and_keep_the_mode(tmp_path):
    book, _ = _sheet([
        ["一级指标", "二级指标", "牵头单位"],
        ["一、开办企业", "（一）压减环节", "市市场监管局"],
        ["一、开办企业", "（二）压减时间", "市税务局"],
        ["二、办理许可", "（三）并联审批", "市住建局"],
    ])
    book.save(tmp_path / "f.xlsx")
    result = import_file(tmp_path / "f.xlsx")
    (plan,) = result.plans
    assert [(r.text, [(c.text, c.lead) for c in r.children]) for r in plan.roots] == [
        ("开办企业", [("压减环节", ["市市场监管局"]), ("压减时间", ["市税务局"])]),
        ("办理许可", [("并联审批", ["市住建局"])])]
    assert plan.numbering.value == "continuous"


def test_a_serial_column_beside_numbered_task_cells(tmp_path):
    book, _ = _sheet([
        ["序号", "一级指标", "二级指标", "牵头单位"],
        [1, "一、开办企业", "1.压减环节", "市市场监管局"],
        [2, "二、办理许可", "1.并联审批", "市住建局"],
    ])
    book.save(tmp_path / "g.xlsx")
    result = import_file(tmp_path / "g.xlsx")
    (plan,) = result.plans
    tasks = [c for r in plan.roots for c in r.children]
    assert [(t.text, result.printed[t.id]) for t in tasks] == [("压减环节", "1."), ("并联审批", "1.")]
    assert plan.numbering.value == "restart"


# -- headers ------------------------------------------------------------------------------


def test_level_columns_headed_in_the_lists_own_words(tmp_path):
    book, _ = _sheet([
        ["领域", "一级", "四级指标", "牵头单位", "完成时限"],
        ["一、营商环境", "（一）开办企业", "1.压减环节", "市市场监管局", "2024年6月"],
    ])
    book.save(tmp_path / "h.xlsx")
    (plan,) = import_file(tmp_path / "h.xlsx").plans
    assert plan.level_names == ["领域", "一级", "四级指标"]
    assert plan.roots[0].text == "营商环境" and plan.roots[0].children[0].children[0].text == "压减环节"


def test_unknown_header_words_are_levels_only_left_of_the_known_levels():
    from importers.table_header import find_header
    row, layout = find_header([["重点工作安排表"], ["领域", "重点任务", "具体举措", "牵头单位", "完成时限"]])
    assert row == 1 and layout.levels == [0, 1] and layout.task == 2
    _, layout = find_header([["一级指标", "二级指标", "指标分值", "牵头单位", "完成时限", "其他"]])
    assert layout.roles == ["level", "task", "points", "lead", "deadline", None]
    # 考核内容 is the one column of text left of the known ones: the task
    _, layout = find_header([["考核内容", "分值", "评分标准", "牵头单位", "完成时限"]])
    assert layout.roles == ["task", "points", "criteria", "lead", "deadline"]
    assert find_header([["说明", "牵头单位", "完成时限"]])[1].task == 0


def test_assessment_columns_are_read_into_the_tasks(tmp_path):
    book, _ = _sheet([
        ["2024年度目标考核责任清单"],
        ["序号", "考核指标", "分值", "权重", "评分标准", "考核要求", "牵头单位", "完成时限"],
        [1, "优化营商环境", "10分", "20%", "按时完成得满分，每逾期一月扣2分", "", "市发改委", "2024年12月底前"],
        [2, "压减审批时限", 5, "", "", "压减50%以上", "市政务服务局", "2024年6月底前"],
    ])
    book.save(tmp_path / "k.xlsx")
    (plan,) = import_file(tmp_path / "k.xlsx").plans
    first, second = plan.roots
    assert (first.text, first.points, first.weight, first.criteria) == (
        "优化营商环境", "10分", "20%", "按时完成得满分，每逾期一月扣2分")
    assert (second.points, second.weight, second.lead) == ("5", "", ["市政务服务局"])
    # 评分标准 and 考核要求 are both the task's criteria: here the second column fills it
    assert second.criteria == "压减50%以上"


# -- shallow tasks and numbering checks ---------------------------------------------------


def test_a_task_above_the_deepest_level_keeps_its_fields(tmp_path):
    book, _ = _sheet([
        ["一级指标", "二级指标", "三级指标", "牵头单位", "完成时限", "备注"],
        ["一、开办企业（牵头领导：张建红）", "（一）压减环节", "1.推行一网通办", "市市场监管局", "2024年6月", ""],
        ["二、办理许可（牵头领导：吴勇）", None, None, "市住建局、市发改委", "长期保持", "含规划许可。另行通知"],
        ["三、保障措施", None, None, None, None, None],
    ])
    book.save(tmp_path / "i.xlsx")
    result = import_file(tmp_path / "i.xlsx")
    (plan,) = result.plans
    second, third = plan.roots[1:]
    assert (second.text, second.leader, second.lead, second.deadline, second.remarks, second.children) == (
        "办理许可", "吴勇", ["市住建局", "市发改委"], "长期保持", "含规划许可。另行通知", [])
    assert second.id in result.tasks and third.id not in result.tasks
    assert (third.text, third.lead, third.remarks) == ("保障措施", [], "")


def test_continuous_numbers_are_checked_level_by_level():
    from importers.checks import check_numbering
    from importers.result import ImportResult
    from models.domain import Node, Numbering, Plan
    a1, a2, b1 = Node(text="a1"), Node(text="a2", children=[Node(text="x")]), Node(text="b1")
    plan = Plan(numbering=Numbering.CONTINUOUS, roots=[Node(text="A", children=[a1, a2]), Node(text="B", children=[b1])])
    result = ImportResult("x.xlsx", plans=[plan], tasks={a1.id, b1.id, a2.children[0].id})
    result.printed = {a1.id: "1.", a2.id: "2.", b1.id: "3.", a2.children[0].id: "（1）"}
    check_numbering(plan, result)
    assert result.warnings == []  # 2. is an indicator over （1）, not a missing task
    result.printed[b1.id] = "4."
    check_numbering(plan, result)
    assert [w.message for w in result.warnings] == ["原文序号从 2. 跳到 4.（缺 3），导入后重新编号"]


def test_a_doc_number_with_rare_characters():
    (notice,) = split_notices(["𠀀府办发〔2024〕7号", "𠀀㐀市人民政府办公室关于印发《清单》的通知"])
    assert (notice.doc_number, notice.issuer) == ("𠀀府办发〔2024〕7号", "𠀀㐀市人民政府办公室")


def test_items_without_text_yet_keep_their_place(tmp_path):
    book, _ = _sheet([
        ["一级指标", "二级指标", "牵头单位"],
        ["一、", "（一）", "市发改委"],
        ["一、", "（二）建立台账", "市财政局"],
        ["二、（牵头领导：张建红）", "（三）定期通报", "市政府办"],
    ])
    book.save(tmp_path / "j.xlsx")
    (plan,) = import_file(tmp_path / "j.xlsx").plans
    assert [(r.text, r.leader, [c.text for c in r.children]) for r in plan.roots] == [
        ("", "", ["", "建立台账"]), ("", "张建红", ["定期通报"])]


def test_a_lone_number_is_no_heading_in_running_text():
    from importers.headings import parse_label
    assert parse_label("一、") is None and parse_label("一、", lone=True).printed == "一、"


def test_the_markers_of_the_editor_are_tags_and_legend_entries():
    from importers.markers import legend_entry, take_tags
    assert take_tags("建立台账◆□") == ("建立台账", ["◆", "□"])
    assert legend_entry("注：1.◆：新增任务，共3项") == ("◆", "新增任务")


def test_a_sentence_in_an_indicator_cell_stays_its_text_not_its_remarks(tmp_path):
    """Found by the round-trip property: a 三级 indicator whose text is a long sentence, in a
    table with a 四级 column, was read as the remarks of itself."""
    from exporters.xlsx_appendix import write_appendix
    from importers import import_file
    from models.domain import Node, Plan

    sentence = "丁" + "很长的单元格文字，" * 30
    plan = Plan(title="2024年清单", roots=[Node(text="甲", children=[Node(text="乙", children=[
        Node(text=sentence), Node(text="丙", children=[Node(text="丁")])])])])
    write_appendix(plan, tmp_path / "a.xlsx")
    (got,) = import_file(tmp_path / "a.xlsx").plans
    indicator = got.roots[0].children[0].children[0]
    assert (indicator.text, indicator.remarks) == (sentence, "")


def test_a_lead_written_after_a_unit_in_a_responsible_column(tmp_path):
    book, _ = _sheet([
        ["序号", "重点任务", "责任单位", "完成时限"],
        [1, "推进高效办成一件事", "市政务服务局（牵头）、市发展改革委、市大数据局", "2025年12月底"],
        [2, "深化工程建设项目审批改革", "市自然资源局、市住建局(牵头)", "2025年9月底"],
        [3, "清理涉企违规收费", "市市场监管局、市财政局", "2025年6月底"],
    ])
    book.save(tmp_path / "m.xlsx")
    result = import_file(tmp_path / "m.xlsx")
    (plan,) = result.plans
    assert [(t.lead, t.responsible) for t in plan.roots] == [
        (["市政务服务局"], ["市发展改革委", "市大数据局"]),
        (["市住建局"], ["市自然资源局"]),
        ([], ["市市场监管局", "市财政局"]),  # nothing marked: no lead, as the table prints
    ]


def _split_header_rows(lead: str, responsible: str) -> list[list]:
    return [
        ["临澜市2025年重点任务分解表", None, None, None, None, None],
        ["序号", "重点任务", "责任单位", None, "责任领导", "完成时限"],
        [None, None, lead, responsible, None, None],
        [1, "推进高效办成一件事", "市政务服务局", "市发展改革委、市大数据局", "张明", "2025年12月底"],
        [2, "深化工程建设项目审批改革", "市住建局", "市自然资源局", "李华", "2025年9月底"],
        ["序号", "重点任务", "责任单位", None, "责任领导", "完成时限"],  # the header again at a page top
        [None, None, lead, responsible, None, None],
        [3, "清理涉企违规收费", "市市场监管局", "市财政局", "张明", "2025年6月底"],
    ]


EXPECTED_SPLIT = [("推进高效办成一件事", ["市政务服务局"], ["市发展改革委", "市大数据局"], "张明", "2025年12月底"),
                  ("深化工程建设项目审批改革", ["市住建局"], ["市自然资源局"], "李华", "2025年9月底"),
                  ("清理涉企违规收费", ["市市场监管局"], ["市财政局"], "张明", "2025年6月底")]


def _read_split(plan):
    return [(t.text, t.lead, t.responsible, t.leader, t.deadline) for t in plan.roots]


@pytest.mark.parametrize("lead, responsible", [("牵头单位", "配合单位"), ("牵头", "配合")])
def test_a_header_over_two_rows_in_a_workbook(tmp_path, lead, responsible):
    """责任单位 merged over two columns, named 牵头单位 | 配合单位 in the row below; the other header cells
    merged down over both rows."""
    book, _ = _sheet(_split_header_rows(lead, responsible), merges=("A1:F1", "C2:D2", "A2:A3", "B2:B3", "E2:E3", "F2:F3"))
    book.save(tmp_path / "split.xlsx")
    result = import_file(tmp_path / "split.xlsx")
    (plan,) = result.plans
    assert plan.title == "临澜市2025年重点任务分解表"
    assert _read_split(plan) == EXPECTED_SPLIT
    assert not [w for w in result.warnings if w.kind == "lead-unclear"]


def test_a_header_over_two_rows_in_a_word_table(tmp_path):
    """In Word the merged cells repeat their text in every column and row they cover."""
    rows = _split_header_rows("牵头单位", "配合单位")[1:]
    doc = Document()
    doc.add_paragraph("临澜市2025年重点任务分解表")
    table = doc.add_table(rows=len(rows), cols=6)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = str(value)
    for top, bottom in ((0, 1), (4, 5)):
        table.cell(top, 2).merge(table.cell(top, 3))  # 责任单位 over two columns
        for c in (0, 1, 4, 5):
            table.cell(top, c).merge(table.cell(bottom, c))
    doc.save(tmp_path / "split.docx")
    (plan,) = import_file(tmp_path / "split.docx").plans
    assert _read_split(plan) == EXPECTED_SPLIT


@pytest.mark.parametrize("deadline_header", ["完成期限", "截止时间", "时间安排", "进度安排", "完成日期"])
def test_deadline_columns_in_other_words_and_unread_columns_are_reported(tmp_path, deadline_header):
    book, _ = _sheet([
        ["序号", "重点任务", "工作目标", "牵头单位", deadline_header, "联系人", "备注"],
        [1, "推进高效办成一件事", "年内上线20项", "市政务服务局", "2025年12月底", "王芳", ""],
        [2, "深化审批改革", "审批时限压减50%", "市住建局", "2025年9月底", "", ""],
    ])
    book.save(tmp_path / "d.xlsx")
    result = import_file(tmp_path / "d.xlsx")
    (plan,) = result.plans
    assert [(t.text, t.lead, t.deadline) for t in plan.roots] == [
        ("推进高效办成一件事", ["市政务服务局"], "2025年12月底"), ("深化审批改革", ["市住建局"], "2025年9月底")]
    unread = [w.message for w in result.warnings if w.kind == "column-unread"]
    assert len(unread) == 2 and "“工作目标”" in unread[0] and "“联系人”" in unread[1]  # 备注 is a field
