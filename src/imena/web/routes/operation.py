"""The operation page and `/api/operation/...`: the ledger's limits, changes, timeline and gaps, the same JSON
documents `imena operation ... --format json` writes, drawn on the page as server-side SVG charts.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from imena.operation import OPERATION_END, ORDER_DATE, Ledger, completeness, timeline, units_in_force
from imena.operation.documents import changes_document, gaps_document, limits_document, timeline_document
from imena.web import charts
from imena.web.i18n import language, translator
from imena.web.rendering import render

router = APIRouter()
_SHOWN = ("union_republic", "region", "region_group", "camps", None)  # republic totals would count twice


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def operation_document(ledger: Ledger) -> dict[str, Any]:
    """All the page shows: limits at the order and at the end, changes, the timeline, figures and gaps."""
    rows = timeline_document(timeline(ledger))
    return {
        "synthetic": False,  # the ledger holds only documented figures, each with its source
        "limits_order": limits_document(ledger, units_in_force(ledger, ORDER_DATE), ORDER_DATE),
        "limits_end": limits_document(ledger, units_in_force(ledger, OPERATION_END), OPERATION_END),
        "changes": changes_document(ledger),
        "timeline": rows,
        "figures": [r for r in rows if r["kind"] != "plan"],
        "gaps": gaps_document(completeness(ledger)),
    }


def _shown(limits: dict[str, Any]) -> list[dict[str, Any]]:
    return [u for u in limits["units"] if u["level"] in _SHOWN]


def _document(request: Request) -> dict[str, Any]:
    """The document is computed once per application: the ledger does not change while it runs."""
    state = request.app.state
    if getattr(state, "operation", None) is None:
        state.operation = operation_document(_ledger(request))
    document: dict[str, Any] = state.operation
    return document


@router.get("/operation", response_class=HTMLResponse, include_in_schema=False)
def operation_page(request: Request) -> HTMLResponse:
    document = _document(request)
    t = translator(language(request))
    svgs = {
        "limits": charts.limit_bars(_shown(document["limits_order"]), t("op.limits"), t),
        "limits_end": charts.limit_bars(_shown(document["limits_end"]), t("op.limits_end"), t, "limits_end"),
        "timeline": charts.plan_timeline(document["timeline"], t("op.timeline"), t),
        "gaps": charts.gap_bars(document["gaps"]["republics"], t("op.gaps"), t),
    }
    return render(request, "operation.html", {"op": document, "charts": svgs})


@router.get("/api/operation", tags=["operation"])
def operation_api(request: Request) -> dict[str, Any]:
    """Everything the operation page shows, in the documented shapes of docs/operation.md."""
    return _document(request)


@router.get("/api/operation/limits", tags=["operation"])
def limits_api(
    request: Request, date: Annotated[dt.date | None, Query(description="The day (default 1937-07-30)")] = None
) -> dict[str, Any]:
    """The limits in force on a day, every unit with its source, and the national totals (unknown as null)."""
    ledger = _ledger(request)
    as_of = date or ORDER_DATE
    return limits_document(ledger, units_in_force(ledger, as_of), as_of)


@router.get("/api/operation/changes", tags=["operation"])
def changes_api(request: Request) -> list[dict[str, Any]]:
    """Every dated change of the limits: approved increases and regions' requests."""
    return changes_document(_ledger(request))


@router.get("/api/operation/timeline", tags=["operation"])
def timeline_api(request: Request) -> list[dict[str, Any]]:
    """The national plan over time beside the NKVD's reported figures and historians' estimates."""
    return _document(request)["timeline"]  # type: ignore[no-any-return]


@router.get("/api/operation/gaps", tags=["operation"])
def gaps_api(request: Request) -> dict[str, Any]:
    """What the ledger does not know: missing rows of the order's table and unpublished splits."""
    return _document(request)["gaps"]  # type: ignore[no-any-return]
