"""Hand-down through real files between separate installations (one SQLite store each): the city hands
its list down to two counties, each imports it, adds sub-tasks and reports back up, and the city's
plan shows the rolled-up states and the history; and a province → city → county chain."""
from datetime import date

import pytest
from openpyxl import load_workbook

from exporters.handdown_sheets import write_handdown_files, write_report_up
from helpers.factories import city_plan
from importers import UnsafeFileError, import_file
from importers.into_store import save_import
from importers.returned_sheets import is_exchange_workbook, read_returned
from models.domain import Node, Status
from models.exchange import PLAN_SHEET
from models.merge_review import ChangeKind, apply_changes, review_for_store
from models.round_store import RoundBook
from models.rounds import ReturnState
from models.store import Store

ROUND = "2024年第一季度"


def hand_down(store: Store, plan, folder, receivers):
    """What `export --handdown` does: the files, and the record of what went to whom."""
    made = write_handdown_files(plan, folder, receivers)
    for receiver, path, handed in made:
        store.record_handdown(receiver, handed, "2024-03-01", path.name)
    return {receiver: path for receiver, path, _ in made}


def receive(folder, file) -> tuple[Store, str]:
    """Another installation imports the hand-down workbook: its plan's id."""
    store = Store(folder / "dutymatrix.sqlite")
    save_import(store, import_file(file))
    return store, store.list_plans()[0].id


def task(store: Store, plan_id: str, text: str) -> Node:
    return next(n for n in store.load_plan(plan_id).walk_nodes() if n.text == text)


def merge(store: Store, files):
    review = review_for_store(store, [read_returned(f) for f in files])
    assert review.notices == [] and not review.conflicts()
    assert {c.kind for c in review.changes} == {ChangeKind.PROGRESS}  # the counties' own edits are theirs
    return apply_changes(store, review.plan_id, review.accept_all(), today=date(2024, 3, 31))


def test_two_counties_report_up_and_the_city_sees_rolled_up_states(tmp_path):
    city_plan_ = city_plan()
    city = Store(tmp_path / "city" / "dutymatrix.sqlite")
    city.save_plan(city_plan_)
    files = hand_down(city, city_plan_, tmp_path / "out", ["甲县", "乙县"])
    assert not is_exchange_workbook(files["甲县"])  # opened by the import, not by the merge
    shared, online, care, renewal = (n.id for n in city_plan_.walk_nodes() if not n.children)
    assert city.handdowns(city_plan_.id) == {shared: ["甲县", "乙县"], online: ["甲县"], care: ["乙县"]}
    RoundBook(city).open(city_plan_.id, ROUND, date(2024, 4, 10), today=date(2024, 3, 1))

    # 甲县: one sub-task of its own under the shared task, with its own unit and a tighter deadline.
    jia, jia_plan = receive(tmp_path / "甲县", files["甲县"])
    first = task(jia, jia_plan, "压缩企业开办时间")
    assert first.sources[0].node_id == shared and first.sources[0].receiver == "甲县"
    jia.update_node(first.id, progress="已印发实施方案", deadline="2024年5月底前", lead=["县市场监管局"])
    jia.insert_subtrees(jia_plan, first.id, 0, [Node(text="开办时间压缩至1个工作日", lead=["县政务服务中心"],
                                                    status=Status.DONE, progress="已实现")])
    jia.update_node(task(jia, jia_plan, "推进政务服务“一网通办”").id, status=Status.IN_PROGRESS, progress="已上线")
    write_report_up(jia.load_plan(jia_plan), tmp_path / "甲县报送.xlsx", ROUND)

    # 乙县: two sub-tasks under the shared task, one done and one under way; its own task done.
    yi, yi_plan = receive(tmp_path / "乙县", files["乙县"])
    second = task(yi, yi_plan, "压缩企业开办时间")
    yi.insert_subtrees(yi_plan, second.id, 0, [
        Node(text="推行“一窗受理”", status=Status.DONE), Node(text="推行电子营业执照", status=Status.IN_PROGRESS,
                                                        progress="覆盖60%")])
    yi.update_node(task(yi, yi_plan, "新建养老机构").id, status=Status.DONE, progress="已建成2所")
    write_report_up(yi.load_plan(yi_plan), tmp_path / "乙县报送.xlsx", ROUND)

    merge(city, [tmp_path / "甲县报送.xlsx", tmp_path / "乙县报送.xlsx"])
    back = {n.id: n for n in city.load_plan(city_plan_.id).walk_nodes()}
    # 甲县 reports 已完成 (its only sub-task), 乙县 推进中 (one of two): under way
    assert back[shared].status is Status.IN_PROGRESS
    assert back[online].status is Status.IN_PROGRESS and back[care].status is Status.DONE
    assert back[renewal].status is Status.NOT_STARTED  # handed to no one
    assert (back[shared].deadline, back[shared].lead) == ("2024年6月底前", ["市市场监管局"])  # the city's own
    history = city.progress_history(shared)
    assert [(e.unit, e.status, e.round) for e in history] == [("甲县", "已完成", ROUND), ("乙县", "推进中", ROUND)]
    assert "已印发实施方案" in history[0].text and "开办时间压缩至1个工作日：［已完成］已实现" in history[0].text
    assert "推行电子营业执照：［推进中］覆盖60%" in history[1].text
    assert back[shared].progress.splitlines()[0] == "甲县［已完成］：已印发实施方案"
    assert "乙县［推进中］" in back[shared].progress
    status = RoundBook(city).status(RoundBook(city).find(city_plan_.id, ROUND), date(2024, 4, 1))
    lines = {u.unit: u for u in status.units}
    assert (lines["甲县"].state, lines["甲县"].tasks, lines["甲县"].reported) == (ReturnState.REPORTED, 2, 2)
    assert (lines["乙县"].state, lines["乙县"].reported) == (ReturnState.REPORTED, 2)

    # 乙县 finishes too: with 甲县's report of 已完成 the shared task is done; undone, it is under way again.
    yi.update_node(next(n.id for n in yi.load_plan(yi_plan).walk_nodes() if n.text == "推行电子营业执照"),
                   status=Status.DONE, progress="全覆盖")
    write_report_up(yi.load_plan(yi_plan), tmp_path / "乙县报送2.xlsx", "2024年第二季度")
    applied = merge(city, [tmp_path / "乙县报送2.xlsx"])
    assert task(city, city_plan_.id, "压缩企业开办时间").status is Status.DONE
    assert len(city.progress_history(shared)) == 3
    applied.undo(city)
    assert task(city, city_plan_.id, "压缩企业开办时间").status is Status.IN_PROGRESS
    assert len(city.progress_history(shared)) == 2
    for store in (city, jia, yi):
        store.close()


def test_a_three_level_chain_province_city_county(tmp_path):
    province_plan = city_plan()
    province_plan.title, province_plan.issuer = "四川省2024年重点任务清单", "四川省人民政府"
    shared = province_plan.roots[0].children[0]
    shared.responsible = ["达州市", "绵阳市"]
    province = Store(tmp_path / "province" / "dutymatrix.sqlite")
    province.save_plan(province_plan)
    files = hand_down(province, province_plan, tmp_path / "to-cities", ["达州市"])

    city, city_plan_ = receive(tmp_path / "达州市", files["达州市"])
    city_task = task(city, city_plan_, "压缩企业开办时间")
    city.update_node(city_task.id, responsible=["通川区", "达川区"])  # the city's own units
    county_files = hand_down(city, city.load_plan(city_plan_), tmp_path / "to-counties", ["通川区", "达川区"])

    for name, done in (("通川区", Status.DONE), ("达川区", Status.DONE)):
        county, county_plan = receive(tmp_path / name, county_files[name])
        county_task = task(county, county_plan, "压缩企业开办时间")
        assert [(link.issuer, link.receiver, link.node_id) for link in county_task.sources] == [
            ("达州市", name, city_task.id), ("四川省人民政府", "达州市", shared.id)]
        county.update_node(county_task.id, status=done, progress=f"{name}已完成")
        write_report_up(county.load_plan(county_plan), tmp_path / f"{name}.xlsx", ROUND)
        county.close()
    merge(city, [tmp_path / "通川区.xlsx", tmp_path / "达川区.xlsx"])
    assert task(city, city_plan_, "压缩企业开办时间").status is Status.DONE

    write_report_up(city.load_plan(city_plan_), tmp_path / "达州市.xlsx", ROUND)
    merge(province, [tmp_path / "达州市.xlsx"])
    top = task(province, province_plan.id, "压缩企业开办时间")
    # 绵阳市 was named but never handed the task, so only 达州市 counts for it
    assert top.status is Status.DONE
    [entry] = province.progress_history(shared.id)
    assert entry.unit == "达州市" and "通川区［已完成］：通川区已完成" in entry.text
    for store in (province, city):
        store.close()


def test_a_hand_down_workbook_prints_its_tasks(tmp_path):
    files = write_handdown_files(city_plan(), tmp_path, ["乙县"])
    wb = load_workbook(files[0][1])
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(visible) == 1 and visible[0]["A1"].value == "附件"
    texts = {str(c.value) for row in visible[0].iter_rows() for c in row if c.value}
    assert any("新建养老机构" in t for t in texts) and not any("推进城市更新" in t for t in texts)
    assert wb[PLAN_SHEET].sheet_state == "veryHidden"


def test_each_receiver_gets_a_file_named_by_its_whole_name_however_long_the_title(tmp_path):
    plan = city_plan()
    plan.title = "达州市城市管理行政执法局2024年优化营商环境目标责任清单"  # 32 characters
    files = write_handdown_files(plan, tmp_path, ["甲县", "乙县"])
    assert [path.name for _, path, _ in files] == [f"{plan.title}-甲县-分解下达.xlsx", f"{plan.title}-乙县-分解下达.xlsx"]


def _tamper(path, change):
    wb = load_workbook(path)
    change(wb)
    wb.save(path)


@pytest.mark.parametrize("change, why", [
    (lambda wb: wb[PLAN_SHEET].cell(2, 2, wb[PLAN_SHEET].cell(2, 2).value.replace("优化", "弱化")), "被改动"),
    (lambda wb: wb.remove(wb[PLAN_SHEET]), "缺少清单数据"),
])
def test_a_tampered_hand_down_workbook_is_refused_and_nothing_imported(tmp_path, change, why):
    [(_, path, _)] = write_handdown_files(city_plan(), tmp_path, ["甲县"])
    _tamper(path, change)
    with pytest.raises(UnsafeFileError, match=why) as refused:
        import_file(path)
    assert str(path) in str(refused.value) and "达州市人民政府" in str(refused.value)


def test_a_damaged_hand_down_workbook_is_refused(tmp_path):
    [(_, path, _)] = write_handdown_files(city_plan(), tmp_path, ["甲县"])
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(UnsafeFileError, match="损坏"):
        import_file(path)


def test_a_hand_down_workbook_with_broken_xml_inside_is_refused(tmp_path):
    import zipfile

    [(_, path, _)] = write_handdown_files(city_plan(), tmp_path, ["甲县"])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:len(data) // 2] if b"parent" in data else data)  # the data sheet cut
    with pytest.raises(UnsafeFileError, match="损坏") as refused:
        import_file(broken)
    assert "broken.xlsx" in str(refused.value)
