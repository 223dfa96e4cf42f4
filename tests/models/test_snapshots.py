"""Saved versions of a plan (文件 → 保存版本): stored whole with their ids, listed, compared
with the plan as it is now, restored as a new plan; the v3 migration keeps older stores."""

from helpers.old_stores import version_2_store
from helpers.factories import revise
from models import schema
from models.demo import demo_plan
from models.plan_diff import Kind, diff_plans
from models.store import Store


def test_a_snapshot_is_the_plan_as_it_was(store):
    plan = demo_plan()
    plan.tag_legend = {"★": "省考指标"}
    store.save_plan(plan)
    issued = store.save_snapshot(store.load_plan(plan.id), "印发稿", "2022-07-01")
    store.save_plan(revise(store.load_plan(plan.id)))
    draft = store.save_snapshot(store.load_plan(plan.id), "修订稿", "2023-03-01")
    assert [(s.name, s.taken_on, s.node_count) for s in store.list_snapshots(plan.id)] == [
        ("印发稿", "2022-07-01", 83), ("修订稿", "2023-03-01", 81)]
    assert store.load_snapshot(issued.id) == plan  # every field and id, the tree in order
    assert store.load_snapshot(draft.id) == store.load_plan(plan.id)


def test_a_snapshot_compares_with_the_plan_by_stable_id(store):
    plan = demo_plan()
    store.save_plan(plan)
    snapshot = store.save_snapshot(plan, "印发稿", "2022-07-01")
    current = store.load_plan(plan.id)
    current.roots[0].children[0].children[0].text = "全面推广“一口验收”。"  # reworded past recognition
    store.save_plan(current)
    changes = diff_plans(store.load_snapshot(snapshot.id), store.load_plan(plan.id)).changes
    assert [(c.kind, c.a.id == c.b.id, c.b.text) for c in changes] == [
        (Kind.CHANGED, True, "全面推广“一口验收”。")]


def test_deleting_a_plan_deletes_its_snapshots(store):
    plan = demo_plan()
    store.save_plan(plan)
    snapshot = store.save_snapshot(plan, "印发稿", "2022-07-01")
    store.delete_plan(plan.id)
    assert store.conn.execute("SELECT COUNT(*) FROM plan_snapshots").fetchone()[0] == 0
    store.delete_snapshot(snapshot.id)  # already gone: nothing to do


def test_migration_adds_snapshots_and_keeps_progress(tmp_path):
    path = version_2_store(tmp_path / "v2.sqlite", """
        INSERT INTO plans (id, position, title) VALUES ('p1', 1, '旧清单');
        INSERT INTO nodes (id, plan_id, position, text) VALUES ('n1', 'p1', 0, '旧任务');
        INSERT INTO progress_entries (id, node_id, text) VALUES ('e1', 'n1', '已开展');
    """)
    with Store(path) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert [e.text for e in store.progress_history("n1")] == ["已开展"]
        saved = store.save_snapshot(store.load_plan("p1"), "印发稿", "2024-01-02")
        assert store.load_snapshot(saved.id).roots[0].text == "旧任务"
