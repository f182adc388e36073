"""The search page (plain form, with htmx for live results) and `/api/search`, with CSV and JSON downloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from imena.registry.records import PENALTIES
from imena.registry.search import Filters, Hit, search
from imena.web.books import registry_synthetic, source_choices
from imena.web.rendering import cached, download, engine_of, render

router = APIRouter()
HIT_COLUMNS = ("person_id", "name", "birth", "score", "why", "entry_ids", "synthetic")


@dataclass
class SearchForm:
    """The search's query and filters, read the same way by the page and the API."""

    q: Annotated[str, Query(max_length=200, description="A name in any order and script")] = ""
    # a plain form sends an empty field as "": years are read as text, empty meaning no bound
    born_from: Annotated[str, Query(pattern=r"^(\d{4})?$", description="A year, or empty")] = ""
    born_to: Annotated[str, Query(pattern=r"^(\d{4})?$", description="A year, or empty")] = ""
    region: Annotated[str, Query(max_length=200, description="The 1937 region, by any of its names")] = ""
    penalty: Annotated[str, Query(description="death, camp, prison, exile, ...")] = ""
    source: Annotated[str, Query(max_length=100, description="Only this source's entries")] = ""
    limit: Annotated[int, Query(ge=1, le=200)] = 20

    def filters(self, request: Request) -> Filters:
        """The registry's filters; an unknown region is the visitor's error (422), not an empty result."""
        born = None
        if self.born_from or self.born_to:
            born = (int(self.born_from or 1000), int(self.born_to or 3000))
        unit = None
        if self.region.strip():
            found = request.app.state.ledger.gazetteer.find(self.region.strip())
            if found is None:
                raise HTTPException(status_code=422, detail=f"no region called {self.region!r}")
            unit = found.name
        if self.penalty and self.penalty not in PENALTIES:
            raise HTTPException(status_code=422, detail=f"penalty {self.penalty!r} is not one of {sorted(PENALTIES)}")
        return Filters(born, unit, self.penalty or None, self.source or None)


def _hits(request: Request, form: SearchForm) -> list[Hit]:
    if not form.q.strip():
        return []
    return search(engine_of(request), form.q, form.filters(request), form.limit)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, form: Annotated[SearchForm, Depends()]) -> HTMLResponse:
    error = None
    try:
        hits = _hits(request, form)
    except HTTPException as problem:
        hits, error = [], str(problem.detail)
    partial = request.headers.get("hx-request") == "true"
    context = {
        "form": form, "hits": hits, "error": error, "penalties": sorted(PENALTIES),
        "sources": [] if partial else cached(request, source_choices), "query_string": request.url.query,
    }  # fmt: skip
    return render(request, "_results.html" if partial else "search.html", context)


@router.get("/api/search", tags=["search"], response_model=None)
def search_api(
    request: Request,
    form: Annotated[SearchForm, Depends()],
    format: Annotated[Literal["json", "csv", "jsonl"], Query(description="json, or a csv/jsonl download")] = "json",
) -> dict[str, Any] | Response:
    """Persons whose entries match the name, best first, each with its reasons (`why`) and `synthetic` mark."""
    results = [hit.as_dict() for hit in _hits(request, form)]
    if format != "json":
        return download(results, HIT_COLUMNS, format, "imena-search")
    return {
        "query": form.q,
        "synthetic": any(r["synthetic"] for r in results),
        "registry_synthetic": cached(request, registry_synthetic),
        "results": results,
    }
