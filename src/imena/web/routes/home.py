"""The home page and `/api/stats`: what the registry holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from imena.registry.stats import registry_stats
from imena.web import rendering
from imena.web.books import registry_synthetic
from imena.web.rendering import cached, render

router = APIRouter()


def _stats(request: Request) -> dict[str, Any]:
    """The registry's counts, read at most once a minute (STATS_SECONDS): they read every entry."""
    counts = cached(request, registry_stats, rendering.STATS_SECONDS)
    return {**counts, "synthetic": cached(request, registry_synthetic)}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> HTMLResponse:
    return render(request, "home.html", {"stats": _stats(request)})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/api/stats", tags=["registry"])
def stats(request: Request) -> dict[str, Any]:
    """Counts of sources, entries, persons, synthetic entries; entries by source, penalty and operation.
    `synthetic` is true when the registry holds any synthetic source."""
    return _stats(request)
