"""Linkage in the registry: the current entries read as a linkage table, models and scored pairs stored, and
a run that links (everything, or only what is new) and writes the persons back.

The engine (`imena.link`) knows nothing of the registry; this module is the edge between them. Entry keys are
"source/id", person ids the registry's own (as text while the engine clusters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from imena.link.clusters import cluster
from imena.link.engine import Model, duckdb_engine, train
from imena.link.frame import SCHEMA, entry_row
from imena.link.linkage import Linkage, Thresholds, link, link_new, review_list
from imena.registry import schema as t
from imena.registry.assign import changes, new_person_ids, write_changes
from imena.registry.decisions import active_decisions

Progress = Callable[[str], None]  # told the step the run is at, for a progress display
LINK_COLUMNS = ("unique_id_l", "unique_id_r", "match_weight", "match_probability")
BATCH = 5000


@dataclass(frozen=True)
class LinkSummary:
    """What a run did, as `imena link` prints it."""

    run: int
    kind: str  # full, incremental, decision
    model: int
    trained: bool
    entries: int
    new_entries: int
    pairs: int  # scored pairs stored (probability 0.01 and above)
    persons_before: int
    persons_after: int
    merged: int
    split: int
    moved: int  # entries that changed person
    doubtful: int  # pairs in the review band nobody has decided
    conflicts: int  # "different" decisions that "same" decisions overrule

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def current_entries(connection: Connection) -> tuple[pa.Table, dict[str, bool], dict[str, int]]:
    """The linkage table of the current entries, whether each is synthetic, and the import it came in with."""
    e = t.entries.c
    query = select(e.source_id, e.entry_id, e.record, e.synthetic, e.import_id).where(e.current.is_(True))
    rows, synthetic, imported = [], {}, {}
    for source, entry, record, made_up, import_id in connection.execute(query.order_by(e.source_id, e.entry_id)):
        row = entry_row({**record, "id": entry, "source": source})
        rows.append(row)
        synthetic[row["unique_id"]] = bool(made_up)
        imported[row["unique_id"]] = int(import_id)
    return pa.Table.from_pylist(rows, schema=SCHEMA), synthetic, imported


def current_persons(connection: Connection) -> dict[str, int]:
    """Each entry's person (entry key → person id), as person_entries holds it."""
    pe = t.person_entries.c
    return {f"{s}/{e}": int(p) for s, e, p in connection.execute(select(pe.source_id, pe.entry_id, pe.person_id))}


def save_model(connection: Connection, model: Model, entries: int) -> int:
    values = {"settings": model.to_json(), "entries": entries, "created_at": now()}
    return int(connection.execute(insert(t.link_models).values(**values)).inserted_primary_key[0])  # type: ignore[index]


def latest_model(connection: Connection) -> tuple[int, Model] | None:
    """The newest stored model, which later runs, explanations and incremental linkage reuse."""
    row = connection.execute(select(t.link_models.c.id, t.link_models.c.settings).order_by(t.link_models.c.id.desc()))
    found = row.first()
    return (int(found.id), Model.from_json(found.settings)) if found else None


def last_run(connection: Connection) -> Any:
    return connection.execute(select(t.link_runs).order_by(t.link_runs.c.id.desc())).first()


def stored_links(connection: Connection) -> pa.Table:
    """The stored scored pairs as the engine reads them."""
    c = t.links.c
    rows = connection.execute(select(c.entry_l, c.entry_r, c.match_weight, c.match_probability)).all()
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [(), (), (), ()]
    types = (pa.string(), pa.string(), pa.float64(), pa.float64())
    return pa.table({n: pa.array(list(v), k) for n, v, k in zip(LINK_COLUMNS, columns, types, strict=True)})


def _write_links(connection: Connection, links: pa.Table, model: int, run: int) -> None:
    rows = [
        {"entry_l": min(a, b), "entry_r": max(a, b), "match_weight": w, "match_probability": p,
         "model_id": model, "run_id": run}
        for a, b, w, p in zip(*(links.column(n).to_pylist() for n in LINK_COLUMNS), strict=True)
    ]  # fmt: skip
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(t.links), rows[start : start + BATCH])


def _drop_links_of(connection: Connection, keys: Iterable[str]) -> None:
    keys = sorted(keys)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        connection.execute(delete(t.links).where(t.links.c.entry_l.in_(chunk) | t.links.c.entry_r.in_(chunk)))


def _new_run(connection: Connection, kind: str, model: int, threshold: float, actor: str, through: int | None) -> int:
    values = {"model_id": model, "kind": kind, "threshold": threshold, "actor": actor, "at": now()}
    result = connection.execute(insert(t.link_runs).values(**values, through_import=through))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def write_persons(
    connection: Connection,
    clusters: Mapping[str, str],
    before: Mapping[str, int],
    synthetic: Mapping[str, bool],
    *,
    actor: str,
    run: int,
) -> tuple[int, int, int]:
    """The clustering (entry key → label) written as persons; (merges, splits, entries moved)."""
    when = now()
    after = new_person_ids(connection, clusters, synthetic, when)
    found = changes(before, after)
    write_changes(connection, found, actor=actor, run=run, now=when)
    return len(found.merges), len(found.splits), len(found.moved)


def _engine_for(kind: str) -> Any:
    if kind == "spark":
        from imena.link.engine import local_spark, spark_engine

        return spark_engine(local_spark(), num_partitions=2)
    return duckdb_engine()


def run_link(
    registry: Engine,
    *,
    engine: str = "duckdb",
    threshold: float | None = None,
    full: bool = False,
    retrain: bool = False,
    actor: str = "imena link",
    progress: Progress | None = None,
    seed: int = 42,
) -> LinkSummary:
    """Link the registry's current entries into persons and write them back. With a stored model and links,
    only entries imported since the last run are scored (unless `full`); a model is trained when there is
    none or `retrain` is asked. Decisions override the model; person ids stay."""
    tell = progress or (lambda _: None)
    tell("reading the entries")
    with registry.connect() as connection:
        entries, synthetic, imported = current_entries(connection)
        before = current_persons(connection)
        stored = None if retrain else latest_model(connection)
        previous_run = last_run(connection)
        decisions = active_decisions(connection)
        links = stored_links(connection) if previous_run is not None else None
    chosen = threshold if threshold is not None else (previous_run.threshold if previous_run else Thresholds().match)
    thresholds = Thresholds(match=chosen)
    through = max(imported.values(), default=None)
    incremental = not full and stored is not None and previous_run is not None and links is not None
    new = {k for k, i in imported.items() if incremental and i > (previous_run.through_import or 0)}
    backend = _engine_for(engine)
    model_id, model = stored if stored else (None, None)
    if model is None:
        tell(f"training a model on {entries.num_rows:,} entries")
        model = train(entries, backend, seed=seed)
    previous = {k: str(p) for k, p in before.items()}
    if incremental:
        assert links is not None and model is not None
        tell(f"scoring the pairs of {len(new):,} new entries")
        linked = link_new(entries, new, links, model, engine=backend, decisions=decisions, previous=previous,
                          thresholds=thresholds)  # fmt: skip
    else:
        tell(f"scoring the pairs of {entries.num_rows:,} entries")
        linked = link(entries, engine=backend, model=model, decisions=decisions, previous=previous,
                      thresholds=thresholds)  # fmt: skip
    tell("writing the persons")
    with registry.begin() as connection:
        if model_id is None:
            model_id = save_model(connection, linked.model, entries.num_rows)
        kind = "incremental" if incremental else "full"
        run = _new_run(connection, kind, model_id, chosen, actor, through)
        if incremental:
            _drop_links_of(connection, new)
            _write_links(connection, _links_of(linked, new), model_id, run)
        else:
            connection.execute(delete(t.links))
            _write_links(connection, linked.links, model_id, run)
        merged, split, moved = write_persons(connection, linked.persons, before, synthetic, actor=actor, run=run)
        summary = _summary(linked, run, kind, model_id, stored is None, entries.num_rows, len(new), before)
        summary = LinkSummary(**{**summary.as_dict(), "merged": merged, "split": split, "moved": moved})
        _finish_run(connection, run, summary, actor)
    return summary


def _links_of(linked: Linkage, keys: set[str]) -> pa.Table:
    wanted = pa.array(sorted(keys), pa.string())
    return linked.links.filter(pc.or_(pc.is_in(linked.links["unique_id_l"], wanted),
                                      pc.is_in(linked.links["unique_id_r"], wanted)))  # fmt: skip


def _summary(
    linked: Linkage, run: int, kind: str, model: int, trained: bool, entries: int, new: int, before: Mapping[str, int]
) -> LinkSummary:
    return LinkSummary(
        run=run, kind=kind, model=model, trained=trained, entries=entries, new_entries=new,
        pairs=linked.links.num_rows, persons_before=len(set(before.values())),
        persons_after=len(set(linked.persons.values())), merged=0, split=0, moved=0,
        doubtful=len(linked.review), conflicts=len(linked.conflicts),
    )  # fmt: skip


def _finish_run(connection: Connection, run: int, summary: LinkSummary, actor: str) -> None:
    connection.execute(update(t.link_runs).where(t.link_runs.c.id == run).values(summary=summary.as_dict()))
    detail = summary.as_dict()
    values = {"at": now(), "actor": actor, "action": f"link.{summary.kind}", "target": f"run {run}"}
    connection.execute(insert(t.audit_log).values(**values, detail=detail))


def recluster(connection: Connection, *, actor: str) -> LinkSummary:
    """Persons again from the stored links and the decisions in force, without scoring anything: what a
    decision or its withdrawal does at once (in the caller's transaction)."""
    previous_run = last_run(connection)
    if previous_run is None:
        raise LookupError("nothing is linked yet: run `imena link` first")
    e = t.entries.c
    query = select(e.source_id, e.entry_id, e.synthetic).where(e.current.is_(True)).order_by(e.source_id, e.entry_id)
    synthetic = {f"{s}/{i}": bool(made_up) for s, i, made_up in connection.execute(query)}
    keys = list(synthetic)
    before = current_persons(connection)
    links = stored_links(connection)
    decisions = active_decisions(connection)
    thresholds = Thresholds(match=previous_run.threshold)
    clustering = cluster(keys, links, threshold=thresholds.match, decisions=decisions,
                         previous={k: str(p) for k, p in before.items()})  # fmt: skip
    run = _new_run(connection, "decision", previous_run.model_id, thresholds.match, actor,
                   previous_run.through_import)  # fmt: skip
    merged, split, moved = write_persons(connection, clustering.persons, before, synthetic, actor=actor, run=run)
    review = review_list(links, clustering.persons, decisions, thresholds)
    summary = LinkSummary(
        run=run, kind="decision", model=previous_run.model_id, trained=False, entries=len(keys), new_entries=0,
        pairs=links.num_rows, persons_before=len(set(before.values())),
        persons_after=len(set(clustering.persons.values())), merged=merged, split=split, moved=moved,
        doubtful=len(review), conflicts=len(clustering.conflicts),
    )  # fmt: skip
    _finish_run(connection, run, summary, actor)
    return summary


def person_count(connection: Connection) -> int:
    return int(connection.execute(select(func.count(func.distinct(t.person_entries.c.person_id)))).scalar_one())
