"""Latin spellings of Russian names read back into Cyrillic, whichever scheme or habit wrote them.

The letter table is not typed in: it is read off the schemes of imena.names.transliteration themselves, by
writing each Cyrillic letter (and the few letter groups the schemes treat as one) in context and keeping
what it became, plus a few habits no scheme has ("Iwanoff", "Zukow" for Żukow). A search over the ways to
cut the Latin word into such units gives the readings; a letter model and the dictionary rank them. iuliia
writes only one way, so the reverse direction is done here.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache, lru_cache
from typing import Literal

from imena.names import morph
from imena.names.letters import END, letter_model
from imena.names.normalise import in_one_script
from imena.names.tables import name_words
from imena.names.transliteration import SCHEMES, to_latin

Where = Literal["start", "inner", "end"]
_MAX_CANDIDATES = 8
_BEAM = 60
_RERANKED = 40
_CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшщ")
# Letter groups some scheme writes as a whole: "ий" → "y" (Wikipedia: Dmitry), "ье" → "ye", "ń" for "нь",
# "Kowalski", French "gue" for "ге" and "ine" for a final "ин", Polish "le" (not "lie") for "ле".
_GROUPS = (
    "ий ый ой ин ын ье ьё ью ья ьи ъе ъё ъю ъя кс ге ги ский цкий ская цкая нь сь зь ть дь ць ль "
    "ле лё лю ля ли же жи ше ши це ци че чи ще щи жё чё шё щё"
).split()
_LETTERS = tuple("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
# Contexts a unit is written in: the Cyrillic before and after it, and where in a word that puts it.
_CONTEXTS: tuple[tuple[str, str, Where], ...] = (
    ("", "а", "start"), ("", "б", "start"), ("б", "а", "inner"), ("а", "б", "inner"),
    ("б", "б", "inner"), ("а", "а", "inner"), ("б", "", "end"), ("а", "", "end"),
)  # fmt: skip
# Habits of typists and old foreign lists that no scheme has, with a small probability each.
_HABITS: tuple[tuple[str, str, Where], ...] = (
    ("ff", "в", "end"), ("f", "в", "end"), ("ff", "ф", "inner"), ("ph", "ф", "inner"), ("x", "кс", "inner"),
    ("h", "г", "inner"), ("c", "к", "inner"), ("ck", "к", "inner"), ("q", "к", "inner"), ("oo", "у", "inner"),
    ("y", "и", "inner"), ("i", "ы", "inner"), ("dj", "дж", "inner"), ("tz", "ц", "inner"), ("o", "ё", "inner"),
    ("ie", "е", "inner"), ("iy", "ий", "end"), ("yi", "ый", "end"), ("ei", "ей", "end"), ("z", "ж", "inner"),
)  # fmt: skip
_HABIT_PROBABILITY = 0.04
_APOSTROPHES = re.compile('[’ʹʼ`′´″ʺ”"]+')
_SIGN_PROBABILITY = 0.5  # most schemes and typists leave out "ь", so it may stand for no Latin letter
_KNOWN_NAME_BONUS, _KNOWN_WORD_BONUS, _SCHEME_SPELLING_BONUS, _TABLE_BONUS = 8.0, 2.0, 3.0, 6.0


def _without_ties(text: str) -> str:
    """Text without ALA-LC's ties ("t͡s") and BGN's dots ("Nisid·e"), which no one types."""
    return unicodedata.normalize(
        "NFC", unicodedata.normalize("NFD", text).replace("\u0361", "").replace("\u0360", "").replace("·", "")
    )


def _lookup_form(text: str) -> str:
    """Latin text as the letter table holds it: lower case, diacritics kept, one kind of apostrophe."""
    return _APOSTROPHES.sub("'", _without_ties(text.lower()))


def plain_latin(text: str) -> str:
    """Latin text lower-cased, without diacritics or ties, with every kind of apostrophe as "'"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ł", "l"))
    return _APOSTROPHES.sub("'", "".join(c for c in decomposed if not unicodedata.combining(c)))


@cache
def _units() -> tuple[dict[str, list[tuple[str, Where, float]]], int]:
    """Latin unit → (Cyrillic, where in a word, log probability of the Latin given the Cyrillic), and the
    longest unit's length."""
    counts: dict[tuple[str, Where], Counter[str]] = defaultdict(Counter)
    for scheme in SCHEMES:
        for unit in (*_LETTERS, *_GROUPS):
            for before, after, where in _CONTEXTS:
                written = to_latin(before + unit + after, scheme).lower()
                head, tail = to_latin(before, scheme).lower(), to_latin(after, scheme).lower()
                if written.startswith(head) and written.endswith(tail) and len(written) >= len(head) + len(tail):
                    latin = written[len(head) : len(written) - len(tail)]
                    counts[unit, where][_lookup_form(latin)] += 2
                    counts[unit, where][plain_latin(latin)] += 1
    table: dict[str, list[tuple[str, Where, float]]] = defaultdict(list)
    for (unit, where), latins in counts.items():
        total = sum(latins.values())
        for latin, count in latins.items():
            table[latin].append((unit, where, math.log(count / total)))
    for latin, unit, where in _HABITS:
        table[latin].append((unit, where, math.log(_HABIT_PROBABILITY)))
    return dict(table), max(len(latin) for latin in table)


def _context(text: str) -> str:
    """The two letters the letter model reads before the next one ("^" pads a word's start)."""
    return ("^^" + text[-2:]).replace("ё", "е")[-2:]


@lru_cache(maxsize=200_000)  # the model reads only the last two letters: a few thousand contexts and units
def _extend(context: str, letters: str) -> float:
    """The letter model's log probability of `letters` written after the two letters `context`."""
    model = letter_model()
    padded = context
    total = 0.0
    for letter in letters.replace("ё", "е"):
        total += model.log_probability(padded[-2:], letter)
        padded += letter
    return total


def _spellings(latin: str) -> list[tuple[float, str]]:
    """The Cyrillic words a lower-case Latin word can be read as, with log scores, by a beam search."""
    table, longest = _units()
    sign_cost = math.log(_SIGN_PROBABILITY)
    beams: list[dict[str, float]] = [{} for _ in range(len(latin) + 1)]
    beams[0][""] = 0.0
    for position in range(len(latin)):
        for text, score in heapq.nlargest(_BEAM, beams[position].items(), key=lambda item: item[1]):
            context, after_consonant = _context(text), bool(text) and text[-1] in _CONSONANTS
            for length in range(1, min(longest, len(latin) - position) + 1):
                end = position + length
                beam = beams[end]
                for unit, where, log_p in table.get(latin[position:end], ()):
                    if (where == "start" and position) or (where == "end" and end != len(latin)):
                        continue
                    if unit[0] in "ьъ" and not after_consonant:
                        continue
                    spelt, spelt_score = text + unit, score + log_p + _extend(context, unit)
                    if spelt_score > beam.get(spelt, -math.inf):
                        beam[spelt] = spelt_score
                    if unit[-1] in _CONSONANTS and unit[-1] != "й":
                        softened = score + log_p + sign_cost + _extend(context, unit + "ь")
                        if softened > beam.get(spelt + "ь", -math.inf):
                            beam[spelt + "ь"] = softened
    finished = [(score + _extend(_context(text), END), text) for text, score in beams[-1].items()]
    return heapq.nlargest(_RERANKED, finished)


@cache
def _table_words() -> frozenset[str]:
    return frozenset(word.replace("ё", "е") for word in name_words())


def _bonus(cyrillic: str) -> float:
    """What the dictionary adds to a reading: a known name, a known word."""
    bonus = 0.0
    if morph.kinds(cyrillic):
        bonus += _KNOWN_NAME_BONUS
    elif morph.is_known(cyrillic):
        bonus += _KNOWN_WORD_BONUS
    if cyrillic.replace("ё", "е") in _table_words():
        bonus += _TABLE_BONUS
    return bonus


@lru_cache(maxsize=100_000)
def _scheme_spellings(cyrillic: str) -> frozenset[str]:
    """How the schemes write a reading, as typed without diacritics: a reading some scheme writes exactly as
    the Latin word was typed gains a bonus."""
    return frozenset(plain_latin(to_latin(cyrillic, scheme)) for scheme in SCHEMES)


@lru_cache(maxsize=50_000)
def _word_to_cyrillic(word: str) -> tuple[tuple[float, str], ...]:
    latin, plain = _lookup_form(word), plain_latin(word)
    if not latin.replace("'", "").isalpha():
        return ()
    scored = sorted(((score + _bonus(cyrillic), cyrillic) for score, cyrillic in _spellings(latin)), reverse=True)
    # the schemes' bonus is dear to compute (every scheme writes the reading), so it is asked only of readings
    # it could lift into the best few: the result is the same as asking it of every reading
    best_of: dict[str, float] = {}  # each printed form's best score without the bonus, best first
    for score, cyrillic in scored:
        best_of.setdefault(cyrillic.replace("ё", "е"), score)
    floor = list(best_of.values())[_MAX_CANDIDATES - 1] if len(best_of) >= _MAX_CANDIDATES else -math.inf
    ranked: dict[str, float] = {}
    for score, cyrillic in scored:
        if score + _SCHEME_SPELLING_BONUS < floor:
            break
        if plain in _scheme_spellings(cyrillic):
            score += _SCHEME_SPELLING_BONUS
        printed = cyrillic.replace("ё", "е")  # as the books print it
        ranked[printed] = max(ranked.get(printed, -math.inf), score)
    best = heapq.nlargest(_MAX_CANDIDATES, ranked.items(), key=lambda item: item[1])
    capital = word[:1].isupper()
    return tuple((score, text.capitalize() if capital else text) for text, score in best)


_PIECES = re.compile(r"([^\W\d_]+(?:['’ʹʼ`][^\W\d_]+)*)")


def _is_latin(piece: str) -> bool:
    return any("a" <= c <= "z" for c in plain_latin(piece))


def to_cyrillic(latin: str) -> list[str]:
    """The Cyrillic spellings a Latin name may stand for, best first, at most eight: "Schewtschenko",
    "Szewczenko" and "Chevtchenko" all lead with "Шевченко". Cyrillic words are kept as they are."""
    pieces = _PIECES.split(_without_ties(latin))
    if len(pieces) == 3:  # one word: all of its readings
        word = in_one_script(pieces[1])
        return [f"{pieces[0]}{text}{pieces[2]}" for _, text in _word_to_cyrillic(word)] if _is_latin(word) else [latin]
    choices: list[list[tuple[float, str]]] = []
    for n, piece in enumerate(pieces):
        word = in_one_script(piece) if n % 2 else piece
        readings = list(_word_to_cyrillic(word)[:3]) if n % 2 and _is_latin(word) else []
        choices.append(readings or [(0.0, piece)])
    combined: list[tuple[float, str]] = [(0.0, "")]
    for options in choices:
        combined = heapq.nlargest(
            _MAX_CANDIDATES, ((score + s, text + t) for score, text in combined for s, t in options)
        )
    return [text for _, text in combined]


@cache
def _initials() -> dict[str, Counter[str]]:
    """Latin first letters (one or two) → the Cyrillic letters whose spelling at a word's start they begin,
    counted over the schemes."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for scheme in SCHEMES:
        for letter in _LETTERS:
            if letter in "ъьы":
                continue
            latin = plain_latin(to_latin(letter + "а", scheme))[:-1]
            for length in (1, 2):
                if len(latin) >= length and latin[:length].isalpha():
                    found[latin[:length]][letter] += 1
    return dict(found)


def cyrillic_initials(latin: str) -> tuple[str, ...]:
    """The Cyrillic letters a Latin initial may stand for, likeliest first: "I" → И, Ю, Я, Й, ...;
    "Sh" → Ш, Щ."""
    counts = _initials().get(plain_latin(latin), Counter())
    model = letter_model()
    ranked = sorted(counts, key=lambda letter: -counts[letter] * math.exp(model.log_probability("", letter)))
    return tuple(letter.upper() for letter in ranked)
