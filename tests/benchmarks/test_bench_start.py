"""Start-up as a user sees it: the whole `dutymatrix list` process (target ≤ 0.3 s)."""
import subprocess
import sys


def test_list_process(benchmark, tmp_path):
    db = str(tmp_path / "start.sqlite")
    command = [sys.executable, "-m", "app", "--db", db, "list"]
    subprocess.run(command, check=True, capture_output=True)  # creates the store with the demo list

    def run():
        subprocess.run(command, check=True, capture_output=True)

    benchmark.pedantic(run, rounds=10, iterations=1, warmup_rounds=1)
