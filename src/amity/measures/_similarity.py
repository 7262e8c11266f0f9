"""Similarity kernels for valued portfolios (alliance ties coded 0..3), one pair or all pairs at once.

Every measure is a function of the pair's *contingency table* ``N[a, b]`` (how many third states ``k``
get value ``a`` in portfolio ``x`` and value ``b`` in portfolio ``y``) plus, for weighted S, the weighted
distance ``sum_k w_k |x_k - y_k|``. For all pairs of an ``n x m`` portfolio matrix the tables come from
one sparse product of the stacked indicators ``E_a = (X == a)`` of the non-zero levels (alliance
portfolios are almost all zeros), the zero cells from each row's level counts; weighted distances come
from three sparse products through the threshold identity ``|a - b| = sum_t |[a >= t] - [b >= t]|``.

Definitions (x, y portfolios over the same m states; values 0..d_max; w weights):

* S (Signorino & Ritter 1999, "Tau-b or Not Tau-b", International Studies Quarterly 43(1): 115-144),
  with the range fixed by the coding rather than observed:
  ``s_abs = 1 - 2 * sum|x_k - y_k| / (m * d_max)``, ``s_sq = 1 - 2 * sum (x_k - y_k)**2 / (m * d_max**2)``,
  ``s_abs_weighted = 1 - 2 * sum w_k |x_k - y_k| / (d_max * sum w_k)``.
* Cohen's kappa with quadratic weights (Häge 2011, "Choice or Circumstance? Adjusting Measures of Foreign
  Policy Similarity for Chance Agreement", Political Analysis 19(3): 287-305):
  ``kappa = 1 - D_o / D_e`` with ``D_o = mean (x_k - y_k)**2`` and
  ``D_e = sum_{a,b} p_a q_b (a - b)**2`` (p, q: the two portfolios' marginal distributions).
* Scott's pi with quadratic weights (Häge 2011): as kappa but ``D_e`` uses the pooled marginal
  ``r = (p + q) / 2`` for both sides. Nominal Scott's pi (Scott 1955): ``(p_o - p_e) / (1 - p_e)``, with
  ``p_o`` the share of identical values and ``p_e = sum_a r_a**2``.
* Kendall's tau-b (as used by Bueno de Mesquita 1975): ``(P - Q) / sqrt((n0 - n1) (n0 - n2))`` with P, Q
  the concordant and discordant pairs of third states, ``n0 = m(m-1)/2`` and ``n1``, ``n2`` the pairs tied
  on x and on y.

Undefined values (a zero denominator, e.g. both portfolios constant) are NaN.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from amity.errors import InputError

MEASURES = ("s_abs", "s_sq", "s_abs_weighted", "kappa", "pi", "pi_nominal", "tau_b")
#: UN voting similarity measures (:func:`measures_from_tables` with L = 3 and d_max = 2)
VOTE_MEASURES = ("agree", "ia", "s_abs", "s_sq", "kappa", "pi", "pi_nominal")


def contingency_pairs(X: np.ndarray, levels: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``N[a, b, p]``: how many columns k have ``X[rows[p], k] == a`` and ``X[cols[p], k] == b``.

    Portfolios are mostly 0 (no tie), so only the non-zero levels are multiplied, as one sparse product
    ``E @ E.T`` of the stacked indicators ``E_a = (X == a)``, ``a >= 1``; the level-0 cells follow from
    each row's level counts (every row of the table sums to the count of that level).
    """
    from scipy import sparse  # slow to import; the UN measures never need it

    n, m = X.shape
    nz_levels = levels - 1
    r, k = np.nonzero(X)
    E = sparse.csr_matrix(
        (np.ones(len(r)), ((X[r, k].astype(np.int64) - 1) * n + r, k)), shape=(nz_levels * n, m)
    )
    full = (E @ E.T).toarray().reshape(nz_levels, n, nz_levels, n).transpose(0, 2, 1, 3)
    flat = rows * n + cols
    N = np.empty((levels, levels, len(flat)))
    N[1:, 1:] = full.reshape(nz_levels, nz_levels, n * n)[:, :, flat]
    counts = np.stack([(X == a).sum(axis=1) for a in range(levels)]).astype(np.float64)
    N[1:, 0] = counts[1:, rows] - N[1:, 1:].sum(axis=1)
    N[0, 1:] = counts[1:, cols] - N[1:, 1:].sum(axis=0)
    N[0, 0] = m - N[1:].sum(axis=(0, 1)) - N[0, 1:].sum(axis=0)
    return N


def weighted_l1_pairs(
    X: np.ndarray, weights: np.ndarray, levels: int, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """``sum_k w_k |X[i, k] - X[j, k]|`` for each pair, via thresholds.

    For integer values, ``|a - b| = sum_t |[a >= t] - [b >= t]|`` and for 0/1 values
    ``|u - v| = u + v - 2uv``, so the weighted L1 distance is three sparse weighted products.
    """
    from scipy import sparse

    out = np.zeros(len(rows))
    for t in range(1, levels):
        B = sparse.csr_matrix(X >= t, dtype=np.float64)
        u = B @ weights
        G = (B.multiply(weights[None, :]).tocsr() @ B.T).toarray()
        out += u[rows] + u[cols] - 2 * G[rows, cols]
    return out


def measures_from_tables(
    N: np.ndarray,
    d_max: float | None = None,
    wdist: np.ndarray | float | None = None,
    wsum: float | np.ndarray | None = None,
    measures: Iterable[str] | None = None,
) -> dict[str, np.ndarray]:
    """Measures from contingency tables ``N[a, b, ...]`` of counts over ordered levels 0..L-1 (trailing
    axes: any batch shape, e.g. one per dyad-year). Three UN vote categories (yes, abstain, no) are the
    case L = 3; valued alliance portfolios L = 4.

    With ``n`` compared items, count marginals ``r_a[k] = sum_l N[k, l]``, ``r_b[l] = sum_k N[k, l]``,
    pooled ``r = (r_a + r_b) / 2``, disagreement sums ``A = sum N[k, l] |k - l|`` and
    ``Q = sum N[k, l] (k - l)^2``, and ``d_max`` the widest distance the coding allows (L - 1 unless given):

    - ``agree`` = sum_k N[k, k] / n: share of identical values (Voeten's agreement for UN votes).
    - ``ia`` = (sum_k N[k, k] + 0.5 * sum_{|k-l|=1} N[k, l]) / n: Lijphart's (1963) index of agreement
      (one side abstaining counts half).
    - ``s_abs`` = 1 - 2 A / (n d_max), ``s_sq`` = 1 - 2 Q / (n d_max^2): Signorino & Ritter (1999) S with
      the range fixed by the coding; ``s_abs_weighted`` = 1 - 2 wdist / (d_max wsum) (needs ``wdist`` =
      sum w|x - y| and ``wsum`` = sum w).
    - ``kappa`` = 1 - n Q / sum r_a[k] r_b[l] (k-l)^2: Cohen's weighted kappa, quadratic weights (Häge 2011).
    - ``pi`` = 1 - n Q / sum r[k] r[l] (k-l)^2: Scott's pi, quadratic weights (Häge 2011).
    - ``pi_nominal`` = (n sum_k N[k, k] - sum r[k]^2) / (n^2 - sum r[k]^2): Scott's (1955) pi, nominal.
    - ``tau_b``: Kendall's tau-b (Bueno de Mesquita 1975), see the module docstring.

    Counts are whole numbers, exact in float64, and each measure takes one division at the end; where a
    denominator is 0 (no items, or both sides constant so chance agreement is certain) it is NaN. The
    default ``measures`` are the portfolio set (:data:`MEASURES`; ``s_abs_weighted`` only with weights).
    """
    t = np.asarray(N, dtype=np.float64)
    levels = t.shape[0]
    d_max = float(levels - 1) if d_max is None else float(d_max)
    if measures is None:
        measures = [m for m in MEASURES if m != "s_abs_weighted" or wdist is not None]
    cells = [(k, j) for k in range(levels) for j in range(levels)]
    # cell sums added one after another in row-major order: for L = 3 these are the very operations of a
    # hand-unrolled computation, and the short category axes stay out of numpy's slow axis reductions
    n = _total(t[k, j] for k, j in cells)
    same = _total(t[k, k] for k in range(levels))
    by_distance = [_total(t[k, j] for k, j in cells if abs(k - j) == d) for d in range(1, levels)]
    abs_sum = _weighted(by_distance, power=1)
    sq_sum = _weighted(by_distance, power=2)
    r_a = [_total(t[k, j] for j in range(levels)) for k in range(levels)]
    r_b = [_total(t[k, j] for k in range(levels)) for j in range(levels)]
    pooled = [(x + y) / 2.0 for x, y in zip(r_a, r_b)]
    out: dict[str, np.ndarray] = {}
    for name in measures:
        if name == "agree":
            out[name] = _ratio(same, n)
        elif name == "ia":
            out[name] = _ratio(same + 0.5 * by_distance[0], n)
        elif name == "s_abs":
            out[name] = 1.0 - _ratio(2.0 * abs_sum, d_max * n)
        elif name == "s_sq":
            out[name] = 1.0 - _ratio(2.0 * sq_sum, d_max**2 * n)
        elif name == "s_abs_weighted":
            out[name] = 1.0 - _ratio(2.0 * np.asarray(wdist, dtype=np.float64), d_max * np.asarray(wsum))
        elif name == "kappa":
            out[name] = 1.0 - _ratio(n * sq_sum, _quadratic(r_a, r_b))
        elif name == "pi":
            out[name] = 1.0 - _ratio(n * sq_sum, _quadratic(pooled, pooled))
        elif name == "pi_nominal":
            chance = _total(x**2 for x in pooled)  # P_e * n^2
            out[name] = _ratio(same * n - chance, n * n - chance)
        elif name == "tau_b":
            out[name] = _tau_b(t, n)
        else:  # callers validate names first; this guards internal misuse
            raise KeyError(name)
    return out


def table_count(N: np.ndarray) -> np.ndarray:
    """The number of items ``n`` compared in each contingency table ``N[L, L, ...]``."""
    t = np.asarray(N)
    return _total(t[k, j] for k in range(t.shape[0]) for j in range(t.shape[1]))


def joint_table(a, b, levels: int = 3) -> np.ndarray:
    """The contingency table of two aligned vectors of UN votes coded 1..``levels`` (yes 1, abstain 2,
    no 3); pairs where either side has another value (absent, not voting) are dropped."""
    a, b = np.asarray(a), np.asarray(b)
    codes = np.arange(1, levels + 1)
    keep = np.isin(a, codes) & np.isin(b, codes)
    table = np.zeros((levels, levels))
    np.add.at(table, (a[keep].astype(int) - 1, b[keep].astype(int) - 1), 1.0)
    return table


def _total(values: Iterable[np.ndarray]) -> np.ndarray:
    """The sum of ``values`` added one after another, left to right."""
    it = iter(values)
    total = next(it)
    for v in it:
        total = total + v
    return total


def _weighted(by_distance: list[np.ndarray], power: int) -> np.ndarray:
    """sum_d d**power * x_d over the per-distance sums x_1, x_2, … (distance 1 taken as it is)."""
    return _total(x if d == 1 else float(d**power) * x for d, x in enumerate(by_distance, 1))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, NaN where den is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _quadratic(r_a: list[np.ndarray], r_b: list[np.ndarray]) -> np.ndarray:
    """sum_kl r_a[k] r_b[l] (k - l)^2 for count marginals, grouped by distance as Q is."""
    levels = len(r_a)
    parts = [_total(r_a[k] * r_b[j] for k in range(levels) for j in range(levels) if abs(k - j) == d)
             for d in range(1, levels)]
    return _weighted(parts, power=2)


def _tau_b(N: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Kendall's tau-b from contingency tables (ties handled as in ``scipy.stats.kendalltau``)."""
    levels = N.shape[0]
    concordant = np.zeros(N.shape[2:])
    discordant = np.zeros(N.shape[2:])
    # below[a]: cumulative counts over rows < a, per column; each pair of cells is counted once
    below = np.zeros_like(N[0])
    for a in range(levels):
        if a:
            left = np.cumsum(below, axis=0)  # rows < a and columns <= b
            total = left[-1]
            for b in range(levels):
                strictly_left = left[b - 1] if b else 0.0
                strictly_right = total - left[b]
                concordant += N[a, b] * strictly_left
                discordant += N[a, b] * strictly_right
        below = below + N[a]
    rows, cols = N.sum(axis=1), N.sum(axis=0)
    n0 = m * (m - 1) / 2
    n1 = (rows * (rows - 1) / 2).sum(axis=0)
    n2 = (cols * (cols - 1) / 2).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (concordant - discordant) / np.sqrt((n0 - n1) * (n0 - n2))


def pair_measures(x, y, weights=None, d_max: float = 3, levels: int = 4) -> dict[str, float]:
    """Every measure for one pair of portfolios (integer values 0..levels-1), e.g. a published table."""
    x, y = np.asarray(x, dtype=np.int64), np.asarray(y, dtype=np.int64)
    if x.shape != y.shape or x.ndim != 1:
        raise InputError("x and y must be 1-d portfolios of the same length")
    if min(x.min(initial=0), y.min(initial=0)) < 0 or max(x.max(initial=0), y.max(initial=0)) >= levels:
        raise InputError(f"portfolio values must lie in 0..{levels - 1}")
    N = np.zeros((levels, levels))
    np.add.at(N, (x, y), 1.0)
    wdist = wsum = None
    if weights is not None:
        w = np.asarray(weights, dtype=np.float64)
        wdist, wsum = float((w * np.abs(x - y)).sum()), float(w.sum())
    out = measures_from_tables(N, d_max, wdist, wsum)
    return {k: float(v) for k, v in out.items()}


def portfolio_measures(
    X: np.ndarray,
    weights: np.ndarray | None = None,
    d_max: float = 3,
    levels: int = 4,
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Every measure for pairs of rows of the portfolio matrix ``X`` (``n x m``, integer values).

    ``pairs = (rows, cols)`` index arrays; by default every unordered pair ``i < j`` in
    ``np.triu_indices`` order. Returns one 1-d array per measure, aligned with the pairs.
    """
    rows, cols = pairs if pairs is not None else np.triu_indices(X.shape[0], 1)
    N = contingency_pairs(X, levels, rows, cols)
    wdist = wsum = None
    if weights is not None:
        wdist, wsum = weighted_l1_pairs(X, weights, levels, rows, cols), float(weights.sum())
    return measures_from_tables(N, d_max, wdist, wsum)
