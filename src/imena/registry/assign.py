"""Writing a clustering into the registry: entries move between persons, new persons are made for new
clusters, and every merge and split goes to the audit log with the entries' persons before, so that it can be
read back and undone by a later run or decision.

A person whose entries all went to another person stays as a row, empty, with `merged_into` naming where
most of them went; it is cleared when a later run gives the person entries again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, insert, update

from imena.registry import schema as t


@dataclass(frozen=True)
class Changes:
    """What a clustering changes in the registry's persons (person ids are the registry's)."""

    moved: dict[str, int]  # entry key -> its new person, for entries that changed person
    merges: list[dict[str, Any]] = field(default_factory=list)  # a person that gained another's entries
    splits: list[dict[str, Any]] = field(default_factory=list)  # a person whose entries went apart
    emptied: dict[int, int] = field(default_factory=dict)  # person left without entries -> where most went
    filled: set[int] = field(default_factory=set)  # persons that have entries after the change


def split_key(key: str) -> tuple[str, str]:
    """An entry key "source/id" as (source id, entry id); the source id holds no slash."""
    source, _, entry = key.partition("/")
    return source, entry


def _members(persons: Mapping[str, int]) -> dict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    for key, person in sorted(persons.items()):
        found[person].append(key)
    return found


def changes(before: Mapping[str, int], after: Mapping[str, int]) -> Changes:
    """The merges, splits and moves that take the persons `before` to the persons `after` (entry → person)."""
    moved = {key: person for key, person in after.items() if before.get(key) != person}
    merges, splits = [], []
    for person, keys in sorted(_members(after).items()):
        came_from = {before[k] for k in keys if k in before}
        if len(came_from) > 1:
            entries = {k: before[k] for k in keys if k in moved and k in before}
            merges.append({"person": person, "from": sorted(came_from - {person}), "entries": entries})
    for person, keys in sorted(_members(before).items()):
        went_to = {after[k] for k in keys if k in after}
        if len(went_to) > 1:
            gone = {k: after[k] for k in keys if k in moved}
            splits.append({"person": person, "into": sorted(went_to - {person}), "entries": gone})
    filled = set(after.values())
    emptied = {}
    for person, keys in _members(before).items():
        if person not in filled:
            emptied[person] = Counter(after[k] for k in keys if k in after).most_common(1)[0][0]
    return Changes(moved, merges, splits, emptied, filled)


def new_person_ids(
    connection: Connection, clusters: Mapping[str, str], synthetic: Mapping[str, bool], now: dt.datetime
) -> dict[str, int]:
    """Registry ids for the clusters (entry key → cluster label): a label that is a person id is kept, other
    labels become new persons rows (synthetic if any of their entries is)."""
    labels: defaultdict[str, list[str]] = defaultdict(list)
    for key, label in clusters.items():
        labels[label].append(key)
    ids: dict[str, int] = {}
    for label, keys in sorted(labels.items()):
        if label.isdigit():
            ids[label] = int(label)
            continue
        made = any(synthetic.get(k, False) for k in keys)
        result = connection.execute(insert(t.persons).values(synthetic=made, created_at=now))
        ids[label] = int(result.inserted_primary_key[0])  # type: ignore[index]
    return {key: ids[label] for key, label in clusters.items()}


def write_changes(connection: Connection, found: Changes, *, actor: str, run: int, now: dt.datetime) -> None:
    """The moves into person_entries, the emptied persons marked, and each merge and split audited."""
    if found.moved:
        pe = t.person_entries.c
        statement = (
            update(t.person_entries)
            .where(pe.source_id == bindparam("s"), pe.entry_id == bindparam("e"))
            .values(person_id=bindparam("p"))
        )
        rows = [{"s": split_key(k)[0], "e": split_key(k)[1], "p": p} for k, p in sorted(found.moved.items())]
        connection.execute(statement, rows)
    marked = sorted(found.emptied.items())
    if marked:
        statement = update(t.persons).where(t.persons.c.id == bindparam("i")).values(merged_into=bindparam("m"))
        connection.execute(statement, [{"i": person, "m": into} for person, into in marked])
    gained = sorted({p for p in found.moved.values()})
    if gained:
        connection.execute(update(t.persons).where(t.persons.c.id.in_(gained)).values(merged_into=None))
    audit = [
        {"at": now, "actor": actor, "action": "link.merge", "target": f"person {m['person']}",
         "detail": {"run": run, "from": m["from"], "entries_before": m["entries"]}}
        for m in found.merges
    ] + [
        {"at": now, "actor": actor, "action": "link.split", "target": f"person {s['person']}",
         "detail": {"run": run, "into": s["into"], "entries_after": s["entries"]}}
        for s in found.splits
    ]  # fmt: skip
    if audit:
        connection.execute(insert(t.audit_log), audit)
