"""Signed networks among states and their structural balance.

A *signed network* has states as nodes and ties that are either positive (friendly) or negative (hostile).
:func:`signed_network` builds one from real data for a year or a span of years; :func:`triad_balance`
lists its closed triads and says which are balanced; :func:`frustration_index` computes the exact
frustration index (line index of balance) by integer programming; :func:`balance_by_year` summarises a
sequence of yearly networks.

The graph algorithms (triads, triangle balance, the exact frustration index, every minimum-frustration
partition) are pure functions in :mod:`amity.measures._balance_graph`, with their formulas and citations;
this module gathers the evidence that builds the signed network from the data.

Evidence comes from the shared measure code, never re-implemented here: the dyad-years and their ATOP,
MID and rivalry columns from :func:`amity.frames.dyad_years`, arms shares from
:func:`amity.measures.arms.supplier_shares_all` and UN agreement with its percentile from
:func:`amity.measures.convergence.un_similarity` / :func:`~amity.measures.convergence.percentiles_within_year`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from amity.data.cache import frame_cache
from amity.errors import AmityError, UnknownOptionError
from amity.measures._balance_graph import (  # noqa: F401  (the public graph functions, re-exported)
    Frustration,
    _edge_arrays,
    _solve_and_model,
    frustration_index,
    minimum_partitions,
    triad_balance,
    triangle_balance,
)
from amity.states import REGIONS, region_members, state_labels  # noqa: F401 (the report reads them here)
from amity.years import YearsLike, parse_years

ALLIANCE_TYPES = ("defense", "offense", "neutral", "nonagg", "consul")
EVIDENCE = ("alliance", "consult", "arms", "un_high", "un_low", "mid", "rivalry")

@dataclass(frozen=True)
class SignRules:
    """How evidence becomes a signed tie. Every threshold is a documented parameter.

    Each piece of evidence about a dyad in the period adds its weight to the dyad's score; the tie's
    sign is the sign of the score, and a score of exactly zero (evidence that cancels out) gives no tie.
    "Hard" evidence (defense/offense pledges, militarised disputes, rivalries) weighs 2 and "soft"
    evidence (consultation pacts, arms transfers, UN voting alignment) weighs 1, so one soft signal
    cannot overturn a hard tie but two soft signals together can cancel it.

    - ``alliance_types``: ATOP obligations that count as a positive ``alliance`` tie (either direction).
      Default: defense and offense pledges (Leeds et al. 2002).
    - ``consult_types``: weaker ATOP obligations that count as a positive ``consult`` tie. Default:
      consultation pacts only (e.g. the SCO charter, which binds India, Pakistan and China after 2015;
      with weight 1 it cannot cancel the India-Pakistan rivalry).
    - ``mid_hostility``: a COW MID counts as a negative tie when the dyad's highest hostility level is at
      least this (2 threat, 3 display, 4 use of force, 5 war). Default 2: any militarised dispute.
    - ``rivalries``: a strategic rivalry active in the period (Thompson, Sakuwa & Suhas 2022) is negative.
    - ``arms_share``/``arms_window``/``arms_min_tiv``: a supplier of at least ``arms_share`` of a
      recipient's SIPRI TIV imports (all suppliers in the denominator) over the ``arms_window`` years
      ending in a year, with at least ``arms_min_tiv`` TIV (millions) from that supplier, is a positive
      tie; the convergence profile's source (TIV tables before 1990, trade register 1990-2024).
      Defaults 0.10, 5, 10.
    - ``un_high``/``un_low``/``un_baseline``: UN voting agreement (share of identical votes) as a
      mid-rank percentile. With ``un_baseline="own"`` (default) each state's own baseline: the dyad's
      agreement ranked among each side's agreements with every state that year; a positive tie when it is
      at or above ``un_high`` for both sides, a negative one when at or below ``un_low`` for both. A
      state that votes against almost everyone (the US since the 1980s) then gets negative ties only with
      the states it agrees with least, not with everyone. ``un_baseline="all"``: the percentile among all
      dyads voting together that year (the profile's ``un_agree_pct / 100``). Defaults 0.90 and 0.10.
      Percentiles, not raw shares, because the base rate of agreement swings from ~50% to ~90% across
      decades.
    - ``weights``: evidence name -> signed weight.
    """

    alliance_types: tuple[str, ...] = ("defense", "offense")
    consult_types: tuple[str, ...] = ("consul",)
    mid_hostility: int = 2
    rivalries: bool = True
    arms_share: float = 0.10
    arms_window: int = 5
    arms_min_tiv: float = 10.0
    un_high: float = 0.90
    un_low: float = 0.10
    un_baseline: str = "own"
    evidence: tuple[str, ...] = EVIDENCE
    weights: dict[str, int] = field(
        default_factory=lambda: {
            "alliance": 2,
            "consult": 1,
            "mid": -2,
            "rivalry": -2,
            "arms": 1,
            "un_high": 1,
            "un_low": -1,
        }
    )

    def __post_init__(self) -> None:
        for t in self.alliance_types + self.consult_types:
            if t not in ALLIANCE_TYPES:
                raise UnknownOptionError("alliance type", t, list(ALLIANCE_TYPES))
        for e in self.evidence:
            if e not in EVIDENCE:
                raise UnknownOptionError("evidence", e, list(EVIDENCE))
        if self.un_baseline not in ("own", "all"):
            raise UnknownOptionError("UN baseline", self.un_baseline, ["own", "all"])
        if not 0 <= self.un_low < self.un_high <= 1:
            raise AmityError(f"need 0 <= un_low < un_high <= 1, got un_low={self.un_low}, un_high={self.un_high}")
        if not 0 < self.arms_share <= 1:
            raise AmityError(f"arms_share must be in (0, 1], got {self.arms_share}")
        if self.mid_hostility not in (1, 2, 3, 4, 5):
            raise AmityError(f"mid_hostility must be 1-5, got {self.mid_hostility}")

    def describe(self) -> dict:
        return asdict(self)


DEFAULT_RULES = SignRules()

# ------------------------------------------------------------------------------------------------ states


def resolve_states(
    states: Iterable[str | int] | None, region: str | Iterable[str] | None = None, year: int | None = None
) -> list[int]:
    """COW codes for a list of state names/codes plus an optional region name or list (deduplicated)."""
    from amity.states import resolve

    out: list[int] = []
    for q in list(states or []) + region_members(region):
        code = int(resolve(q, year=year).cow)
        if code not in out:
            out.append(code)
    return out


# ------------------------------------------------------------------------------------------------ evidence
# Every kind of evidence comes from the shared measure code, so a tie and the convergence profile never
# disagree about the data behind it: ATOP, MIDs and rivalries from the amity.frames dyad-year joins, arms
# shares from amity.measures.arms with the profile's source, UN agreement and its percentile from the
# profile's UNGA dimension (amity.measures.convergence).

KEYS = ["ccode1", "ccode2", "year"]
FRAME_STEPS = ("atop", "mids", "rivalry")


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64") for c in KEYS})


def _undirected(df: pd.DataFrame) -> pd.DataFrame:
    lo = np.minimum(df["ccode1"].to_numpy(), df["ccode2"].to_numpy())
    hi = np.maximum(df["ccode1"].to_numpy(), df["ccode2"].to_numpy())
    out = df.assign(ccode1=lo, ccode2=hi)
    return out[out["ccode1"] != out["ccode2"]]


def dyad_frame(years: list[int], states: Sequence[int] | None) -> pd.DataFrame:
    """Non-directed dyad-years of COW system members (among ``states``; every state when None) with the
    ATOP, MID and rivalry columns of ``amity.frames.dyad_years(years, add=["atop", "mids", "rivalry"])``."""
    return _dyad_frame(tuple(years), None if states is None else tuple(states))


# The evidence that does not depend on a sign rule's thresholds is cached per span and set of states, so a
# report's yearly networks and its grid of thresholds (amity.report.balance) read the data once.
@frame_cache(maxsize=4)
def _dyad_frame(years: tuple[int, ...], states: tuple[int, ...] | None) -> pd.DataFrame:
    from amity.frames.dyads import add_atop, add_mids, add_rivalry
    from amity.measures.convergence import all_dyads

    frame = all_dyads(tuple(years))  # the frame the convergence profile reads (built once per span)
    if states is not None:
        frame = frame[frame["ccode1"].isin(states) & frame["ccode2"].isin(states)]
    # restricting before the joins keeps them to the few dyads asked for (same columns as add=...)
    return frame.pipe(add_atop).pipe(add_mids).pipe(add_rivalry)


def frame_evidence(frame: pd.DataFrame, rules: SignRules) -> dict[str, pd.DataFrame]:
    """``alliance``, ``consult``, ``mid`` and ``rivalry`` dyad-years (ccode1, ccode2, year) of a
    :func:`dyad_frame`: any ATOP obligation of ``rules.alliance_types`` / ``rules.consult_types`` (either
    direction, ``add_atop``), highest MID hostility of either side ``mid_hostlev >= rules.mid_hostility``
    (``add_mids``), a TSS strategic rivalry (``tss_rivalry``, ``add_rivalry``). Years after a source ends
    are NA in the frame and give no evidence."""

    def flag(col: str) -> np.ndarray:
        return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=np.float64)

    def obligations(types: tuple[str, ...]) -> np.ndarray:
        hit = np.zeros(len(frame), dtype=bool)
        for t in types:
            hit |= flag(f"atop_{t}") == 1
        return hit

    masks = {
        "alliance": obligations(rules.alliance_types),
        "consult": obligations(rules.consult_types),
        "mid": flag("mid_hostlev") >= rules.mid_hostility,
        "rivalry": (flag("tss_rivalry") == 1) & rules.rivalries,
    }
    return {name: frame.loc[mask, KEYS] for name, mask in masks.items()}


def arms_evidence(years: list[int], dyads: pd.DataFrame, rules: SignRules) -> pd.DataFrame:
    """Dyad-years of ``dyads`` (ccode1<ccode2, year) where one side supplied at least ``rules.arms_share``
    of the other's SIPRI TIV imports over the ``rules.arms_window`` years ending that year, and at least
    ``rules.arms_min_tiv`` TIV (``amity.measures.arms.supplier_shares_all`` with the convergence
    profile's source, :data:`amity.measures.convergence.ARMS_SOURCE`)."""
    from amity.errors import CoverageError
    from amity.measures.convergence import ARMS_SOURCE

    try:
        shares = _arms_shares(tuple(years), rules.arms_window, ARMS_SOURCE)
    except CoverageError:  # no year inside SIPRI's coverage: no arms evidence, not an error
        return _empty()
    keep = shares[(shares["tiv"] >= rules.arms_min_tiv) & (shares["share"] >= rules.arms_share)]
    ties = _undirected(keep[KEYS]).drop_duplicates()
    return ties.merge(dyads[KEYS], on=KEYS)


@frame_cache(maxsize=4)
def _arms_shares(years: tuple[int, ...], window: int, source: str) -> pd.DataFrame:
    from amity.measures import arms

    return arms.supplier_shares_all(list(years), window, source)


def un_alignment(years: list[int], states: Sequence[int] | None) -> pd.DataFrame:
    """ccode1<ccode2, year, n, agree, agree_pct, among, own_pct1 and own_pct2 for dyads among ``states``
    (all when None) that voted together: the convergence profile's ``un_agree`` and ``un_agree_pct / 100``
    (mid-rank percentile among all ``among`` dyads voting together that year), from the same cached
    computation, and the agreement's mid-rank percentile among each side's own agreements that year
    (``own_pct1`` for ccode1, ``own_pct2`` for ccode2, 0-1)."""
    return _un_alignment(tuple(years), None if states is None else tuple(states))


@frame_cache(maxsize=4)
def _un_alignment(years: tuple[int, ...], states: tuple[int, ...] | None) -> pd.DataFrame:
    from amity.measures.convergence import UN_YEARS, percentiles_within_year, un_similarity

    span = tuple(y for y in years if UN_YEARS[0] <= y <= UN_YEARS[1])
    cols = ["ccode1", "ccode2", "year", "n", "agree", "agree_pct", "among", "own_pct1", "own_pct2"]
    if not span:
        return pd.DataFrame(columns=cols)
    sims = un_similarity(span)
    voted = sims[sims["un_agree"].notna()]
    pool = pd.DataFrame({"ccode1": voted["ccode1"], "ccode2": voted["ccode2"], "year": voted["year"],
                         "agree": voted["un_agree"]})
    own = _own_percentiles(pool, states)
    # percentiles among every dyad voting together that year, computed for the dyads asked for only
    keep = sims["un_agree"].notna().to_numpy()
    if states is not None:
        keep = keep & (sims["ccode1"].isin(states) & sims["ccode2"].isin(states)).to_numpy()
    mine = sims[keep]
    out = pd.DataFrame({
        "ccode1": mine["ccode1"], "ccode2": mine["ccode2"], "year": mine["year"], "n": mine["n"],
        "agree": mine["un_agree"], "agree_pct": percentiles_within_year(sims, "un_agree", keep) / 100,
        "among": mine["year"].map(voted["year"].value_counts()),
    })
    out = out.merge(own, on=["ccode1", "ccode2", "year"], how="left")
    return out.reset_index(drop=True)


def _own_percentiles(un: pd.DataFrame, states: Sequence[int] | None) -> pd.DataFrame:
    """Each dyad's agreement as a mid-rank percentile among each side's agreements that year (0-1)."""
    from amity.measures._stats import midrank

    sides = []
    for me, other in (("ccode1", "ccode2"), ("ccode2", "ccode1")):
        part = un[["ccode1", "ccode2", "year", "agree"]].assign(state=un[me])
        if states is not None:
            part = part[part["state"].isin(states) & part[other].isin(states)]
        sides.append(part.assign(side=me[-1]))
    mine = pd.concat(sides, ignore_index=True)
    wanted = set(mine["state"])
    pool = pd.concat([un[["ccode1", "year", "agree"]].set_axis(["state", "year", "agree"], axis=1),
                      un[["ccode2", "year", "agree"]].set_axis(["state", "year", "agree"], axis=1)])
    pool = pool[pool["state"].isin(wanted)]
    sorted_by = {k: np.sort(g.to_numpy(dtype=float)) for k, g in pool.groupby(["state", "year"])["agree"]}
    pct = np.full(len(mine), np.nan)
    for key, idx in mine.groupby(["state", "year"]).indices.items():
        pct[idx] = midrank(sorted_by[key], mine["agree"].to_numpy(dtype=float)[idx]) / 100
    mine["pct"] = pct
    wide = mine.pivot_table(index=["ccode1", "ccode2", "year"], columns="side", values="pct").reset_index()
    wide.columns.name = None
    return wide.rename(columns={"1": "own_pct1", "2": "own_pct2"}).reindex(
        columns=["ccode1", "ccode2", "year", "own_pct1", "own_pct2"])


def un_evidence(years: list[int], dyads: pd.DataFrame, rules: SignRules) -> dict[str, pd.DataFrame]:
    """``un_high`` / ``un_low`` dyad-years of ``dyads``: UN agreement percentile at or above
    ``rules.un_high`` / at or below ``rules.un_low`` (:func:`un_alignment`; with ``un_baseline="own"``
    on both sides' own percentiles)."""
    states = sorted(set(dyads["ccode1"]) | set(dyads["ccode2"]))
    un = un_alignment(years, states).merge(dyads[KEYS], on=KEYS)
    if rules.un_baseline == "own":
        low_side = un[["own_pct1", "own_pct2"]].min(axis=1)
        high_side = un[["own_pct1", "own_pct2"]].max(axis=1)
        return {"un_high": un.loc[low_side >= rules.un_high, KEYS], "un_low": un.loc[high_side <= rules.un_low, KEYS]}
    return {"un_high": un.loc[un["agree_pct"] >= rules.un_high, KEYS],
            "un_low": un.loc[un["agree_pct"] <= rules.un_low, KEYS]}


# The table each kind of evidence reads, so coverage ends come from the registry, never from guesses; arms
# read the tables of the convergence profile's source (amity.measures.arms.source_info(ARMS_SOURCE)).
EVIDENCE_TABLE = {
    "alliance": "atop_alliance",
    "consult": "atop_alliance",
    "mid": "cow_mid_ddydisps",
    "rivalry": "tss_rivalries",
    "un_high": "un_votes_fpsim",
    "un_low": "un_votes_fpsim",
}


def _evidence_source(name: str) -> dict:
    """Tables, source, version, first and last year, citation and provenance of the data behind an
    evidence kind."""
    from amity.data.registry import table_source
    from amity.frames.contract import Provenance

    if name == "arms":
        from amity.measures import arms
        from amity.measures.convergence import ARMS_SOURCE

        info = arms.source_info(ARMS_SOURCE)
        return {k: info[k] for k in ("tables", "source", "version", "first_year", "last_year", "citation",
                                     "provenance")}
    src = table_source(EVIDENCE_TABLE[name])
    lo, hi = src.coverage or (None, None)
    return {"tables": [EVIDENCE_TABLE[name]], "source": src.name, "version": src.version, "first_year": lo,
            "last_year": hi, "citation": src.citation,
            "provenance": (Provenance.of(src.name, (), table=EVIDENCE_TABLE[name]),)}


def evidence_coverage(rules: SignRules = DEFAULT_RULES) -> pd.DataFrame:
    """One row per evidence kind in ``rules``: table, source, version, first and last year covered,
    citation. A year outside a kind's coverage has no evidence of that kind, which is not "no tie"."""
    rows = []
    for name in rules.evidence:
        src = _evidence_source(name)
        rows.append({"evidence": name, "table": "+".join(src["tables"]), "source": src["source"],
                     "version": src["version"], "first_year": src["first_year"], "last_year": src["last_year"],
                     "weight": rules.weights.get(name, 0), "citation": src["citation"]})
    return pd.DataFrame(rows)


def evidence(years: YearsLike, states: Sequence[int] | None = None, rules: SignRules = DEFAULT_RULES) -> pd.DataFrame:
    """Long table of signed evidence: ccode1<ccode2, year, evidence (name), weight, for the dyad-years of
    COW system members among ``states`` (every state when None)."""
    ys = parse_years(years)
    if not ys:
        raise AmityError("signed_network needs at least one year")
    wanted = set(rules.evidence)
    frame = dyad_frame(ys, states)
    dyads = frame[KEYS]
    found = frame_evidence(frame, rules)
    if "arms" in wanted:
        found["arms"] = arms_evidence(ys, dyads, rules)
    if wanted & {"un_high", "un_low"}:
        found.update(un_evidence(ys, dyads, rules))
    parts = [df.assign(evidence=name) for name, df in found.items() if name in wanted]
    ev = pd.concat(parts, ignore_index=True) if parts else _empty().assign(evidence=pd.Series(dtype=str))
    ev = ev.astype({"ccode1": int, "ccode2": int, "year": int})
    ev["weight"] = ev["evidence"].map(rules.weights).fillna(0).astype(int)
    return ev.drop_duplicates(["ccode1", "ccode2", "year", "evidence"]).reset_index(drop=True)


def signed_network(
    states: Iterable[str | int] | None = None,
    years: YearsLike = None,
    *,
    region: str | Iterable[str] | None = None,
    rules: SignRules | None = None,
    **thresholds,
) -> pd.DataFrame:
    """The signed network among ``states`` (names or codes; ``None`` = every state with evidence) for one
    year or a span of years (evidence in any year of the span counts once).

    Returns one row per tie: ``ccode1 < ccode2``, ``state1``, ``state2`` (ISO3 labels), ``sign`` (+1/-1),
    ``score`` (sum of evidence weights, see :class:`SignRules`), one boolean column per evidence kind, and
    ``evidence`` (a readable list). Dyads whose evidence cancels (score 0) are left out.
    ``thresholds`` override fields of :class:`SignRules` (e.g. ``un_high=0.95``).
    ``df.attrs`` holds ``nodes`` (COW codes asked for), ``years`` and ``rules``.
    """
    rules = replace(rules or DEFAULT_RULES, **thresholds)
    ys = parse_years(years)
    if not ys:
        raise AmityError("signed_network needs years, e.g. years=2010 or years='1996-1999'")
    codes = None if states is None and region is None else resolve_states(states, region, year=ys[-1])
    return network_from_evidence(evidence(ys, codes, rules), codes, ys, rules)


def network_from_evidence(
    ev: pd.DataFrame, nodes: Sequence[int] | None, years: list[int], rules: SignRules
) -> pd.DataFrame:
    """Collapse evidence rows (any year of ``years``) into one signed tie per dyad."""
    return _ties(_weights(ev[ev["year"].isin(years)], ["ccode1", "ccode2"]), nodes, years, rules)


def _weights(ev: pd.DataFrame, index: list[str]) -> pd.DataFrame:
    """Each evidence kind's weight per ``index`` row (a kind counts once however many of its years)."""
    return ev.drop_duplicates([*index, "evidence"]).pivot_table(
        index=index, columns="evidence", values="weight", aggfunc="sum", fill_value=0)


def _networks_by_year(ev: pd.DataFrame, nodes: Sequence[int] | None, years: list[int], rules: SignRules
                      ) -> dict[int, pd.DataFrame]:
    """``network_from_evidence(ev, nodes, [y], rules)`` for every ``y`` of ``years``, from one pivot."""
    flags = _weights(ev[ev["year"].isin(years)], ["year", "ccode1", "ccode2"])
    by_year = {int(y): g.droplevel("year") for y, g in flags.groupby(level="year")} if len(flags) else {}
    return {y: _ties(by_year.get(y, pd.DataFrame()), nodes, [y], rules) for y in years}


def _ties(flags: pd.DataFrame, nodes: Sequence[int] | None, years: list[int], rules: SignRules) -> pd.DataFrame:
    cols = ["ccode1", "ccode2", "state1", "state2", "sign", "score", *rules.evidence, "evidence"]
    if flags.empty:
        out = pd.DataFrame(columns=cols)
    else:
        score = flags.sum(axis=1)
        flags = flags.reindex(columns=list(rules.evidence), fill_value=0)
        out = (flags != 0).reset_index()
        out.columns.name = None
        out["score"] = score.to_numpy().astype(int)
        out = out[out["score"] != 0].copy()
        out["sign"] = np.sign(out["score"]).astype(int)
        names = list(rules.evidence)
        flags_np = out[names].to_numpy(bool)
        out["evidence"] = [", ".join(n for n, f in zip(names, row) if f) for row in flags_np]
        labels = state_labels(set(out["ccode1"]) | set(out["ccode2"]))
        out["state1"] = out["ccode1"].map(labels)
        out["state2"] = out["ccode2"].map(labels)
        out = out[cols].sort_values(["ccode1", "ccode2"]).reset_index(drop=True)
    out.attrs = {"nodes": list(nodes) if nodes is not None else None, "years": years, "rules": rules.describe()}
    return out


# ------------------------------------------------------------------------------------------------ over time


def balance_by_year(
    states: Iterable[str | int] | None, years: YearsLike, *, region=None, rules: SignRules | None = None, **thresholds
) -> tuple[pd.DataFrame, dict[int, pd.DataFrame]]:
    """Per year: the signed network among the states and its balance.

    Returns ``(summary, networks)``: ``summary`` has one row per year with ``nodes, edges, positive,
    negative, triangles, balanced_triangles, triangle_balance, frustration, normalized_frustration,
    bloc1, bloc2`` (labels; bloc1 holds the first state asked for); ``networks`` maps year -> edges.
    Evidence is gathered once for all years.
    """
    rules = replace(rules or DEFAULT_RULES, **thresholds)
    ys = parse_years(years)
    if not ys:
        raise AmityError("balance_by_year needs years")
    codes = resolve_states(states, region, year=ys[-1])
    networks = _networks_by_year(evidence(ys, codes, rules), codes, ys, rules)
    labels = state_labels(codes)
    solved: dict[tuple, tuple] = {}  # a signed network that recurs unchanged in later years is solved once
    rows = []
    for y, net in networks.items():
        key = tuple(zip(net["ccode1"].tolist(), net["ccode2"].tolist(), net["sign"].tolist()))
        if key not in solved:
            solved[key] = (triangle_balance(net), frustration_index(net))
        tri, fr = solved[key]
        b1, b2 = fr.blocs
        if codes and codes[0] in b2:
            b1, b2 = b2, b1
        rows.append(
            {
                "year": y,
                "nodes": len(set(net["ccode1"]) | set(net["ccode2"])),
                "edges": len(net),
                "positive": int((net["sign"] > 0).sum()),
                "negative": int((net["sign"] < 0).sum()),
                **tri,
                "frustration": fr.index,
                "normalized_frustration": fr.normalized,
                "bloc1": " ".join(labels[c] for c in b1),
                "bloc2": " ".join(labels[c] for c in b2),
            }
        )
    return pd.DataFrame(rows), networks
