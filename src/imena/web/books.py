"""Sources (books, lists, databases) as the web shows them: their description, a page of their entries, and
all their entries for download. Shared by the source pages and `/api/sources`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from imena.registry import schema as t

SOURCE_FIELDS = ("id", "title", "editor", "year", "region", "kind", "citation", "reliability", "synthetic")
ENTRY_COLUMNS = (
    "source", "entry_id", "version", "person_id", "synthetic", "surname", "given", "patronymic", "birth_year",
    "region", "penalty", "sentence_date", "execution_date", "page", "text",
)  # fmt: skip


def registry_synthetic(engine: Engine) -> bool:
    """Whether the registry holds any synthetic source: then every page and API answer says so."""
    with engine.connect() as c:
        return c.execute(select(t.sources.c.id).where(t.sources.c.synthetic.is_(True)).limit(1)).first() is not None


def _counts(engine: Engine) -> dict[str, int]:
    e = t.entries.c
    with engine.connect() as c:
        query = select(e.source_id, func.count()).where(e.current.is_(True)).group_by(e.source_id)
        return {source: int(count) for source, count in c.execute(query)}


def sources_list(engine: Engine) -> list[dict[str, Any]]:
    counts = _counts(engine)
    with engine.connect() as c:
        rows = c.execute(select(t.sources).order_by(t.sources.c.id)).mappings().all()
    return [{**{k: r[k] for k in SOURCE_FIELDS}, "entries": counts.get(r["id"], 0)} for r in rows]


def source_choices(engine: Engine) -> list[dict[str, Any]]:
    """The sources' ids and titles for the search form: no count of entries, which would read every entry."""
    with engine.connect() as c:
        rows = c.execute(select(t.sources.c.id, t.sources.c.title).order_by(t.sources.c.title)).all()
    return [{"id": r.id, "title": r.title} for r in rows]


def source_info(engine: Engine, source_id: str) -> dict[str, Any] | None:
    e = t.entries.c
    with engine.connect() as c:
        row = c.execute(select(t.sources).where(t.sources.c.id == source_id)).mappings().first()
        if row is None:
            return None
        count = c.execute(select(func.count()).where(e.source_id == source_id, e.current.is_(True))).scalar()
    return {**{k: row[k] for k in SOURCE_FIELDS}, "entries": int(count or 0)}


def _query(source_id: str) -> Any:
    e, pe = t.entries.c, t.person_entries.c
    return (
        select(t.entries, pe.person_id)
        .join(t.person_entries, (pe.source_id == e.source_id) & (pe.entry_id == e.entry_id))
        .where(e.source_id == source_id, e.current.is_(True))
        .order_by(e.position, e.entry_id)
    )


def _row(r: Any) -> dict[str, Any]:
    return {"source": r["source_id"], **{k: r[k] for k in ENTRY_COLUMNS[1:] if k != "source"}}


def source_entries(engine: Engine, source_id: str, page: int, size: int) -> list[dict[str, Any]]:
    """One page (from 1) of a source's current entries, in the order of the source."""
    with engine.connect() as c:
        rows = c.execute(_query(source_id).limit(size).offset((page - 1) * size)).mappings().all()
    return [_row(r) for r in rows]


def all_source_entries(engine: Engine, source_id: str) -> Iterator[dict[str, Any]]:
    """Every current entry of a source, streamed for a download however large the source."""
    with engine.connect() as c:
        for r in c.execution_options(yield_per=1000).execute(_query(source_id)).mappings():
            yield _row(r)


EDITABLE = ("title", "editor", "year", "region", "kind", "citation", "reliability")  # never `synthetic`: a fact


def edit_source(engine: Engine, source_id: str, changes: dict[str, Any], actor: str) -> dict[str, Any] | None:
    """Correct a source's description; the audit log keeps what it was. None if there is no such source."""
    changes = {key: value for key, value in changes.items() if key in EDITABLE}
    with engine.begin() as c:
        row = c.execute(select(t.sources).where(t.sources.c.id == source_id)).mappings().first()
        if row is None:
            return None
        before = {key: row[key] for key in changes if row[key] != changes[key]}
        if before:
            c.execute(update(t.sources).where(t.sources.c.id == source_id).values(**{k: changes[k] for k in before}))
            detail = {"before": before, "after": {key: changes[key] for key in before}}
            at = dt.datetime.now(dt.UTC)
            c.execute(
                insert(t.audit_log).values(
                    at=at, actor=actor, action="source.edit", target=f"source:{source_id}", detail=detail
                )
            )
    return source_info(engine, source_id)
