"""The statements a name search sends, each built once per shape and bound to new values every time.

Building a SQLAlchemy statement (and its cache key) costs a search about as much as the database takes to
run it. A search's statements differ only in which filters and preferences they use, never in the text
their values give them: a list of values is bound as one array (PostgreSQL) or one JSON text that SQLite's
`json_each` reads, so a statement does not change with the number of values and is planned once. So each
shape is built once per process (lru_cache: at most a few hundred shapes), and a search binds its values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    and_,
    any_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql

from imena.registry import schema as t


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to besides the name."""

    born: tuple[int, int] | None = None
    region: str | None = None
    penalty: str | None = None
    source: str | None = None

    def shape(self) -> tuple[bool, ...]:
        return tuple(value is not None for value in astuple(self))

    def values(self) -> dict[str, Any]:
        born_from, born_to = self.born or (None, None)
        return {
            "born_from": born_from, "born_to": born_to, "region": self.region, "penalty": self.penalty,
            "source": self.source,
        }  # fmt: skip


def bound(dialect: str, values: Sequence[Any]) -> Any:
    """A list of values as `listed` binds it: an array for PostgreSQL, JSON text for SQLite."""
    return list(values) if dialect == "postgresql" else orjson.dumps(list(values)).decode()


def one_of(dialect: str, column: Any, name: str) -> ColumnElement[bool]:
    """`column IN` the list bound as `name`: a search looks up thousands of keys, which SQLAlchemy would
    otherwise expand into as many parameters, and the statement's text would change with their number."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=postgresql.ARRAY(Text)))  # type: ignore[no-any-return]
    listed = func.json_each(bindparam(name, type_=Text)).table_valued("value")
    return column.in_(select(listed.c.value))  # type: ignore[no-any-return]


def position_in(dialect: str, column: Any, name: str) -> ColumnElement[int]:
    """The place of the column's value in the list bound as `name` (0 first; past the end if absent)."""
    if dialect == "postgresql":
        place = func.array_position(bindparam(name, type_=postgresql.ARRAY(Text)), column) - 1
        length = func.cardinality(bindparam(name, type_=postgresql.ARRAY(Text)))
    else:
        listed = func.json_each(bindparam(name, type_=Text)).table_valued("key", "value")
        place = select(listed.c.key).where(listed.c.value == column).scalar_subquery()
        length = func.json_array_length(bindparam(name, type_=Text))
    return func.coalesce(place, length)


@lru_cache(maxsize=8)
def lookup(dialect: str) -> Select[Any]:
    """(key, form) pairs of the dictionary for some keys (`keys`) of one part of the name (`part`)."""
    k = t.name_forms.c
    return select(k.key, k.form).where(one_of(dialect, k.key, "keys"), k.part == bindparam("part"))


@lru_cache(maxsize=8)
def forms_between(dialect: str) -> Select[Any]:
    """Forms of one part whose key lies in a range (`low` to before `high`) and whose length is between
    `shortest` and `longest`: a surname's forms with the same first letter, near its length."""
    k = t.name_forms.c
    return select(k.form).where(
        k.key >= bindparam("low"), k.key < bindparam("high"), k.part == bindparam("part"),
        func.length(k.form).between(bindparam("shortest"), bindparam("longest")),
    )  # fmt: skip


def _filtered(query: Any, shape: tuple[bool, ...]) -> Any:
    e = t.entries.c
    born, region, penalty, source = shape
    if born:
        years = e.birth_year.between(bindparam("born_from"), bindparam("born_to"))
        query = query.where(or_(e.birth_year.is_(None), years))
    if region:
        query = query.where(e.region == bindparam("region"))
    if penalty:
        query = query.where(e.penalty == bindparam("penalty"))
    if source:
        query = query.where(e.source_id == bindparam("source"))
    return query


def _given_condition(dialect: str, given: str) -> ColumnElement[bool]:
    """The given-name test of a tier: one of the listed forms, or of the initials, or none at all."""
    e = t.entries.c
    if given == "initials":
        # a test of the first letter, which no index serves: ranges joined by OR lead SQLite's planner to
        # scan the whole name index instead of reading the surname forms' parts of it
        return one_of(dialect, func.substr(e.given_form, 1, 1), "given")
    return one_of(dialect, e.given_form, "given") if given == "forms" else false()


def _preference(dialect: str, preferred: tuple[bool, bool, bool]) -> list[Any]:
    """Entries bearing the given name and patronymic as typed first (`preferred_given`, ...)."""
    e = t.entries.c
    given, patronymic, initials = preferred
    order: list[Any] = []
    if given:
        order.append(case((one_of(dialect, e.given_form, "preferred_given"), 0), else_=1))
    if patronymic:
        order.append(case((one_of(dialect, e.patronymic_form, "preferred_patronymic"), 0), else_=1))
    if initials:
        first = func.substr(e.patronymic_form, 1, 1)
        order.append(case((one_of(dialect, first, "preferred_initials"), 0), else_=1))
    return [sum(order[1:], order[0])] if order else []


def _with_persons(chosen: ColumnElement[bool]) -> Select[Any]:
    """The chosen entries' shown columns and persons; an old version among the chosen is passed over."""
    e, pe = t.entries.c, t.person_entries.c
    shown = (e.pk, e.entry_id, e.source_id, e.surname, e.given, e.patronymic, e.birth_year, e.synthetic)
    return (
        select(*shown, pe.person_id)
        .join(t.person_entries, and_(pe.source_id == e.source_id, pe.entry_id == e.entry_id))
        .where(chosen, e.current.is_(True))
    )


@lru_cache(maxsize=256)
def entries_by_names(
    dialect: str, given: str, filters: tuple[bool, ...], preferred: tuple[bool, bool, bool]
) -> Select[Any]:
    """Current entries with one of the surname forms (`forms`, closest first) and a given name as `given`
    says ("forms", "initials" or "none"), at most `wanted`, those bearing the preferred names first. The
    entries are chosen from the name index alone, and only the chosen ones are read."""
    e = t.entries.c
    narrowed = select(e.pk).where(one_of(dialect, e.surname_form, "forms"), _given_condition(dialect, given))
    # the forms' rank orders the entries after the preferred names, and keeps a planner from walking the
    # primary key in order in the hope of meeting a rare surname soon
    closeness = position_in(dialect, e.surname_form, "forms")
    wanted = bindparam("wanted", type_=Integer)
    chosen = _filtered(narrowed, filters).order_by(*_preference(dialect, preferred), closeness, e.pk).limit(wanted)
    return _with_persons(e.pk.in_(chosen))


@lru_cache(maxsize=64)
def entries_by_surnames(branches: int, filters: tuple[bool, ...]) -> Select[Any]:
    """The primary keys of entries of some surname forms (`form_0`, `form_1`, ...), form by form, each read
    in the name index's order, at most `wanted`: a UNION ALL reads its branches in order and stops at the
    limit, where a common surname among the forms would otherwise have its thousands of entries sorted."""
    e = t.entries.c
    wanted = bindparam("wanted", type_=Integer)
    parts = []
    for n in range(branches):
        query = select(e.pk).where(e.surname_form == bindparam(f"form_{n}")).order_by(e.given_form, e.patronymic_form)
        parts.append(select(_filtered(query, filters).limit(wanted).subquery().c.pk))
    everything = union_all(*parts).subquery()
    return select(everything.c.pk).limit(wanted)


@lru_cache(maxsize=8)
def entries_by_keys(dialect: str) -> Select[Any]:
    """The chosen entries (primary keys bound as `chosen`) with their persons."""
    e = t.entries.c
    if dialect == "postgresql":
        return _with_persons(e.pk == any_(bindparam("chosen", type_=postgresql.ARRAY(Integer))))
    listed = func.json_each(bindparam("chosen", type_=Text)).table_valued("value")
    return _with_persons(e.pk.in_(select(listed.c.value)))
