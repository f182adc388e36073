"""An entry's text folded for matching, with every value taken back from the text as printed.

Patterns run on a folded copy (pre-1918 letters and Latin look-alikes made modern Cyrillic, "ё" as "е",
a final hard sign dropped) so that one pattern reads every spelling; an offset map returns each match to the
printed text, so values keep the source's own spelling. Spans that fields take are recorded, and what no
field took is `unparsed`: nothing printed is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_OLD = {"і": "и", "І": "И", "ѣ": "е", "Ѣ": "Е", "ѳ": "ф", "Ѳ": "Ф", "ѵ": "и", "Ѵ": "И", "ё": "е", "Ё": "Е"}
# Latin letters that OCR and careless typing put into Cyrillic words.
_LOOKALIKE = str.maketrans("aeopcxyABEKMHOPCTXkmT", "аеорсхуАВЕКМНОРСТХкмТ")
_CYRILLIC = re.compile("[А-Яа-яЁёІіѢѣѲѳ]")
# Letters that folding changes other than "ё": old letters, a hard sign, and any Latin letter.
_NEEDS_FOLDING = re.compile("[іІѣѢѳѲѵѴъЪA-Za-z]")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁёІіѢѣѲѳѴѵЪъ]+")
_CONSONANTS = set("бвгджзклмнпрстфхцчшщБВГДЖЗКЛМНПРСТФХЦЧШЩ")
# What is left over between fields and says nothing: punctuation, and the labels of the fields.
_FILLER = re.compile(r"^[\s.,;:()\-–—\"«»]*$|^\s*(?:г\.|г|гг\.|года)\s*[.,;]?\s*$", re.IGNORECASE)


@dataclass
class Text:
    """A folded copy of an entry for matching, mapped back to the printed text."""

    printed: str
    folded: str
    origin: Sequence[int]  # folded position → printed position
    taken: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, printed: str) -> Text:
        if not _NEEDS_FOLDING.search(printed):  # the common case: only "ё", which keeps every position
            return cls(printed, printed.replace("ё", "е").replace("Ё", "Е"), range(len(printed)))
        folded: list[str] = []
        origin: list[int] = []
        words = {m.start(): m for m in _WORD.finditer(printed)}
        i = 0
        while i < len(printed):
            word = words.get(i)
            if word is not None:
                chunk = word.group()
                if _CYRILLIC.search(chunk):
                    chunk = chunk.translate(_LOOKALIKE)
                for offset, char in enumerate(chunk):
                    char = _OLD.get(char, char)
                    last = offset == len(chunk) - 1
                    if char in "ъЪ" and last and offset and chunk[offset - 1] in _CONSONANTS:
                        continue  # the pre-1918 hard sign at a word's end
                    folded.append(char)
                    origin.append(i + offset)
                i = word.end()
            else:
                folded.append(printed[i])
                origin.append(i)
                i += 1
        return cls(printed, "".join(folded), origin)

    def printed_span(self, start: int, end: int) -> tuple[int, int]:
        """The printed positions of a folded span, with a dropped final hard sign kept in."""
        if start >= end:
            return self.origin[start] if start < len(self.origin) else len(self.printed), self.origin[start - 1] + 1
        first, last = self.origin[start], self.origin[end - 1] + 1
        while last < len(self.printed) and self.printed[last] in "ъЪ":
            last += 1
        return first, last

    def value(self, match: re.Match[str], group: int | str = 0) -> str:
        """A matched group as printed, without surrounding spaces."""
        start, end = match.span(group)
        first, last = self.printed_span(start, end)
        return self.printed[first:last].strip()

    def take(self, match: re.Match[str], group: int | str = 0) -> None:
        """Mark a match (by default the whole of it, label included) as taken by a field."""
        start, end = match.span(group)
        if start < end:
            self.taken.append((start, end))

    def unparsed(self) -> str:
        """What no field took, as printed, in order, without punctuation-only leftovers."""
        spans = sorted(self.taken)
        pieces, cursor = [], 0
        for start, end in [*spans, (len(self.folded), len(self.folded))]:
            if start > cursor:
                first, last = self.printed_span(cursor, start)
                piece = self.printed[first:last].strip(" \n\t,;")
                if piece and not _FILLER.match(piece):
                    pieces.append(piece)
            cursor = max(cursor, end)
        return " | ".join(pieces)
