"""What every page and download shares: the templates with the language, the user, the CSRF token and the
synthetic banner in their context, and result lists written as CSV or JSON.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import orjson
from fastapi import Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from imena.web import security
from imena.web.books import registry_synthetic
from imena.web.i18n import LANGUAGES, language, reason, translator

PACKAGE = Path(str(resources.files("imena.web")))
CACHE_SECONDS = 10.0  # how long a page may show the registry's sources and its synthetic mark as they were
STATS_SECONDS = 60.0  # the home page's counts read every entry: seconds on a registry of millions
T = TypeVar("T")


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    templates.env.filters["n"] = lambda v: "" if v is None else f"{v:,}".replace(",", "\u202f")
    return templates


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def cached(request: Request, make: Callable[[Engine], T], seconds: float | None = None) -> T:
    """What `make` reads from the registry, kept for `seconds` (CACHE_SECONDS) on the app: work every page
    would repeat that does not depend on the visitor's question (whether the registry holds synthetic data, the
    list of sources, the home page's counts). An edit in this process forgets it at once (`forget`); an import
    elsewhere shows within seconds."""
    store: dict[Callable[[Engine], Any], tuple[float, Any]] = request.app.state.cache
    now = time.monotonic()
    kept = store.get(make)
    if kept is None or now - kept[0] >= (CACHE_SECONDS if seconds is None else seconds):
        kept = store[make] = (now, make(engine_of(request)))
    value: T = kept[1]
    return value


def forget(request: Request) -> None:
    """The registry's sources changed: the next page reads them again."""
    request.app.state.cache.clear()


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page in the visitor's language; a language chosen by ?lang= is remembered in a cookie."""
    lang = language(request)
    t = translator(lang)
    switch = {code: "?" + request.url.include_query_params(lang=code).query for code in LANGUAGES}
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        template,
        {
            "t": t,
            "lang": lang,
            "languages": LANGUAGES,
            "switch": switch,
            "reasons": lambda whys: "; ".join(reason(why, t) for why in whys),
            "registry_synthetic": cached(request, registry_synthetic),
            "user": security.current_user(request),
            "csrf": lambda: security.csrf_token(request),  # made only where a form needs it: visitors get no cookie
            **context,
        },
        status_code=status_code,
    )
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def download(rows: Iterable[dict[str, Any]], columns: Sequence[str], format: str, name: str) -> Response:
    """A result list as a CSV file or as JSON Lines, streamed; each row keeps its `synthetic` mark."""
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{format}"'}
    if format == "csv":
        return StreamingResponse(_csv(rows, columns), media_type="text/csv; charset=utf-8", headers=disposition)
    lines = (orjson.dumps(row).decode() + "\n" for row in rows)
    return StreamingResponse(lines, media_type="application/x-ndjson", headers=disposition)


def json_response(document: Any) -> Response:
    """JSON as orjson writes it (dates as ISO strings, Cyrillic unescaped)."""
    return Response(orjson.dumps(document), media_type="application/json")
