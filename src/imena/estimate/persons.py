"""Capture histories from the registry's persons: a person is on a list when one of its current entries is from
that source; strata are the person's 1937 region or the operation's period.

The periods follow the operation's course: its first months under the order's limits (August to December 1937),
the first half of 1938 after the national increases of 15 October 1937 and 31 January 1938, and its last months
until the directive of 17 November 1938 stopped it. A person's period is that of its month (the sentence's, else
the execution's); persons without one, or outside the operation, are strata of their own, reported (and refused
if too few) rather than dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum

from imena.estimate.histories import WHOLE, CaptureHistories, from_patterns
from imena.reconcile.attribution import Operation
from imena.reconcile.documented import DocumentedPerson

PERIODS = (
    ("1937-08..1937-12", "1937-08", "1937-12"),
    ("1938-01..1938-06", "1938-01", "1938-06"),
    ("1938-07..1938-11", "1938-07", "1938-11"),
)
NO_REGION = "region unknown"
NO_DATE = "date unknown"
OUTSIDE = "outside the operation"


class Strata(StrEnum):
    WHOLE = "all"
    REGION = "region"
    PERIOD = "period"


def period_of(month: str | None) -> str:
    """The period a month (YYYY-MM) falls in."""
    if month is None:
        return NO_DATE
    return next((label for label, first, last in PERIODS if first <= month <= last), OUTSIDE)


def stratum_of(person: DocumentedPerson, by: Strata) -> str:
    if by is Strata.REGION:
        return person.region or NO_REGION
    if by is Strata.PERIOD:
        return period_of(person.month)
    return WHOLE


def person_histories(
    persons: Iterable[DocumentedPerson], by: Strata, operations: frozenset[Operation] | None = None
) -> dict[str, CaptureHistories]:
    """Each stratum's capture histories over the sources that name someone in it (None: every operation)."""
    memberships: dict[str, list[frozenset[str]]] = defaultdict(list)
    for person in persons:
        if operations is None or person.operation in operations:
            memberships[stratum_of(person, by)].append(person.sources)
    histories = {}
    for stratum in sorted(memberships, key=lambda s: (s in (NO_REGION, NO_DATE, OUTSIDE), s)):
        sources = sorted(set().union(*memberships[stratum]))
        rows = [[int(source in membership) for source in sources] for membership in memberships[stratum]]
        histories[stratum] = from_patterns(sources, rows)
    return histories
