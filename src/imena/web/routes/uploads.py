"""Adding a source from the browser: an editor uploads a book's file (memorial-book text, JSON Lines in the
record schema, or CSV with a mapping), and it is imported as `imena import` imports it: in one transaction,
idempotent, with a quarantine, and audited under the editor's name. A file for a source already stored is a
new import of it (unchanged entries stay as they are, changed ones become new versions).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from imena.registry.importer import ImportSummary, SourceInfo, import_file
from imena.registry.inputs import MappingError, guess_format, load_mapping
from imena.registry.users import User
from imena.web import security
from imena.web.i18n import language
from imena.web.quarantine_words import reason
from imena.web.rendering import engine_of, forget, render

router = APIRouter()
FORMATS = ("auto", "text", "jsonl", "csv")
SOURCE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"

Id = Annotated[str, Form(pattern=SOURCE_ID, description="The source's id: letters, digits, '.', '_', '-'")]
Title = Annotated[str, Form(max_length=500, description="The title, for a new source")]
Text = Annotated[str, Form(max_length=2000)]
Year = Annotated[str, Form(pattern=r"^(\d{4})?$", description="A year, or empty")]
Format = Annotated[str, Form(pattern="^(auto|text|jsonl|csv)$", description="auto: by the file's name")]
Mapping = Annotated[UploadFile | None, File(description="CSV: a JSON mapping of record fields to columns")]


@dataclass
class Upload:
    """A source's file and description, as the form and the API send them (multipart)."""

    file: Annotated[UploadFile, File(description="The book's entries: text, JSON Lines or CSV")]
    source: Id
    title: Title = ""
    citation: Text = ""
    kind: Text = ""
    editor: Text = ""
    year: Year = ""
    format: Format = "auto"
    mapping: Mapping = None

    def info(self) -> SourceInfo:
        """The source's description; an empty field says nothing."""
        year = int(self.year) if self.year else None
        return SourceInfo(
            self.source, title=self.title or None, editor=self.editor or None, year=year, kind=self.kind or None,
            citation=self.citation or None,
        )  # fmt: skip


def _import(request: Request, user: User, upload: Upload) -> ImportSummary:
    """The uploaded file imported from a temporary copy; a file that cannot be read is the editor's error (422),
    with nothing of it stored."""
    name = _saved_name(upload.file)
    chosen = guess_format(Path(name)) if upload.format == "auto" else upload.format
    with tempfile.TemporaryDirectory(prefix="imena-upload-") as folder:
        path = _save(upload.file, Path(folder) / "book" / name)
        try:
            mapping = upload.mapping if upload.mapping and upload.mapping.filename else None  # a form's empty field
            columns = load_mapping(_save(mapping, Path(folder) / _saved_name(mapping))) if mapping else None
            # workers=0: a web server's process must not fork while its other threads may hold locks
            summary = import_file(
                engine_of(request), path, upload.info(), format=chosen, mapping=columns, actor=f"user:{user.name}",
                workers=0,
            )  # fmt: skip
        except (MappingError, UnicodeDecodeError) as problem:
            said = str(problem).replace(f"{folder}/", "")  # the names the editor knows, not the temporary copies'
            raise HTTPException(status_code=422, detail=f"{name}: nothing was imported: {said}") from None
    forget(request)
    summary.path = Path(name)
    return summary


def _saved_name(upload: UploadFile) -> str:
    return Path(upload.filename or "upload").name


def _save(upload: UploadFile, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        shutil.copyfileobj(upload.file, out)
    return path


def _summary(summary: ImportSummary) -> dict[str, Any]:
    counts = {key: getattr(summary, key) for key in ("added", "versioned", "unchanged", "quarantined")}
    reasons = [{"line": line, "reason": why} for line, why in summary.reasons]
    return {"source": summary.source, "file": str(summary.path), **counts, "quarantine": reasons}


@router.get("/sources/new", response_class=HTMLResponse, include_in_schema=False)
def new_source_page(request: Request) -> HTMLResponse:
    security.require(request, "editor")
    return render(request, "source_new.html", {"formats": FORMATS, "summary": None})


@router.post("/sources/new", response_class=HTMLResponse, include_in_schema=False)
def new_source_form(
    request: Request, user: Annotated[User, Depends(security.editor)], upload: Annotated[Upload, Depends()]
) -> HTMLResponse:
    """The form's upload: the page again, with what the import did."""
    summary = _summary(_import(request, user, upload))
    lang = language(request)
    for item in summary["quarantine"]:
        item["reason"] = reason(item["reason"], lang)
    return render(request, "source_new.html", {"formats": FORMATS, "summary": summary})


@router.post("/api/sources", tags=["sources"], status_code=201)
def new_source_api(
    request: Request, user: Annotated[User, Depends(security.editor)], upload: Annotated[Upload, Depends()]
) -> dict[str, Any]:
    """Import a file into a source, new or stored (editors; multipart form, with the X-CSRF-Token header).
    The answer counts the entries added, changed, unchanged and quarantined, with the quarantine's reasons."""
    summary = _import(request, user, upload)
    return _summary(summary)
