"""Event series of a dyad from the events in the store (what ``amity extract … --store`` wrote).

:func:`events` counts, for each period and each direction (A→B and B→A), the stored events whose
``source`` contains the first state and whose ``target`` contains the second:

* ``statement``, ``verbal_coop``, ``material_coop``, ``verbal_conflict``, ``material_conflict`` — events
  of quad class 0–4 (CAMEO roots 01–02, 03–05, 06–08, 09–13, 14–20; Gerner et al. 2002);
* ``net_cooperation`` = (verbal_coop + material_coop) − (verbal_conflict + material_conflict), the
  quad-count balance used with ICEWS and GDELT event data (e.g. Leetaru and Schrodt 2013);
* ``goldstein`` — the sum of the events' Goldstein (1992) weights (``intensity``, −10 … +10);
* ``documents`` — the documents behind the counts (their paths or URLs, sorted), ``n_documents`` their number.

An event between the members of a group ("the United States and India signed …", source and target both
``[USA, IND]``) counts in both directions. Events are dated by their document (``doc_date``: when the
statement was made). Only what is said to have happened or be planned counts (``modality`` ``asserted``
or ``planned``); advice, hypotheticals, refusals and references to earlier years are left out unless
``modalities`` says otherwise. Periods run from the first to the last document date among the stored
events, so a period with events but none for the dyad shows zeros rather than being missing; ``by="document"``
gives one row per document instead.
"""

from __future__ import annotations

import pandas as pd

from amity.data.store import get_store
from amity.errors import AmityError, UnknownOptionError
from amity.text.store import TABLE, ensure_events_table

PERIODS = ("year", "quarter", "month", "document")
QUAD_COLUMNS = ("statement", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
DEFAULT_MODALITIES = ("asserted", "planned")
COLUMNS = ["period", "source", "target", "events", *QUAD_COLUMNS, "net_cooperation", "goldstein",
           "n_documents", "documents"]


def _code(state) -> str:
    """ISO3 code of a state name or code (groupings such as QUAD are not states: refused)."""
    from amity.states import resolve

    return resolve(state).iso3


def _period_sql(by: str) -> str:
    date = "TRY_CAST(doc_date AS DATE)"
    return {
        "year": f"strftime({date}, '%Y')",
        "quarter": f"strftime({date}, '%Y') || 'Q' || CAST(quarter({date}) AS VARCHAR)",
        "month": f"strftime({date}, '%Y-%m')",
        "document": "doc",
    }[by]


def _all_periods(by: str) -> list[str]:
    """Every period from the first to the last document date among all stored events."""
    span = get_store().query(f"SELECT min(TRY_CAST(doc_date AS DATE)) AS lo, max(TRY_CAST(doc_date AS DATE)) "
                             f"AS hi FROM {TABLE}")
    lo, hi = span["lo"].iloc[0], span["hi"].iloc[0]
    if pd.isna(lo):
        return []
    freq = {"year": "Y", "quarter": "Q", "month": "M"}[by]
    periods = pd.period_range(pd.Timestamp(lo), pd.Timestamp(hi), freq=freq)
    fmt = {"year": "%Y", "quarter": "%YQ%q", "month": "%Y-%m"}[by]
    return [p.strftime(fmt) for p in periods]


def events(a, b, by: str = "year", modalities: tuple[str, ...] | None = DEFAULT_MODALITIES) -> pd.DataFrame:
    """Stored event counts between ``a`` and ``b`` per period, both directions (see module docstring).

    ``by`` is ``year``, ``quarter``, ``month`` or ``document``; ``modalities=None`` counts every modality.
    Raises :class:`~amity.errors.AmityError` when the store holds no events at all.

    >>> events("United States", "India", by="year")  # doctest: +SKIP
    """
    if by not in PERIODS:
        raise UnknownOptionError("period", by, list(PERIODS))
    x, y = _code(a), _code(b)
    ensure_events_table()
    store = get_store()
    if store.query(f"SELECT count(*) AS n FROM {TABLE}")["n"].iloc[0] == 0:
        raise AmityError("the store holds no events yet: extract some first, e.g. `amity data fetch "
                         "whitehouse_corpus` and `amity extract <its directory> --store`")
    mods = list(modalities) if modalities else None
    where = "AND list_contains(?, modality)" if mods else ""
    quads = ", ".join(f"count(*) FILTER (WHERE quad = {q}) AS {c}" for q, c in enumerate(QUAD_COLUMNS))
    frames = []
    for src, tgt in ((x, y), (y, x)):
        df = store.query(
            f"SELECT {_period_sql(by)} AS period, count(*) AS events, {quads}, "
            f"coalesce(sum(intensity), 0) AS goldstein, count(DISTINCT doc) AS n_documents, "
            f"list_sort(list(DISTINCT doc)) AS documents FROM {TABLE} "
            f"WHERE list_contains(source, ?) AND list_contains(target, ?) AND doc_date IS NOT NULL {where} "
            "GROUP BY period", [src, tgt, *([mods] if mods else [])])
        df = _fill_periods(df, by)
        df.insert(1, "source", src)
        df.insert(2, "target", tgt)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    out["net_cooperation"] = out["verbal_coop"] + out["material_coop"] - out["verbal_conflict"] - out[
        "material_conflict"]
    out["goldstein"] = out["goldstein"].astype(float).round(2)
    out = out.sort_values(["period", "source"], kind="stable").reset_index(drop=True)[COLUMNS]
    out.attrs["definition"] = __doc__
    return out


def _fill_periods(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Zeros for periods with stored documents but no event of this direction (not for ``document``)."""
    counts = ["events", *QUAD_COLUMNS, "goldstein", "n_documents"]
    if by == "document":
        return df.reset_index(drop=True)
    full = pd.DataFrame({"period": _all_periods(by)})
    out = full.merge(df, on="period", how="left")
    out[counts] = out[counts].fillna(0)
    out[[c for c in counts if c != "goldstein"]] = out[[c for c in counts if c != "goldstein"]].astype(int)
    out["documents"] = out["documents"].map(lambda v: [] if isinstance(v, float) else list(v))  # NaN: none
    return out


# Documents of the White House (source whitehouse_corpus): their front matter's source_url.
WHITE_HOUSE_URL = r"^https://(www\.whitehouse\.gov|bidenwhitehouse\.archives\.gov|trumpwhitehouse\.archives\.gov)/"
STATEMENT_DIM = "statements_net_coop"


def statement_dyad_years(years: list[int] | None = None) -> pd.DataFrame:
    """Net cooperation in US government statements for every pair of states they mention, per year.

    From the stored events of White House documents (``source_url`` on whitehouse.gov or its archives, as
    in source ``whitehouse_corpus``) that are asserted or planned: for each event, every unordered pair
    of distinct states {s, t} with s in its source and t in its target counts once; per pair and year of
    the document, ``statements_net_coop`` = (quad 1 + quad 2 events) − (quad 3 + quad 4 events). Columns
    ``ccode1 < ccode2`` (COW codes), ``year``, ``statements_net_coop``, ``statements_events``;
    ``df.attrs["years"]`` lists the years with any such event (a pair absent in such a year has 0).
    Empty when nothing from the White House has been ingested.
    """
    from amity.states import crosswalk

    ensure_events_table()
    rows = get_store().query(
        f"SELECT DISTINCT year(TRY_CAST(doc_date AS DATE)) AS year, quad, doc, char_start, event, "
        f"least(s, t) AS x, greatest(s, t) AS y FROM (SELECT *, unnest(source) AS s FROM {TABLE} "
        f"WHERE regexp_matches(source_url, ?) AND list_contains(?, modality)) e, unnest(e.target) AS u(t) "
        "WHERE s <> t AND TRY_CAST(doc_date AS DATE) IS NOT NULL",
        [WHITE_HOUSE_URL, list(DEFAULT_MODALITIES)])
    all_years = sorted(int(y) for y in rows["year"].unique())
    if years is not None:
        rows = rows[rows["year"].isin(list(years))]
    cow = crosswalk().dropna(subset=["iso3"]).drop_duplicates("iso3").set_index("iso3")["cow"]
    rows = rows.assign(a=rows["x"].map(cow), b=rows["y"].map(cow)).dropna(subset=["a", "b"])
    sign = rows["quad"].map({0: 0, 1: 1, 2: 1, 3: -1, 4: -1}).fillna(0)
    rows = rows.assign(ccode1=rows[["a", "b"]].min(axis=1).astype(int), ccode2=rows[["a", "b"]].max(axis=1)
                       .astype(int), net=sign)
    out = (rows.groupby(["ccode1", "ccode2", "year"], as_index=False)
           .agg(statements_net_coop=("net", "sum"), statements_events=("net", "size")))
    out["year"] = out["year"].astype(int)
    out[STATEMENT_DIM] = out[STATEMENT_DIM].astype(float)
    out = out.sort_values(["year", "ccode1", "ccode2"]).reset_index(drop=True)
    out.attrs["years"] = [y for y in all_years if years is None or y in set(years)]
    return out
