"""A summary of what a registry holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from imena.registry import schema as t


def registry_stats(engine: Engine) -> dict[str, Any]:
    entries = t.entries.c
    current = entries.current.is_(True)
    with engine.connect() as c:

        def count(table: Any, *where: Any) -> int:
            return int(c.execute(select(func.count()).select_from(table).where(*where)).scalar() or 0)

        totals = {
            "sources": count(t.sources),
            "entries": count(t.entries, current),
            "entry versions": count(t.entries),
            "persons": count(t.persons),
            "synthetic entries": count(t.entries, current, entries.synthetic),
            "quarantined": count(t.quarantine),
            "imports": count(t.imports),
            "decisions": count(t.decisions),
        }
        grouped = select(entries.source_id, func.count()).where(current).group_by(entries.source_id)
        per_source: dict[str, int] = {row[0]: row[1] for row in c.execute(grouped)}
        sources = [
            {"id": s.id, "title": s.title, "synthetic": s.synthetic, "entries": per_source.get(s.id, 0)}
            for s in c.execute(select(t.sources).order_by(t.sources.c.id))
        ]
        by: dict[str, dict[Any, int]] = {
            name: {row[0]: row[1] for row in c.execute(select(column, func.count()).where(current).group_by(column))}
            for name, column in (("penalty", entries.penalty), ("operation", entries.operation))
        }
    return {"totals": totals, "sources": sources, "by_penalty": by["penalty"], "by_operation": by["operation"]}
