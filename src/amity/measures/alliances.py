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
from amity.frames.contract import Provenance, join_undirected, require_columns
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
    sims = alliance_similarity(years) if years else None
    added = [PREFIX + m for m in chosen]
    prov = [Provenance.of(name, added, "add_alliance_similarity") for name in ("atop", "cow_nmc")]
    out = join_undirected(df, "add_alliance_similarity", sims, chosen, PREFIX, prov)
    meta = dict(out.attrs.get("columns", {}))
    meta.update({PREFIX + m: column_metadata()[m] for m in chosen})
    out.attrs["columns"] = meta
    return out


# ---------------------------------------------------------------------------------------------------------
# The alliances behind a dyad's ties (ATOP 5.1 member- and alliance-level files)

OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
BETWEEN_COLUMNS = [
    "atopid", "obligations", "bilateral", "n_members", "members", "begin", "end",
    "a_entry", "a_exit", "b_entry", "b_exit", "first_joint", "last_joint",
]


@frame_cache(maxsize=1)
def _member_years() -> pd.DataFrame:
    """One row per ATOP alliance, member, phase and year of membership: atopid, member, year and the
    member's obligations that year. An exit ATOP leaves open (still a member) runs to the last ATOP year."""
    store.ensure("atop_members")
    return store.query(
        f"""SELECT atopid, member, CAST(y.year AS INTEGER) AS year, {", ".join(OBLIGATIONS)}
            FROM atop_members,
                 LATERAL (SELECT unnest(range(yrent, coalesce(yrexit, {ATOP_YEARS[1]}) + 1)) AS year) y"""
    )


def atop_dyad_years_from_members(ccode1: int | None = None, ccode2: int | None = None) -> pd.DataFrame:
    """Directed dyad-year obligations rebuilt from the ATOP member file: ``ccode1, ccode2, year`` and
    ``atop_<obligation>`` (1 if ``ccode1`` holds that obligation, in that year's phase, in an alliance
    ``ccode2`` also belongs to that year; the maximum over alliances). Optional codes restrict the rows.

    This is how ATOP's directed dyad-year file is built, except that the member file's flags do not say
    towards whom an obligation runs: where a member is bound towards only some partners (asymmetric
    alliances, phases), the rebuild adds ties ATOP's dyad file does not have; docs/measures.md counts them.
    """
    my = _member_years()
    left = my if ccode1 is None else my[my["member"] == ccode1]
    right = my[["atopid", "member", "year"]] if ccode2 is None else my.loc[my["member"] == ccode2,
                                                                             ["atopid", "member", "year"]]
    pairs = left.merge(right.drop_duplicates(), on=["atopid", "year"], suffixes=("1", "2"))
    pairs = pairs[pairs["member1"] != pairs["member2"]]
    flags = pairs.groupby(["member1", "member2", "year"])[list(OBLIGATIONS)].max().reset_index()
    flags = flags.rename(columns={"member1": "ccode1", "member2": "ccode2", **{o: f"atop_{o}" for o in OBLIGATIONS}})
    return flags.astype("int64")


def _spell(rows: pd.DataFrame) -> tuple:
    """(first entry year, last exit year or NA while still a member) of one state in one alliance."""
    exits = rows["yrexit"]
    return int(rows["yrent"].min()), (pd.NA if exits.isna().any() else int(exits.max()))


def alliances_between(a, b, years: YearsLike = None) -> pd.DataFrame:
    """The ATOP alliances behind a dyad's obligations, one row per alliance both states belonged to at
    the same time (in ``years``, if given: 1815-2018).

    Columns: ``atopid``; ``obligations`` (the alliance's: defense, offense, neutral, nonagg, consul,
    comma-separated); ``bilateral``; ``n_members`` (states ever in it); ``members`` (their ISO3 codes, or
    COW abbreviations for historical states, in order of entry); ``begin``/``end`` (the alliance's years;
    ``end`` NA while in effect at the end of 2018); ``a_entry``/``a_exit`` and ``b_entry``/``b_exit``
    (each side's first entry and last exit year, NA while still a member); ``first_joint``/``last_joint``
    (the years both were members). Source: ATOP 5.1 member- and alliance-level files (Leeds et al. 2002).

    >>> alliances_between("USA", "India")  # doctest: +SKIP
       atopid obligations  bilateral  n_members  ... a_entry a_exit b_entry b_exit first_joint last_joint
    0    3755      nonagg      False         34  ...    2009   <NA>    2003   <NA>        2009       2018
    """
    from amity.states import cow_to_iso3, crosswalk, resolve

    span = years_within(years, 1815, ATOP_YEARS[1], "ATOP 5.1 alliances") if years is not None else None
    codes = []
    for query in (a, b):
        state = resolve(query)
        # a state with one ISO code and two COW codes (Germany 255/260) is looked up under both
        codes.append({state.cow} | ({resolve(query, year=y).cow for y in (1950, 2000)} if state.iso3 else set()))
    my = _member_years()
    side_a, side_b = my[my["member"].isin(codes[0])], my[my["member"].isin(codes[1])]
    joint = side_a[["atopid", "year"]].drop_duplicates().merge(side_b[["atopid", "year"]].drop_duplicates())
    if span is not None:
        joint = joint[joint["year"].isin(span)]
    store.ensure("atop_treaties")
    members = store.table("atop_members")
    treaties = store.table("atop_treaties").set_index("atopid")
    abb = dict(zip(crosswalk()["cow"], crosswalk()["cow_abb"]))
    rows = []
    for atopid, years_joint in joint.groupby("atopid")["year"]:
        t = treaties.loc[atopid]
        m = members[members["atopid"] == atopid]
        order = m.groupby("member")["yrent"].min().sort_values(kind="stable")
        iso3 = [cow_to_iso3(int(c)) for c in order.index]
        labels = [i if isinstance(i, str) else abb.get(int(c), str(c)) for c, i in zip(order.index, iso3)]
        a_entry, a_exit = _spell(m[m["member"].isin(codes[0])])
        b_entry, b_exit = _spell(m[m["member"].isin(codes[1])])
        rows.append({
            "atopid": int(atopid),
            "obligations": ", ".join(o for o in OBLIGATIONS if t[o] == 1),
            "bilateral": bool(t["bilat"] == 1),
            "n_members": int(t["n_members"]), "members": ", ".join(labels),
            "begin": int(t["begyr"]), "end": t["endyr"],
            "a_entry": a_entry, "a_exit": a_exit, "b_entry": b_entry, "b_exit": b_exit,
            "first_joint": int(years_joint.min()), "last_joint": int(years_joint.max()),
        })
    out = pd.DataFrame(rows, columns=BETWEEN_COLUMNS)
    for col in ("end", "a_exit", "b_exit"):
        out[col] = out[col].astype("Int64")
    return out.sort_values(["first_joint", "atopid"], ignore_index=True)
