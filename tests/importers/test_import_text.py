"""import_file on the seed texts: plans per notice part, metadata, and bad files."""
import pytest

from importers import UnsafeFileError, import_file
from models.demo import demo_plan
from models.domain import Numbering
from helpers.seedtext import seed_path


def test_seed_000_gives_body_tasks_and_the_appendix_table():
    result = import_file(seed_path("000"))
    body, table = result.plans
    assert (result.parts[body.id], result.parts[table.id]) == ("body", "table")
    assert body.title == "2022年优化营商环境工作方案" and table.title == demo_plan().title
    for plan in (body, table):
        assert plan.issuer == "达州市城市管理行政执法局" and plan.doc_number == "达市城管发〔2022〕135号"
        assert plan.recipients == demo_plan().recipients and plan.date is None
    assert plan.body == demo_plan().body
    assert len(result.task_nodes(body)) == 18 and len(result.task_nodes(table)) == 56
    assert table.numbering is Numbering.CONTINUOUS and body.numbering is Numbering.RESTART
    gaps = [w.message for w in result.warnings if w.kind == "numbering-gap"]
    assert gaps == ["原文序号从 24. 跳到 26.（缺 25），导入后重新编号"]


@pytest.mark.parametrize("part, kinds", [("body", ["body"]), ("table", ["table"]), ("all", ["body", "table"])])
def test_part_chooses_body_or_table(part, kinds):
    result = import_file(seed_path("000"), part=part)
    assert [result.parts[p.id] for p in result.plans] == kinds


def test_seed_001_annexes_are_plans_of_their_own_under_one_convention():
    result = import_file(seed_path("001"))
    assert [p.title for p in result.plans] == [
        "德阳市深化“放管服”改革优化营商环境行动计划（2019—2020年）", "德阳市政务服务对标专项行动方案",
        "德阳市提升营商环境法治化水平专项行动方案", "德阳市减证便民专项行动方案",
        "德阳市规范行政审批中介服务专项行动方案", "德阳市推进“一网通办”专项行动方案"]
    assert [len(result.task_nodes(p)) for p in result.plans] == [40, 30, 11, 6, 12, 12]
    assert result.plans[0].date == "2019-09-18" and result.plans[0].doc_number == "德府发〔2019〕13号"
    assert not [w for w in result.warnings if w.kind == "lead-unclear"]  # 排在首位的为牵头单位，下同


def test_seed_003_table_with_leaders_and_a_tag_legend():
    result = import_file(seed_path("003"))
    (plan,) = result.plans
    assert plan.title == "资阳市创建一流营商环境重点举措清单" and plan.date == "2021-05-25"
    assert plan.level_names == ["一级指标", "二级指标", "重点举措"]
    assert [c.value for c in plan.columns] == ["responsible", "leader", "deadline"]
    assert list(plan.tag_legend) == ["★", "☆", "○", "◎", "●", "▲", "△", "⊙"]
    assert plan.tag_legend["⊙"].startswith("根据5月21日省级部门领导")
    assert len(result.task_nodes(plan)) == 384 and len(plan.roots) == 21
    assert [w.node for w in result.warnings if w.kind == "lead-unclear"] == [None]


def test_seed_004_keyless_annotations_and_metadata():
    result = import_file(seed_path("004"))
    (plan,) = result.plans
    assert plan.date == "2020-08-28" and plan.cc == "市政府办公室，市效能办，市发改委"
    assert plan.recipients == "各县区、广元经开区行政审批局、市级相关部门（单位）"
    assert len(result.task_nodes(plan)) == 21


def test_a_file_of_several_notices_gives_plans_per_notice(tmp_path):
    both = tmp_path / "汇编.txt"
    both.write_text(seed_path("004").read_text(encoding="utf-8") + "\n\n" + seed_path("000").read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = import_file(both)
    assert [p.doc_number for p in result.plans] == ["广政公〔2020〕40号", "达市城管发〔2022〕135号", "达市城管发〔2022〕135号"]
    assert [len(result.task_nodes(p)) for p in result.plans] == [21, 18, 56]


def test_gb18030_text_imports_the_same(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_path("004").read_text(encoding="utf-8").encode("gb18030"))
    a, b = import_file(seed_path("004")), import_file(gbk)
    assert [(n.text, n.responsible, n.deadline) for n in a.task_nodes(a.plans[0])] == \
           [(n.text, n.responsible, n.deadline) for n in b.task_nodes(b.plans[0])]


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "空"),
    ("binary.txt", b"\x00\x01\x02PK" * 50, "不是文本文件"),
    ("legacy.doc", b"\xd0\xcf\x11\xe0", ".docx"),
    ("scan.pdf", b"%PDF-1.4", "PDF"),
    ("notes.rtf", b"{\\rtf1}", "不支持"),
])
def test_bad_files_name_the_file_and_say_what_to_do(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsafeFileError) as err:
        import_file(path)
    assert name in str(err.value) and words in str(err.value)
