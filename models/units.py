"""Unit names: normalisation on entry and lookup in the unit directory.

A unit is found by its exact name, an alias, its pinyin initials
(``zjj`` → 市住建局) or a fuzzy match of the spelling.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


from models.domain import Unit

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_STRAY = re.compile(r"^[、，,；;。.\s]+|[、，,；;。.\s]+$")
_MARKUP = re.compile(r"\*\*|</?[a-zA-Z][^>]*>")


# Collective names that stand for many units: 各县（市、区）人民政府, 市级有关部门（单位）.
_UMBRELLA = re.compile(
    r"^各|有关|相关|其他|其它|所有|[市县区]级各|各[县区乡镇部单科市级处室]|成员单位|主管部门"
    r"|^市级[^（(]*(?:部门|单位)|^县级|^[市县区]、[县区乡]|^县区$|^区县$|的(?:单位|部门)"
)


def is_umbrella(name: str) -> bool:
    """An umbrella phrase (统称) rather than one unit: 各县区, 市级有关部门（单位）."""
    return bool(_UMBRELLA.search(name))


def normalise_name(name: str) -> str:
    """Canonical spelling of a unit name.

    Full-width brackets and punctuation, no spaces (PDF extraction and hard
    line breaks put them inside names), no markup, no stray separators at
    the ends.  Latin letters and digits keep their width (NFKC folds
    full-width ``ＡＢＣ１`` to ASCII).
    """
    text = _MARKUP.sub("", name)
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    text = text.translate(_HALF_TO_FULL)
    return _STRAY.sub("", text)


@lru_cache(maxsize=4096)
def pinyin_initials(name: str) -> str:
    """Lower-case pinyin initials: 市住建局 → szjj (Latin letters kept)."""
    from pypinyin import Style, lazy_pinyin  # its phrase dictionary takes ~0.15 s to load: only when searching

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())


@dataclass(frozen=True)
class Match:
    unit: Unit
    how: str  # "name" | "alias" | "initials" | "fuzzy"
    score: float  # 100 for exact matches


class UnitDirectory:
    """Lookup over a list of units; rebuilt whenever the directory changes."""

    FUZZY_CUTOFF = 70.0

    def __init__(self, units: list[Unit]):
        self.units = list(units)
        self._by_key: dict[str, tuple[Unit, str]] = {}
        for unit in self.units:
            for alias in unit.aliases + ([unit.short_name] if unit.short_name else []):
                self._by_key.setdefault(normalise_name(alias), (unit, "alias"))
        for unit in self.units:  # names win over aliases
            self._by_key[normalise_name(unit.name)] = (unit, "name")
        self._by_id = {u.id: u for u in self.units}
        self._names = {u.id: normalise_name(u.name) for u in self.units}
        self._initials = [
            (pinyin_initials(name), u)
            for u in self.units
            for name in (u.name, u.short_name, *u.aliases)
            if name
        ]

    def exact(self, text: str) -> Unit | None:
        hit = self._by_key.get(normalise_name(text))
        return hit[0] if hit else None

    def find(self, query: str, limit: int = 10) -> list[Match]:
        """Best matches first: exact name or alias, then initials, then fuzzy."""
        key = normalise_name(query)
        if not key:
            return []
        matches: list[Match] = []
        seen: set[str] = set()

        def add(unit: Unit, how: str, score: float) -> None:
            if unit.id not in seen:
                seen.add(unit.id)
                matches.append(Match(unit, how, score))

        if key in self._by_key:
            unit, how = self._by_key[key]
            add(unit, how, 100.0)
        if key.isascii() and key.isalnum():
            q = key.lower()
            hits = [(ini.find(q), len(ini), u) for ini, u in self._initials if q in ini]
            for pos, _length, unit in sorted(hits, key=lambda h: (h[0], h[1], h[2].sort_key)):
                add(unit, "initials", 95.0 - pos)
        from rapidfuzz import fuzz, process

        for _, score, unit_id in process.extract(
            key, self._names, scorer=fuzz.WRatio, limit=limit, score_cutoff=self.FUZZY_CUTOFF
        ):
            add(self._by_id[unit_id], "fuzzy", float(score))
        return matches[:limit]

    def near_duplicates(self, name: str, cutoff: float = 80.0) -> list[Match]:
        """Units whose names look like another spelling of ``name``."""
        key = normalise_name(name)
        return [
            m for m in self.find(key) if m.how == "fuzzy" and m.score >= cutoff and m.unit.name != key
        ]


def is_abbreviation(short: str, full: str) -> bool:
    """``市住建局`` abbreviates ``市住房城乡建设局``: same first and last character, the rest in order."""
    if len(short) < 3 or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def suggest_duplicates(directory: UnitDirectory, unit: Unit, cutoff: float = 80.0) -> list[tuple[Unit, str]]:
    """Units that may be another spelling of ``unit``, best first, each with the reason shown to the user."""
    out: list[tuple[Unit, str]] = []
    seen = {unit.id}
    for match in directory.near_duplicates(unit.name, cutoff):
        if match.unit.id not in seen:
            seen.add(match.unit.id)
            out.append((match.unit, f"名称相似度 {match.score:.0f}"))
    for other in directory.units:
        if other.id in seen:
            continue
        if is_abbreviation(unit.name, other.name):
            out.append((other, "本单位像是其简称"))
        elif is_abbreviation(other.name, unit.name):
            out.append((other, "像是本单位的简称"))
        else:
            continue
        seen.add(other.id)
    return out
