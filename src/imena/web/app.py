"""The application factory: one FastAPI app per registry, its engine, ledger and templates on `app.state`."""

from __future__ import annotations

import os
import secrets

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from imena import __version__
from imena.operation import Ledger, load_ledger
from imena.registry.database import open_registry
from imena.web.analyses import WEB_SAMPLER, AnalysisCache
from imena.web.collector import QuietCollector
from imena.web.rendering import PACKAGE, make_templates, render
from imena.web.routes import (
    accounts,
    apidocs,
    estimates,
    home,
    operation,
    persons,
    reconcile,
    review,
    search,
    sources,
    uploads,
)

DESCRIPTION = (
    "The registry of memorial-book entries of victims of the NKVD's Order No. 00447 (1937-38) and the "
    "operation's ledger. Every list answer says `synthetic` (some item is invented) and `registry_synthetic` "
    "(the registry holds invented data); every item carries its own `synthetic` mark."
)


def create_app(
    registry: Engine | str | None = None, *, secret: str | None = None, ledger: Ledger | None = None
) -> FastAPI:
    """The web application on a registry (an engine, a URL or a path; else $IMENA_DB, else imena.db).

    `secret` signs the session cookies; without it $IMENA_SECRET, else a random one (sessions end on restart).
    """
    engine = registry if isinstance(registry, Engine) else open_registry(registry)
    app = FastAPI(title="imena", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.engine = engine
    app.state.ledger = ledger or load_ledger()
    app.state.templates = make_templates()
    app.state.operation = None
    app.state.analyses = AnalysisCache()  # estimates, reconciliations, the review queue, until the registry changes
    app.state.explainers = AnalysisCache()  # the review's explainer, until an import or a new model
    app.state.sampler = WEB_SAMPLER
    app.state.cache = {}  # rendering.cached: per-process, a few seconds
    key = secret or os.environ.get("IMENA_SECRET") or secrets.token_urlsafe(32)
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie="imena_session", same_site="lax")
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    for module in (home, search, persons, sources, uploads, operation, reconcile, estimates, accounts, review, apidocs):
        app.include_router(module.router)

    @app.exception_handler(HTTPException)
    async def errors(request: Request, error: HTTPException) -> Response:
        """JSON for the API, a page in the visitor's language for everything else."""
        if request.url.path.startswith("/api/") or request.method != "GET":
            return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
        return render(request, "error.html", {"message": str(error.detail)}, status_code=error.status_code)

    return app


def served_app(registry: Engine | str | None = None) -> FastAPI:
    """The application as `imena serve` runs it: with the collector kept out of the requests' way (see
    `collector`), which a process that runs tests or other work beside the app should not have."""
    app = create_app(registry)
    app.add_middleware(QuietCollector)
    return app
