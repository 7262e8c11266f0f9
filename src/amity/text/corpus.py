"""Ingest a directory of documents into the store at corpus scale: resumable, idempotent, crash-safe.

:func:`ingest` reads every readable file under the given paths (text, Markdown, HTML, RSS/Atom; see
:mod:`amity.text.ingest`), extracts its events with :func:`amity.text.extract.events_of` and writes them to
the store's ``events`` table (:mod:`amity.text.store`) in batches.

* **Ledger.** Table ``_amity_ingested`` has one row per input: its absolute path (``item``), the sha256 of
  its bytes, the extractor that read it, its status (``ingested`` or ``skipped``), the reason when skipped,
  and how many documents and events it gave. An input whose path, bytes and extractor are all in the
  ledger is not read again, so a second run adds nothing and an interrupted run continues where it stopped.
  A changed file, or any change to the extractor (its code, resources or parser version:
  :func:`amity.text.store.extractor_id`), is re-read and its events replaced.
* **Transactions.** Each batch (``batch`` inputs) is written in one transaction: its inputs' old events
  are deleted, the new events and ledger rows inserted. An interrupt or crash loses at most the batch in
  progress; the store is left as it was before that batch, never half-written.
* **Per-document problems** (empty, binary, not English, too large, undecodable, and any error the
  extractor raises on one document) are recorded in the ledger with the reason and skipped; the run goes on.
* **Memory.** Only one batch of events is held at a time; the result is a summary, not the events
  (read those with :func:`amity.text.store.stored_events` or :func:`amity.text.series.events`).

Inputs are keyed by their resolved absolute path, so ingesting ``docs/`` and ``./docs`` is the same
ingest. URLs are not ledgered by content before fetching; re-ingesting one replaces its events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from amity.data.fetch import sha256_of
from amity.data.store import get_store
from amity.text.ingest import MAX_BYTES, DocumentError, expand_inputs, is_url, read_document
from amity.text.store import TABLE, ensure_events_table, event_rows, extractor_id

LEDGER = "_amity_ingested"
DEFAULT_BATCH = 50
_LEDGER_COLUMNS = ("item VARCHAR PRIMARY KEY, sha256 VARCHAR, extractor VARCHAR, status VARCHAR, reason VARCHAR, "
                   "documents INTEGER, events INTEGER, ingested_at TIMESTAMP")


@dataclass
class IngestReport:
    """What one :func:`ingest` run did."""

    inputs: int = 0  # inputs found under the paths given
    unchanged: int = 0  # already in the ledger with the same bytes and extractor: not read again
    ingested: int = 0  # inputs read and stored in this run
    skipped: int = 0  # inputs refused with a reason in this run
    documents: int = 0  # documents stored in this run (a feed gives several)
    events: int = 0  # events stored in this run
    problems: list[tuple[str, str]] = field(default_factory=list)  # (input, reason) skipped in this run

    def as_frame(self) -> pd.DataFrame:
        keys = ("inputs", "unchanged", "ingested", "skipped", "documents", "events")
        return pd.DataFrame({"measure": list(keys), "value": [getattr(self, k) for k in keys]})


Progress = Callable[[IngestReport], None]


def _ensure_tables() -> None:
    ensure_events_table()
    get_store().create_table(LEDGER, _LEDGER_COLUMNS)


def _key(item: str) -> str:
    return item if is_url(item) else str(Path(item).resolve())


def _sha256(item: str) -> str | None:
    """sha256 of a file's bytes (None for URLs and unreadable paths: read_document reports those)."""
    if is_url(item):
        return None
    try:
        return sha256_of(Path(item))
    except OSError:
        return None


def ledger() -> pd.DataFrame:
    """The ledger of ingested and skipped inputs (see module docstring)."""
    _ensure_tables()
    return get_store().query(f"SELECT * FROM {LEDGER} ORDER BY item")


def _done() -> dict[str, tuple[str, str]]:
    rows = get_store().query(f"SELECT item, sha256, extractor FROM {LEDGER}")
    return {i: (s, e) for i, s, e in rows.itertuples(index=False)}


def _read(item: str, encoding: str | None, max_bytes: int, events_of: Callable) -> tuple[list, str | None]:
    """(one event frame with provenance per document, reason if skipped) for one input."""
    try:
        documents = read_document(item, encoding=encoding, max_bytes=max_bytes)
    except DocumentError as exc:
        return [], exc.reason
    try:
        return [event_rows(document, events_of(document)) for document in documents], None
    except Exception as exc:  # an extractor bug on one document must not stop a 7,000-document run
        return [], f"extractor failed: {type(exc).__name__}: {exc}"


def _write(batch: list[dict], frames: list[pd.DataFrame]) -> None:
    """One transaction: the batch's old events out (a feed's entries are ``<item>#<n>``), its new events
    and ledger rows in."""
    store = get_store()
    items = [row["item"] for row in batch]
    events = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({"doc": []})
    with store.transaction():
        store.replace_rows(TABLE, events, "list_contains(?, doc) OR list_contains(?, regexp_extract(doc, "
                           "'^(.*)#[0-9]+$', 1))", [items, items])
        store.replace_rows(LEDGER, pd.DataFrame(batch), "list_contains(?, item)", [items])


def ingest(paths: str | Path | Iterable[str | Path], batch: int = DEFAULT_BATCH, encoding: str | None = None,
           max_bytes: int = MAX_BYTES, on_progress: Progress | None = None, limit: int | None = None,
           events_of: Callable | None = None, extractor: str | None = None) -> IngestReport:
    """Extract and store the events of every document under ``paths`` (files, directories, URLs).

    Returns an :class:`IngestReport`; ``on_progress(report)`` is called after every input. ``limit`` stops
    after that many inputs (for samples). ``events_of`` defaults to :func:`amity.text.extract.events_of`
    and ``extractor`` (the id the ledger compares) to :func:`amity.text.store.extractor_id`.
    """
    if events_of is None:
        from amity.text.extract import events_of
    extractor = extractor or extractor_id()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    items = list(dict.fromkeys(_key(i) for i in expand_inputs(paths)))[:limit]
    _ensure_tables()
    done = _done()
    report = IngestReport(inputs=len(items))
    pending: list[dict] = []
    frames: list[pd.DataFrame] = []
    for item in items:
        digest = _sha256(item)
        if digest is not None and done.get(item) == (digest, extractor):
            report.unchanged += 1
        else:
            got, reason = _read(item, encoding, max_bytes, events_of)
            n_events = sum(len(f) for f in got)
            pending.append({"item": item, "sha256": digest, "extractor": extractor,
                            "status": "skipped" if reason else "ingested", "reason": reason,
                            "documents": len(got), "events": n_events,
                            "ingested_at": datetime.now(timezone.utc).replace(tzinfo=None)})
            frames.extend(got)
            if reason:
                report.skipped += 1
                report.problems.append((item, reason))
            else:
                report.ingested += 1
                report.documents += len(got)
                report.events += n_events
            if len(pending) >= batch:
                _write(pending, frames)
                pending, frames = [], []
        if on_progress:
            on_progress(report)
    if pending:
        _write(pending, frames)
    return report
