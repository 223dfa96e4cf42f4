"""The import wizard driven like a user would, offscreen, on real files and a real store."""
import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QWizard

from helpers.seedtext import seed_path
from widgets.import_wizard import FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, TARGET_PAGE, ImportWizard


@pytest.fixture
def wizard(qtbot, demo_store):
    w = ImportWizard(demo_store)
    qtbot.addWidget(w)
    w.show()
    return w


def open_file(wizard, path):
    wizard.file_page.path.setText(str(path))
    wizard.next()


def finish(wizard):
    wizard.button(QWizard.WizardButton.FinishButton).click()


def plan_count(store):
    return len(store.list_plans())


def test_preview_shows_each_part_and_highlights_doubtful_items(wizard):
    open_file(wizard, seed_path("000"))
    assert wizard.currentId() == PREVIEW_PAGE
    page = wizard.preview_page
    tops = [page.tree.topLevelItem(i).text(1) for i in range(page.tree.topLevelItemCount())]
    assert tops == ["2022年优化营商环境工作方案（18 项任务）", "达州市城市管理行政执法局2022年优化营商环境目标责任清单（56 项任务）"]
    doubtful = {i.text(0): i.toolTip(1) for i in page.doubtful_items()}
    assert "序号不连续" in doubtful["25.（原26.）"]  # printed 26 after a missing 25
    # names not in the directory, with the near match proposed, not merged
    assert "单位目录中没有“达州市水务集团”（1 处）；近似：达州水务集团" in doubtful["3."]
    assert len(doubtful) == 4
    assert "需要核对：单位名称相连 1，序号不连续 1，新单位 2" in page.summary.text()  # 中石油…公司达州水务集团 split


def test_plan_wide_doubts_are_shown_on_the_plan(wizard):
    open_file(wizard, seed_path("004"))
    top = wizard.preview_page.tree.topLevelItem(0)
    assert "原文未说明牵头单位（21 项任务）" in top.toolTip(0)


def test_choose_the_table_only_and_import_it_as_a_new_plan(qtbot, wizard, demo_store):
    open_file(wizard, seed_path("000"))
    wizard.preview_page.tree.topLevelItem(0).setCheckState(0, wizard.preview_page.tree.topLevelItem(0).checkState(0).Unchecked)
    wizard.next()
    assert wizard.currentId() == TARGET_PAGE
    with qtbot.waitSignal(wizard.imported) as signal:
        finish(wizard)
    (plan_id,) = signal.args[0]
    plans = demo_store.list_plans()
    assert len(plans) == 2 and plans[-1].id == plan_id and plans[-1].node_count == 83
    assert demo_store.list_backups()


def test_import_into_a_chosen_node_of_an_existing_plan(qtbot, wizard, demo_store):
    open_file(wizard, seed_path("004"))
    wizard.next()
    page = wizard.target_page
    page.into.setChecked(True)
    first = page.nodes.topLevelItem(0).child(0)  # 一、办理建筑许可
    page.nodes.setCurrentItem(first)
    with qtbot.waitSignal(wizard.imported):
        finish(wizard)
    assert plan_count(demo_store) == 1
    plan = demo_store.load_plan(demo_store.list_plans()[0].id)
    added = plan.roots[0].children[-1]
    assert added.text == "工作任务" and len(added.children) == 21
    assert added.children[0].responsible[:1] == ["各县区"]


def test_an_unusual_header_is_mapped_by_hand(qtbot, wizard, demo_store, tmp_path):
    path = tmp_path / "台账.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["No.", "内容", "负责", "配合", "日期"])
    sheet.append([1, "建立工作台账", "市政府办", "市财政局、市税务局", "2024年6月底前"])
    sheet.append([2, "开展专项督查", "市委督查室", "", "2024年9月"])
    book.save(path)
    open_file(wizard, path)
    assert wizard.currentId() == MAPPING_PAGE
    wizard.mapping_page.set_roles(["序号", "任务（举措）", "牵头单位", "责任单位", "完成时限"])
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    wizard.next()
    with qtbot.waitSignal(wizard.imported):
        finish(wizard)
    plan = demo_store.load_plan(demo_store.list_plans()[-1].id)
    assert [(n.text, n.lead, n.responsible, n.deadline) for n in plan.roots] == [
        ("建立工作台账", ["市政府办"], ["市财政局", "市税务局"], "2024年6月底前"),
        ("开展专项督查", ["市委督查室"], [], "2024年9月"),
    ]


def big_workbook(path, rows=3000):
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "重点任务", "牵头单位", "责任单位", "完成时限"])
    for i in range(1, rows + 1):
        sheet.append([i, f"第{i}项重点任务，按要求推进落实。", "市发展改革委", "市财政局、各县（区）人民政府", "2024年12月底前"])
    book.save(path)


def test_cancel_while_reading_leaves_nothing(wizard, demo_store, tmp_path):
    path = tmp_path / "大表.xlsx"
    big_workbook(path)
    wizard.progressed.connect(lambda value: value > 10 and wizard.file_page.cancel.click())
    open_file(wizard, path)
    assert wizard.currentId() == FILE_PAGE
    assert "已取消" in wizard.file_page.status.text()
    assert plan_count(demo_store) == 1 and not demo_store.list_backups()


def test_cancel_while_saving_leaves_nothing(wizard, demo_store):
    open_file(wizard, seed_path("001"))  # six plans
    wizard.next()
    wizard.progressed.connect(lambda value: value >= 50 and wizard.target_page.cancel.click())
    finish(wizard)
    assert wizard.isVisible() and "已取消" in wizard.target_page.status.text()
    assert plan_count(demo_store) == 1


def test_a_bad_file_is_named_and_nothing_happens(wizard, demo_store, tmp_path):
    path = tmp_path / "空文件.docx"
    path.write_bytes(b"")
    open_file(wizard, path)
    assert wizard.currentId() == FILE_PAGE
    assert "空文件.docx" in wizard.file_page.status.text() and "空" in wizard.file_page.status.text()
    assert plan_count(demo_store) == 1


def test_paragraphs_without_units_only_when_asked(wizard):
    open_file(wizard, seed_path("003"))
    parts = [wizard.preview_page.tree.topLevelItem(i).text(0) for i in range(wizard.preview_page.tree.topLevelItemCount())]
    assert parts == ["［附件表格］"]
    wizard.back()
    wizard.file_page.unannotated.setChecked(True)
    wizard.next()
    top = wizard.preview_page.tree.topLevelItem(0)
    assert top.text(0) == "［正文任务］" and "（10 项任务）" in top.text(1)  # 一、实施一网通办扩面行动 … 十、
    assert "未找到单位" in wizard.preview_page.summary.text()


def test_implied_and_inherited_values_are_shown_as_such(wizard, tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("青山区2024年重点工作任务清单\n"
                    "（以下工作均需各街道办事处负责，不再列出）\n"
                    "序号\t重点工作\t责任领导\t牵头单位\t完成时限\n"
                    "1\t实施项目40个。\t王海\t区发改局\t2024年12月底\n"
                    "2\t争取专项债券。\t\t区财政局\t\n"
                    "一、改善民生\n"
                    "3.新增就业3000人。（区人社局负责）\n", encoding="utf-8")
    open_file(wizard, path)
    page = wizard.preview_page
    rows = {}
    stack = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        rows[item.text(1)] = item
        stack.extend(item.child(i) for i in range(item.childCount()))
    second = rows["争取专项债券。"]
    assert (second.text(4), second.text(5)) == ("王海", "2024年12月底")
    assert second.font(4).italic() and second.font(5).italic() and "承上一行" in second.toolTip(5)
    assert not rows["实施项目40个。"].font(5).italic()
    body = rows["新增就业3000人。"]
    assert body.text(3) == "区人社局、各街道办事处" and body.font(3).italic() and "隐含" in body.toolTip(3)


def test_a_hand_down_workbook_imports_as_a_linked_plan(qtbot, wizard, demo_store, tmp_path):
    from exporters.handdown_sheets import write_handdown_files
    from helpers.factories import city_plan
    from models.exchange import PLAN_SHEET
    from openpyxl import load_workbook

    city = city_plan()
    [(_, path, _)] = write_handdown_files(city, tmp_path, ["甲县"])
    tampered = tmp_path / "改过.xlsx"
    wb = load_workbook(path)
    wb[PLAN_SHEET].cell(2, 2, wb[PLAN_SHEET].cell(2, 2).value.replace("营商", "商营"))
    wb.save(tampered)
    open_file(wizard, tampered)
    assert wizard.currentId() == FILE_PAGE
    assert "改过.xlsx" in wizard.file_page.status.text() and "已被改动" in wizard.file_page.status.text()
    assert plan_count(demo_store) == 1

    open_file(wizard, path)
    assert wizard.currentId() == PREVIEW_PAGE
    wizard.next()
    with qtbot.waitSignal(wizard.imported) as signal:
        finish(wizard)
    (plan_id,) = signal.args[0]
    plan = demo_store.load_plan(plan_id)
    assert plan.title == "达州市2024年重点任务清单（甲县）"
    assert [n.sources[0].node_id for n in plan.walk_nodes()] == [
        city.roots[0].id, city.roots[0].children[0].id, city.roots[0].children[1].id]
