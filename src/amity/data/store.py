"""The embedded DuckDB store: parsed tables, loaded once, read in milliseconds.

The store lives at ``$AMITY_HOME/amity.duckdb``. :func:`table` is the one way the rest of amity reads
data: it loads a table's source on first use (fetching its files through :mod:`amity.data.fetch`).
Loading is atomic: a source's tables and their provenance row are written in one transaction, so a
failed or interrupted load leaves the store exactly as it was.
"""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from amity.data import fetch
from amity.data.registry import SOURCES, Source, get_source, table_source
from amity.errors import StoreBusyError

META = "_amity_tables"


class Store:
    """A handle on one DuckDB file. Use :func:`get_store` for the process-wide handle."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.RLock()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._con = duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                # DuckDB lets one process at a time open a database file for writing.
                raise StoreBusyError(
                    f"the amity store {self.path} is in use by another process ({exc}). Wait for it to "
                    "finish, close the other Python session, or point AMITY_HOME at another directory."
                ) from None
            self._con.execute("SET enable_progress_bar = false")  # amity draws its own progress
            self._con.execute(
                f"CREATE TABLE IF NOT EXISTS {META} (name VARCHAR PRIMARY KEY, source VARCHAR, version VARCHAR,"
                " sha256 VARCHAR, rows BIGINT, min_year INTEGER, max_year INTEGER, loaded_at TIMESTAMP)"
            )
        return self._con

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All statements inside commit together or not at all (the store's one way to write)."""
        with self._lock:
            con = self.con
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @contextmanager
    def registered(self, name: str, df: pd.DataFrame) -> Iterator[duckdb.DuckDBPyConnection]:
        """``df`` visible to SQL as ``name`` for the duration of the block."""
        with self._lock:
            self.con.register(name, df)
            try:
                yield self.con
            finally:
                self.con.unregister(name)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def loaded_tables(self) -> pd.DataFrame:
        return self.con.execute(f"SELECT * FROM {META} ORDER BY name").df()

    def has_table(self, name: str) -> bool:
        return bool(self.con.execute(f"SELECT count(*) FROM {META} WHERE name = ?", [name]).fetchall()[0][0])

    def is_loaded(self, source: Source) -> bool:
        """All of the source's tables are in the store and were loaded from the pinned files."""
        if not source.tables:
            return all(fetch.file_status(f) == "fetched" for f in source.files)
        rows = self.con.execute(f"SELECT name, sha256 FROM {META} WHERE source = ?", [source.name]).fetchall()
        return {n for n, h in rows if h == _files_digest(source)} >= set(source.tables)

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
            with self.transaction() as con:
                for name in source.tables:
                    df = tables[name]
                    with self.registered("_incoming", df):
                        con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming')
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

    def table(self, name: str, where: str | None = None, params: list | None = None) -> pd.DataFrame:
        """A stored table as a pandas DataFrame (loaded from its source on first use)."""
        self.ensure(name)
        sql = f'SELECT * FROM "{name}"' + (f" WHERE {where}" if where else "")
        with self._lock:
            return self.con.execute(sql, params or []).df()

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        with self._lock:
            return self.con.execute(sql, params or []).df()

    def arrow(self, sql: str, params: list | None = None):
        """Run SQL and return a pyarrow Table."""
        with self._lock:
            return arrow_table(self.con.execute(sql, params or []))


def arrow_table(result):
    """The pyarrow Table of an executed DuckDB query (``to_arrow_table`` in DuckDB 2, ``arrow`` in 1)."""
    fetch = getattr(result, "to_arrow_table", None) or result.arrow
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # DuckDB 2 notes the extra copy; the tables here are small
        return fetch()


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
