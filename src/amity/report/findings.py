"""Findings: short templated statements computed from the numbers, each with its figure and source.

No language model: every sentence is a template filled with values from the series.

- *Level*: the latest value in the span and, where ranked, the dyad's percentile among all dyads that
  year (the finding says among what, and how many).
- *Trend*: Theil-Sen slope (Sen 1968) over the span, called rising/falling when Kendall's tau is
  significant at 5% (the Mann-Kendall test, Mann 1945), flat otherwise.
- *Structural break*: one change in mean found by binary segmentation with an L2 cost (``ruptures``,
  Truong, Oudre & Vayatis 2020), kept only if it lowers the cost by more than the penalty
  ``2 σ² log n`` (a BIC-type penalty with σ estimated from first differences, σ = MAD(Δx)/(0.6745√2)).
- *Contrast*: two dimensions of the focal dyad whose significant trends point in opposite directions of
  closeness over the same span.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import ruptures
from scipy import stats

from amity.report.dimensions import Dimension

# Step-valued dimensions: their changes are listed year by year instead of a slope or a break.
ORDINAL = ("alliance", "conflict", "rivalry")


@dataclass
class Finding:
    text: str
    value: float | int | str | None
    source: str  # table and version
    citation: str
    kind: str  # level, trend, break, contrast, balance, exposure, article
    dimension: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Trend:
    direction: str  # rising, falling, flat
    slope: float  # per year (Theil-Sen)
    p_value: float
    first_year: int
    last_year: int
    first_value: float
    last_value: float


@dataclass
class Break:
    year: int  # first year of the new regime
    before: float  # mean before
    after: float  # mean from ``year`` on


def trend(s: pd.Series, alpha: float = 0.05) -> Trend | None:
    """Theil-Sen slope and Mann-Kendall direction of a yearly series (None under 5 points or constant)."""
    s = s.dropna()
    if len(s) < 5 or s.nunique() < 2:
        return None
    x, y = s.index.to_numpy(float), s.to_numpy(float)
    slope = stats.theilslopes(y, x).slope
    tau = stats.kendalltau(x, y)
    p = float(tau.pvalue) if not math.isnan(tau.pvalue) else 1.0
    direction = "flat" if p >= alpha else ("rising" if tau.statistic > 0 else "falling")
    return Trend(direction, float(slope), p, int(x[0]), int(x[-1]), float(y[0]), float(y[-1]))


def structural_break(s: pd.Series, min_size: int = 3) -> Break | None:
    """The single strongest change in mean, if it beats the BIC-type penalty (see module docstring)."""
    s = s.dropna()
    n = len(s)
    if n < 2 * min_size + 1 or s.nunique() < 2:
        return None
    y = s.to_numpy(float)
    diffs = np.diff(y)
    sigma = np.median(np.abs(diffs - np.median(diffs))) / (0.6745 * math.sqrt(2))
    if sigma == 0:  # a step series: any change is real, so penalise by the smallest step instead
        nz = np.abs(diffs[diffs != 0])
        sigma = float(nz.min()) / 2 if len(nz) else 0.0
    algo = ruptures.Binseg(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1))
    bkps = algo.predict(n_bkps=1)
    cut = bkps[0]
    if cut >= n:
        return None
    gain = algo.cost.sum_of_costs([n]) - algo.cost.sum_of_costs(bkps)
    if gain <= 2 * sigma**2 * math.log(n):
        return None
    return Break(int(s.index[cut]), float(y[:cut].mean()), float(y[cut:].mean()))


def fmt(value: float, dim: Dimension) -> str:
    """A value in the dimension's natural units for prose."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if dim.key in ("un_agree", "arms", "capability"):
        return f"{value:.0%}"
    if dim.key == "trade":
        return f"US${value:,.0f}m"
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def _src(dim: Dimension) -> tuple[str, str]:
    s = dim.source()
    return f"{s['table']} ({s['version']})", s["citation"]


def dimension_findings(
    dim: Dimension, dyad: str, s: pd.Series, ranked: pd.DataFrame | None, span: tuple[int, int]
) -> tuple[list[Finding], Trend | None]:
    """Level, trend and break findings for one dimension of the focal dyad."""
    source, cite = _src(dim)
    out: list[Finding] = []
    if s.empty:
        cov = dim.source()
        out.append(
            Finding(
                f"{dim.label}: no data for {dyad} in {span[0]}–{span[1]} (source covers "
                f"{cov['first_year']}–{cov['last_year']}).",
                None,
                source,
                cite,
                "level",
                dim.key,
            )
        )
        return out, None
    last_year, last = int(s.index[-1]), float(s.iloc[-1])
    if dim.key == "capability":
        first = dyad.split("–")[0]
        text = f"{dim.label}: {first}'s share of {dyad} capabilities at {fmt(last, dim)} in {last_year}"
    else:
        text = f"{dim.label}: {dyad} at {fmt(last, dim)} in {last_year}"
    if ranked is not None and "n" in ranked.columns and last_year in ranked.index:
        text += f" ({int(ranked.loc[last_year, 'n'])} joint votes)"
    if ranked is not None and last_year in ranked.index and not pd.isna(ranked.loc[last_year, "percentile"]):
        pct = float(ranked.loc[last_year, "percentile"])
        among = int(ranked.loc[last_year, "among"])
        text += f", the {pct:.0f}th percentile among {among:,} {dim.percentile_among.replace('all ', '')}"
    if last_year < span[1]:
        text += f" (data end in {last_year})"
    out.append(Finding(text + ".", round(last, 4), source, cite, "level", dim.key))
    tr = trend(s)
    if tr is not None and dim.key in ORDINAL:
        changes = s[s.diff().fillna(0) != 0]
        if len(changes):
            t = (
                f"{dim.label}: {dyad} went from {fmt(tr.first_value, dim)} in {tr.first_year} to "
                f"{fmt(tr.last_value, dim)} in {tr.last_year}, changing in "
                + ", ".join(f"{int(y)} (to {fmt(v, dim)})" for y, v in changes.items())
                + "."
            )
            out.append(Finding(t, float(tr.last_value), source, cite, "trend", dim.key))
    elif tr is not None:
        if tr.direction == "flat":
            t = (
                f"{dim.label}: no significant trend for {dyad} over {tr.first_year}–{tr.last_year} "
                f"({fmt(tr.first_value, dim)} → {fmt(tr.last_value, dim)}; Mann-Kendall p = {tr.p_value:.2f})."
            )
        else:
            t = (
                f"{dim.label}: {dyad} {tr.direction} over {tr.first_year}–{tr.last_year}, from "
                f"{fmt(tr.first_value, dim)} to {fmt(tr.last_value, dim)} (Theil-Sen slope {tr.slope:+.3g} "
                f"per year, Mann-Kendall p = {tr.p_value:.3f})."
            )
        out.append(Finding(t, round(tr.slope, 6), source, cite, "trend", dim.key))
    br = structural_break(s) if dim.key not in ORDINAL else None
    if br is not None:
        word = "higher" if br.after > br.before else "lower"
        out.append(
            Finding(
                f"{dim.label}: a structural break for {dyad} in {br.year} — the level since then averages "
                f"{fmt(br.after, dim)}, {word} than {fmt(br.before, dim)} before.",
                br.year,
                source,
                cite,
                "break",
                dim.key,
            )
        )
    return out, tr


def contrasts(trends: dict[str, tuple[Dimension, Trend | None]], dyad: str) -> list[Finding]:
    """Dimensions whose significant trends disagree on whether the dyad is converging."""
    moving = {}
    for key, (dim, tr) in trends.items():
        if tr is None or dim.higher_is_closer is None:
            continue
        closer = {"rising": 1, "falling": -1, "flat": 0}[tr.direction] * (1 if dim.higher_is_closer else -1)
        moving[key] = (dim, tr, closer)
    out = []
    conv = [(d, t) for d, t, c in moving.values() if c > 0]
    other = [(d, t, c) for d, t, c in moving.values() if c <= 0]
    for d1, t1 in conv:
        for d2, t2, c2 in other:
            if c2 == 0 and d2.key != "un_agree":
                continue  # a flat series is only worth contrasting for UN votes (the usual yardstick)
            how = "moved apart" if c2 < 0 else "stayed where they were"
            text = (
                f"Dimensions disagree: on {d1.label.lower()} {dyad} converged ({t1.first_year}–{t1.last_year},"
                f" {fmt(t1.first_value, d1)} → {fmt(t1.last_value, d1)}), while on {d2.label.lower()} they "
                f"{how} ({fmt(t2.first_value, d2)} → {fmt(t2.last_value, d2)})."
            )
            s1, c1 = _src(d1)
            s2, cc2 = _src(d2)
            out.append(Finding(text, None, f"{s1}; {s2}", f"{c1} | {cc2}", "contrast", f"{d1.key},{d2.key}"))
    return out
