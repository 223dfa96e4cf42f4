"""Store and numbering speed on a 5,000-node plan (targets: load < 150 ms, renumber < 20 ms)."""
import pytest

from helpers.factories import make_plan
from models.numbering import number_plan
from models.store import Store


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "big.sqlite"
    plan = make_plan(5000)
    with Store(path) as store:
        store.save_plan(plan)
        yield store, plan


def test_load_5000_nodes(benchmark, big_store):
    store, plan = big_store
    loaded = benchmark(store.load_plan, plan.id)
    assert loaded.node_count() == 5000


def test_renumber_5000_nodes(benchmark, big_store):
    _, plan = big_store
    numbers = benchmark(number_plan, plan)
    assert len(numbers) == 5000


def test_save_5000_nodes(benchmark, tmp_path):
    plan = make_plan(5000)
    with Store(tmp_path / "save.sqlite") as store:
        benchmark.pedantic(store.save_plan, args=(plan,), rounds=5, iterations=1)
        assert store.list_plans()[0].node_count == 5000
