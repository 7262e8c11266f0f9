"""What evidence a dyad's measures rest on, year by year, and where it is missing.

:func:`coverage_by_year` counts, for every year, the evidence behind each dimension of a dyad: joint UN
roll calls (and which record they come from), ICEWS events in both directions, SIPRI delivery records in
both directions, ATOP alliances both belong to, shared IGOs, MIDs and whether COW reports the dyad's
trade. A count is NA where the source does not cover the year (never 0). :func:`coverage` sums that up
per dimension: the source's years, the first and last year with evidence for this dyad, and the holes
(stretches without evidence inside the source's years, gaps of more than :data:`UN_GAP_DAYS` between
joint UN roll calls, and the years asked for that the source does not reach).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.registry import coverage as source_years
from amity.errors import AmityError, CoverageError
from amity.years import YearsLike, years_within

# a longer stretch without a joint roll call is listed as a hole: the Assembly votes mostly in
# October-December, so gaps of up to ten months are its calendar, not missing data
UN_GAP_DAYS = 365

#: dimension -> (source names for its years, unit of its evidence, column of coverage_by_year)
DIMENSIONS = {
    "unga": (("unvotes", "unvotes_fpsim", "un_extract"), "joint roll calls", "un_joint_votes"),
    "events": (("icews",), "ICEWS events (both directions)", "icews_events"),
    "arms": (("sipri_register",), "SIPRI delivery records (both directions)", "arms_deliveries"),
    "alliances": (("atop_members",), "ATOP alliances both belong to", "atop_alliances"),
    "igos": (("cow_igo",), "shared IGO memberships", "igos"),
    "mids": (("cow_mid",), "militarized disputes", "mids"),
    "trade": (("cow_trade",), "years with reported COW trade", "trade_reported"),
}


def _span(years: YearsLike) -> list[int]:
    lo = min(source_years(*s)[0] for s, _, _ in DIMENSIONS.values())
    hi = max(source_years(*s)[1] for s, _, _ in DIMENSIONS.values())
    if years is None:
        return list(range(1946, hi + 1))
    return years_within(years, lo, hi, "amity's sources")


def _dyad(a, b, ys: list[int]) -> pd.DataFrame:
    """``year, ccode1, ccode2`` with each side's COW code in that year (Germany 260 to 1989, then 255)."""
    from amity.states import resolve

    sa, sb = resolve(a), resolve(b)
    if sa.cow == sb.cow:
        raise AmityError(f"{a!r} and {b!r} name the same state; coverage needs two different states")
    return pd.DataFrame({"year": ys, "ccode1": [resolve(a, year=y).cow for y in ys],
                         "ccode2": [resolve(b, year=y).cow for y in ys]})


def _is_dyad(frame: pd.DataFrame) -> np.ndarray:
    """Both states COW system members that year (years after the system list ends continue its last)."""
    from amity.states import state_years

    members = state_years("cow")[["ccode", "year"]]
    last = int(members["year"].max())
    held = set(zip(members["ccode"].astype(int), members["year"].astype(int)))
    year = np.minimum(frame["year"].to_numpy(), last)
    return np.array([(c1, y) in held and (c2, y) in held
                     for c1, c2, y in zip(frame["ccode1"], frame["ccode2"], year)], dtype=bool)


def _within(values: pd.Series, ys: list[int], names: tuple[str, ...]) -> pd.Series:
    """``values`` (indexed by year; missing years count 0) on ``ys``, NA outside the sources' years."""
    lo, hi = source_years(*names)
    out = values.reindex(ys).fillna(0).astype("Float64")
    return out.mask((out.index < lo) | (out.index > hi)).astype("Int64")


def _un(a, b, ys: list[int]) -> tuple[pd.Series, pd.Series]:
    from amity.measures.unga import similarity

    lo, hi = source_years(*DIMENSIONS["unga"][0])
    inside = [y for y in ys if lo <= y <= hi]
    if not inside:
        return pd.Series(dtype="Int64"), pd.Series(dtype="string")
    sims = similarity(a, b, years=inside, measures="agree").set_index("year")
    return sims["n"], sims["record"]


def _events(frame: pd.DataFrame) -> pd.Series:
    store.ensure("icews_dyad_years")
    df = store.get_store().query(
        """SELECT d.year, sum(e.verb_coop + e.matl_coop + e.verb_conf + e.matl_conf) AS n
           FROM _dyad d JOIN icews_dyad_years e ON e.year = d.year
             AND ((e.ccode1 = d.ccode1 AND e.ccode2 = d.ccode2) OR (e.ccode1 = d.ccode2 AND e.ccode2 = d.ccode1))
           GROUP BY d.year""",
        frames={"_dyad": frame},
    )
    return df.set_index("year")["n"]


def _icews_holds(frame: pd.DataFrame) -> bool:
    """Both states are among the ICEWS file's countries (else its counts are NA, not 0)."""
    codes = set(store.query("SELECT DISTINCT ccode1 FROM icews_dyad_years")["ccode1"])
    return set(frame["ccode1"]) <= codes and set(frame["ccode2"]) <= codes


def _arms(frame: pd.DataFrame) -> pd.Series:
    from amity.states import sipri_to_cow

    store.ensure("sipri_register")
    reg = store.query("SELECT supplier, recipient, year FROM sipri_register WHERE year IS NOT NULL")
    reg["s"], reg["r"] = sipri_to_cow(reg["supplier"]), sipri_to_cow(reg["recipient"])
    pairs = set(zip(frame["year"], frame["ccode1"], frame["ccode2"]))
    hit = [(y, s, r) in pairs or (y, r, s) in pairs for y, s, r in zip(reg["year"], reg["s"], reg["r"])]
    return reg.loc[hit].groupby("year").size()


def _alliances(frame: pd.DataFrame) -> pd.Series:
    from amity.measures.alliances import _member_years

    my = _member_years()[["atopid", "member", "year"]]
    one = my.merge(frame[["year", "ccode1"]], left_on=["year", "member"], right_on=["year", "ccode1"])
    two = my.merge(frame[["year", "ccode2"]], left_on=["year", "member"], right_on=["year", "ccode2"])
    joint = one[["atopid", "year"]].drop_duplicates().merge(two[["atopid", "year"]].drop_duplicates())
    return joint.groupby("year").size()


def _frame_counts(frame: pd.DataFrame) -> pd.DataFrame:
    from amity.frames import add_igos, add_mids, add_trade

    out = add_trade(add_mids(add_igos(frame)))
    return out.set_index("year")


def coverage_by_year(a, b, years: YearsLike = None) -> pd.DataFrame:
    """The evidence behind each dimension of the dyad ``a``-``b``, one row per year (default 1946 to the
    last year any source covers): ``year``, ``dyad`` (both were COW system members; the list ends in 2024
    and later years continue it), ``un_joint_votes`` (roll calls both voted on), ``un_record``
    (the record(s) they come from), ``icews_events`` (the four quad classes, both directions),
    ``arms_deliveries`` (SIPRI trade-register delivery records, both directions), ``atop_alliances``
    (ATOP 5.1 alliances both belong to), ``igos`` (shared IGO memberships), ``mids`` (militarized
    disputes) and ``trade_reported`` (1 where COW reports the dyad's trade, 0 where it does not). Each
    count is NA in years its source does not cover, and ICEWS counts are NA for a state the file lacks.
    """
    ys = _span(years)
    frame = _dyad(a, b, ys)
    joint, record = _un(a, b, ys)
    counts = _frame_counts(frame)
    out = pd.DataFrame({"year": ys, "dyad": _is_dyad(frame)})
    out["un_joint_votes"] = _within(joint, ys, DIMENSIONS["unga"][0]).array
    out["un_record"] = record.reindex(ys).astype("string").array
    events = _within(_events(frame), ys, ("icews",))
    out["icews_events"] = (events if _icews_holds(frame) else events.mask(events.notna())).array
    out["arms_deliveries"] = _within(_arms(frame), ys, ("sipri_register",)).array
    out["atop_alliances"] = _within(_alliances(frame), ys, ("atop_members",)).array
    out["igos"] = counts["dyadigos"].astype("Int64").array
    out["mids"] = counts["mid_count"].astype("Int64").array
    trade = counts["trade"].notna().astype("Int64")
    out["trade_reported"] = _within(trade, ys, ("cow_trade",)).array
    return out


def _runs(years: np.ndarray) -> list[str]:
    """Consecutive years as ``1990-1998`` / ``2003`` strings."""
    if not len(years):
        return []
    cuts = np.flatnonzero(np.diff(years) > 1) + 1
    return [f"{r[0]}" if r[0] == r[-1] else f"{r[0]}-{r[-1]}" for r in np.split(years, cuts)]


def _un_gaps(a, b, ys: list[int]) -> list[str]:
    """Stretches of more than UN_GAP_DAYS between consecutive joint roll calls in ``ys``."""
    from amity.measures.unga import un_votes

    lo, hi = source_years(*DIMENSIONS["unga"][0])
    inside = [y for y in ys if lo <= y <= hi]
    if not inside:
        return []
    votes = un_votes(years=inside, states=[a, b])
    both = votes.groupby("rcid").agg(date=("date", "first"), n=("ccode", "nunique"))
    dates = np.sort(both.loc[both["n"] == 2, "date"].unique())
    gaps = []
    for before, after in zip(dates[:-1], dates[1:]):
        if (after - before) / np.timedelta64(1, "D") > UN_GAP_DAYS:
            gaps.append(f"no joint UN roll call between {pd.Timestamp(before):%-d %B %Y} and "
                        f"{pd.Timestamp(after):%-d %B %Y}")
    return gaps


def coverage(a, b, years: YearsLike = None) -> pd.DataFrame:
    """Per dimension of the dyad ``a``-``b``: what the evidence covers and where it is missing.

    Columns: ``dimension``, ``evidence`` (its unit), ``source_years`` (what the sources cover),
    ``dyad_years`` (the years asked for in which both were COW system members; holes are counted there),
    ``first``/``last`` (first and last year with evidence for this dyad, NA if none), ``years_with_evidence``,
    ``total`` (evidence summed over the years) and ``holes``: years inside the source's span without
    evidence, gaps of more than a year between joint UN roll calls, and the years asked for that the
    source does not reach. :func:`coverage_by_year` gives the counts year by year.

    >>> coverage("USA", "IND", years="2020-2026")  # doctest: +SKIP
    """
    ys = _span(years)
    per_year = coverage_by_year(a, b, ys)
    dyad = per_year.loc[per_year["dyad"], "year"].to_numpy()
    if not len(dyad):
        raise CoverageError(f"{a} and {b} were never both state-system members in {ys[0]}-{ys[-1]}")
    per_year = per_year[per_year["dyad"]]
    rows = []
    for dim, (names, unit, col) in DIMENSIONS.items():
        lo, hi = source_years(*names)
        values = per_year.set_index("year")[col]
        covered = values.dropna()
        with_evidence = covered[covered > 0].index.to_numpy()
        holes = [f"none {r}" for r in _runs(covered[covered == 0].index.to_numpy())]
        if dim == "unga":
            holes += _un_gaps(a, b, [int(y) for y in dyad])
        outside = np.asarray([y for y in dyad if y < lo or y > hi])
        if len(outside):
            holes.append(f"not covered {', '.join(_runs(outside))} (source covers {lo}-{hi})")
        if dim == "events" and covered.empty and any(lo <= y <= hi for y in dyad):
            holes.append("the ICEWS file lacks one of the two states")
        rows.append({
            "dimension": dim, "evidence": unit, "source_years": f"{lo}-{hi}",
            "dyad_years": ", ".join(_runs(dyad)),
            "first": int(with_evidence.min()) if len(with_evidence) else pd.NA,
            "last": int(with_evidence.max()) if len(with_evidence) else pd.NA,
            "years_with_evidence": len(with_evidence), "total": int(covered.sum()) if len(covered) else pd.NA,
            "holes": "; ".join(holes),
        })
    out = pd.DataFrame(rows)
    for col in ("first", "last", "total"):
        out[col] = out[col].astype("Int64")
    return out
