"""Dyad-years of a state system and the ``add_*`` joins, done inside DuckDB for speed.

Conventions (as in peacesciencer): a non-directed frame has ``ccode1 < ccode2``; a directed frame has
both orders. Joins are on ``(ccode1, ccode2, year)``; data that are stored non-directed are matched on
the ordered pair, and directed data are folded for non-directed frames as documented on each step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.registry import table_source
from amity.errors import UnknownOptionError
from amity.frames.contract import DYAD_KEY, Provenance, add_provenance, provenance, require_columns
from amity.states.systems import check_years, spells_sql
from amity.years import YearsLike

_ROW = "_amity_row"


def dyad_years(
    system: str = "cow", years: YearsLike = None, directed: bool = False, add: Sequence[str] = ()
) -> pd.DataFrame:
    """Every pair of system members alive in each year: columns ``ccode1, ccode2, year``.

    Two states form a dyad in a year if both were system members on at least one common day of it
    (COW v2016 or Gleditsch & Ward 1999, extended to 2024 as peacesciencer does; the COW result equals
    peacesciencer's ``cow_ddy``). Non-directed by default (``ccode1 < ccode2``);
    ``directed=True`` gives both orders. ``add`` names add_* steps (``"atop"``, ``"capabilities"``,
    ``"igos"``, ``"mids"``, ``"rivalry"``, ``"contiguity"``, ``"trade"``) to apply in turn, the same as
    piping the add_* functions.

    >>> dyad_years(years=2000, add=["atop"]).shape  # doctest: +SKIP
    (18721, 8)
    """
    ys = check_years(system, years)
    where = "" if ys is None else f"WHERE year IN ({','.join(map(str, ys))})"
    op = "<>" if directed else "<"
    # Two states form a dyad in a year if they were both members on at least one day of it.
    df = store.query(f"""
        WITH s AS ({spells_sql(system)}),
        d AS (
          SELECT a.code AS ccode1, b.code AS ccode2,
                 unnest(generate_series(year(greatest(a.first_day, b.first_day)),
                                        year(least(a.last_day, b.last_day)))) AS year
          FROM s a JOIN s b ON a.code {op} b.code AND a.first_day <= b.last_day AND b.first_day <= a.last_day
        )
        SELECT DISTINCT ccode1::BIGINT AS ccode1, ccode2::BIGINT AS ccode2, year::BIGINT AS year FROM d {where}
        ORDER BY year, ccode1, ccode2""")
    df.attrs["system"] = system
    df.attrs["directed"] = directed
    _record(df, "dyad_years", ["cow_states" if system == "cow" else "gw_states"], list(DYAD_KEY))
    return _join(df, *add) if add else df


class JoinSpec(NamedTuple):
    """What an add_* step joins: the tables it reads, the columns it selects, the SQL joins (alias f)."""

    tables: list[str]
    select: str
    joins: str

    @property
    def columns(self) -> list[str]:
        """The columns the step adds: the ``AS name`` ending each item of ``select``."""
        return re.findall(r"\bAS (\w+)(?=\s*(?:,|$))", self.select)


def _spec(name: str, directed: bool) -> JoinSpec:
    specs = {
        "atop": _atop_spec, "capabilities": _capabilities_spec, "igos": _igos_spec, "mids": _mids_spec,
        "rivalry": _rivalry_spec, "contiguity": _contiguity_spec, "trade": _trade_spec, "icews": _icews_spec,
    }
    if name not in specs:
        raise UnknownOptionError("add step", name, list(specs))
    spec = specs[name](directed)
    for table in spec.tables:
        store.ensure(table)
    return spec


STEPS = ("atop", "capabilities", "igos", "mids", "rivalry", "contiguity", "trade", "icews")


def _record(df: pd.DataFrame, step: str, tables: Sequence[str], columns: Sequence[str]) -> None:
    """Record the step's :class:`Provenance` on ``df``, and the per-step view ``attrs["sources"]``
    (``{step: [{source, table, version, citation}, …]}``) derived from it."""
    items = [Provenance.of(table_source(t).name, columns, step, t) for t in tables]
    add_provenance(df, items)
    view = {p.step: [] for p in provenance(df)}
    for p in provenance(df):
        view[p.step].append({"source": p.source, "table": p.table, "version": p.version, "citation": p.citation})
    df.attrs["sources"] = view


def _coverage(table: str) -> tuple[int, int]:
    """First and last year the stored table covers."""
    store.ensure(table)
    lo, hi = store.query("SELECT min_year, max_year FROM _amity_tables WHERE name = ?", [table]).iloc[0]
    return int(lo), int(hi)


def _is_directed(df: pd.DataFrame) -> bool:
    return bool(df.attrs.get("directed")) or bool((df["ccode1"] > df["ccode2"]).any())


def _join(df: pd.DataFrame, *names: str) -> pd.DataFrame:
    """Left-join steps ``names`` onto ``df`` in one DuckDB query; keeps every row in order and all columns."""
    steps = [f"add_{name}" for name in names]
    require_columns(df, steps[0])
    directed = _is_directed(df)
    specs = [_spec(name, directed) for name in names]
    select = ", ".join(spec.select for spec in specs)
    joins = " ".join(spec.joins for spec in specs)
    frame = df[["ccode1", "ccode2", "year"]].copy()
    frame[_ROW] = np.arange(len(frame))
    added = store.get_store().query(f"SELECT f.{_ROW}, {select} FROM _frame f {joins}", frames={"_frame": frame})
    # Put rows back in the frame's order by their row number (a scatter, cheaper than sorting in SQL).
    order = np.empty(len(added), dtype=np.int64)
    order[added[_ROW].to_numpy()] = np.arange(len(added))
    added = added.drop(columns=[_ROW]).take(order)
    added.index = df.index
    # concat shares the existing columns' memory (pandas copy-on-write) instead of copying the frame
    out = pd.concat([df.drop(columns=[c for c in added.columns if c in df.columns]), added], axis=1)
    out.attrs = dict(df.attrs)
    for step, spec in zip(steps, specs):
        _record(out, step, spec.tables, spec.columns)
    return out


def _covered(expr: str, lo: int, hi: int, fill: str = "0") -> str:
    """``expr`` inside the data's years (missing rows there mean "none"), NA outside them."""
    return f"CASE WHEN f.year BETWEEN {lo} AND {hi} THEN coalesce({expr}, {fill}) ELSE NULL END"


def _atop_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_atop`."""
    lo, hi = _coverage("atop_alliance")
    cols = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    if directed:
        select = ", ".join(f"{_covered(f'a.{c}', lo, hi)}::TINYINT AS {c}" for c in cols)
        joins = "LEFT JOIN atop_alliance a ON a.ccode1 = f.ccode1 AND a.ccode2 = f.ccode2 AND a.year = f.year"
    else:
        select = ", ".join(
            f"{_covered(f'greatest(a.{c}, b.{c})', lo, hi)}::TINYINT AS {c}" for c in cols
        )
        joins = (
            "LEFT JOIN atop_alliance a ON a.ccode1 = f.ccode1 AND a.ccode2 = f.ccode2 AND a.year = f.year "
            "LEFT JOIN atop_alliance b ON b.ccode1 = f.ccode2 AND b.ccode2 = f.ccode1 AND b.year = f.year"
        )
    return JoinSpec(["atop_alliance"], select, joins)


_NMC = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]


def _capabilities_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_capabilities`."""
    parts = [f"n1.{c} AS {c}1" for c in _NMC] + [f"n2.{c} AS {c}2" for c in _NMC]
    select = ", ".join(parts) + ", n1.cinc / nullif(n2.cinc, 0) AS cinc_ratio"
    joins = (
        "LEFT JOIN cow_nmc n1 ON n1.ccode = f.ccode1 AND n1.year = f.year "
        "LEFT JOIN cow_nmc n2 ON n2.ccode = f.ccode2 AND n2.year = f.year"
    )
    return JoinSpec(["cow_nmc"], select, joins)


def _pair_join(table: str, alias: str) -> str:
    """Join a table stored with ccode1 < ccode2 whatever the frame's order."""
    return (
        f"LEFT JOIN {table} {alias} ON {alias}.ccode1 = least(f.ccode1, f.ccode2) "
        f"AND {alias}.ccode2 = greatest(f.ccode1, f.ccode2) AND {alias}.year = f.year"
    )


def _igos_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_igos`."""
    lo, hi = _coverage("cow_igo_ndy")
    held = (
        "(SELECT DISTINCT ccode1 AS ccode, year FROM cow_igo_ndy UNION SELECT DISTINCT ccode2, year FROM cow_igo_ndy)"
    )
    joins = (
        _pair_join("cow_igo_ndy", "i")
        + f" LEFT JOIN {held} h1 ON h1.ccode = f.ccode1 AND h1.year = f.year"
        + f" LEFT JOIN {held} h2 ON h2.ccode = f.ccode2 AND h2.year = f.year"
    )
    inside = f"f.year BETWEEN {lo} AND {hi} AND h1.ccode IS NOT NULL AND h2.ccode IS NOT NULL"
    select = f"CASE WHEN {inside} THEN coalesce(i.dyadigos, 0) ELSE NULL END::INTEGER AS dyadigos"
    return JoinSpec(["cow_igo_ndy"], select, joins)


def _mids_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_mids`."""
    lo, hi = _coverage("cow_mid_ddydisps")
    agg = """(SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, year,
                  count(DISTINCT dispnum) AS n, max(cowmidonset) AS onset, max(cowmidongoing) AS ongoing,
                  max(greatest(hostlev1, hostlev2)) AS hostlev, max(CASE WHEN fatality > 0 THEN 1 ELSE 0 END) AS fatal
              FROM cow_mid_ddydisps GROUP BY ALL) m"""
    joins = (
        f"LEFT JOIN {agg} ON m.c1 = least(f.ccode1, f.ccode2) AND m.c2 = greatest(f.ccode1, f.ccode2) "
        "AND m.year = f.year"
    )
    select = ", ".join([
        f"{_covered('m.n', lo, hi)}::INTEGER AS mid_count",
        f"{_covered('m.onset', lo, hi)}::TINYINT AS mid_onset",
        f"{_covered('m.ongoing', lo, hi)}::TINYINT AS mid_ongoing",
        f"{_covered('m.hostlev', lo, hi)}::TINYINT AS mid_hostlev",
        f"{_covered('m.fatal', lo, hi)}::TINYINT AS mid_fatal",
    ])
    return JoinSpec(["cow_mid_ddydisps"], select, joins)


def _rivalry_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_rivalry`."""
    store.ensure("td_rivalries", "tss_rivalries")
    td_hi = int(store.query("SELECT max(endyear) FROM td_rivalries").iloc[0, 0])
    tss_hi = int(store.query('SELECT max("end") FROM tss_rivalries').iloc[0, 0])
    spell = """(SELECT least(ccode1, ccode2) AS c1, greatest(ccode1, ccode2) AS c2, {start} AS s, {end} AS e
                {extra} FROM {table} t0)"""
    td = spell.format(start="styear", end="endyear", extra="", table="td_rivalries")
    tss = spell.format(
        start="start", end='"end"', table="tss_rivalries",
        extra=", concat_ws(',', CASE WHEN t0.positional = 1 THEN 'positional' END, CASE WHEN t0.spatial = 1 THEN "
        "'spatial' END, CASE WHEN t0.ideological = 1 THEN 'ideological' END, CASE WHEN t0.interventionary = 1 "
        "THEN 'interventionary' END) AS types",
    )
    years = "SELECT c1, c2, unnest(generate_series(s::BIGINT, e::BIGINT)) AS year{cols} FROM {spells}"
    key = "ON {a}.c1 = least(f.ccode1, f.ccode2) AND {a}.c2 = greatest(f.ccode1, f.ccode2) AND {a}.year = f.year"
    joins = (
        f"LEFT JOIN (SELECT DISTINCT c1, c2, year, 1 AS hit FROM ({years.format(cols='', spells=td)})) td "
        f"{key.format(a='td')} "
        f"LEFT JOIN (SELECT c1, c2, year, string_agg(DISTINCT types, ',') AS types "
        f"FROM ({years.format(cols=', types', spells=tss)}) GROUP BY ALL) tss {key.format(a='tss')}"
    )
    select = ", ".join([
        f"CASE WHEN f.year <= {td_hi} THEN coalesce(td.hit, 0) END::TINYINT AS td_rivalry",
        f"CASE WHEN f.year <= {tss_hi} THEN CASE WHEN tss.c1 IS NULL THEN 0 ELSE 1 END END::TINYINT AS tss_rivalry",
        "nullif(tss.types, '') AS tss_type",
    ])
    return JoinSpec(["td_rivalries", "tss_rivalries"], select, joins)


def _contiguity_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_contiguity`."""
    store.ensure("cow_contdir")
    hi = int(store.query("SELECT max(year(enddate)) FROM cow_contdir").iloc[0, 0])
    lo = int(store.query("SELECT min(year(stdate)) FROM cow_contdir").iloc[0, 0])
    joins = (
        "LEFT JOIN (SELECT ccode1, ccode2, year, min(conttype) AS conttype FROM ("
        "SELECT ccode1, ccode2, conttype, unnest(generate_series(year(stdate), year(enddate))) AS year "
        "FROM cow_contdir) GROUP BY ALL) c ON c.ccode1 = f.ccode1 AND c.ccode2 = f.ccode2 AND c.year = f.year"
    )
    select = f"{_covered('c.conttype', lo, hi)}::TINYINT AS conttype"
    return JoinSpec(["cow_contdir"], select, joins)


def _trade_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_trade`."""
    flip = "f.ccode1 > f.ccode2"
    select = ", ".join([
        f"CASE WHEN {flip} THEN t.flow2 ELSE t.flow1 END AS flow1",
        f"CASE WHEN {flip} THEN t.flow1 ELSE t.flow2 END AS flow2",
        f"CASE WHEN {flip} THEN t.smoothflow2 ELSE t.smoothflow1 END AS smoothflow1",
        f"CASE WHEN {flip} THEN t.smoothflow1 ELSE t.smoothflow2 END AS smoothflow2",
        "t.flow1 + t.flow2 AS trade",
    ])
    return JoinSpec(["cow_trade_ndy"], select, _pair_join("cow_trade_ndy", "t"))


ICEWS_COUNTS = ("verb_coop", "matl_coop", "verb_conf", "matl_conf")


def _icews_spec(directed: bool) -> JoinSpec:
    """The join behind :func:`add_icews`."""
    parts = []
    for c in ICEWS_COUNTS:
        parts += [f"e12.{c} AS icews_{c}_12", f"e21.{c} AS icews_{c}_21"]
    joins = (
        "LEFT JOIN icews_dyad_years e12 ON e12.ccode1 = f.ccode1 AND e12.ccode2 = f.ccode2 AND e12.year = f.year "
        "LEFT JOIN icews_dyad_years e21 ON e21.ccode1 = f.ccode2 AND e21.ccode2 = f.ccode1 AND e21.year = f.year"
    )
    return JoinSpec(["icews_dyad_years"], ", ".join(parts), joins)


def add_icews(df: pd.DataFrame) -> pd.DataFrame:
    """Add ICEWS event counts (Boschee et al. 2015, aggregated to directed dyad-years by netify; 2002-2014).

    ``icews_<class>_12`` counts the events ccode1 directed at ccode2 that year, ``icews_<class>_21`` those
    ccode2 directed at ccode1 (oriented to the frame's order, also in directed frames), for the four quad
    classes ``verb_coop``, ``matl_coop``, ``verb_conf``, ``matl_conf`` (verbal/material cooperation and
    conflict). The file holds every directed pair of its 152 countries in every year, so a missing row
    means a state the file lacks: NA, never 0. Years outside 2002-2014 are NA.
    """
    return _join(df, "icews")


def add_atop(df: pd.DataFrame) -> pd.DataFrame:
    """Add ATOP alliance obligations: atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul.

    Each is 1 if the dyad shares an alliance with that obligation in the year (ATOP 5.1, Leeds et al.
    2002), 0 if not, NA after 2018. ATOP's dyad-years are directed; a non-directed frame counts an
    obligation in either direction (so each alliance appears once), a directed frame takes the row for
    its own direction.
    """
    return _join(df, "atop")


def add_capabilities(df: pd.DataFrame) -> pd.DataFrame:
    """Add COW National Material Capabilities for both sides and their capability ratio.

    Columns ``milex1 … cinc1`` and ``milex2 … cinc2`` (Singer, Bremer & Stuckey 1972; CINC is a state's
    average share of the system's six capability components) and ``cinc_ratio = cinc1 / cinc2`` (NA
    where either is missing or cinc2 is 0). State-years absent from NMC are NA.
    """
    return _join(df, "capabilities")


def add_igos(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``dyadigos``: the number of IGOs both states are full members of (COW IGO 3.0, to 2014).

    Pevehouse et al. (2020). A dyad-year without a row counts 0 only where the IGO data hold both states
    that year; otherwise it is NA, as in peacesciencer: missing is NA, never 0. This matters in 1990, when
    West and East Germany (COW 260, 265) and North and South Yemen (678, 680) end during the year and the
    IGO data have no 1990 rows for them (only for unified Germany, 255, and Yemen, 679). Years after 2014
    are NA.
    """
    return _join(df, "igos")


def add_mids(df: pd.DataFrame) -> pd.DataFrame:
    """Add militarized interstate disputes (COW MID 5.0, Palmer et al. 2022; 1816-2014).

    ``mid_count`` disputes ongoing in the dyad-year, ``mid_onset`` (1 if any began that year),
    ``mid_ongoing`` (1 if any was ongoing), ``mid_hostlev`` highest hostility level reached by either
    side (1 no militarized action … 5 war; 0 without a dispute), ``mid_fatal`` (1 if any had fatalities).
    The dispute rows are directed (one per side pairing); a dyad's disputes are counted once.
    """
    return _join(df, "mids")


def add_rivalry(df: pd.DataFrame) -> pd.DataFrame:
    """Add strategic rivalry flags from both Thompson sets.

    ``td_rivalry`` (Thompson & Dreyer 2012, to 2010) and ``tss_rivalry`` (Thompson, Sakuwa & Suhas
    2022, to 2020): 1 if the dyad is in a strategic rivalry that year, 0 if not, NA after each set's
    last year. ``tss_type`` lists the TSS rivalry types (positional, spatial, ideological,
    interventionary) where one is ongoing.
    """
    return _join(df, "rivalry")


def add_contiguity(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``conttype``: COW direct contiguity in the year (Stinnett et al. 2002).

    1 land border; 2, 3, 4, 5 separated by up to 12, 24, 150, 400 miles of water; 0 not contiguous; the
    closest type if several held during the year. NA after the data's last year.
    """
    return _join(df, "contiguity")


def add_trade(df: pd.DataFrame) -> pd.DataFrame:
    """Add COW dyadic trade (Barbieri, Keshk & Pollins 2009; v4.0, 1870-2014), millions of current US$.

    ``flow1`` imports of ccode1 from ccode2, ``flow2`` imports of ccode2 from ccode1 (oriented to the
    frame's order, also in directed frames), their smoothed versions, and ``trade = flow1 + flow2``.
    Missing flows stay NA (COW does not report them; they are not zero).
    """
    return _join(df, "trade")

