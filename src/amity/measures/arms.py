"""Arms transfers from SIPRI: who supplies a state's major conventional arms, how concentrated its
suppliers are, and the dyadic arms tie.

SIPRI measures transfers in trend-indicator values (TIV, millions): a common unit based on the known unit
production cost of a core set of weapons, meant to measure the volume of transfers, not their financial
value (SIPRI Arms Transfers Database methodology). Two sources:

* ``"register"``: the SIPRI trade register, TIV delivered per deal and delivery year, 1990-2024, summed
  per supplier -> recipient -> year;
* ``"tiv"``: SIPRI's TIV tables by exporter, 1950-2021 (a 2022 export: SIPRI revises its records, so
  the two differ slightly where they overlap);
* ``"combined"``: the TIV tables before 1990 and the register from 1990.

Measures, per recipient ``r`` and year ``t``, with ``T(s -> r, t)`` the TIV from supplier ``s``:

* supplier share ``T(s -> r, t) / sum_s' T(s' -> r, t)`` (unknown suppliers and non-state suppliers count
  in the total);
* supplier concentration, the Herfindahl-Hirschman index ``HHI = sum_s share_s**2`` (1 = one supplier);
* the dyadic tie between A and B: ``T(A -> B)``, ``T(B -> A)`` and B's dependence on A,
  ``T(A -> B) / sum_s T(s -> B)`` (NA in a year when B imported nothing), and the same for A on B.

Within a source's coverage, no recorded delivery is a real zero (SIPRI lists every delivery of major
arms); outside it the values are NA. SIPRI names map to COW codes with ``amity.states.resolve`` plus the
explicit map below; the USSR and Russia are both COW 365 (supplier names are kept). Non-state actors
(SIPRI marks them ``*``), international organisations (``**``) and unknown suppliers have no code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.cache import frame_cache
from amity.data.registry import coverage
from amity.errors import InputError, UnknownOptionError
from amity.frames.contract import Provenance, add_provenance, require_columns, source_label, version_label
from amity.states.sipri import sipri_to_cow
from amity.years import YearsLike, years_within

# years each arms source covers, from the registry; "combined" spans both
SOURCES = {"register": coverage("sipri_register"), "tiv": coverage("sipri_tiv"),
           "combined": coverage("sipri_tiv", "sipri_register")}
REGISTER_FROM = 1990  # "combined": TIV tables before this year, the trade register from it

def _check_source(source: str) -> tuple[int, int]:
    if source not in SOURCES:
        raise UnknownOptionError("source", source, list(SOURCES))
    return SOURCES[source]


def _years_in(source: str, years: YearsLike) -> list[int]:
    return years_within(years, *_check_source(source), f"SIPRI {source!r} arms transfers")


@frame_cache(maxsize=4)
def flows(source: str = "register") -> pd.DataFrame:
    """Every supplier -> recipient -> year TIV in a source, with COW codes (``supplier_ccode``, ...).

    Columns: ``supplier, recipient, year, tiv, supplier_ccode, recipient_ccode`` (codes nullable).
    """
    _check_source(source)
    # (table, rows) per source; "combined" takes the TIV tables before the register begins
    tables = {
        "register": [("sipri_register", "TRUE")],
        "tiv": [("sipri_tiv", "TRUE")],
        "combined": [("sipri_register", f"year >= {REGISTER_FROM}"), ("sipri_tiv", f"year < {REGISTER_FROM}")],
    }[source]
    parts = []
    for table, rows in tables:
        store.ensure(table)
        parts.append(store.query(
            f"SELECT supplier, recipient, year, sum(tiv) AS tiv FROM {table} WHERE {rows} "
            "GROUP BY supplier, recipient, year"
        ))
    df = pd.concat(parts, ignore_index=True)
    df["supplier"] = df["supplier"].astype(str)
    df["recipient"] = df["recipient"].astype(str)
    df["tiv"] = df["tiv"].astype(np.float64).round(6)  # sums of 2-decimal TIVs: drop float noise
    df["supplier_ccode"] = sipri_to_cow(df["supplier"])
    df["recipient_ccode"] = sipri_to_cow(df["recipient"])
    return df.sort_values(["year", "recipient", "supplier"]).reset_index(drop=True)


def _resolve(state) -> int:
    from amity.states import resolve

    return resolve(state).cow


def source_info(source: str = "register") -> dict:
    """What a source reads: ``tables`` (stored tables, each a registry source of the same name),
    ``provenance`` (a :class:`~amity.frames.contract.Provenance` per table: what code reads), ``source``
    (the label shown, :func:`~amity.frames.contract.source_label` of the provenance), ``version``,
    ``citation``, ``first_year`` and ``last_year``."""
    lo, hi = _check_source(source)
    names = ["sipri_register"] if source == "register" else ["sipri_tiv"] if source == "tiv" else [
        "sipri_tiv", "sipri_register"]
    prov = tuple(Provenance.of(n, (), table=n) for n in names)
    version = version_label(prov)
    if source == "combined":
        version += f" (TIV tables before {REGISTER_FROM}, trade register from {REGISTER_FROM})"
    return {"tables": names, "provenance": prov, "source": source_label(prov), "version": version,
            "citation": prov[0].citation, "first_year": lo, "last_year": hi}


def _meta(source: str, definitions: dict[str, str]) -> dict[str, dict[str, str]]:
    info = source_info(source)
    return {c: {"source": info["source"], "version": info["version"], "citation": info["citation"],
                "definition": d} for c, d in definitions.items()}


def _supplier_key(df: pd.DataFrame) -> pd.Series:
    """One key per supplier: its COW code where it has one (USSR = Russia), else SIPRI's name."""
    return df["supplier_ccode"].astype("string").fillna("name:" + df["supplier"])


def arms_imports(recipient, years: YearsLike = None, source: str = "register") -> pd.DataFrame:
    """TIV a recipient imported from each supplier per year, and each supplier's share of that year.

    Columns: ``ccode, recipient, year, supplier, supplier_ccode, tiv, share`` (``recipient``/``supplier``
    are SIPRI's names), largest supplier first within a year. Years without imports have no rows.
    """
    code = _resolve(recipient)
    ys = _years_in(source, years)
    df = flows(source)
    df = df[(df["recipient_ccode"] == code) & df["year"].isin(ys)].copy()
    total = df.groupby("year")["tiv"].transform("sum")
    df["share"] = np.where(total > 0, df["tiv"] / total.where(total > 0, 1.0), np.nan)
    df.insert(0, "ccode", code)
    out = df[["ccode", "recipient", "year", "supplier", "supplier_ccode", "tiv", "share"]]
    out = out.sort_values(["year", "tiv"], ascending=[True, False]).reset_index(drop=True)
    out.attrs["columns"] = _meta(source, {
        "tiv": "TIV delivered from the supplier to the recipient in the year (SIPRI TIV, millions)",
        "share": "supplier's share of the recipient's total TIV imports that year",
    })
    return out


def arms_supplier_shares(
    recipient, years: YearsLike = None, source: str = "register", period: int | None = None
) -> pd.DataFrame:
    """Each supplier's share of a recipient's arms imports over the whole span (or per ``period`` years).

    Suppliers are grouped by COW code (so "Soviet Union" and "Russia" form one supplier, named
    "Russia / Soviet Union"); non-state and unknown suppliers keep their SIPRI names. Columns:
    ``ccode, period, supplier, supplier_ccode, tiv, share, rank`` (rank 1 = largest in the period).
    ``period``: bin length in years counted from the first year of the span (e.g. 5 gives 1990-1994, ...).
    """
    imports = arms_imports(recipient, years, source)
    ys = _years_in(source, years)
    first, last = ys[0], ys[-1]
    if period is not None and period < 1:
        raise InputError("period must be a positive number of years")
    step = period or (last - first + 1)
    start = first + ((imports["year"] - first) // step) * step
    imports = imports.assign(
        period=start.astype(str) + "-" + np.minimum(start + step - 1, last).astype(str),
        key=_supplier_key(imports),
    )
    names = imports.groupby("key")["supplier"].agg(lambda s: " / ".join(sorted(set(s))))
    grouped = imports.groupby(["period", "key"], as_index=False).agg(
        tiv=("tiv", "sum"), supplier_ccode=("supplier_ccode", "first")
    )
    grouped["tiv"] = grouped["tiv"].round(6)
    grouped["supplier"] = grouped["key"].map(names)
    grouped["share"] = grouped["tiv"] / grouped.groupby("period")["tiv"].transform("sum")
    grouped["rank"] = grouped.groupby("period")["tiv"].rank(ascending=False, method="min").astype(int)
    grouped.insert(0, "ccode", _resolve(recipient))
    out = grouped.sort_values(["period", "rank"])[
        ["ccode", "period", "supplier", "supplier_ccode", "tiv", "share", "rank"]].reset_index(drop=True)
    out.attrs["columns"] = _meta(source, {
        "tiv": "TIV delivered from the supplier to the recipient over the period (SIPRI TIV, millions)",
        "share": "supplier's share of the recipient's TIV imports over the period",
    })
    return out


def arms_concentration(recipients=None, years: YearsLike = None, source: str = "register") -> pd.DataFrame:
    """Supplier concentration per recipient-year: ``ccode, year, tiv_total, n_suppliers, hhi``.

    ``hhi = sum_s share_s**2`` over suppliers (grouped by COW code; others by SIPRI name). Only
    recipient-years with imports appear. ``recipients``: None for every COW state, or names/codes.
    """
    ys = _years_in(source, years)
    df = flows(source)
    df = df[df["year"].isin(ys) & df["recipient_ccode"].notna()]
    if recipients is not None:
        if isinstance(recipients, (str, int)):
            recipients = [recipients]
        df = df[df["recipient_ccode"].isin([_resolve(r) for r in recipients])]
    df = df.assign(key=_supplier_key(df))
    per = df.groupby(["recipient_ccode", "year", "key"], as_index=False)["tiv"].sum()
    per = per[per["tiv"] > 0]
    total = per.groupby(["recipient_ccode", "year"])["tiv"].transform("sum")
    per["sq"] = (per["tiv"] / total) ** 2
    out = per.groupby(["recipient_ccode", "year"], as_index=False).agg(
        tiv_total=("tiv", "sum"), n_suppliers=("key", "size"), hhi=("sq", "sum")
    ).rename(columns={"recipient_ccode": "ccode"})
    out["ccode"] = out["ccode"].astype("int64")
    out.attrs["columns"] = _meta(source, {
        "tiv_total": "total TIV imported by the recipient that year",
        "n_suppliers": "number of suppliers with deliveries that year",
        "hhi": "Herfindahl-Hirschman index of supplier shares, sum of squared shares (0..1]",
    })
    return out


def state_flows(source: str = "register", years: YearsLike = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """State-to-state TIV by COW codes and each COW recipient's total imports, for dyadic measures.

    Returns ``(dyads, totals)``: ``dyads`` has ``ccode1`` (supplier), ``ccode2`` (recipient), ``year``,
    ``tiv``; ``totals`` has ``ccode, year, imports`` (all suppliers, unknown and non-state included).
    """
    ys = _years_in(source, years)
    df = flows(source)
    df = df[df["year"].isin(ys)]
    totals = (df[df["recipient_ccode"].notna()].groupby(["recipient_ccode", "year"], as_index=False)["tiv"].sum()
              .rename(columns={"recipient_ccode": "ccode", "tiv": "imports"}))
    totals["ccode"] = totals["ccode"].astype("int64")
    known = df[df["supplier_ccode"].notna() & df["recipient_ccode"].notna()]
    dyads = (known.groupby(["supplier_ccode", "recipient_ccode", "year"], as_index=False)["tiv"].sum()
             .rename(columns={"supplier_ccode": "ccode1", "recipient_ccode": "ccode2"}))
    dyads = dyads.astype({"ccode1": "int64", "ccode2": "int64"})
    return dyads, totals


def supplier_shares_all(years: YearsLike = None, window: int = 1, source: str = "register") -> pd.DataFrame:
    """Every COW supplier's share of every COW recipient's arms imports over trailing windows.

    For each year ``t`` of ``years`` (inside the source's coverage) and each state-to-state pair with
    deliveries in ``[t - window + 1, t]``: ``tiv = sum T(s -> r)`` over the window, ``imports = sum_s'
    T(s' -> r)`` over the window (all suppliers, unknown and non-state ones included, as in
    :func:`state_flows`) and ``share = tiv / imports``. Columns ``ccode1`` (supplier), ``ccode2``
    (recipient), ``year``, ``tiv``, ``imports``, ``share``; pairs without deliveries in the window have
    no row. Window years outside the source's coverage contribute nothing. ``window=1`` gives the yearly
    dependence of :func:`arms_tie` (``dep_b_on_a``) for every pair at once.
    """
    if window < 1:
        raise InputError("window must be at least 1 year")
    ys = _years_in(source, years)
    lo, _ = _check_source(source)
    span = range(max(lo, ys[0] - window + 1), ys[-1] + 1)
    dyads, totals = state_flows(source, list(span))
    wanted = np.asarray(ys)

    def trailing(df: pd.DataFrame, keys: list[str], col: str) -> pd.DataFrame:
        # each delivery year counts towards the window ending in each of the next ``window`` years
        shifted = pd.concat([df.assign(year=df["year"] + k) for k in range(window)], ignore_index=True)
        shifted = shifted[np.isin(shifted["year"].to_numpy(), wanted)]
        return shifted.groupby([*keys, "year"], as_index=False)[col].sum()

    pairs = trailing(dyads, ["ccode1", "ccode2"], "tiv")
    imports = trailing(totals, ["ccode"], "imports").rename(columns={"ccode": "ccode2"})
    out = pairs.merge(imports, on=["ccode2", "year"], how="left")
    out["tiv"] = out["tiv"].round(6)
    out["imports"] = out["imports"].round(6)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(out["imports"] > 0, out["tiv"] / out["imports"], np.nan)
    out = out.sort_values(["year", "ccode2", "ccode1"]).reset_index(drop=True)
    out.attrs["columns"] = _meta(source, {
        "tiv": f"TIV delivered from ccode1 to ccode2 over the {window} years ending in the year",
        "imports": f"ccode2's total TIV imports over the {window} years ending in the year",
        "share": "tiv / imports: ccode2's dependence on ccode1 over the window",
    })
    return out


ARMS_TIE_DEFINITIONS = {
    "tiv_a_to_b": "TIV delivered from a to b that year (0 when none within the source's coverage)",
    "tiv_b_to_a": "TIV delivered from b to a that year",
    "imports_a": "a's total TIV imports that year",
    "imports_b": "b's total TIV imports that year",
    "dep_b_on_a": "b's dependence on a: tiv_a_to_b / imports_b (NA when b imported nothing)",
    "dep_a_on_b": "a's dependence on b: tiv_b_to_a / imports_a (NA when a imported nothing)",
}


def arms_tie(a, b, years: YearsLike = None, source: str = "register") -> pd.DataFrame:
    """The arms tie between two states per year, both directions (see the module docstring).

    Columns: ``year, ccode_a, ccode_b, tiv_a_to_b, tiv_b_to_a, imports_a, imports_b, dep_b_on_a,
    dep_a_on_b``; one row per year of the span inside the source's coverage.
    """
    ca, cb = _resolve(a), _resolve(b)
    ys = _years_in(source, years)
    frame = pd.DataFrame({"year": ys, "ccode_a": ca, "ccode_b": cb})
    dyads, totals = state_flows(source, ys)
    out = _attach_tie(frame, dyads, totals, "ccode_a", "ccode_b")
    out = out.rename(columns={"tiv_1to2": "tiv_a_to_b", "tiv_2to1": "tiv_b_to_a", "imports_1": "imports_a",
                              "imports_2": "imports_b", "dep_2on1": "dep_b_on_a", "dep_1on2": "dep_a_on_b"})
    out.attrs["columns"] = _meta(source, ARMS_TIE_DEFINITIONS)
    return out


def _attach_tie(frame: pd.DataFrame, dyads: pd.DataFrame, totals: pd.DataFrame, c1: str, c2: str) -> pd.DataFrame:
    """Add tiv_1to2, tiv_2to1, imports_1, imports_2, dep_2on1, dep_1on2 for the rows' (c1, c2, year)."""
    out = frame.copy()
    key = ["ccode1", "ccode2", "year"]
    pairs = out[[c1, c2, "year"]].set_axis(key, axis=1)
    out["tiv_1to2"] = pairs.merge(dyads, on=key, how="left")["tiv"].fillna(0.0).to_numpy()
    swapped = pairs.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    out["tiv_2to1"] = swapped.merge(dyads, on=key, how="left")["tiv"].fillna(0.0).to_numpy()
    for side, col in (("1", c1), ("2", c2)):
        merged = out[[col, "year"]].rename(columns={col: "ccode"}).merge(totals, on=["ccode", "year"], how="left")
        out[f"imports_{side}"] = merged["imports"].fillna(0.0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        out["dep_2on1"] = np.where(out["imports_2"] > 0, out["tiv_1to2"] / out["imports_2"], np.nan)
        out["dep_1on2"] = np.where(out["imports_1"] > 0, out["tiv_2to1"] / out["imports_1"], np.nan)
    return out


def add_arms(df: pd.DataFrame, source: str = "register") -> pd.DataFrame:
    """Add arms-tie columns to a dyad-year frame (``ccode1, ccode2, year``), prefixed ``arms_``.

    ``arms_tiv_1to2``, ``arms_tiv_2to1``, ``arms_dep_2on1`` (state 2's dependence on state 1) and
    ``arms_dep_1on2``. Years outside the source's coverage are NA.
    """
    require_columns(df, "add_arms")
    lo, hi = _check_source(source)
    out = df.copy()
    cols = ["tiv_1to2", "tiv_2to1", "dep_2on1", "dep_1on2"]
    inside = out["year"].between(lo, hi)
    values = pd.DataFrame(np.nan, index=out.index, columns=cols)
    if inside.any():
        ys = sorted(int(y) for y in out.loc[inside, "year"].unique())
        dyads, totals = state_flows(source, ys)
        part = _attach_tie(out.loc[inside, ["ccode1", "ccode2", "year"]], dyads, totals, "ccode1", "ccode2")
        values.loc[inside, cols] = part[cols].to_numpy()
    defs = {
        "tiv_1to2": "TIV delivered from state 1 to state 2 that year (0 when none within coverage)",
        "tiv_2to1": "TIV delivered from state 2 to state 1 that year",
        "dep_2on1": "state 2's dependence on state 1: share of 2's TIV imports from 1",
        "dep_1on2": "state 1's dependence on state 2: share of 1's TIV imports from 2",
    }
    meta = dict(out.attrs.get("columns", {}))
    for c in cols:
        out["arms_" + c] = values[c].to_numpy()
        meta["arms_" + c] = _meta(source, {c: defs[c]})[c]
    out.attrs["columns"] = meta
    add_provenance(out, [p._replace(columns=tuple("arms_" + c for c in cols), step="add_arms")
                         for p in source_info(source)["provenance"]])
    return out
