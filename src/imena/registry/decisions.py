"""People's decisions on pairs of entries ("same", "different", "unsure"), kept for ever: a new decision on a
pair withdraws the one before it, a withdrawal is itself a decision, and nothing is deleted.

A pair decision's subject is the sorted pair "source/id | source/id"; its detail holds the pair as a list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from imena.link.clusters import Decision, Pair, Verdict, pair_of
from imena.registry import schema as t

VERDICTS = tuple(v.value for v in Verdict)
WITHDRAWAL = "withdrawal"


@dataclass(frozen=True)
class StoredDecision:
    id: int
    pair: Pair
    verdict: Verdict
    author: str
    created_at: dt.datetime
    withdrawn_by: int | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "pair": list(self.pair), "verdict": self.verdict.value, "author": self.author,
                "created_at": self.created_at.isoformat(), "withdrawn_by": self.withdrawn_by}  # fmt: skip


def subject_of(pair: Pair) -> str:
    return f"{pair[0]} | {pair[1]}"


def _stored(row: Any) -> StoredDecision:
    a, b = row.detail["pair"]
    return StoredDecision(row.id, pair_of(a, b), Verdict(row.kind), row.author, row.created_at, row.withdrawn_by)


def pair_decisions(connection: Connection, *, in_force: bool = True) -> list[StoredDecision]:
    """The pair decisions, oldest first; only those not withdrawn unless `in_force` is False."""
    d = t.decisions.c
    query = select(t.decisions).where(d.kind.in_(VERDICTS)).order_by(d.id)
    if in_force:
        query = query.where(d.withdrawn_by.is_(None))
    return [_stored(row) for row in connection.execute(query)]


def active_decisions(connection: Connection) -> list[Decision]:
    """The decisions in force, as the engine takes them (the latest one per pair)."""
    latest = {d.pair: d.verdict for d in pair_decisions(connection)}
    return [Decision(pair, verdict) for pair, verdict in sorted(latest.items())]


def _audit(connection: Connection, now: dt.datetime, author: str, action: str, target: str, detail: Any) -> None:
    connection.execute(insert(t.audit_log).values(at=now, actor=author, action=action, target=target, detail=detail))


def record_decision(connection: Connection, a: str, b: str, verdict: Verdict | str, author: str) -> int:
    """Store a decision on the pair; one already in force on it is withdrawn by the new one."""
    pair, verdict = pair_of(a, b), Verdict(verdict)
    if pair[0] == pair[1]:
        raise ValueError("a pair needs two different entries")
    now = dt.datetime.now(dt.UTC)
    values = {"kind": verdict.value, "subject": subject_of(pair), "detail": {"pair": list(pair)},
              "author": author, "created_at": now}  # fmt: skip
    new = int(connection.execute(insert(t.decisions).values(**values)).inserted_primary_key[0])  # type: ignore[index]
    d = t.decisions.c
    connection.execute(
        update(t.decisions)
        .where(d.subject == subject_of(pair), d.kind.in_(VERDICTS), d.withdrawn_by.is_(None), d.id != new)
        .values(withdrawn_by=new)
    )
    _audit(connection, now, author, "decision", subject_of(pair), {"decision": new, "verdict": verdict.value})
    return new


def withdraw_decision(connection: Connection, decision: int, author: str, reason: str = "") -> int:
    """Withdraw a decision in force by a new decision that says so; the model's view of the pair returns."""
    d = t.decisions.c
    row = connection.execute(select(t.decisions).where(d.id == decision)).first()
    if row is None or row.kind not in VERDICTS:
        raise LookupError(f"no pair decision {decision}")
    if row.withdrawn_by is not None:
        raise LookupError(f"decision {decision} was already withdrawn by decision {row.withdrawn_by}")
    now = dt.datetime.now(dt.UTC)
    values = {"kind": WITHDRAWAL, "subject": f"decision {decision}", "author": author, "created_at": now,
              "detail": {"withdraws": decision, "pair": row.detail["pair"], "reason": reason}}  # fmt: skip
    new = int(connection.execute(insert(t.decisions).values(**values)).inserted_primary_key[0])  # type: ignore[index]
    connection.execute(update(t.decisions).where(d.id == decision).values(withdrawn_by=new))
    _audit(connection, now, author, "decision.withdraw", row.subject, {"decision": new, "withdraws": decision})
    return new
