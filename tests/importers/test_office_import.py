"""The seeds as real Word and Excel files, made the way an office makes them, import like the text."""
import zipfile

import pytest

from helpers.accuracy import compare, demo_table_expected, task_keys
from importers import UnsafeFileError, import_file
from models.demo import demo_plan
from models.numbering import number_plan
from helpers.office_files import write_docx, write_xlsx
from helpers.seedtext import seed_path


def signature(result, plan):
    out = []

    def visit(nodes, depth):
        for n in nodes:
            out.append((depth, result.printed.get(n.id, ""), n.text, n.lead, n.responsible, n.deadline,
                        n.leader, n.remarks, n.tags))
            visit(n.children, depth + 1)

    visit(plan.roots, 1)
    meta = (plan.title, plan.issuer, plan.doc_number, plan.date, plan.recipients, plan.level_names,
            plan.columns, plan.numbering, plan.tag_legend)
    return meta, out


def office_parts(text_result):
    table = next((p for p in text_result.plans if text_result.parts[p.id] == "table"), None)
    shared = {w.node for w in text_result.warnings if w.kind == "shared-cell"}
    return table, shared


@pytest.fixture(scope="module")
def text_imports():
    return {seed: import_file(seed_path(seed)) for seed in ("000", "001", "003", "004")}


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_word_notice_with_appendix_table_imports_like_the_text(tmp_path, text_imports, seed):
    text = text_imports[seed]
    table, shared = office_parts(text)
    lines = seed_path(seed).read_text(encoding="utf-8").splitlines()
    rows = [i for i, l in enumerate(lines) if "\t" in l] or [len(lines)]
    before = [l for l in lines[:rows[0]] if l.strip()]
    after = [l for l in lines[rows[-1]:] if l.strip() and "\t" not in l]
    path = tmp_path / f"{seed}.docx"
    write_docx(path, before, table, text.printed, tasks=text.tasks, shared=shared, after=after)
    word = import_file(path)
    assert [word.parts[p.id] for p in word.plans] == [text.parts[p.id] for p in text.plans]
    for a, b in zip(text.plans, word.plans):
        assert signature(word, b) == signature(text, a)


@pytest.mark.parametrize("seed", ["000", "003"])
def test_excel_table_imports_like_the_text(tmp_path, text_imports, seed):
    text = text_imports[seed]
    table, shared = office_parts(text)
    path = tmp_path / f"{seed}.xlsx"
    write_xlsx(path, table, text.printed, table.title, tasks=text.tasks, shared=shared)
    excel = import_file(path)
    (plan,) = excel.plans
    meta, nodes = signature(excel, plan)
    text_meta, text_nodes = signature(text, table)
    assert nodes == text_nodes
    assert meta[0] == table.title and meta[5:8] == text_meta[5:8]  # a workbook has no notice around it


def test_the_teams_transcription_as_word_and_excel_reads_back_exactly(tmp_path):
    """Built from resources/demo_plan.json, not from the importer's output."""
    plan = demo_plan()
    expected = demo_table_expected()
    tasks = [n for n, d in plan.walk() if d == 3]
    printed = {t.id: e.key for t, e in zip(tasks, expected)}
    numbers = number_plan(plan)
    printed.update({n.id: numbers[n.id] for n, d in plan.walk() if d < 3})
    write_docx(tmp_path / "demo.docx", ["附件", plan.title], plan, printed)
    write_xlsx(tmp_path / "demo.xlsx", plan, printed, plan.title)
    for name in ("demo.docx", "demo.xlsx"):
        result = import_file(tmp_path / name)
        (table,) = result.plans
        assert table.title == plan.title
        assert compare(expected, task_keys(result, table, by_path=False)) == {}


def test_formula_cells_are_read_as_their_text_and_reported(tmp_path, text_imports):
    text = text_imports["000"]
    table, _ = office_parts(text)
    path = tmp_path / "formula.xlsx"
    write_xlsx(path, table, text.printed, table.title, formula=True)
    result = import_file(path)
    first = result.task_nodes(result.plans[0])[0]
    assert first.remarks == '=CONCAT("备","注")'
    assert [w.kind for w in result.warnings if w.kind == "formula"] == ["formula"]


def test_every_sheet_is_a_plan_of_its_own(tmp_path, text_imports):
    from openpyxl import load_workbook
    text = text_imports["000"]
    table, _ = office_parts(text)
    path = tmp_path / "two.xlsx"
    write_xlsx(path, table, text.printed, table.title)
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook.active).title = "第二季度"
    workbook.save(path)
    result = import_file(path)
    assert len(result.plans) == 2 and [len(result.task_nodes(p)) for p in result.plans] == [56, 56]


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


@pytest.mark.parametrize("name, make, words", [
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".docx"),
    ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".xlsx"),
    ("locked.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "加密"),
    ("empty.xlsx", lambda p: p.write_bytes(b""), "空"),
    ("cut.docx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x14\0" * 40), "损坏"),
    ("notword.docx", lambda p: _zip(p, {"hello.txt": "你好"}), "损坏"),
    ("badxml.xlsx", lambda p: _zip(p, {"[Content_Types].xml": "<Types", "xl/workbook.xml": "<<"}), "损坏"),
    ("bomb.docx", lambda p: _zip(p, {"word/document.xml": b"\0" * (64 * 1024 * 1024)}), "压缩炸弹"),
])
def test_bad_office_files_are_refused_with_a_message(tmp_path, name, make, words):
    path = tmp_path / name
    make(path)
    with pytest.raises(UnsafeFileError) as err:
        import_file(path)
    assert name in str(err.value) and words in str(err.value)


def test_a_workbook_named_as_a_document_is_refused(tmp_path, text_imports):
    text = text_imports["000"]
    table, _ = office_parts(text)
    path = tmp_path / "wrong.docx"
    write_xlsx(path, table, text.printed, table.title)
    with pytest.raises(UnsafeFileError, match="wrong.docx"):
        import_file(path)


@pytest.mark.render
@pytest.mark.skipif(__import__("importers.legacy", fromlist=["soffice"]).soffice() is None, reason="LibreOffice absent")
def test_a_legacy_word_file_is_converted_with_libreoffice_and_imported(tmp_path):
    import subprocess

    from importers.legacy import can_convert, convert, soffice
    source = tmp_path / "notice.docx"
    write_docx(source, ["一、重点任务", "1.加强宣传。（责任单位：市委宣传部，2024年6月底前）"])
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "old"), str(source)], capture_output=True, timeout=180)
    legacy = tmp_path / "old" / "notice.doc"
    with pytest.raises(UnsafeFileError, match="另存为 .docx"):
        import_file(legacy)
    assert can_convert(legacy)
    result = import_file(convert(legacy, tmp_path / "converted"))
    (task,) = result.task_nodes(result.plans[0])
    assert (task.responsible, task.deadline) == (["市委宣传部"], "2024年6月底前")


def test_workbook_with_numbers_in_their_own_column_and_key_tasks_above_measures(tmp_path):
    from openpyxl import Workbook
    path = tmp_path / "要点.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["2024年优化营商环境重点任务"])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "重点任务", "主要举措", "牵头单位（科室）", "配合单位", "完成时限"])
    sheet.append([1, "提升开办企业便利度", "推行企业开办“一网通办”", "市市场监管局", "市税务局、市公安局", "2024年6月底前"])
    sheet.append([2, None, "推广电子营业执照", "市市场监管局", None, "长期坚持"])
    sheet.append([3, "优化纳税服务", "推行“非接触式”办税", "市税务局", "各县（区）人民政府", "2024年12月底前"])
    sheet.merge_cells("B3:B4")
    book.save(path)
    result = import_file(path)
    (plan,) = result.plans
    assert plan.title == "2024年优化营商环境重点任务" and plan.level_names == ["重点任务", "主要举措"]
    assert [(n.text, [c.text for c in n.children]) for n in plan.roots] == [
        ("提升开办企业便利度", ["推行企业开办“一网通办”", "推广电子营业执照"]), ("优化纳税服务", ["推行“非接触式”办税"])]
    second = plan.roots[0].children[1]
    assert (second.lead, second.responsible, second.deadline) == (["市市场监管局"], [], "长期坚持")
    assert [result.printed[t.id] for t in result.task_nodes(plan)] == ["1.", "2.", "3."]


def test_word_table_with_a_title_row_spanning_all_columns(tmp_path):
    from docx import Document
    document = Document()
    document.add_paragraph("附件")
    table = document.add_table(rows=4, cols=4)
    title = table.cell(0, 0).merge(table.cell(0, 3))
    title.text = "重点任务清单"
    for c, name in enumerate(["重点任务", "牵头单位", "责任单位", "完成时限"]):
        table.cell(1, c).text = name
    for c, value in enumerate(["1.建立台账", "市政府办", "市财政局", "2024年6月"]):
        table.cell(2, c).text = value
    for c, value in enumerate(["2.定期通报", "市政府办", "市委督查室", "2024年12月"]):
        table.cell(3, c).text = value
    merged = table.cell(2, 1).merge(table.cell(3, 1))
    merged.text = "市政府办"
    document.save(tmp_path / "清单.docx")
    result = import_file(tmp_path / "清单.docx")
    (plan,) = result.plans
    assert plan.title == "重点任务清单"
    assert [(t.text, t.lead, t.responsible) for t in plan.roots] == [
        ("建立台账", ["市政府办"], ["市财政局"]), ("定期通报", ["市政府办"], ["市委督查室"])]
