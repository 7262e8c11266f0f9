"""Alliance portfolio similarity from ATOP: S, weighted S, kappa, pi and tau-b for every dyad-year.

Valued portfolios (the coding of Signorino & Ritter 1999 carried over to ATOP, as in Chiba, Johnson &
Leeds and in fpsim): a directed ATOP dyad-year ``i -> k`` is

* 3 if ``i`` has a defense or offense obligation towards ``k``,
* 2 if it has a neutrality or consultation obligation (and neither of the above),
* 1 if it has only a non-aggression obligation,
* 0 otherwise (no alliance, or an ATOP row with no obligation of ``i``);

a state's tie to itself is 3. The portfolio of ``i`` in year ``t`` is the vector of its values towards
every COW system member of ``t`` (``amity.states.system_members``), so two states are always compared on
the same set of third states, themselves included. The measures and their formulas are in
:mod:`amity.measures._similarity`; S uses the range fixed by the coding, ``d_max = 3``, and weighted S
weights each third state ``k`` by its CINC score that year (COW NMC), as Signorino & Ritter do.

All measures are symmetric, so the result has one row per undirected dyad (``ccode1 < ccode2``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.cache import frame_cache
from amity.data.registry import coverage
from amity.frames.contract import require_columns
from amity.measures._similarity import portfolio_measures
from amity.years import YearsLike, years_within

# ATOP 5.1 runs 1815-2018; portfolios are over COW system members, whose list starts in 1816
ATOP_YEARS = (max(coverage("atop")[0], coverage("cow_states")[0]), coverage("atop")[1])
D_MAX = 3
COLUMNS = ["s_abs", "s_sq", "s_abs_weighted", "kappa", "pi", "tau_b", "pi_nominal"]
PREFIX = "ally_"

DEFINITIONS = {
    "s_abs": "Signorino & Ritter S, absolute distance, d_max = 3: 1 - 2*sum|x-y|/(m*3)",
    "s_sq": "Signorino & Ritter S, squared distance, d_max = 3: 1 - 2*sum(x-y)^2/(m*9)",
    "s_abs_weighted": "S with absolute distance, third states weighted by CINC: "
    "1 - 2*sum w|x-y|/(3*sum w)",
    "kappa": "Cohen's kappa with quadratic weights (Häge 2011): 1 - D_obs/D_exp",
    "pi": "Scott's pi with quadratic weights (Häge 2011): 1 - D_obs/D_exp(pooled marginals)",
    "tau_b": "Kendall's tau-b between the two valued portfolios (Bueno de Mesquita 1975)",
    "pi_nominal": "Scott's pi, nominal categories (Scott 1955)",
    "n": "number of states compared (COW system members that year)",
}
CITATION = (
    "Signorino, Curtis S., and Jeffrey M. Ritter. 1999. \"Tau-b or Not Tau-b: Measuring the Similarity of "
    "Foreign Policy Positions.\" International Studies Quarterly 43(1): 115-144. Häge, Frank M. 2011. "
    "\"Choice or Circumstance? Adjusting Measures of Foreign Policy Similarity for Chance Agreement.\" "
    "Political Analysis 19(3): 287-305."
)


def valued_atop() -> pd.DataFrame:
    """Directed ATOP dyad-years with the valued tie ``value`` (0..3) as defined in the module doc."""
    store.ensure("atop_alliance")
    df = store.query(
        """SELECT ccode1, ccode2, year,
                  CASE WHEN atop_defense = 1 OR atop_offense = 1 THEN 3
                       WHEN atop_neutral = 1 OR atop_consul = 1 THEN 2
                       WHEN atop_nonagg = 1 THEN 1 ELSE 0 END AS value
           FROM atop_alliance"""
    )
    return df[df["value"] > 0].reset_index(drop=True)


def _coverage_years(years: YearsLike) -> list[int]:
    """The requested years that ATOP and the COW system both cover; refuse spans entirely outside."""
    return years_within(years, *ATOP_YEARS, "ATOP alliance portfolios")


@frame_cache(maxsize=4)
def _inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """System members, valued ties and CINC scores, read once per process (a few hundred thousand rows)."""
    from amity.states import system_members

    store.ensure("cow_nmc")
    members = system_members("cow", range(ATOP_YEARS[0], ATOP_YEARS[1] + 1))
    ties = valued_atop()
    cinc = store.query("SELECT ccode, year, cinc FROM cow_nmc WHERE cinc IS NOT NULL")
    return members, ties, cinc


def _year_portfolios(members: np.ndarray, ties: pd.DataFrame, cinc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The ``n x n`` valued portfolio matrix of the members (sorted) and their CINC weights."""
    n = len(members)
    X = np.zeros((n, n), dtype=np.int8)
    i = np.searchsorted(members, ties["ccode1"].to_numpy())
    k = np.searchsorted(members, ties["ccode2"].to_numpy())
    # ATOP rows whose states are not COW members that year are dropped: the comparison set is the system
    ok = (i < n) & (k < n)
    ok[ok] &= (members[i[ok]] == ties["ccode1"].to_numpy()[ok]) & (members[k[ok]] == ties["ccode2"].to_numpy()[ok])
    X[i[ok], k[ok]] = ties["value"].to_numpy()[ok]
    np.fill_diagonal(X, 3)
    # a state without a CINC score gets weight 0, i.e. it drops out of weighted S only (as fpsim does)
    w = pd.Series(cinc["cinc"].to_numpy(), index=cinc["ccode"].to_numpy()).reindex(members).fillna(0.0)
    return X, w.to_numpy(dtype=np.float64)


def _year_frame(year: int, members: np.ndarray, X: np.ndarray, w: np.ndarray) -> pd.DataFrame:
    iu, ju = np.triu_indices(len(members), 1)
    res = portfolio_measures(X, w, d_max=D_MAX, levels=4, pairs=(iu, ju))
    out = {"ccode1": members[iu], "ccode2": members[ju], "year": np.full(len(iu), year, dtype=np.int64),
           "n": np.full(len(iu), len(members), dtype=np.int64)}
    for col in COLUMNS:
        out[col] = res[col]
    return pd.DataFrame(out)


def _state_codes(states: Iterable | None) -> list[int] | None:
    if states is None:
        return None
    from amity.states import resolve

    if isinstance(states, (str, int)):
        states = [states]
    return sorted({resolve(s).cow for s in states})


def alliance_similarity(years: YearsLike = None, states: Iterable | None = None) -> pd.DataFrame:
    """Alliance portfolio similarity for every dyad-year (ATOP 5.1, valued portfolios).

    Columns: ``ccode1, ccode2, year, n, s_abs, s_sq, s_abs_weighted, kappa, pi, tau_b, pi_nominal`` with
    ``ccode1 < ccode2`` (COW codes) and ``n`` the number of states compared. ``years``: any span
    ``parse_years`` reads, clipped to 1816-2018. ``states``: names or codes; with two or more, only the
    dyads among them are returned, with one, all dyads that include it (portfolios are always compared
    over the whole system). Formulas: see the module docstring and :mod:`amity.measures._similarity`.

    >>> alliance_similarity(1914, states=["Germany", "Russia"])  # doctest: +SKIP
    """
    codes = _state_codes(states)
    ys = _coverage_years(years)
    members_all, ties_all, cinc_all = _inputs()
    by_year_members = dict(tuple(members_all.groupby("year")["ccode"]))
    ties_by_year = dict(tuple(ties_all[ties_all["year"].isin(ys)].groupby("year")))
    cinc_by_year = dict(tuple(cinc_all[cinc_all["year"].isin(ys)].groupby("year")))
    empty_ties = ties_all.iloc[0:0]
    empty_cinc = cinc_all.iloc[0:0]
    frames = []
    for year in ys:
        members = np.sort(by_year_members[year].to_numpy())
        X, w = _year_portfolios(members, ties_by_year.get(year, empty_ties), cinc_by_year.get(year, empty_cinc))
        frame = _year_frame(year, members, X, w)
        if codes is not None:
            frame = _keep_states(frame, codes)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out.attrs["columns"] = column_metadata()
    return out


def _keep_states(frame: pd.DataFrame, codes: list[int]) -> pd.DataFrame:
    in1, in2 = frame["ccode1"].isin(codes), frame["ccode2"].isin(codes)
    return frame[(in1 | in2) if len(codes) == 1 else (in1 & in2)]


def column_metadata() -> dict[str, dict[str, str]]:
    """Source, version, citation and definition of each measure column (for ``df.attrs``)."""
    from amity.data.registry import get_source

    atop = get_source("atop")
    nmc = get_source("cow_nmc")
    out = {}
    for col, definition in DEFINITIONS.items():
        cite = atop.citation + " " + CITATION
        version = atop.version
        if col == "s_abs_weighted":
            cite += " Weights: " + nmc.citation
            version += "; " + nmc.version
        out[col] = {"source": "atop", "version": version, "citation": cite, "definition": definition}
    return out


def add_alliance_similarity(df: pd.DataFrame, measures: Iterable[str] | None = None) -> pd.DataFrame:
    """Add ``ally_<measure>`` columns to a dyad-year frame (``ccode1, ccode2, year``; directed or not).

    Dyad-years outside ATOP's coverage (after 2018) or with a state outside the COW system get NA.
    """
    from amity.errors import UnknownOptionError

    chosen = list(measures) if measures is not None else COLUMNS
    for m in chosen:
        if m not in COLUMNS:
            raise UnknownOptionError("measure", m, COLUMNS)
    require_columns(df, "add_alliance_similarity")
    years = sorted(int(y) for y in df["year"].dropna().unique() if ATOP_YEARS[0] <= y <= ATOP_YEARS[1])
    key = pd.DataFrame({
        "ccode1": np.minimum(df["ccode1"], df["ccode2"]),
        "ccode2": np.maximum(df["ccode1"], df["ccode2"]),
        "year": df["year"],
    })
    if years:
        sims = alliance_similarity(years)[["ccode1", "ccode2", "year", *chosen]]
        merged = key.merge(sims, on=["ccode1", "ccode2", "year"], how="left")
    else:
        merged = key.assign(**{m: np.nan for m in chosen})
    out = df.copy()
    for m in chosen:
        out[PREFIX + m] = merged[m].to_numpy()
    meta = dict(out.attrs.get("columns", {}))
    meta.update({PREFIX + m: column_metadata()[m] for m in chosen})
    out.attrs["columns"] = meta
    return out
