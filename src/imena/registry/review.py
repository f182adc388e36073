"""The review queue: doubtful pairs with both entries and the model's explanation, and the decisions people
make on them, applied at once by clustering the stored links again (nothing is scored again).

Shared by `imena review`, `imena explain` and the web's `/api/review`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, Engine, select

from imena.link.clusters import Pair, Verdict, pair_of
from imena.link.engine import Model, duckdb_engine
from imena.link.explain import Explanation, explain
from imena.link.linkage import Thresholds, review_list
from imena.registry import schema as t
from imena.registry.assign import split_key
from imena.registry.decisions import active_decisions, record_decision, withdraw_decision
from imena.registry.linking import (
    LinkSummary,
    current_entries,
    current_persons,
    last_run,
    latest_model,
    recluster,
    stored_links,
)


def entry_key(text: str) -> str:
    """An entry key as people write it: "source/id", or "source:id" as search shows it."""
    if "/" not in text and ":" in text:
        return text.replace(":", "/", 1)
    return text


class Explainer:
    """Explanations from the saved model against all current entries (read once: common and rare names are
    told apart by their frequency among them). It may be kept and shared by threads while no entry is
    imported and no model trained: one explanation at a time, as its DuckDB connection serves one thread."""

    def __init__(self, registry: Engine) -> None:
        with registry.connect() as connection:
            stored = latest_model(connection)
            if stored is None:
                raise LookupError("no linkage model is stored yet: run `imena link` first")
            self.model: Model = stored[1]
            self.entries: pa.Table = current_entries(connection)[0]
        self.engine = duckdb_engine()
        self._one_at_a_time = threading.Lock()

    def __call__(self, a: str, b: str) -> Explanation:
        with self._one_at_a_time:
            return explain((entry_key(a), entry_key(b)), self.entries, self.model, self.engine)


def entry_card(connection: Connection, key: str) -> dict[str, Any]:
    """One entry as a reviewer sees it: source, name, birth, places, dates and the text as printed."""
    source, entry = split_key(key)
    e, s = t.entries.c, t.sources.c
    row = connection.execute(
        select(t.entries, s.title.label("source_title"), s.kind.label("source_kind"))
        .join(t.sources, s.id == e.source_id)
        .where(e.source_id == source, e.entry_id == entry, e.current.is_(True))
    ).first()
    if row is None:
        raise LookupError(f"no such entry: {key}")
    record = row.record or {}

    def part(event: str, inner: str) -> Any:
        value = record.get(event)
        return value.get(inner) if isinstance(value, dict) else None

    person = connection.execute(
        select(t.person_entries.c.person_id).where(
            t.person_entries.c.source_id == source, t.person_entries.c.entry_id == entry
        )
    ).scalar()
    return {
        "key": key, "source": source, "source_title": row.source_title, "source_kind": row.source_kind,
        "entry_id": entry, "person_id": person, "synthetic": bool(row.synthetic),
        "name": " ".join(p for p in (row.surname, row.given, row.patronymic) if p),
        "birth": part("birth", "date"), "birthplace": part("birth", "place"), "residence": record.get("residence"),
        "arrest": part("arrest", "date"), "sentence": part("sentence", "date"), "body": part("sentence", "body"),
        "penalty": part("sentence", "penalty"), "execution": part("execution", "date"),
        "death": part("death", "date"), "text": row.text,
    }  # fmt: skip


@dataclass(frozen=True)
class Doubt:
    """A pair in the review band, with what the clustering made of it."""

    pair: Pair
    match_probability: float
    match_weight: float
    same_person: bool

    def as_dict(self) -> dict[str, Any]:
        return {"pair": list(self.pair), "match_probability": self.match_probability,
                "match_weight": self.match_weight, "same_person": self.same_person}  # fmt: skip


def review_queue(registry: Engine, limit: int | None = None) -> list[Doubt]:
    """The doubtful pairs nobody has decided, most doubtful first (the band of the last run's threshold)."""
    with registry.connect() as connection:
        run = last_run(connection)
        if run is None:
            return []
        persons = {k: str(p) for k, p in current_persons(connection).items()}
        found = review_list(stored_links(connection), persons, active_decisions(connection),
                            Thresholds(match=run.threshold))  # fmt: skip
    doubts = [Doubt(r.pair, r.match_probability, r.match_weight, r.same_person) for r in found]
    return doubts[:limit] if limit is not None else doubts


def decide(registry: Engine, a: str, b: str, verdict: Verdict | str, author: str) -> tuple[int, LinkSummary]:
    """Record a decision and apply it at once; (decision id, what the re-clustering did)."""
    a, b = entry_key(a), entry_key(b)
    with registry.begin() as connection:
        for key in (a, b):
            entry_card(connection, key)  # a decision on an entry that does not exist is refused
        decision = record_decision(connection, a, b, verdict, author)
        return decision, recluster(connection, actor=author)


def withdraw(registry: Engine, decision: int, author: str, reason: str = "") -> tuple[int, LinkSummary]:
    """Withdraw a decision and apply it at once: the pair is as the model sees it again."""
    with registry.begin() as connection:
        new = withdraw_decision(connection, decision, author, reason)
        return new, recluster(connection, actor=author)


def pair_view(registry: Engine, pair: Pair, explainer: Explainer | None = None) -> dict[str, Any]:
    """Both entries of a pair and, given an explainer, the model's explanation: one item of the queue."""
    a, b = pair_of(*pair)
    with registry.connect() as connection:
        cards = [entry_card(connection, a), entry_card(connection, b)]
    found: dict[str, Any] = {"pair": [a, b], "entries": cards}
    if explainer is not None:
        found["explanation"] = explainer(a, b).as_dict()
    return found
