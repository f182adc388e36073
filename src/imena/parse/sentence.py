"""A sentence's articles, class of penalty and term, and the operation it most likely belongs to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from imena.gazetteer import Gazetteer

# "58-10", "58-2-8-11", "58 п. 10", "58-1а", "54-10", "ст. 162 п. "д"" (only numbered articles are listed).
_ARTICLE = re.compile(r"\b(5[48]|\d{2,3})(?:\s*п\.\s*|\s*-\s*)(\d{1,2}[аб]?(?:\s*-\s*\d{1,2}[аб]?)*)")
# An article without a part: "ст. 35", "72 УК БССР", "72 - Участие в ...", a bare "58".
_CODE_ONLY = re.compile(
    r"(?:\bст\.\s*|^|(?<=[\s,(]))(?<!п\.\s)(?<!п\.)(\d{2,3})\b(?!\s*[-.]\s*\d|\s*п\.|\s*(?:лет|год|г\.|%))"
)
_TERM_YEARS = re.compile(r"(\d{1,2})\s*(?:годам|года|год\b|лет|л\.|г\.|Jahren|ГЛС)", re.IGNORECASE)
_TERM_MONTHS = re.compile(r"(\d{1,2})\s*(?:месяц\w*|мес\.)", re.IGNORECASE)
_TERM_WORDS = {"десяти": 10, "восьми": 8, "пяти": 5, "трем": 3, "трех": 3, "десять": 10, "восемь": 8}

# The first pattern that fits decides: named penalties before a bare term ("10 лет" alone means camp).
_DEATH = re.compile(r"ВМН|высш\w+\s+мер|расстрел|рассстрел|к\s+смерт|zum\s+Tode", re.IGNORECASE)
_CAMP = re.compile(
    r"ИТЛ|лагер|исправительно-трудов|концлагер|Lagerhaft|лишени\w+\s+свобод|\bл/св?\b|\bГЛС\b", re.IGNORECASE
)
_PRISON = re.compile(r"тюрем|тюрьм|политизолятор", re.IGNORECASE)
_EXILE = re.compile(r"ссылк|сослан|лиш\w*\.?\s*прав\w*\.?\s*прож|минус\s*\d", re.IGNORECASE)
_DEPORTATION = re.compile(r"спецпосел|с/п\b|трудпосел|выселен|высла[нт]|высы+лк|раскулач|депорт", re.IGNORECASE)
_DISENFRANCHISED = re.compile(r"лиш\w*\s+избирательн|лишен\w*\s+голос", re.IGNORECASE)
_OTHER = re.compile(r"условн|трударм|трудов\w+\s+арми|принуд\w*\s+работ|исправительн\w+\s+работ|штраф", re.I)
_BARE_TERM = re.compile(r"\d+\s*(?:лет|годам|года|г\.)(?!\s*р)|\b(?:десяти|восьми|пяти)\s+лет", re.IGNORECASE)
_TERM = re.compile(r"\d+\s*(?:лет|годам|года|год|г\.)(?!\s*р)|сроком", re.IGNORECASE)


def articles(charge: str, wording: str = "") -> list[str]:
    """Each article of a charge on its own: "58-2-8-11" → 58-2, 58-8, 58-11; "58 п. 10" → 58-10. Articles
    without a part ("72 УК БССР") are read from the charge only: in a sentence's wording a bare number is a term."""
    found: list[str] = []
    for match in _ARTICLE.finditer(f"{charge} {wording}"):
        chapter = match.group(1)
        for part in re.split(r"\s*-\s*", match.group(2)):
            article = f"{chapter}-{part}"
            if article not in found:
                found.append(article)
    for match in _CODE_ONLY.finditer(charge):
        if match.group(1) not in found and not any(a.startswith(match.group(1) + "-") for a in found):
            found.append(match.group(1))
    return found


def penalty(text: str) -> str | None:
    """The class of a sentence's penalty; None where the wording names none ("дело прекращено")."""
    if _DEATH.search(text):
        return "death"
    if _OTHER.search(text):
        return "other"
    if _CAMP.search(text):
        return "camp"
    if _PRISON.search(text):
        return "prison"
    if _EXILE.search(text):
        return "exile"
    if _DEPORTATION.search(text):
        # a family deported as a group is special settlement; one person sent away for a term is exile
        return "exile" if _TERM.search(text) and not re.search(r"спецпосел|с/п\b", text) else "special_settlement"
    if _DISENFRANCHISED.search(text):
        return "disenfranchisement"
    if _BARE_TERM.search(text):
        return "camp"
    return None


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
