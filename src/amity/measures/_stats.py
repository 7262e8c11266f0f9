"""Pure statistics behind the convergence profile, the signed networks and the report: percentiles,
trends with confidence intervals, noise and structural breaks. No data access; numpy arrays in and out.

Percentile (mid-rank)
    ``pct(x) = 100 * (#{v < x} + #{v = x} / 2) / #{v}`` over the non-NA comparison values ``v``: the share
    of values below ``x`` plus half of those tied with it, so a value tied with every other sits at 50.

Trailing slope
    ``b_t`` = OLS slope of ``y`` on the year over ``[t - w + 1, t]`` (at least ``max(3, w // 2)`` values).

Trend with confidence interval (:func:`ols_trend`)
    ``b = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)²``, ``se(b) = s / sqrt(Σ(x - x̄)²)`` with ``s² = Σ e² / (n - 2)``,
    95 % interval ``b ± t(0.975, n - 2) se(b)`` (Student t). Years are treated as independent draws, so
    with serially correlated series the interval is too narrow, never too wide; :func:`trend_direction`
    therefore also asks the fitted change to exceed the year-to-year noise before calling a trend.

Noise scale (:func:`noise_scale`)
    ``σ = MAD(Δy) / 0.6745 / sqrt(2)``, the robust standard deviation of first differences divided by
    sqrt(2) (the difference of two independent errors has twice their variance), floored at 0.1 of the
    series' standard deviation so a series moving only in steps still has a scale.

Structural breaks (:func:`detect_breaks`)
    Candidates: piecewise-linear segmentation by PELT (Killick, Fearnhead & Eckley 2012, ``ruptures``)
    with a linear-regression cost, segments of at least ``min_size`` years and penalty
    ``3 σ² ln n`` (BIC: a new segment costs an intercept, a slope and a break date). A candidate is kept
    only if it survives a test against the noise (:func:`break_survives`): at the break year the two
    segments' fitted lines differ by more than ``z`` (2) standard errors, or their slopes do. Anything
    else is "within noise".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MIN_SEGMENT = 5  # years: the shortest segment a break may create
BREAK_Z = 2.0  # a break survives when its jump or slope change exceeds this many standard errors


def midrank(sorted_values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Mid-rank percentile (module docstring) of each ``x`` among ``sorted_values`` (ascending, NA-free).
    NA where ``x`` is NA or there is nothing to compare with."""
    x = np.asarray(x, dtype=np.float64)
    out = np.full(x.shape, np.nan)
    v = np.asarray(sorted_values, dtype=np.float64)
    ok = ~np.isnan(x)
    if len(v) == 0 or not ok.any():
        return out
    below = np.searchsorted(v, x[ok], side="left")
    upto = np.searchsorted(v, x[ok], side="right")
    out[ok] = 100.0 * (below + (upto - below) / 2) / len(v)
    return out


def midrank_percentile(values: np.ndarray, x: float) -> float:
    """Mid-rank percentile of one value ``x`` among ``values`` (any order, NA dropped); NA if none."""
    v = np.asarray(values, dtype=np.float64)
    v = np.sort(v[~np.isnan(v)])
    if x is None:
        return np.nan
    return float(midrank(v, np.array([x]))[0])


def trailing_slope(years: np.ndarray, values: np.ndarray, window: int) -> np.ndarray:
    """OLS slope of ``values`` on ``years`` over each trailing window ``[t - window + 1, t]``.

    NA where the window holds fewer than ``max(3, window // 2)`` non-NA values.
    """
    need = max(3, window // 2)
    out = np.full(len(years), np.nan)
    ok = ~np.isnan(values)
    for i, t in enumerate(years):
        sel = ok & (years > t - window) & (years <= t)
        if sel.sum() >= need:
            x, y = years[sel].astype(np.float64), values[sel]
            dx = x - x.mean()
            denom = (dx**2).sum()
            out[i] = (dx * (y - y.mean())).sum() / denom if denom > 0 else np.nan
    return out


@dataclass(frozen=True)
class Trend:
    """An OLS trend with its standard error and 95 % confidence interval (module docstring)."""

    slope: float
    se: float
    lo: float
    hi: float
    n: int
    first: int
    last: int

    @property
    def excludes_zero(self) -> bool:
        return bool(self.lo > 0 or self.hi < 0)


def ols_trend(years, values) -> Trend | None:
    """The OLS slope of ``values`` on ``years`` with its 95 % interval; None for fewer than 3 values."""
    from scipy.stats import t as student_t

    x = np.asarray(years, dtype=np.float64)
    y = np.asarray(values, dtype=np.float64)
    ok = ~np.isnan(y)
    x, y = x[ok], y[ok]
    n = len(y)
    if n < 3:
        return None
    dx = x - x.mean()
    sxx = float((dx**2).sum())
    if sxx == 0:
        return None
    slope = float((dx * (y - y.mean())).sum() / sxx)
    resid = y - y.mean() - slope * dx
    se = math.sqrt(float((resid**2).sum()) / (n - 2) / sxx)
    half = float(student_t.ppf(0.975, n - 2)) * se
    return Trend(slope, se, slope - half, slope + half, n, int(x.min()), int(x.max()))


def noise_scale(values, noise_floor: float = 0.1) -> float:
    """Robust year-to-year noise of a series: ``MAD(diff) / 0.6745 / sqrt(2)``, at least ``noise_floor``
    times its standard deviation (NA values dropped; 0 for fewer than two values)."""
    y = np.asarray(values, dtype=np.float64)
    y = y[~np.isnan(y)]
    if len(y) < 2:
        return 0.0
    d1 = np.diff(y)
    sigma = float(np.median(np.abs(d1 - np.median(d1)))) / 0.6745 / math.sqrt(2)
    return max(sigma, noise_floor * float(np.std(y)))


def trend_direction(slope: float, years_spanned: float, values) -> str:
    """``rising``/``falling`` when the fitted change over the trend window, ``slope * years_spanned``,
    is at least the series' noise scale (:func:`noise_scale` of ``values``); ``flat`` otherwise or
    when the slope is NA. A change smaller than the usual year-to-year wobble is not called a trend."""
    if slope is None or np.isnan(slope):
        return "flat"
    change = slope * years_spanned
    sigma = noise_scale(values)
    if sigma == 0 or abs(change) < sigma:  # sigma 0: a constant series, whose slope is only rounding
        return "flat"
    return "rising" if change > 0 else "falling"


def _segment_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """(intercept at x̄, slope, x̄, Sxx) of the OLS line of one segment."""
    xm = float(x.mean())
    dx = x - xm
    sxx = float((dx**2).sum())
    slope = float((dx * (y - y.mean())).sum() / sxx) if sxx > 0 else 0.0
    return float(y.mean()), slope, xm, sxx


def break_survives(x: np.ndarray, y: np.ndarray, cut: int, z: float = BREAK_Z, noise_floor: float = 0.1) -> bool:
    """Whether the break before index ``cut`` of (``x``, ``y``) is larger than the noise.

    Each side gets its OLS line; ``s`` is the pooled residual standard deviation (``Σ e² / (n - 4)``),
    floored at ``noise_floor`` times the series' standard deviation. The jump is the difference of the two
    lines at the first year of the new segment, with ``se = s sqrt(1/n1 + (x0 - x̄1)²/Sxx1 + 1/n2 +
    (x0 - x̄2)²/Sxx2)``; the slope change has ``se = s sqrt(1/Sxx1 + 1/Sxx2)``. The break survives when
    either exceeds ``z`` standard errors.
    """
    (m1, b1, xm1, sxx1), (m2, b2, xm2, sxx2) = _segment_fit(x[:cut], y[:cut]), _segment_fit(x[cut:], y[cut:])
    resid = np.r_[y[:cut] - m1 - b1 * (x[:cut] - xm1), y[cut:] - m2 - b2 * (x[cut:] - xm2)]
    dof = max(len(y) - 4, 1)
    s = max(math.sqrt(float((resid**2).sum()) / dof), noise_floor * float(np.std(y)))
    if s == 0:
        return True  # two exact lines that differ
    x0 = float(x[cut])
    jump = (m2 + b2 * (x0 - xm2)) - (m1 + b1 * (x0 - xm1))
    n1, n2 = cut, len(y) - cut
    se_jump = s * math.sqrt(1 / n1 + (x0 - xm1) ** 2 / max(sxx1, 1e-12) + 1 / n2 + (x0 - xm2) ** 2 / max(sxx2, 1e-12))
    se_slope = s * math.sqrt(1 / max(sxx1, 1e-12) + 1 / max(sxx2, 1e-12))
    return abs(jump) > z * se_jump or abs(b2 - b1) > z * se_slope


def detect_breaks(years, values, min_size: int = MIN_SEGMENT, noise_floor: float = 0.1) -> list[int]:
    """Years at which a series changes level or slope (first year of each new segment).

    PELT candidates (``ruptures.Pelt`` with ``CostLinear``, segments of at least ``min_size`` years,
    penalty ``3 σ² ln n`` with ``σ`` = :func:`noise_scale`), each kept only if :func:`break_survives`
    against its neighbouring segments. NA years are dropped first; fewer than ``2 * min_size`` values or
    a constant series give no breaks.
    """
    import ruptures as rpt

    years = np.asarray(years, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    ok = ~np.isnan(values)
    x, y = years[ok], values[ok]
    n = len(y)
    if n < 2 * min_size or np.ptp(y) == 0:
        return []
    sigma = noise_scale(y, noise_floor)
    signal = np.column_stack([y, x - x[0], np.ones(n)])
    algo = rpt.Pelt(custom_cost=rpt.costs.CostLinear(), min_size=min_size, jump=1).fit(signal)
    cuts = algo.predict(pen=3 * sigma**2 * math.log(n))[:-1]
    kept: list[int] = []
    bounds = [0, *cuts, n]
    for i, cut in enumerate(cuts, start=1):
        lo, hi = bounds[i - 1], bounds[i + 1]
        if break_survives(x[lo:hi], y[lo:hi], cut - lo, noise_floor=noise_floor):
            kept.append(int(x[cut]))
    return kept


def segment_mean(years: np.ndarray, values: np.ndarray, start: float, end: float) -> tuple[float, float, int]:
    """Mean, standard error (``sd / sqrt(n)``) and count of the non-NA values with ``start <= year < end``."""
    years = np.asarray(years, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    sel = (years >= start) & (years < end) & ~np.isnan(values)
    v = values[sel]
    if len(v) == 0:
        return np.nan, np.nan, 0
    se = float(np.std(v, ddof=1) / math.sqrt(len(v))) if len(v) > 1 else np.nan
    return float(v.mean()), se, int(len(v))
