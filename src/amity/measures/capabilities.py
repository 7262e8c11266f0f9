"""Material capabilities: COW National Material Capabilities (CINC and components) and SIPRI military
expenditure, per state-year, and the dyadic capability share.

* CINC (Singer, Bremer & Stuckey 1972): the mean of a state's shares of the system totals of military
  expenditure, military personnel, iron and steel production, primary energy consumption, total
  population and urban population, as published in COW NMC (read, not recomputed).
* Dyadic capability share of state 1: ``cinc1 / (cinc1 + cinc2)`` (0.5 = parity, 1 = state 1 holds all
  of the dyad's capabilities).
* SIPRI military expenditure: constant 2022 US$ (millions), current US$ (millions) and share of GDP, per
  SIPRI country-year, mapped to COW codes (``amity.states.sipri_to_cow``). It runs to 2023 and
  so extends COW's military expenditure component past the last NMC year.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.registry import get_source
from amity.errors import UnknownOptionError
from amity.frames.contract import Provenance, add_provenance, require_columns
from amity.years import YearsLike, years_within

NMC_COLUMNS = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]
NMC_DEFINITIONS = {
    "milex": "military expenditure (thousands of current US$; pounds sterling before 1914 per COW)",
    "milper": "military personnel (thousands)",
    "irst": "iron and steel production (thousands of tons)",
    "pec": "primary energy consumption (thousands of coal-ton equivalents)",
    "tpop": "total population (thousands)",
    "upop": "urban population (thousands; definition changes in NMC after 2016)",
    "cinc": "composite index of national capability: mean of the state's shares of the six system totals",
}
MILEX_COLUMNS = ["milex_constant_2022_usd_m", "milex_current_usd_m", "milex_share_gdp"]
MILEX_DEFINITIONS = {
    "milex_constant_2022_usd_m": "military expenditure, millions of constant 2022 US$ (SIPRI)",
    "milex_current_usd_m": "military expenditure, millions of current US$ (SIPRI)",
    "milex_share_gdp": "military expenditure as a share of GDP (fraction, SIPRI)",
}


def _codes(states) -> list[int] | None:
    if states is None:
        return None
    from amity.states import resolve

    if isinstance(states, (str, int)):
        states = [states]
    return sorted({resolve(s).cow for s in states})


def _filter(df: pd.DataFrame, codes: list[int] | None, years: YearsLike, what: str) -> pd.DataFrame:
    """Rows of the states and years asked for; a span wholly outside the data's years raises, naming them."""
    if years is not None:
        df = df[df["year"].isin(years_within(years, int(df["year"].min()), int(df["year"].max()), what))]
    if codes is not None:
        df = df[df["ccode"].isin(codes)]
    return df.reset_index(drop=True)


def _meta(source: str, definitions: dict[str, str]) -> dict[str, dict[str, str]]:
    src = get_source(source)
    return {c: {"source": source, "version": src.version, "citation": src.citation, "definition": d}
            for c, d in definitions.items()}


def capabilities(states: Iterable | str | int | None = None, years: YearsLike = None) -> pd.DataFrame:
    """CINC and its six components per state-year from COW NMC: ``ccode, year, milex, ..., cinc``.

    ``states``: names or codes (``amity.states.resolve``); ``years``: any span ``parse_years`` reads.
    """
    store.ensure("cow_nmc")
    df = store.query("SELECT ccode, year, " + ", ".join(NMC_COLUMNS) + " FROM cow_nmc ORDER BY ccode, year")
    out = _filter(df, _codes(states), years, "COW National Material Capabilities")
    out.attrs["columns"] = _meta("cow_nmc", NMC_DEFINITIONS)
    return out


def military_expenditure(states: Iterable | str | int | None = None, years: YearsLike = None) -> pd.DataFrame:
    """SIPRI military expenditure per state-year: ``ccode, country, year`` and the three SIPRI series.

    ``country`` keeps SIPRI's name ("USSR" and "Russia" are both COW 365; where SIPRI has rows for both in
    a year, the one with data is kept). Entities SIPRI reports that are not COW states (the European
    Union) are left out; see ``sipri_to_cow``.
    """
    from amity.states import sipri_to_cow

    store.ensure("sipri_milex")
    df = store.query("SELECT country, year, " + ", ".join(MILEX_COLUMNS) + " FROM sipri_milex")
    df.insert(0, "ccode", sipri_to_cow(df["country"]))
    df = df.dropna(subset=["ccode"]).astype({"ccode": "int64"})
    # SIPRI keeps empty "Russia" rows (0 or "...") beside the USSR's in 1987-1990: where two names share a
    # COW code in a year, keep the row with the most positive values
    score = (df[MILEX_COLUMNS].fillna(0) > 0).sum(axis=1)
    df = (df.assign(_score=score).sort_values(["ccode", "year", "_score"], ascending=[True, True, False])
          .drop_duplicates(["ccode", "year"]).drop(columns="_score"))
    out = _filter(df, _codes(states), years, "SIPRI military expenditure data")
    out.attrs["columns"] = _meta("sipri_milex", MILEX_DEFINITIONS)
    return out


def capability_share(cinc1, cinc2):
    """``cinc1 / (cinc1 + cinc2)``; NaN where either is missing or both are zero."""
    c1, c2 = np.asarray(cinc1, dtype=np.float64), np.asarray(cinc2, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = c1 + c2
        return np.where(total > 0, c1 / np.where(total > 0, total, 1.0), np.nan)


def add_capability_share(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``cinc1``, ``cinc2`` (unless present) and ``cap_share = cinc1 / (cinc1 + cinc2)`` to a dyad-year frame.

    Dyad-years without an NMC score for either state get NA.
    """
    require_columns(df, "add_capability_share")
    out = df.copy()
    if not {"cinc1", "cinc2"} <= set(out.columns):
        cinc = capabilities()[["ccode", "year", "cinc"]]
        for side in ("1", "2"):
            merged = out[[f"ccode{side}", "year"]].merge(
                cinc.rename(columns={"ccode": f"ccode{side}"}), on=[f"ccode{side}", "year"], how="left"
            )
            out[f"cinc{side}"] = merged["cinc"].to_numpy()
    out["cap_share"] = capability_share(out["cinc1"], out["cinc2"])
    meta = dict(out.attrs.get("columns", {}))
    nmc = _meta("cow_nmc", {"cinc": NMC_DEFINITIONS["cinc"]})["cinc"]
    meta.update({
        "cinc1": {**nmc, "definition": "CINC of state 1"},
        "cinc2": {**nmc, "definition": "CINC of state 2"},
        "cap_share": {**nmc, "definition": "capability share of state 1: cinc1 / (cinc1 + cinc2)"},
    })
    out.attrs["columns"] = meta
    add_provenance(out, [Provenance.of("cow_nmc", ("cinc1", "cinc2", "cap_share"), "add_capability_share")])
    return out


def component_breaks(component: str = "upop", years: YearsLike = None, threshold: float = 0.25) -> pd.DataFrame:
    """Years in which an NMC component's world total jumps by more than ``threshold`` (25 %) from the year
    before: ``year, component, total_before, total, change``.

    A series redefinition shows as such a jump: NMC's urban population, ``upop``, has a world total 42 %
    higher in 2017 than in 2016, with the US figure almost halving and India's doubling, which is a new
    definition, not urbanisation. CINC, a mean of the six components' shares, inherits the break.
    """
    if component not in NMC_COLUMNS:
        raise UnknownOptionError("NMC component", component, NMC_COLUMNS)
    df = capabilities(years=years)
    total = df.groupby("year")[component].sum(min_count=1).dropna()
    change = total.pct_change()
    jumps = change[change.abs() > threshold]
    out = pd.DataFrame({"year": jumps.index.astype(int), "component": component,
                        "total_before": total.shift(1)[jumps.index].to_numpy(),
                        "total": total[jumps.index].to_numpy(), "change": jumps.to_numpy()})
    out.attrs["columns"] = _meta("cow_nmc", {"total": f"world total of NMC {component}",
                                             "change": "relative change from the year before"})
    return out
