"""Engine for dynamic ordinal item-response models of roll-call votes (private to amity).

Model (ordered probit with a random-walk prior over sessions)::

    y*_ij = beta_j * x_i,t(j) + e_ij,   e_ij ~ N(0, 1)
    c_ij = 0 (no)       if y*_ij <  tau1_j
    c_ij = 1 (abstain)  if tau1_j <= y*_ij < tau2_j
    c_ij = 2 (yes)      if y*_ij >= tau2_j
    x_i,first ~ N(0, first_var),   x_i,s ~ N(x_i,s', omega2 * (s - s'))   (s' = i's previous session)
    beta_j, tau_kj ~ N(0, item_var)

Roll calls with no abstentions are binary items (one threshold). The maximum a posteriori estimate is
found by alternating exact Newton steps: one on every roll call's (tau1, tau2, beta) (3x3 systems solved
in a batch) and one on every country's whole chain of positions (a tridiagonal system per country, solved
for all countries at once). Both blocks are strictly concave (Pratt 1981: the ordered-probit likelihood
is log-concave in thresholds and linear index), so each step is backtracked per roll call / per country
until the log posterior rises. Standard errors are Laplace (inverse negative Hessian of the log posterior
over a country's chain, given the roll-call parameters) — the approximation of Imai, Lo & Olmsted
(2016, APSR 110(4)) and Martin & Quinn (2002); they omit roll-call parameter uncertainty.

The model is the one of Bailey, Strezhnev & Voeten (2017, JCR 61(2): 430-456) without their
identical-resolution bridging: positions are compared across sessions through the random walk alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import log_ndtr

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)


@dataclass(frozen=True)
class Settings:
    """Prior variances and convergence controls of the dynamic ordinal model."""

    omega2: float = 0.1  # random-walk variance per session (Martin & Quinn 2002 use 0.1)
    first_var: float = 1.0  # prior variance of a state's first position
    item_var: float = 25.0  # prior variance of thresholds and discriminations
    anchor_var: float | None = None  # if set, every position also gets an N(0, anchor_var) prior factor
    dynamic: bool = True  # False: sessions independent (a static one-dimensional fit per session)
    gauge: bool = True  # re-optimise each session's location and scale every iteration (speed only)
    tol: float = 1e-4  # stop when no position moves more than this between iterations
    max_iter: int = 1000

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class VoteData:
    """Votes in index form, sorted by category (no, abstain, yes) so each category is one slice.

    ``ps`` indexes person-sessions sorted by (state, session): ``ps_state``/``ps_pos`` place each one on
    its state's chain (row, position) and ``ps_gap`` is the number of sessions since the state's previous
    person-session (0 for a state's first).
    """

    item: np.ndarray
    ps: np.ndarray
    bounds: tuple[int, int]  # votes[:b0] are 'no', votes[b0:b1] 'abstain', votes[b1:] 'yes'
    n_items: int
    ps_state: np.ndarray
    ps_pos: np.ndarray
    ps_gap: np.ndarray
    item_group: np.ndarray  # per roll call: its session (0..G-1); positions and roll calls of a session
    ps_group: np.ndarray  # per person-session: its session; together they share one affine gauge
    ordinal: np.ndarray = field(init=False)  # item has abstentions (two thresholds)
    lo_flat: np.ndarray = field(init=False)  # per vote: flat index of its lower threshold in tau.ravel()
    hi_flat: np.ndarray = field(init=False)  # per vote: flat index of its upper threshold
    vote_state: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        b0, b1 = self.bounds
        self.ordinal = np.bincount(self.item[b0:b1], minlength=self.n_items) > 0
        # A 'yes' on a binary item sits above the one threshold tau1; on an ordinal item above tau2.
        yes_col = np.where(self.ordinal[self.item[b1:]], 1, 0)
        self.lo_flat = np.concatenate([2 * self.item[b0:b1], 2 * self.item[b1:] + yes_col])
        self.hi_flat = np.concatenate([2 * self.item[:b0], 2 * self.item[b0:b1] + 1])
        self.vote_state = self.ps_state[self.ps]

    @property
    def n_ps(self) -> int:
        return len(self.ps_state)

    @property
    def n_states(self) -> int:
        return int(self.ps_state.max()) + 1 if len(self.ps_state) else 0

    @property
    def chain_len(self) -> int:
        return int(self.ps_pos.max()) + 1 if len(self.ps_pos) else 0


@dataclass
class Result:
    x: np.ndarray
    se: np.ndarray
    tau: np.ndarray
    beta: np.ndarray
    n_iter: int
    converged: bool
    log_posterior: float


@dataclass
class _Terms:
    """Per-vote log-likelihood and its derivatives with respect to the bounds U (upper) and L (lower)."""

    logp: np.ndarray
    lam_u: np.ndarray  # d logp / dU over the 'no'+'abstain' votes (U finite)
    lam_l: np.ndarray  # -d logp / dL over the 'abstain'+'yes' votes (L finite)
    h_uu: np.ndarray
    h_ll: np.ndarray
    h_ul: np.ndarray  # over 'abstain' votes only


def _log_interval(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """log(Phi(hi) - Phi(lo)) for lo < hi, accurate in both tails (mirror so that lo <= 0)."""
    flip = lo > 0
    a = np.where(flip, -hi, lo)
    b = np.where(flip, -lo, hi)
    lb = log_ndtr(b)
    with np.errstate(invalid="ignore", divide="ignore"):
        return lb + np.log1p(-np.exp(log_ndtr(a) - lb))


def _terms(data: VoteData, x: np.ndarray, tau: np.ndarray, beta: np.ndarray) -> _Terms:
    b0, b1 = data.bounds
    eta = beta[data.item] * x[data.ps]
    t = tau.ravel()
    u = t[data.hi_flat] - eta[:b1]  # 'no' and 'abstain' votes have an upper bound
    lo = t[data.lo_flat] - eta[b0:]  # 'abstain' and 'yes' votes have a lower bound
    logp = np.empty_like(eta)
    logp[:b0] = log_ndtr(u[:b0])
    logp[b0:b1] = _log_interval(lo[: b1 - b0], u[b0:])
    logp[b1:] = log_ndtr(-lo[b1 - b0 :])
    with np.errstate(invalid="ignore", over="ignore"):
        lam_u = np.exp(-0.5 * u * u - _LOG_SQRT_2PI - logp[:b1])
        lam_l = np.exp(-0.5 * lo * lo - _LOG_SQRT_2PI - logp[b0:])
        h_uu = -u * lam_u - lam_u * lam_u
        h_ll = lo * lam_l - lam_l * lam_l
        h_ul = lam_u[b0:] * lam_l[: b1 - b0]
    return _Terms(logp, lam_u, lam_l, h_uu, h_ll, h_ul)


def _eta_derivs(data: VoteData, tm: _Terms) -> tuple[np.ndarray, np.ndarray]:
    """d logp/d eta and d2 logp/d eta2 per vote (eta = beta * x; U = tau_hi - eta, L = tau_lo - eta)."""
    b0, b1 = data.bounds
    n = len(tm.logp)
    g = np.zeros(n)
    h = np.zeros(n)
    g[:b1] -= tm.lam_u
    g[b0:] += tm.lam_l
    h[:b1] += tm.h_uu
    h[b0:] += tm.h_ll
    h[b0:b1] += 2.0 * tm.h_ul
    return g, h


# ---------------------------------------------------------------------------------------------------
# tridiagonal systems, one per state, laid out as (state, position) arrays and swept position by position


def _chain_matrix(data: VoteData, h_diag: np.ndarray, s: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Diagonal and super-diagonal of the negative Hessian of the log posterior over each state's chain."""
    n_s, k = data.n_states, data.chain_len
    d = np.ones((n_s, k))  # padding cells: identity, decoupled
    e = np.zeros((n_s, max(k - 1, 0)))
    d[data.ps_state, data.ps_pos] = -h_diag
    first = data.ps_gap == 0
    d[data.ps_state[first], data.ps_pos[first]] += 1.0 / s.first_var
    if s.dynamic:
        link = ~first
        prec = 1.0 / (s.omega2 * data.ps_gap[link])
        r, c = data.ps_state[link], data.ps_pos[link]
        d[r, c] += prec
        d[r, c - 1] += prec
        e[r, c - 1] = -prec
    else:
        d[data.ps_state[~first], data.ps_pos[~first]] += 1.0 / s.first_var
    if s.anchor_var:
        d[data.ps_state, data.ps_pos] += 1.0 / s.anchor_var
    return d, e


def _chol(d: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ld = np.empty_like(d)
    lo = np.empty_like(e)
    ld[:, 0] = np.sqrt(d[:, 0])
    for k in range(e.shape[1]):
        lo[:, k] = e[:, k] / ld[:, k]
        ld[:, k + 1] = np.sqrt(d[:, k + 1] - lo[:, k] ** 2)
    return ld, lo


def _chol_solve(ld: np.ndarray, lo: np.ndarray, b: np.ndarray) -> np.ndarray:
    y = np.empty_like(b)
    y[:, 0] = b[:, 0] / ld[:, 0]
    for k in range(1, b.shape[1]):
        y[:, k] = (b[:, k] - lo[:, k - 1] * y[:, k - 1]) / ld[:, k]
    z = np.empty_like(b)
    z[:, -1] = y[:, -1] / ld[:, -1]
    for k in range(b.shape[1] - 2, -1, -1):
        z[:, k] = (y[:, k] - lo[:, k] * z[:, k + 1]) / ld[:, k]
    return z


def _chol_inv_diag(ld: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """Diagonal of A^-1 from A = L L' with L lower bidiagonal (Takahashi's recursion)."""
    var = np.empty_like(ld)
    var[:, -1] = 1.0 / ld[:, -1] ** 2
    for k in range(ld.shape[1] - 2, -1, -1):
        r = lo[:, k] / ld[:, k]
        cov_next = -r * var[:, k + 1]
        var[:, k] = 1.0 / ld[:, k] ** 2 - r * cov_next
    return var


# ---------------------------------------------------------------------------------------------------
# log posterior pieces


def _chain_prior(data: VoteData, x: np.ndarray, s: Settings) -> np.ndarray:
    """Log prior of each state's chain of positions (up to a constant)."""
    first = data.ps_gap == 0
    terms = np.where(first, -0.5 * x * x / s.first_var, 0.0)
    if s.dynamic:
        prev = np.where(first, 0, np.arange(len(x)) - 1)  # ps sorted by (state, session): previous is i-1
        step = x - x[prev]
        terms = terms + np.where(first, 0.0, -0.5 * step * step / (s.omega2 * np.maximum(data.ps_gap, 1)))
    else:
        terms = np.where(first, terms, -0.5 * x * x / s.first_var)
    if s.anchor_var:
        terms = terms - 0.5 * x * x / s.anchor_var
    return np.bincount(data.ps_state, terms, minlength=data.n_states)


def _chain_prior_grad(data: VoteData, x: np.ndarray, s: Settings) -> np.ndarray:
    """Gradient of the summed chain log prior with respect to every position."""
    first = data.ps_gap == 0
    g = -np.where(first, x / s.first_var, 0.0)
    if s.dynamic:
        prec = np.where(first, 0.0, 1.0 / (s.omega2 * np.maximum(data.ps_gap, 1)))
        pull = prec * (x - np.roll(x, 1))  # force of the link to the previous position
        g = g - pull
        g[:-1] += pull[1:]
    else:
        g = g - np.where(first, 0.0, x / s.first_var)
    if s.anchor_var:
        g = g - x / s.anchor_var
    return g


def _item_prior(tau: np.ndarray, beta: np.ndarray, s: Settings) -> np.ndarray:
    return -0.5 * ((tau * tau).sum(axis=1) + beta * beta) / s.item_var


def _state_objective(data: VoteData, tm: _Terms, x: np.ndarray, s: Settings) -> np.ndarray:
    return np.bincount(data.vote_state, tm.logp, minlength=data.n_states) + _chain_prior(data, x, s)


def _item_objective(data: VoteData, tm: _Terms, tau: np.ndarray, beta: np.ndarray, s: Settings) -> np.ndarray:
    return np.bincount(data.item, tm.logp, minlength=data.n_items) + _item_prior(tau, beta, s)


def _worse(new: np.ndarray, old: np.ndarray) -> np.ndarray:
    return ~(new >= old - 1e-9 * np.abs(old))  # NaN (an infeasible step) counts as worse


# ---------------------------------------------------------------------------------------------------
# the two Newton blocks


def _item_step(data: VoteData, tm: _Terms, x: np.ndarray, tau: np.ndarray, beta: np.ndarray, s: Settings):
    """One backtracked Newton step on every roll call's (tau1, tau2, beta); returns the new point."""
    b0, b1 = data.bounds
    j2 = 2 * data.n_items
    xv = x[data.ps]
    g_eta, h_eta = _eta_derivs(data, tm)
    g_t = np.bincount(data.hi_flat, tm.lam_u, minlength=j2) - np.bincount(data.lo_flat, tm.lam_l, minlength=j2)
    h_t = np.bincount(data.hi_flat, tm.h_uu, minlength=j2) + np.bincount(data.lo_flat, tm.h_ll, minlength=j2)
    # d2/dbeta dtau: -x (h_uu + h_ul) at the upper bound, -x (h_ll + h_ul) at the lower bound
    up = tm.h_uu.copy()
    up[b0:] += tm.h_ul
    low = tm.h_ll.copy()
    low[: b1 - b0] += tm.h_ul
    h_tb = -np.bincount(data.hi_flat, xv[:b1] * up, minlength=j2) - np.bincount(
        data.lo_flat, xv[b0:] * low, minlength=j2
    )
    h_12 = np.bincount(data.item[b0:b1], tm.h_ul, minlength=data.n_items)
    g_b = np.bincount(data.item, xv * g_eta, minlength=data.n_items)
    h_bb = np.bincount(data.item, xv * xv * h_eta, minlength=data.n_items)

    inv_v = 1.0 / s.item_var
    g = np.column_stack([g_t[0::2], g_t[1::2], g_b]) - np.column_stack([tau, beta]) * inv_v
    hess = np.empty((data.n_items, 3, 3))
    hess[:, 0, 0] = h_t[0::2] - inv_v
    hess[:, 1, 1] = h_t[1::2] - inv_v
    hess[:, 2, 2] = h_bb - inv_v
    hess[:, 0, 1] = hess[:, 1, 0] = h_12
    hess[:, 0, 2] = hess[:, 2, 0] = h_tb[0::2]
    hess[:, 1, 2] = hess[:, 2, 1] = h_tb[1::2]
    delta = np.linalg.solve(-hess, g[:, :, None])[:, :, 0]

    old = _item_objective(data, tm, tau, beta, s)
    t = np.ones(data.n_items)
    for _ in range(40):
        cand_tau = tau + t[:, None] * delta[:, :2]
        cand_beta = beta + t * delta[:, 2]
        cand = _terms(data, x, cand_tau, cand_beta)
        bad = _worse(_item_objective(data, cand, cand_tau, cand_beta, s), old)
        if not bad.any():
            return cand_tau, cand_beta, cand
        t[bad] *= 0.5
        t[t < 1e-6] = 0.0  # give up on a block that cannot improve: keep its old value
    return tau, beta, _terms(data, x, tau, beta)


def _state_step(data: VoteData, tm: _Terms, x: np.ndarray, tau: np.ndarray, beta: np.ndarray, s: Settings):
    """One backtracked Newton step on every state's chain of positions; returns the new point."""
    g_eta, h_eta = _eta_derivs(data, tm)
    bv = beta[data.item]
    g = np.bincount(data.ps, bv * g_eta, minlength=data.n_ps)
    h = np.bincount(data.ps, bv * bv * h_eta, minlength=data.n_ps)
    g = g + _chain_prior_grad(data, x, s)
    d, e = _chain_matrix(data, h, s)
    ld, lo = _chol(d, e)
    rhs = np.zeros_like(d)
    rhs[data.ps_state, data.ps_pos] = g
    delta = _chol_solve(ld, lo, rhs)[data.ps_state, data.ps_pos]

    old = _state_objective(data, tm, x, s)
    t = np.ones(data.n_states)
    for _ in range(40):
        cand_x = x + t[data.ps_state] * delta
        cand = _terms(data, cand_x, tau, beta)
        bad = _worse(_state_objective(data, cand, cand_x, s), old)
        if not bad.any():
            return cand_x, cand
        t[bad] *= 0.5
        t[t < 1e-6] = 0.0  # give up on a block that cannot improve: keep its old value
    return x, _terms(data, x, tau, beta)


def standard_errors(data: VoteData, x: np.ndarray, tau: np.ndarray, beta: np.ndarray, s: Settings) -> np.ndarray:
    """Laplace standard errors of the positions given the roll-call parameters."""
    tm = _terms(data, x, tau, beta)
    _, h_eta = _eta_derivs(data, tm)
    bv = beta[data.item]
    h = np.bincount(data.ps, bv * bv * h_eta, minlength=data.n_ps)
    d, e = _chain_matrix(data, h, s)
    var = _chol_inv_diag(*_chol(d, e))
    return np.sqrt(var[data.ps_state, data.ps_pos])


def _gauge_objective(
    z: np.ndarray, data: VoteData, x: np.ndarray, tau: np.ndarray, beta: np.ndarray, s: Settings
) -> tuple[float, np.ndarray]:
    """Minus the log prior after x -> a + b x per session (b = exp(c)), and its gradient in (a, c).

    The likelihood is unchanged when the roll calls compensate (beta -> beta / b, tau -> tau + beta a / b),
    so only the priors decide these 2G directions; alternating Newton steps crawl along them.
    """
    n_g = len(z) // 2
    a, b = z[:n_g], np.exp(z[n_g:])
    pa, pb = a[data.ps_group], b[data.ps_group]
    xn = pa + pb * x
    gx = _chain_prior_grad(data, xn, s)
    ia, ib = a[data.item_group], b[data.item_group]
    shift = beta * ia / ib
    tn = tau + shift[:, None] * _tau_live(data)
    bn = beta / ib
    live = _tau_live(data)
    f = -(_chain_prior(data, xn, s).sum() + _item_prior(tn * live, bn, s).sum())
    # d(item prior)/da and /db through tau' and beta'
    tsum = (tn * live).sum(axis=1)
    d_item_da = -tsum * beta / ib / s.item_var
    d_item_db = (tsum * beta * ia / ib**2 + bn * beta / ib**2) / s.item_var
    ga = np.bincount(data.ps_group, gx, minlength=n_g) + np.bincount(data.item_group, d_item_da, minlength=n_g)
    gb = np.bincount(data.ps_group, gx * x, minlength=n_g) + np.bincount(
        data.item_group, d_item_db, minlength=n_g
    )
    return f, -np.concatenate([ga, gb * b])


def _tau_live(data: VoteData) -> np.ndarray:
    """1 for thresholds the likelihood uses; 0 for the unused second threshold of binary roll calls."""
    return np.column_stack([np.ones(data.n_items), data.ordinal.astype(float)])


def _gauge_step(data: VoteData, x: np.ndarray, tau: np.ndarray, beta: np.ndarray, s: Settings):
    """Move every session's positions along its affine gauge to the prior's optimum (likelihood fixed)."""
    from scipy.optimize import minimize

    n_g = int(max(data.ps_group.max(), data.item_group.max())) + 1
    z0 = np.zeros(2 * n_g)
    res = minimize(_gauge_objective, z0, args=(data, x, tau, beta, s), jac=True, method="L-BFGS-B",
                   options={"maxiter": 200})
    if not np.isfinite(res.fun) or res.fun > _gauge_objective(z0, data, x, tau, beta, s)[0]:
        return x, tau, beta
    a, b = res.x[:n_g], np.exp(res.x[n_g:])
    ia, ib = a[data.item_group], b[data.item_group]
    x = a[data.ps_group] + b[data.ps_group] * x
    tau = tau + (beta * ia / ib)[:, None] * _tau_live(data)
    beta = beta / ib
    return x, tau, beta


def fit(data: VoteData, x0: np.ndarray, s: Settings = Settings()) -> Result:
    """MAP fit from starting positions ``x0`` (e.g. first principal components, oriented as wanted)."""
    x = np.asarray(x0, dtype=float).copy()
    tau = np.zeros((data.n_items, 2))
    tau[data.ordinal, 1] = 0.5  # ordinal items start with an open abstention band
    beta = np.zeros(data.n_items)
    tm = _terms(data, x, tau, beta)
    for _ in range(3):  # fit the roll calls to the starting positions before moving the states
        tau, beta, tm = _item_step(data, tm, x, tau, beta, s)
    converged = False
    n_iter = 0
    for n_iter in range(1, s.max_iter + 1):  # noqa: B007 (n_iter is reported)
        x_old = x
        tau, beta, tm = _item_step(data, tm, x, tau, beta, s)
        x, tm = _state_step(data, tm, x, tau, beta, s)
        if s.gauge:
            x, tau, beta = _gauge_step(data, x, tau, beta, s)
        if np.max(np.abs(x - x_old)) < s.tol:
            converged = True
            break
    se = standard_errors(data, x, tau, beta, s)
    logpost = float(tm.logp.sum() + _chain_prior(data, x, s).sum() + _item_prior(tau, beta, s).sum())
    return Result(x, se, tau, beta, n_iter, converged, logpost)
