"""Findings: short templated statements filled with numbers from the convergence profiles.

No language model: every sentence is a template filled with values that
:func:`amity.measures.convergence.convergence` and :func:`~amity.measures.convergence.convergence_summary`
computed, so the report says what ``amity convergence`` says.

- *Level*: the latest value in the span and the dyad's percentile among all dyads with data that year
  (mid-rank; the finding says among what, and how many).
- *Trend*: the OLS slope per year over the last ``window`` (10) years with data, called rising or falling
  when the fitted change over those years is at least the series' year-to-year noise (robust scale of
  first differences), flat otherwise (``convergence.trend_direction``).
- *Structural breaks*: the years where the series changes level or slope (``convergence.detect_breaks``:
  ``ruptures`` PELT with a linear cost and a BIC-type penalty), and the level since the last break against
  the segment before. Step-valued series (disputes, rivalry) list the years their value changed instead.
- *Contrast*: two dimensions of the focal dyad whose recent trends disagree on whether it is converging.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

from amity.report.dimensions import ReportDimension, segment_mean


@dataclass
class Finding:
    text: str
    value: float | int | str | None
    source: str  # source names and version
    citation: str
    kind: str  # level, trend, break, contrast, balance, exposure, article
    dimension: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def fmt(value, dim: ReportDimension) -> str:
    """A value in the dimension's natural units for prose."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if dim.style == "share":
        return f"{value:.0%}"
    if dim.style == "money":
        return f"US${value:,.0f}m"
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def _years(ys: list[int]) -> str:
    return ", ".join(map(str, ys[:-1])) + f" and {ys[-1]}" if len(ys) > 1 else str(ys[0])


def dimension_findings(
    dim: ReportDimension,
    dyad: str,
    s: pd.Series,
    row: pd.Series | None,
    breaks: list[int],
    span: tuple[int, int],
    src: dict,
    window: int,
) -> list[Finding]:
    """Level, trend and break findings for one dimension of the focal dyad.

    ``s``: the profile's values by year; ``row``: its :func:`convergence_summary` row; ``breaks``: the
    profile's break years; ``src``: the dimension's source (``Profiles.source``).
    """
    source, cite = f"{src['source']} ({src['version']})", src["citation"]
    if row is None or s.empty:
        return [Finding(f"{dim.label}: no data for {dyad} in {span[0]}–{span[1]} (source covers "
                        f"{src['first_year']}–{src['last_year']}).", None, source, cite, "level", dim.key)]
    last_year, latest = int(row["last_year"]), float(row["latest"])
    out = [Finding(_level_text(dim, dyad, row, span), round(latest, 4), source, cite, "level", dim.key)]
    if s.nunique() < 2:
        return out  # constant over the span: the level says it all
    if dim.step:
        changes = s[s.diff().fillna(0) != 0]
        out.append(Finding(
            f"{dim.label}: {dyad} went from {fmt(s.iloc[0], dim)} in {int(s.index[0])} to {fmt(latest, dim)} in "
            f"{last_year}, changing in " + ", ".join(f"{int(y)} (to {fmt(v, dim)})" for y, v in changes.items())
            + ".", latest, source, cite, "trend", dim.key))
    else:
        t0, t1, slope = int(row["trend_from"]), int(row["trend_to"]), float(row["trend"])
        recent = f"{fmt(s.loc[t0], dim)} in {t0}, {fmt(latest, dim)} in {t1}"
        how = f"OLS slope {slope:+.3g} per year over the last {window} years with data"
        if row["direction"] == "flat":
            text = (f"{dim.label}: no clear trend for {dyad} over {t0}–{t1} ({recent}; {how}, a change smaller "
                    "than its year-to-year noise).")
        else:
            text = f"{dim.label}: {dyad} {row['direction']} over {t0}–{t1} ({recent}; {how})."
        out.append(Finding(text, round(slope, 6), source, cite, "trend", dim.key))
    if breaks:
        since = float(row["level_since"])
        before = segment_mean(s, breaks)
        word = "higher" if since > before else "lower"
        out.append(Finding(
            f"{dim.label}: structural break{'s' if len(breaks) > 1 else ''} for {dyad} in {_years(breaks)} "
            f"(change of level or slope); since {breaks[-1]} the level averages {fmt(since, dim)}, {word} than "
            f"{fmt(before, dim)} in the segment before.", breaks[-1], source, cite, "break", dim.key))
    return out


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, …"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _level_text(dim: ReportDimension, dyad: str, row: pd.Series, span: tuple[int, int]) -> str:
    last_year, latest = int(row["last_year"]), float(row["latest"])
    if dim.key == "cap_share":
        text = f"{dim.label}: {dyad.split('–')[0]}'s share of {dyad} capabilities at {fmt(latest, dim)} in {last_year}"
    else:
        text = f"{dim.label}: {dyad} at {fmt(latest, dim)} in {last_year}"
    if dim.key == "un_agree" and not pd.isna(row.get("un_n")):
        text += f" ({int(row['un_n'])} joint votes)"
    pct, among = row.get("latest_pct"), row.get("among")
    if not dim.step and not pd.isna(pct) and not pd.isna(among):
        text += f", the {ordinal(round(pct))} percentile among {int(among):,} {dim.among}"
    if last_year < span[1]:
        text += f" (data end in {last_year})"
    return text + "."


def _lower(label: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("UN voting ...")."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _closer(dim: ReportDimension, row: pd.Series | None) -> int | None:
    """+1 if the recent trend brings the dyad closer, -1 further apart, 0 flat; None if not a closeness scale."""
    if row is None or dim.spec.higher_is == "neither" or dim.step:
        return None
    sign = {"rising": 1, "falling": -1, "flat": 0}[row["direction"]]
    return sign * (1 if dim.spec.higher_is == "closer" else -1)


def contrasts(rows: dict[str, tuple[ReportDimension, pd.Series | None, dict]], dyad: str) -> list[Finding]:
    """One finding when the focal dyad's recent trends disagree: some dimensions bring it closer while
    others move it apart (or, for UN voting, the usual yardstick, stay flat).

    ``rows``: dimension key -> (dimension, its summary row, its source).
    """
    moving = [(d, r, src, _closer(d, r)) for d, r, src in rows.values()]
    moving = [m for m in moving if m[3] is not None]
    closer = [m for m in moving if m[3] > 0]
    apart = [m for m in moving if m[3] < 0]
    flat = [m for m in moving if m[3] == 0 and m[0].key == "un_agree"]
    if not closer or not (apart or flat):
        return []

    def words(group) -> str:
        items = [f"{_lower(d.label)} ({r['direction']} {r['trend_from']:.0f}–{r['trend_to']:.0f})"
                 for d, r, _, _ in group]
        return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]

    text = f"Dimensions disagree for {dyad}: closer on {words(closer)}"
    if apart:
        text += f"; further apart on {words(apart)}"
    if flat:
        text += f"; no clear change on {words(flat)}"
    used = closer + apart + flat
    return [Finding(text + ".", None, "; ".join(f"{s['source']} ({s['version']})" for _, _, s, _ in used),
                    " | ".join(dict.fromkeys(s["citation"] for _, _, s, _ in used)), "contrast",
                    ",".join(d.key for d, _, _, _ in used))]
