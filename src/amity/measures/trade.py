"""Trade interdependence from COW Trade 4.0 (Barbieri, Keshk & Pollins 2009), 1870-2014.

For a dyad (A, B) in year t, with flows in millions of current US$:

* ``imports_a_from_b`` (COW ``flow``: A's imports from B) and ``imports_b_from_a``;
* ``trade = imports_a_from_b + imports_b_from_a``, the dyad's total trade;
* each side's total trade, ``total_trade_a = imports_a + exports_a`` (COW national trade, ``cow_trade_sy``);
* ``share_of_a_trade = trade / total_trade_a``: how much of A's trade is with B (A's dependence on B), and
  ``share_of_b_trade`` likewise (the trade-share measure of Oneal & Russett 1997 with total trade in
  place of GDP).

COW does not report some flows; they stay NA (never zero), as do years after 2014.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.registry import coverage, get_source
from amity.errors import CoverageError
from amity.frames.contract import Provenance, add_provenance
from amity.years import YearsLike, parse_years

TRADE_YEARS = coverage("cow_trade")
DEFINITIONS = {
    "imports_a_from_b": "a's imports from b, millions of current US$ (COW flow)",
    "imports_b_from_a": "b's imports from a, millions of current US$ (COW flow)",
    "trade": "dyadic trade: imports_a_from_b + imports_b_from_a",
    "total_trade_a": "a's total trade: imports + exports (COW national trade)",
    "total_trade_b": "b's total trade: imports + exports (COW national trade)",
    "share_of_a_trade": "b's share of a's total trade: trade / total_trade_a",
    "share_of_b_trade": "a's share of b's total trade: trade / total_trade_b",
}


def _meta(columns) -> dict[str, dict[str, str]]:
    src = get_source("cow_trade")
    return {c: {"source": "cow_trade", "version": src.version, "citation": src.citation,
                "definition": DEFINITIONS[c]} for c in columns}


def _span(years: YearsLike) -> list[int]:
    lo, hi = TRADE_YEARS
    ys = parse_years(years)
    if ys is None:
        return list(range(lo, hi + 1))
    if not any(lo <= y <= hi for y in ys):
        raise CoverageError(f"COW trade covers {lo}-{hi}; asked for {ys[0]}-{ys[-1]}")
    return ys


def _ratio(num, den) -> np.ndarray:
    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def add_trade_dependence(df: pd.DataFrame) -> pd.DataFrame:
    """Add dyadic trade and trade shares to a dyad-year frame (``ccode1, ccode2, year``).

    Uses ``amity.frames.add_trade`` for the flows (``flow1`` = 1's imports from 2, ``flow2``, ``trade``)
    and adds ``total_trade1``, ``total_trade2``, ``trade_share1 = trade / total_trade1`` (2's share of
    1's total trade) and ``trade_share2``.
    """
    from amity.frames import add_trade

    out = df if {"flow1", "flow2", "trade"} <= set(df.columns) else add_trade(df)
    store.ensure("cow_trade_sy")
    totals = store.query("SELECT ccode, year, imports + exports AS total FROM cow_trade_sy")
    out = out.copy()
    for side in ("1", "2"):
        merged = out[[f"ccode{side}", "year"]].merge(
            totals.rename(columns={"ccode": f"ccode{side}"}), on=[f"ccode{side}", "year"], how="left")
        out[f"total_trade{side}"] = merged["total"].to_numpy()
        out[f"trade_share{side}"] = _ratio(out["trade"], out[f"total_trade{side}"])
    meta = dict(out.attrs.get("columns", {}))
    meta.update({
        "total_trade1": _meta(["total_trade_a"])["total_trade_a"] | {"definition": "state 1's total trade"},
        "total_trade2": _meta(["total_trade_b"])["total_trade_b"] | {"definition": "state 2's total trade"},
        "trade_share1": _meta(["share_of_a_trade"])["share_of_a_trade"]
        | {"definition": "share of state 1's total trade that is with state 2: trade / total_trade1"},
        "trade_share2": _meta(["share_of_b_trade"])["share_of_b_trade"]
        | {"definition": "share of state 2's total trade that is with state 1: trade / total_trade2"},
    })
    out.attrs["columns"] = meta
    add_provenance(out, [Provenance.of("cow_trade", ("total_trade1", "total_trade2", "trade_share1", "trade_share2"),
                                       "add_trade_dependence", "cow_trade_sy")])
    return out


def trade_dependence(a, b, years: YearsLike = None) -> pd.DataFrame:
    """Dyadic trade between two states and each side's share of the other's total trade, per year.

    Columns: ``year, ccode_a, ccode_b`` and the columns defined in the module docstring; one row per
    year of the span (NA where COW has no data). States are resolved per year (``amity.states.resolve``),
    so "Germany" is West Germany before 1991.
    """
    from amity.states import resolve

    ys = _span(years)
    frame = pd.DataFrame({
        "year": ys,
        "ccode1": [resolve(a, year=y).cow for y in ys],
        "ccode2": [resolve(b, year=y).cow for y in ys],
    })
    full = add_trade_dependence(frame)
    out = pd.DataFrame({
        "year": full["year"].to_numpy(),
        "ccode_a": full["ccode1"].to_numpy(),
        "ccode_b": full["ccode2"].to_numpy(),
        "imports_a_from_b": full["flow1"].to_numpy(dtype=np.float64),
        "imports_b_from_a": full["flow2"].to_numpy(dtype=np.float64),
        "trade": full["trade"].to_numpy(dtype=np.float64),
        "total_trade_a": full["total_trade1"].to_numpy(dtype=np.float64),
        "total_trade_b": full["total_trade2"].to_numpy(dtype=np.float64),
        "share_of_a_trade": full["trade_share1"].to_numpy(dtype=np.float64),
        "share_of_b_trade": full["trade_share2"].to_numpy(dtype=np.float64),
    })
    out.attrs["columns"] = _meta(DEFINITIONS)
    return out
