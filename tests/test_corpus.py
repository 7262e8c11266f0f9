"""Ingest of a directory of documents into the store (amity extract DIR --store): bad input skipped with a
reason, resumable after an interrupt, idempotent, a crash mid-batch leaves the store as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amity.data.store import get_store
from amity.text import corpus
from amity.text.extract import events_of
from amity.text.store import stored_events

pytestmark = pytest.mark.needs_data

# Three real statements of the White House corpus (copied into a temporary folder for the test only).
REAL = (
    "statements-releases/2023-06/2023-06-22-joint-statement-from-the-united-states-and-india.md",
    "statements-releases/2021-09/2021-09-24-fact-sheet-quad-leaders-summit.md",
    "statements-releases/2023-06/2023-06-15-readout-of-national-security-advisor-jake-sullivans-travel-to-india.md",
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A store of its own for each test (the extractor's dictionaries come from the mirror)."""
    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    get_store().close()


@pytest.fixture
def folder(tmp_path, mirror: Path) -> Path:
    """Real statements plus every kind of bad input the ingest must skip with a reason."""
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    for i, rel in enumerate(REAL):
        shutil.copy(mirror / "articles" / "whitehouse-corpus" / rel, (d if i else d / "sub") / Path(rel).name)
    (d / "empty.md").write_text("")
    (d / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (d / "german.txt").write_text("Die Regierung hat heute in Berlin eine neue Vereinbarung mit Frankreich über "
                                  "die Zusammenarbeit bei der Energie unterzeichnet, sagte ein Sprecher.")
    (d / "cp1252.txt").write_bytes("The minister\u2019s caf\u00e9 talks with India ended.".encode("cp1252"))
    with open(d / "huge.html", "wb") as fh:  # a 50 MB page: refused before it is parsed
        fh.write(b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>")
    return d


BAD = {"empty.md": "empty", "binary.txt": "binary", "german.txt": "English", "cp1252.txt": "UTF-8",
       "huge.html": "limit"}


def _ledger_by_name():
    return {Path(r.item).name: r for r in corpus.ledger().itertuples()}


def test_directory_ingest_skips_bad_input_with_reasons_and_stores_the_rest(home, folder):
    report = corpus.ingest(folder)
    assert (report.inputs, report.ingested, report.skipped, report.unchanged) == (8, 3, 5, 0)
    rows = _ledger_by_name()
    for name, word in BAD.items():
        assert rows[name].status == "skipped" and word in rows[name].reason, (name, rows[name].reason)
    events = stored_events()
    assert len(events) == report.events > 10
    assert set(events["doc"].map(lambda p: Path(p).name)) == {Path(r).name for r in REAL}
    assert events["doc"].map(lambda p: Path(p).is_absolute()).all()  # keyed by absolute path
    assert events["doc_date"].str.match(r"20\d\d-\d\d-\d\d").all()
    # the India statement gives US-India events, dated by the document
    india = events[events["doc"].str.endswith(Path(REAL[0]).name)]
    assert any("USA" in s and "IND" in t for s, t in zip(india["source"], india["target"]))


def test_second_run_adds_nothing(home, folder):
    first = corpus.ingest(folder)
    before = stored_events()
    second = corpus.ingest([folder, folder / "sub"])  # the same files again, one of them named twice
    assert (second.inputs, second.unchanged, second.ingested, second.events) == (8, 8, 0, 0)
    after = stored_events()
    assert len(after) == len(before) == first.events
    assert after["ingested_at"].tolist() == before["ingested_at"].tolist()  # not rewritten either


def test_interrupted_run_resumes_without_duplicates(home, folder, monkeypatch):
    calls = []

    def interrupt_on_third(document):
        calls.append(document.doc)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return events_of(document)

    with pytest.raises(KeyboardInterrupt):
        corpus.ingest(folder, batch=1, events_of=interrupt_on_third)
    done = corpus.ledger()
    assert len(done) >= 2 and set(done["status"]) <= {"ingested", "skipped"}  # what finished is kept
    resumed = corpus.ingest(folder)
    assert resumed.unchanged == len(done) and resumed.unchanged + resumed.ingested + resumed.skipped == 8
    events = stored_events()
    key = ["doc", "char_start", "event", "modality"]
    keyed = events.assign(source=events["source"].map(tuple), target=events["target"].map(tuple))
    assert not keyed.duplicated(key + ["source", "target"]).any()
    # the same events as one uninterrupted run into a fresh store
    get_store().close()
    monkeypatch.setenv("AMITY_HOME", str(home) + "-clean")
    clean = corpus.ingest(folder)
    assert clean.events == len(events)


def test_crash_mid_batch_leaves_the_store_as_it_was(home, folder):
    first = corpus.ingest(folder / "sub")  # one document in, one batch committed
    assert first.ingested == 1

    seen = []

    def crash_on_second(document):
        seen.append(document.doc)
        if len(seen) == 2:
            raise KeyboardInterrupt  # as if the process were killed while the batch is in memory
        return events_of(document)

    with pytest.raises(KeyboardInterrupt):
        corpus.ingest(folder, batch=50, events_of=crash_on_second)
    assert len(corpus.ledger()) == 1 and len(stored_events()) == first.events


def test_an_extractor_error_on_one_document_is_reported_and_skipped(home, folder):
    def fails_on_quad(document):
        if "quad" in document.doc:
            raise ValueError("unexpected markup")
        return events_of(document)

    report = corpus.ingest(folder, events_of=fails_on_quad)
    assert report.ingested == 2 and report.skipped == 6
    reason = dict((Path(i).name, r) for i, r in report.problems)[Path(REAL[1]).name]
    assert reason == "extractor failed: ValueError: unexpected markup"
    # a skipped input is recorded, not retried, until its file or the extractor changes
    assert corpus.ingest(folder).unchanged == 8


def test_changed_file_is_read_again_and_its_events_replaced(home, folder):
    corpus.ingest(folder)
    path = folder / Path(REAL[2]).name
    n_before = len(stored_events(str(path)))
    path.write_text(path.read_text(encoding="utf-8") + "\nIndia and Japan signed a defence agreement.\n",
                    encoding="utf-8")
    report = corpus.ingest(folder)
    assert (report.ingested, report.unchanged) == (1, 7)
    assert len(stored_events(str(path))) == n_before + 1


def test_a_changed_extractor_re_reads_every_document_and_an_unchanged_one_adds_nothing(home, folder):
    from amity.text.store import extractor_id

    first = corpus.ingest(folder)
    assert set(corpus.ledger()["extractor"]) == {extractor_id()}
    assert set(stored_events()["extractor"]) == {extractor_id()}
    same = corpus.ingest(folder, extractor=extractor_id())
    assert (same.unchanged, same.ingested, same.events) == (8, 0, 0)
    other = corpus.ingest(folder, extractor="amity test text:000000000000")  # e.g. after a rule change
    assert (other.unchanged, other.ingested, other.skipped, other.events) == (0, 3, 5, first.events)
    assert set(corpus.ledger()["extractor"]) == {"amity test text:000000000000"}
    assert len(stored_events()) == first.events  # replaced, not added


def test_extractor_fingerprint_follows_code_resources_and_parser_version(tmp_path):
    from amity.text.store import extractor_id, fingerprint

    pkg = tmp_path / "text"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "extract.py").write_text("RULE = 1\n")
    (pkg / "resources" / "lexicon.txt").write_text("meet 040\n")
    base = fingerprint(pkg, ("spacy",))
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "extract.cpython.pyc").write_bytes(b"\0")
    assert fingerprint(pkg, ("spacy",)) == base  # caches are not the extractor
    (pkg / "resources" / "lexicon.txt").write_text("meet 041\n")
    changed_resource = fingerprint(pkg, ("spacy",))
    (pkg / "extract.py").write_text("RULE = 2\n")
    changed_code = fingerprint(pkg, ("spacy",))
    assert len({base, changed_resource, changed_code}) == 3
    assert fingerprint(pkg, ("spacy", "no-such-package-amity")) != changed_code  # the parser's versions count
    assert extractor_id() == extractor_id() and extractor_id().startswith("amity ")


def test_cli_extract_store_shows_progress_summary_and_skips(home, folder):
    from amity.cli import app

    result = CliRunner().invoke(app, ["extract", str(folder), "--store", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "measure,value" in result.stdout and "ingested,3" in result.stdout and "skipped,5" in result.stdout
    assert "skipped" in result.stderr and "empty document" in result.stderr
    again = CliRunner().invoke(app, ["extract", str(folder), "--store", "--format", "csv"])
    assert "unchanged,8" in again.stdout and "events,0" in again.stdout


def test_the_corpus_is_a_registered_source_pinned_file_by_file(mirror: Path):
    import hashlib

    from amity.data.registry import get_source

    source = get_source("whitehouse_corpus")
    assert len(source.files) == 6909 and source.coverage == (2021, 2026)
    commit = "737ca03a271adc205c67766074ec8d0070f7ad95"
    assert all(f.url.startswith(f"https://raw.githubusercontent.com/brian14708/wh-briefings/{commit}/")
               for f in source.files)
    odd = next(f for f in source.files if "%e2%81%a0" in f.path)  # a literal "%" in the name is quoted
    assert "%25e2%2581%25a0" in odd.url
    for f in source.files[::1000]:  # the manifest's sha256 is the mirror file's
        assert hashlib.sha256((mirror / f.path).read_bytes()).hexdigest() == f.sha256
