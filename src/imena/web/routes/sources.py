"""Source pages and `/api/sources`: a book's description, its entries page by page, and all of them to download."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from imena.web.books import ENTRY_COLUMNS, all_source_entries, registry_synthetic, source_entries, source_info
from imena.web.books import sources_list as list_sources
from imena.web.rendering import download, engine_of, render

router = APIRouter()
PAGE = 50
Page = Annotated[int, Query(ge=1, description="The page, from 1")]


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request) -> HTMLResponse:
    return render(request, "sources.html", {"sources": list_sources(engine_of(request))})


@router.get("/source/{source_id}", response_class=HTMLResponse, include_in_schema=False)
def source_page(request: Request, source_id: str, page: Page = 1) -> HTMLResponse:
    engine = engine_of(request)
    source = source_info(engine, source_id)
    if source is None:
        return render(request, "error.html", {"message_key": "source.not_found"}, status_code=404)
    entries = source_entries(engine, source_id, page, PAGE)
    pages = max(1, -(-source["entries"] // PAGE))
    return render(request, "source.html", {"source": source, "entries": entries, "page": page, "pages": pages})


@router.get("/api/sources", tags=["sources"])
def sources_api(request: Request) -> dict[str, Any]:
    """Every source with its description, its count of current entries and its `synthetic` mark."""
    engine = engine_of(request)
    sources = list_sources(engine)
    return {"synthetic": any(s["synthetic"] for s in sources), "registry_synthetic": registry_synthetic(engine),
            "results": sources}  # fmt: skip


@router.get("/api/sources/{source_id}", tags=["sources"])
def source_api(request: Request, source_id: str) -> dict[str, Any]:
    """One source: title, editor, year, region, kind, citation, reliability, entries, synthetic."""
    source = source_info(engine_of(request), source_id)
    if source is None:
        raise HTTPException(status_code=404, detail="no such source")
    return source


@router.get("/api/sources/{source_id}/entries", tags=["sources"], response_model=None)
def source_entries_api(
    request: Request,
    source_id: str,
    page: Page = 1,
    size: Annotated[int, Query(ge=1, le=1000)] = PAGE,
    format: Annotated[Literal["json", "csv", "jsonl"], Query(description="json: one page; csv, jsonl: all")] = "json",
) -> dict[str, Any] | Response:
    """The source's current entries in its order: one page as JSON, or all of them as a CSV or JSON Lines file."""
    engine = engine_of(request)
    source = source_info(engine, source_id)
    if source is None:
        raise HTTPException(status_code=404, detail="no such source")
    if format != "json":
        return download(all_source_entries(engine, source_id), ENTRY_COLUMNS, format, f"imena-{source_id}")
    entries = source_entries(engine, source_id, page, size)
    return {"source": source_id, "synthetic": bool(source["synthetic"]), "page": page, "size": size,
            "total": source["entries"], "results": entries}  # fmt: skip
