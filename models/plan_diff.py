"""Comparing two versions of a list (版本对照): which tasks were added, removed, changed or moved.

Tasks are matched in passes, each only among the tasks still unmatched:

1. by stable id (a snapshot, a copy, an edited export: the ids survive);
2. among the children of two matched parents (top-down, so a parent's match guides its
   children): by text similarity (rapidfuzz's ratio, character-level, right for Chinese), the
   most similar first; a pair at the same position may be a little less similar;
3. across the whole tree: equal texts, then very similar ones (a task moved elsewhere);
4. a parent whose matched children mostly went to one unmatched parent is matched to it
   (a reworded indicator keeps its tasks).

Passes 2–4 repeat while they find something.  A matched pair is *moved* when its parent is not
its partner's parent's match, or when it left the longest run of siblings that kept their order;
it is *changed* when its content fields differ (a move may change fields too).  Numbers are
derived (:mod:`models.numbering`), so an insertion renumbering its siblings is no change.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from rapidfuzz import fuzz, process

from models.domain import FIELD_LABELS, Node, Plan
from models.numbering import number_plan

# The fields a revision is about; status and progress are tracking, not the list's content.
COMPARED_FIELDS = ("text", "lead", "responsible", "leader", "deadline", "remarks", "tags")
SIBLING_CUTOFF = 60.0  # ratio (0–100) for two children of matched parents
SAME_PLACE_CUTOFF = 50.0  # … when they also stand at the same index
GLOBAL_CUTOFF = 80.0  # ratio for tasks anywhere in the tree
GLOBAL_LIMIT = 1_000_000  # compare leftovers across the tree only up to this many pairs
_ROOT = ""  # the parent id of top-level nodes


class Kind(str, Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


KIND_LABELS = {Kind.ADDED: "新增", Kind.REMOVED: "删除", Kind.CHANGED: "修改", Kind.MOVED: "调整位置"}


@dataclass(frozen=True)
class FieldChange:
    field: str  # one of COMPARED_FIELDS
    before: str | list[str]
    after: str | list[str]

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]


@dataclass
class Change:
    kind: Kind
    a: Node | None
    b: Node | None
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    node: Node
    parent: str  # _ROOT for a top-level node
    index: int  # among its siblings
    depth: int
    order: int  # in tree order


def places(plan: Plan) -> dict[str, Place]:
    """Where each node stands, by id, in tree order."""
    out: dict[str, Place] = {}
    index_of = {root.id: i for i, root in enumerate(plan.roots)}
    for order, (node, parent, depth) in enumerate(plan.walk_with_parent()):
        for i, child in enumerate(node.children):
            index_of[child.id] = i
        out[node.id] = Place(node, parent.id if parent else _ROOT, index_of[node.id], depth, order)
    return out


@dataclass
class PlanDiff:
    a: Plan
    b: Plan
    changes: list[Change]
    pairs: dict[str, str]  # a's node id -> b's node id
    places_a: dict[str, Place]
    places_b: dict[str, Place]

    def counts(self) -> Counter:
        return Counter(c.kind for c in self.changes)

    @cached_property
    def numbers(self) -> tuple[dict[str, str], dict[str, str]]:
        """The printed numbers of a's and of b's nodes."""
        return number_plan(self.a), number_plan(self.b)


def diff_plans(a: Plan, b: Plan) -> PlanDiff:
    places_a, places_b = places(a), places(b)
    pairs = match_nodes(places_a, places_b)
    moved = _moved(pairs, places_a, places_b)
    entries: list[tuple[tuple[float, int], Change]] = []
    for a_id, b_id in pairs.items():
        x, y = places_a[a_id].node, places_b[b_id].node
        fields = field_changes(x, y)
        if a_id in moved:
            entries.append(((places_b[b_id].order, 0), Change(Kind.MOVED, x, y, fields)))
        elif fields:
            entries.append(((places_b[b_id].order, 0), Change(Kind.CHANGED, x, y, fields)))
    matched_b = set(pairs.values())
    entries += [((p.order, 0), Change(Kind.ADDED, None, p.node)) for b_id, p in places_b.items()
                if b_id not in matched_b]
    # A removed task is listed where it stood: after the last task before it that is still there.
    after = -0.5
    for a_id, p in places_a.items():  # in tree order
        if a_id in pairs:
            after = places_b[pairs[a_id]].order
        else:
            entries.append(((after + 0.5, p.order), Change(Kind.REMOVED, p.node, None)))
    entries.sort(key=lambda e: e[0])
    return PlanDiff(a, b, [c for _, c in entries], pairs, places_a, places_b)


def field_changes(x: Node, y: Node) -> list[FieldChange]:
    return [FieldChange(name, getattr(x, name), getattr(y, name))
            for name in COMPARED_FIELDS if getattr(x, name) != getattr(y, name)]


# -- matching ---------------------------------------------------------------------------------


def match_nodes(places_a: dict[str, Place], places_b: dict[str, Place]) -> dict[str, str]:
    """a's node id -> b's node id for the tasks that are the same task in both."""
    return _Matcher(places_a, places_b).run()


def _children(places: dict[str, Place]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for node_id, p in places.items():  # in tree order, so siblings in order
        out[p.parent].append(node_id)
    return out


class _Matcher:
    def __init__(self, places_a: dict[str, Place], places_b: dict[str, Place]):
        self.places_a, self.places_b = places_a, places_b
        self.children_a, self.children_b = _children(places_a), _children(places_b)
        self.pairs = {i: i for i in places_a if i in places_b}
        self.taken = set(self.pairs)

    def run(self) -> dict[str, str]:
        while self._siblings() + self._anywhere() + self._by_children():
            pass
        return self.pairs

    def _pair(self, a_id: str, b_id: str) -> None:
        self.pairs[a_id] = b_id
        self.taken.add(b_id)

    def _greedy(self, xs: list[str], ys: list[str], cutoff: float, same_place: float | None = None) -> list[str]:
        """Pair the best-scoring (x, y) first, each at most once, down to ``cutoff`` (``same_place``
        for a pair at the same index among its siblings); the xs paired.  Equal scores prefer the
        same index, then the nearest."""
        texts = [self.places_b[y].node.text for y in ys]
        floor = min(cutoff, same_place if same_place is not None else cutoff)
        candidates = []
        for i, x in enumerate(xs):
            place = self.places_a[x]
            for _, score, j in process.extract(place.node.text, texts, scorer=fuzz.ratio, score_cutoff=floor,
                                               limit=None):
                same = same_place is not None and place.index == self.places_b[ys[j]].index
                if score >= cutoff or same:
                    candidates.append((-score, not same, abs(i - j), i, j))
        candidates.sort()
        used_y: set[int] = set()
        paired: list[str] = []
        for *_, i, j in candidates:
            if xs[i] not in self.pairs and j not in used_y:
                used_y.add(j)
                self._pair(xs[i], ys[j])
                paired.append(xs[i])
        return paired

    def _siblings(self) -> int:
        """Children of matched parents, top-down: a new pair's children are matched next."""
        queue = deque([(_ROOT, _ROOT)] + sorted(self.pairs.items(), key=lambda p: self.places_a[p[0]].order))
        found = 0
        while queue:
            pa, pb = queue.popleft()
            xs = [i for i in self.children_a.get(pa, ()) if i not in self.pairs]
            ys = [i for i in self.children_b.get(pb, ()) if i not in self.taken]
            if not xs or not ys:
                continue
            paired = self._greedy(xs, ys, SIBLING_CUTOFF, SAME_PLACE_CUTOFF)
            found += len(paired)
            queue.extend((x, self.pairs[x]) for x in paired)
        return found

    def _anywhere(self) -> int:
        """Leftovers across the tree: equal texts first, then very similar ones."""
        xs = [i for i in self.places_a if i not in self.pairs]
        ys = [i for i in self.places_b if i not in self.taken]
        by_text: dict[str, deque[str]] = defaultdict(deque)
        for y in ys:
            by_text[self.places_b[y].node.text].append(y)
        found = 0
        for x in xs:
            same = by_text.get(self.places_a[x].node.text)
            if same:
                self._pair(x, same.popleft())
                found += 1
        xs = [i for i in xs if i not in self.pairs]
        ys = [i for i in ys if i not in self.taken]
        if xs and ys and len(xs) * len(ys) <= GLOBAL_LIMIT:
            found += len(self._greedy(xs, ys, GLOBAL_CUTOFF))
        return found

    def _by_children(self) -> int:
        """An unmatched parent whose matched children mostly went to one unmatched parent."""
        found = 0
        for x in reversed(self.places_a):  # bottom-up: children before their parents
            kids = self.children_a.get(x)
            if x in self.pairs or not kids:
                continue
            votes = Counter(self.places_b[self.pairs[k]].parent for k in kids if k in self.pairs)
            if not votes:
                continue
            y, n = votes.most_common(1)[0]
            if y != _ROOT and y not in self.taken and 2 * n > len(kids):
                self._pair(x, y)
                found += 1
        return found


def _moved(pairs: dict[str, str], places_a: dict[str, Place], places_b: dict[str, Place]) -> set[str]:
    """The a ids of matched tasks that changed parent or left their siblings' order."""
    moved: set[str] = set()
    kept: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # b parent -> (b index, a index, a id)
    for a_id, b_id in pairs.items():
        pa, pb = places_a[a_id], places_b[b_id]
        if (pairs.get(pa.parent) if pa.parent != _ROOT else _ROOT) != pb.parent:
            moved.add(a_id)
        else:
            kept[pb.parent].append((pb.index, pa.index, a_id))
    for siblings in kept.values():
        siblings.sort()
        in_order = _longest_increasing([a_index for _, a_index, _ in siblings])
        moved.update(s[2] for k, s in enumerate(siblings) if k not in in_order)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []  # values
    tail_at: list[int] = []  # their positions
    before = [-1] * len(values)
    for k, v in enumerate(values):
        t = bisect_left(tails, v)
        if t == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[t], tail_at[t] = v, k
        before[k] = tail_at[t - 1] if t else -1
    out: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.add(k)
        k = before[k]
    return out
