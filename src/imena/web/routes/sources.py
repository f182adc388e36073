"""Source pages and `/api/sources`: a book's description, its entries page by page, and all of them to download."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from imena.registry.users import User
from imena.web import security
from imena.web.books import (
    EDITABLE,
    ENTRY_COLUMNS,
    all_source_entries,
    edit_source,
    registry_synthetic,
    source_entries,
    source_info,
)
from imena.web.books import sources_list as list_sources
from imena.web.rendering import download, engine_of, forget, render

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


class SourceEdit(BaseModel):
    """The parts of a source's description an editor may correct; `synthetic` is not among them."""

    title: str | None = Field(default=None, min_length=1)
    editor: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    region: str | None = None
    kind: str | None = Field(default=None, max_length=40)
    citation: str | None = None
    reliability: float | None = Field(default=None, ge=0, le=1)


@router.patch("/api/sources/{source_id}", tags=["sources"])
def edit_source_api(
    request: Request, source_id: str, edit: SourceEdit, user: Annotated[User, Depends(security.editor)]
) -> dict[str, Any]:
    """Correct a source's description (editors; send the session's X-CSRF-Token). The audit log keeps the old."""
    changed = edit_source(engine_of(request), source_id, edit.model_dump(exclude_unset=True), f"user:{user.name}")
    forget(request)
    if changed is None:
        raise HTTPException(status_code=404, detail="no such source")
    return changed


@router.post("/source/{source_id}", include_in_schema=False)
def edit_source_form(
    request: Request,
    source_id: str,
    user: Annotated[User, Depends(security.editor)],
    title: Annotated[str, Form(min_length=1)],
    citation: Annotated[str, Form()] = "",
    kind: Annotated[str, Form(max_length=40)] = "",
    editor: Annotated[str, Form()] = "",
    year: Annotated[str, Form(pattern=r"^(\d{4})?$")] = "",
) -> RedirectResponse:
    """The source page's form: an empty field clears the value."""
    fields = {"title": title, "citation": citation, "kind": kind, "editor": editor, "year": int(year) if year else None}
    changes = {key: value if value != "" else None for key, value in fields.items() if key in EDITABLE}
    if edit_source(engine_of(request), source_id, changes, f"user:{user.name}") is None:
        raise HTTPException(status_code=404, detail="no such source")
    forget(request)
    return RedirectResponse(f"/source/{source_id}", status_code=303)
