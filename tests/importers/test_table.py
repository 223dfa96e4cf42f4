"""Table rows as PDF extraction leaves them, on real rows of seeds 000 and 003."""
from importers.document import Table
from importers.table import parse_table, split_tasks
from helpers.seedtext import rows_between, seed_rows

HEADER_000 = list(seed_rows("000")[0])
HEADER_003 = list(seed_rows("003")[0])


def tasks(rows, header):
    result = parse_table(Table([header] + rows))
    return result, {result.printed[t.id]: t for t in result.tasks}


def test_merged_cells_come_out_empty_and_continue_the_row_above():
    result, by_number = tasks(rows_between("000", "1.探索推广", "4.强化事中事后监管"), HEADER_000)
    assert by_number["3."].lead == ["政策法规科（行政审批科）"] and by_number["3."].deadline == "2022年9月"
    assert by_number["3."].responsible == by_number["1."].responsible
    assert by_number["4."].lead == ["执法监督科"]
    head = result.roots[0]
    assert head.text == "办理建筑许可（市级牵头单位：市住建局）" and head.children[0].text == "办理环节"


def test_repeated_headers_and_names_broken_by_the_page_are_rejoined():
    # 12's 责任单位 ends "中石油达州天然气"; after the repeated header, row 14 carries "有限责任公司"
    _, by_number = tasks(rows_between("000", "12. 将原有办理环节", "15.小微个体工商户"), HEADER_000)
    assert [n for n in by_number] == ["12.", "13.", "14.", "15."]
    for n in ("12.", "13.", "14."):
        assert by_number[n].responsible[-1] == "中石油达州天然气有限责任公司"
    assert by_number["12."].remarks == "城市管理优化营商环境10条措施①"
    assert by_number["13."].remarks == ""  # remarks are not carried down


def test_own_lead_without_responsible_units_means_the_lead_works_alone():
    _, by_number = tasks(rows_between("000", "28.持续推进政务数据", "30.建立落实涉及多个部门"), HEADER_000)
    assert by_number["28."].text.endswith("实现更多政务服务事项网上办、掌上办。")  # the rest of the cell on the next page
    assert (by_number["29."].lead, by_number["29."].responsible) == (["政策法规科（行政审批科）"], [])


def test_rows_shifted_left_are_realigned_by_their_content():
    _, by_number = tasks(rows_between("000", "42. 认真落实国省", "51. 及时认领"), HEADER_000)
    assert (by_number["43."].lead, by_number["43."].deadline) == (["政策法规科（行政审批科）"], "2022年9月")
    assert (by_number["46."].lead, by_number["46."].responsible) == (["人事科"], [])
    assert by_number["48."].lead == ["人事科"]
    assert (by_number["50."].lead, by_number["50."].deadline) == (["机关纪委"], "2022年9月")


def test_two_numbered_tasks_in_one_cell():
    _, by_number = tasks(rows_between("000", "50. 建立并落实", "53. 实施"), HEADER_000)
    assert by_number["51."].text.startswith("及时认领") and by_number["52."].text.startswith("推动全市执法人员")
    assert by_number["52."].lead == ["执法监督科", "政策法规科（行政审批科）"]
    assert split_tasks("1.甲。 2.乙 1.86元") == [(1, "甲。"), (2, "乙 1.86元")]


def test_leader_in_the_first_level_cell_and_rows_split_over_pages():
    result, by_number = tasks(rows_between("003", "1.加大“一窗通”", "13.加大深化"), HEADER_003)
    first = result.roots[0]
    assert (first.text, first.leader) == ("开办企业", "张建红")
    assert [c.text for c in first.children] == ["开办企业流程", "开办企业耗时", "开办企业费用", "开办企业便利度"]
    assert by_number["3."].deadline == "2021年6月并持续推进"  # slipped into the 责任领导 column
    assert by_number["8."].text.endswith("确保“一窗受理”落地落实。")
    assert by_number["12."].tags == ["▲"] and by_number["12."].text.endswith("“准入不准营”。")
    assert result.roots[1].leader == "吴勇"


def test_cells_left_open_over_rows_are_joined():
    _, by_number = tasks(rows_between("003", "30.优化水", "32.加大相关"), HEADER_003)
    assert by_number["31."].responsible[0] == "市政务服务大数据管理局"
    assert by_number["31."].deadline == "2021年12月并持续推进"


def test_a_task_whose_deadline_follows_on_the_next_line_gets_it_as_its_own():
    _, by_number = tasks(rows_between("003", "205.开展", "207.在官方网站"), HEADER_003)
    assert by_number["206."].responsible[-1] == "市总工会"
    assert by_number["206."].deadline == "持续推进"
    assert by_number["205."].deadline == "2021年7月并持续推进"


def test_indicators_sharing_one_cell_and_a_note_row():
    result, _ = tasks(rows_between("003", "124.积极推行", "146.加快推进"), HEADER_003)
    names = [c.text for c in result.roots[0].children]
    assert names[:2] == ["出口边境审核耗时", "进口边境审核耗时"]
    assert result.roots[0].children[0].children and not result.roots[0].children[1].children
    assert any(kind == "shared-cell" for _, kind, _ in result.warnings)
    assert result.roots[0].children[-1].tags == ["★"]


def test_no_lead_column_is_said_once():
    result, by_number = tasks(rows_between("003", "1.加大", "2.充分"), HEADER_003)
    assert by_number["1."].lead == [] and by_number["1."].responsible[0] == "市市场监管局"
    assert [kind for node, kind, _ in result.warnings] == ["lead-unclear"]


def test_indicators_printed_without_numbers():
    rows = [line.split("\t") for line in [
        "一级指标\t二级指标\t具体举措\t牵头单位\t完成时限",
        "开办企业\t开办流程\t1.推行一窗通办。\t市市场监管局\t2024年6月",
        "\t\t2.压缩办理时限。\t市税务局\t2024年9月",
        "获得电力\t办电耗时\t3.压减办电时间。\t国网资阳供电公司\t2024年12月",
        "纳税\t纳税次数\t4.推行合并申报。\t市税务局\t2024年12月",
    ]]
    result = parse_table(Table(rows))
    assert [(r.text, [c.text for c in r.children]) for r in result.roots] == [
        ("开办企业", ["开办流程"]), ("获得电力", ["办电耗时"]), ("纳税", ["纳税次数"])]
    assert [len(c.children) for r in result.roots for c in r.children] == [2, 1, 1]
