"""The operation ledger: the order's limits, their dated changes, the NKVD's figures and the estimates.

>>> from imena.operation import load_ledger, limits_in_force
>>> import datetime as dt
>>> ledger = load_ledger()
>>> limits_in_force(ledger, "Калининская область", dt.date(1937, 9, 17)).categories.as_dict()
{'first_category': 2500, 'second_category': 3000, 'total': 5500}
"""

from imena.operation.gaps import Completeness, DecisionGap, RepublicGap, completeness, republic_gap
from imena.operation.ledger import Ledger, load_ledger
from imena.operation.model import (
    ORDER_DATE,
    USSR,
    Categories,
    ChangeKind,
    Figure,
    FigureKind,
    Level,
    Limit,
    LimitChange,
    Tally,
    Unit,
)
from imena.operation.plan import (
    OPERATION_END,
    LimitInForce,
    TimelineRow,
    limits_in_force,
    national_decision,
    national_in_force,
    timeline,
    units_in_force,
)

__all__ = [
    "OPERATION_END",
    "ORDER_DATE",
    "USSR",
    "Categories",
    "ChangeKind",
    "Completeness",
    "DecisionGap",
    "Figure",
    "FigureKind",
    "Ledger",
    "Level",
    "Limit",
    "LimitChange",
    "LimitInForce",
    "RepublicGap",
    "Tally",
    "TimelineRow",
    "Unit",
    "completeness",
    "limits_in_force",
    "load_ledger",
    "national_decision",
    "national_in_force",
    "republic_gap",
    "timeline",
    "units_in_force",
]
