"""UN General Assembly voting similarity: agreement, Lijphart's IA, Signorino-Ritter S, kappa and pi.

Three records of the roll calls are available:

* ``fpsim`` (Miller's fpsim package): sessions 1-78, 1946 to 4 June 2024, states keyed by COW code, roll
  calls numbered ``resid`` = session * 1000 + n. No issue codes, important-vote flags or symbols.
* ``unvotes`` (Robinson's unvotes package): sessions 1-74, 1946-2019, ISO2 country codes, roll calls
  numbered ``rcid``, with resolution symbols, issue codes (six topics) and the US State Department's
  "important votes". fpsim and unvotes both compile Voeten's UNGA voting data.
* ``un`` (the United Nations' own resolution extract, source ``un_extract``): every resolution of
  sessions 74-80 (November 2019 - June 2026) and of the emergency special sessions ES-10 and ES-11 adopted
  by recorded vote, with symbol, title and the member states in favour, against and abstaining. Resolution
  votes only: separate paragraph or amendment roll calls are not in it. Its roll calls are numbered
  ``rcid`` = 1,000,000 + their rank by date and symbol.

``source="auto"`` (the default) is one record from all three: fpsim, plus every recorded vote of the UN
extract that fpsim lacks (:func:`un_record_matches` pairs them by date and votes). Emergency special
session votes belong to the regular session in progress on the day (ES-11/1 of 2 March 2022 is in
session 76). unvotes supplies symbols, titles, issue codes and important-vote flags for the fpsim roll
calls it covers (:func:`un_roll_call_crosswalk`). Votes are coded 1 = yes, 2 = abstain, 3 = no;
absences and non-membership are simply missing rows, so every measure is over the roll calls where both
states voted. :func:`un_record_counts` says which record each year rests on and how many roll calls it
holds; :func:`un_source_agreement` compares the records where they overlap.

References: Voeten, Strezhnev & Bailey (2009), "United Nations General Assembly Voting Data", Harvard
Dataverse hdl:1902.1/12379; Lijphart (1963), "The Analysis of Bloc Voting in the General Assembly",
APSR 57(4); Signorino & Ritter (1999), "Tau-b or Not Tau-b", ISQ 43(1); Häge (2011), "Choice or
Circumstance? Adjusting Measures of Foreign Policy Similarity for Chance Agreement", Political Analysis
19(3); Cohen (1968), Psychological Bulletin 70(4); Scott (1955), Public Opinion Quarterly 19(3). The UN
extract: Source: United Nations (Department for General Assembly and Conference Management).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from amity.data import store
from amity.data.cache import frame_cache, stored_frame
from amity.errors import AmityError, CoverageError, DataUnavailableError, UnknownOptionError
from amity.frames.contract import Provenance, join_undirected, require_columns
from amity.measures._similarity import VOTE_MEASURES as MEASURES
from amity.measures._similarity import measures_from_tables, table_count
from amity.states import cow_to_iso3, iso3_to_cow, resolve, unvotes_ccode
from amity.years import YearsLike, parse_years, years_within

SOURCES = ("auto", "fpsim", "unvotes", "un")
#: what each ``source`` value reads, as named in the ``record`` columns
RECORDS = {"fpsim": "fpsim", "unvotes": "unvotes", "un": "un_extract"}
#: the registry sources each ``source`` value reads
REGISTRY_SOURCES = {"auto": ("unvotes_fpsim", "un_extract"), "fpsim": ("unvotes_fpsim",), "unvotes": ("unvotes",),
                    "un": ("un_extract",)}
BY = ("year", "session")
#: unvotes issue codes and their names.
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}
_VOTE_CODES = {"yes": 1, "abstain": 2, "no": 3}
_VOTE_NAMES = {code: name for name, code in _VOTE_CODES.items()}
EXTRACT_RCID = 1_000_000  # UN-extract roll calls are numbered from here, above any fpsim resid
VOTE_COLUMNS = ["rcid", "session", "date", "year", "ccode", "iso3", "vote"]


class UNCoverageWarning(UserWarning):
    """A filter (issue, important votes) is undefined for part of the years asked for."""


# ---------------------------------------------------------------------------------------------------------
# Loading the two records


@frame_cache()
def _fpsim_votes() -> pd.DataFrame:
    """fpsim votes: rcid (= resid), session, date, year, ccode, vote (int8), sorted by rcid and ccode.

    A few session-78 roll calls carry a second date on one to three countries' rows; a roll call is dated
    by the date most of its rows carry, so that each roll call falls in exactly one calendar year.
    """
    store.ensure("un_votes_fpsim")
    calls = store.query(
        """
        WITH per_date AS (SELECT rcid, date, count(*) AS n_rows FROM un_votes_fpsim GROUP BY rcid, date)
        SELECT rcid, first(date ORDER BY n_rows DESC, date) AS date FROM per_date GROUP BY rcid ORDER BY rcid
        """
    )
    # fetched as plain arrays: converting the 0.86M-row table through pandas would double the peak memory
    raw = store.get_store().numpy("SELECT rcid, ccode, vote FROM un_votes_fpsim ORDER BY rcid, ccode")
    rcid = np.asarray(raw["rcid"], dtype="int64")
    call_dates = calls["date"].to_numpy().astype("datetime64[s]")
    date = call_dates[np.searchsorted(calls["rcid"].to_numpy(), rcid)]
    return pd.DataFrame({
        "rcid": rcid,
        "session": rcid // 1000,
        "date": date,
        "year": date.astype("datetime64[Y]").astype("int64") + 1970,
        "ccode": np.asarray(raw["ccode"], dtype="int64"),
        "vote": np.asarray(raw["vote"], dtype="int8"),
    }, copy=False)


@frame_cache()
def _unvotes_roll_calls() -> pd.DataFrame:
    """unvotes roll calls: rcid, session, date, year, important (boolean, NA where not flagged)."""
    calls = store.table("un_roll_calls")
    out = pd.DataFrame({
        "rcid": calls["rcid"].astype("int64"),
        "session": calls["session"].astype("int64"),
        "date": calls["date"].astype("datetime64[s]"),
    })
    out["year"] = out["date"].dt.year.astype("int64")
    out["important"] = calls["importantvote"].astype("Int64").eq(1).astype("boolean")
    out.loc[calls["importantvote"].isna().to_numpy(), "important"] = pd.NA
    return out


@frame_cache()
@stored_frame("unvotes_votes", ("unvotes",))  # the COW-code mapping of 870,000 votes takes seconds
def _unvotes_votes() -> pd.DataFrame:
    """unvotes votes with COW codes: rcid, session, date, year, ccode, vote (int8)."""
    votes = store.table("un_votes")
    calls = _unvotes_roll_calls()
    merged = votes.merge(calls[["rcid", "session", "date", "year"]], on="rcid", how="left")
    ccode = unvotes_ccode(merged["country_code"], merged["country"], merged["date"])
    if ccode.isna().any():  # every unvotes code maps today; refuse loudly rather than drop votes silently
        unmapped = sorted(merged.loc[ccode.isna().to_numpy(), "country"].astype(str).unique())
        raise DataUnavailableError(f"unvotes countries without a COW code: {', '.join(unmapped)}")
    out = pd.DataFrame({
        "rcid": merged["rcid"].astype("int64"),
        "session": merged["session"].astype("int64"),
        "date": merged["date"],
        "year": merged["year"].astype("int64"),
        "ccode": ccode.astype("int64"),
        "vote": merged["vote"].map(_VOTE_CODES).astype("int8"),
    })
    return out.sort_values(["rcid", "ccode"], ignore_index=True)


@frame_cache()
def _issue_codes() -> pd.DataFrame:
    """unvotes rcid -> issue short code (a roll call may carry several)."""
    issues = store.table("un_roll_call_issues")
    return pd.DataFrame({"rcid": issues["rcid"].astype("int64"), "issue": issues["short_name"].astype(str)})


def _vote_matrix(votes: pd.DataFrame, rcids: np.ndarray, ccodes: np.ndarray) -> np.ndarray:
    """roll calls x countries, entries 0 (no vote) or the vote code."""
    m = np.zeros((len(rcids), len(ccodes)), dtype=np.int8)
    m[np.searchsorted(rcids, votes["rcid"]), np.searchsorted(ccodes, votes["ccode"])] = votes["vote"]
    return m


def _match_by_votes(a: pd.DataFrame, b: pd.DataFrame, key: str) -> pd.DataFrame:
    """Pair the roll calls of two records within each value of ``key`` (a session, a date) by their votes.

    Within a group, each roll call of ``a`` is paired with the roll call of ``b`` with the most identical
    country votes: an optimal one-to-one assignment over the group's roll calls, from matrix products of
    the two records' vote indicators. Pairs where fewer than 90% of the common voters agree are dropped
    (an assignment is forced even between unrelated roll calls). Returns ``rcid_a, rcid_b, <key>,
    n_common, n_identical``.
    """
    from scipy.optimize import linear_sum_assignment  # scipy is slow to import; only needed here

    ccodes = np.union1d(a["ccode"].unique(), b["ccode"].unique())
    b_groups = dict(list(b.groupby(key, sort=False)))
    rows = []
    for value, ga in a.groupby(key, sort=True):
        gb = b_groups.get(value)
        if gb is None:
            continue
        a_ids, b_ids = np.sort(ga["rcid"].unique()), np.sort(gb["rcid"].unique())
        am, bm = _vote_matrix(ga, a_ids, ccodes), _vote_matrix(gb, b_ids, ccodes)
        # identical votes on each pair of roll calls: one matrix product per vote category
        same = sum((am == k).astype(np.float64) @ (bm == k).T.astype(np.float64) for k in (1, 2, 3))
        both = (am > 0).astype(np.float64) @ (bm > 0).T.astype(np.float64)
        i, j = linear_sum_assignment(same, maximize=True)
        rows.append(pd.DataFrame({
            "rcid_a": a_ids[i], "rcid_b": b_ids[j], key: value,
            "n_common": both[i, j].astype("int64"), "n_identical": same[i, j].astype("int64"),
        }))
    out = pd.concat(rows, ignore_index=True)
    return out[out["n_identical"] >= 0.9 * out["n_common"]].reset_index(drop=True)


@frame_cache()
@stored_frame("un_roll_call_crosswalk", ("unvotes_fpsim", "unvotes"))
def _crosswalk() -> pd.DataFrame:
    pairs = _match_by_votes(_fpsim_votes(), _unvotes_votes(), "session")
    return pairs.rename(columns={"rcid_a": "resid", "rcid_b": "rcid"})


def un_roll_call_crosswalk() -> pd.DataFrame:
    """Roll calls present in both records: ``resid`` (fpsim), ``rcid`` (unvotes), ``session``,
    ``n_common`` (countries recorded in both) and ``n_identical`` (of those, how many cast the same vote).

    Built per session by :func:`_match_by_votes` (each fpsim roll call paired with the unvotes roll call
    with the most identical country votes; pairs where fewer than 90% of common voters agree dropped).
    On the pinned data all 5,784 fpsim roll calls of sessions 1-74 match, every one with identical votes.
    """
    return _crosswalk()


@frame_cache()
def _extract_roll_calls() -> pd.DataFrame:
    """UN-extract resolutions adopted by recorded vote with at least one listed vote: rcid, symbol,
    session, session_label, date, year, title, counts_match (stated counts equal the name lists)."""
    store.ensure("un_resolutions", "un_votes_un")
    calls = store.query(
        """SELECT symbol, session_label, session, date, year, title, counts_match FROM un_resolutions
           WHERE symbol IN (SELECT DISTINCT symbol FROM un_votes_un) ORDER BY date, symbol"""
    )
    calls.insert(0, "rcid", EXTRACT_RCID + np.arange(len(calls), dtype="int64"))
    calls["date"] = calls["date"].astype("datetime64[s]")
    calls["session"] = calls["session"].astype("int64")
    calls["year"] = calls["year"].astype("int64")
    return calls


@frame_cache()
def _extract_votes() -> pd.DataFrame:
    """UN-extract votes: rcid, session, date, year, ccode, vote (int8), sorted by rcid and ccode."""
    votes = store.table("un_votes_un")
    calls = _extract_roll_calls()
    merged = votes.merge(calls[["rcid", "symbol", "session", "date", "year"]], on="symbol", how="inner")
    out = pd.DataFrame({
        "rcid": merged["rcid"].astype("int64"),
        "session": merged["session"].astype("int64"),
        "date": merged["date"],
        "year": merged["year"].astype("int64"),
        "ccode": merged["ccode"].astype("int64"),
        "vote": merged["vote"].astype("int8"),
    })
    return out.sort_values(["rcid", "ccode"], ignore_index=True)


@frame_cache()
@stored_frame("un_extract_matches", ("unvotes_fpsim", "un_extract"))
def _extract_matches() -> pd.DataFrame:
    """UN-extract roll calls paired with fpsim's: resid, rcid (extract), date, n_common, n_identical.
    Kept in the store: the vote matching takes seconds and every ``auto`` query needs it."""
    f = _fpsim_votes()
    e = _extract_votes()
    f = f[f["date"] >= e["date"].min()]
    pairs = _match_by_votes(e.assign(day=e["date"]), f.assign(day=f["date"]), "day")
    return pairs.rename(columns={"rcid_a": "rcid", "rcid_b": "resid", "day": "date"})[
        ["resid", "rcid", "date", "n_common", "n_identical"]
    ]


def un_record_matches() -> pd.DataFrame:
    """UN-extract resolutions that fpsim also holds: ``resid`` (fpsim), ``rcid`` (extract), ``date``,
    ``n_common`` (states recorded in both) and ``n_identical`` (of those, how many cast the same vote).

    fpsim carries neither symbols nor titles, so the records are paired by date and votes: among the roll
    calls of one day, each extract resolution goes to the fpsim roll call with the most identical votes
    (:func:`_match_by_votes`; pairs under 90% agreement dropped). The ``auto`` record takes fpsim's votes
    for these and the extract's for every other extract resolution.
    """
    return _extract_matches()


@frame_cache()
@stored_frame("un_votes_auto", ("unvotes_fpsim", "un_extract"))
def _combined_votes() -> pd.DataFrame:
    """The ``auto`` record: fpsim's votes plus the UN extract's for the resolutions fpsim lacks (kept in
    the store: building it reads and joins both records, which takes longer than reading it back)."""
    extra = _extract_votes()
    extra = extra[~extra["rcid"].isin(_extract_matches()["rcid"])]
    return pd.concat([_fpsim_votes(), extra], ignore_index=True)


@frame_cache()
def _roll_calls(source: str) -> pd.DataFrame:
    """One row per roll call of a record: rcid, session, date, year, record, symbol, title (NA where the
    record has none: fpsim roll calls get them from the unvotes or extract roll call they match)."""
    votes = _source_votes(source)
    first = ~votes["rcid"].duplicated()
    calls = votes.loc[first, ["rcid", "session", "date", "year"]].reset_index(drop=True)
    calls["record"] = np.where(calls["rcid"] >= EXTRACT_RCID, "un_extract", RECORDS.get(source, "fpsim"))
    ext = _extract_roll_calls()[["rcid", "symbol", "title"]]
    un = store.table("un_roll_calls")
    unvotes = pd.DataFrame({"rcid": un["rcid"].astype("int64"), "symbol": un["unres"].astype("string"),
                            "title": un["short"].astype("string").str.strip()})
    if source == "unvotes":
        named = unvotes
    else:
        via_extract = _extract_matches()[["resid", "rcid"]].merge(ext, on="rcid").drop(columns="rcid")
        via_unvotes = _crosswalk()[["resid", "rcid"]].merge(unvotes, on="rcid").drop(columns="rcid")
        # the UN's own symbol and title first, unvotes' for the older roll calls
        fpsim_named = pd.concat([via_extract, via_unvotes], ignore_index=True).drop_duplicates("resid")
        named = pd.concat([ext, fpsim_named.rename(columns={"resid": "rcid"})], ignore_index=True)
    calls = calls.merge(named.drop_duplicates("rcid"), on="rcid", how="left")
    calls["symbol"] = calls["symbol"].astype("string")
    calls["title"] = calls["title"].astype("string")
    return calls


def un_resolutions(source: str = "auto") -> pd.DataFrame:
    """Every roll call of a record with its resolution symbol and title (NA where none is known): ``rcid,
    session, date, year, record, symbol, title`` (for finding a resolution by title)."""
    return _roll_calls(_check_source(source)).copy()


def un_record_counts(by: str = "year", source: str = "auto") -> pd.DataFrame:
    """How many roll calls each year (or session) of a record holds, and from which record they come:
    columns ``year`` (or ``session``), ``record`` (``fpsim``, ``unvotes``, ``un_extract``), ``roll_calls``.

    A year resting on the UN extract holds resolution votes only (no separate paragraph or amendment roll
    calls), so fewer roll calls than a year of Voeten's record is a thinner record, not a trend.
    """
    group = _check_by(by)
    calls = _roll_calls(_check_source(source))
    out = calls.groupby([group, "record"]).size().rename("roll_calls").reset_index()
    return out.sort_values([group, "record"], ignore_index=True)


def un_source_agreement() -> pd.DataFrame:
    """Vote-by-vote agreement of the records where they cover the same resolution.

    One row per comparison: ``records``, ``matched_by``, ``roll_calls`` (pairs compared), ``votes``
    (country votes recorded in both), ``identical`` and ``agreement`` (= identical / votes). unvotes and
    the UN extract share resolution symbols (session 74); fpsim and the extract are paired by date and
    votes (:func:`un_record_matches`), which keeps only pairs agreeing on at least 90% of votes, so that
    figure bounds disagreement from above by construction; fpsim and unvotes by session and votes.
    """
    ext = _extract_roll_calls()[["rcid", "symbol"]]
    un = store.table("un_roll_calls")
    by_symbol = un.loc[un["amend"].fillna(0).eq(0) & un["para"].fillna(0).eq(0), ["rcid", "unres"]]
    by_symbol = by_symbol.rename(columns={"rcid": "rcid_u", "unres": "symbol"}).astype({"rcid_u": "int64"})
    by_symbol = by_symbol.drop_duplicates("symbol", keep=False).merge(ext, on="symbol")
    u = _unvotes_votes().merge(by_symbol[["rcid_u"]], left_on="rcid", right_on="rcid_u")
    e = _extract_votes().merge(by_symbol, on="rcid")
    joint = u[["rcid_u", "ccode", "vote"]].merge(e[["rcid_u", "ccode", "vote"]], on=["rcid_u", "ccode"])
    rows = [("unvotes / un_extract", "symbol", len(by_symbol), len(joint),
             int((joint["vote_x"] == joint["vote_y"]).sum()))]
    for records, how, pairs in (("fpsim / un_extract", "date and votes", _extract_matches()),
                                ("fpsim / unvotes", "session and votes", _crosswalk())):
        rows.append((records, how, len(pairs), int(pairs["n_common"].sum()), int(pairs["n_identical"].sum())))
    out = pd.DataFrame(rows, columns=["records", "matched_by", "roll_calls", "votes", "identical"])
    out["agreement"] = out["identical"] / out["votes"]
    return out


# ---------------------------------------------------------------------------------------------------------
# Options and filters


def _check_source(source: str) -> str:
    if source not in SOURCES:
        raise UnknownOptionError("source", str(source), list(SOURCES))
    return source


def _source_votes(source: str) -> pd.DataFrame:
    """All votes of one record (a checked ``source``)."""
    loaders = {"auto": _combined_votes, "fpsim": _fpsim_votes, "unvotes": _unvotes_votes, "un": _extract_votes}
    return loaders[source]()


def _check_by(by: str) -> str:
    if by not in BY:
        raise UnknownOptionError("grouping", str(by), list(BY))
    return by


def _check_measures(measures: str | Iterable[str] | None) -> tuple[str, ...]:
    if measures is None:
        return MEASURES
    if isinstance(measures, str):
        measures = [m.strip() for m in measures.split(",") if m.strip()]
    out = []
    for m in measures:
        if m not in MEASURES:
            raise UnknownOptionError("measure", str(m), list(MEASURES))
        if m not in out:
            out.append(m)
    if not out:
        raise UnknownOptionError("measure", "", list(MEASURES))
    return tuple(out)


def _check_issues(issue: str | Iterable[str] | None) -> list[str] | None:
    """Issue short codes from codes or names (case-insensitive), e.g. ``"nu"`` or ``"Human rights"``."""
    if issue is None:
        return None
    items = [issue] if isinstance(issue, str) else list(issue)
    if len(items) == 1 and isinstance(items[0], str) and "," in items[0]:
        items = [s.strip() for s in items[0].split(",")]
    by_name = {name.lower(): code for code, name in ISSUES.items()}
    out = []
    for item in items:
        key = str(item).strip().lower()
        code = key if key in ISSUES else by_name.get(key)
        if code is None:
            valid = [f"{c} ({n})" for c, n in ISSUES.items()]
            raise UnknownOptionError("issue", str(item), valid)
        out.append(code)
    return out


def _flagged_rcids(issues: list[str] | None, important: bool) -> tuple[np.ndarray, int]:
    """unvotes rcids passing the filters, and the last year in which the filters are defined."""
    calls = _unvotes_roll_calls()
    keep = pd.Series(True, index=calls.index)
    last = int(calls["year"].max())
    if issues is not None:
        coded = _issue_codes()
        keep &= calls["rcid"].isin(coded.loc[coded["issue"].isin(issues), "rcid"])
        last = min(last, int(calls.loc[calls["rcid"].isin(coded["rcid"]), "year"].max()))
    if important:
        keep &= calls["important"].fillna(False).astype(bool)
        last = min(last, int(calls.loc[calls["important"].fillna(False).astype(bool), "year"].max()))
    return calls.loc[keep, "rcid"].to_numpy(), last


def _filter_roll_calls(
    votes: pd.DataFrame, source: str, issues: list[str] | None, important: bool, years: list[int] | None
) -> pd.DataFrame:
    if issues is None and not important:
        return votes
    rcids, last = _flagged_rcids(issues, important)
    what = "issue codes" if issues is not None else "important-vote flags"
    if years is not None and years[0] > last:
        raise CoverageError(
            f"unvotes {what} end in {last}; no roll call after that can be filtered by "
            f"{'issue' if issues is not None else 'importance'} (asked for {years[0]}-{years[-1]})"
        )
    if source == "un":
        raise CoverageError(
            f"the UN extract has no {what} (unvotes' codes end in {last}); use source='auto' or 'unvotes'"
        )
    if years is None or years[-1] > last:
        warnings.warn(
            f"unvotes {what} end in {last}: roll calls after {last} (sessions 75-80 and the emergency "
            "special sessions included) are left out of a filtered result",
            UNCoverageWarning,
            stacklevel=4,
        )
    if source in ("fpsim", "auto"):
        xw = _crosswalk()
        rcids = xw.loc[xw["rcid"].isin(rcids), "resid"].to_numpy()
    return votes[votes["rcid"].isin(rcids)]


def _votes(
    source: str, years: list[int] | None, issues: list[str] | None, important: bool,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """Country-votes (rcid, session, date, year, ccode, vote, or only ``columns`` of them) from one record,
    filtered.

    A span wholly outside the record's years raises :class:`CoverageError` naming them.
    """
    votes = _source_votes(source)
    if columns is not None:  # before filtering, so that the filtered copy holds only these
        votes = votes[list(dict.fromkeys([*columns, "rcid", "year"]))]
    if years is not None:
        lo, hi = int(votes["year"].min()), int(votes["year"].max())
        years_within(years, lo, hi, f"UN General Assembly roll calls ({_record_name(source)})")
        inside = votes["year"].isin(years)
        votes = votes if inside.all() else votes[inside]
    return _filter_roll_calls(votes, source, issues, important, years)


def _record_name(source: str) -> str:
    return "fpsim + UN extract" if source == "auto" else RECORDS[source]


def un_votes(
    source: str = "auto",
    years: YearsLike = None,
    issue: str | Iterable[str] | None = None,
    important: bool = False,
    resolution: str | None = None,
    states: str | Iterable | None = None,
) -> pd.DataFrame:
    """UN General Assembly roll-call votes, one row per country and roll call.

    Columns: ``rcid`` (fpsim's resid = session*1000 + n for fpsim's roll calls, unvotes' rcid for
    ``unvotes``, 1,000,000 + n for the UN extract's), ``session``, ``date``, ``year`` (calendar year of
    the vote), ``ccode`` (COW), ``iso3``, ``vote`` (1 yes, 2 abstain, 3 no). ``issue`` takes unvotes issue
    codes or names (me, nu, di, hr, co, ec; several allowed); ``important=True`` keeps the US State
    Department's important votes. Filters use unvotes' codes, which end in 2019 (important votes:
    1983-2017); later roll calls are left out with a :class:`UNCoverageWarning`, and a span entirely after
    them raises :class:`CoverageError`.

    With ``resolution`` (a symbol such as ``"A/RES/ES-11/1"``; ``"ES-11/1"`` is read the same), the votes
    on that resolution instead, one row per state that voted: ``state`` (ISO3), ``ccode``, ``vote``
    (``yes``/``no``/``abstain``), ``date``, ``title``, ``symbol``, ``session``, ``rcid``, ``record``.
    ``states`` keeps only the states named (names or codes; a comma string is split).

    >>> un_votes(resolution="A/RES/ES-11/1", states="IND,USA")  # doctest: +SKIP
      state  ccode     vote       date                       title         symbol  session     rcid      record
    0   USA      2      yes 2022-03-02  Aggression against Ukraine  A/RES/ES-11/1       76  1000...  un_extract
    1   IND    750  abstain 2022-03-02  Aggression against Ukraine  A/RES/ES-11/1       76  1000...  un_extract
    """
    src = _check_source(source)
    if resolution is not None:
        if issue is not None or important or years is not None:
            raise AmityError("give either a resolution or years/issue/important filters, not both")
        return _resolution_votes(src, resolution, states)
    votes = _votes(src, parse_years(years), _check_issues(issue), important)
    if states is not None:
        votes = votes[votes["ccode"].isin(_state_ccodes(states))]
    votes = votes.copy()
    codes = votes["ccode"].unique()
    iso3 = dict(zip(codes, cow_to_iso3(pd.Series(codes)).tolist()))
    votes["iso3"] = votes["ccode"].map(iso3).astype("string")
    return votes[VOTE_COLUMNS].reset_index(drop=True)


def _state_ccodes(states: str | Iterable) -> list[int]:
    """Every COW code the named states have had (Germany: 255 and 260), for filtering votes."""
    items = [s.strip() for s in states.split(",") if s.strip()] if isinstance(states, str) else list(states)
    out = []
    for item in items:
        state = resolve(item)
        out += [state.cow] + [iso3_to_cow(state.iso3, y) for y in (1950, 2000)] if state.iso3 else [state.cow]
    return sorted(set(out))


def _symbol_key(symbol: str) -> str:
    """``"es-11/1"``, ``"A/RES/ES-11/1"`` and ``" A/RES/ES-11/1 "`` all name the same resolution."""
    key = str(symbol).strip().upper().replace(" ", "")
    return key if key.startswith("A/") else f"A/RES/{key}"


def _resolution_votes(source: str, resolution: str, states) -> pd.DataFrame:
    calls = _roll_calls(source)
    keys = calls["symbol"].fillna("").str.upper().str.replace(" ", "", regex=False)
    wanted = _symbol_key(resolution)
    hits = calls[keys.eq(wanted).to_numpy()]
    if hits.empty:
        raise _unknown_resolution(source, resolution, wanted, keys)
    votes = _source_votes(source)
    votes = votes[votes["rcid"].isin(hits["rcid"])]
    if states is not None:
        votes = votes[votes["ccode"].isin(_state_ccodes(states))]
    out = votes.merge(hits[["rcid", "title", "symbol", "record"]], on="rcid")
    out.insert(0, "state", cow_to_iso3(out["ccode"]).astype("string"))
    out["vote"] = out["vote"].map(_VOTE_NAMES).astype("string")
    columns = ["state", "ccode", "vote", "date", "title", "symbol", "session", "rcid", "record"]
    return out[columns].sort_values(["rcid", "vote", "state"], ignore_index=True)


def _unknown_resolution(source: str, given: str, key: str, keys: pd.Series) -> AmityError:
    """Why a symbol has no recorded vote: adopted without one, not in the record, or mistyped."""
    import difflib

    store.ensure("un_resolutions")
    adopted = store.query(
        "SELECT symbol, adoption_type, date FROM un_resolutions WHERE upper(replace(symbol, ' ', '')) = ?", [key]
    )
    if len(adopted):
        how = adopted["adoption_type"].iat[0] or "without a recorded vote"
        return AmityError(
            f"{adopted['symbol'].iat[0]} ({adopted['date'].iat[0]:%d %B %Y}) was adopted {how.lower()}: "
            "no state-by-state vote exists for it"
        )
    close = difflib.get_close_matches(key, keys[keys.ne("")].unique().tolist(), n=5, cutoff=0.8)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return AmityError(
        f"no recorded vote on {given!r} in the {_record_name(source)} record (resolution symbols such as "
        f"A/RES/ES-11/1 or A/RES/78/16; sessions 1-74 through unvotes, 74-80 and ES-10, ES-11 through the "
        f"UN extract).{hint}"
    )


# ---------------------------------------------------------------------------------------------------------
# Similarity


def _table_frame(keys: dict[str, np.ndarray], tables: np.ndarray, measures: tuple[str, ...]) -> pd.DataFrame:
    """``keys`` plus ``n`` and one column per measure, from joint tables ``tables[3, 3, row]``."""
    columns = dict(keys)
    columns["n"] = table_count(tables).astype("int64")
    columns.update(measures_from_tables(tables, measures=measures))
    return pd.DataFrame(columns)


def _state_codes(query, years: list[int]) -> dict[int, int]:
    """The COW code a state query names in each year (Germany is 260 in 1980 and 255 in 1995)."""
    return {y: resolve(query, year=y).cow for y in years}


def _label(query) -> str:
    state = resolve(query)
    return state.iso3 or state.cow_abb


def similarity(
    a,
    b,
    *,
    by: str = "year",
    years: YearsLike = None,
    measures: str | Iterable[str] | None = None,
    issue: str | Iterable[str] | None = None,
    important: bool = False,
    source: str = "auto",
) -> pd.DataFrame:
    """UN voting similarity of one dyad per year (or per session).

    Returns columns ``a``, ``b`` (ISO3, or the COW abbreviation for states without one), ``year`` or
    ``session``, ``n`` (roll calls on which both voted yes/abstain/no), one column per measure (default
    all of :data:`amity.measures._similarity.VOTE_MEASURES`; formulas in
    :func:`amity.measures._similarity.measures_from_tables`) and ``record``: which record the year's roll
    calls come from (``fpsim``, ``un_extract`` or both; :func:`un_record_counts` gives the counts). With
    ``years`` given, every year (session) in the span that has roll calls gets a row, with ``n = 0`` and
    NA measures where the two never voted together; without ``years``, the rows are the years in which
    they did. A span wholly outside the record raises :class:`CoverageError` naming its years.

    >>> similarity("USA", "Mexico", years=1946, measures="kappa,pi_nominal")  # doctest: +SKIP
         a    b  year   n     kappa  pi_nominal
    0  USA  MEX  1946  38 -0.012227   -0.027758
    """
    src, group = _check_source(source), _check_by(by)
    chosen, issues, span = _check_measures(measures), _check_issues(issue), parse_years(years)
    votes = _votes(src, span, issues, important)
    all_years = sorted(votes["year"].unique().tolist())
    sides = []
    for query in (a, b):
        codes = _state_codes(query, all_years)
        mine = votes[votes["ccode"].to_numpy() == votes["year"].map(codes).to_numpy()]
        sides.append(mine[["rcid", group, "vote"]])
    joint = sides[0].merge(sides[1][["rcid", "vote"]], on="rcid", suffixes=("_a", "_b"))
    counts = joint.groupby([group, "vote_a", "vote_b"]).size()
    groups = sorted(votes[group].unique().tolist()) if span is not None else sorted(joint[group].unique())
    tables = np.zeros((3, 3, len(groups)))
    pos = {g: i for i, g in enumerate(groups)}
    for (g, va, vb), count in counts.items():
        tables[va - 1, vb - 1, pos[g]] = count
    labels = np.full(len(groups), _label(a), dtype=object), np.full(len(groups), _label(b), dtype=object)
    keys = {"a": labels[0], "b": labels[1], group: np.asarray(groups, dtype="int64")}
    out = _table_frame(keys, tables, chosen)
    out["record"] = out[group].map(_records_by(group, src)).astype("string")
    return out


def _records_by(group: str, source: str) -> dict[int, str]:
    """Year (session) -> the record(s) its roll calls come from, e.g. ``"fpsim+un_extract"``."""
    counts = un_record_counts(group, source)
    return counts.groupby(group)["record"].agg("+".join).to_dict()


def _joint_tables(state: np.ndarray, call: np.ndarray, vote: np.ndarray, n_states: int) -> np.ndarray:
    """Every dyad's joint table from one group's votes, by one matrix product.

    ``state`` and ``call`` index the votes' states (0..n_states-1) and roll calls. With indicator matrices
    X_k (states x roll calls, 1 where the state voted k), the joint counts of dyad (i, j) are
    (X_k X_l^T)[i, j]; stacking X_yes, X_abstain, X_no gives all nine at once. Returns
    tables[3, 3, dyad] for the dyads i < j in ``np.triu_indices`` order.
    """
    # float32 holds every count exactly (at most a few hundred roll calls a year) at half the cost
    x = np.zeros((3 * n_states, int(call.max()) + 1), dtype=np.float32)
    x[(vote - 1) * n_states + state, call] = 1.0
    products = x @ x.T  # block (k, l) is X_k X_l^T
    upper = np.triu(np.ones((n_states, n_states), dtype=bool), k=1)
    tables = np.empty((3, 3, n_states * (n_states - 1) // 2))
    for k in range(3):
        for m in range(3):
            # boolean masks read row by row, in the same order as np.triu_indices
            tables[k, m] = products[k * n_states:(k + 1) * n_states, m * n_states:(m + 1) * n_states][upper]
    return tables


def similarity_all(
    years: YearsLike = None,
    by: str = "year",
    measures: str | Iterable[str] | None = None,
    issue: str | Iterable[str] | None = None,
    important: bool = False,
    source: str = "auto",
) -> pd.DataFrame:
    """UN voting similarity for every dyad: columns ``ccode1 < ccode2`` (COW), ``year`` (or ``session``),
    ``n`` and the measures (same definitions as :func:`similarity`).

    Every pair of states that each cast at least one vote in the year (session) gets a row; pairs that
    never voted together then have ``n = 0`` and NA measures. Per year, the nine joint-count matrices of
    all dyads come from one matrix product of the states x roll-calls vote indicators, and every measure
    is derived from them vectorised.
    """
    src, group = _check_source(source), _check_by(by)
    chosen, issues, span = _check_measures(measures), _check_issues(issue), parse_years(years)
    votes = _votes(src, span, issues, important, columns=["rcid", "ccode", "vote", group])
    return _similarity_all_votes(votes, group, chosen)


def _similarity_all_votes(votes: pd.DataFrame, group: str, measures: tuple[str, ...]) -> pd.DataFrame:
    """:func:`similarity_all` on a given set of votes (columns rcid, ccode, vote and ``group``)."""
    labels = votes[group].to_numpy()
    ccodes, state = _dense_codes(votes["ccode"].to_numpy())
    _, call = _dense_codes(votes["rcid"].to_numpy())
    vote = votes["vote"].to_numpy()
    # years and sessions fit in 16 bits, where numpy's stable sort is a radix sort
    order = np.argsort((labels - labels.min()).astype(np.uint16), kind="stable") if len(labels) else labels
    spans = np.split(order, np.flatnonzero(np.diff(labels[order])) + 1) if len(order) else []
    # per group: the states that voted, as local indices, and the number of dyads among them
    plans = []
    for rows in spans:
        present = np.flatnonzero(np.bincount(state[rows], minlength=len(ccodes)))
        plans.append((rows, present))
    sizes = [len(p) * (len(p) - 1) // 2 for _, p in plans]
    total = sum(sizes)
    out = {
        "ccode1": np.empty(total, dtype="int64"), "ccode2": np.empty(total, dtype="int64"),
        group: np.empty(total, dtype="int64"), "n": np.empty(total, dtype="int64"),
        **{m: np.empty(total) for m in measures},
    }
    local_state = np.empty(len(ccodes), dtype=np.intp)
    local_call = np.empty(int(call.max()) + 1 if len(call) else 0, dtype=np.intp)
    start = 0
    # the products are small (a few hundred rows); extra BLAS threads only contend for the cores
    with _blas_controller().limit(limits=1, user_api="blas"):
        for (rows, present), size in zip(plans, sizes):
            local_state[present] = np.arange(len(present))
            calls = np.flatnonzero(np.bincount(call[rows], minlength=len(local_call)))
            local_call[calls] = np.arange(len(calls))
            tables = _joint_tables(
                local_state[state[rows]], local_call[call[rows]], vote[rows].astype(np.intp), len(present)
            )
            i, j = np.triu_indices(len(present), k=1)
            stop = start + size
            out["ccode1"][start:stop] = ccodes[present[i]]
            out["ccode2"][start:stop] = ccodes[present[j]]
            out[group][start:stop] = labels[rows[0]]
            out["n"][start:stop] = table_count(tables)
            for name, values in measures_from_tables(tables, measures=measures).items():
                out[name][start:stop] = values
            start = stop
    return pd.DataFrame(out, copy=False)


@cache
def _blas_controller():
    """threadpoolctl's view of the loaded BLAS libraries (finding them takes a while, so only once)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _dense_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, index of each value among them), like ``np.unique(..., return_inverse=True)`` but
    by counting rather than sorting, for non-negative integer codes of modest size (COW codes, rcids)."""
    if not len(values):
        return values, values.astype(np.intp)
    present = np.flatnonzero(np.bincount(values))
    lookup = np.empty(int(values.max()) + 1, dtype=np.int32)
    lookup[present] = np.arange(len(present))
    return present, lookup[values]


def add_unga_similarity(
    df: pd.DataFrame,
    measures: str | Iterable[str] = ("agree", "s_abs", "kappa"),
    source: str = "auto",
) -> pd.DataFrame:
    """Add UN voting similarity to a dyad-year frame (columns ``ccode1``, ``ccode2``, ``year``; directed or
    not): new columns ``unga_n`` and ``unga_<measure>`` (prefixed so they do not collide with alliance
    S or kappa). Dyad-years without joint votes get ``unga_n = 0`` where both states voted that year,
    otherwise NA. Rows, their order and the index are kept.
    """
    require_columns(df, "add_unga_similarity")
    chosen = _check_measures(measures)
    years = sorted(int(y) for y in df["year"].dropna().unique())
    sims = similarity_all(years=years, measures=chosen, source=source) if years else None
    cols = [f"unga_{c}" for c in ("n", *chosen)]
    prov = [Provenance.of(name, cols, "add_unga_similarity") for name in REGISTRY_SOURCES[_check_source(source)]]
    out = join_undirected(df, "add_unga_similarity", sims, ["n", *chosen], "unga_", prov)
    out["unga_n"] = out["unga_n"].astype("Int64")  # no joint roll calls in a year both voted: 0; else NA
    return out
