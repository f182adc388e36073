"""The operation a person belongs to, from the operations its entries were attributed to, with the reasons.

The parser attributes each entry by its sentencing body and date (`imena.parse.sentence.attribute`, stored in the
entries' `operation` column): a regional troika between 5 August 1937 and 17 November 1938 is Order 00447, the
NKVD and Procurator's commission (the "dvoika", the album procedure) a national operation, the Military
Collegium, the Special Board, a court or any other body something else, no body at all unknown. Articles are not
required to be 58: the troikas of 00447 also sentenced "criminal elements" under other articles.

A person named by several entries takes the operation most of its attributed entries give (entries with no
sentencing body do not vote); when the votes tie between different operations the person stays unknown and the
reasons say which entries disagree. Guessing between two documents is not the registry's to do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Operation(StrEnum):
    ORDER_00447 = "00447"
    NATIONAL = "national"
    OTHER = "other"
    UNKNOWN = "unknown"


# the parser's codes (imena.parse.sentence.Attribution.operation) and what each says about the operation
ENTRY_OPERATIONS: dict[str, tuple[Operation, str]] = {
    "order_00447": (Operation.ORDER_00447, "sentenced by a regional troika during the operation"),
    "national_operation": (Operation.NATIONAL, "sentenced by the NKVD and Procurator's commission (the 'dvoika')"),
    "military_collegium": (Operation.OTHER, "sentenced by the Military Collegium of the Supreme Court"),
    "special_board": (Operation.OTHER, "sentenced by the NKVD's Special Board"),
    "court": (Operation.OTHER, "sentenced by a court or tribunal"),
    "other": (Operation.OTHER, "sentenced by another body, or by a troika outside the operation's dates"),
}
UNATTRIBUTED = "no sentencing body stated"


@dataclass(frozen=True)
class EntryOperation:
    """What one entry of a person says: its source and entry id, and the parser's operation code (or none)."""

    source: str
    entry: str
    code: str | None


@dataclass(frozen=True)
class PersonOperation:
    """A person's operation and, in words, why."""

    operation: Operation
    reasons: tuple[str, ...]
    conflicting: bool = False


def entry_operation(code: str | None) -> tuple[Operation, str]:
    """The operation one entry's code stands for, and why; an unknown or missing code is unknown."""
    return ENTRY_OPERATIONS.get(code or "", (Operation.UNKNOWN, UNATTRIBUTED))


def attribute_person(entries: Iterable[EntryOperation]) -> PersonOperation:
    """The operation of one person from its entries' attributions, by the rule of the module's docstring."""
    votes: Counter[Operation] = Counter()
    reasons: list[str] = []
    for entry in sorted(entries, key=lambda e: (e.source, e.entry)):
        operation, why = entry_operation(entry.code)
        reasons.append(f"{entry.source}/{entry.entry}: {why}")
        if operation is not Operation.UNKNOWN:
            votes[operation] += 1
    if not votes:
        return PersonOperation(Operation.UNKNOWN, tuple(reasons))
    ranked = votes.most_common()
    if len(ranked) == 1:
        return PersonOperation(ranked[0][0], tuple(reasons))
    summary = ", ".join(f"{operation.value} {n}" for operation, n in ranked)
    if ranked[0][1] == ranked[1][1]:
        return PersonOperation(
            Operation.UNKNOWN, (*reasons, f"entries conflict ({summary}) and tie: left unknown"), conflicting=True
        )
    return PersonOperation(
        ranked[0][0], (*reasons, f"entries conflict ({summary}): the majority decides"), conflicting=True
    )
