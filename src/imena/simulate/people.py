"""Synthetic victims consistent with the aggregate model: who they were, and what happened to them.

Each person is drawn from the model's daily sentences (region, day, category), so that a corpus at scale
0.01 holds about one in a hundred of the operation's victims in the right places and months. Everything
else about a person is drawn from the hand-made tables of `reference` and `vocabulary`. Every person is
synthetic and carries `synthetic: true` wherever it is written.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import numpy as np

from imena.gazetteer import Gazetteer, Region
from imena.simulate import vocabulary as words
from imena.simulate.aggregate import Parameters, Run
from imena.simulate.reference import Reference, Weighted, between, pick
from imena.simulate.surnames import SurnameSource
from imena.simulate.wording import region_phrase

FEMALE_SHARE = 0.05  # modelling assumption: women were few among the victims of this operation
_SOCIAL = Weighted.of([(group, weight) for group, weight, *_ in words.SOCIAL_GROUPS])
_SOCIAL_DETAIL = {group: (rural, men, women) for group, _, rural, men, women in words.SOCIAL_GROUPS}
_PARTY = Weighted.of([((status, men, women), weight) for status, weight, men, women in words.PARTY])
_EDUCATION = Weighted.of(list(words.EDUCATION))
_CHARGES = Weighted.of(list(words.CHARGES))


@dataclass(slots=True)
class Person:
    """The truth about one synthetic person, from which every source writes its own entry."""

    person_id: str
    sex: str
    surname: str
    given: str
    patronymic: str | None
    name_group: str
    nationality: str
    birth_date: dt.date
    village: str
    uezd: str
    guberniya: str
    residence_region: str  # canonical unit
    residence: str
    rural: bool
    social: str
    occupation: str
    party_status: str
    party_text: str
    education: str | None
    unit: str  # the unit of the order's table whose figures count the person
    troika: str  # the sentencing body, nominative, as entries print it
    arrest_date: dt.date
    sentence_date: dt.date
    category: int  # 1: shooting, 2: camp
    articles: tuple[str, ...]
    charge: str
    term_years: int | None
    execution_date: dt.date | None
    execution_place: str | None
    burial_place: str | None
    camp_death: dt.date | None
    release_date: dt.date | None
    false_death_date: dt.date | None
    false_death_cause: str | None
    rehabilitation_date: dt.date | None
    rehabilitation_by: str | None
    visibility: float  # how likely any list is to name the person (a latent trait, never printed)


def sample_sentences(run: Run, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw (unit, day, category) for `count` people in proportion to the model's daily sentences."""
    daily = np.stack(
        [
            np.diff(run.cumulative[m], axis=0, prepend=0)
            for m in ("sentenced_first_category", "sentenced_second_category")
        ],
        axis=-1,
    )  # days × units × 2
    weights = np.maximum(daily, 0).ravel()
    cells = rng.choice(weights.size, size=count, p=weights / weights.sum())
    day, unit, category = np.unravel_index(cells, daily.shape)
    return unit, day, category + 1


def troika_forms(region: Region) -> tuple[str, ...]:
    """The ways entries name a region's troika, in the nominative."""
    if region.kind == "camps":
        return ("тройка при УНКВД по Дальстрою",)
    if region.name == "Ленинградская область":
        return ("Особая тройка УНКВД ЛО", "тройка при УНКВД по Ленинградской обл.")
    if region.kind in ("assr", "union_republic"):
        return (f"тройка НКВД {region_phrase(region, 'gen')}",)
    return (f"тройка при УНКВД по {region_phrase(region, 'dat')}", f"тройка УНКВД {region_phrase(region, 'gen')}")


class PersonMaker:
    """Makes people for one corpus: holds the tables and the fitted parameters, and one random stream."""

    def __init__(
        self,
        reference: Reference,
        gazetteer: Gazetteer,
        parameters: Parameters,
        seed: int,
        pool_share: float,
    ) -> None:
        self.reference = reference
        self.surnames = {
            group: SurnameSource.of(pool.surnames, group, pool_share) for group, pool in reference.names.items()
        }
        self._homes = [u for u in reference.nationalities if u in reference.districts]
        self._troikas: dict[str, tuple[str, ...]] = {}
        self.gazetteer = gazetteer
        self.parameters = parameters
        self.rng = random.Random(seed)
        self.units = list(reference.nationalities)

    def make(self, number: int, unit: str, sentence_date: dt.date, category: int) -> Person:
        rng = self.rng
        region = self.gazetteer.regions[unit]
        sex = "f" if rng.random() < FEMALE_SHARE else "m"
        female = sex == "f"
        nationality = self.reference.nationalities[unit].draw(rng)
        pool = self.reference.names[nationality.name_group]
        surname = self.surnames[nationality.name_group].draw(rng)
        given = (pool.female if female else pool.male).draw(rng)
        father = pool.male.draw(rng)
        patronymic = (father.patronymic_f if female else father.patronymic_m) or None
        social = "camp_prisoner" if region.kind == "camps" else _SOCIAL.draw(rng)
        rural, men, women = _SOCIAL_DETAIL.get(social, (False, words.CAMP_OCCUPATIONS, words.CAMP_OCCUPATIONS))
        occupation = pick(rng, women if female else men)
        if social in ("kolkhoz_peasant", "worker", "employee") and rng.random() < 0.5:
            occupation += ", " + pick(rng, words.WORKPLACES_RURAL if rural else words.WORKPLACES_URBAN)
        home = self._home_unit(unit)
        age = min(85, max(17, round(rng.gauss(47, 13))))
        arrest_date = sentence_date - dt.timedelta(days=1 + int(rng.expovariate(1 / 18)))
        birth_date = dt.date(arrest_date.year - age, between(rng, 1, 12), between(rng, 1, 28))
        place = self.reference.birthplaces.get(home) or self.reference.birthplaces[self.units[0]]
        birthplace = place.draw(rng)
        village = pick(rng, words.VILLAGES_BY_GROUP.get(nationality.name_group, words.VILLAGES))
        party_status, party_men, party_women = _PARTY.draw(rng)
        articles, charge = self._charge(social, region)
        person = Person(
            person_id=f"syn-p-{number:07d}",
            sex=sex,
            surname=surname.female if female else surname.male,
            given=given.name,
            patronymic=patronymic,
            name_group=nationality.name_group,
            nationality=nationality.female if female else nationality.male,
            birth_date=birth_date,
            village=village,
            uezd=birthplace.uezd,
            guberniya=birthplace.guberniya,
            residence_region=home,
            residence=self._residence(home, rural),
            rural=rural,
            social=social,
            occupation=occupation,
            party_status=party_status,
            party_text=party_women if female else party_men,
            education=_EDUCATION.draw(rng),
            unit=unit,
            troika=self._troika(region, sentence_date),
            arrest_date=arrest_date,
            sentence_date=sentence_date,
            category=category,
            articles=articles,
            charge=charge,
            term_years=None if category == 1 else (10 if rng.random() < 0.75 else 8),
            execution_date=None,
            execution_place=None,
            burial_place=None,
            camp_death=None,
            release_date=None,
            false_death_date=None,
            false_death_cause=None,
            rehabilitation_date=None,
            rehabilitation_by=None,
            visibility=0.0,
        )
        self._fate(person, region)
        return person

    def _home_unit(self, unit: str) -> str:
        """Where the person lived: the sentencing region, or for camp prisoners any region."""
        if unit in self.reference.districts:
            return unit
        return pick(self.rng, self._homes)

    def _residence(self, unit: str, rural: bool) -> str:
        rng = self.rng
        city = self.reference.cities.get(unit, "")
        if not rural and city:
            return f"{city}, {pick(rng, words.STREETS)}, д. {between(rng, 1, 60)}, кв. {between(rng, 1, 40)}"
        district = pick(rng, self.reference.districts[unit])
        region = region_phrase(self.gazetteer.regions[unit], "nom")
        return f"{region}, {district}, {pick(rng, ('с.', 'д.'))} {pick(rng, words.VILLAGES)}"

    def _charge(self, social: str, region: Region) -> tuple[tuple[str, ...], str]:
        if social == "criminal":
            return (), words.CRIMINAL_CHARGE
        articles = _CHARGES.draw(self.rng)
        code = "УК РСФСР"
        if region.parent == "Украинская ССР":
            articles = tuple("54" + a[2:] for a in articles)
            code = "УК УССР"
        return articles, f"ст. {', '.join(articles)} {code}"

    def _troika(self, region: Region, day: dt.date) -> str:
        """The troika's name as entries print it; after a split, the successor's troika sentenced."""
        if region.valid_to and day >= region.valid_to and region.successors:
            region = self.gazetteer.regions[pick(self.rng, region.successors)]
        forms = self._troikas.get(region.name)
        if forms is None:
            forms = self._troikas[region.name] = troika_forms(region)
        return pick(self.rng, forms)

    def _fate(self, person: Person, region: Region) -> None:
        """Execution or camp, rehabilitation, false certificates, and how visible the person is to lists."""
        rng = self.rng
        site = words.EXECUTION_SITES.get(person.unit)
        if person.category == 1:
            lag = int(rng.expovariate(self.parameters.execution_rate))
            person.execution_date = person.sentence_date + dt.timedelta(days=lag)
            person.execution_place = site[0] if site else (region.centre or None)
            person.burial_place = site[1] if site else None
            if rng.random() < 0.35:  # relatives who asked in 1955-1962 were told a false date and cause
                person.false_death_date = dt.date(between(rng, 1938, 1947), between(rng, 1, 12), between(rng, 1, 28))
                person.false_death_cause = pick(rng, words.FALSE_CAUSES)
        else:
            outcome = rng.random()
            if outcome < 0.28:
                person.camp_death = person.sentence_date + dt.timedelta(days=between(rng, 120, 3000))
            elif outcome < 0.65 and person.term_years:
                person.release_date = person.sentence_date + dt.timedelta(days=365 * person.term_years)
        rehabilitated = rng.random() < (0.2 if person.social == "criminal" else 0.85)
        if rehabilitated:
            wave = rng.random()
            home = self.gazetteer.regions[person.residence_region]
            if home.valid_to and home.successors:  # rehabilitated by the procuracy of a region that still existed
                home = self.gazetteer.regions[home.successors[0]]
            if wave < 0.3:
                year, by = between(rng, 1955, 1962), f"Верховным судом {region_phrase(home, 'gen')}"
            elif wave < 0.35:
                year, by = between(rng, 1963, 1988), "военным трибуналом"
            else:  # the law of 16 January 1989 and after
                year, by = between(rng, 1989, 1991) if wave < 0.85 else between(rng, 1992, 2005), ""
                by = f"Прокуратурой {region_phrase(home, 'gen')}"
            person.rehabilitation_date = dt.date(year, between(rng, 1, 12), between(rng, 1, 28))
            person.rehabilitation_by = by
        base = rng.lognormvariate(0, 0.9)
        person.visibility = base * (1.6 if rehabilitated else 0.5) * (1.3 if person.category == 1 else 1.0)
