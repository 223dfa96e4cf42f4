"""Copies of the returned files that were merged (回收的分解表、报送包), kept beside the store.

``returned/<plan id>/<unit>/<date>_<file name>``: the file as it came back, once any change from
it was accepted, so that the 台账资料 pack (:mod:`exporters.dossier`) holds every sheet a unit
returned.  Only ever added to; an undone merge keeps its copy (it was received all the same).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from models.evidence import digest
from models.file_names import file_name

NO_UNIT = "未注明单位"


def returned_dir(store_path: Path, plan_id: str) -> Path:
    return Path(store_path).parent / "returned" / file_name(plan_id)


def keep_returned(store_path: Path, plan_id: str, files: Iterable, accepted: Iterable, day: str) -> list[Path]:
    """Copy each returned file (:class:`models.merge_review.ReturnedFile`) that an accepted change
    came from; the same bytes kept before are not copied again.  Returns the new copies."""
    sources = {c.source.split(" › ", 1)[0] for c in accepted}
    kept = []
    for f in files:
        if f.path.name not in sources:
            continue
        unit = next((s.unit for s in f.sheets if s.unit), "") or NO_UNIT
        folder = returned_dir(store_path, plan_id) / file_name(unit)
        folder.mkdir(parents=True, exist_ok=True)
        target, n = folder / f"{day}_{file_name(f.path.name, 80)}", 2
        sha = digest(f.path)
        while target.exists():
            if digest(target) == sha:
                break
            target, n = target.with_name(f"{day}_{n}_{file_name(f.path.name, 80)}"), n + 1
        else:
            shutil.copyfile(f.path, target)
            kept.append(target)
    return kept


def kept_returned(store_path: Path, plan_id: str) -> list[tuple[str, Path]]:
    """(unit folder, file) of every kept copy of the plan, by unit then name."""
    folder = returned_dir(store_path, plan_id)
    if not folder.is_dir():
        return []
    return [(unit.name, f) for unit in sorted(folder.iterdir()) if unit.is_dir()
            for f in sorted(unit.iterdir()) if f.is_file()]
