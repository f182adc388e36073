"""The estimates page and `/api/estimates`: multiple systems estimation over the registry's linked persons, by
region or period, with each stratum's interval, the refused strata with their reasons, and the method's
assumptions. Endpoints are plain `def`: FastAPI runs them in its threadpool, so a latent-class run of a few
seconds holds one worker thread, not the server.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from imena.estimate import Method
from imena.estimate.persons import Strata
from imena.reconcile.attribution import Operation
from imena.web import charts
from imena.web.analyses import cached_estimates
from imena.web.estimate_words import explanation, refusal, warnings
from imena.web.i18n import language, translator
from imena.web.rendering import download, json_response, render

router = APIRouter()

COLUMNS = ("stratum", "observed", "estimate", "lower", "upper", "method", "lists", "warnings", "refused", "synthetic")

By = Annotated[Strata, Query(description="Strata: the person's 1937 region, the operation's period, or one stratum")]
Chosen = Annotated[Method, Query(description="Log-linear models (fast) or the latent-class model (seconds)")]
Only = Annotated[
    str, Query(description="Only the persons attributed to this operation: 00447, national, other, unknown; empty: all")
]


def _operation(value: str) -> Operation | None:
    """The operation chosen, or None for all; a form's empty choice means all, not an error."""
    if not value:
        return None
    try:
        return Operation(value)
    except ValueError:
        raise HTTPException(status_code=422, detail=f"no such operation: {value}") from None


def _rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every stratum and the total as flat rows, each with the document's synthetic mark (the models and the
    diagnostics stay in the JSON)."""
    rows = [*document["strata"], *([document["total"]] if document["total"] else [])]
    flat = ({**row, "refused": row.get("refused"), "synthetic": document["synthetic"]} for row in rows)
    return [{key: row[key] for key in COLUMNS} for row in flat]


@router.get("/api/estimates", tags=["estimates"])
def estimates_api(
    request: Request,
    by: By = Strata.REGION,
    method: Chosen = Method.LCMCR,
    operation: Only = "",
    format: Literal["json", "csv"] = "json",
) -> Response:
    """People no list names, per stratum and in total, with the 95% interval and the method's assumptions
    (`imena estimate`'s JSON). Latent-class results are computed once per state of the registry, then cached."""
    document, version = cached_estimates(request.app.state, by, method, _operation(operation))
    if format == "csv":
        return download(_rows(document), COLUMNS, "csv", f"estimates-{by.value}-{method.value}")
    return json_response({**document, "registry_version": list(version)})


@router.get("/estimates", response_class=HTMLResponse, include_in_schema=False)
def estimates_page(
    request: Request, by: By = Strata.REGION, method: Chosen = Method.LCMCR, operation: Only = ""
) -> HTMLResponse:
    chosen = _operation(operation)
    document, _ = cached_estimates(request.app.state, by, method, chosen)
    lang = language(request)
    t = translator(lang)
    chart = charts.interval_bars(document["strata"], t("est.chart"), t) if document["strata"] else None
    rows = [row for row in (*document["strata"], document["total"]) if row is not None]
    reasons = [refusal(row, lang) for row in rows]
    cautions = [warnings(row, lang) for row in rows]
    query = f"by={by.value}&method={method.value}" + (f"&operation={chosen.value}" if chosen else "")
    return render(
        request,
        "estimates.html",
        {"est": document, "chart": chart, "query": query, "by": by.value, "method": method.value,
         "reasons": reasons, "cautions": cautions, "explanation": explanation(document, lang),
         "operation": chosen.value if chosen else "", "strata": [s.value for s in Strata],
         "methods": [m.value for m in Method], "operations": [o.value for o in Operation]},
    )  # fmt: skip
