"""A person as the registry knows them: every entry with its source and text, each field with its values and
the one preferred (`imena.registry.persons`, which `imena person` shows too), where the sources disagree, a
timeline of dated events and the places named. Shared by the person page and `/api/persons/{id}`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, select

from imena.registry import schema as t
from imena.registry.persons import person_entries, person_fields

EVENTS = ("birth", "arrest", "sentence", "execution", "death", "rehabilitation")
PLACES = (("birth", "place"), ("residence", None), ("sentence", "body"), ("execution", "place"), ("burial", "place"))


def _compatible(a: str, b: str) -> bool:
    """Whether two dates may be the same day: "1937" and "1937-11-20" may, "1937-11-20" and "1937-12-01" not."""
    return a.startswith(b) or b.startswith(a)


def conflicts(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dated facts on which the person's entries disagree, each value with the entries that state it."""
    found = []
    for event in EVENTS:
        stated: dict[str, list[str]] = defaultdict(list)
        for entry in entries:
            date = (entry["record"].get(event) or {}).get("date")
            if date:
                stated[date].append(f"{entry['source']}:{entry['entry_id']}")
        dates = sorted(stated)
        if any(not _compatible(a, b) for i, a in enumerate(dates) for b in dates[i + 1 :]):
            found.append({"field": f"{event}.date", "values": [{"value": d, "entries": stated[d]} for d in dates]})
    return found


def _detail(event: str, value: dict[str, Any]) -> str | None:
    if event == "sentence":
        parts = [value.get("body"), value.get("charge"), value.get("text")]
        return "; ".join(p for p in parts if p) or None
    if event == "rehabilitation":
        return value.get("by")
    return value.get("place") or value.get("text")


def timeline(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every dated event from birth to rehabilitation, in order, the same event on the same date told once
    with all the entries that state it."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        for event in EVENTS:
            value = entry["record"].get(event) or {}
            date = value.get("date")
            if not date:
                continue
            item = merged.setdefault((date, event), {"date": date, "event": event, "details": [], "entries": []})
            detail = _detail(event, value)
            if detail and detail not in item["details"]:
                item["details"].append(detail)
            item["entries"].append(f"{entry['source']}:{entry['entry_id']}")
    order = {event: i for i, event in enumerate(EVENTS)}
    return sorted(merged.values(), key=lambda i: (i["date"][:4], order[i["event"]], i["date"]))


def places(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The places the entries name (birth, residence, sentencing body, execution, burial), each with its entries."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        for key, inner in PLACES:
            value = entry["record"].get(key)
            place = (value or {}).get(inner) if inner else value
            if isinstance(place, str) and place.strip():
                found[(key, place.strip())].append(f"{entry['source']}:{entry['entry_id']}")
    return [{"kind": kind, "place": place, "entries": ids} for (kind, place), ids in found.items()]


def person_document(engine: Engine, person_id: int) -> dict[str, Any] | None:
    """The person's entries, conflicts, timeline and places, or None if the registry has no such person."""
    with engine.connect() as c:
        person = c.execute(select(t.persons).where(t.persons.c.id == person_id)).first()
    if person is None:
        return None
    entries = person_entries(engine, person_id)
    names = sorted({e["name"] for e in entries if e["name"]})
    return {
        "person_id": person_id,
        "name": names[0] if names else "",
        "names": names,
        "synthetic": bool(person.synthetic) or any(e["synthetic"] for e in entries),
        "merged_into": person.merged_into,  # set when linkage moved all this person's entries to another
        "fields": person_fields(entries),
        "entries": entries,
        "conflicts": conflicts(entries),
        "timeline": timeline(entries),
        "places": places(entries),
    }
