"""Lists printed in traditional script (牽頭, 責任單位, 負責, 按職責分工負責, 縣, 區).

The importer's keywords, role words and conventions are written once, in
simplified script.  A document in traditional script is read through a
simplified copy made with OpenCC, character for character so that every
position stays where it was; what the import then found (titles, texts, unit
names, leaders) is written back in the document's own characters, so names and
texts stay as printed.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import fields
from functools import lru_cache

from importers.document import SourceDoc, Table
from importers.result import ImportResult
from models.domain import Node, Plan

_MIN_CHANGED = 20  # characters that must differ before a document counts as traditional
_SHARE = 0.05  # … and their share of its CJK characters (a few 乾 or 盜 in names do not count)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # loaded only for documents that need it

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    """``text`` in simplified script, of the same length (character for character where a phrase
    conversion would change the length)."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_converter().convert(ch) for ch in text)


def _back_map(original: str, simplified: str) -> Callable[[str], str] | None:
    """For a text in traditional script and its simplified copy (of the same length): the function
    writing simplified text back in the original's characters; ``None`` for a text in simplified script.

    A found text that stands in the copy is taken from the same place of the original, so a
    document printing both 盗 and 盜 keeps each; a text tidied on the way (spaces, bracket widths)
    goes back character by character, each to the form the document prints most."""
    cjk = sum(1 for ch in original if "\u4e00" <= ch <= "\u9fff")
    pairs = Counter((s, t) for s, t in zip(simplified, original) if s != t)
    if not cjk or sum(pairs.values()) < max(_MIN_CHANGED, _SHARE * cjk):
        return None
    own = Counter(original)
    back: dict[str, str] = {}
    for (s, t), n in pairs.most_common():
        if s not in back and n > own.get(s, 0):
            back[s] = t
    table = str.maketrans(back)

    def restore_text(text: str) -> str:
        if not text:
            return text
        at = simplified.find(text)
        return original[at:at + len(text)] if at >= 0 else text.translate(table)

    return restore_text


def simplified_text(text: str) -> tuple[str, Callable[[str], str] | None]:
    """(the text as the importer reads it, the way back) — for text files, before any line is read."""
    simplified = _to_simplified(text)
    back = _back_map(text, simplified)
    return (simplified, back) if back is not None else (text, None)


def simplified_view(doc: SourceDoc) -> SourceDoc:
    """A Word or Excel document as the importer reads it (``doc.back`` set when it was traditional)."""
    if doc.back is not None:
        return doc
    def convert(block: str | Table) -> str | Table:
        if isinstance(block, str):
            return _to_simplified(block)
        return Table([[_to_simplified(c) for c in row] for row in block.rows], block.merged, _to_simplified(block.name))

    def text_of(blocks: list[str | Table]) -> str:
        return "\n".join(b if isinstance(b, str) else "\n".join("\t".join(r) for r in b.rows) for b in blocks)

    original = text_of(doc.blocks)
    if _back_map(original, _to_simplified(original)) is None:  # one conversion tells, for most files
        return doc
    view = [convert(b) for b in doc.blocks]
    return SourceDoc(doc.path, view, list(doc.notes), _back_map(original, text_of(view)))


def _restore_node(node: Node, back: Callable[[str], str]) -> None:
    node.text, node.leader, node.deadline, node.remarks = (back(node.text), back(node.leader), back(node.deadline),
                                                           back(node.remarks))
    node.lead = [back(u) for u in node.lead]
    node.responsible = [back(u) for u in node.responsible]
    node.progress = back(node.progress)


def restore(result: ImportResult, back: Callable[[str], str]) -> None:
    """Write what an import found back in the document's own characters."""
    for plan in result.plans:
        for f in fields(Plan):
            value = getattr(plan, f.name)
            if type(value) is str and f.name not in ("id", "date"):
                setattr(plan, f.name, back(value))
        plan.level_names = [back(n) for n in plan.level_names]
        plan.tag_legend = {k: back(v) for k, v in plan.tag_legend.items()}
        for node, _ in plan.walk():
            _restore_node(node, back)
    result.warnings = [type(w)(w.plan, w.node, w.kind, back(w.message)) for w in result.warnings]
    result.implied = {k: [back(u) for u in v] for k, v in result.implied.items()}
