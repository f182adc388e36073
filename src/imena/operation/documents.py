"""The ledger's answers as plain JSON-ready documents: the stable format of the CLI and the web API.

The shapes are documented in docs/operation.md; add keys, never rename or remove them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from imena.operation.gaps import Completeness, DecisionGap, RepublicGap
from imena.operation.ledger import Ledger
from imena.operation.model import Categories, LimitChange
from imena.operation.plan import LimitInForce, TimelineRow, national_decision, national_in_force


def unit_document(row: LimitInForce) -> dict[str, Any]:
    return {
        "unit": row.unit,
        "unit_en": row.unit_en,
        "level": row.level,
        "parent": row.parent,
        **row.categories.as_dict(),
        "source": "; ".join(row.sources),
        "complete": row.categories.total.complete and row.categories.first.complete,
        "at_least": row.categories.lower_bounds(),
        "increases": [change_document(c) for c in row.increases],
    }


def limits_document(ledger: Ledger, rows: list[LimitInForce], as_of: dt.date) -> dict[str, Any]:
    totals = national_in_force(ledger, as_of)
    return {
        "as_of": as_of.isoformat(),
        "units": [unit_document(row) for row in rows],
        "totals": totals.as_dict(),
        "totals_at_least": totals.lower_bounds(),
    }


def change_document(change: LimitChange) -> dict[str, Any]:
    return {
        "date": change.date.isoformat(),
        "decision": change.decision,
        "unit": change.unit,
        "unit_en": change.unit_en,
        "kind": change.kind.value,
        **change.categories.as_dict(),
        "source": change.source,
        "note": change.note,
    }


def changes_document(ledger: Ledger) -> list[dict[str, Any]]:
    documents = []
    for change in ledger.changes:
        national = national_decision(ledger, change)
        part_of = {"date": national.date.isoformat(), "decision": national.decision} if national else None
        documents.append({**change_document(change), "part_of": part_of})
    return documents


def timeline_document(rows: list[TimelineRow]) -> list[dict[str, Any]]:
    return [
        {
            "date": row.date.isoformat(),
            "scope": row.scope,
            "measure": row.measure,
            "value": row.value,
            "kind": row.kind,
            "source": row.source,
            "note": row.note,
            "lower_bound": row.lower_bound,
            "derived": row.derived,
        }
        for row in rows
    ]


def _share(part: Categories, whole: Categories) -> dict[str, float | None]:
    shares: dict[str, float | None] = {}
    for key, done, of in zip(part.as_dict(), part.as_dict().values(), whole.as_dict().values(), strict=True):
        shares[key] = round(done / of, 4) if done is not None and of else None
    return shares


def republic_document(gap: RepublicGap) -> dict[str, Any]:
    return {
        "unit": gap.republic,
        "unit_en": gap.republic_en,
        "total": gap.total.as_dict(),
        "explained": gap.explained.as_dict(),
        "unexplained": gap.unexplained.as_dict(),
        "share_explained": _share(gap.explained, gap.total),
        "known_units": list(gap.known_units),
        "units_in_groups": [{"unit": unit, "group": group} for unit, group in gap.group_units],
        "missing_units": list(gap.missing_units),
        "complete": gap.complete,
    }


def decision_document(gap: DecisionGap) -> dict[str, Any]:
    return {
        **change_document(gap.decision),
        "known_parts": gap.known_parts.as_dict(),
        "unallocated": gap.unallocated.as_dict(),
        "parts": [change_document(part) for part in gap.parts],
    }


def gaps_document(report: Completeness) -> dict[str, Any]:
    return {
        "table_units": report.table_units,
        "table_units_known": report.table_units_known,
        "republics": [republic_document(gap) for gap in report.republics],
        "national_decisions": [decision_document(gap) for gap in report.decisions],
        "changes_without_category_split": [change_document(c) for c in report.unsplit_changes],
    }
