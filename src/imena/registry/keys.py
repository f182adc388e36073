"""The keys under which an entry's name parts are found: normalised forms now, phonetic keys to come."""

from __future__ import annotations

from imena.registry.records import fold


def name_keys(surname: str | None, given: str | None, patronymic: str | None) -> list[tuple[str, str]]:
    """(part, key) pairs for the name_keys table: s, g, p for surname, given name and patronymic."""
    keys = []
    for part, value in (("s", surname), ("g", given), ("p", patronymic)):
        folded = fold(value)
        if folded:
            keys.append((part, f"n:{folded}"))
    return keys
