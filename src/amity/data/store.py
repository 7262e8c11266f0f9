"""The embedded DuckDB store: parsed tables, loaded once, read in milliseconds.

The store lives at ``$AMITY_HOME/amity.duckdb``. :func:`table` is the one way the rest of amity reads
data: it loads a table's source on first use (fetching its files through :mod:`amity.data.fetch`).
Loading is atomic: a source's tables and their provenance row are written in one transaction, so a
failed or interrupted load leaves the store exactly as it was.
"""

from __future__ import annotations

import io
import json
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from amity.data import fetch
from amity.data.registry import SOURCES, Source, get_source, table_source
from amity.errors import StoreBusyError

META = "_amity_tables"


CACHE = "_amity_cache"


@dataclass(frozen=True)
class Cached:
    """One entry of the store's keyed cache: the value (a DataFrame or bytes) and what was recorded with it."""

    value: pd.DataFrame | bytes
    info: dict
    created_at: datetime


class Store:
    """A handle on one DuckDB file, and the only code that touches its connection.

    The verbs (after sqlite-utils' ``Database``): read a source table (:meth:`table`, loading it on first
    use), query (:meth:`query`, :meth:`arrow`, :meth:`numpy`), write atomically (:meth:`create_table`,
    :meth:`replace_rows`, :meth:`execute`, grouped with :meth:`transaction`), and a keyed cache for fitted
    models and derived frames (:meth:`cache_get`, :meth:`cache_put`). Every call holds the handle's lock.
    Use :func:`get_store` for the process-wide handle.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._db: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.RLock()
        self._depth = 0  # open transaction() blocks: only the outermost one begins and commits

    def _con(self) -> duckdb.DuckDBPyConnection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                # DuckDB lets one process at a time open a database file for writing.
                raise StoreBusyError(
                    f"the amity store {self.path} is in use by another process ({exc}). Wait for it to "
                    "finish, close the other Python session, or point AMITY_HOME at another directory."
                ) from None
            self._db.execute("SET enable_progress_bar = false")  # amity draws its own progress
            self._db.execute(
                f"CREATE TABLE IF NOT EXISTS {META} (name VARCHAR PRIMARY KEY, source VARCHAR, version VARCHAR,"
                " sha256 VARCHAR, rows BIGINT, min_year INTEGER, max_year INTEGER, loaded_at TIMESTAMP)"
            )
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Writes inside the block commit together or not at all; nested blocks join the outer one."""
        with self._lock:
            con = self._con()
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            con.execute("BEGIN TRANSACTION")
            self._depth = 1
            try:
                yield self
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @contextmanager
    def _registered(self, frames: dict[str, pd.DataFrame] | None) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection with ``frames`` visible to SQL under their names for the duration of the block."""
        with self._lock:
            con = self._con()
            for name, df in (frames or {}).items():
                con.register(name, df)
            try:
                yield con
            finally:
                for name in frames or {}:
                    try:
                        con.unregister(name)
                    except duckdb.Error:  # inside a failed transaction; re-registering the name replaces it
                        pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # ------------------------------------------------------------------------------------------ reads

    def query(self, sql: str, params: list | None = None, frames: dict[str, pd.DataFrame] | None = None
              ) -> pd.DataFrame:
        """Run SQL and return a DataFrame; ``frames`` are DataFrames the SQL can read by name."""
        with self._registered(frames) as con:
            return con.execute(sql, params or []).df()

    def arrow(self, sql: str, params: list | None = None, frames: dict[str, pd.DataFrame] | None = None):
        """Run SQL and return a pyarrow Table."""
        with self._registered(frames) as con:
            return arrow_table(con.execute(sql, params or []))

    def numpy(self, sql: str, params: list | None = None) -> dict[str, np.ndarray]:
        """Run SQL and return its columns as NumPy arrays (no DataFrame in between: half the peak memory)."""
        with self._registered(None) as con:
            return con.execute(sql, params or []).fetchnumpy()

    def exists(self, name: str) -> bool:
        """A table called ``name`` exists in the store (a source table or one of amity's own)."""
        return bool(self.numpy("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?",
                               [name])["n"][0])

    def loaded_tables(self) -> pd.DataFrame:
        return self.query(f"SELECT * FROM {META} ORDER BY name")

    def has_table(self, name: str) -> bool:
        """The source table ``name`` has been loaded."""
        return bool(self.numpy(f"SELECT count(*) AS n FROM {META} WHERE name = ?", [name])["n"][0])

    def table(self, name: str, where: str | None = None, params: list | None = None) -> pd.DataFrame:
        """A stored table as a pandas DataFrame (loaded from its source on first use)."""
        self.ensure(name)
        return self.query(f'SELECT * FROM "{name}"' + (f" WHERE {where}" if where else ""), params)

    # ----------------------------------------------------------------------------------------- writes

    def execute(self, sql: str, params: list | None = None) -> None:
        """Run one write statement (inside :meth:`transaction` to group it with others)."""
        with self._registered(None) as con:
            con.execute(sql, params or [])

    def create_table(self, name: str, columns: str) -> None:
        """``CREATE TABLE IF NOT EXISTS name (columns)``: amity's own tables (events, caches)."""
        self.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})')

    def replace_rows(self, table: str, rows: pd.DataFrame, where: str | None = None,
                     params: list | None = None) -> int:
        """Delete the rows matching ``where`` (all rows without it) and insert ``rows`` (matched by column
        name), in one transaction: a failure leaves the table as it was. Returns the rows inserted."""
        cols = ", ".join(f'"{c}"' for c in rows.columns)
        with self._registered({"_amity_rows": rows}) as con, self.transaction():
            con.execute(f'DELETE FROM "{table}"' + (f" WHERE {where}" if where else ""), params or [])
            if len(rows):
                con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _amity_rows')
        return len(rows)

    # ------------------------------------------------------------------------------------ keyed cache

    def cache_get(self, kind: str, key: str) -> Cached | None:
        """The cached value of ``kind`` under ``key`` (a DataFrame or bytes, as put), or None."""
        if not self.exists(CACHE):
            return None
        with self._registered(None) as con:  # one row, fetched as Python values: no DataFrame of a BLOB
            rows = con.execute(f"SELECT is_frame, info, data, created_at FROM {CACHE} WHERE kind = ? AND key = ?",
                               [kind, key]).fetchall()  # fetch to the end: DuckDB keeps an open result busy
        if not rows:
            return None
        is_frame, info, data, created_at = rows[0]
        return Cached(_read_frame(data) if is_frame else bytes(data), json.loads(info), created_at)

    def cache_put(self, kind: str, key: str, value: pd.DataFrame | bytes, info: dict | None = None,
                  tag: str | None = None) -> None:
        """Keep ``value`` under (``kind``, ``key``), replacing the entry with that key and every entry of
        the same kind with the same ``tag`` (e.g. models of one seed trained from older files), atomically.
        DataFrames are kept as zstd-compressed Arrow IPC, so their dtypes come back as they went in
        (Parquet, used before, has no seconds unit and returned ``datetime64[s]`` as ``[ms]``)."""
        is_frame = isinstance(value, pd.DataFrame)
        if is_frame:
            value = _frame_bytes(value)
        self.create_table(CACHE, "kind VARCHAR, key VARCHAR, tag VARCHAR, is_frame BOOLEAN, info VARCHAR, "
                          "data BLOB, created_at TIMESTAMP")
        with self.transaction():
            self.execute(f"DELETE FROM {CACHE} WHERE kind = ? AND (key = ? OR tag = ?)", [kind, key, tag])
            self.execute(f"INSERT INTO {CACHE} VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [kind, key, tag, is_frame, json.dumps(info or {}, default=str), value,
                          datetime.now(timezone.utc).replace(tzinfo=None)])

    # ---------------------------------------------------------------------------------------- sources

    def is_loaded(self, source: Source) -> bool:
        """All of the source's tables are in the store and were loaded from the pinned files."""
        if not source.tables:
            return all(fetch.file_status(f) == "fetched" for f in source.files)
        rows = self.query(f"SELECT name, sha256 FROM {META} WHERE source = ?", [source.name])
        return {n for n, h in zip(rows["name"], rows["sha256"]) if h == _files_digest(source)} >= set(source.tables)

    def load(self, source: Source | str, mirror_dir: str | None = None, force: bool = False) -> bool:
        """Fetch, verify, parse and store a source's tables; return True if anything was loaded."""
        source = get_source(source) if isinstance(source, str) else source
        with self._lock:
            if not force and self.is_loaded(source):
                return False
            files = fetch.source_files(source, mirror_dir)
            if source.parser is None:
                return True
            tables = source.parse_function()(files)  # parse fully before touching the store
            digest = _files_digest(source)
            incoming = {f"_incoming_{i}": tables[name] for i, name in enumerate(source.tables)}
            with self._registered(incoming) as con, self.transaction():
                for i, name in enumerate(source.tables):
                    df = tables[name]
                    con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming_{i}')
                    lo, hi = _year_span(df)
                    con.execute(f"DELETE FROM {META} WHERE name = ?", [name])
                    con.execute(
                        f"INSERT INTO {META} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [name, source.name, source.version, digest, len(df), lo, hi,
                         datetime.now(timezone.utc).replace(tzinfo=None)],
                    )
            return True

    def ensure(self, table: str) -> None:
        if not self.has_table(table):
            self.load(table_source(table))


def arrow_table(result):
    """The pyarrow Table of an executed DuckDB query (``to_arrow_table`` in DuckDB 2, ``arrow`` in 1)."""
    fetch = getattr(result, "to_arrow_table", None) or result.arrow
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DuckDB 2 notes the extra copy; the tables here are small
        return fetch()


def _frame_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as a zstd-compressed Arrow IPC stream (the pandas dtypes recorded in its schema)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression="zstd")) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _read_frame(data: bytes) -> pd.DataFrame:
    """A DataFrame from :func:`_frame_bytes` (or from Parquet, as stores written before kept frames)."""
    if data[:4] == b"PAR1":
        return pd.read_parquet(io.BytesIO(data))
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_pandas()


def _files_digest(source: Source) -> str:
    """One string recording the sha256 of every file the tables were parsed from."""
    return json.dumps({f.path: f.sha256 for f in source.files}, sort_keys=True)


def _year_span(df: pd.DataFrame) -> tuple[int | None, int | None]:
    """First and last year a table covers, from its year or start/end columns."""
    def years(cols: tuple[str, ...]) -> pd.Series | None:
        for col in cols:
            if col in df.columns and df[col].notna().any():
                values = df[col]
                if pd.api.types.is_datetime64_any_dtype(values):
                    return values.dt.year
                if pd.api.types.is_numeric_dtype(values):
                    return values
        return None

    lo = years(("year", "styear", "start", "startdate", "stdate"))
    hi = years(("year", "endyear", "end", "enddate"))
    if lo is None or hi is None:
        return None, None
    return int(lo.min()), int(hi.max())


_STORE: Store | None = None


def get_store() -> Store:
    """The process-wide store handle for the current ``$AMITY_HOME`` (reopened if it changes)."""
    global _STORE
    path = fetch.amity_home() / "amity.duckdb"
    if _STORE is None or _STORE.path != path:
        if _STORE is not None:
            _STORE.close()
        _STORE = Store(path)
    return _STORE


def table(name: str, where: str | None = None, params: list | None = None) -> pd.DataFrame:
    """Read a stored table, e.g. ``table("atop_alliance", "year = ?", [2000])``."""
    return get_store().table(name, where, params)


def query(sql: str, params: list | None = None) -> pd.DataFrame:
    """Run SQL against the store (make sure the tables are loaded with :func:`ensure` first)."""
    return get_store().query(sql, params)


def ensure(*tables: str) -> None:
    """Load the named tables' sources into the store if they are not there yet."""
    for name in tables:
        get_store().ensure(name)


def fetch_sources(
    names: list[str] | None = None,
    mirror_dir: str | None = None,
    force: bool = False,
    on_source: Callable[[Source, str], None] | None = None,
) -> list[tuple[str, str]]:
    """Fetch and load sources (all by default); return (name, what happened) for each."""
    store = get_store()
    out = []
    for source in fetch.resolve_names(names):
        if on_source:
            on_source(source, "start")
        loaded = store.load(source, mirror_dir=mirror_dir, force=force)
        status = "loaded" if loaded else "up to date"
        out.append((source.name, status))
        if on_source:
            on_source(source, status)
    return out


def source_status() -> pd.DataFrame:
    """One row per source: name, version, coverage years, rows, status (fetched/missing/corrupt)."""
    store = get_store()
    meta = store.loaded_tables().set_index("name")
    rows = []
    for s in SOURCES.values():
        statuses = {fetch.file_status(f) for f in s.files}
        status = "corrupt" if "corrupt" in statuses else "missing" if "missing" in statuses else "fetched"
        have = meta.loc[meta.index.intersection(list(s.tables))] if s.tables else meta.iloc[0:0]
        if status == "fetched" and s.tables and len(have) < len(s.tables):
            status = "fetched (not loaded)"
        lo = have["min_year"].min() if len(have) else None
        hi = have["max_year"].max() if len(have) else None
        cov = s.coverage
        rows.append({
            "name": s.name,
            "version": s.version,
            "coverage": f"{cov[0]}-{cov[1]}" if cov else "",
            "years_in_store": f"{int(lo)}-{int(hi)}" if lo is not None and pd.notna(lo) else "",
            "rows": int(have["rows"].sum()) if len(have) else pd.NA,
            "files": len(s.files),
            "status": status,
            "tables": ", ".join(s.tables),
        })
    out = pd.DataFrame(rows)
    out["rows"] = out["rows"].astype("Int64")
    return out
