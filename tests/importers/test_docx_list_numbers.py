"""A Word list numbered by Word itself (automatic numbering, 一、 （一） 1. not typed): the numbers are
read as Word prints them, so the list's structure and numbers come in as with typed numbers."""
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from importers import import_file
from models.numbering import number_plan

# one list: 一、 （一） 1. in Chinese counting and decimal (%N is the number of level N); a second list
# for a table's 序号 column; a bullet list; the first list again, restarted at 三、
_NUMBERING = f"""
<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>|
<w:abstractNum {nsdecls('w')} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>|
<w:abstractNum {nsdecls('w')} w:abstractNumId="92">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>|
<w:num {nsdecls('w')} w:numId="90"><w:abstractNumId w:val="90"/></w:num>|
<w:num {nsdecls('w')} w:numId="91"><w:abstractNumId w:val="91"/></w:num>|
<w:num {nsdecls('w')} w:numId="92"><w:abstractNumId w:val="92"/></w:num>|
<w:num {nsdecls('w')} w:numId="93"><w:abstractNumId w:val="90"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
"""

BODY = [  # (numId, level, text); numId None: a paragraph of its own
    (None, 0, "临澜市2025年重点工作任务清单"),
    (92, 0, "各单位要高度重视，按时报送进展。"),  # a bullet: no number
    (90, 0, "稳增长"),
    (90, 1, "扩大有效投资"),
    (90, 2, "谋划储备重大项目100个以上。（市发展改革委牵头，市财政局配合，2025年12月底前）"),
    (90, 2, "用好地方政府专项债券。（市财政局牵头，2025年9月底前）"),
    (90, 1, "促进消费"),
    (90, 2, "开展促消费活动。（市商务局牵头）"),
    (90, 0, "优环境"),
    (90, 1, "深化改革"),  # a new 一、: （一） and 1. start again
    (90, 2, "推进高效办成一件事。（市政务服务局牵头，市大数据局配合）"),
]


def _numbered(document, num_id: int | None, level: int, text: str):
    p = document.add_paragraph(text)
    if num_id is not None:
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _with_lists():
    """A new document with the lists above (abstract definitions before the lists, as the schema orders)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in _NUMBERING.split("|"):
        element = parse_xml(xml.strip())
        if element.tag == qn("w:abstractNum") and first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    return document


def _document(tmp_path: Path, body=BODY) -> Path:
    document = _with_lists()
    for item in body:
        _numbered(document, *item)
    path = tmp_path / "auto.docx"
    document.save(path)
    return path


EXPECTED = [
    ("一、", "稳增长", [], []), ("（一）", "扩大有效投资", [], []),
    ("1.", "谋划储备重大项目100个以上。", ["市发展改革委"], ["市财政局"]),
    ("2.", "用好地方政府专项债券。", ["市财政局"], []),
    ("（二）", "促进消费", [], []), ("1.", "开展促消费活动。", ["市商务局"], []),
    ("二、", "优环境", [], []), ("（一）", "深化改革", [], []),
    ("1.", "推进高效办成一件事。", ["市政务服务局"], ["市大数据局"]),
]


def test_a_list_numbered_by_word_comes_in_with_its_numbers(tmp_path):
    result = import_file(_document(tmp_path))
    (plan,) = result.plans
    numbers = number_plan(plan)
    assert [(numbers[n.id], n.text, n.lead, n.responsible) for n, _ in plan.walk()] == EXPECTED
    assert [result.printed[n.id] for n, _ in plan.walk()] == [e[0] for e in EXPECTED]


def test_a_start_override_and_a_numbered_table_column(tmp_path):
    """A list restarted at 三、 (``startOverride``), and a 序号 column numbered by Word."""
    document = _with_lists()
    _numbered(document, None, 0, "临澜市重点任务分解表")
    table = document.add_table(rows=3, cols=3)
    for c, name in enumerate(["序号", "重点任务", "牵头单位"]):
        table.cell(0, c).text = name
    for r, (task, unit) in enumerate([("推进高效办成一件事", "市政务服务局"), ("深化审批改革", "市住建局")], start=1):
        cell = table.cell(r, 0)
        cell.paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'))
        table.cell(r, 1).text, table.cell(r, 2).text = task, unit
    document.save(tmp_path / "t.docx")
    (plan,) = import_file(tmp_path / "t.docx").plans
    assert [(n.text, n.lead) for n in plan.roots] == [("推进高效办成一件事", ["市政务服务局"]), ("深化审批改革", ["市住建局"])]

    path = _document(tmp_path, [(None, 0, "清单"), (93, 0, "保障措施"), (93, 2, "强化督查。（市政府办牵头）")])
    result = import_file(path)
    assert [result.printed[n.id] for n, _ in result.plans[0].walk()] == ["三、", "1."]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_the_numbers_are_those_libreoffice_prints(tmp_path):
    """An office suite's own reading of the file, as a check of the rendering rules."""
    path = _document(tmp_path)
    subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=120)
    printed = [line.strip() for line in (tmp_path / "auto.txt").read_text(encoding="utf-8-sig").splitlines()]
    for number, text, _, _ in EXPECTED:
        assert any(line.startswith(number) and text[:6] in line for line in printed), (number, text, printed)
