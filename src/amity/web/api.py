"""The HTTP API: one endpoint per public function, JSON by default and CSV or Parquet where tabular.

Each handler parses its query, calls the public function the CLI calls (``amity.similarity``,
``amity.convergence``, ``amity.dyad_years``, ``amity.un_votes`` …) and returns the frame with the sources
and versions it rests on (:mod:`amity.web.responses`). Handlers are plain ``def`` functions, so FastAPI
runs them in its thread pool: a long report never blocks a quick lookup. Results are cached per
resolved arguments (:class:`~amity.web.responses.Memo`), so a second request for the same dyad is a
lookup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Literal

import pandas as pd
from fastapi import APIRouter, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from amity.errors import AmityError
from amity.web.guard import check_token
from amity.web.responses import (
    ERROR_RESPONSES,
    InvalidInputError,
    Memo,
    NotFoundError,
    Table,
    request_years,
    source_entry,
    table_response,
    tabular_responses,
)

router = APIRouter(prefix="/api", tags=["api"])

Format = Literal["json", "csv", "parquet"]


def format_param():
    return Query("json", description="json (rows with sources and meta), csv or parquet (sources in the "
                                     "X-Amity-Sources header)")


YEARS_PATTERN = r"^\s*\d{4}(\s*-\s*\d{4})?(\s*,\s*\d{4}(\s*-\s*\d{4})?)*\s*$"
LIST_PATTERN = r"^\s*[a-z_0-9]+(\s*,\s*[a-z_0-9]+)*\s*$"


def years_param():
    return Query(None, max_length=200, examples=["1991-2024"], pattern=YEARS_PATTERN,
                 description="One year (2019), a range (1991-2019) or a list (1991,1995).")



def state_param(example: str):
    """A required state parameter (each parameter needs its own Query object)."""
    return Query(..., min_length=1, max_length=100, examples=[example],
                 description="A state: name, demonym, capital, ISO2/ISO3 or COW code.")


PROFILE_COVERAGE = (1816, 2024)
MAX_THIRD = 4  # a report with more third parties takes minutes; the CLI has no such bound


def _memo(request: Request) -> Memo:
    return request.app.state.memo


@lru_cache(maxsize=4096)
def _cow(query: str) -> int:
    """The COW code ``query`` names (cached: names do not change while the server runs; errors are not cached)."""
    from amity.states import resolve

    return int(resolve(query).cow)


def _label(query: str) -> str:
    from amity.states import resolve

    state = resolve(query)
    return state.iso3 or state.cow_abb


async def cached(request: Request, key: tuple, build: Callable[[], Response]) -> Response:
    """The response ``build()`` makes, computed once per key (in the thread pool) and then served from
    memory as it was, without leaving the event loop."""
    def freeze() -> tuple[bytes, str | None, dict]:
        resp = build()
        return bytes(resp.body), resp.media_type, {k: v for k, v in resp.headers.items() if k.startswith("x-amity")}

    memo, key = _memo(request), ("response", *key)
    hit = memo.peek(key)
    if hit is None:
        hit = await run_in_threadpool(memo.get, key, freeze)
    body, media_type, headers = hit
    return Response(body, media_type=media_type, headers=headers)


def _key(ys: list[int] | None) -> tuple[int, ...] | None:
    return tuple(ys) if ys is not None else None


SIMILARITY_SOURCES = {"auto": ("unvotes_fpsim", "un_extract"), "fpsim": ("unvotes_fpsim",),
                      "unvotes": ("unvotes",), "un": ("un_extract",)}


def _check_coverage(ys: list[int] | None, names: tuple[str, ...]) -> None:
    """A 422 naming the sources' coverage when every requested year lies outside it."""
    from amity.data.registry import get_source
    from amity.years import years_within

    spans = [get_source(n).coverage for n in names if get_source(n).coverage]
    if ys is not None and spans:
        titles = " and ".join(get_source(n).title for n in names)
        years_within(ys, min(lo for lo, _ in spans), max(hi for _, hi in spans), titles)


def _span(ys: list[int] | None) -> list[int] | None:
    return [ys[0], ys[-1]] if ys else None


# ---------------------------------------------------------------------------------------------------------
# States


@router.get("/states", response_model=Table, responses=ERROR_RESPONSES, summary="Find states by name or code")
def states(
    q: str = Query("", max_length=100, description="Part of a name, a demonym, a capital or a code.",
                   examples=["Inda"]),
    n: int = Query(10, ge=1, le=50, description="At most this many matches."),
) -> Response:
    """States whose names contain or resemble ``q`` (the resolver's names, demonyms, capitals and codes);
    an exact match comes first. "Inda" suggests India."""
    from amity.errors import UnknownStateError
    from amity.states import resolve, search

    rows = []
    if q.strip():
        try:
            rows.append(resolve(q).as_dict())
        except UnknownStateError:
            pass
        found = search(q, n)
        rows += found.to_dict("records") if len(found) else []
    df = pd.DataFrame(rows, columns=["cow", "cow_abb", "gw", "iso3", "iso2", "name"]).drop_duplicates("cow").head(n)
    df["gw"] = df["gw"].astype("Int64")
    return table_response(df, "json", [source_entry("cow_states")], {"q": q})


# ---------------------------------------------------------------------------------------------------------
# Measures


@router.get("/similarity", responses=tabular_responses(Table), summary="UN voting similarity of a dyad")
async def similarity(
    request: Request,
    a: str = state_param("United States"),
    b: str = state_param("India"),
    years: str | None = years_param(),
    measures: str | None = Query(None, max_length=200, pattern=LIST_PATTERN,
                                 description="Comma list of agree, ia, s_abs, s_sq, kappa, pi, pi_nominal (all)."),
    by: Literal["year", "session"] = Query("year", description="Group roll calls by calendar year or session."),
    source: Literal["auto", "fpsim", "unvotes", "un"] = Query(
        "auto", description="auto (fpsim, then the UN's extract for the votes fpsim lacks: 1946-June 2026), fpsim "
        "(1946-June 2024), unvotes (1946-2019) or un (the UN extract, sessions 74-80)."),
    format: Format = format_param(),
) -> Response:
    """``amity.similarity(a, b, years=, measures=, by=, source=)``: per year (or session), the roll calls both
    voted on (``n``) and each similarity measure."""
    import amity

    ys = request_years(years)
    sources = [source_entry(n) for n in SIMILARITY_SOURCES[source]]
    _check_coverage(ys, SIMILARITY_SOURCES[source])
    key = ("similarity", _cow(a), _cow(b), _key(ys), measures, by, source, format)

    def build() -> Response:
        df = amity.similarity(a, b, years=ys, measures=measures, by=by, source=source)
        return table_response(df, format, sources, {"a": _label(a), "b": _label(b), "years": _span(ys), "by": by})

    return await cached(request, key, build)


def _profile(request: Request, a: str, b: str, ys: list[int] | None, window: int, dimensions: str | None):
    import amity

    key = ("convergence", _cow(a), _cow(b), _key(ys), window, dimensions)
    return _memo(request).get(key, lambda: amity.convergence(a, b, ys, window, dimensions))


@router.get("/convergence", responses=tabular_responses(Table), summary="Convergence profile of a dyad")
async def convergence(
    request: Request,
    a: str = state_param("United States"),
    b: str = state_param("India"),
    years: str | None = years_param(),
    dimensions: str | None = Query(None, max_length=200, pattern=LIST_PATTERN,
                                   description="Comma list of groups (unga, ideal, alliances, capabilities, arms, "
                                   "trade, igos, mids, rivalry) or dimensions."),
    view: Literal["summary", "profile"] = Query("summary", description="summary: one row per dimension; "
                                                "profile: one row per year."),
    window: int = Query(10, ge=2, le=40, description="Years in the trailing window for trends."),
    format: Format = format_param(),
) -> Response:
    """``amity.convergence`` (view=profile) or ``amity.convergence_summary`` (view=summary): every dimension's
    level, its percentile among all dyads that year (the benchmark group, ``among`` dyads), trend, breaks."""
    from amity.measures.convergence import convergence_summary

    ys = request_years(years)
    if ys is not None:
        from amity.years import years_within

        years_within(ys, *PROFILE_COVERAGE, "the convergence profile's sources (COW from 1816, UN votes to 2024)")

    def build() -> Response:
        prof = _profile(request, a, b, ys, window, dimensions)
        df = prof if view == "profile" else convergence_summary(a, b, profile=prof)
        sources = [{k: m.get(k) for k in ("source", "version", "citation")} for m in prof.attrs["columns"].values()]
        meta = {"a": _label(a), "b": _label(b), "years": _span(ys), "window": window, "view": view,
                "dimensions": prof.attrs["dimensions"], "breaks": prof.attrs["breaks"],
                "percentile": prof.attrs["percentile"], "trend": prof.attrs["trend"]}
        if view == "profile":  # per column: source, version, citation, definition; per dimension and year: dyads
            meta["columns"] = prof.attrs["columns"]
            meta["among"] = prof.attrs["among"]
        return table_response(df, format, sources, meta)

    return await cached(request, ("convergence", _cow(a), _cow(b), _key(ys), window, dimensions, view, format), build)


UN_MEASURES = ("agree", "ia", "s_abs", "s_sq", "kappa", "pi", "pi_nominal")
ALLIANCE_MEASURES = ("s_abs", "s_sq", "s_abs_weighted", "kappa", "pi", "tau_b")


@router.get("/rankings", responses=tabular_responses(Table), summary="A state's partners ranked on a measure")
def rankings(
    request: Request,
    a: str = state_param("United States"),
    year: int = Query(..., ge=1816, le=2024, examples=[2018], description="The year to rank in."),
    dimension: Literal["unga", "alliances"] = Query("unga", description="unga (UN voting, 1946-June 2026) or "
                                                                         "alliances (ATOP portfolios, 1816-2018)."),
    measure: str = Query("agree", max_length=20, description="UN: agree, ia, s_abs, s_sq, kappa, pi, "
                         "pi_nominal; alliances: s_abs, s_sq, s_abs_weighted, kappa, pi, tau_b."),
    format: Format = format_param(),
) -> Response:
    """Every partner of ``a`` in ``year``, most similar first: ``amity.similarity_all`` (UN votes) or
    ``amity.alliance_similarity`` (ATOP), the rows that include ``a``."""
    import amity
    from amity.errors import UnknownOptionError
    from amity.states import crosswalk

    valid = UN_MEASURES if dimension == "unga" else ALLIANCE_MEASURES
    if measure not in valid:
        raise UnknownOptionError("measure", measure, list(valid))
    cow = _cow(a)
    if dimension == "unga":
        all_dyads = _memo(request).get(("similarity_all", year), lambda: amity.similarity_all(years=[year]))
        src = source_entry("unvotes_fpsim")
    else:
        all_dyads = _memo(request).get(("alliances", year, cow), lambda: amity.alliance_similarity([year], [a]))
        src = source_entry("atop")
    mine = all_dyads[(all_dyads["ccode1"] == cow) | (all_dyads["ccode2"] == cow)]
    partner = mine["ccode2"].where(mine["ccode1"] == cow, mine["ccode1"]).astype("int64")
    names = crosswalk().drop_duplicates("cow").set_index("cow")
    df = pd.DataFrame({
        "partner_ccode": partner.to_numpy(),
        "partner": partner.map(names["name"]).to_numpy(),
        "iso3": partner.map(names["iso3"]).to_numpy(),
        "year": mine["year"].to_numpy(),
        "n": mine["n"].to_numpy(),
        measure: mine[measure].to_numpy(),
    }).sort_values(measure, ascending=False, na_position="last", ignore_index=True)
    df.insert(0, "rank", range(1, len(df) + 1))
    return table_response(df, format, [src], {"a": a, "ccode": cow, "year": year, "dimension": dimension,
                                              "measure": measure})


# ---------------------------------------------------------------------------------------------------------
# Frames


def _steps(add: str | None) -> list[str]:
    from amity.frames.dyads import STEPS

    if not add:
        return []
    return list(STEPS) if add.strip() == "all" else [s.strip() for s in add.split(",") if s.strip()]


@router.get("/dyad-years", responses=tabular_responses(Table), summary="Dyad-year frame, paged")
def dyad_years(
    request: Request,
    years: str = Query(..., max_length=200, pattern=YEARS_PATTERN, examples=["2000-2010"],
                       description="One year, a range or a list (required: the whole system since 1816 is a "
                       "million rows)."),
    add: str | None = Query(None, max_length=200, pattern=LIST_PATTERN,
                            description="Comma list of joins: atop, capabilities, igos, mids, rivalry, contiguity, "
                            "trade (or all)."),
    system: Literal["cow", "gw"] = Query("cow"),
    directed: bool = Query(False, description="Both orders of every pair."),
    page: int = Query(1, ge=1, description="Page number, from 1."),
    page_size: int = Query(1000, ge=1, le=10000, description="Rows per page."),
    format: Format = format_param(),
) -> Response:
    """``amity.dyad_years(system, years, directed, add)``, one page of it; ``meta`` says how many rows and
    pages there are."""
    import amity

    ys = request_years(years)
    steps = _steps(add)
    key = ("dyad_years", _key(ys), tuple(steps), system, directed)
    df = request.app.state.frames.get(
        key, lambda: amity.dyad_years(system=system, years=ys, directed=directed, add=steps))
    pages = max(1, -(-len(df) // page_size))
    if page > pages:
        raise NotFoundError(f"page {page} is past the last page ({pages} pages of {page_size} rows)")
    chunk = df.iloc[(page - 1) * page_size: page * page_size].reset_index(drop=True)
    sources = df.attrs.get("sources", {})
    flat = [s for v in sources.values() for s in (v if isinstance(v, list) else [v])]
    meta = {"years": _span(ys), "add": steps, "system": system, "directed": directed, "page": page,
            "page_size": page_size, "pages": pages, "rows": len(df)}
    return table_response(chunk, format, flat, meta)


# ---------------------------------------------------------------------------------------------------------
# UN votes


RECORD_SOURCES = {"fpsim": "unvotes_fpsim", "unvotes": "unvotes", "un_extract": "un_extract"}


def _resolutions() -> pd.DataFrame:
    import amity

    calls = amity.un_resolutions()
    return calls.dropna(subset=["symbol"])[["rcid", "symbol", "title", "date", "session", "record"]]


@router.get("/un-votes", responses=tabular_responses(Table), summary="Search UN resolutions by symbol or title")
def un_votes_search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=200, description="Words of the title, or part of the symbol.",
                   examples=["Ukraine"]),
    limit: int = Query(50, ge=1, le=500),
    format: Format = format_param(),
) -> Response:
    """Resolutions put to a recorded vote (``amity.un_resolutions``) whose symbol or title contains every
    word of ``q``, newest first."""
    calls = _memo(request).get(("resolutions",), _resolutions)
    hit = pd.Series(True, index=calls.index)
    for word in q.split():
        hit &= calls["title"].str.contains(word, case=False, regex=False, na=False) | calls["symbol"].str.contains(
            word, case=False, regex=False, na=False)
    df = calls[hit].sort_values("date", ascending=False).head(limit).reset_index(drop=True)
    sources = [source_entry(RECORD_SOURCES[r]) for r in dict.fromkeys(df["record"]) if r in RECORD_SOURCES]
    return table_response(df, format, sources, {"q": q, "matches": int(hit.sum())})


@router.get("/un-votes/{symbol:path}", responses=tabular_responses(Table), summary="How every state voted")
def un_vote(request: Request, symbol: str = Path(..., max_length=100, examples=["A/RES/ES-11/1"]),
            format: Format = format_param()) -> Response:
    """``amity.un_votes(resolution=symbol)``: every state's vote (yes, no, abstain) on the resolution, e.g.
    ``A/RES/ES-11/1``; title, date, session and the vote counts in ``meta``."""
    import amity
    from amity.states import crosswalk

    try:
        votes = _memo(request).get(("resolution", symbol.strip().upper()),
                                   lambda: amity.un_votes(resolution=symbol))
    except AmityError as exc:  # no recorded vote under that symbol (the message says why, with suggestions)
        raise NotFoundError(str(exc)) from None
    names = crosswalk().drop_duplicates("cow").set_index("cow")["name"]
    df = votes.assign(name=votes["ccode"].map(names).to_numpy())
    first = df.iloc[0]
    meta = {k: first[k] for k in ("symbol", "title", "date", "session")}
    meta["roll_calls"] = int(df["rcid"].nunique())
    meta["counts"] = df["vote"].value_counts().to_dict()
    sources = [source_entry(RECORD_SOURCES[r]) for r in dict.fromkeys(df["record"]) if r in RECORD_SOURCES]
    return table_response(df, format, sources, meta)


# ---------------------------------------------------------------------------------------------------------
# The report


def third_param():
    return Query([], max_length=100, description=f"Third parties (repeat; at most {MAX_THIRD}).", examples=[["PAK"]])


@router.get("/report", response_model=Table, responses=ERROR_RESPONSES, summary="The convergence report")
def report(
    request: Request,
    a: str = state_param("United States"),
    b: str = state_param("India"),
    third: list[str] = third_param(),
    years: str | None = years_param(),
) -> Response:
    """``amity.build_report(a, b, third, years)``: the verdict and scorecard in ``meta``, every finding (with
    its value, source and citation) as rows, the report's references as sources, and where to download the
    whole report folder as a zip."""
    from amity.output import jsonable

    rep, _ = request.app.state.reports.build(a, b, third, years)
    sources = [{"source": r["data"], "citation": r["citation"]} for r in rep.data["references"]]
    meta = {**rep.data["meta"], "verdict": rep.data["verdict"]["sentences"],
            "scorecard": jsonable(rep.data["verdict"]["scorecard"]),
            "download": str(request.url_for("report_download").include_query_params(**request.query_params))}
    return table_response(pd.DataFrame(rep.data["findings"]), "json", sources, meta)


@router.get("/report/download", responses={200: {"content": {"application/zip": {}}}, **ERROR_RESPONSES},
            summary="The report folder as a zip", name="report_download")
def report_download(
    request: Request,
    a: str = state_param("United States"),
    b: str = state_param("India"),
    third: list[str] = third_param(),
    years: str | None = years_param(),
) -> Response:
    """index.html, report.md, charts/ and data.json (what ``amity report -o`` writes), zipped."""
    reports = request.app.state.reports
    rep, folder = reports.build(a, b, third, years)
    return Response(reports.zip(folder), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{reports.zip_name(rep)}"'})


# ---------------------------------------------------------------------------------------------------------
# Reading articles


def read_upload(text: str | None, raw: bytes | None, filename: str | None) -> list:
    """The documents of pasted text or an uploaded file, through ``amity extract``'s per-document guards
    (binary, too large, undecodable, not English → :class:`~amity.text.ingest.DocumentError`). The file
    name only labels the document and picks its parser by suffix; it never reaches the file system."""
    from amity.text.ingest import read_bytes

    if raw is not None and filename is not None:
        name = PurePosixPath(filename.replace("\\", "/")).name[:120] or "upload"
        return read_bytes(f"upload:{name}", raw, PurePosixPath(name).suffix.lower())
    if text is not None and text.strip():
        data = text.encode("utf-8")
        return read_bytes(f"paste:{hashlib.sha256(data).hexdigest()[:12]}", data)
    raise InvalidInputError("give the article as text (form field 'text') or a file (form field 'file')")


async def extract_documents(request: Request, docs: list, store: bool) -> tuple[pd.DataFrame, int]:
    """Events of ``docs`` (in the thread pool) and, with ``store``, their rows written through the one
    writer thread (DuckDB admits one writer; storing replaces a document's earlier events)."""
    import asyncio

    from amity.text.extract import COLUMNS, events_of

    frames = await run_in_threadpool(lambda: [events_of(d) for d in docs])
    stored = 0
    if store:
        from amity.text.store import store_events

        loop = asyncio.get_running_loop()
        for d, f in zip(docs, frames):
            stored += await loop.run_in_executor(request.app.state.writer, store_events, d, f)
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)), stored


@router.post("/extract", responses=tabular_responses(Table) | {401: ERROR_RESPONSES[400] | {"description":
             "Missing token"}, 403: ERROR_RESPONSES[400] | {"description": "Wrong token or read-only"}},
             summary="Extract events from an article")
async def extract(
    request: Request,
    text: str | None = Form(None, description="The article text (plain text or Markdown)."),
    file: UploadFile | None = File(None, description="Or an article file: text, Markdown or HTML."),
    store: bool = Query(False, description="Also save the events in the store (needs the token)."),
    authorization: str | None = Header(None, description="Bearer <AMITY_TOKEN>, for store=true."),
    format: Format = format_param(),
) -> Response:
    """``amity extract``: who did what to whom, when and how, one row per event. Nothing is stored unless
    ``store=true`` and the request carries the server's token."""
    if store:
        check_token(request.app.state.settings, authorization)
    raw = await file.read() if file is not None else None
    docs = await run_in_threadpool(read_upload, text, raw, file.filename if file is not None else None)
    df, stored = await extract_documents(request, docs, store)
    if format == "csv":  # lists as "a;b", as `amity extract --format csv` writes them
        for col in ("source", "target", "domain", "actors_text"):
            df[col] = df[col].map(lambda v: ";".join(v))
    meta = {"documents": [{"doc": d.doc, "title": d.title, "date": d.date} for d in docs], "stored": stored}
    return table_response(df, format, [{"source": "amity.text.extract", "version": _version(),
                                        "citation": "amity event extraction (PLOVER ontology)"}], meta)


def _version() -> str:
    from amity import __version__

    return f"amity {__version__}"

