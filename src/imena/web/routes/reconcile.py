"""The reconciliation page and `/api/reconcile`: the registry's persons of Order 00447 by 1937 region and by month
against the limits in force and the NKVD's reports (`imena reconcile`), a gap in the ledger shown as a gap.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from imena.reconcile.coverage import CSV_COLUMNS, flat_row
from imena.web import charts
from imena.web.analyses import cached_reconciliation
from imena.web.i18n import language, translator
from imena.web.rendering import download, json_response, render

router = APIRouter()

By = Annotated[Literal["region", "month"], Query(description="Rows by 1937 region or by month of sentence")]


@router.get("/api/reconcile", tags=["estimates"])
def reconcile_api(request: Request, by: By = "region", format: Literal["json", "csv"] = "json") -> Response:
    """Documented persons by region or month and category, the limits in force (unknown as null, with
    `limits_at_least`), the NKVD's latest reports, and coverage ratios (`imena reconcile`'s JSON or CSV)."""
    report = cached_reconciliation(request.app.state, by)
    if format == "csv":
        rows = (flat_row(row, report.synthetic) for row in report.rows)
        return download(rows, CSV_COLUMNS, "csv", f"reconcile-{by}")
    return json_response(report.as_dict())


@router.get("/reconcile", response_class=HTMLResponse, include_in_schema=False)
def reconcile_page(request: Request) -> HTMLResponse:
    t = translator(language(request))
    sections: dict[str, Any] = {}
    for by in ("region", "month"):
        document = cached_reconciliation(request.app.state, by).as_dict()
        title = t(f"rec.chart_{by}")
        sections[by] = {"doc": document, "chart": charts.coverage_bars(document["rows"], title, t)}
    return render(request, "reconcile.html", {"sections": sections})
