"""Size and start time of the installed package against the developer's venv.

    python3 packaging/measure.py [--installed /usr/bin/dutymatrix] [--venv .venv/bin/dutymatrix] [--runs 5]

The start is timed as the whole `dutymatrix --screenshot` process offscreen: Python and Qt start,
the store opens, the main window is built, shown and rendered once, the PNG written.  Both
commands open the same store (the demo list), made by a first untimed run of each, so the figure
is the first window, not the creation of the demo; CPU time beside wall-clock time, as the steadier
figure on a busy machine.  Prints the figures; asserts nothing (the
targets, ≤ 200 MB installed and ≤ 1.5 × the venv's start, are in issue 19 and the README).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def first_window(command: str, store: Path, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one start (CPU time is steadier on a shared machine)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DUTYMATRIX"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    start, cpu = time.perf_counter(), cpu_of_children()
    subprocess.run([command, "--db", str(store), "--screenshot", str(out)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_of_children() - cpu


def timings(command: str, runs: int, work: Path) -> list[tuple[float, float]]:
    store = work / f"{Path(command).parent.name}.sqlite"
    first_window(command, store, work / "warm.png")  # creates the store with the demo list
    return [first_window(command, store, work / "shot.png") for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--installed", default="/usr/bin/dutymatrix")
    parser.add_argument("--venv", default=".venv/bin/dutymatrix")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    installed = Path(shutil.which(args.installed) or args.installed).resolve()
    print(f"installed bundle {installed.parent}: {folder_size(installed.parent) / 2**20:.0f} MiB (target ≤ 200)")
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: timings(cmd, args.runs, Path(tmp)) for name, cmd in
                   (("installed", str(installed)), ("venv", args.venv))}
    medians = {}
    for name, runs in results.items():
        wall, cpu = ([run[i] for run in runs] for i in (0, 1))
        medians[name] = statistics.median(wall), statistics.median(cpu)
        print(f"first window, {name:9}: median {medians[name][0]:.2f} s wall (min {min(wall):.2f}, "
              f"max {max(wall):.2f}), {medians[name][1]:.2f} s CPU, {len(runs)} runs")
    wall_ratio, cpu_ratio = (medians["installed"][i] / medians["venv"][i] for i in (0, 1))
    print(f"installed / venv: {wall_ratio:.2f} × wall, {cpu_ratio:.2f} × CPU (target ≤ 1.5)")


if __name__ == "__main__":
    main()
