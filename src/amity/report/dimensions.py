"""The dimensions a report shows: one tidy series per dyad and year, with its source and percentile.

Each dimension reads the store through amity's data layer (or the public measure functions) and returns
``dyad, ccode1, ccode2, year, value`` (plus ``percentile`` and ``among`` where a rank among all dyads
makes sense). Years a source does not cover, or where the dyad has no record, are absent (drawn as gaps,
never as zeros). ``DIMENSIONS`` describes each one for the charts, the findings and ``data.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from amity.data.registry import table_source
from amity.data.store import ensure, query


@dataclass(frozen=True)
class Dimension:
    """What a dimension measures, in which unit, from which table, and how it is defined."""

    key: str
    label: str
    unit: str
    table: str
    definition: str
    higher_is_closer: bool | None  # None: not a closeness scale (e.g. a capability share)
    percentile_among: str | None  # what the percentile ranks against, or None when not ranked

    def source(self) -> dict:
        src = table_source(self.table)
        lo, hi = src.coverage or (None, None)
        return {
            "table": self.table,
            "source": src.name,
            "title": src.title,
            "version": src.version,
            "citation": src.citation,
            "first_year": lo,
            "last_year": hi,
        }


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension(
            "un_agree",
            "UN General Assembly voting agreement",
            "share of joint roll calls with identical votes (0-1)",
            "un_votes_fpsim",
            "agree = identical votes / roll calls where both voted yes, abstain or no (Voeten's agreement "
            "index; absences excluded).",
            True,
            "all pairs of UN members voting that year",
        ),
        Dimension(
            "alliance",
            "Alliance obligation (ATOP)",
            "strongest obligation: 3 defense/offense, 2 neutrality/consultation, 1 non-aggression, 0 none",
            "atop_alliance",
            "Highest ATOP obligation in either direction that year (Leeds et al. 2002), valued as in "
            "Signorino & Ritter (1999).",
            True,
            None,
        ),
        Dimension(
            "arms",
            "Arms transfers (SIPRI TIV)",
            "share of the recipient's arms imports from the supplier (TIV, 0-1)",
            "sipri_exports_processed",
            "For each direction, TIV delivered by supplier to recipient / recipient's total TIV imports "
            "that year (SIPRI trend-indicator values).",
            True,
            None,
        ),
        Dimension(
            "capability",
            "Capability balance (COW CINC)",
            "first state's share of the pair's CINC (0-1)",
            "cow_nmc",
            "cinc1 / (cinc1 + cinc2), COW Composite Index of National Capability (Singer, Bremer & Stuckey 1972).",
            None,
            None,
        ),
        Dimension(
            "trade",
            "Bilateral trade (COW)",
            "total trade, millions of current US$",
            "cow_trade_ndy",
            "flow1 + flow2 (imports each way) from COW Trade 4.0; missing flows are missing, not zero.",
            True,
            "all dyads with recorded trade that year",
        ),
        Dimension(
            "igo",
            "Shared IGO memberships (COW)",
            "number of IGOs both are full members of",
            "cow_igo_ndy",
            "Count of intergovernmental organisations with both states as full members (COW IGO 3.0).",
            True,
            "all dyads of COW system members that year",
        ),
        Dimension(
            "conflict",
            "Militarized disputes (COW MID)",
            "highest hostility level that year (0 none, 2 threat, 3 display, 4 use of force, 5 war)",
            "cow_mid_ddydisps",
            "Highest dyadic hostility level of any MID ongoing that year; 0 = no MID recorded (within MID "
            "coverage only).",
            False,
            None,
        ),
        Dimension(
            "rivalry",
            "Strategic rivalry (Thompson, Sakuwa & Suhas)",
            "1 = strategic rivalry active",
            "tss_rivalries",
            "1 if the dyad is in a strategic rivalry that year, else 0 (within coverage).",
            False,
            None,
        ),
    )
}


def dyad_label(labels: dict[int, str], c1: int, c2: int) -> str:
    return f"{labels[c1]}–{labels[c2]}"


def _pairs(codes: Sequence[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in combinations(codes, 2)]


def _in_sql(codes: Sequence[int]) -> str:
    return ",".join(str(int(c)) for c in codes)


def _years_in_coverage(dim: Dimension, years: list[int]) -> list[int]:
    lo, hi = dim.source()["first_year"], dim.source()["last_year"]
    return [y for y in years if (lo is None or y >= lo) and (hi is None or y <= hi)]


def _orient(df: pd.DataFrame, pairs: list[tuple[int, int]]) -> pd.DataFrame:
    """Keep rows of the requested pairs, labelled in the order asked for (a–b, not sorted codes)."""
    codes = {c for p in pairs for c in p}
    df = df[df["ccode1"].isin(codes) & df["ccode2"].isin(codes)]   # cheap vectorised cut before the exact match
    want = {frozenset(p): p for p in pairs}
    keep = [frozenset((a, b)) in want for a, b in zip(df["ccode1"], df["ccode2"])]
    df = df[keep].copy()
    firsts = [want[frozenset((a, b))] for a, b in zip(df["ccode1"], df["ccode2"])]
    df["ccode1"] = [p[0] for p in firsts]
    df["ccode2"] = [p[1] for p in firsts]
    return df


def _ranked_agreement(years: tuple[int, ...]) -> pd.DataFrame:
    """Agreement for every voting dyad-year with its percentile (0-100) that year; shared cache with the
    signed networks (:func:`amity.measures.balance.ranked_un_agreement`)."""
    from amity.measures.balance import ranked_un_agreement

    sim = ranked_un_agreement(years)
    return sim.assign(percentile=sim["agree_pct"] * 100).rename(columns={"agree": "value"})


def un_agree(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    cover = tuple(_years_in_coverage(DIMENSIONS["un_agree"], years))
    if not cover:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year", "value", "n", "percentile", "among"])
    out = _orient(_ranked_agreement(cover), _pairs(codes))
    return out[["ccode1", "ccode2", "year", "value", "n", "percentile", "among"]]


def alliance(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    ensure("atop_alliance")
    df = query(
        "SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, "
        "max(CASE WHEN atop_defense = 1 OR atop_offense = 1 THEN 3 WHEN atop_neutral = 1 OR atop_consul = 1 "
        "THEN 2 WHEN atop_nonagg = 1 THEN 1 ELSE 0 END) AS value FROM atop_alliance "
        f"WHERE ccode1 IN ({_in_sql(codes)}) AND ccode2 IN ({_in_sql(codes)}) AND year BETWEEN ? AND ? "
        "GROUP BY ALL",
        [years[0], years[-1]],
    )
    # ATOP lists allied dyads only; inside its coverage every other dyad-year of two states is a 0.
    return _fill_zero(df, codes, _years_in_coverage(DIMENSIONS["alliance"], years))


def _fill_zero(df: pd.DataFrame, codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    grid = pd.DataFrame(
        [(min(a, b), max(a, b), y) for a, b in _pairs(codes) for y in years], columns=["ccode1", "ccode2", "year"]
    )
    out = grid.merge(df, on=["ccode1", "ccode2", "year"], how="left").fillna({"value": 0})
    return _orient(out, _pairs(codes))


def arms(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    """Directed: ccode1 = supplier, ccode2 = recipient; value = recipient's import share from supplier."""
    ensure("sipri_exports_processed")
    df = query(
        "WITH t AS (SELECT supplier_cown AS s, recipient_cown AS r, year, sum(tiv) AS tiv "
        "FROM sipri_exports_processed WHERE year BETWEEN ? AND ? AND supplier_cown IS NOT NULL "
        "AND recipient_cown IS NOT NULL GROUP BY ALL), tot AS (SELECT r, year, sum(tiv) AS total FROM t GROUP BY ALL) "
        "SELECT t.s AS ccode1, t.r AS ccode2, t.year, t.tiv, tot.total AS recipient_total, "
        "t.tiv / tot.total AS value FROM t JOIN tot USING (r, year) "
        f"WHERE t.s IN ({_in_sql(codes)}) AND t.r IN ({_in_sql(codes)})",
        [years[0], years[-1]],
    )
    df = df.astype({"ccode1": int, "ccode2": int, "year": int})
    cover = _years_in_coverage(DIMENSIONS["arms"], years)
    # Inside SIPRI's coverage, a year with no recorded delivery is a real zero for that direction.
    grid = pd.DataFrame(
        [(s, r, y) for a, b in _pairs(codes) for s, r in ((a, b), (b, a)) for y in cover],
        columns=["ccode1", "ccode2", "year"],
    )
    out = grid.merge(df, on=["ccode1", "ccode2", "year"], how="left").fillna({"value": 0.0, "tiv": 0.0})
    return out


def capability(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    ensure("cow_nmc")
    nmc = query(
        f"SELECT ccode, year, cinc FROM cow_nmc WHERE ccode IN ({_in_sql(codes)}) AND year BETWEEN ? AND ?",
        [years[0], years[-1]],
    )
    rows = []
    for a, b in _pairs(codes):
        m = nmc[nmc.ccode == a].merge(nmc[nmc.ccode == b], on="year", suffixes=("1", "2")).dropna()
        rows.append(
            pd.DataFrame({"ccode1": a, "ccode2": b, "year": m["year"], "value": m["cinc1"] / (m["cinc1"] + m["cinc2"])})
        )
    return pd.concat(rows, ignore_index=True)


def _ranked(table: str, expr: str, codes: Sequence[int], years: list[int], where: str = "TRUE") -> pd.DataFrame:
    ensure(table)
    df = query(
        f"WITH v AS (SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, {expr} AS value "
        f"FROM {table} WHERE year BETWEEN ? AND ? AND ccode1 < ccode2 AND {where}), "
        "r AS (SELECT *, 100 * cume_dist() OVER (PARTITION BY year ORDER BY value) AS percentile, "
        "count(*) OVER (PARTITION BY year) AS among FROM v WHERE value IS NOT NULL) "
        f"SELECT * FROM r WHERE ccode1 IN ({_in_sql(codes)}) AND ccode2 IN ({_in_sql(codes)})",
        [years[0], years[-1]],
    )
    return _orient(df, _pairs(codes))


def trade(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    return _ranked("cow_trade_ndy", "flow1 + flow2", codes, years, "flow1 >= 0 AND flow2 >= 0")


def igo(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    return _ranked("cow_igo_ndy", "dyadigos", codes, years, "dyadigos >= 0")


def conflict(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    ensure("cow_mid_ddydisps")
    df = query(
        "SELECT least(ccode1, ccode2) AS ccode1, greatest(ccode1, ccode2) AS ccode2, year, max(hostlev) AS value, "
        "count(DISTINCT dispnum) AS disputes FROM cow_mid_ddydisps "
        f"WHERE ccode1 IN ({_in_sql(codes)}) AND ccode2 IN ({_in_sql(codes)}) AND year BETWEEN ? AND ? GROUP BY ALL",
        [years[0], years[-1]],
    )
    out = _fill_zero(df, codes, _years_in_coverage(DIMENSIONS["conflict"], years))
    return out.fillna({"disputes": 0})


def rivalry(codes: Sequence[int], years: list[int]) -> pd.DataFrame:
    ensure("tss_rivalries")
    riv = query(
        f'SELECT ccode1, ccode2, start, "end" FROM tss_rivalries WHERE ccode1 IN ({_in_sql(codes)}) '
        f"AND ccode2 IN ({_in_sql(codes)})"
    )
    rows = [
        (min(r.ccode1, r.ccode2), max(r.ccode1, r.ccode2), y, 1)
        for r in riv.itertuples()
        for y in years
        if r.start <= y <= r.end
    ]
    df = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year", "value"]).drop_duplicates()
    return _fill_zero(df, codes, _years_in_coverage(DIMENSIONS["rivalry"], years))


GATHER: dict[str, Callable[[Sequence[int], list[int]], pd.DataFrame]] = {
    "un_agree": un_agree,
    "alliance": alliance,
    "arms": arms,
    "capability": capability,
    "trade": trade,
    "igo": igo,
    "conflict": conflict,
    "rivalry": rivalry,
}


def gather(codes: Sequence[int], years: list[int], labels: dict[int, str]) -> dict[str, pd.DataFrame]:
    """Every dimension for every pair of ``codes`` (ordered as given) over ``years``."""
    out = {}
    for key, fn in GATHER.items():
        df = fn(codes, years)
        df = df[df["year"].isin(years)].copy()
        for col in ("ccode1", "ccode2", "year"):
            df[col] = df[col].astype(int)
        df["dyad"] = [dyad_label(labels, a, b) for a, b in zip(df["ccode1"], df["ccode2"])]
        out[key] = df.sort_values(["dyad", "year"]).reset_index(drop=True)
    return out


def series(
    df: pd.DataFrame, c1: int, c2: int, column: str = "value", directed: bool = False, complement: bool = False
) -> pd.Series:
    """One dyad's values by year, missing years absent. ``complement``: a share stored for (c2, c1) is
    returned as ``1 - value`` (capability shares); ``directed``: only rows with ccode1 = c1."""
    fwd = df.loc[(df["ccode1"] == c1) & (df["ccode2"] == c2)].set_index("year")[column]
    parts = [fwd]
    if not directed:
        back = df.loc[(df["ccode1"] == c2) & (df["ccode2"] == c1)].set_index("year")[column]
        parts.append(1 - back if complement else back)
    s = pd.concat(parts).astype(float).dropna().sort_index()
    return s[~s.index.duplicated()]
