"""A sentence's articles, class of penalty and term, and the operation it most likely belongs to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from imena.gazetteer import Gazetteer

# "58-10", "58-2-8-11", "58 п. 10", "58-1а", "54-10", "ст. 162 п. "д"" (only numbered articles are listed).
_ARTICLE = re.compile(r"\b(5[48]|\d{2,3})(?:\s*п\.\s*|\s*-\s*)(\d{1,2}[аб]?(?:\s*-\s*\d{1,2}[аб]?)*)")
_CODE_ONLY = re.compile(r"\bст\.\s*(\d{2,3})\b(?!\s*-|\s*п\.)")
_TERM_YEARS = re.compile(r"(\d{1,2})\s*(?:годам|года|лет|г\.|Jahren)", re.IGNORECASE)
_TERM_MONTHS = re.compile(r"(\d{1,2})\s*(?:месяц\w*|мес\.)", re.IGNORECASE)
_TERM_WORDS = {"десяти": 10, "восьми": 8, "пяти": 5, "трем": 3, "трех": 3, "десять": 10, "восемь": 8}

# The first pattern that fits decides: named penalties before a bare term ("10 лет" alone means camp).
PENALTIES = (
    ("death", re.compile(r"ВМН|высш\w+\s+мер|расстрел|рассстрел|к\s+смерт|zum\s+Tode", re.IGNORECASE)),
    ("camp", re.compile(r"ИТЛ|лагер|исправительно-трудов|концлагер|Lagerhaft", re.IGNORECASE)),
    ("prison", re.compile(r"тюрем|тюрьм|политизолятор", re.IGNORECASE)),
    ("special_settlement", re.compile(r"спецпосел|выселени|выслан\w*\s+с\s+семь|раскулач", re.IGNORECASE)),
    ("exile", re.compile(r"ссылк|высылк|выслан", re.IGNORECASE)),
    ("disenfranchisement", re.compile(r"лиш\w+\s+избирательн", re.IGNORECASE)),
    ("camp", re.compile(r"\d+\s*(?:лет|годам|года|г\.)(?!\s*р)", re.IGNORECASE)),
)


def articles(text: str) -> list[str]:
    """Each article of a charge on its own: "58-2-8-11" → 58-2, 58-8, 58-11; "58 п. 10" → 58-10."""
    found: list[str] = []
    for match in _ARTICLE.finditer(text):
        chapter = match.group(1)
        for part in re.split(r"\s*-\s*", match.group(2)):
            article = f"{chapter}-{part}"
            if article not in found:
                found.append(article)
    for match in _CODE_ONLY.finditer(text):
        if match.group(1) not in found and not any(a.startswith(match.group(1) + "-") for a in found):
            found.append(match.group(1))
    return found


def penalty(text: str) -> str | None:
    for name, pattern in PENALTIES:
        if pattern.search(text):
            return name
    return "other" if text.strip() else None


def term_years(text: str) -> float | int | None:
    """The term of a camp, prison or exile sentence in years (0.5 for six months)."""
    match = _TERM_YEARS.search(text)
    if match:
        return int(match.group(1))
    match = _TERM_MONTHS.search(text)
    if match:
        months = int(match.group(1))
        return months // 12 if months % 12 == 0 else round(months / 12, 2)
    for word, years in _TERM_WORDS.items():
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            return years
    return None


@dataclass(frozen=True)
class Attribution:
    operation: str  # order_00447, national_operation, military_collegium, special_board, court, other, unknown
    rule: str
    region: str | None


START, END = dt.date(1937, 8, 5), dt.date(1938, 11, 17)
_COURT = re.compile(r"суд|трибунал|коллеги\w*\s+по\s+уголовн", re.IGNORECASE)
_TROIKA = re.compile(r"тройк", re.IGNORECASE)


def attribute(body: str | None, date: str | None, gazetteer: Gazetteer) -> Attribution:
    """The operation a sentence most likely belongs to, and the rule that decided."""
    if not body:
        return Attribution("unknown", "no sentencing body", None)
    lower = body.lower()
    day = dt.date.fromisoformat(date) if date and len(date) == 10 else None
    in_operation = day is not None and START <= day <= END
    year_in = date is not None and date[:4] in ("1937", "1938")
    if re.search(r"комисси\w*\s+нквд|двойк", lower):
        return Attribution("national_operation", "the NKVD and Procurator's commission (the 'dvoika')", None)
    if re.search(r"вквс|вк\s+вс|военн\w*\s+коллеги", lower):
        return Attribution("military_collegium", "the Military Collegium of the Supreme Court", None)
    if re.search(r"\bосо\b|особ\w*\s+совещ|\bос\s+(?:при|нквд)", lower):
        return Attribution("special_board", "the NKVD's Special Board", None)
    region = gazetteer.resolve_body(body, on=day)
    place = region.region.name if region and region.region else None
    if _TROIKA.search(body) and "огпу" not in lower and "гпу" not in lower:
        if in_operation:
            return Attribution("order_00447", "a regional troika, sentence between 5 Aug 1937 and 17 Nov 1938", place)
        if year_in and day is None:
            return Attribution("order_00447", "a regional troika, sentence in 1937 or 1938 (day not given)", place)
        return Attribution("other", "a troika outside the operation's dates", place)
    if _COURT.search(body):
        return Attribution("court", "a court or tribunal", place)
    return Attribution("other", "another body", place)
