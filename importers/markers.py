"""Marker characters (★☆○◎●▲△⊙◆◇■□①) that tag tasks, and the legend that explains them.

A marker at the end of a task's text, or right after a sentence inside it
(``…联动”。○按照…机制。◎``), becomes a tag.  The closing legend
``注：1.★：对标先进地区…`` becomes the plan's tag legend; the count printed
after a meaning (``，共14项``) is computed on export, not part of it.
"""
from __future__ import annotations

import re

from models.cell_text import DEFAULT_MARKERS

MARKERS = DEFAULT_MARKERS + "①"  # also those the editor and the merge review know (◆◇■□)
_TRAILING = re.compile(rf"[\s{MARKERS}]*[{MARKERS}][\s{MARKERS}]*$")
_AFTER_SENTENCE = re.compile(rf"(?<=[。；！？”])\s*([{MARKERS}]+)\s*(?=\S)")
_ANYWHERE = re.compile(rf"\s*([{MARKERS}])\s*")
_COUNT = re.compile(r"\s*[，,]\s*共\s*\d+\s*项\s*[。.]?$")
_LEGEND = re.compile(rf"^\s*(?:注\s*[:：]\s*)?(?:\d+\s*[.．、]\s*)?([{MARKERS}①-⑳])\s*[:：]\s*(.+)$")


def take_tags(text: str) -> tuple[str, list[str]]:
    """(text without markers, markers in order of appearance)."""
    tags: list[str] = []
    m = _TRAILING.search(text)
    tail = ""
    if m:
        tail, text = m.group(), text[:m.start()]
    for inner in _AFTER_SENTENCE.finditer(text):
        tags.extend(inner.group(1))
    text = _AFTER_SENTENCE.sub("", text)
    tags += [c for c in tail if c in MARKERS]
    return text.strip(), list(dict.fromkeys(tags))


def take_heading_tags(text: str) -> tuple[str, list[str]]:
    """Headings carry markers anywhere: 十九、获得用地★(牵头领导: 吴勇)."""
    tags = [m.group(1) for m in _ANYWHERE.finditer(text)]
    return _ANYWHERE.sub("", text).strip(), list(dict.fromkeys(tags))


def legend_entry(line: str) -> tuple[str, str] | None:
    """``注：1.★：对标先进地区…，共14项`` → ("★", "对标先进地区…")."""
    m = _LEGEND.match(line)
    return (m.group(1), _COUNT.sub("", m.group(2).strip())) if m else None
