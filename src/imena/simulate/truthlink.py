"""Linking a synthetic corpus's entries by the person each was written about: the perfect linkage, a yardstick.

Entries written by `imena simulate corpus` carry `truth.person_id`. Until record linkage runs, every entry is a
person of its own, and multiple systems estimation has no overlaps to learn from; linking by the truth gives the
estimators what a perfect linkage would, so they can be tried end to end on data of known size. Only entries
marked synthetic are touched: real entries are never linked by this.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Engine, and_, delete, insert, select, update

from imena.registry import schema as t


def link_by_truth(engine: Engine) -> int:
    """Give every synthetic entry with a true person the person of that person's first entry; how many moved."""
    e, pe = t.entries, t.person_entries
    query = (
        select(pe.c.person_id, e.c.source_id, e.c.entry_id, e.c.record)
        .select_from(pe.join(e, and_(e.c.source_id == pe.c.source_id, e.c.entry_id == pe.c.entry_id, e.c.current)))
        .where(e.c.synthetic)
        .order_by(pe.c.person_id)
    )
    people: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    with engine.connect() as connection:
        for person, source, entry, record in connection.execute(query):
            truth = (record or {}).get("truth") or {}
            if truth.get("person_id"):
                people[str(truth["person_id"])].append((int(person), source, entry))
    moved = 0
    with engine.begin() as connection:
        for links in people.values():
            keep = min(person for person, _, _ in links)
            for person, source, entry in links:
                if person == keep:
                    continue
                condition = and_(pe.c.source_id == source, pe.c.entry_id == entry)
                connection.execute(update(pe).where(condition).values(person_id=keep))
                connection.execute(delete(t.persons).where(t.persons.c.id == person, t.persons.c.synthetic))
                moved += 1
        connection.execute(
            insert(t.audit_log).values(
                at=dt.datetime.now(dt.UTC), actor="imena", action="link_by_truth", target="synthetic entries",
                detail={"moved": moved, "persons": len(people)},
            )
        )  # fmt: skip
    return moved
