"""Scored pairs to persons: human decisions first, then connected components, then person ids that stay.

Rules, in order:
1. A "same" decision is an edge that always holds; a "different" decision removes the pair's edge.
2. Persons are the connected components of the edges at or above the threshold (scipy's csgraph, linear).
3. Where a "different" pair still ends up in one component through other entries, the component is cut at
   the weakest edge of the strongest path between the two (the path whose weakest edge is strongest, found
   on the maximum spanning tree), again until every "different" pair is apart. Forced edges are never cut;
   if only forced edges join a "different" pair, the decisions contradict each other and the pair is
   reported in `Clustering.conflicts`, left joined.
4. Each new cluster takes the previous person id it shares most entries with (largest overlap first, each
   id used once); only clusters left without one get a new id.

Hand-written on scipy rather than Splink's clustering: Splink's labels a cluster by its smallest member
(not stable), and knows neither forced edges nor splits.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree

Pair = tuple[str, str]  # two entry keys, sorted
FORCED = 2.0  # the strength of a "same" decision's edge, above any probability


class Verdict(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Decision:
    """A person's judgement on two entries; it overrides the model."""

    pair: Pair
    verdict: Verdict

    @classmethod
    def of(cls, a: str, b: str, verdict: Verdict | str) -> Decision:
        return cls(pair_of(a, b), Verdict(verdict))


@dataclass(frozen=True)
class Clustering:
    persons: dict[str, str]  # entry key -> person id
    conflicts: list[Pair] = field(default_factory=list)  # "different" pairs that "same" decisions join


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def _edges(
    links: pa.Table, threshold: float, decisions: Iterable[Decision], index: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left, right, strength) of the edges that hold: links at or above the threshold, decided pairs aside,
    and "same" decisions."""
    kept = links.filter(pa.compute.greater_equal(links.column("match_probability"), threshold))
    left = [index[k] for k in kept.column("unique_id_l").to_pylist()]
    right = [index[k] for k in kept.column("unique_id_r").to_pylist()]
    strength = kept.column("match_probability").to_pylist()
    decided = {d.pair: d.verdict for d in decisions if d.verdict != Verdict.UNSURE}
    if decided:
        ends = zip(kept.column("unique_id_l").to_pylist(), kept.column("unique_id_r").to_pylist(), strict=True)
        keep = [pair_of(a, b) not in decided for a, b in ends]
        left, right, strength = ([v for v, k in zip(col, keep, strict=True) if k] for col in (left, right, strength))
        for (a, b), verdict in decided.items():
            if verdict == Verdict.SAME and a in index and b in index:
                left.append(index[a])
                right.append(index[b])
                strength.append(FORCED)
    return np.array(left, np.int64), np.array(right, np.int64), np.array(strength, np.float64)


def _components(size: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(left)), (left, right)), shape=(size, size))
    return np.asarray(connected_components(graph, directed=False)[1])


def _split(
    members: list[int], edges: list[tuple[int, int, float]], apart: list[tuple[int, int]]
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Cut one component on its maximum spanning tree until each pair of `apart` is in different parts."""
    local = {node: n for n, node in enumerate(members)}
    rows = [local[a] for a, _, _ in edges]
    cols = [local[b] for _, b, _ in edges]
    # scipy finds minimum trees and ignores zero weights: strength s becomes 3 - s, in [1, 3)
    weights = [3.0 - s for _, _, s in edges]
    graph = coo_matrix((np.array(weights), (np.array(rows), np.array(cols))), shape=(len(members),) * 2)
    tree = minimum_spanning_tree(graph.tocsr()).tocoo()
    adjacent: defaultdict[int, dict[int, float]] = defaultdict(dict)
    for a, b, w in zip(tree.row.tolist(), tree.col.tolist(), tree.data.tolist(), strict=True):
        adjacent[a][b] = adjacent[b][a] = 3.0 - w
    conflicts = []
    for a, b in apart:
        path = _path(adjacent, local[int(a)], local[int(b)])
        if path is None:
            continue
        steps = [(path[n], path[n + 1]) for n in range(len(path) - 1)]
        cuttable = [(adjacent[x][y], x, y) for x, y in steps if adjacent[x][y] < FORCED]
        if not cuttable:
            conflicts.append((int(a), int(b)))
            continue
        _, x, y = min(cuttable)
        del adjacent[x][y], adjacent[y][x]
    parts: list[list[int]] = []
    seen: set[int] = set()
    for start in range(len(members)):
        if start not in seen:
            part = _reach(adjacent, start)
            seen |= part
            parts.append(sorted(members[n] for n in part))
    return parts, conflicts


def _path(adjacent: Mapping[int, Mapping[int, float]], start: int, goal: int) -> list[int] | None:
    came: dict[int, int] = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [goal]
            while path[-1] != start:
                path.append(came[path[-1]])
            return path[::-1]
        for other in adjacent.get(node, {}):
            if other not in came:
                came[other] = node
                queue.append(other)
    return None


def _reach(adjacent: Mapping[int, Mapping[int, float]], start: int) -> set[int]:
    seen = {start}
    stack = [start]
    while stack:
        for other in adjacent.get(stack.pop(), {}):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen


def cluster(
    entries: Sequence[str],
    links: pa.Table,
    *,
    threshold: float,
    decisions: Iterable[Decision] = (),
    previous: Mapping[str, str] | None = None,
) -> Clustering:
    """Persons of `entries` from scored `links` (unique_id_l, unique_id_r, match_probability), human
    `decisions`, and the `previous` persons (entry key → person id) whose ids are kept."""
    decisions = list(decisions)
    index = {key: n for n, key in enumerate(entries)}
    left, right, strength = _edges(links, threshold, decisions, index)
    labels = _components(len(entries), left, right)
    apart: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for d in decisions:
        a, b = d.pair
        if d.verdict == Verdict.DIFFERENT and a in index and b in index and labels[index[a]] == labels[index[b]]:
            apart[int(labels[index[a]])].append((index[a], index[b]))
    conflicts: list[Pair] = []
    next_label = int(labels.max()) + 1 if len(labels) else 0
    for label, pairs in apart.items():
        members = [int(n) for n in np.flatnonzero(labels == label)]
        inside = (labels[left] == label) & (labels[right] == label)
        edges = list(zip(left[inside].tolist(), right[inside].tolist(), strength[inside].tolist(), strict=True))
        parts, joined = _split(members, edges, pairs)
        conflicts += [pair_of(entries[a], entries[b]) for a, b in joined]
        for part in parts[1:]:
            labels[part] = next_label
            next_label += 1
    groups: defaultdict[int, list[str]] = defaultdict(list)
    for key, label in zip(entries, labels.tolist(), strict=True):
        groups[label].append(key)
    return Clustering(stable_ids(list(groups.values()), previous or {}), conflicts)


def new_person_id(members: Sequence[str]) -> str:
    """An id made from the cluster's first entry, so that a first run gives the same ids every time."""
    return "p-" + hashlib.sha1(min(members).encode()).hexdigest()[:12]


def stable_ids(groups: Sequence[Sequence[str]], previous: Mapping[str, str]) -> dict[str, str]:
    """Each group's person id: the previous id it shares most entries with, else a new one."""
    overlaps: Counter[tuple[int, str]] = Counter()
    for n, members in enumerate(groups):
        for key in members:
            if key in previous:
                overlaps[(n, previous[key])] += 1
    named: dict[int, str] = {}
    used: set[str] = set()
    for (n, person), _ in sorted(overlaps.items(), key=lambda item: (-item[1], item[0][1], item[0][0])):
        if n not in named and person not in used:
            named[n] = person
            used.add(person)
    taken = used | set(previous.values())
    persons: dict[str, str] = {}
    for n, members in enumerate(groups):
        person = named.get(n) or new_person_id(members)
        if n not in named:
            while person in taken:
                person += "x"
            taken.add(person)
        for key in members:
            persons[key] = person
    return persons
