"""The persons the registry documents, each with its lists, its operation, its 1937 region, its month and category.

A person's list membership is the set of sources of its current entries (linkage decides which entries are one
person: until it runs, each entry is a person of its own). Where a person's entries disagree on the region, the
month or the category, the value most of them give is taken; a tie leaves it unknown. The month is the sentence's,
else the execution's (which followed it by days or weeks). The first category is a death sentence, the second a
camp or prison term; exile and other penalties are neither.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, select

from imena.reconcile.attribution import EntryOperation, Operation, PersonOperation, attribute_person
from imena.registry import schema as t

CATEGORIES = {"death": 1, "camp": 2, "prison": 2}


@dataclass(frozen=True)
class DocumentedEntry:
    """The fields of one current entry that reconciliation and estimation read."""

    person: int
    synthetic: bool
    source: str
    entry: str
    region: str | None
    penalty: str | None
    sentence_date: str | None
    execution_date: str | None
    operation: str | None


@dataclass(frozen=True)
class DocumentedPerson:
    """One person as its entries document it; None where they say nothing or disagree evenly."""

    id: int
    synthetic: bool
    sources: frozenset[str]
    attribution: PersonOperation
    region: str | None
    month: str | None  # YYYY-MM
    category: int | None  # 1 (shot) or 2 (camp, prison)
    disputed: tuple[str, ...] = ()  # the fields whose entries disagree

    @property
    def operation(self) -> Operation:
        return self.attribution.operation

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": self.id, "operation": self.operation.value, "reasons": list(self.attribution.reasons),
            "conflicting": self.attribution.conflicting, "region": self.region, "month": self.month,
            "category": self.category, "sources": sorted(self.sources), "disputed": list(self.disputed),
            "synthetic": self.synthetic,
        }  # fmt: skip


def consensus(values: Iterable[str | int | None]) -> tuple[str | int | None, bool]:
    """The value most entries give and whether they disagree; a tie between different values is None."""
    counted = Counter(v for v in values if v is not None)
    ranked = counted.most_common(2)
    if not ranked:
        return None, False
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None, True
    return ranked[0][0], len(counted) > 1


def month_of(entry: DocumentedEntry) -> str | None:
    """The month of the sentence, else of the execution; a date without its month has none."""
    for date in (entry.sentence_date, entry.execution_date):
        if date and len(date) >= 7 and date[4] == "-":
            return date[:7]
    return None


def document_person(entries: list[DocumentedEntry]) -> DocumentedPerson:
    """One person from its current entries."""
    attribution = attribute_person(EntryOperation(e.source, e.entry, e.operation) for e in entries)
    region, region_disputed = consensus(e.region for e in entries)
    month, month_disputed = consensus(month_of(e) for e in entries)
    category, category_disputed = consensus(CATEGORIES.get(e.penalty or "") for e in entries)
    disputed = [
        name
        for name, flag in (("region", region_disputed), ("month", month_disputed), ("category", category_disputed))
        if flag
    ]
    return DocumentedPerson(
        id=entries[0].person,
        synthetic=any(e.synthetic for e in entries),
        sources=frozenset(e.source for e in entries),
        attribution=attribution,
        region=region if isinstance(region, str) else None,
        month=month if isinstance(month, str) else None,
        category=category if isinstance(category, int) else None,
        disputed=tuple(disputed),
    )


def read_entries(engine: Engine) -> Iterator[DocumentedEntry]:
    """Every current entry with its person, ordered by person."""
    e, pe, p = t.entries, t.person_entries, t.persons
    query = (
        select(
            pe.c.person_id, p.c.synthetic, e.c.synthetic, e.c.source_id, e.c.entry_id, e.c.region, e.c.penalty,
            e.c.sentence_date, e.c.execution_date, e.c.operation,
        )
        .select_from(
            pe.join(e, and_(e.c.source_id == pe.c.source_id, e.c.entry_id == pe.c.entry_id, e.c.current))
            .join(p, p.c.id == pe.c.person_id)
        )
        .order_by(pe.c.person_id, e.c.source_id, e.c.entry_id)
    )  # fmt: skip
    with engine.connect() as connection:
        for row in connection.execution_options(yield_per=10_000).execute(query):
            person, person_synthetic, entry_synthetic, *fields = row
            yield DocumentedEntry(int(person), bool(person_synthetic or entry_synthetic), *fields)


def documented_persons(engine: Engine) -> Iterator[DocumentedPerson]:
    """Every person of the registry that has a current entry, as its entries document it."""
    for _, group in itertools.groupby(read_entries(engine), key=lambda entry: entry.person):
        yield document_person(list(group))
