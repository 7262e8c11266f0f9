"""How the report reads one dimension of a dyad: evidence rules, level, trend, breaks and benchmark rank.

The values come from the convergence profile (:mod:`amity.report.dimensions`); the statistics from
:mod:`amity.measures._stats`. The rules, each stated in the report's method section:

- *Minimum evidence.* A UN year with fewer than ``min_votes`` (default 20) roll calls both states voted
  on is *thin*: shown (hollow marker, "thin" in the tables) but never the level, trend, break, rank or
  percentile a finding or the scorecard quotes.
- *Level*: the last year with enough evidence, its evidence size ``n``, its rank among A's partners
  that year and, only for dimensions where it means something (:attr:`ReportDimension.percentile`), its
  mid-rank percentile among all dyads, saying among what.
- *Trend*: the OLS slope over the last ``window`` (10) usable years with its 95 % interval; called
  *rising*/*falling* only when the interval excludes zero and the fitted change exceeds the series'
  year-to-year noise, *within noise* otherwise.
- *Breaks*: :func:`amity.measures._stats.detect_breaks` on the usable years (PELT, segments of at least
  five years, BIC penalty, each break surviving a two-standard-error test); the level since the last
  break against the segment before, "within noise" when the two means differ by less than two
  standard errors of their difference.
- *Call*: converging / diverging / stable (the trend read with the dimension's closer direction), or
  "no data since YEAR" when the source stops more than two years before the report's end.
- *Long run*: the mean of the first five usable years against the last five; closer or further apart
  when they differ by more than two standard errors of the difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from amity.measures import _stats as st
from amity.report.dimensions import ReportDimension

DEFAULT_MIN_VOTES = 20
UN_KEYS = ("un_agree", "un_s_abs", "un_kappa")


@dataclass
class Reading:
    """The report's reading of one dimension for one ordered pair (see the module docstring)."""

    key: str
    values: pd.Series  # every year with data
    usable: pd.Series  # years with enough evidence
    thin: list[int] = field(default_factory=list)
    n: pd.Series | None = None  # evidence per year (joint UN votes), where the dimension has one
    last_year: int | None = None
    latest: float | None = None
    n_latest: int | None = None
    pct: float | None = None
    among: int | None = None
    trend: st.Trend | None = None
    direction: str = "no data"  # rising / falling / within noise / changed / unchanged / no data
    breaks: list[int] = field(default_factory=list)
    after: tuple[float, float, int] = (math.nan, math.nan, 0)
    before: tuple[float, float, int] = (math.nan, math.nan, 0)
    rank: int | None = None  # among A's benchmark partners: (A, partner) in the same year
    of: int | None = None
    rank_b: int | None = None  # among B's benchmark partners: (B, partner) in the same year
    of_b: int | None = None
    data_end: int | None = None
    call: str = "no data"
    # the long run: mean (se, years) of the first and the last LONG_RUN usable years, and its reading
    first: tuple[float, float, int] = (math.nan, math.nan, 0)
    last: tuple[float, float, int] = (math.nan, math.nan, 0)
    long_call: str = "no data"  # closer / further apart / no change beyond the noise

    @property
    def since(self) -> int | None:
        """The last break when the level shifted beyond the noise there, else the trend window's start."""
        if self.breaks and not self.shift_within_noise:
            return self.breaks[-1]
        return self.trend.first if self.trend is not None else None

    @property
    def shift_within_noise(self) -> bool:
        (m1, s1, _), (m0, s0, _) = self.after, self.before
        if any(math.isnan(v) for v in (m1, m0)):
            return True
        se = math.sqrt((0 if math.isnan(s1) else s1) ** 2 + (0 if math.isnan(s0) else s0) ** 2)
        return abs(m1 - m0) <= 2 * se


def _direction(dim: ReportDimension, usable: pd.Series, window: int) -> tuple[st.Trend | None, str]:
    if usable.empty:
        return None, "no data"
    recent = usable[usable.index > usable.index.max() - window]
    if dim.step:
        changed = recent.nunique() > 1
        return None, "changed" if changed else "unchanged"
    trend = st.ols_trend(recent.index.to_numpy(), recent.to_numpy(dtype=float))
    if trend is None:
        return None, "within noise"
    called = st.trend_direction(trend.slope, trend.last - trend.first, usable.to_numpy(dtype=float))
    if trend.excludes_zero and called != "flat":
        return trend, called
    return trend, "within noise"


def _call(dim: ReportDimension, r: Reading, span_end: int) -> str:
    if r.last_year is None:
        return "no data"
    if r.last_year < span_end - 2:
        return f"no data since {r.last_year}"
    if dim.step:
        if r.direction == "changed" and dim.spec.higher_is != "neither":
            last, first = r.usable.iloc[-1], r.usable[r.usable.index > r.last_year - 10].iloc[0]
            closer = (last > first) == (dim.spec.higher_is == "closer")
            return "converging" if closer else "diverging"
        return "stable"
    if r.direction in ("rising", "falling") and dim.spec.higher_is != "neither":
        up = r.direction == "rising"
        return "converging" if up == (dim.spec.higher_is == "closer") else "diverging"
    if r.direction in ("rising", "falling"):
        return r.direction
    return "stable"


def rank_among(value: float, others: dict[int, float], higher_is_closer: bool) -> tuple[int, int]:
    """1-based rank of ``value`` among ``others`` plus itself (1 = closest), ties sharing the better rank."""
    vals = [v for v in others.values() if v is not None and not math.isnan(v)]
    better = sum(1 for v in vals if (v > value if higher_is_closer else v < value))
    return better + 1, len(vals) + 1


def read(
    dim: ReportDimension,
    values: pd.Series,
    pct: pd.Series,
    among: dict[int, int],
    n: pd.Series | None,
    data_end: int | None,
    span_end: int,
    window: int = 10,
    min_votes: int = DEFAULT_MIN_VOTES,
    partners: dict[int, pd.Series] | None = None,
    partners_b: dict[int, pd.Series] | None = None,
) -> Reading:
    """Read one dimension of the focal pair.

    ``values``/``pct``: the profile's series by year (NA dropped); ``among``: year -> dyads the
    percentile ranks among; ``n``: joint votes per year for the UN dimensions (None otherwise);
    ``partners``: partner code -> the same dimension for (A, partner), for the rank; ``partners_b``: the
    same for (B, partner), for the rank among B's partners.
    """
    thin = sorted(int(y) for y in values.index if n is not None and (pd.isna(n.get(y)) or n.get(y) < min_votes))
    usable = values[~values.index.isin(thin)]
    r = Reading(dim.key, values, usable, thin, n, data_end=data_end)
    r.trend, r.direction = _direction(dim, usable, window)
    if usable.empty:
        r.call = "no data"
        return r
    r.last_year, r.latest = int(usable.index[-1]), float(usable.iloc[-1])
    if n is not None and not pd.isna(n.get(r.last_year)):
        r.n_latest = int(n.get(r.last_year))
    if dim.percentile and r.last_year in pct.index and not pd.isna(pct.get(r.last_year)):
        r.pct, r.among = float(pct[r.last_year]), among.get(r.last_year)
    if not dim.step:
        years, vals = usable.index.to_numpy(), usable.to_numpy(dtype=float)
        r.breaks = st.detect_breaks(years, vals)
        if r.breaks:
            prev = r.breaks[-2] if len(r.breaks) > 1 else -np.inf
            r.after = st.segment_mean(years, vals, r.breaks[-1], np.inf)
            r.before = st.segment_mean(years, vals, prev, r.breaks[-1])
    for group, fields in ((partners, ("rank", "of")), (partners_b, ("rank_b", "of_b"))):
        if group and dim.spec.higher_is != "neither":
            others = {c: float(s[r.last_year]) for c, s in group.items() if r.last_year in s.index}
            if others:
                for f, v in zip(fields, rank_among(r.latest, others, dim.spec.higher_is == "closer")):
                    setattr(r, f, v)
    r.call = _call(dim, r, span_end)
    _long_run(dim, r)
    return r


LONG_RUN = 5  # years averaged at each end of the span for the long-run comparison


def _long_run(dim: ReportDimension, r: Reading) -> None:
    """Compare the mean of the first and the last :data:`LONG_RUN` usable years: a change of more than two
    standard errors of the difference (the spread of each end, ``sd / sqrt(n)``, floored at the series'
    noise scale ``/ sqrt(n)``) is read with the dimension's closer direction."""
    u = r.usable
    if len(u) < 2 * LONG_RUN or dim.spec.higher_is == "neither":
        return
    years, vals = u.index.to_numpy(), u.to_numpy(dtype=float)
    r.first = st.segment_mean(years, vals, years[0], years[LONG_RUN - 1] + 1)
    r.last = st.segment_mean(years, vals, years[-LONG_RUN], np.inf)
    floor = st.noise_scale(vals) / math.sqrt(LONG_RUN)
    se = math.hypot(max(r.first[1] if not math.isnan(r.first[1]) else 0, floor),
                    max(r.last[1] if not math.isnan(r.last[1]) else 0, floor))
    diff = r.last[0] - r.first[0]
    if abs(diff) <= 2 * se:
        r.long_call = "no change beyond the noise"
    else:
        r.long_call = "closer" if (diff > 0) == (dim.spec.higher_is == "closer") else "further apart"
