"""A person field by field: every value their entries state, with its sources, where they disagree, and the
value preferred with the reason. Shared by `imena person` and the web's person page.

The preferred value of a field (see docs/link.md, "The person view"):
1. values that may be the same are one reading: equal text (case, spacing and ё aside), or dates of which one
   is a prefix of the other ("1937" and "1937-10-19"); the reading shows its most precise value;
2. the date of death of an executed person is the execution date: a death date that agrees with it is
   preferred, and a later one is taken for the false date of a certificate (given from 1955 to hide the
   shootings) rather than the truth;
3. otherwise the reading stated by the most sources wins; then the one from the most trusted source (its
   `reliability`, else its kind: a memorial database over a memorial book over a list or other records);
   then the most precise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from imena.registry import schema as t
from imena.registry.records import full_record

# field name -> (record object, inner key); "name" and "region" are the entries' own columns
FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("name", "name", None),
    ("birth.date", "birth", "date"),
    ("birth.place", "birth", "place"),
    ("arrest.date", "arrest", "date"),
    ("sentence.date", "sentence", "date"),
    ("sentence.body", "sentence", "body"),
    ("sentence.penalty", "sentence", "penalty"),
    ("execution.date", "execution", "date"),
    ("execution.place", "execution", "place"),
    ("death.date", "death", "date"),
    ("rehabilitation.date", "rehabilitation", "date"),
    ("rehabilitation.by", "rehabilitation", "by"),
    ("region", "region", None),
)
KIND_RANK = {"database": 0, "memorial_book": 1}  # every other kind (lists, acts, camp records) ranks after


@dataclass
class Reading:
    """Values of one field that may be the same fact, with the entries and sources that state them."""

    values: dict[str, list[str]] = field(default_factory=dict)  # each value -> the entries that state it
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def best(self) -> str:
        return max(self.values, key=lambda v: (len(v), v))

    def rank(self) -> tuple[float, int]:
        """The most trusted source of the reading: higher reliability, then kind, first."""
        return min((-(s["reliability"] or 0.0), KIND_RANK.get(s["kind"] or "", 2)) for s in self.sources)


def person_entries(engine: Engine, person_id: int) -> list[dict[str, Any]]:
    """The person's current entries with their source (title, citation, kind, reliability) and record."""
    e, s, pe = t.entries.c, t.sources.c, t.person_entries.c
    query = (
        select(t.entries, s.title.label("source_title"), s.citation.label("source_citation"),
               s.kind.label("source_kind"), s.reliability.label("source_reliability"))
        .join(t.person_entries, (pe.source_id == e.source_id) & (pe.entry_id == e.entry_id))
        .join(t.sources, s.id == e.source_id)
        .where(pe.person_id == person_id, e.current.is_(True))
        .order_by(e.source_id, e.entry_id)
    )  # fmt: skip
    with engine.connect() as c:
        rows = c.execute(query).mappings().all()
    return [
        {
            "source": r["source_id"], "source_title": r["source_title"], "source_citation": r["source_citation"],
            "source_kind": r["source_kind"], "source_reliability": r["source_reliability"],
            "entry_id": r["entry_id"], "version": r["version"], "page": r["page"], "synthetic": r["synthetic"],
            "name": " ".join(p for p in (r["surname"], r["given"], r["patronymic"]) if p),
            "region": r["region"], "text": r["text"], "record": full_record(r["record"], r["text"]),
        }
        for r in rows
    ]  # fmt: skip


def _value(entry: dict[str, Any], outer: str, inner: str | None) -> str | None:
    if inner is None:
        value = entry.get(outer)
    else:
        part = entry["record"].get(outer)
        value = part.get(inner) if isinstance(part, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _same(a: str, b: str, dated: bool) -> bool:
    if dated:
        return a.startswith(b) or b.startswith(a)
    return _fold(a) == _fold(b)


def _fold(value: str) -> str:
    return " ".join(value.casefold().replace("ё", "е").split())


def readings(entries: Sequence[dict[str, Any]], outer: str, inner: str | None) -> list[Reading]:
    """The field's values grouped into readings, the most precise values placed first."""
    dated = inner == "date"
    stated = [(v, e) for e in entries if (v := _value(e, outer, inner))]
    found: list[Reading] = []
    for value, entry in sorted(stated, key=lambda item: (-len(item[0]), item[0])):
        reading = next((r for r in found if _same(r.best, value, dated)), None)
        if reading is None:
            reading = Reading()
            found.append(reading)
        reading.values.setdefault(value, []).append(f"{entry['source']}/{entry['entry_id']}")
        source = {"id": entry["source"], "kind": entry["source_kind"], "reliability": entry["source_reliability"]}
        if source not in reading.sources:
            reading.sources.append(source)
    return found


def prefer(name: str, found: list[Reading], execution: str | None) -> tuple[str | None, str]:
    """The preferred value of a field and the reason, by the rules of the module's docstring."""
    if not found:
        return None, ""
    if name == "death.date" and execution:
        agreeing = [r for r in found if _same(r.best, execution, True)]
        if agreeing:
            return agreeing[0].best, "agrees with the execution date; other death dates are likely false certificates'"
        return execution, "the execution date: the death dates stated are likely false certificates'"
    if len(found) == 1:
        reading = found[0]
        why = "the only value" if len(reading.values) == 1 else "the most precise of agreeing values"
        return reading.best, why
    ordered = sorted(found, key=lambda r: (-len(r.sources), r.rank(), -len(r.best), r.best))
    first, second = ordered[0], ordered[1]
    if len(first.sources) > len(second.sources):
        return first.best, f"stated by {len(first.sources)} sources against {len(second.sources)}"
    if first.rank() < second.rank():
        top = min(first.sources, key=lambda s: (-(s["reliability"] or 0.0), KIND_RANK.get(s["kind"] or "", 2)))
        return first.best, f"from the more trusted source ({top['id']}, {top['kind'] or 'kind unknown'})"
    return first.best, "the most precise where the sources are alike"


def person_fields(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each field the entries state: every value with its entries, whether they conflict, the preferred value
    and why."""
    result = []
    execution = None
    for name, outer, inner in FIELDS:
        found = readings(entries, outer, inner)
        if not found:
            continue
        preferred, reason = prefer(name, found, execution)
        if name == "execution.date":
            execution = preferred
        values = [{"value": v, "entries": keys, "sources": sorted({k.partition("/")[0] for k in keys})}
                  for r in found for v, keys in r.values.items()]  # fmt: skip
        result.append(
            {"field": name, "preferred": preferred, "reason": reason, "conflict": len(found) > 1, "values": values}
        )
    return result


def person_view(engine: Engine, person_id: int) -> dict[str, Any] | None:
    """The person field by field with their entries, or None if the registry has no such person."""
    with engine.connect() as c:
        person = c.execute(select(t.persons).where(t.persons.c.id == person_id)).first()
    if person is None:
        return None
    entries = person_entries(engine, person_id)
    fields = person_fields(entries)
    name = next((f["preferred"] for f in fields if f["field"] == "name"), "")
    brief = [
        {"key": f"{e['source']}/{e['entry_id']}", "source": e["source"], "source_title": e["source_title"],
         "source_kind": e["source_kind"], "text": e["text"], "synthetic": bool(e["synthetic"])}
        for e in entries
    ]  # fmt: skip
    return {
        "person_id": person_id,
        "name": name,
        "merged_into": person.merged_into,
        "synthetic": bool(person.synthetic) or any(e["synthetic"] for e in entries),
        "fields": fields,
        "entries": brief,
    }
