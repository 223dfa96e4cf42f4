"""Round trips through real files with awkward text: what goes out comes back unchanged.

- An exported appendix or department workbook, read back untouched, proposes no change.
- Progress typed into department sheets comes back exactly as typed (also text that
  looks like a formula, which openpyxl writes as one).

(The round trip through the importer: test_round_trip_xlsx.py and test_round_trip_docx.py.)
"""
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.exchange_helpers import fill_unit_sheet
from exporters.unit_sheets import write_unit_workbook
from exporters.xlsx_appendix import write_appendix
from importers.returned_sheets import read_returned
from models.domain import Column, Node, Plan
from models.merge_review import ChangeKind, apply_changes, build_review
from models.store import Store

AWKWARD = [
    "第一行\n第二行", "（括号）[方括号]【书名】《文件》〔2024〕", "=SUM(A1:A3)", "+86-28", "-1", "@提及",
    "'单引号开头", "10%", "1.5倍", "2024-06-30", "𠀀𪚥𰻞𰻞面龘", "长" * 3000, "★标记在中间★", "a<b>&c",
    "制表\t符", "  两端空格  ", "🙂表情",
]
text = st.lists(st.sampled_from(AWKWARD) | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                                                     min_size=1, max_size=20), min_size=1, max_size=3).map("".join)
unit = st.sampled_from(["市发改委", "市住建局（人防办）", "各县（市、区）人民政府", "中石油达州天然气有限责任公司"])
leaf = st.builds(lambda t, lead, resp, d, r: Node(text=t, lead=[lead], responsible=resp, deadline=d, remarks=r),
                 text, unit, st.lists(unit, max_size=2, unique=True), st.sampled_from(["", "2024年6月底前", "长期保持", "=1"]),
                 st.sampled_from(["", "=HYPERLINK(\"x\")", "备注\n两行"]))
plans = st.builds(
    lambda roots: Plan(title="往返测试", columns=[Column.LEAD, Column.RESPONSIBLE, Column.DEADLINE, Column.REMARKS],
                       roots=roots),
    st.lists(st.builds(lambda t, kids: Node(text=t, children=kids), text, st.lists(leaf, min_size=1, max_size=4)),
             min_size=1, max_size=3),
)
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _stored(plan: Plan, folder: Path) -> tuple[Store, Plan]:
    store = Store(folder / "s.sqlite")
    store.save_plan(plan)
    return store, store.load_plan(plan.id)


@SETTINGS
@given(plans)
def test_an_untouched_appendix_comes_back_without_changes(plan):
    with tempfile.TemporaryDirectory() as tmp:
        store, plan = _stored(plan, Path(tmp))
        with store:
            path = write_appendix(plan, Path(tmp) / "a.xlsx")
            review = build_review(plan, [read_returned(path)])
            assert review.changes == [] and review.notices == []


@SETTINGS
@given(plans, st.data())
def test_progress_typed_into_department_sheets_comes_back_as_typed(plan, data):
    with tempfile.TemporaryDirectory() as tmp:
        store, plan = _stored(plan, Path(tmp))
        with store:
            units = sorted({u for n, _ in plan.walk() for u in n.lead})
            path = write_unit_workbook(plan, Path(tmp) / "u.xlsx", units, round="第1轮")
            returned = read_returned(path)
            assert build_review(plan, [returned]).changes == []
            typed = {}
            for sheet in returned.sheets:
                answers = {}
                for row in sheet.rows:
                    answers[row.key] = (data.draw(text), "推进中", "")
                    typed[(row.key, sheet.unit)] = answers[row.key][0].strip()
                fill_unit_sheet(path, answers, sheet=sheet.sheet)
            review = build_review(plan, [read_returned(path)])
            assert review.notices == []
            got = {(c.node_id, c.unit): c.new for c in review.changes}
            assert all(c.kind is ChangeKind.PROGRESS for c in review.changes)
            assert got == typed  # a blank (or only a no-break space) beside 推进中 still reports the status
            apply_changes(store, plan.id, review.accept_all())
            for (node_id, unit_name), value in got.items():
                entries = [e for e in store.progress_history(node_id) if e.unit == unit_name]
                assert [e.text for e in entries] == [value]
