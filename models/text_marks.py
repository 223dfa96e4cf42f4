"""Character-level differences of two texts (Chinese has no words to split on): each side as
runs of (text, changed), from difflib's matching blocks."""
from __future__ import annotations

from difflib import SequenceMatcher

Runs = list[tuple[str, bool]]


def marked_runs(before: str, after: str) -> tuple[Runs, Runs]:
    """``before`` with what was deleted or replaced marked, ``after`` with what was inserted or
    replaced marked; unchanged runs between them."""
    runs_a: Runs = []
    runs_b: Runs = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            runs_a.append((before[i1:i2], changed))
        if j2 > j1:
            runs_b.append((after[j1:j2], changed))
    return runs_a, runs_b
