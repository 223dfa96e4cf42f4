"""The Word notice with its appendix, read back from real .docx files with python-docx and lxml."""
from __future__ import annotations

import dataclasses
import re
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from lxml import etree

from exporters.appendix_layout import FONT_PROFILES, LayoutOptions, Merge, build_appendix
from exporters.docx_notice import (
    DocxOptions, default_body, format_date, notice_title, split_heading, write_docx,
)
from exporters.docx_table import column_twips
from exporters.docx_style import text_width
from models.demo import demo_plan
from models.domain import Column, Node, Plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def w(name: str) -> str:
    return qn(f"w:{name}")


def the_plan() -> Plan:
    plan = demo_plan()
    plan.date = "2022-05-10"
    plan.cc = "市委办公室，市政府办公室，市营商办"
    plan.tag_legend = {"★": "对标先进地区主动增加"}
    plan.roots[0].children[0].children[0].tags = ["★"]
    return plan


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    plan = the_plan()
    path = tmp_path_factory.mktemp("docx") / "notice.docx"
    write_docx(plan, path)
    return plan, docx.Document(str(path)), path


def runs_with(document, text):
    return [r for p in document.paragraphs for r in p.runs if text in r.text]


def rfonts(element):
    found = element.find(f"{W}rPr/{W}rFonts")
    return {k.split("}")[1]: v for k, v in found.attrib.items()} if found is not None else {}


# --- Fonts and languages -------------------------------------------------------------------

def test_fonts_are_set_for_east_asian_text_and_no_theme_fonts_remain(exported):
    _, document, path = exported
    normal = document.styles["Normal"].element
    assert rfonts(normal) == {"ascii": "仿宋_GB2312", "hAnsi": "仿宋_GB2312", "eastAsia": "仿宋_GB2312",
                              "cs": "仿宋_GB2312"}
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert "Theme=" not in styles and "theme=" not in styles.replace("w:themeColor", "")
    defaults = etree.fromstring(styles.encode()).find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(w("eastAsia")) == "zh-CN"
    assert defaults.find(f"{W}rFonts").get(w("eastAsia")) == "仿宋_GB2312"
    assert 'w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"' in settings
    # Runs that carry their own fonts name them for East Asian text too, with the language.
    mark = runs_with(document, "达州市城市管理行政执法局文件")[0]
    assert rfonts(mark._r)["eastAsia"] == "方正小标宋简体"
    assert mark._r.find(f"{W}rPr/{W}lang").get(w("eastAsia")) == "zh-CN"


def test_red_header_doc_number_and_rule(exported):
    plan, document, _ = exported
    paragraphs = document.paragraphs
    mark = paragraphs[0]
    assert mark.text == "达州市城市管理行政执法局文件"
    run = mark.runs[0]
    assert run.font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert 20 <= run.font.size.pt <= 52
    assert text_width(mark.text) * run.font.size.pt <= 156 / 25.4 * 72 + 0.1  # fits the 156 mm line
    # 35 mm from the top of the text block to the top of the mark (space before + half the leading)
    before = mark.paragraph_format.space_before.twips
    leading = mark.paragraph_format.line_spacing.twips - run.font.size.pt * 20
    assert abs(before + leading / 2 - 35 * 1440 / 25.4) < 30
    # two empty lines, then the 文号 with 〔〕 and the red rule as its bottom border
    assert [p.text for p in paragraphs[1:3]] == ["", ""]
    number = paragraphs[3]
    assert number.text == "达市城管发〔2022〕135号" == plan.doc_number
    assert re.fullmatch(r".+〔\d{4}〕[1-9]\d*号", number.text) and "第" not in number.text
    assert number.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    bottom = number._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert bottom.get(w("color")) == "FF0000" and bottom.get(w("val")) == "single"


def test_title_is_2hao_xiaobiaosong_in_balanced_lines(exported):
    plan, document, _ = exported
    title = next(p for p in document.paragraphs if p.text.startswith(plan.issuer + "关于印发"))
    lines = title.text.split("\n")
    assert "".join(lines) == notice_title(plan)
    assert len(lines) == 3 and all(text_width(line) <= 20 for line in lines)
    assert max(map(text_width, lines)) - min(map(text_width, lines)) <= 4
    assert lines[-1].endswith("的通知")
    run = title.runs[0]
    assert run.font.size.pt == 22 and rfonts(run._r)["eastAsia"] == "方正小标宋简体"
    # No snapping to the line grid: a 22 pt line would take two grid lines.
    assert title._p.find(f"{W}pPr/{W}snapToGrid").get(w("val")) == "0"


def test_recipients_body_attachment_note_signature_and_date(exported):
    plan, document, _ = exported
    texts = [p.text for p in document.paragraphs]
    recipients = texts.index(plan.recipients + "：")
    assert texts[recipients - 1] == ""  # one empty line under the title
    note = texts.index("附件：" + plan.title)
    assert texts[note - 1] == ""
    # the body, its last lines perhaps a paragraph of their own that keeps company with the signature
    assert "".join(texts[recipients + 1:note - 1]) == plan.body
    assert texts[note + 1: note + 5] == ["", "", plan.issuer, "2022年5月10日"]
    paragraphs = document.paragraphs
    body = paragraphs[recipients + 1]
    assert body.paragraph_format.first_line_indent is None  # Normal's two characters
    assert document.styles["Normal"].paragraph_format.first_line_indent.twips == 632
    note_p = paragraphs[note]
    # wrapped lines of the attachment's name align with its first character
    assert note_p.paragraph_format.left_indent.twips == 5 * 316
    assert note_p.paragraph_format.first_line_indent.twips == -3 * 316
    date = paragraphs[note + 4]
    assert date.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent.twips == 4 * 316  # 右空四字
    name = paragraphs[note + 3]
    # the name is centred over the date
    name_centre = name.paragraph_format.right_indent.twips + text_width(plan.issuer) * 316 / 2
    date_centre = 4 * 316 + text_width("2022年5月10日") * 316 / 2
    assert abs(name_centre - date_centre) < 5
    # the 附件说明 and the signature keep together, with the body's last lines at most
    assert [bool(p.paragraph_format.keep_with_next) for p in paragraphs[note - 1: note + 5]] == [
        True, True, True, True, True, False]
    assert not body.paragraph_format.keep_with_next


def test_page_grid_and_margins_in_twips(exported):
    _, document, path = exported
    first = document.sections[0]
    assert (first.page_width.twips, first.page_height.twips) == (11906, 16838)
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert (first.top_margin.twips, first.bottom_margin.twips, first.left_margin.twips,
            first.right_margin.twips) == (2098, 1984, 1587, 1474)
    grid = first._sectPr.find(f"{W}docGrid")
    assert grid.get(w("linePitch")) == "579"
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.twips == 579
    assert normal.paragraph_format.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    # 28 characters in 156 mm: each 16 pt character condensed by 0.25 pt
    spacing = int(normal.element.find(f"{W}rPr/{W}spacing").get(w("val")))
    assert 28 * (16 + spacing / 20) <= 156 / 25.4 * 72 < 28 * 16


def test_appendix_is_its_own_landscape_section_and_the_imprint_starts_on_an_even_page(exported):
    _, document, _ = exported
    sections = document.sections
    assert len(sections) == 3
    appendix = sections[1]
    assert appendix.start_type == WD_SECTION.NEW_PAGE
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (appendix.page_width.twips, appendix.page_height.twips) == (16838, 11906)
    # the 225 × 156 mm text block stays where it is on the sheet
    assert (appendix.top_margin.twips, appendix.bottom_margin.twips, appendix.left_margin.twips,
            appendix.right_margin.twips) == (1587, 1474, 1984, 2098)
    assert appendix.page_width.twips - appendix.left_margin.twips - appendix.right_margin.twips == 12756
    imprint = sections[2]
    assert imprint.start_type == WD_SECTION.EVEN_PAGE and imprint.orientation == WD_ORIENT.PORTRAIT
    assert (imprint.page_width.twips, imprint.page_height.twips) == (11906, 16838)
    # footers are inherited: the numbering runs on, but not onto the 版记 page (GB 7.5)
    assert sections[1].footer.is_linked_to_previous
    assert not sections[2].footer.is_linked_to_previous and not sections[2].even_page_footer.is_linked_to_previous
    assert not sections[2].footer._element.xpath(".//w:instrText")


def test_appendix_label_title_and_table_header(exported):
    plan, document, _ = exported
    texts = [p.text for p in document.paragraphs]
    label = document.paragraphs[texts.index("附件")]
    assert rfonts(label.runs[0]._r)["eastAsia"] == "黑体" and label.runs[0].font.size.pt == 16
    assert texts[texts.index("附件") + 2] == plan.title
    table = document.tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["一级指标", "二级指标", "三级指标", "牵头单位", "责任单位", "完成时限", "备注"]
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table._tbl.tr_lst)
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in table._tbl.tr_lst[1:])
    header_style = document.styles["DM Table Header"]
    assert header_style.font.size.pt == 12 and rfonts(header_style.element)["eastAsia"] == "黑体"
    body_style = document.styles["DM Table Text"]
    assert body_style.font.size.pt == build_appendix(plan).body_pt
    assert rfonts(body_style.element)["eastAsia"] == "仿宋_GB2312"


def test_table_widths_on_grid_and_every_cell(exported):
    plan, document, _ = exported
    layout = build_appendix(plan)
    expected = column_twips(layout)
    tbl = document.tables[0]._tbl
    grid = [int(g.get(w("w"))) for g in tbl.tblGrid.findall(w("gridCol"))]
    assert grid == expected and sum(grid) == 12756
    ratios = [g / 12756 for g in grid]
    assert all(abs(r - c.width_mm / 225) < 0.001 for r, c in zip(ratios, layout.columns))
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(w("type")) == "fixed"
    for tr in tbl.tr_lst:
        widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(w("w"))) for tc in tr.tc_lst]
        assert widths == expected


def test_vertical_merges_match_the_layout(exported):
    plan, document, _ = exported
    layout = build_appendix(plan)
    rows = document.tables[0]._tbl.tr_lst[1:]
    assert len(rows) == len(layout.rows) == 56
    merges = []
    for col in range(len(layout.columns)):
        start = None
        for r, tr in enumerate(rows + [None]):
            vmerge = None if tr is None else tr.tc_lst[col].find(f"{W}tcPr/{W}vMerge")
            state = None if vmerge is None else (vmerge.get(w("val")) or "continue")
            if state != "continue" and start is not None:
                merges.append(Merge(col, start, r - 1))
                start = None
            if state == "restart":
                start = r
    assert sorted(merges, key=lambda m: (m.column, m.first)) == sorted(
        layout.merges, key=lambda m: (m.column, m.first))
    # text only in the first cell of each merge; every other cell holds its row's text
    for r, tr in enumerate(rows):
        for c, tc in enumerate(tr.tc_lst):
            text = "".join(t.text for t in tc.iter(w("t")))
            continued = any(m.column == c and m.first < r <= m.last for m in layout.merges)
            assert text == ("" if continued else layout.rows[r][c])


def test_tag_legend_below_the_table(exported):
    plan, document, _ = exported
    table = document.tables[0]._tbl
    after = [el for el in table.itersiblings() if el.tag == w("p")]
    texts = ["".join(t.text for t in p.iter(w("t"))) for p in after]
    assert "注：1.★：对标先进地区主动增加，共1项" in texts
    note = after[texts.index("注：1.★：对标先进地区主动增加，共1项")]
    ind = note.find(f"{W}pPr/{W}ind")
    body_pt = build_appendix(plan).body_pt
    assert ind.get(w("hanging")) == ind.get(w("left")) == str(round(2 * body_pt * 20))  # 注： is two characters


def test_footer_page_number_fields_odd_right_even_left(exported):
    _, document, path = exported
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        p = footer.paragraphs[0]._p
        instr = [el.text for el in p.iter(w("instrText"))]
        assert instr == [" PAGE "]
        kinds = [el.get(w("fldCharType")) for el in p.iter(w("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert "".join(t.text for t in p.iter(w("t"))) == "— 1 —"
        assert p.find(f"{W}pPr/{W}jc").get(w("val")) == align
        assert p.find(f"{W}pPr/{W}ind").get(w(side)) == "280"  # one 4号 character in
        for r in p.iter(w("r")):
            assert rfonts(r)["eastAsia"] == "宋体"
            assert r.find(f"{W}rPr/{W}sz").get(w("val")) == "28"
        dashes = [r for r in p.iter(w("r")) if "—" in "".join(t.text for t in r.iter(w("t")))]
        assert all(r.find(f"{W}rPr/{W}rFonts").get(w("hint")) == "eastAsia" for r in dashes)


def test_imprint_between_rules_at_the_foot_of_the_last_page(exported):
    _, document, _ = exported
    imprint = document.tables[-1]
    texts = [c.text for row in imprint.rows for c in row.cells]
    assert texts == ["抄送：市委办公室，市政府办公室，市营商办。",
                     "达州市城市管理行政执法局办公室\t2022年5月10日印发"]
    tbl = imprint._tbl
    borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    assert borders.find(w("top")).get(w("sz")) == "8" and borders.find(w("bottom")).get(w("sz")) == "8"
    assert borders.find(w("insideH")).get(w("sz")) == "6"
    assert borders.find(w("left")).get(w("val")) == "nil"
    # floated so that its last rule lies on the bottom edge of the text block
    pos = tbl.find(f"{W}tblPr/{W}tblpPr")
    heights = [int(tr.find(f"{W}trPr/{W}trHeight").get(w("val"))) for tr in tbl.tr_lst]
    assert pos.get(w("vertAnchor")) == "margin"
    assert int(pos.get(w("tblpY"))) + sum(heights) == 16838 - 2098 - 1984
    assert int(tbl.find(f"{W}tblGrid/{W}gridCol").get(w("w"))) == 11906 - 1587 - 1474  # 156 mm


# --- Options ----------------------------------------------------------------------------------

def test_appendix_only_is_one_landscape_section(tmp_path):
    path = write_docx(the_plan(), tmp_path / "appendix.docx", DocxOptions(appendix_only=True))
    document = docx.Document(str(path))
    assert len(document.sections) == 1
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert document.paragraphs[0].text == "附件"
    assert not any("〔" in p.text for p in document.paragraphs)
    assert len(document.tables) == 1


def test_without_attachment_note(tmp_path):
    path = write_docx(the_plan(), tmp_path / "n.docx", DocxOptions(attachment_note=False))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert not any(t.startswith("附件：") for t in texts)
    assert "附件" in texts  # the appendix is still labelled


def test_letterhead_mode_leaves_the_red_header_blank(tmp_path):
    path = write_docx(the_plan(), tmp_path / "n.docx", DocxOptions(letterhead=True))
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    assert first.text == "" and first.paragraph_format.space_before.twips > 1500
    number = document.paragraphs[3]
    assert number.text == "达市城管发〔2022〕135号"
    assert number._p.find(f"{W}pPr/{W}pBdr") is None
    with zipfile.ZipFile(path) as z:
        assert "FF0000" not in z.read("word/document.xml").decode()


@pytest.mark.parametrize("profile, body, kai", [
    ("windows", "仿宋", "楷体"), ("wps", "方正仿宋_GBK", "方正楷体_GBK"), ("gb2312", "仿宋_GB2312", "楷体_GB2312")])
def test_font_profiles(tmp_path, profile, body, kai):
    plan = the_plan()
    plan.body = "（一）提高审批效率。进一步压缩办理时间。"
    path = write_docx(plan, tmp_path / "n.docx", DocxOptions(fonts=FONT_PROFILES[profile]))
    document = docx.Document(str(path))
    assert rfonts(document.styles["Normal"].element)["eastAsia"] == body
    assert rfonts(document.styles["DM Table Text"].element)["eastAsia"] == body
    heading = runs_with(document, "（一）提高审批效率。")[0]
    assert rfonts(heading._r)["eastAsia"] == kai


def test_body_headings_take_their_fonts_only_for_the_heading_sentence(tmp_path):
    plan = the_plan()
    plan.body = "\n".join(["为了工作。", "一、总体要求", "（一）提高效率。进一步压缩时间。", "1.优化环节。实行一窗受理。"])
    document = docx.Document(str(write_docx(plan, tmp_path / "n.docx")))
    by_text = {p.text: p for p in document.paragraphs}
    plain = by_text["为了工作。"].runs[0]
    assert rfonts(plain._r) == {} and not plain.bold  # Normal's 仿宋
    first = by_text["一、总体要求"].runs[0]
    assert rfonts(first._r)["eastAsia"] == "黑体" and not first.bold
    second = by_text["（一）提高效率。进一步压缩时间。"].runs
    assert [r.text for r in second] == ["（一）提高效率。", "进一步压缩时间。"]
    assert rfonts(second[0]._r)["eastAsia"] == "楷体_GB2312" and rfonts(second[1]._r) == {}
    third = by_text["1.优化环节。实行一窗受理。"].runs
    assert third[0].bold and rfonts(third[0]._r)["eastAsia"] == "仿宋_GB2312" and not third[1].bold


def test_default_body_and_blank_date(tmp_path):
    plan = the_plan()
    plan.body = ""
    plan.date = None
    document = docx.Document(str(write_docx(plan, tmp_path / "n.docx")))
    texts = [p.text for p in document.paragraphs]
    assert default_body(plan) == f"现将《{plan.title}》印发给你们，请认真组织实施。"
    assert default_body(plan) in texts
    assert format_date(None) in texts
    assert format_date("2022-05-10") == "2022年5月10日" and format_date("2023-12-01") == "2023年12月1日"


def test_dense_table_uses_10_5_pt(tmp_path):
    plan = the_plan()
    options = DocxOptions(layout=LayoutOptions(serial=True))
    document = docx.Document(str(write_docx(plan, tmp_path / "n.docx", options)))
    assert len(document.tables[0].columns) == 8
    assert document.styles["DM Table Text"].font.size.pt == 10.5


def test_text_with_stray_control_characters_and_markup_is_written_safely(tmp_path):
    plan = Plan(title="清单<&>", issuer="某局", doc_number="某发〔2024〕1号", columns=[Column.LEAD],
                roots=[Node(text="甲\x0b乙 & <b>", children=[Node(text="“引号”\x01", lead=["A&B"])])])
    document = docx.Document(str(write_docx(plan, tmp_path / "n.docx")))
    cells = [c.text for c in document.tables[0].rows[1].cells]
    assert cells == ["一、甲乙 & <b>", "（一）“引号”", "A&B"]


def test_writing_replaces_the_file_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    write_docx(the_plan(), target)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_progress_reports_rows(tmp_path):
    seen = []
    write_docx(the_plan(), tmp_path / "n.docx", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (56, 56)


def test_split_heading_levels():
    assert split_heading("二、主要任务") == ("二、主要任务", "", "heiti", False)
    assert split_heading("（十二）持续推进。具体") == ("（十二）持续推进。", "具体", "kaiti", False)
    assert split_heading("12.压缩时间") == ("12.压缩时间", "", "fangsong", True)
    assert split_heading("2022年的工作") is None


def test_options_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DocxOptions().letterhead = True  # type: ignore[misc]


def test_a_short_notice_is_tightened_so_the_signature_stays_on_page_one(tmp_path):
    # seed 003's notice: at 22 lines a page its signature block would stand alone on page 2
    plan = the_plan()
    plan.issuer, plan.doc_number = "资阳市人民政府办公室", "资府办发〔2021〕17号"
    plan.title = "资阳市创建一流营商环境重点举措清单"
    plan.recipients = "各县（区）人民政府，高新区管委会，临空经济区管委会，市级相关部门（单位）"
    plan.body = "经市政府同意，现将《资阳市创建一流营商环境2021年行动方案》印发你们，请认真组织实施。"
    document = docx.Document(str(write_docx(plan, tmp_path / "short.docx")))
    texts = [p.text for p in document.paragraphs]
    date = document.paragraphs[texts.index("2022年5月10日")]
    spacing = date._p.find(f"{W}pPr/{W}spacing")
    assert int(spacing.get(w("line"))) < 579 * 0.95  # GB 7.3.5.5: lines closer together
    assert date._p.find(f"{W}pPr/{W}snapToGrid").get(w("val")) == "0"  # off the grid, or it snaps back
    assert int(spacing.get(w("line"))) >= 579 * 0.82
