"""Responses of the HTTP API: a frame as JSON, CSV or Parquet, always with the sources it rests on; errors
as JSON with the HTTP status the error's kind calls for; and a small cache of computed frames.

JSON is ``{"data": [rows], "sources": [{source, version, citation}], "meta": {...}}``. CSV and Parquet
carry the bare table; their sources travel in the ``X-Amity-Sources`` header (ASCII JSON) and, for
Parquet, in the file's schema metadata too, so a saved file still says where its numbers came from.
"""

from __future__ import annotations

import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from amity.errors import (
    AmityError,
    ChecksumError,
    CoverageError,
    DataUnavailableError,
    StoreBusyError,
    UnknownOptionError,
    UnknownStateError,
)
from amity.output import frame_records, jsonable

FORMATS = ("json", "csv", "parquet")


class SourceRef(BaseModel):
    """One dataset a response rests on."""

    source: str | None = None
    version: str | None = None
    citation: str | None = None
    title: str | None = None
    table: str | None = None


class Table(BaseModel):
    """A tabular result: rows, the sources (and versions) behind them, and what was asked."""

    data: list[dict[str, Any]]
    sources: list[SourceRef]
    meta: dict[str, Any]


class ErrorBody(BaseModel):
    """Every error: one message saying what to do next; suggestions for an unknown state, the valid
    values for an unknown option."""

    error: str
    kind: str
    query: str | None = None
    suggestions: list[str] | None = None
    valid: list[str] | None = None


ERROR_RESPONSES: dict[int | str, dict] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in [(400, "Bad request"), (404, "Unknown state, resolution or page"),
                       (413, "Request body too large"), (422, "Invalid input or outside the data's coverage"),
                       (503, "Data or store unavailable"), (504, "Request timed out")]
}
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def source_entry(name: str) -> dict:
    """A registry source as ``{source, title, version, citation}``."""
    from amity.data.registry import get_source

    s = get_source(name)
    return {"source": s.name, "title": s.title, "version": s.version, "citation": s.citation}


def unique_sources(entries: list[dict]) -> list[dict]:
    """``entries`` without repeats (same source and version), in order, each reduced to its public fields."""
    seen: dict[tuple, dict] = {}
    for e in entries:
        row = {k: e[k] for k in ("source", "version", "citation", "title", "table") if e.get(k) is not None}
        seen.setdefault((row.get("source"), row.get("version")), row)
    return list(seen.values())


def table_response(df: pd.DataFrame, fmt: str, sources: list[dict], meta: dict | None = None) -> Response:
    """``df`` in ``fmt`` (json, csv or parquet) with its sources."""
    sources = unique_sources(sources)
    header = {"X-Amity-Sources": json.dumps(sources, ensure_ascii=True)}
    if fmt == "csv":
        return Response(df.to_csv(index=False), media_type="text/csv; charset=utf-8", headers=header)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                               b"amity.sources": json.dumps(sources).encode()})
        buf = io.BytesIO()
        pq.write_table(table, buf)
        return Response(buf.getvalue(), media_type=MEDIA_TYPES["parquet"], headers=header)
    return JSONResponse({"data": frame_records(df), "sources": sources, "meta": jsonable(meta or {})})


def tabular_responses(model: type) -> dict:
    """OpenAPI ``responses`` of a tabular endpoint: the JSON model, CSV and Parquet, and the error bodies."""
    return {
        200: {"model": model, "content": {"text/csv": {"schema": {"type": "string"}},
                                          MEDIA_TYPES["parquet"]: {"schema": {"type": "string",
                                                                              "format": "binary"}}}},
        **ERROR_RESPONSES,
    }


# ---------------------------------------------------------------------------------------------------------
# Errors: the CLI's error kinds, mapped to HTTP statuses


def status_of(exc: AmityError) -> int:
    """404 for what does not exist (a state, a resolution), 422 for input that cannot be served (bad years,
    out of coverage, unknown option, a document that cannot be read), 503 when the data or the store is
    unavailable, else 400."""
    from amity.text.ingest import DocumentError

    if isinstance(exc, (UnknownStateError, NotFoundError)):
        return 404
    if isinstance(exc, DocumentError):  # binary, empty, undecodable, not English, too large
        return 422
    if isinstance(exc, (CoverageError, UnknownOptionError, InvalidInputError)):
        return 422
    if isinstance(exc, (DataUnavailableError, StoreBusyError, ChecksumError)):
        return 503
    return 400


class NotFoundError(AmityError, LookupError):
    """What the request names does not exist (e.g. a resolution symbol)."""


class InvalidInputError(AmityError, ValueError):
    """A query parameter that cannot be read (bad years, a page out of range …)."""


YEAR_RANGE = (1494, 2030)  # the earliest rivalry start to past the newest data: bounds the work a request asks


def request_years(years: str | None) -> list[int] | None:
    """``amity.parse_years`` with its ValueError turned into an :class:`InvalidInputError` (422)."""
    from amity.years import parse_years

    try:
        ys = parse_years(years)
    except ValueError as exc:
        raise InvalidInputError(f"years {years!r}: {exc}") from None
    if ys is not None and (ys[0] < YEAR_RANGE[0] or ys[-1] > YEAR_RANGE[1]):
        raise InvalidInputError(f"years {years!r}: amity's data lie within {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")
    return ys


def error_body(exc: AmityError) -> dict:
    body: dict[str, Any] = {"error": str(exc), "kind": type(exc).__name__}
    if isinstance(exc, UnknownStateError):
        body["query"] = exc.query
        body["suggestions"] = exc.suggestions
    if isinstance(exc, UnknownOptionError):
        body["valid"] = exc.valid
    return body


def error_response(exc: AmityError) -> JSONResponse:
    return JSONResponse(error_body(exc), status_code=status_of(exc))


# ---------------------------------------------------------------------------------------------------------
# Cache


class Memo:
    """A bounded LRU cache of computed results that computes each key once even under concurrent requests.

    The values depend only on the arguments and the pinned data versions in the store, which a running
    server does not change, so entries never go stale; the bound keeps memory flat.
    """

    def __init__(self, size: int = 256, on_evict: Callable[[Any], None] | None = None):
        self.size = size
        self.on_evict = on_evict  # e.g. delete the folder an evicted report was written to
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def peek(self, key: Hashable) -> Any | None:
        """The cached value, or None without computing anything."""
        with self._lock:
            return self._data.get(key)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:  # one computation per key; the others wait for it
            with self._lock:
                if key in self._data:
                    return self._data[key]
            value = compute()
            with self._lock:
                self._data[key] = value
                self._key_locks.pop(key, None)
                evicted = [self._data.popitem(last=False)[1] for _ in range(len(self._data) - self.size)]
            for old in evicted:
                if self.on_evict is not None:
                    self.on_evict(old)
            return value
