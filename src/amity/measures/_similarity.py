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

import numpy as np
from scipy import sparse

from amity.errors import InputError

MEASURES = ("s_abs", "s_sq", "s_abs_weighted", "kappa", "pi", "pi_nominal", "tau_b")


def contingency_pairs(X: np.ndarray, levels: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``N[a, b, p]``: how many columns k have ``X[rows[p], k] == a`` and ``X[cols[p], k] == b``.

    Portfolios are mostly 0 (no tie), so only the non-zero levels are multiplied, as one sparse product
    ``E @ E.T`` of the stacked indicators ``E_a = (X == a)``, ``a >= 1``; the level-0 cells follow from
    each row's level counts (every row of the table sums to the count of that level).
    """
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
    out = np.zeros(len(rows))
    for t in range(1, levels):
        B = sparse.csr_matrix(X >= t, dtype=np.float64)
        u = B @ weights
        G = (B.multiply(weights[None, :]).tocsr() @ B.T).toarray()
        out += u[rows] + u[cols] - 2 * G[rows, cols]
    return out


def measures_from_tables(
    N: np.ndarray, d_max: float, wdist: np.ndarray | None = None, wsum: float | np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """All measures from contingency tables ``N[a, b, ...]`` (trailing axes: any batch shape).

    ``wdist`` (``sum w|x - y|``) and ``wsum`` (``sum w``) give weighted S; without them it is omitted.
    """
    levels = N.shape[0]
    vals = np.arange(levels, dtype=np.float64)
    diff = vals[:, None] - vals[None, :]
    extra = (None,) * (N.ndim - 2)
    absd, sqd = np.abs(diff)[(...,) + extra], (diff**2)[(...,) + extra]

    m = N.sum(axis=(0, 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        out: dict[str, np.ndarray] = {}
        out["s_abs"] = 1 - 2 * (N * absd).sum(axis=(0, 1)) / (m * d_max)
        out["s_sq"] = 1 - 2 * (N * sqd).sum(axis=(0, 1)) / (m * d_max**2)
        if wdist is not None:
            out["s_abs_weighted"] = 1 - 2 * wdist / (d_max * wsum)

        p = N.sum(axis=1) / m  # marginal of x: p[a, ...]
        q = N.sum(axis=0) / m  # marginal of y: q[b, ...]
        d_obs = (N * sqd).sum(axis=(0, 1)) / m
        out["kappa"] = 1 - d_obs / _expected_sq_distance(p, q, vals)
        r = (p + q) / 2
        out["pi"] = 1 - d_obs / _expected_sq_distance(r, r, vals)
        p_obs = np.einsum("aa...->...", N) / m
        p_exp = (r**2).sum(axis=0)
        out["pi_nominal"] = (p_obs - p_exp) / (1 - p_exp)
        out["tau_b"] = _tau_b(N, m)
    return out


def _expected_sq_distance(p: np.ndarray, q: np.ndarray, vals: np.ndarray) -> np.ndarray:
    """``sum_{a,b} p_a q_b (a - b)**2 = E_p[x^2] + E_q[y^2] - 2 E_p[x] E_q[y]`` (independent draws)."""
    v = vals[(...,) + (None,) * (p.ndim - 1)]
    return (p * v**2).sum(axis=0) + (q * v**2).sum(axis=0) - 2 * (p * v).sum(axis=0) * (q * v).sum(axis=0)


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
