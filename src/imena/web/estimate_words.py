"""The estimate's explanation, refusals and warnings in the page's language.

`imena estimate` reports in English (its JSON is read by scripts); the Russian page says the same from the
report's method and its refusals' codes and values (`StratumEstimate.refusal`). The warnings of a fit are
worded by the estimate in English only: they are read back by their fixed words (a test makes every kind of
warning and checks that none is left in English). Kept apart from `i18n`, whose strings are short labels.
"""

from __future__ import annotations

import re
from typing import Any

from imena.web.quarantine_words import reword

_EXPLANATIONS_RU = {
    "loglinear": (
        "Оценка по нескольким спискам с логлинейными моделями: число людей, попавших в каждое сочетание "
        "списков, описывается пуассоновской регрессией с членом для каждого списка и членами для пар списков, "
        "зависящих друг от друга; подогнанное число для сочетания «ни в одном списке» и есть оценка числа людей, "
        "которых не называет ни один список.",
        "Подгоняются все модели с любым набором парных зависимостей, каждая с членом и без члена для людей, "
        "неодинаково заметных для всех списков (общее тройное взаимодействие, по Darroch et al. 1993), и модели "
        "усредняются с весами Акаике; интервал (95%) усредняет логнормальные хвосты моделей (Chao 1987; Turek "
        "and Fletcher 2012), поэтому он шире там, где модели расходятся.",
        "Допущения: население слоя замкнуто (одни и те же люди могли попасть в любой список); люди верно "
        "сопоставлены между списками; списки зависят друг от друга только попарно и через общий член "
        "неоднородности; неоднородность иной формы учтена лишь отчасти, отчего оценка склонна быть заниженной.",
    ),
    "lcmcr": (
        "Оценка по нескольким спискам с байесовской моделью латентных классов (Manrique-Vallier 2016): люди "
        "делятся на ненаблюдаемые классы, внутри которых списки независимы и у каждого списка свой шанс назвать "
        "человека этого класса; смесь классов позволяет спискам зависеть друг от друга, а людям быть "
        "по-разному заметными. Число классов определяется через процесс Дирихле.",
        "Оценка — апостериорная медиана численности слоя; интервал — её апостериорные квантили от 2,5% до "
        "97,5% по нескольким марковским цепям, чьё согласие (split R-hat), эффективное число выборок и дрейф "
        "(Geweke) проверяются и сообщаются.",
        "Допущения: население слоя замкнуто; люди верно сопоставлены между списками; конечная смесь классов с "
        "независимыми списками описывает, как пересекаются списки, в том числе для людей, которых не называет "
        "ни один из них (группу, которую пропускают все списки, модель не видит).",
    ),
}
_TOTAL_RULES_RU = {
    "loglinear": "Итог складывает оценки слоёв; слои оцениваются независимо, поэтому их дисперсии складываются, "
    "а интервал итога логнормален по общему числу неназванных.",
    "lcmcr": "Оценка и интервал итога получены из сумм апостериорных выборок слоёв, выборка за выборкой, так "
    "как слои оцениваются независимо.",
}


def explanation(document: dict[str, Any], lang: str) -> list[str]:
    """The method's paragraphs and the rule of the total, as the report has them or in Russian."""
    method = document["method"]
    if lang != "ru" or method not in _EXPLANATIONS_RU:
        return list(document["explanation"])
    return [*_EXPLANATIONS_RU[method], _TOTAL_RULES_RU[method]]


def refusal(row: dict[str, Any], lang: str) -> str | None:
    """Why a stratum (or the total) has no estimate, in the page's language; None if it has one."""
    if row.get("refused") is None:
        return None
    if lang != "ru":
        return str(row["refused"])
    found = row.get("refusal") or {}
    code = found.get("code")
    if code == "too_few_lists":
        empty = f" ({', '.join(found['empty'])} здесь никого не называют)" if found.get("empty") else ""
        return (
            f"людей в нём называют списков: {found['lists']}{empty}; нужно не меньше {found['needed']}, иначе "
            "зависимость между списками не отличить от числа людей, не записанных ни одним"
        )
    if code == "too_few_records":
        return f"в нём записано людей: лишь {found['observed']}; нужно не меньше {found['needed']}"
    if code == "diverged":
        return (
            "на этой таблице расходятся все логлинейные модели (у сочетаний, нужных взаимодействию, нет людей); "
            "объедините списки или слои либо возьмите метод латентных классов"
        )
    if code == "strata_refused":
        return f"не оценены слои: {', '.join(found['strata'])}"
    return str(row["refused"])  # a reason this page has no words for is shown as the report gives it


# (the English warning's pattern, its Russian wording with the pattern's groups)
_WARNINGS_RU = (
    (re.compile(r"the chains disagree \(split R-hat (\S+) > (\S+)\): run longer or check the data"),
     "цепи расходятся (split R-hat {0} > {1}): удлините цепи или проверьте данные"),
    (re.compile(r"few effectively independent draws \((\S+) < (\S+)\): the interval's ends are uncertain; run longer"),
     "мало практически независимых выборок ({0} < {1}): концы интервала ненадёжны; удлините цепи"),
    (re.compile(r"a chain still drifts \(Geweke \|z\| = (\S+) > (\S+)\): lengthen the burn-in"),
     "цепь ещё дрейфует (Geweke |z| = {0} > {1}): удлините разогрев"),
    (re.compile(r"(\d+) of (\d+) models diverged and were left out"),
     "моделей разошлось и не учтено: {0} из {1}"),
    (re.compile(r"no model dominates: the interval's width comes largely from disagreement between models"),
     "ни одна модель не преобладает: ширина интервала во многом от расхождения моделей"),
    (re.compile(r"most of the estimate is people no list names: it rests heavily on the model's assumptions"),
     "бо́льшая часть оценки — люди, которых не называет ни один список: она сильно зависит от допущений модели"),
)  # fmt: skip


def warnings(row: dict[str, Any], lang: str) -> list[str]:
    """A stratum's warnings in the page's language; one this page has no words for is shown as it is."""
    found = list(row.get("warnings") or ())
    return [reword(warning, _WARNINGS_RU) for warning in found] if lang == "ru" else found
