"""Memorial-book entries, as printed, to the record schema.

>>> from imena.parse import parse
>>> record = parse("Гусев Павел Ильич, род. 1902, русский, б/п. Расстрелян 14.12.1937. Место захоронения: Бутово.")
>>> record["execution"], record["burial"]
({'date': '1937-12-14', 'place': None}, {'place': 'Бутово'})
"""

from __future__ import annotations

from typing import Any

from imena.gazetteer import Gazetteer
from imena.parse.entry import PARSER_VERSION, parse_entry

# An entry longer than this is no single memorial-book entry; it is kept whole but not parsed, so that
# pathological input cannot stall a run of millions.
MAX_ENTRY = 20_000

__all__ = ["MAX_ENTRY", "PARSER_VERSION", "parse"]


def parse(text: str, identifier: str | None = None, source: str | None = None, **passing: Any) -> dict[str, Any]:
    """The record one entry states, with the input's other keys passed through and the parser's version."""
    if len(text) > MAX_ENTRY:
        record: dict[str, Any] = {"id": identifier, "source": source, "text": text, "unparsed": text}
        record["warnings"] = [f"{len(text):,} characters: too long for one entry, not parsed (limit {MAX_ENTRY:,})"]
    else:
        record = parse_entry(text, identifier, source, Gazetteer.load())
    if "\x00" in text or "\ufffd" in text:
        record["warnings"].append("the text holds control or replacement characters")
    return {**passing, **record, "parser": PARSER_VERSION}
