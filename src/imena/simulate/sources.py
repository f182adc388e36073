"""The synthetic memorial books and lists of a corpus, and who each of them names.

A person's chance of being in a list depends on the list's coverage (region, category, period, kind of
person) and on a latent visibility shared by all lists (how well documented the case and how active the
relatives were), so the lists are dependent and heterogeneous, as real ones are: the condition under which
estimating the undocumented is hard and worth testing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from imena.simulate.people import Person

STYLES = ("labelled", "running", "terse", "acts", "german")


@dataclass(frozen=True)
class Source:
    """One synthetic book or list: what it covers, how it is written, and how noisy it is."""

    id: str
    title: str
    style: str
    kind: str
    rate: float  # intensity of inclusion: the chance for a person of visibility v is 1 - exp(-rate * v)
    units: tuple[str, ...] = ()  # sentencing units covered; empty: all
    categories: tuple[int, ...] = (1, 2)
    social: tuple[str, ...] = ()  # social groups covered; empty: all
    name_groups: tuple[str, ...] = ()  # peoples covered (by the name pool of their nationality); empty: all
    period: tuple[str, ...] = ()  # first and last day of sentences covered, as YYYY-MM-DD; empty: all
    rehabilitated_factor: float = 1.0  # books built from rehabilitation files name the unrehabilitated less
    noise: float = 0.02  # chance of a typo in a name, an OCR slip, a birth year off by one or two
    missing: float = 0.1  # chance that an optional field is left out
    false_death: float = 0.3  # chance that a falsified certificate's date is printed where there is one
    old_spelling: bool = False
    region_of_publication: str = ""
    synthetic: bool = field(default=True, init=False)

    def covers(self, person: Person) -> bool:
        return (
            (not self.units or person.unit in self.units)
            and person.category in self.categories
            and (not self.social or person.social in self.social)
            and (not self.name_groups or person.name_group in self.name_groups)
            and (not self.period or self.period[0] <= str(person.sentence_date) <= self.period[1])
        )

    def chance(self, person: Person) -> float:
        if not self.covers(person):
            return 0.0
        factor = 1.0 if person.rehabilitation_date else self.rehabilitated_factor
        return 1 - math.exp(-self.rate * factor * person.visibility)

    def description(self) -> dict[str, Any]:
        return asdict(self)


def chances(sources: list[Source], people: list[Person]) -> np.ndarray:
    """Every person's chance of being in every source (people × sources): `Source.chance`, for all at once."""
    units = np.array([p.unit for p in people], dtype=object)
    categories = np.array([p.category for p in people])
    social = np.array([p.social for p in people], dtype=object)
    groups = np.array([p.name_group for p in people], dtype=object)
    sentenced = np.array([str(p.sentence_date) for p in people])
    rehabilitated = np.array([p.rehabilitation_date is not None for p in people])
    visibility = np.array([p.visibility for p in people])
    table = np.zeros((len(people), len(sources)))
    for k, source in enumerate(sources):
        covered = np.isin(categories, source.categories)
        if source.units:
            covered &= np.isin(units, source.units)
        if source.social:
            covered &= np.isin(social, source.social)
        if source.name_groups:
            covered &= np.isin(groups, source.name_groups)
        if source.period:
            covered &= (sentenced >= source.period[0]) & (sentenced <= source.period[1])
        factor = np.where(rehabilitated, 1.0, source.rehabilitated_factor)
        table[:, k] = np.where(covered, 1 - np.exp(-source.rate * factor * visibility), 0.0)
    return table


def plan_sources(people: list[Person]) -> list[Source]:
    """The lists of a corpus: a national database, books of the three largest regions, an execution list,
    execution acts of 1937 with declined names, camp records, an emigré list of clergy in the old spelling,
    and a German book of Soviet Germans in German spelling."""
    counts = Counter(p.unit for p in people if p.unit != "Лагеря НКВД")
    largest = [unit for unit, _ in counts.most_common(3)]
    shooting_unit = "Московская область" if "Московская область" in counts else largest[0]
    sources = [
        Source("syn-memo-db", "Жертвы политического террора (синтетическая база)", "labelled", "database", 0.8,
               rehabilitated_factor=0.3, noise=0.02, missing=0.15),
    ]  # fmt: skip
    for n, unit in enumerate(largest, start=1):
        sources.append(
            Source(f"syn-book-{n}", f"Книга памяти: {unit} (синтетическая)", "running", "memorial_book", 2.0,
                   units=(unit,), rehabilitated_factor=0.2, noise=0.03, missing=0.08, region_of_publication=unit)
        )  # fmt: skip
    sources += [
        Source("syn-shot-list", f"Расстрельный список: {shooting_unit} (синтетический)", "terse", "execution_list",
               3.0, units=(shooting_unit,), categories=(1,), noise=0.02, missing=0.05, false_death=0.0),
        Source("syn-acts", "Акты о приведении приговоров в исполнение, 1937 (синтетические)", "acts",
               "execution_acts", 0.8, categories=(1,), period=("1937-08-05", "1937-12-31"), noise=0.04,
               missing=0.3, false_death=0.0),
        Source("syn-camp", "Учетные карточки заключенных (синтетические)", "labelled", "camp_records", 0.5,
               categories=(2,), noise=0.05, missing=0.2),
        Source("syn-clergy", "Новые мученики (синтетический эмигрантский список)", "running", "martyrology", 1.5,
               social=("clergy",), noise=0.03, missing=0.2, old_spelling=True),
        Source("syn-de", "Gedenkbuch der Russlanddeutschen (synthetisch)", "german", "foreign_list", 1.2,
               name_groups=("german",), noise=0.03, missing=0.1, false_death=0.0),
    ]  # fmt: skip
    return sources
