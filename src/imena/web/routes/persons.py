"""The person page and `/api/persons/{id}`: every entry with its source and text, conflicts, timeline, places."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from imena.web.people import person_document
from imena.web.rendering import engine_of, render

router = APIRouter()


@router.get("/person/{person_id}", response_class=HTMLResponse, include_in_schema=False)
def person_page(request: Request, person_id: int) -> HTMLResponse:
    person = person_document(engine_of(request), person_id)
    if person is None:
        return render(request, "error.html", {"message_key": "person.not_found"}, status_code=404)
    return render(request, "person.html", {"person": person})


@router.get("/api/persons/{person_id}", tags=["persons"])
def person_api(request: Request, person_id: int) -> dict[str, Any]:
    """The person's entries (verbatim text, record, source), the facts they disagree on, the timeline of
    dated events and the places named. `synthetic` marks an invented person."""
    person = person_document(engine_of(request), person_id)
    if person is None:
        raise HTTPException(status_code=404, detail="no such person")
    return person
