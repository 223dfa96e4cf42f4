import sqlite3
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import schema
from models.demo import demo_plan
from models.domain import Column, Node, Numbering, Plan, SourceLink, Status
from models.store import ReadOnlyError, Store, StoreError
from models.units import normalise_name


def tree_shape(plan):
    return [(n.id, d, n.text, n.lead, n.responsible, n.leader, n.deadline, n.remarks, n.tags,
             n.status, n.progress, n.sources, [c.id for c in n.children]) for n, d in plan.walk()]


def plan_fields(plan):
    return (plan.id, plan.title, plan.issuer, plan.doc_number, plan.date, plan.recipients, plan.cc,
            plan.body, plan.level_names, plan.columns, plan.numbering, plan.tag_legend)


# -- round trip ---------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
unit_names = st.text("市县区局委办科处公司集团住建发改财政（）、", min_size=1, max_size=10).map(
    normalise_name).filter(bool)


@st.composite
def nodes(draw, depth=1):
    children = draw(st.lists(nodes(depth=depth + 1), max_size=3)) if depth < 4 else []
    return Node(
        text=draw(texts), lead=draw(st.lists(unit_names, max_size=2, unique=True)),
        responsible=draw(st.lists(unit_names, max_size=3, unique=True)), leader=draw(texts),
        deadline=draw(texts), remarks=draw(texts), tags=draw(st.lists(st.sampled_from("★☆●▲◎"), max_size=2)),
        status=draw(st.sampled_from(list(Status))), progress=draw(texts), children=children,
        sources=draw(st.lists(st.builds(SourceLink, plan_id=texts, node_id=texts, receiver=unit_names,
                                        plan_title=texts, issuer=texts, handed=st.booleans()), max_size=2)),
    )


plans = st.builds(
    Plan, title=texts, issuer=texts, doc_number=texts, date=st.none() | st.just("2022-05-10"),
    recipients=texts, cc=texts, body=texts, level_names=st.lists(texts, max_size=4),
    columns=st.lists(st.sampled_from(list(Column)), unique=True),
    numbering=st.sampled_from(list(Numbering)),
    tag_legend=st.dictionaries(st.sampled_from("★☆●▲"), texts, max_size=3),
    roots=st.lists(nodes(), max_size=4),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans)
def test_round_trip_keeps_every_field(tmp_path_factory, plan):
    path = tmp_path_factory.mktemp("rt") / "s.sqlite"
    with Store(path) as store:
        store.save_plan(plan)
    with Store(path) as store:  # a fresh connection: nothing cached
        back = store.load_plan(plan.id)
    assert plan_fields(back) == plan_fields(plan)
    assert tree_shape(back) == tree_shape(plan)


def test_save_replaces_the_earlier_version(store):
    plan = demo_plan()
    store.save_plan(plan)
    plan.roots[0].children[0].children[0].text = "改过的举措"
    del plan.roots[-1]
    store.save_plan(plan)
    back = store.load_plan(plan.id)
    assert back.roots[0].children[0].children[0].text == "改过的举措"
    assert len(back.roots) == 6
    assert [p.node_count for p in store.list_plans()] == [plan.node_count()]


def test_units_are_shared_and_counted(store):
    plan = Plan(roots=[Node(lead=["市财政局"], responsible=["市住建局", "市财政局"]),
                       Node(lead=["市 财政局"], responsible=["市住建局"])])
    store.save_plan(plan)
    usage = {u.unit.name: (u.as_lead, u.as_responsible) for u in store.unit_usage()}
    assert usage == {"市财政局": (2, 1), "市住建局": (0, 2)}


def test_order_survives_more_than_ten_siblings(store):
    plan = Plan(roots=[Node(text=str(i)) for i in range(25)])
    store.save_plan(plan)
    assert [n.text for n in store.load_plan(plan.id).roots] == [str(i) for i in range(25)]


def test_plans_resolve_by_index_id_and_title(store):
    a, b = Plan(title="甲"), Plan(title="乙")
    store.save_plan(a)
    store.save_plan(b)
    assert store.resolve_plan("2").id == b.id
    assert store.resolve_plan(a.id).title == "甲"
    assert store.resolve_plan("乙").id == b.id
    assert store.resolve_plan("3") is None


def test_failed_transaction_leaves_nothing(store):
    plan = Plan(title="完整", roots=[Node(text="a")])
    store.save_plan(plan)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.conn.execute("DELETE FROM nodes")
            raise RuntimeError("interrupted")
    assert store.load_plan(plan.id).roots[0].text == "a"


def test_delete_plan_cascades(store):
    plan = demo_plan()
    store.save_plan(plan)
    store.delete_plan(plan.id)
    assert store.list_plans() == []
    assert store.conn.execute("SELECT COUNT(*) FROM nodes").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM node_units").fetchone()[0] == 0


# -- file safety --------------------------------------------------------------

def test_pragmas(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version(store.conn) == schema.LATEST


def test_migration_from_version_1(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    schema.migrate(conn, target=1)
    conn.execute("INSERT INTO plans (id, position, title) VALUES ('p1', 1, '旧清单')")
    conn.execute("INSERT INTO nodes (id, plan_id, position, text) VALUES ('n1', 'p1', 0, '旧任务')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert schema.version(store.conn) == schema.LATEST
        plan = store.load_plan("p1")
        assert (plan.title, plan.roots[0].text) == ("旧清单", "旧任务")
        store.conn.execute("SELECT * FROM progress_entries").fetchall()  # the v2 table exists
        backups = store.list_backups()
    assert len(backups) == 1 and "migration" in backups[0].name
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_migration_to_the_assessment_schema_keeps_a_version_2_store(tmp_path):
    path = tmp_path / "v2.sqlite"
    conn = sqlite3.connect(path)
    schema.migrate(conn, target=2)
    conn.execute("INSERT INTO plans (id, position, title, tag_legend) VALUES ('p1', 1, '旧清单', '{\"★\": \"重点\"}')")
    conn.execute("INSERT INTO nodes (id, plan_id, position, text, deadline) VALUES ('n1', 'p1', 0, '旧任务', '2024年6月')")
    conn.execute("INSERT INTO units (id, name) VALUES ('u1', '市财政局')")
    conn.execute("INSERT INTO node_units (node_id, unit_id, role, position) VALUES ('n1', 'u1', 'lead', 0)")
    conn.execute("INSERT INTO progress_entries (id, node_id, unit_id, round, status, text, reported_on)"
                 " VALUES ('e1', 'n1', 'u1', '第一季度', '推进中', '已启动', '2024-03-31')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert schema.version(store.conn) == schema.LATEST >= 5  # through v3 (saved_at), v4 (snapshots) and v5 (assessment)
        plan = store.load_plan("p1")
        task = plan.roots[0]
        assert (plan.tag_legend, plan.scoring) == ({"★": "重点"}, {})
        assert (task.text, task.lead, task.deadline, task.points, task.criteria) == (
            "旧任务", ["市财政局"], "2024年6月", "", "")
        assert [e.text for e in store.progress_history("n1")] == ["已启动"]
        assert store.adjustments("p1") == []
        assert (task.sources, store.handdowns("p1")) == ([], {})  # the hand-down step: no links yet


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError, match="更新版本"):
        Store(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.sqlite"):
        Store(path)


def test_second_instance_opens_read_only(tmp_path):
    path = tmp_path / "shared.sqlite"
    plan = Plan(title="共享", roots=[Node(text="a")])
    with Store(path) as first:
        first.save_plan(plan)
        with Store(path) as second:
            assert not first.read_only and second.read_only
            assert second.load_plan(plan.id).title == "共享"
            with pytest.raises(ReadOnlyError):
                second.save_plan(plan)
        first.save_plan(plan)  # the first instance still writes
    with Store(path) as again:  # once the first has closed, the file is free
        assert not again.read_only


def test_killed_writer_leaves_last_commit_intact(tmp_path):
    path = tmp_path / "killed.sqlite"
    script = textwrap.dedent(f"""
        import sys, time
        from models.domain import Node, Plan
        from models.store import Store
        store = Store({str(path)!r})
        store.save_plan(Plan(id="committed", title="已保存", roots=[Node(text="a")]))
        with store.transaction():
            store.save_plan(Plan(id="pending", title="未提交", roots=[Node(text=str(i)) for i in range(2000)]))
            store.conn.execute("UPDATE plans SET title = '被改' WHERE id = 'committed'")
            print("writing", flush=True)
            time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
    finally:
        proc.kill()
        proc.wait()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [(p.id, p.title) for p in store.list_plans()] == [("committed", "已保存")]


def test_backups_keep_the_newest(store):
    for i in range(12):
        store.backup(f"import{i}")
    backups = store.list_backups()
    assert len(backups) == 10
    assert "import11" in backups[0].name


def test_restore_backup(store):
    plan = Plan(title="原样", roots=[Node(text="a")])
    store.save_plan(plan)
    saved = store.backup("import")
    store.delete_plan(plan.id)
    store.restore_backup(saved)
    assert store.load_plan(plan.id).title == "原样"


def test_plan_copy_shares_nothing_mutable():
    """Plan.copy() (once Plan(**p.__dict__)) gives the copy its own level names, tag legend, columns and tree."""
    from models.domain import PLAN_FIELDS, Column, Node, Plan

    plan = Plan(title="原", level_names=["一级", "二级"], tag_legend={"★": "重点"}, columns=[Column.LEAD],
                scoring={"base": 60}, number_scopes={"3": 0}, roots=[Node(text="任务", lead=["甲"], tags=["★"])])
    copy = plan.copy()
    assert copy == plan and copy.id == plan.id
    copy.level_names.append("三级")
    copy.tag_legend["▲"] = "新增"
    copy.columns.append(Column.DEADLINE)
    copy.scoring["late"] = -2
    copy.number_scopes["2"] = 1
    copy.roots[0].lead.append("乙")
    copy.roots[0].tags.clear()
    assert plan.level_names == ["一级", "二级"] and plan.tag_legend == {"★": "重点"}
    assert plan.columns == [Column.LEAD] and plan.roots[0].lead == ["甲"] and plan.roots[0].tags == ["★"]
    assert plan.scoring == {"base": 60} and plan.number_scopes == {"3": 0}
    assert set(PLAN_FIELDS) == {"title", "issuer", "doc_number", "date", "recipients", "cc", "body",
                                "level_names", "columns", "numbering", "number_scopes", "tag_legend", "scoring"}
