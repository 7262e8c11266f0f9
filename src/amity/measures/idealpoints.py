"""UN General Assembly ideal points: one position per state and session, comparable across sessions.

Model: a dynamic ordered-probit item-response model of yes/abstain/no votes (see :mod:`amity.measures._irt`
for the formulas). For roll call j and state i in session t,

    P(vote <= k) = Phi(tau_kj - beta_j x_it),   no < abstain < yes,
    x_i,t ~ N(x_i,t', omega2 (t - t'))            (random walk from the state's previous session t'),

estimated by maximum a posteriori with alternating Newton steps, with Laplace standard errors. The
positions are oriented so that the United States is positive. This follows Bailey, Strezhnev & Voeten
(2017), "Estimating Dynamic State Preferences from United Nations Voting Data", Journal of Conflict
Resolution 61(2): 430-456, and the EM/Laplace approach of Imai, Lo & Olmsted (2016), "Fast Estimation of
Ideal Points with Massive Data", American Political Science Review 110(4): 631-656; the random walk is
Martin & Quinn (2002), Political Analysis 10(2): 134-153. Unlike BSV, sessions are bridged by the random
walk alone, not by identical resolutions.

Estimates are kept in the store's keyed cache (kind ``ideal_points``) under a hash of the vote sources, the
code and the model settings, so only the first call pays for the fit (about 20-40 s for 80 sessions).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from amity.errors import AmityError, CoverageError
from amity.measures import _irt

CACHE_KIND = "ideal_points"  # entries in the store's keyed cache
MODEL_VERSION = "dynamic-ordered-probit-1"
US_CCODE = 2
_VOTE_SOURCES = ("unvotes", "unvotes_fpsim", "un_extract")  # registry sources whose pinned files the votes come from

CITATION = (
    "Method: Bailey, Michael A., Anton Strezhnev, and Erik Voeten. 2017. \"Estimating Dynamic State "
    "Preferences from United Nations Voting Data.\" Journal of Conflict Resolution 61(2): 430-456; "
    "Imai, Kosuke, James Lo, and Jonathan Olmsted. 2016. \"Fast Estimation of Ideal Points with Massive "
    "Data.\" American Political Science Review 110(4): 631-656. Data: Voeten, Erik, Anton Strezhnev, and "
    "Michael Bailey. 2009. \"United Nations General Assembly Voting Data.\" Harvard Dataverse, "
    "hdl:1902.1/12379; from November 2019 also the United Nations' General Assembly resolutions extract "
    "(source: United Nations). These are amity's estimates, not Bailey, Strezhnev & Voeten's."
)

SessionsLike = int | str | Iterable[int] | None


# ---------------------------------------------------------------------------------------------------
# votes


def load_votes(source: str = "auto") -> pd.DataFrame:
    """Roll-call votes as ``rcid, session, ccode, vote`` (1 yes, 2 abstain, 3 no).

    Reads :func:`amity.measures.unga.un_votes` (the most complete record, through June 2026, with the
    emergency special sessions' votes in the regular session of their day).
    """
    from amity.measures.unga import un_votes

    df = un_votes(source=source)[["rcid", "session", "ccode", "vote"]]
    return df[df["vote"].isin([1, 2, 3])].reset_index(drop=True)


def build_data(votes: pd.DataFrame) -> tuple[_irt.VoteData, pd.DataFrame]:
    """Index form of the votes for the engine, and the person-session frame (ccode, session, n_votes).

    Unanimous roll calls are dropped: they say nothing about positions.
    """
    votes = votes[["rcid", "session", "ccode", "vote"]]
    cat = (3 - votes["vote"].to_numpy()).astype(np.int8)  # 0 no, 1 abstain, 2 yes
    rc_codes, rc_uniques = pd.factorize(votes["rcid"], sort=True)
    lo = np.full(len(rc_uniques), 3)
    hi = np.full(len(rc_uniques), -1)
    np.minimum.at(lo, rc_codes, cat)
    np.maximum.at(hi, rc_codes, cat)
    keep = (hi > lo)[rc_codes]
    votes, cat = votes[keep], cat[keep]

    item, _ = pd.factorize(votes["rcid"], sort=True)
    ps_frame = (
        votes.groupby(["ccode", "session"], sort=True).size().rename("n_votes").reset_index()
    )
    ps_index = pd.MultiIndex.from_frame(ps_frame[["ccode", "session"]])
    ps = ps_index.get_indexer(pd.MultiIndex.from_frame(votes[["ccode", "session"]]))
    state = pd.factorize(ps_frame["ccode"], sort=True)[0]
    pos = ps_frame.groupby("ccode").cumcount().to_numpy()
    sess = ps_frame["session"].to_numpy()
    gap = np.where(pos == 0, 0, sess - np.roll(sess, 1))

    sessions, session_of_ps = np.unique(sess, return_inverse=True)
    rc_session = votes.groupby(item)["session"].first().to_numpy()
    order = np.argsort(cat, kind="stable")
    counts = np.bincount(cat, minlength=3)
    data = _irt.VoteData(
        item=item[order].astype(np.int64),
        ps=ps[order].astype(np.int64),
        bounds=(int(counts[0]), int(counts[0] + counts[1])),
        n_items=int(item.max()) + 1,
        ps_state=state.astype(np.int64),
        ps_pos=pos.astype(np.int64),
        ps_gap=gap.astype(np.int64),
        item_group=np.searchsorted(sessions, rc_session).astype(np.int64),
        ps_group=session_of_ps.astype(np.int64),
    )
    return data, ps_frame


def first_principal_component(votes: pd.DataFrame) -> pd.DataFrame:
    """Per-session first principal component of the state x roll-call vote matrix (the baseline).

    Votes are scored yes 1, abstain 0.5, no 0; a state's missing votes take the roll call's mean. Scores
    are standardised within the session and signed so the United States is positive. Not comparable
    across sessions: each session has its own axis.
    """
    score = votes["vote"].map({1: 1.0, 2: 0.5, 3: 0.0}).to_numpy()
    out = []
    for session, idx in votes.groupby("session", sort=True).indices.items():
        rows, states = pd.factorize(votes["ccode"].to_numpy()[idx], sort=True)
        cols, _ = pd.factorize(votes["rcid"].to_numpy()[idx])
        m = np.full((len(states), cols.max() + 1), np.nan)
        m[rows, cols] = score[idx]
        m = m - np.nanmean(m, axis=0)
        m[np.isnan(m)] = 0.0
        pc = _leading_component(m)
        pc = (pc - pc.mean()) / (pc.std() or 1.0)
        us = np.flatnonzero(states == US_CCODE)
        if len(us) and pc[us[0]] < 0:
            pc = -pc
        out.append(pd.DataFrame({"ccode": states, "session": session, "pc1": pc}))
    return pd.concat(out, ignore_index=True)


def _leading_component(m: np.ndarray, iters: int = 1000, tol: float = 1e-10) -> np.ndarray:
    """Scores on the first principal axis of the centred matrix ``m``, by power iteration.

    Matrix-vector products only: a LAPACK SVD per session is fast alone but stalls when BLAS threads
    compete for a busy machine's cores.
    """
    v = np.ones(m.shape[1]) / np.sqrt(m.shape[1])
    for _ in range(iters):
        w = m.T @ (m @ v)
        norm = np.linalg.norm(w)
        if norm == 0:
            break
        w /= norm
        done = np.max(np.abs(w - v)) < tol
        v = w
        if done:
            break
    return m @ v


def fit_votes(votes: pd.DataFrame, settings: _irt.Settings = _irt.Settings()) -> pd.DataFrame:
    """Fit the dynamic ordinal model to ``votes``; ``ccode, session, ideal_point, se, n_votes``.

    Starts from the per-session first principal components (so the sign is set by the United States in
    every session) and flips the whole solution if the United States ends up negative on average.
    """
    if votes.empty:
        raise AmityError("no votes to fit ideal points to")
    data, ps_frame = build_data(votes)
    pc = first_principal_component(votes)
    x0 = ps_frame.merge(pc, on=["ccode", "session"], how="left")["pc1"].fillna(0.0).to_numpy()
    res = _irt.fit(data, x0, settings)
    x = res.x
    us = (ps_frame["ccode"] == US_CCODE).to_numpy()
    if us.any() and x[us].mean() < 0:
        x = -x
    out = ps_frame[["ccode", "session"]].copy()
    out["ideal_point"] = x
    out["se"] = res.se
    out["n_votes"] = ps_frame["n_votes"].to_numpy()
    out.attrs["fit"] = {
        "iterations": res.n_iter,
        "converged": res.converged,
        "log_posterior": res.log_posterior,
        "roll_calls": data.n_items,
        "votes": len(data.item),
        "settings": settings.as_dict(),
    }
    return out


# ---------------------------------------------------------------------------------------------------
# public API


def default_settings() -> _irt.Settings:
    """The settings :func:`ideal_points` uses unless told otherwise."""
    return _irt.Settings(anchor_var=DEFAULT_ANCHOR_VAR)


def ideal_points(
    sessions: SessionsLike = None,
    source: str = "auto",
    *,
    omega2: float | None = None,
    refit: bool = False,
) -> pd.DataFrame:
    """Each state's UN General Assembly ideal point per session, comparable across sessions.

    Returns ``ccode, iso3, session, ideal_point, se, lo, hi, n_votes``: the MAP position of the dynamic
    ordered-probit model (module docstring), its Laplace standard error, the 95% interval
    ``ideal_point +/- 1.96 se``, and the number of the state's votes on contested roll calls. Positive
    is the side of the United States.

    All sessions are always fitted together (each session's positions borrow strength from the
    neighbouring sessions), so ``sessions`` only filters the output; the fit is cached in the store.
    ``omega2`` is the random-walk variance per session (default 0.1); ``refit=True`` ignores the cache.

    >>> ip = ideal_points(sessions=78)  # doctest: +SKIP
    """
    settings = default_settings()
    if omega2 is not None:
        if not omega2 > 0:
            raise AmityError(f"omega2 must be a positive variance, got {omega2!r}")
        settings = _irt.Settings(**{**settings.as_dict(), "omega2": float(omega2)})
    wanted = _parse_sessions(sessions)
    fitted = None if refit else _cache_read(_cache_key(source, settings))
    if fitted is None:
        fitted = fit_votes(load_votes(source), settings)
        _cache_write(_cache_key(source, settings), fitted)
    if wanted is not None:
        valid = sorted(fitted["session"].unique())
        missing = [s for s in wanted if s not in set(valid)]
        if missing:
            raise CoverageError(
                f"no UN roll calls for session(s) {_span_text(missing)}; "
                f"sessions with votes: {_span_text(valid)}"
            )
        fitted = fitted[fitted["session"].isin(wanted)]
    out = fitted.sort_values(["session", "ccode"], ignore_index=True)
    out.insert(1, "iso3", _iso3(out["ccode"]))
    out["lo"] = out["ideal_point"] - Z95 * out["se"]
    out["hi"] = out["ideal_point"] + Z95 * out["se"]
    out = out[["ccode", "iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"]]
    out.attrs.update(
        source="UN General Assembly roll calls (" + source + ")",
        citation=CITATION,
        model=MODEL_VERSION,
        settings=settings.as_dict(),
    )
    return out


def session_of_year(source: str = "auto") -> pd.Series:
    """Calendar year -> the session whose roll calls fall mostly in that year (index year, int values).

    The regular session opens in September and holds most of its recorded votes before the new year, so
    year Y maps to session Y - 1945 for most years; the rule is read from the roll-call dates, so years
    with no recorded votes (e.g. 1964, when the 19th session held a single vote in February 1965) have
    no session, and a year whose votes are split goes to the session holding the most of them.
    """
    votes = _roll_call_dates(source)
    counts = votes.groupby(["year", "session"]).size().rename("n").reset_index()
    best = counts.sort_values(["year", "n", "session"], ascending=[True, False, False]).drop_duplicates("year")
    return best.set_index("year")["session"].astype(int)


def ideal_distance(a: Any, b: Any, years: Any = None, sessions: SessionsLike = None,
                   source: str = "auto") -> pd.DataFrame:
    """Distance between two states' ideal points per session: ``|x_a - x_b|``.

    Returns ``a, b, session, ideal_point_a, ideal_point_b, ideal_distance, se`` where ``se`` is
    ``sqrt(se_a^2 + se_b^2)`` (treating the two estimates as independent). ``years`` keeps the sessions
    that calendar years map to (see :func:`session_of_year`).
    """
    ca, cb = _ccode(a), _ccode(b)
    if years is not None:
        from amity.years import parse_years

        ys = parse_years(years)
        mapping = session_of_year(source)
        sess = sorted({int(mapping[y]) for y in ys if y in mapping.index})
        if not sess:
            raise CoverageError(
                f"UN ideal points cover {int(mapping.index.min())}-{int(mapping.index.max())}; "
                f"no UN roll calls in the year(s) {_span_text(ys)}"
            )
        sessions = sess if sessions is None else sorted(set(sess) & set(_parse_sessions(sessions) or []))
    ip = ideal_points(sessions, source)
    pa = ip[ip["ccode"] == ca][["session", "ideal_point", "se"]]
    pb = ip[ip["ccode"] == cb][["session", "ideal_point", "se"]]
    m = pa.merge(pb, on="session", suffixes=("_a", "_b"))
    out = pd.DataFrame({
        "a": _label(a, ca), "b": _label(b, cb), "session": m["session"],
        "ideal_point_a": m["ideal_point_a"], "ideal_point_b": m["ideal_point_b"],
        "ideal_distance": (m["ideal_point_a"] - m["ideal_point_b"]).abs(),
        "se": np.sqrt(m["se_a"] ** 2 + m["se_b"] ** 2),
    })
    out.attrs.update(ip.attrs)
    return out


def add_ideal_distance(df: pd.DataFrame, source: str = "auto") -> pd.DataFrame:
    """Add ``ideal_distance`` = |x_ccode1 - x_ccode2| to a dyad-year frame (``ccode1, ccode2, year``).

    A year takes the ideal points of the session whose roll calls fall mostly in that year
    (:func:`session_of_year`). Missing (NA) when a year has no roll calls or either state did not vote
    in that session; never zero.
    """
    from amity.frames.contract import Provenance, add_provenance, require_columns

    require_columns(df, "add_ideal_distance")
    ip = ideal_points(None, source)
    pos = ip.set_index(["ccode", "session"])["ideal_point"]
    session = df["year"].map(session_of_year(source))
    idx = session.fillna(-1).astype(int)
    x1 = pos.reindex(pd.MultiIndex.from_arrays([df["ccode1"].astype(int), idx])).to_numpy()
    x2 = pos.reindex(pd.MultiIndex.from_arrays([df["ccode2"].astype(int), idx])).to_numpy()
    out = df.copy()
    out["ideal_distance"] = np.abs(x1 - x2)
    out.attrs.setdefault("columns", {})["ideal_distance"] = {"source": ip.attrs["source"], "citation": CITATION}
    from amity.measures.unga import REGISTRY_SOURCES

    add_provenance(out, [Provenance.of(name, ("ideal_distance",), "add_ideal_distance")
                         for name in REGISTRY_SOURCES[source]])
    return out


# ---------------------------------------------------------------------------------------------------
# helpers


Z95 = 1.959963984540054
DEFAULT_ANCHOR_VAR = 4.0


def _parse_sessions(sessions: SessionsLike) -> list[int] | None:
    from amity.years import parse_years

    try:
        parsed = parse_years(sessions)
    except ValueError as exc:
        raise AmityError(str(exc).replace("year", "session")) from None
    if parsed is not None and any(s < 1 for s in parsed):
        raise CoverageError(f"sessions are numbered from 1 (1946); got {sessions!r}")
    return parsed


def _span_text(values: Iterable[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    vals = sorted(set(int(v) for v in values))
    parts: list[str] = []
    start = prev = vals[0] if vals else None
    for v in vals[1:] + [None]:
        if v is not None and v == prev + 1:
            prev = v
            continue
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
        start = prev = v
    return ", ".join(parts)


def _roll_call_dates(source: str) -> pd.DataFrame:
    from amity.measures.unga import un_votes

    return un_votes(source=source).drop_duplicates("rcid")[["rcid", "session", "year"]]


def _iso3(ccodes: pd.Series) -> pd.Series:
    from amity.states import cow_to_iso3

    return pd.Series(cow_to_iso3(ccodes), index=ccodes.index, dtype="string")


def _ccode(query: Any) -> int:
    from amity.states import resolve

    return int(query) if isinstance(query, (int, np.integer)) else int(resolve(query).cow)


def _label(query: Any, ccode: int) -> str:
    iso = _iso3(pd.Series([ccode])).iloc[0]
    return str(iso) if pd.notna(iso) else str(ccode)


# ---------------------------------------------------------------------------------------------------
# cache in the store


def _cache_key(source: str, settings: _irt.Settings) -> str:
    """Hash of what determines the estimates: vote files (pinned sha256), code, source and settings."""
    from amity.data.registry import get_source

    pinned = {name: {f.path: f.sha256 for f in get_source(name).files} for name in _VOTE_SOURCES}
    here = Path(__file__).resolve().parent
    code = {}
    for name in ("idealpoints.py", "_irt.py", "unga.py"):
        p = here / name
        code[name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None
    blob = json.dumps({"model": MODEL_VERSION, "source": source, "settings": settings.as_dict(),
                       "pinned": pinned, "code": code}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _cache_read(key: str) -> pd.DataFrame | None:
    from amity.data.store import get_store

    entry = get_store().cache_get(CACHE_KIND, key)
    return None if entry is None else entry.value


def _cache_write(key: str, fitted: pd.DataFrame) -> None:
    """Keep the estimates under ``key`` in the store's keyed cache (all rows or none)."""
    from amity.data.store import get_store

    rows = fitted[["ccode", "session", "ideal_point", "se", "n_votes"]].astype(
        {"ccode": "int64", "session": "int64", "n_votes": "int64"})
    get_store().cache_put(CACHE_KIND, key, rows, info=fitted.attrs.get("fit", {}))
