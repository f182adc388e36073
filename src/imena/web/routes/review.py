"""The review queue on the web: doubtful pairs with both entries and the explanation, for editors to decide.
Reading the queue needs an editor's account; a decision needs it and the session's CSRF token too."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from imena.link.clusters import Verdict
from imena.registry import schema as t
from imena.registry.linking import current_persons
from imena.registry.review import Explainer, decide, pair_view, review_queue
from imena.registry.users import User
from imena.web import security
from imena.web.analyses import AnalysisCache, last_ids, registry_version
from imena.web.rendering import engine_of, render

router = APIRouter()


def _queue(request: Request, limit: int) -> list[dict[str, Any]]:
    """The first doubtful pairs, each with both entries and the explanation (the model's, from the registry).
    The queue and the explainer read every link and every entry: both are kept for as long as what they
    read is unchanged (the queue until the next link run or decision, the explainer until the next import or
    model), so that an editor deciding pair after pair does not wait for them each time."""
    engine = engine_of(request)
    analyses: AnalysisCache = request.app.state.analyses
    doubts = analyses.get(("review",), registry_version(engine), lambda: review_queue(engine))[:limit]
    if not doubts:
        return []
    explainers: AnalysisCache = request.app.state.explainers
    # an explainer depends on the entries (the last import) and the model (the last one trained)
    explainer = explainers.get("explainer", last_ids(engine, t.imports, t.link_models), lambda: Explainer(engine))
    return [pair_view(engine, d.pair, explainer) | d.as_dict() for d in doubts]


@router.get("/api/review", tags=["review"])
def review_api(request: Request, limit: int = 10) -> dict[str, Any]:
    """The doubtful pairs, most doubtful first, with both entries and each comparison's weight (editors)."""
    security.require(request, "editor")
    return {"pairs": _queue(request, max(1, min(limit, 100)))}


class Verdict_(BaseModel):
    pair: list[str] = Field(min_length=2, max_length=2)
    verdict: str = Field(pattern="^(same|different|unsure)$")


def _apply(request: Request, a: str, b: str, verdict: str, user: User) -> dict[str, Any]:
    engine = engine_of(request)
    try:
        decision, summary = decide(engine, a, b, Verdict(verdict), f"user:{user.name}")
    except (LookupError, ValueError) as problem:
        raise HTTPException(status_code=422, detail=str(problem)) from None
    with engine.connect() as connection:
        persons = current_persons(connection)
    return {"decision": decision, "persons": {a: persons.get(a), b: persons.get(b)}, "run": summary.as_dict()}


@router.post("/api/review", tags=["review"])
def decide_api(request: Request, body: Verdict_, user: Annotated[User, Depends(security.editor)]) -> dict[str, Any]:
    """Decide a pair: same, different or unsure (editors; send X-CSRF-Token). It applies at once."""
    return _apply(request, body.pair[0], body.pair[1], body.verdict, user)


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(request: Request) -> HTMLResponse:
    security.require(request, "editor")
    return render(request, "review.html", {"pairs": _queue(request, 10)})


@router.post("/review", include_in_schema=False)
def review_form(
    request: Request,
    a: Annotated[str, Form()],
    b: Annotated[str, Form()],
    verdict: Annotated[str, Form(pattern="^(same|different|unsure)$")],
    user: Annotated[User, Depends(security.editor)],
) -> RedirectResponse:
    _apply(request, a, b, verdict, user)
    return RedirectResponse("/review", status_code=303)
