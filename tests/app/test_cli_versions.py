"""`versions PLAN [--save NAME [--date D] | --restore NAME] [--json]` and `diff PLAN@NAME PLAN`."""
import json

import pytest
from helpers.cli_process import run_cli as run

from helpers.factories import NEW_POWER_TASK, revise
from models.demo import demo_plan
from models.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "versions.sqlite"
    with Store(path) as store:
        store.save_plan(demo_plan())
    return str(path)


def revise_in_store(db):
    with Store(db) as store:
        plan = store.list_plans()[0]
        store.save_plan(revise(store.load_plan(plan.id)))


def test_save_list_compare_and_restore(db):
    out = run("--db", db, "versions", "1", "--save", "印发稿", "--date", "2022-07-01")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "1\t印发稿\t2022-07-01\t83\n"
    revise_in_store(db)
    assert run("--db", db, "versions", "1", "--save", "修订稿", "--date", "2023-03-01").returncode == 0
    listed = json.loads(run("--db", db, "versions", "1", "--json").stdout)["versions"]
    assert [(v["index"], v["name"], v["date"], v["nodes"]) for v in listed] == [
        (1, "印发稿", "2022-07-01", 83), (2, "修订稿", "2023-03-01", 81)]

    # The saved version against the plan now: matched by id, so every change is found.
    diff = json.loads(run("--db", db, "diff", "1@印发稿", "1", "--json").stdout)
    assert sorted(c["kind"] for c in diff["changes"]) == sorted(
        ["moved"] * 2 + ["added"] * 3 + ["removed"] * 5 + ["changed"] * 5)
    assert all(c["a"]["id"] == c["b"]["id"] for c in diff["changes"] if c["a"] and c["b"])
    assert run("--db", db, "diff", "1@2", "1").stdout.strip() == "新增0项，删除0项，修改0项，调整位置0项"

    restored = run("--db", db, "versions", "1", "--restore", "印发稿")
    assert restored.returncode == 0, restored.stderr
    index, _, title = restored.stdout.strip().split("\t")
    assert (index, title) == ("2", demo_plan().title + "（印发稿 2022-07-01）")
    shown = json.loads(run("--db", db, "show", "2", "--json").stdout)["plans"][0]
    assert len(shown["nodes"]) == 83 and NEW_POWER_TASK not in [n["text"] for n in shown["nodes"]]


def test_unknown_version_and_bad_date(db):
    out = run("--db", db, "diff", "1@印发稿", "1")
    assert out.returncode == 1 and "没有版本“印发稿”" in out.stderr
    out = run("--db", db, "versions", "1", "--save", "印发稿", "--date", "2022-13-01")
    assert out.returncode == 2 and "应为 YYYY-MM-DD 格式的日期" in out.stderr
