"""Surnames with the long tail of real lists: a weighted pool for the frequent ones, invented ones for the rest.

Real lists of 5,000 victims share a surname and given name only about 3% of the time, which takes some ten
thousand surnames in use; no hand-made pool is that long. So a share of surnames is drawn from the pool of
common ones and the rest are invented by a character model of the pool's own surnames (written by hand: a
third-order Markov chain over letters is a dozen lines, and no library offers one for this use).
"""

from __future__ import annotations

import random
from bisect import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from imena.simulate.reference import Surname, Weighted

ORDER = 3
# At each letter the chain looks back two letters instead of three with this chance: three keep the shape
# of real surnames, two let it leave the pool's paths often enough to give a long tail.
SHORT_CONTEXT = 0.35
_START, _END = "^", "$"
# Groups whose surnames really are few (Kim, Pak, Li; Wang, Li, Zhang): drawn from the pool alone.
CLOSED_GROUPS = frozenset({"korean", "chinese"})


@dataclass
class LetterModel:
    """Which letter follows each run of two and of three letters in a group's surnames, with counts."""

    following: dict[str, Weighted[str]] = field(default_factory=dict)
    known: frozenset[str] = frozenset()

    @classmethod
    def train(cls, names: list[str]) -> LetterModel:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for name in names:
            padded = _START * ORDER + name + _END
            for i in range(ORDER, len(padded)):
                for order in (ORDER - 1, ORDER):
                    counts[padded[i - order : i]][padded[i]] += 1
        following = {context: Weighted.of(list(nexts.items())) for context, nexts in counts.items()}
        return cls(following, frozenset(names))

    def invent(self, rng: random.Random, shortest: int = 4, longest: int = 14) -> str | None:
        """A new surname in the group's manner, or None if it ran off its bounds or made a pool name."""
        context, letters = _START * ORDER, list[str]()
        following, chance = self.following, rng.random  # bound once: this loop is the corpus writer's hottest
        while len(letters) <= longest:
            options = following[context[1:] if chance() < SHORT_CONTEXT else context]
            cumulative = options.cumulative
            letter = options.items[min(bisect(cumulative, chance() * cumulative[-1]), len(cumulative) - 1)]
            if letter == _END:
                name = "".join(letters)
                # Pool names are rejected: drawn here they would thicken the head that the pool already gives.
                return name if shortest <= len(name) and name not in self.known else None
            letters.append(letter)
            context = context[1:] + letter
        return None


def feminine(surname: str) -> str:
    """The feminine form of an invented surname, by the common Russian rules."""
    if surname.endswith(("ов", "ев", "ин", "ын", "ёв")):
        return surname + "а"
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    if surname.endswith(("ой", "ый")):
        return surname[:-2] + "ая"
    return surname


@dataclass
class SurnameSource:
    """Draws surnames for one group: from the pool with probability `pool_share`, else a new invented one."""

    pool: Weighted[Surname]
    model: LetterModel
    pool_share: float

    @classmethod
    def of(cls, pool: Weighted[Surname], group: str, pool_share: float) -> SurnameSource:
        model = LetterModel.train([s.male for s in pool.items])
        return cls(pool, model, 1.0 if group in CLOSED_GROUPS else pool_share)

    def draw(self, rng: random.Random) -> Surname:
        if rng.random() < self.pool_share:
            return self.pool.draw(rng)
        for _ in range(20):
            invented = self.model.invent(rng)
            if invented:
                return Surname(invented, feminine(invented))
        return self.pool.draw(rng)
