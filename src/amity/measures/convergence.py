"""The convergence profile of a dyad: every dimension per year, its percentile, trend and breaks.

For a dyad (A, B) and a span of years, :func:`convergence` returns one row per year with, for each
dimension below, three columns:

* ``<dim>``: the value (NA where the dimension has no data that year; never filled with zero);
* ``<dim>_pct``: the dyad's percentile among all dyads with data that year, mid-rank convention,
  ``100 * (#{v < x} + #{v = x} / 2) / #{v}``; for directed dimensions (arms, trade shares, capability
  share) among all directed dyads;
* ``<dim>_trend``: the OLS slope per year of the value over the trailing window of ``window`` years
  ending that year (at least ``max(3, window // 2)`` years with data, else NA).

Structural breaks ("since when") come from :func:`detect_breaks`: a penalised piecewise-linear
segmentation (``ruptures`` PELT with a linear-regression cost, so a break is a change of level or of
slope) with a BIC-type penalty and segments of at least five years, each break kept only if its jump or
slope change exceeds two standard errors; they are in ``df.attrs["breaks"]`` and in
:func:`convergence_summary`. The formulas are in :mod:`amity.measures._stats`.

Every column's source, version, citation and definition is in ``df.attrs["columns"][col]`` and its
sources as :class:`~amity.frames.contract.Provenance` entries (one per registry source, with the columns it
feeds) in ``df.attrs["provenance"]``,
``df.attrs["dimensions"]`` describes each dimension (label, group, which direction means closer) and
``df.attrs["among"][dim][year]`` says how many dyads the percentile ranks among.

:func:`convergence_profiles` returns the profiles of several dyads at once (the all-dyad data are read
once); each equals what :func:`convergence` returns for that dyad. ``amity report`` builds on it, so the
report and ``amity convergence`` show the same numbers, trends and breaks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from amity.data.cache import frame_cache
from amity.data.registry import coverage
from amity.errors import AmityError, InputError, UnknownOptionError
from amity.frames.contract import Provenance, add_provenance, source_label, version_label
from amity.measures._stats import (  # noqa: F401  (re-exported: the profile's statistics)
    detect_breaks,
    midrank,
    midrank_percentile,
    noise_scale,
    trailing_slope,
    trend_direction,
)
from amity.years import YearsLike, parse_years

DEFAULT_YEARS = (1946, 2026)
DEFAULT_WINDOW = 10
ARMS_SOURCE = "combined"  # SIPRI TIV tables before 1990, the trade register from 1990 (amity.measures.arms)
PERCENTILE_NOTE = (
    "percentile among all dyads with data that year (0-100, mid-rank: share of dyads below plus half of "
    "those tied); directed dimensions rank among all directed dyads"
)


@dataclass(frozen=True)
class Dimension:
    name: str
    group: str
    label: str
    higher_is: str  # "closer", "further" or "neither"
    definition: str
    directed: bool = False


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("un_agree", "unga", "UN voting agreement", "closer",
              "share of joint UNGA roll calls with identical votes (yes/abstain/no)"),
    Dimension("un_s_abs", "unga", "UN voting S (absolute)", "closer",
              "Signorino & Ritter S on UNGA votes, absolute distance, fixed range"),
    Dimension("un_kappa", "unga", "UN voting kappa", "closer",
              "Cohen's kappa with quadratic weights on UNGA votes (Häge 2011)"),
    Dimension("ideal_distance", "ideal", "UN ideal-point distance", "further",
              "|x_a - x_b|, UNGA ideal points of the session whose roll calls fall mostly in that year"),
    Dimension("ally_s_abs", "alliances", "Alliance portfolio S", "closer",
              "Signorino & Ritter S of valued ATOP portfolios, absolute distance, d_max = 3"),
    Dimension("ally_kappa", "alliances", "Alliance portfolio kappa", "closer",
              "Cohen's kappa with quadratic weights of valued ATOP portfolios (Häge 2011)"),
    Dimension("cap_share", "capabilities", "Capability share of A", "neither",
              "cinc_a / (cinc_a + cinc_b), COW CINC", directed=True),
    Dimension("arms_tiv_ab", "arms", "Arms transfers A to B (TIV)", "closer",
              "SIPRI TIV delivered from A to B (millions)", directed=True),
    Dimension("arms_tiv_ba", "arms", "Arms transfers B to A (TIV)", "closer",
              "SIPRI TIV delivered from B to A (millions)", directed=True),
    Dimension("arms_dep_b_on_a", "arms", "B's arms dependence on A", "closer",
              "share of B's SIPRI TIV imports that came from A", directed=True),
    Dimension("arms_dep_a_on_b", "arms", "A's arms dependence on B", "closer",
              "share of A's SIPRI TIV imports that came from B", directed=True),
    Dimension("trade", "trade", "Dyadic trade (US$ m)", "closer",
              "A's imports from B plus B's imports from A, millions of current US$ (COW)"),
    Dimension("trade_share_a", "trade", "B's share of A's trade", "closer",
              "dyadic trade / A's total trade (imports + exports)", directed=True),
    Dimension("trade_share_b", "trade", "A's share of B's trade", "closer",
              "dyadic trade / B's total trade (imports + exports)", directed=True),
    Dimension("igos", "igos", "Shared IGO memberships", "closer",
              "number of IGOs in which both are full members (COW IGO)"),
    Dimension("mid_count", "mids", "Militarized disputes", "further",
              "MIDs ongoing in the dyad-year (COW MID)"),
    Dimension("mid_hostlev", "mids", "Highest MID hostility", "further",
              "highest hostility level reached in the dyad-year: 0 none, 1 no militarized action ... 5 war"),
    Dimension("rivalry_td", "rivalry", "Strategic rivalry (Thompson & Dreyer)", "further",
              "1 if the dyad is a strategic rivalry that year (Thompson & Dreyer 2012, to 2010)"),
    Dimension("rivalry_tss", "rivalry", "Strategic rivalry (Thompson, Sakuwa & Suhas)", "further",
              "1 if the dyad is a strategic rivalry that year (Thompson, Sakuwa & Suhas 2022, to 2020)"),
    Dimension("events_coop_share_ab", "events", "Cooperative share of A's events towards B", "closer",
              "(verbal + material cooperation) / all ICEWS events from A to B that year (2002-2014)",
              directed=True),
    Dimension("events_coop_share_ba", "events", "Cooperative share of B's events towards A", "closer",
              "(verbal + material cooperation) / all ICEWS events from B to A that year (2002-2014)",
              directed=True),
    Dimension("events_net_coop_ab", "events", "Net cooperation A to B (ICEWS events)", "closer",
              "ICEWS cooperative minus conflictual events from A to B that year (2002-2014)", directed=True),
    Dimension("events_net_coop_ba", "events", "Net cooperation B to A (ICEWS events)", "closer",
              "ICEWS cooperative minus conflictual events from B to A that year (2002-2014)", directed=True),
    Dimension("statements_net_coop", "statements", "Official statements (US government): net cooperation",
              "closer", "one government's statements: cooperative minus conflictual events between the two "
              "states in White House statements stored by `amity extract … --store` (source "
              "whitehouse_corpus, 2021-2026); 0 in a year with statements but none on the dyad"),
)
GROUPS = tuple(dict.fromkeys(d.group for d in DIMENSIONS))
BY_NAME = {d.name: d for d in DIMENSIONS}


# ---------------------------------------------------------------------------------------------------
# dimensions: each provider returns the dyad's values per year and every dyad's values per year


@dataclass
class _Result:
    # Providers take ``pair`` (rows ``year, a, b``; one block of years per dyad asked for) and return
    # values row by row in the same order, so several dyads share one pass over the all-dyad data.
    values: pd.DataFrame  # one row per row of ``pair`` (same index), one column per dimension of the group
    dist: dict[str, dict[int, np.ndarray]]  # dimension -> year -> sorted values of all dyads
    meta: dict[str, dict[str, str]]  # dimension -> source, version, citation
    extra: pd.DataFrame | None = None  # context columns (e.g. un_n), one row per row of ``pair``


def _both_directions(directed: pd.DataFrame, pair: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of a directed ``ccode1, ccode2, year`` table for each row of ``pair``: A→B first, then B→A
    (all-NA rows where the table has no such dyad-year)."""
    keyed = directed.set_index(["ccode1", "ccode2", "year"])
    ab = keyed.reindex(pd.MultiIndex.from_arrays([pair["a"], pair["b"], pair["year"]]))
    ba = keyed.reindex(pd.MultiIndex.from_arrays([pair["b"], pair["a"], pair["year"]]))
    return ab, ba


def _sorted_by_year(df: pd.DataFrame, col: str) -> dict[int, np.ndarray]:
    """Year -> sorted non-NA values of ``col`` (frames from dyad_years are already in year order)."""
    yrs = df["year"].to_numpy()
    vals = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=np.float64)
    if len(yrs) > 1 and np.any(yrs[1:] < yrs[:-1]):
        order = np.argsort(yrs, kind="stable")
        yrs, vals = yrs[order], vals[order]
    cuts = np.flatnonzero(np.diff(yrs)) + 1
    out = {}
    for chunk_y, chunk_v in zip(np.split(yrs, cuts), np.split(vals, cuts)):
        if len(chunk_y):
            out[int(chunk_y[0])] = np.sort(chunk_v[~np.isnan(chunk_v)])
    return out


def _clip(ys: list[int], lo: int, hi: int) -> list[int]:
    return [y for y in ys if lo <= y <= hi]


def _undirected_lookup(all_df: pd.DataFrame, pair: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    key = pd.DataFrame({"year": pair["year"], "ccode1": np.minimum(pair["a"], pair["b"]),
                        "ccode2": np.maximum(pair["a"], pair["b"])})
    merged = key.merge(all_df[["ccode1", "ccode2", "year", *cols]], on=["ccode1", "ccode2", "year"], how="left")
    return merged[cols].astype(np.float64).set_axis(pair.index)


def _source_meta(*names: str, citation: str | None = None) -> dict:
    """A column's metadata from the registry sources ``names`` (see :func:`_provenance_meta`)."""
    return _provenance_meta(tuple(Provenance.of(n, ()) for n in names), citation)


def _provenance_meta(prov: tuple[Provenance, ...], citation: str | None = None, version: str | None = None) -> dict:
    """``source`` (:func:`~amity.frames.contract.source_label`), ``version``, ``citation`` and
    ``provenance`` (the entries themselves, merged from the measures a dimension reads) of a profile
    column."""
    cites = list(dict.fromkeys(p.citation for p in prov))
    # SIPRI's two arms sources share one citation, one with a compiler's note appended: cite it once
    cites = [c for c in cites if not any(c != o and c in o for o in cites)]
    return {"source": source_label(prov), "version": version or version_label(prov),
            "citation": citation or " ".join(cites), "provenance": prov}


def percentiles_within_year(df: pd.DataFrame, col: str, rows: np.ndarray | None = None) -> np.ndarray:
    """The profile's percentile of every row's ``col`` among all rows of its year with data (0-100,
    mid-rank, as ``<dim>_pct``; NA where the value is NA). Shared with the signed networks of
    :mod:`amity.measures.balance`, so both rank the same values the same way. ``rows`` (a boolean mask):
    the percentiles of those rows only, still ranked among all rows."""
    values = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=np.float64)
    years = df["year"].to_numpy()
    if rows is not None:
        values, years = values[rows], years[rows]
    return _percentiles(_sorted_by_year(df, col), years, values)


@frame_cache(maxsize=4)
def all_dyads(years: tuple[int, ...]) -> pd.DataFrame:
    """:func:`amity.frames.dyad_years` (COW, non-directed) of ``years``, cached per span: the profile's
    all-dyad dimensions, the signed networks and the report's alliance checks read the same frame, which
    is built once (each call gets its own copy)."""
    from amity.frames import dyad_years

    return dyad_years(years=list(years))


UN_MEASURES = ("agree", "s_abs", "kappa")
# UNGA votes: unvotes to 2019, fpsim to June 2024, the UN extract to June 2026
UN_SOURCES = ("unvotes", "unvotes_fpsim", "un_extract")
UN_YEARS = coverage(*UN_SOURCES)


@frame_cache(maxsize=4)
def un_similarity(years: tuple[int, ...]) -> pd.DataFrame:
    """UN voting similarity of every dyad that voted together (``n > 0``) in ``years`` (inside 1946-2026):
    ``ccode1 < ccode2, year, n`` and ``un_agree, un_s_abs, un_kappa`` (:func:`amity.measures.unga.
    similarity_all`). Cached per span because the profile and the signed networks of a report both
    need it; each call gets its own copy."""
    from amity.measures.unga import similarity_all

    sims = similarity_all(years=list(years), measures=UN_MEASURES)
    return sims[sims["n"] > 0].rename(columns={m: f"un_{m}" for m in UN_MEASURES}).reset_index(drop=True)


def _unga(ys: list[int], pair: pd.DataFrame) -> _Result:
    span = _clip(ys, *UN_YEARS)
    dims = [f"un_{m}" for m in UN_MEASURES]
    meta = _source_meta(*UN_SOURCES)
    meta["citation"] = (
        "Voeten, Erik, Anton Strezhnev, and Michael Bailey. 2009. \"United Nations General Assembly Voting "
        "Data.\" Harvard Dataverse, hdl:1902.1/12379; from November 2019, source: United Nations (General "
        "Assembly resolutions, data_extract). Measures: Signorino & Ritter (1999); Häge (2011).")
    if not span:
        return _Result(pd.DataFrame(np.nan, index=pair.index, columns=dims), {d: {} for d in dims},
                       {d: meta for d in dims})
    sims = un_similarity(tuple(span))
    values = _undirected_lookup(sims, pair, dims + ["n"])
    extra = values[["n"]].rename(columns={"n": "un_n"})
    return _Result(values[dims], {d: _sorted_by_year(sims, d) for d in dims}, {d: meta for d in dims}, extra)


def _ideal(ys: list[int], pair: pd.DataFrame) -> _Result:
    from amity.measures import idealpoints

    meta = _provenance_meta(tuple(Provenance.of(n, ()) for n in UN_SOURCES), idealpoints.CITATION,
                            "ideal points, model " + idealpoints.MODEL_VERSION)
    # a year takes the session whose roll calls fall mostly in it (idealpoints.session_of_year); a session
    # counts for one year only (its first, the autumn that holds most of its votes), so no position is
    # repeated into a second year (the January-June 2024 votes belong to session 78, already 2023's)
    session_of = idealpoints.session_of_year()
    session_of = session_of[~session_of.duplicated(keep="first")]
    wanted = {int(y): int(session_of[y]) for y in ys if y in session_of.index}
    dist: dict[int, np.ndarray] = {}
    vals = pd.Series(np.nan, index=pair.index)
    if wanted:
        ip = idealpoints.ideal_points()
        ip = ip[ip["session"].isin(set(wanted.values()))]
        by_session = {int(s): g for s, g in ip.groupby("session")}
        lookup = ip.set_index(["ccode", "session"])["ideal_point"]
        for year, session in wanted.items():
            if session in by_session:
                x = by_session[session]["ideal_point"].to_numpy(dtype=np.float64)
                iu, ju = np.triu_indices(len(x), 1)
                dist[year] = np.sort(np.abs(x[iu] - x[ju]))
        sess = pair["year"].map(wanted).fillna(-1).astype(int)
        xa = lookup.reindex(pd.MultiIndex.from_arrays([pair["a"], sess])).to_numpy()
        xb = lookup.reindex(pd.MultiIndex.from_arrays([pair["b"], sess])).to_numpy()
        vals = pd.Series(np.abs(xa - xb), index=pair.index)
    return _Result(vals.to_frame("ideal_distance"), {"ideal_distance": dist}, {"ideal_distance": meta})


def _alliances(ys: list[int], pair: pd.DataFrame) -> _Result:
    from amity.measures import alliances

    dims = ["ally_s_abs", "ally_kappa"]
    span = _clip(ys, *alliances.ATOP_YEARS)
    meta = alliances.column_metadata()
    metas = {"ally_s_abs": meta["s_abs"], "ally_kappa": meta["kappa"]}
    if not span:
        return _Result(pd.DataFrame(np.nan, index=pair.index, columns=dims), {d: {} for d in dims}, metas)
    sims = alliances.alliance_similarity(span).rename(columns={"s_abs": "ally_s_abs", "kappa": "ally_kappa"})
    return _Result(_undirected_lookup(sims, pair, dims), {d: _sorted_by_year(sims, d) for d in dims}, metas)


def _capabilities(ys: list[int], pair: pd.DataFrame) -> _Result:
    from amity.measures.capabilities import capabilities

    cinc = capabilities(years=ys)[["ccode", "year", "cinc"]].dropna()
    lookup = cinc.set_index(["ccode", "year"])["cinc"]
    ca = lookup.reindex(pd.MultiIndex.from_arrays([pair["a"], pair["year"]])).to_numpy()
    cb = lookup.reindex(pd.MultiIndex.from_arrays([pair["b"], pair["year"]])).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(ca + cb > 0, ca / (ca + cb), np.nan)
    dist = {}
    for year, grp in cinc.groupby("year"):
        c = grp["cinc"].to_numpy(dtype=np.float64)
        total = c[:, None] + c[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.where(total > 0, c[:, None] / total, np.nan)
        off = ~np.eye(len(c), dtype=bool)
        v = s[off]
        dist[int(year)] = np.sort(v[~np.isnan(v)])
    meta = _source_meta("cow_nmc")
    return _Result(pd.DataFrame({"cap_share": share}, index=pair.index),
                   {"cap_share": dist}, {"cap_share": meta})


def _arms(ys: list[int], pair: pd.DataFrame) -> _Result:
    """SIPRI TIV and import dependence over every directed dyad-year of system members (both orders of
    :func:`all_dyads`): a dyad-year without deliveries has TIV 0, and dependence 0 when its recipient
    imported anything that year (NA when it imported nothing). Only the few thousand delivering dyad-years
    are handled one by one; the rest enter the distributions as counts of zeros."""
    from amity.measures import arms

    source = ARMS_SOURCE
    dims = ["arms_tiv_ab", "arms_tiv_ba", "arms_dep_b_on_a", "arms_dep_a_on_b"]
    span = _clip(ys, *arms.SOURCES[source])
    info = arms.source_info(source)
    meta = _provenance_meta(info["provenance"], version=info["version"])
    index = pair.index
    if not span:
        return _Result(pd.DataFrame(np.nan, index=index, columns=dims), {d: {} for d in dims}, {d: meta for d in dims})
    und = all_dyads(tuple(span))
    members = np.sort(_dyad_key(und["ccode1"], und["ccode2"], und["year"]))
    dyads, totals = arms.state_flows(source, span)
    s, r, y = (dyads[c].to_numpy(dtype=np.int64) for c in ("ccode1", "ccode2", "year"))
    inside = _contains(members, _dyad_key(np.minimum(s, r), np.maximum(s, r), y))
    s, r, y, tiv = s[inside], r[inside], y[inside], dyads["tiv"].to_numpy(dtype=np.float64)[inside]
    imports = pd.Series(totals["imports"].to_numpy(dtype=np.float64),
                        index=_state_key(totals["ccode"].to_numpy(dtype=np.int64), totals["year"].to_numpy()))
    imp = imports.reindex(_state_key(r, y)).fillna(0.0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        dep = np.where(imp > 0, tiv / imp, np.nan)
    # per year: the directed dyads (twice the non-directed ones) and those whose recipient imported
    uy = und["year"].to_numpy(dtype=np.int64)
    n_dyads = pd.Series(uy).value_counts()
    ends = np.concatenate([_state_key(und["ccode1"].to_numpy(dtype=np.int64), uy),
                           _state_key(und["ccode2"].to_numpy(dtype=np.int64), uy)])
    importers = np.sort(imports.index.to_numpy()[imports.to_numpy() > 0])
    n_importing = pd.Series(ends[_contains(importers, ends)] % 10_000).value_counts()
    tiv_dist, dep_dist = {}, {}
    for year in np.unique(uy):
        here = y == year
        tiv_dist[int(year)] = _with_zeros(tiv[here], 2 * int(n_dyads[year]))
        d = dep[here]
        dep_dist[int(year)] = _with_zeros(d[~np.isnan(d)], int(n_importing.get(year, 0)))
    flows = pd.Series(tiv, index=_dyad_key(s, r, y))
    values = {}
    for name, src, dst in (("ab", "a", "b"), ("ba", "b", "a")):
        ps, pr, py = (pair[c].to_numpy(dtype=np.int64) for c in (src, dst, "year"))
        member = _contains(members, _dyad_key(np.minimum(ps, pr), np.maximum(ps, pr), py))
        t = np.where(member, flows.reindex(_dyad_key(ps, pr, py)).fillna(0.0).to_numpy(), np.nan)
        i = imports.reindex(_state_key(pr, py)).fillna(0.0).to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            values[name] = (t, np.where(member & (i > 0), t / i, np.nan))
    out = pd.DataFrame({"arms_tiv_ab": values["ab"][0], "arms_tiv_ba": values["ba"][0],
                        "arms_dep_b_on_a": values["ab"][1], "arms_dep_a_on_b": values["ba"][1]}, index=index)
    dist = {"arms_tiv_ab": tiv_dist, "arms_tiv_ba": tiv_dist, "arms_dep_b_on_a": dep_dist,
            "arms_dep_a_on_b": dep_dist}
    return _Result(out, dist, {d: meta for d in dims})


def _dyad_key(c1, c2, year) -> np.ndarray:
    """One int64 per (ccode1, ccode2, year): COW codes are below 1000 and years below 10000."""
    return (np.asarray(c1, dtype=np.int64) * 1000 + np.asarray(c2, dtype=np.int64)) * 10_000 + np.asarray(
        year, dtype=np.int64)


def _state_key(code, year) -> np.ndarray:
    return np.asarray(code, dtype=np.int64) * 10_000 + np.asarray(year, dtype=np.int64)


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(sorted_keys, keys).clip(max=max(len(sorted_keys) - 1, 0))
    return (sorted_keys[pos] == keys) if len(sorted_keys) else np.zeros(len(keys), dtype=bool)


def _with_zeros(values: np.ndarray, n_total: int) -> np.ndarray:
    """``values`` and as many zeros as make ``n_total`` entries, sorted."""
    return np.sort(np.concatenate([np.zeros(n_total - len(values)), values]))


EVENT_DIMS = ("events_coop_share_ab", "events_coop_share_ba", "events_net_coop_ab", "events_net_coop_ba")


@frame_cache(maxsize=1)
def icews_directed() -> pd.DataFrame:
    """Every directed ICEWS dyad-year (2002-2014): ``ccode1, ccode2, year``, ``coop_share`` = (verbal +
    material cooperation) / all four quad classes (NA without events) and ``net_coop`` = cooperation minus
    conflict events. Boschee et al. (2015), via netify."""
    from amity.data import store

    store.ensure("icews_dyad_years")
    df = store.query(
        """SELECT ccode1, ccode2, year, verb_coop + matl_coop AS coop, verb_conf + matl_conf AS conf
           FROM icews_dyad_years ORDER BY year, ccode1, ccode2"""
    )
    total = df["coop"] + df["conf"]
    return pd.DataFrame({
        "ccode1": df["ccode1"], "ccode2": df["ccode2"], "year": df["year"],
        "coop_share": (df["coop"] / total.where(total > 0)).astype(np.float64),
        "net_coop": (df["coop"] - df["conf"]).astype(np.float64),
    })


def _events(ys: list[int], pair: pd.DataFrame) -> _Result:
    meta = _source_meta("icews")
    if not _clip(ys, *coverage("icews")):
        return _Result(pd.DataFrame(np.nan, index=pair.index, columns=list(EVENT_DIMS)),
                       {d: {} for d in EVENT_DIMS}, {d: meta for d in EVENT_DIMS})
    events = icews_directed()
    events = events[events["year"].isin(ys)]
    ab, ba = _both_directions(events, pair)
    values = pd.DataFrame({
        "events_coop_share_ab": ab["coop_share"].to_numpy(), "events_coop_share_ba": ba["coop_share"].to_numpy(),
        "events_net_coop_ab": ab["net_coop"].to_numpy(), "events_net_coop_ba": ba["net_coop"].to_numpy(),
    }, index=pair.index)
    share, net = _sorted_by_year(events, "coop_share"), _sorted_by_year(events, "net_coop")
    dist = {"events_coop_share_ab": share, "events_coop_share_ba": share,
            "events_net_coop_ab": net, "events_net_coop_ba": net}
    return _Result(values, dist, {d: meta for d in EVENT_DIMS})


_FRAME_DIMS = {
    "trade": ["trade", "trade_share_a", "trade_share_b"],
    "igos": ["igos"],
    "mids": ["mid_count", "mid_hostlev"],
    "rivalry": ["rivalry_td", "rivalry_tss"],
}


def _frame_groups(ys: list[int], pair: pd.DataFrame, groups: list[str]) -> dict[str, _Result]:
    """Trade, IGOs, MIDs and rivalry for all dyads at once, through the amity.frames steps."""
    from amity.frames import add_igos, add_mids, add_rivalry
    from amity.measures.trade import add_trade_dependence

    frame = all_dyads(tuple(ys))
    steps = {"trade": add_trade_dependence, "igos": add_igos, "mids": add_mids, "rivalry": add_rivalry}
    for g in groups:
        frame = steps[g](frame)
    frame = frame.rename(columns={"dyadigos": "igos", "td_rivalry": "rivalry_td", "tss_rivalry": "rivalry_tss"})
    cols = [c for g in groups for c in _FRAME_DIMS[g] if c not in ("trade_share_a", "trade_share_b")]
    if "trade" in groups:
        cols += ["trade_share1", "trade_share2"]
    for c in cols:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(np.float64)
    values = _undirected_lookup(frame, pair, cols)
    a_first = (pair["a"] < pair["b"]).to_numpy()
    out: dict[str, _Result] = {}
    metas = {"trade": _source_meta("cow_trade"), "igos": _source_meta("cow_igo"),
             "mids": _source_meta("cow_mid"), "rivalry": _source_meta("rivalries")}
    for g in groups:
        dims = _FRAME_DIMS[g]
        vals = pd.DataFrame(index=values.index)
        dist = {}
        for d in dims:
            if d == "trade_share_a":
                vals[d] = np.where(a_first, values["trade_share1"], values["trade_share2"])
            elif d == "trade_share_b":
                vals[d] = np.where(a_first, values["trade_share2"], values["trade_share1"])
            else:
                vals[d] = values[d]
            if d.startswith("trade_share"):
                stacked = pd.concat([frame[["year", "trade_share1"]].set_axis(["year", "v"], axis=1),
                                     frame[["year", "trade_share2"]].set_axis(["year", "v"], axis=1)])
                dist[d] = dist.get("trade_share_a") or _sorted_by_year(stacked, "v")
            else:
                dist[d] = _sorted_by_year(frame, d)
        out[g] = _Result(vals, dist, {d: metas[g] for d in dims})
    return out


def _statements(ys: list[int], pair: pd.DataFrame) -> _Result:
    """US government statements (:func:`amity.text.series.statement_dyad_years`); NA outside the years
    the store holds White House events for, and everywhere before the corpus is ingested."""
    from amity.text.series import STATEMENT_DIM, statement_dyad_years

    df = statement_dyad_years(ys)
    meta = _source_meta("whitehouse_corpus")
    meta["citation"] += " One government's statements (the White House), as extracted by amity."
    values = _undirected_lookup(df, pair, [STATEMENT_DIM]) if len(df) else pd.DataFrame(
        np.nan, index=pair.index, columns=[STATEMENT_DIM])
    covered = pair["year"].isin(df.attrs["years"]).to_numpy()
    values.loc[covered & values[STATEMENT_DIM].isna().to_numpy(), STATEMENT_DIM] = 0.0
    return _Result(values, {STATEMENT_DIM: _sorted_by_year(df, STATEMENT_DIM)}, {STATEMENT_DIM: meta})


_PROVIDERS: dict[str, Callable[[list[int], pd.DataFrame], _Result]] = {
    "unga": _unga, "ideal": _ideal, "alliances": _alliances, "capabilities": _capabilities, "arms": _arms,
    "events": _events,
    "statements": _statements,
}


# ---------------------------------------------------------------------------------------------------
# the profile


def _check_groups(dimensions: str | Iterable[str] | None) -> list[str]:
    if dimensions is None:
        return list(GROUPS)
    if isinstance(dimensions, str):
        dimensions = [d.strip() for d in dimensions.split(",") if d.strip()]
    chosen = []
    for d in dimensions:
        if d in GROUPS:
            chosen.append(d)
        elif d in BY_NAME:
            chosen.append(BY_NAME[d].group)
        else:
            raise UnknownOptionError("dimension", d, list(GROUPS))
    return list(dict.fromkeys(g for g in GROUPS if g in chosen))


@lru_cache(maxsize=8192)
def _cow_in_year(query, year: int) -> int:
    from amity.states import resolve

    return resolve(query, year=year).cow


def _pair(a, b, ys: list[int]) -> tuple[pd.DataFrame, str, str]:
    from amity.states import resolve

    sa, sb = resolve(a), resolve(b)  # unknown names fail here, with suggestions
    # a COW code names the same state in every year; a name may not ("Germany" is 260, then 255)
    codes_a = [sa.cow] * len(ys) if isinstance(a, (int, np.integer)) else [_cow_in_year(a, y) for y in ys]
    codes_b = [sb.cow] * len(ys) if isinstance(b, (int, np.integer)) else [_cow_in_year(b, y) for y in ys]
    if any(x == y for x, y in zip(codes_a, codes_b)):
        raise AmityError(f"{a!r} and {b!r} name the same state; a dyad needs two different states")
    pair = pd.DataFrame({"year": np.asarray(ys, dtype="int64"), "a": np.asarray(codes_a, dtype="int64"),
                         "b": np.asarray(codes_b, dtype="int64")})
    return pair, sa.iso3 or sa.cow_abb, sb.iso3 or sb.cow_abb


def convergence(
    a,
    b,
    years: YearsLike = None,
    window: int = DEFAULT_WINDOW,
    dimensions: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The convergence profile of the dyad (a, b): per year, every dimension, its percentile and trend.

    ``years``: any span ``parse_years`` reads (default 1946-2026). ``window``: trailing years for the
    trend slope. ``dimensions``: groups to compute (``unga, ideal, alliances, capabilities, arms, trade,
    igos, mids, rivalry, statements``; default all) or dimension names. Columns: ``year, a, b, ccode_a, ccode_b,
    un_n`` and ``<dim>, <dim>_pct, <dim>_trend`` per dimension (see the module docstring);
    ``df.attrs`` holds ``columns`` (source, version, citation, definition per column), ``dimensions``,
    ``breaks`` (dimension -> break years), ``among`` (dimension -> year -> dyads ranked), ``percentile``,
    ``trend`` and ``window``.

    >>> convergence("USA", "India", years="1991-2024")  # doctest: +SKIP
    """
    return convergence_profiles([(a, b)], years, window, dimensions)[0]


def convergence_profiles(
    pairs: Iterable[tuple],
    years: YearsLike = None,
    window: int = DEFAULT_WINDOW,
    dimensions: str | Iterable[str] | None = None,
    trends: bool | Sequence[bool] = True,
) -> list[pd.DataFrame]:
    """The :func:`convergence` profile of each dyad ``(a, b)`` in ``pairs``, in order.

    Each profile equals ``convergence(a, b, years, window, dimensions)``; the all-dyad data behind the
    values and percentiles are computed once for all the dyads, which is what makes a report on a
    handful of dyads cost about as much as one profile. ``trends=False`` (or one flag per pair) skips the
    trailing slopes and breaks of those dyads (NA, no breaks): values and percentiles of many benchmark
    dyads at little cost.
    """
    if window < 2:
        raise InputError("window must be at least 2 years")
    ys = parse_years(years) or list(range(DEFAULT_YEARS[0], DEFAULT_YEARS[1] + 1))
    groups = _check_groups(dimensions)
    resolved = [_pair(a, b, ys) for a, b in pairs]
    if not resolved:
        return []
    pair = pd.concat([r[0] for r in resolved], ignore_index=True)
    results: dict[str, _Result] = {}
    for g in groups:
        if g in _PROVIDERS:
            results[g] = _PROVIDERS[g](ys, pair)
    frame_groups = [g for g in groups if g in _FRAME_DIMS]
    if frame_groups:
        results.update(_frame_groups(ys, pair, frame_groups))
    # every dimension's values as one array, its percentiles for every row at once (one sorted search per
    # dimension and year) and the dyads each year's percentile ranks among: shared by all the profiles
    arrays = {d: results[g].values[d].to_numpy(dtype=np.float64) for g in groups for d in _names(g)}
    pcts = {d: _percentiles(results[BY_NAME[d].group].dist[d], pair["year"].to_numpy(), v) for d, v in arrays.items()}
    among = {d: {int(y): len(results[BY_NAME[d].group].dist[d].get(int(y), ())) for y in ys} for d in arrays}
    n = len(ys)
    flags = [trends] * len(resolved) if isinstance(trends, bool) else list(trends)
    return [_profile(results, arrays, pcts, among, groups, slice(i * n, (i + 1) * n), pair, labels, window,
                     flags[i]) for i, (_, *labels) in enumerate(resolved)]


def _names(group: str) -> list[str]:
    return [x.name for x in DIMENSIONS if x.group == group]


def _percentiles(dist: dict[int, np.ndarray], years: np.ndarray, values: np.ndarray) -> np.ndarray:
    """:func:`~amity.measures._stats.midrank` of each ``values[i]`` among ``dist[years[i]]`` (sorted,
    NA-free arrays)."""
    out = np.full(len(values), np.nan)
    for year in np.unique(years):
        rows = np.flatnonzero(years == year)
        v = dist.get(int(year))
        if v is not None and len(rows):
            out[rows] = midrank(v, values[rows])
    return out


def _profile(
    results: dict[str, _Result],
    arrays: dict[str, np.ndarray],
    pcts: dict[str, np.ndarray],
    among_all: dict[str, dict[int, int]],
    groups: list[str],
    rows: slice,
    pair: pd.DataFrame,
    labels: list[str],
    window: int,
    trends: bool = True,
) -> pd.DataFrame:
    """One dyad's profile from the rows ``rows`` of the shared results (without slopes and breaks when
    ``trends`` is False)."""
    block = pair.iloc[rows]
    year_arr = block["year"].to_numpy()
    # the columns are gathered first and framed once: inserting ~90 columns one by one costs more than
    # everything else in a profile
    cols: dict[str, object] = {"year": year_arr, "a": labels[0], "b": labels[1],
                               "ccode_a": block["a"].to_numpy(), "ccode_b": block["b"].to_numpy()}
    columns_meta: dict[str, dict] = {}
    dims_meta: dict[str, dict] = {}
    breaks: dict[str, list[int]] = {}
    among: dict[str, dict[int, int]] = {}
    no_trend = np.full(len(year_arr), np.nan)
    sources: dict[Provenance, list[str]] = {}  # each source once, with every column it feeds
    for g in groups:
        res = results[g]
        if res.extra is not None:
            for c in res.extra.columns:
                cols[c] = res.extra[c].to_numpy()[rows]
                first = res.meta[next(iter(res.meta))]
                columns_meta[c] = {k: v for k, v in first.items() if k != "provenance"} | {
                    "definition": "UNGA roll calls both voted on"}
        for d in _names(g):
            dim = BY_NAME[d]
            vals = arrays[d][rows]
            cols[d] = vals
            cols[f"{d}_pct"] = pcts[d][rows]
            cols[f"{d}_trend"] = trailing_slope(year_arr, vals, window) if trends else no_trend
            breaks[d] = detect_breaks(year_arr, vals) if trends else []
            among[d] = {int(y): among_all[d][int(y)] for y in year_arr}
            base = {k: v for k, v in res.meta[d].items() if k != "provenance"} | {"definition": dim.definition}
            for p in res.meta[d].get("provenance") or (Provenance.of(res.meta[d]["source"], ()),):
                sources.setdefault(p._replace(columns=(), step="convergence"), []).extend([d, f"{d}_pct", f"{d}_trend"])
            columns_meta[d] = base
            columns_meta[f"{d}_pct"] = {**base, "definition": f"{dim.label}: {PERCENTILE_NOTE}"}
            columns_meta[f"{d}_trend"] = {
                **base, "definition": f"{dim.label}: OLS slope per year over the trailing {window}-year window"}
            dims_meta[d] = {"label": dim.label, "group": g, "higher_is": dim.higher_is, "directed": dim.directed}
    out = pd.DataFrame(cols)
    add_provenance(out, [p._replace(columns=tuple(c)) for p, c in sources.items()])
    out.attrs.update({
        "columns": columns_meta, "dimensions": dims_meta, "breaks": breaks, "among": among, "window": window,
        "percentile": PERCENTILE_NOTE,
        "trend": f"OLS slope per year over the trailing {window}-year window (at least {max(3, window // 2)} "
                 "years with data)",
        "break_method": (detect_breaks.__doc__ or "").strip().splitlines()[0],
    })
    return out


def convergence_summary(
    a,
    b,
    years: YearsLike = None,
    window: int = DEFAULT_WINDOW,
    dimensions: str | Iterable[str] | None = None,
    profile: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per dimension: latest level and percentile, trend over the last window, breaks, since when.

    Columns: ``dimension, label, group, higher_is, first_year, last_year, n_years, latest, latest_pct,
    among, mean, trend, trend_from, trend_to, direction, breaks, since, level_since, source, citation``.
    ``among`` is how many dyads the latest percentile ranks among; ``trend`` is the OLS slope per year
    over the last ``window`` years with data and ``direction`` its reading (:func:`trend_direction`:
    rising/falling when the fitted change over those years is at least the series' year-to-year noise,
    else flat); ``since`` is the last break year (the current segment's start) or NA; ``level_since``
    the mean of the series since then. Pass ``profile`` (a :func:`convergence` result) to avoid
    recomputing it.
    """
    prof = profile if profile is not None else convergence(a, b, years, window, dimensions)
    window = prof.attrs.get("window", window)
    # pandas deep-copies attrs on every operation; the constructor drops them, and the lookups need none
    by_year = pd.DataFrame(prof).set_index("year")
    rows = []
    for d, info in prof.attrs["dimensions"].items():
        s = by_year[d].dropna()
        if s.empty:
            rows.append({"dimension": d, **info, "n_years": 0})
            continue
        last = s.index.max()
        recent = s[s.index > last - window]
        slope = trailing_slope(recent.index.to_numpy(), recent.to_numpy(dtype=np.float64), window)[-1]
        direction = trend_direction(slope, recent.index.max() - recent.index.min(), s.to_numpy(dtype=np.float64))
        brk = prof.attrs["breaks"].get(d, [])
        since = brk[-1] if brk else np.nan
        level_since = float(s[s.index >= since].mean()) if brk else float(s.mean())
        meta = prof.attrs["columns"][d]
        rows.append({
            "dimension": d, "label": info["label"], "group": info["group"], "higher_is": info["higher_is"],
            "first_year": int(s.index.min()), "last_year": int(last), "n_years": int(len(s)),
            "latest": float(s.loc[last]), "latest_pct": float(by_year.loc[last, f"{d}_pct"]),
            "among": prof.attrs.get("among", {}).get(d, {}).get(int(last), np.nan),
            "mean": float(s.mean()), "trend": slope, "trend_from": int(recent.index.min()),
            "trend_to": int(last), "direction": direction, "breaks": ", ".join(map(str, brk)), "since": since,
            "level_since": level_since,
            "source": meta["source"], "citation": meta["citation"],
        })
    out = pd.DataFrame(rows)
    out.attrs = {k: v for k, v in prof.attrs.items() if k != "columns"}
    return out
