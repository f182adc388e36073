"""`imena link`, `imena explain`, `imena review`, `imena person`: linkage of the registry's entries into
persons, why two entries are (not) one person, the doubtful pairs for people to decide, and a person's view."""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from imena.cli.output import Format, console, errors, write_json, write_table
from imena.cli.registry import database
from imena.registry.database import open_registry
from imena.registry.linking import run_link
from imena.registry.persons import person_view
from imena.registry.review import Explainer, decide, pair_view, review_queue, withdraw

Ask = Callable[[str], str]  # shows a prompt, returns the answer: typer.prompt, or a list's answers in tests
ANSWERS = {"s": "same", "d": "different", "u": "unsure", "k": "skip", "q": "quit"}
CARD = (("source", "source"), ("name", "name"), ("birth", "born"), ("birthplace", "birthplace"),
        ("residence", "residence"), ("arrest", "arrested"), ("sentence", "sentenced"), ("body", "by"),
        ("penalty", "penalty"), ("execution", "executed"), ("death", "died"), ("person_id", "person"),
        ("text", "text"))  # fmt: skip


class LinkEngine(StrEnum):
    DUCKDB = "duckdb"
    SPARK = "spark"


def link_command(
    ctx: typer.Context,
    engine: Annotated[LinkEngine, typer.Option("--engine", help="DuckDB on this machine, or Spark.")] = (
        LinkEngine.DUCKDB
    ),
    threshold: Annotated[
        float | None,
        typer.Option(min=0.5, max=1.0, help="Match probability from which two entries are one person (0.9)."),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Score every pair again, not only a new source's.")] = False,
    retrain: Annotated[bool, typer.Option("--retrain", help="Train a new model instead of the saved one.")] = False,
) -> None:
    """Link the registry's entries into persons; decisions override the model, person ids stay."""
    registry = open_registry(database(ctx))
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=errors) as progress:
        task = progress.add_task("Linking", total=None)
        summary = run_link(
            registry, engine=engine.value, threshold=threshold, full=full, retrain=retrain,
            progress=lambda step: progress.update(task, description=f"Linking: {step}"),
        )  # fmt: skip
    rows = [
        ["entries", f"{summary.entries:,}"], ["of them new", f"{summary.new_entries:,}"],
        ["pairs scored and kept", f"{summary.pairs:,}"], ["persons before", f"{summary.persons_before:,}"],
        ["persons after", f"{summary.persons_after:,}"], ["merges", f"{summary.merged:,}"],
        ["splits", f"{summary.split:,}"], ["entries moved", f"{summary.moved:,}"],
        ["doubtful pairs to review", f"{summary.doubtful:,}"], ["conflicting decisions", f"{summary.conflicts:,}"],
    ]  # fmt: skip
    how = "trained a new model" if summary.trained else f"model {summary.model}"
    write_table(f"Linkage run {summary.run} ({summary.kind}, {how})", ["", "count"], rows)


def explain_command(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="An entry as source/id, e.g. syn-memo-db/syn-memo-db-000017.")],
    second: Annotated[str, typer.Argument(help="The other entry.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Table or JSON.")] = Format.TABLE,
) -> None:
    """Why two entries are, or are not, one person: each comparison's weight under the saved model."""
    try:
        found = Explainer(open_registry(database(ctx)))(first, second).as_dict()
    except (LookupError, KeyError) as error:
        errors.print(f"[bold red]Cannot explain:[/] {error}")
        raise typer.Exit(2) from None
    if format is Format.JSON:
        write_json(found)
        return
    _explanation_table(found)


def _explanation_table(found: dict[str, Any]) -> None:
    rows = [[f["comparison"], f["level"], f["left"], f["right"], f"{f['weight']:+.2f}"] for f in found["factors"]]
    caption = f"match weight {found['match_weight']:+.2f}, probability {found['match_probability']:.3f}"
    write_table(" ↔ ".join(found["pair"]), ["comparison", "level", "left", "right", "weight"], rows, caption)


def _show_pair(item: dict[str, Any]) -> None:
    left, right = item["entries"]
    rows = [[label, str(left.get(key) or ""), str(right.get(key) or "")] for key, label in CARD]
    write_table("Are these one person?", ["", left["key"], right["key"]], rows)
    if "explanation" in item:
        _explanation_table(item["explanation"])


def review_session(
    registry: Any, *, author: str, limit: int, ask: Ask, show: Callable[[dict[str, Any]], None] = _show_pair
) -> dict[str, int]:
    """Put the doubtful pairs to a person one by one; each answer is stored and applied at once. Returns how
    many pairs got each answer."""
    counts = {answer: 0 for answer in ANSWERS.values()}
    queue = review_queue(registry)
    if not queue:
        return counts
    explainer = Explainer(registry)
    for doubt in queue[:limit]:
        show(pair_view(registry, doubt.pair, explainer))
        answer = ""
        while answer not in ANSWERS:
            answer = ask("[s]ame / [d]ifferent / [u]nsure / s[k]ip / [q]uit").strip().lower()[:1]
        verdict = ANSWERS[answer]
        counts[verdict] += 1
        if verdict == "quit":
            break
        if verdict != "skip":
            decision, summary = decide(registry, *doubt.pair, verdict, author)
            console.print(f"decision {decision}: {verdict}; {summary.merged} merged, {summary.split} split")
    return counts


def review_command(
    ctx: typer.Context,
    author: Annotated[str | None, typer.Option(help="Who decides (default: $USER).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many pairs at most.")] = 20,
    withdraw_id: Annotated[
        int | None, typer.Option("--withdraw", metavar="ID", help="Withdraw decision ID instead.")
    ] = None,
    reason: Annotated[str, typer.Option(help="Why a decision is withdrawn.")] = "",
    list_only: Annotated[bool, typer.Option("--list", help="List the queue as JSON, ask nothing.")] = False,
) -> None:
    """Decide the doubtful pairs: same, different or unsure; decisions apply at once and override the model."""
    registry = open_registry(database(ctx))
    who = author or os.environ.get("USER") or "unknown"
    if withdraw_id is not None:
        try:
            new, summary = withdraw(registry, withdraw_id, who, reason)
        except LookupError as error:
            errors.print(f"[bold red]Nothing withdrawn:[/] {error}")
            raise typer.Exit(2) from None
        console.print(f"decision {withdraw_id} withdrawn by {new}; {summary.merged} merged, {summary.split} split")
        return
    if list_only:
        write_json([doubt.as_dict() for doubt in review_queue(registry, limit)])
        return
    counts = review_session(registry, author=who, limit=limit, ask=lambda prompt: str(typer.prompt(prompt)))
    decided = {k: v for k, v in counts.items() if v and k != "quit"}
    console.print("nothing to review" if not any(counts.values()) else f"answers: {decided}")


def person_command(
    ctx: typer.Context,
    person_id: Annotated[int, typer.Argument(help="The person's id (search shows it).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Table or JSON.")] = Format.TABLE,
) -> None:
    """A person field by field: every source's value, where they disagree, and the value preferred and why."""
    view = person_view(open_registry(database(ctx)), person_id)
    if view is None:
        errors.print(f"[bold red]No person {person_id} in the registry[/]")
        raise typer.Exit(2)
    if format is Format.JSON:
        write_json(view)
        return
    if view["merged_into"] and not view["entries"]:
        console.print(f"person {person_id} has no entries: linkage joined them to person {view['merged_into']}")
        return
    rows = [
        [f["field"] + (" ≠" if f["conflict"] else ""), str(f["preferred"]), f["reason"],
         "; ".join(f"{v['value']} ({', '.join(v['sources'])})" for v in f["values"])]
        for f in view["fields"]
    ]  # fmt: skip
    title = f"Person {person_id}: {view['name']}" + (" (synthetic)" if view["synthetic"] else "")
    write_table(title, ["field", "preferred", "why", "values (sources)"], rows)
    entries = [[e["key"], e["source_title"], e["text"]] for e in view["entries"]]
    write_table("Entries", ["entry", "source", "text"], entries)
