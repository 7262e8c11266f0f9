"""Agreement measures for two raters on an ordered three-category scale, from their 3x3 joint table.

Every UN voting similarity measure in amity is a function of one dyad's joint table ``t[k, l]`` (the number
of roll calls on which state *a* voted ``k`` and state *b* voted ``l``, with 0 = yes, 1 = abstain, 2 = no
in the array; the UN coding is yes = 1, abstain = 2, no = 3) over the roll calls where both voted.
The functions here take the table as an array ``t[3, 3, ...]`` whose trailing axes index dyads (or
dyad-years), so the same code serves a single dyad and all dyads at once; the category axes come first
so that each of the nine counts is one contiguous vector. Counts are whole numbers held in float64,
so the results match a straightforward per-dyad computation to rounding error.
"""

from __future__ import annotations

import numpy as np

#: Vote categories in table order and their UN codes.
CATEGORIES = ("yes", "abstain", "no")
CODES = np.array([1.0, 2.0, 3.0])
#: Largest possible distance between two votes under the yes=1, abstain=2, no=3 coding.
D_MAX = 2.0

MEASURES = ("agree", "ia", "s_abs", "s_sq", "kappa", "pi", "pi_nominal")


def measures_from_table(table: np.ndarray, measures: tuple[str, ...] = MEASURES) -> dict[str, np.ndarray]:
    """All requested measures from joint tables ``table[3, 3, ...]`` of vote counts.

    With ``n`` joint votes, observed proportions ``o[k,l] = t[k,l]/n``, marginals ``p_a = o.sum(1)``,
    ``p_b = o.sum(0)`` (over the joint votes only) and the pooled marginal ``p = (p_a + p_b)/2``:

    - ``agree`` = sum_k o[k,k]: share of identical votes (Voeten's ``USAgree``/``IndiaAgree``).
    - ``ia`` = sum_k o[k,k] + 0.5 * (share of votes where exactly one side abstained): Lijphart's (1963)
      index of agreement.
    - ``s_abs`` = 1 - 2 * mean|x_a - x_b| / d_max and ``s_sq`` = 1 - 2 * mean (x_a - x_b)^2 / d_max^2,
      with d_max = 2 fixed by the yes=1/abstain=2/no=3 coding: Signorino & Ritter (1999) S.
    - ``kappa`` = 1 - D_o / D_e with quadratic disagreement weights (k-l)^2, D_o = sum o[k,l](k-l)^2 and
      D_e = sum p_a[k] p_b[l] (k-l)^2: Cohen's (1968) weighted kappa, as Häge (2011) proposes.
    - ``pi``: the same with D_e = sum p[k] p[l] (k-l)^2 (Scott's 1955 pi, quadratic weights; Häge 2011).
    - ``pi_nominal`` = (P_o - P_e) / (1 - P_e), P_o = agree, P_e = sum p[k]^2: Scott's pi, nominal.

    Everything is computed on the counts, which are whole numbers and so exact in float64, with one
    division at the end (D_o / D_e = n * sum t[k,l](k-l)^2 / sum r_a[k] r_b[l](k-l)^2 with count
    marginals r). Where ``n`` is 0, or a denominator is 0 (both states cast only one identical kind of
    vote, so chance agreement is certain), the measure is undefined and returned as NaN.
    """
    t = np.asarray(table, dtype=np.float64)
    n = t[0, 0] + t[0, 1] + t[0, 2] + t[1, 0] + t[1, 1] + t[1, 2] + t[2, 0] + t[2, 1] + t[2, 2]
    same = t[0, 0] + t[1, 1] + t[2, 2]
    near = t[0, 1] + t[1, 0] + t[1, 2] + t[2, 1]  # votes one step apart: one side abstained
    far = t[0, 2] + t[2, 0]  # yes against no
    sq_sum = near + 4.0 * far  # sum of squared distances
    # count marginals of each side over the joint votes (explicit sums: axis reductions over the short
    # leading axes are slow in numpy)
    r_a = np.stack([t[k, 0] + t[k, 1] + t[k, 2] for k in range(3)])
    r_b = np.stack([t[0, k] + t[1, k] + t[2, k] for k in range(3)])
    pooled = (r_a + r_b) / 2.0
    out: dict[str, np.ndarray] = {}
    for name in measures:
        if name == "agree":
            out[name] = _ratio(same, n)
        elif name == "ia":
            out[name] = _ratio(same + 0.5 * near, n)
        elif name == "s_abs":
            out[name] = 1.0 - _ratio(2.0 * (near + 2.0 * far), D_MAX * n)
        elif name == "s_sq":
            out[name] = 1.0 - _ratio(2.0 * sq_sum, D_MAX**2 * n)
        elif name == "kappa":
            out[name] = 1.0 - _ratio(n * sq_sum, _quadratic(r_a, r_b))
        elif name == "pi":
            out[name] = 1.0 - _ratio(n * sq_sum, _quadratic(pooled, pooled))
        elif name == "pi_nominal":
            chance = pooled[0] ** 2 + pooled[1] ** 2 + pooled[2] ** 2  # P_e * n^2
            out[name] = _ratio(same * n - chance, n * n - chance)
        else:  # callers validate names first; this guards internal misuse
            raise KeyError(name)
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, NaN where den is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _quadratic(r_a: np.ndarray, r_b: np.ndarray) -> np.ndarray:
    """sum_kl r_a[k] r_b[l] (k - l)^2 for count marginals r[3, ...]."""
    return (r_a[0] * r_b[1] + r_a[1] * r_b[0] + r_a[1] * r_b[2] + r_a[2] * r_b[1]
            + 4.0 * (r_a[0] * r_b[2] + r_a[2] * r_b[0]))


def joint_count(table: np.ndarray) -> np.ndarray:
    """Number of joint votes ``n`` of tables[3, 3, ...]."""
    t = np.asarray(table)
    return t[0, 0] + t[0, 1] + t[0, 2] + t[1, 0] + t[1, 1] + t[1, 2] + t[2, 0] + t[2, 1] + t[2, 2]


def joint_table(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The 3x3 joint table of two aligned vote vectors coded 1/2/3 (pairs with any other value dropped)."""
    a = np.asarray(a)
    b = np.asarray(b)
    keep = np.isin(a, (1, 2, 3)) & np.isin(b, (1, 2, 3))
    table = np.zeros((3, 3))
    np.add.at(table, (a[keep].astype(int) - 1, b[keep].astype(int) - 1), 1.0)
    return table
