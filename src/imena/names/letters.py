"""How much a Cyrillic spelling looks like a name: a letter trigram model learnt from the project's names.

Reading a Latin spelling back into Cyrillic gives many candidates ("Iwanow": Иванов, Ыванов, Иуанов); this
model ranks them before the dictionary has its say. Written by hand: a few dozen lines of counting, where
a language-model library would bring far more than it is needed for.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache

from imena.names.tables import name_words

START, END = "^", "$"
# Interpolation weights of the trigram, bigram and unigram estimates (Jelinek-Mercer smoothing).
_WEIGHTS = (0.6, 0.3, 0.1)
_ALPHABET = 34  # 33 letters and the end of a word


@dataclass(frozen=True)
class LetterModel:
    trigrams: Counter[str]
    trigram_contexts: Counter[str]
    bigrams: Counter[str]
    bigram_contexts: Counter[str]
    unigrams: Counter[str]
    letters: int

    def log_probability(self, before: str, letter: str) -> float:
        """The log probability of `letter` after the two letters `before` ("^" pads a word's start)."""
        before = before[-2:].rjust(2, START)
        trigram = self.trigrams[before + letter] / self.trigram_contexts[before] if self.trigram_contexts[before] else 0
        bigram = (
            self.bigrams[before[1] + letter] / self.bigram_contexts[before[1]] if self.bigram_contexts[before[1]] else 0
        )
        unigram = (self.unigrams[letter] + 1) / (self.letters + _ALPHABET)
        high, middle, low = _WEIGHTS
        return math.log(high * trigram + middle * bigram + low * unigram)

    def score(self, word: str) -> float:
        """The log probability of a whole word, its end included."""
        padded = START + START + word.lower().replace("ё", "е") + END
        return sum(self.log_probability(padded[i - 2 : i], padded[i]) for i in range(2, len(padded)))


@cache
def letter_model() -> LetterModel:
    trigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    unigrams: Counter[str] = Counter()
    for word in name_words():
        padded = START + START + word.replace("ё", "е") + END
        for i in range(2, len(padded)):
            trigrams[padded[i - 2 : i + 1]] += 1
            bigrams[padded[i - 1 : i + 1]] += 1
            unigrams[padded[i]] += 1
    trigram_contexts: Counter[str] = Counter()
    for trigram, count in trigrams.items():
        trigram_contexts[trigram[:2]] += count
    bigram_contexts: Counter[str] = Counter()
    for bigram, count in bigrams.items():
        bigram_contexts[bigram[0]] += count
    return LetterModel(trigrams, trigram_contexts, bigrams, bigram_contexts, unigrams, sum(unigrams.values()))
