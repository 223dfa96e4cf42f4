"""Lists as wholes: compilations, conventions per notice, implied units, numbering, repeated notices."""
from importers import import_file
from models.domain import Numbering


def write(tmp_path, text: str):
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    return import_file(path)


NOTICE_A = ("青山区人民政府办公室关于印发青山区2024年政务公开工作要点的通知\n青政办发〔2024〕3号\n"
            "青山区2024年政务公开工作要点\n"
            "1.推进政策文件集中公开。（区政府办、区司法局负责。排在首位的为牵头单位，下同）\n"
            "2.做好政策解读。（区政府办、区融媒体中心负责）\n")
NOTICE_B = ("青山区人民政府办公室关于印发青山区城市更新工作任务分工的通知\n青政办发〔2024〕4号\n"
            "青山区城市更新工作任务分工\n"
            "1.改造老旧小区20个。（区住建局、区财政局负责）\n")


def test_each_notice_of_a_compilation_is_its_own_plan_and_keeps_its_conventions(tmp_path):
    result = write(tmp_path, NOTICE_A + "\n— 2 —\n" + NOTICE_B)
    a, b = result.plans
    assert (a.title, a.doc_number, b.title, b.doc_number) == (
        "青山区2024年政务公开工作要点", "青政办发〔2024〕3号", "青山区城市更新工作任务分工", "青政办发〔2024〕4号")
    assert [n.lead for n in result.task_nodes(a)] == [["区政府办"], ["区政府办"]]
    only = result.task_nodes(b)[0]
    assert (only.lead, only.responsible) == ([], ["区住建局", "区财政局"])  # the rule of notice A does not leak


def test_a_notice_printed_twice_is_imported_once(tmp_path):
    result = write(tmp_path, NOTICE_A + "\n" + NOTICE_A)
    assert len(result.plans) == 1 and len(result.task_nodes(result.plans[0])) == 2
    assert [w.kind for w in result.warnings].count("repeated") == 1


def test_implied_units_come_after_the_printed_ones_and_are_recorded(tmp_path):
    result = write(tmp_path, "青山区2024年重点工作任务清单\n一、优化营商环境\n"
                             "1.压减开办时间。（区市场监管局负责）\n"
                             "（以下工作均需各街道办事处负责，不再一一列出）\n"
                             "2.推行一网通办。（区政务服务中心、区大数据局负责）\n"
                             "3.规范涉企检查。（区司法局、各街道办事处负责）\n")
    first, second, third = result.task_nodes(result.plans[0])
    assert first.responsible == ["区市场监管局"]
    assert second.responsible == ["区政务服务中心", "区大数据局", "各街道办事处"]
    assert result.implied == {second.id: ["各街道办事处"]}  # the third prints it itself
    assert third.responsible == ["区司法局", "各街道办事处"]


def test_numbers_running_through_the_headings_give_continuous_numbering(tmp_path):
    result = write(tmp_path, "青山区2024年重点工作任务清单\n一、扩大投资\n1.实施项目40个。（区发改局负责）\n"
                             "2.争取专项债券。（区财政局负责）\n二、改善民生\n3.新增就业3000人。（区人社局负责）\n"
                             "4.121人才梯队项目全面启动。（区委组织部负责）\n")
    plan = result.plans[0]
    assert plan.numbering is Numbering.CONTINUOUS
    texts = [n.text for n in result.task_nodes(plan)]
    assert texts[-1] == "121人才梯队项目全面启动。"  # the task's own number never stays in its text


def test_numbers_restarting_under_each_heading_give_restart_numbering(tmp_path):
    result = write(tmp_path, "青山区2024年重点工作任务清单\n一、扩大投资\n1.实施项目40个。（区发改局负责）\n"
                             "二、改善民生\n1.新增就业3000人。（区人社局负责）\n")
    assert result.plans[0].numbering is Numbering.RESTART


def test_a_table_rows_number_printed_again_in_its_task_cell_leaves_the_text(tmp_path):
    result = write(tmp_path, "青山区2024年重点工作任务清单\n序号\t重点工作\t牵头单位\t完成时限\n"
                             "10\t建成人才公寓200套。\t区住建局\t2024年底前\n"
                             "11\t11.121人才梯队项目全面启动。\t区委组织部\t2024年6月底前\n")
    tasks = result.task_nodes(result.plans[0])
    assert [t.text for t in tasks] == ["建成人才公寓200套。", "121人才梯队项目全面启动。"]


def test_a_part_heading_is_no_continuation_of_the_title(tmp_path):
    """``第一部分 主要预期目标`` under a list's own title starts a part: the title stays whole."""
    (plan,) = write(tmp_path, "临澜市2025年政府工作报告重点任务分解\n第一部分 主要预期目标\n"
                              "1.地区生产总值增长5.5%左右。（市发展改革委牵头）\n第二部分 重点工作任务\n"
                              "2.实施重大项目攻坚行动。（市发展改革委牵头，市住建局配合）\n").plans
    assert plan.title == "临澜市2025年政府工作报告重点任务分解"
    assert [(n.text, n.lead) for n in plan.roots] == [("地区生产总值增长5.5%左右。", ["市发展改革委"]),
                                                     ("实施重大项目攻坚行动。", ["市发展改革委"])]
