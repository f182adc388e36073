"""The linkage model's settings as data: Splink comparisons and blocking rules over the linkage table.

Names are compared on the columns `frame` derives (one Cyrillic spelling, the neutral surname, the civil
given name, a phonetic code), so that gender forms, church and folk forms and transliterations meet in exact
levels; string distance is `imena_jaro_winkler`, a function each engine registers, because DuckDB's own
jaro_winkler counted bytes before DuckDB 2.0 (and so misjudged Cyrillic), and Spark and SQLite have none
alike. Dates are day numbers, so distances are portable SQL. Settings objects are built fresh on every call:
Splink's Linker mutates them.
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import And, CustomRule

JARO_WINKLER = "imena_jaro_winkler"  # (a, b) -> similarity in [0, 1], by characters
NEW = "new_entry"  # the column incremental linkage marks new entries with (1 new, 0 stored)


def similar(column: str, at_least: float, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(f"{JARO_WINKLER}({column}_l, {column}_r) >= {at_least}", label_for_charts=label)


def surname() -> cl.CustomComparison:
    """Spelling, then gender form (Иванов, Иванова), a slip of the pen, sound (which survives transliteration)."""
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            cll.NullLevel("surname"),
            cll.ExactMatchLevel("surname", term_frequency_adjustments=True).configure(label_for_charts="same spelling"),
            cll.ExactMatchLevel("surname_neutral", term_frequency_adjustments=True).configure(
                label_for_charts="other gender form"
            ),
            similar("surname_neutral", 0.92, "one or two letters off"),
            cll.ExactMatchLevel("surname_sound").configure(label_for_charts="sounds alike"),
            similar("surname_neutral", 0.8, "similar"),
            cll.ElseLevel(),
        ],
    )


def forename(part: str) -> cl.CustomComparison:
    """A given name or patronymic: its civil form (Иоанн is Иван), an initial against a full name, a typo."""
    return cl.CustomComparison(
        output_column_name=part,
        comparison_levels=[
            cll.NullLevel(part),
            cll.ExactMatchLevel(f"{part}_civil", term_frequency_adjustments=True).configure(
                label_for_charts="same name (civil form)"
            ),
            cll.CustomLevel(
                f"({part}_civil_l IS NULL OR {part}_civil_r IS NULL) AND {part}_initial_l = {part}_initial_r",
                label_for_charts="initial agrees",
            ),
            similar(f"{part}_civil", 0.9, "one or two letters off"),
            cll.ElseLevel(),
        ],
    )


def birth_year() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="birth_year",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("birth_year").configure(label_for_charts="same year"),
            cll.AbsoluteDifferenceLevel("birth_year", 1).configure(label_for_charts="one year apart"),
            cll.AbsoluteDifferenceLevel("birth_year", 3).configure(label_for_charts="up to three years apart"),
            cll.ElseLevel(),
        ],
    )


def birthplace() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="birthplace",
        comparison_levels=[
            cll.NullLevel("birthplace"),
            cll.ExactMatchLevel("birthplace").configure(label_for_charts="same place"),
            similar("birthplace", 0.88, "similar spelling"),
            cll.ElseLevel(),
        ],
    )


def troika() -> cl.CustomComparison:
    """The sentencing body as printed, else its region (a troika's names vary from book to book)."""
    return cl.CustomComparison(
        output_column_name="troika",
        comparison_levels=[
            cll.NullLevel("region"),
            cll.ExactMatchLevel("troika").configure(label_for_charts="same body"),
            cll.ExactMatchLevel("region").configure(label_for_charts="same region"),
            cll.ElseLevel(),
        ],
    )


def day(column: str, near: int, far: int) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column).configure(label_for_charts="same day"),
            cll.AbsoluteDifferenceLevel(column, near).configure(label_for_charts=f"within {near} days"),
            cll.AbsoluteDifferenceLevel(column, far).configure(label_for_charts=f"within {far} days"),
            cll.ElseLevel(),
        ],
    )


def fate() -> cl.CustomComparison:
    """Execution and death dates. Early death certificates gave false dates and causes, so a death date
    against an execution date has its own level, whose weight EM finds near zero, not a mismatch's."""
    e, d = "execution_day", "death_day"
    return cl.CustomComparison(
        output_column_name="fate",
        comparison_levels=[
            cll.CustomLevel(
                f"({e}_l IS NULL AND {d}_l IS NULL) OR ({e}_r IS NULL AND {d}_r IS NULL)", label_for_charts="unknown"
            ).configure(is_null_level=True),
            cll.CustomLevel(f"{e}_l = {e}_r", label_for_charts="same execution day"),
            cll.CustomLevel(f"abs({e}_l - {e}_r) <= 3", label_for_charts="executions within 3 days"),
            cll.CustomLevel(f"{d}_l = {d}_r", label_for_charts="same death day"),
            cll.CustomLevel(
                f"({e}_l IS NOT NULL AND {d}_r IS NOT NULL) OR ({d}_l IS NOT NULL AND {e}_r IS NOT NULL)",
                label_for_charts="death date against execution date (certificates were falsified)",
            ),
            cll.ElseLevel().configure(label_for_charts="different dates"),
        ],
    )


def comparisons() -> list[Any]:
    return [
        surname(),
        forename("given"),
        forename("patronymic"),
        birth_year(),
        birthplace(),
        troika(),
        day("arrest_day", 7, 60),
        day("sentence_day", 3, 30),
        fate(),
    ]


# Each rule keeps the pairs that agree on its columns; their union is what is compared. Each leaves out a
# different field, so one misspelt or missing field does not hide a pair: a surname typo is caught by the
# given name, patronymic and birth year, a given-name typo by the surname's sound and the year, and so on.
PREDICTION_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("surname_neutral", "given_civil"),
    ("surname_sound", "birth_year"),
    ("given_civil", "patronymic_civil", "birth_year"),
    ("surname_sound", "given_initial", "patronymic_initial"),
    ("sentence_day", "birth_year", "given_initial"),
    ("execution_day", "given_civil", "patronymic_initial"),
)
# EM runs twice: once with names fixed (to learn everything else), once with birth year, sentence day and
# region fixed (to learn names; the region keeps the pairs few where a troika sentenced hundreds a day).
TRAINING_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("surname_neutral", "given_civil", "patronymic_civil"),
    ("birth_year", "sentence_day", "region"),
)
# Pairs surely the same person's, for the prior: names and birth year all agree.
DETERMINISTIC_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("surname_neutral", "given_civil", "patronymic_civil", "birth_year"),
)


def blocking_rules(*, only_new: bool = False) -> list[Any]:
    """The prediction rules; `only_new` keeps only pairs with at least one new entry (incremental linkage)."""
    rules = [block_on(*columns) for columns in PREDICTION_BLOCKS]
    if only_new:
        rules = [And(rule, CustomRule(f"l.{NEW} = 1 OR r.{NEW} = 1")) for rule in rules]
    return rules


def settings(*, only_new: bool = False, detailed: bool = False) -> SettingsCreator:
    """Fresh Splink settings for linking entries within and across sources; `detailed` keeps each pair's
    values and per-comparison weights (for explanations: at a million entries they would fill the memory)."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(only_new=only_new),
        retain_intermediate_calculation_columns=detailed,
        retain_matching_columns=detailed,
    )
