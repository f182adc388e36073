"""Charts of the operation drawn as inline SVG on the server: no JavaScript library, readable without scripts,
and an unknown value drawn as a gap (a dashed outline at its known lower bound), never as zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from markupsafe import Markup

WIDTH = 760
LABEL = 230  # the width of the units' names left of the bars
BAR, STEP = 14, 20


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _svg(kind: str, height: float, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" data-chart="{kind}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


_HATCH = (
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/>'
    "</pattern></defs>"
)


def limit_bars(units: Sequence[dict[str, Any]], title: str, t: Callable[[str], str], kind: str = "limits") -> Markup:
    """Each unit's limit as a bar: first category then second; a limit not known, a dashed gap at its lower bound."""
    rows = sorted(units, key=lambda u: -(u["total"] or u["at_least"]["total"] or 0))
    top = max([u["total"] or u["at_least"]["total"] or 0 for u in rows] or [1]) or 1
    scale = (WIDTH - LABEL - 90) / top
    body = [_HATCH]
    for i, u in enumerate(rows):
        y = 4 + i * STEP
        body.append(f'<text x="{LABEL - 6}" y="{y + 11}" class="label" text-anchor="end">{escape(u["unit"])}</text>')
        first, second, total = u["first_category"], u["second_category"], u["total"]
        x: float = LABEL
        if first is not None and second is not None:
            for value, cls in ((first, "first"), (second, "second")):
                body.append(f'<rect class="bar {cls}" x="{x:.1f}" y="{y}" width="{value * scale:.1f}" height="{BAR}"/>')
                x += value * scale
            note = _n(first + second)
        elif total is not None:
            body.append(f'<rect class="bar partial" x="{x}" y="{y}" width="{total * scale:.1f}" height="{BAR}"/>')
            x += total * scale
            note = f"{_n(total)} ({t('op.unknown')} 1/2)"
        else:
            low = u["at_least"]["total"] or 0
            body.append(f'<rect class="bar gap" x="{x}" y="{y}" width="{max(low * scale, 2):.1f}" height="{BAR}"/>')
            x += max(low * scale, 2)
            note = f"{t('op.unknown')}" + (f", ≥ {_n(low)}" if low else "")
        body.append(f'<text x="{x + 4:.1f}" y="{y + 11}" class="value">{escape(note)}</text>')
    return _svg(kind, 8 + len(rows) * STEP, title, body)


START, END = dt.date(1937, 7, 1), dt.date(1938, 12, 31)


def _x(date: dt.date, left: float, width: float) -> float:
    return left + width * (date - START).days / (END - START).days


def plan_timeline(rows: Sequence[dict[str, Any]], title: str, t: Callable[[str], str]) -> Markup:
    """The national plan as a step line (dashed where only a lower bound is known) with the NKVD's reports."""
    national = [r for r in rows if r["scope"] == "СССР"]
    plan = [r for r in national if r["measure"] == "limit_total" and r["kind"] == "plan"]
    reports = {m: [r for r in national if r["measure"] == m and r["kind"] == "report"] for m in ("sentenced", "shot")}
    values = [r["value"] or r["lower_bound"] or 0 for r in [*plan, *reports["sentenced"], *reports["shot"]]]
    top = max([*values, 1]) * 1.08
    left, width, height, plot = 70.0, WIDTH - 90.0, 300.0, 250.0

    def y(value: float) -> float:
        return 20 + plot * (1 - value / top)

    body = []
    for k in range(5):
        value = top * k / 4
        body.append(f'<line class="grid" x1="{left}" x2="{left + width}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>')
        body.append(f'<text class="axis" x="{left - 4}" y="{y(value) + 4:.1f}" text-anchor="end">{_n(value)}</text>')
    for month in range(7, 25, 3):
        date = dt.date(1937 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        x = _x(date, left, width)
        body.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="20" y2="{20 + plot}"/>')
        body.append(f'<text class="axis" x="{x:.1f}" y="{36 + plot}" text-anchor="middle">{date:%m.%Y}</text>')
    steps = sorted(plan, key=lambda r: r["date"])
    for i, r in enumerate(steps):
        start = dt.date.fromisoformat(r["date"])
        end = dt.date.fromisoformat(steps[i + 1]["date"]) if i + 1 < len(steps) else END
        known = r["value"] is not None
        value = r["value"] if known else (r["lower_bound"] or 0)
        cls = "plan" if known else "plan gap"
        x1, x2 = _x(start, left, width), _x(end, left, width)
        body.append(
            f'<rect class="bar {cls}" x="{x1:.1f}" y="{y(value):.1f}" width="{max(x2 - x1, 1):.1f}" '
            f'height="{20 + plot - y(value):.1f}"><title>{r["date"]}: {escape(_value(r, t))}</title></rect>'
        )
    for measure, cls in (("sentenced", "sentenced"), ("shot", "shot")):
        for r in reports[measure]:
            if r["value"] is None:
                continue
            cx, cy = _x(dt.date.fromisoformat(r["date"]), left, width), y(r["value"])
            body.append(
                f'<circle class="point {cls}" cx="{cx:.1f}" cy="{cy:.1f}" r="5">'
                f"<title>{r['date']}: {escape(measure)} {_n(r['value'])}</title></circle>"
            )
    return _svg("timeline", height, title, body)


def _value(row: dict[str, Any], t: Callable[[str], str]) -> str:
    if row["value"] is not None:
        return _n(row["value"])
    return t("op.unknown") + (f", {t('op.at_least')} {_n(row['lower_bound'])}" if row["lower_bound"] else "")


def gap_bars(republics: Sequence[dict[str, Any]], title: str, t: Callable[[str], str]) -> Markup:
    """Each republic's total limit split into what its known rows explain and the gap no known row explains."""
    top = max([r["total"]["total"] or 0 for r in republics] or [1]) or 1
    scale = (WIDTH - LABEL - 110) / top
    body = [_HATCH]
    for i, r in enumerate(republics):
        y = 4 + i * STEP
        total = r["total"]["total"] or 0
        explained = r["explained"]["total"] or 0
        gap = max(total - explained, 0)
        body.append(f'<text x="{LABEL - 6}" y="{y + 11}" class="label" text-anchor="end">{escape(r["unit"])}</text>')
        body.append(f'<rect class="bar explained" x="{LABEL}" y="{y}" width="{explained * scale:.1f}" height="{BAR}"/>')
        x = LABEL + explained * scale
        if gap:
            body.append(f'<rect class="bar gap" x="{x:.1f}" y="{y}" width="{gap * scale:.1f}" height="{BAR}"/>')
            x += gap * scale
        note = f"{_n(explained)} / {_n(total)}" + (f" ({t('op.legend_gap')} {_n(gap)})" if gap else "")
        body.append(f'<text x="{x + 4:.1f}" y="{y + 11}" class="value">{escape(note)}</text>')
    return _svg("gaps", 8 + len(republics) * STEP, title, body)


def interval_bars(strata: Sequence[dict[str, Any]], title: str, t: Callable[[str], str]) -> Markup:
    """Each stratum's observed people as a bar and its 95% interval as a line with the estimate marked on it; a
    refused stratum shows its observed people and the word "refused", never an invented estimate."""
    top = max([s["upper"] or s["observed"] or 0 for s in strata] or [1]) or 1
    scale = (WIDTH - LABEL - 150) / top
    body = []
    for i, s in enumerate(strata):
        y = 4 + i * STEP
        middle = y + BAR / 2
        body.append(f'<text x="{LABEL - 6}" y="{y + 11}" class="label" text-anchor="end">{escape(s["stratum"])}</text>')
        body.append(
            f'<rect class="bar observed" x="{LABEL}" y="{y + 3}" width="{max(s["observed"] * scale, 1):.1f}" '
            f'height="{BAR - 6}"><title>{escape(t("est.observed"))}: {_n(s["observed"])}</title></rect>'
        )
        if s["estimate"] is None:
            x = LABEL + s["observed"] * scale
            body.append(f'<text x="{x + 4:.1f}" y="{y + 11}" class="value refused">{escape(t("est.refused"))}</text>')
            continue
        low, high, mid = (LABEL + s[key] * scale for key in ("lower", "upper", "estimate"))
        note = f"{_n(s['estimate'])} ({_n(s['lower'])}–{_n(s['upper'])})"
        body.append(
            f'<g class="interval"><title>{escape(t("est.estimate"))} {escape(note)}</title>'
            f'<line x1="{low:.1f}" x2="{high:.1f}" y1="{middle}" y2="{middle}"/>'
            f'<line x1="{low:.1f}" x2="{low:.1f}" y1="{y + 1}" y2="{y + BAR - 1}"/>'
            f'<line x1="{high:.1f}" x2="{high:.1f}" y1="{y + 1}" y2="{y + BAR - 1}"/>'
            f'<circle class="estimate" cx="{mid:.1f}" cy="{middle}" r="4"/></g>'
        )
        body.append(f'<text x="{high + 6:.1f}" y="{y + 11}" class="value">{escape(note)}</text>')
    return _svg("estimates", 8 + len(strata) * STEP, title, body)


def coverage_bars(rows: Sequence[dict[str, Any]], title: str, t: Callable[[str], str]) -> Markup:
    """Each row's documented persons as a share of its limit in force; where the limit is a gap in the ledger,
    a dashed gap and the words "limit unknown", never a share of zero or of a guessed limit."""
    compared = [r for r in rows if r["limits"] is not None]
    top = max([r["coverage_of_limits"]["total"] or 0 for r in compared] or [0]) or 1
    scale = (WIDTH - LABEL - 200) / top
    body = [_HATCH]
    for i, r in enumerate(compared):
        y = 4 + i * STEP
        documented = r.get("documented_to_date", r["documented"]["total"])
        share, limit = r["coverage_of_limits"]["total"], r["limits"]["total"]
        body.append(f'<text x="{LABEL - 6}" y="{y + 11}" class="label" text-anchor="end">{escape(r["key"])}</text>')
        if share is None or limit is None:
            body.append(f'<rect class="bar gap" x="{LABEL}" y="{y}" width="40" height="{BAR}"/>')
            note = f"{_n(documented)} / {t('rec.limit_unknown')}"
            body.append(f'<text x="{LABEL + 44}" y="{y + 11}" class="value">{escape(note)}</text>')
            continue
        width = max(share * scale, 1)
        body.append(f'<rect class="bar covered" x="{LABEL}" y="{y}" width="{width:.1f}" height="{BAR}"/>')
        note = f"{_n(documented)} / {_n(limit)} ({share:.2%})"
        body.append(f'<text x="{LABEL + width + 4:.1f}" y="{y + 11}" class="value">{escape(note)}</text>')
    return _svg("coverage", 8 + len(compared) * STEP, title, body)
