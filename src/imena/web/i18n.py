"""The interface's words in Russian and English: one dict per language (messages_ru, messages_en), checked by a
test to hold the same keys.

A dict rather than gettext: two languages and some hundred strings need no extraction or compilation step,
and mypy and one test keep both catalogues whole.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from imena.web.messages_en import MESSAGES_EN
from imena.web.messages_ru import MESSAGES_RU

LANGUAGES = ("ru", "en")
DEFAULT = "ru"

MESSAGES: dict[str, dict[str, str]] = {"ru": MESSAGES_RU, "en": MESSAGES_EN}


def language(request: Request) -> str:
    """The language asked for by ?lang=, else the one chosen before (a cookie), else the browser's, else Russian."""
    asked = request.query_params.get("lang") or request.cookies.get("lang")
    if asked in LANGUAGES:
        return asked
    accepted = request.headers.get("accept-language", "")
    for part in accepted.split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def reason(why: str, t: Callable[[str], str]) -> str:
    """A search hit's reason ("surname: typo", as the API gives it) in the interface's language."""
    part, _, kind = why.partition(": ")
    return f"{t('why.' + part)}: {t('why.' + kind)}" if kind else t("why." + part)


def translator(lang: str) -> Callable[[str], str]:
    """A function from a message key to its text; an unknown key shows itself, so a gap is seen, not hidden."""
    catalogue = MESSAGES.get(lang, MESSAGES[DEFAULT])
    return lambda key: catalogue.get(key, key)
