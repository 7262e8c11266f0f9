"""The data layer: registry, fetch from the mirror, checksums, offline errors, resume, atomic loads."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from amity.data import fetch, parsers, store
from amity.data.registry import SOURCES, get_source
from amity.errors import ChecksumError, DataUnavailableError, UnknownOptionError
from tests.helpers import run_cli


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """An empty AMITY_HOME for tests that must start from nothing."""
    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    store.get_store().close()


@pytest.mark.needs_data
def test_every_registered_file_is_pinned_and_in_the_mirror(mirror: Path):
    for source in SOURCES.values():
        assert source.citation and source.bibtex.startswith("@") and source.terms
        for f in source.files:
            assert f.url.startswith("https://raw.githubusercontent.com/")
            assert len(f.sha256) == 64
            local = mirror / f.path
            assert local.exists(), f.path
    # the pinned hash of one file recomputed from the mirror copy
    atop = get_source("atop").files[0]
    assert hashlib.sha256((mirror / atop.path).read_bytes()).hexdigest() == atop.sha256


def test_citations_render_from_the_bibtex_references():
    atop = get_source("atop")
    assert atop.references == ("leeds2002atop",) and atop.via == "miller2022peacesciencer"
    assert atop.citation == (
        'Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "Alliance '
        'Treaty Obligations and Provisions, 1815-1944." International Interactions 28: 237-260. Via Miller, '
        'Steven V. 2022. "peacesciencer: An R Package for Quantitative Peace Science Research." Conflict '
        "Management and Peace Science 39(6): 755-779."
    )
    # a book with its place of publication, and an edited volume
    rivalries, nmc = get_source("rivalries").citation, get_source("cow_nmc").citation
    assert "Handbook of International Rivalries, 1494-2010. Washington, DC: CQ Press." in rivalries
    assert "In Bruce Russett (ed.), Peace, War, and Numbers, 19-48. Beverly Hills: Sage." in nmc
    assert atop.bibtex.count("@article{") == 2  # the producer's entry and the distributor's


def test_parsers_are_named_callables():
    from dataclasses import replace

    atop = get_source("atop")
    assert atop.parse_function() is parsers.parse_rda
    # a parser outside amity.data.parsers is named "package.module:function"
    assert replace(atop, parser="amity.data.parsers:parse_rda").parse_function() is parsers.parse_rda


def test_every_pinned_file_belongs_to_one_source():
    from amity.data.registry import _hashes

    owners = [f.path for s in SOURCES.values() for f in s.files]
    assert len(owners) == len(set(owners))
    # peacesciencer's own dyad-years are pinned only for the cross-check in test_frames
    assert set(_hashes()) - set(owners) == {"peacesciencer/cow_ddy.rda"}


def test_unknown_source_lists_valid_names():
    with pytest.raises(UnknownOptionError, match="valid sources: .*atop"):
        get_source("atopp")


@pytest.mark.needs_data
def test_fetch_is_idempotent(fresh_home, capsys):
    code, _, err = run_cli(["data", "fetch", "cow_states"], capsys)
    assert code == 0 and "2/2 files fetched" in err
    code, _, err = run_cli(["data", "fetch", "cow_states"], capsys)
    assert code == 0 and "0/2 files fetched, store up to date" in err
    assert store.table("cow_states")["ccode"].nunique() == 217


@pytest.mark.needs_data
def test_corrupted_mirror_file_is_refused_with_its_name(fresh_home, tmp_path, mirror, monkeypatch):
    bad = tmp_path / "badmirror"
    for f in get_source("cow_states").files:
        (bad / f.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(mirror / f.path, bad / f.path)
    target = bad / "peacesciencer" / "cow_majors.rda"
    target.write_bytes(target.read_bytes()[:-10])  # truncated
    monkeypatch.setenv("AMITY_DATA_MIRROR", str(bad))
    with pytest.raises(ChecksumError, match=r"peacesciencer/cow_majors\.rda: sha256 mismatch"):
        store.get_store().load("cow_states")
    assert not fetch.cache_path(get_source("cow_states").file("cow_majors.rda")).exists()
    assert not store.get_store().has_table("cow_states")  # nothing half-loaded


def test_file_in_wrong_format_names_the_file(tmp_path):
    junk = tmp_path / "atop_alliance.rda"
    junk.write_bytes(b"not an R file at all")
    with pytest.raises(ChecksumError, match="atop_alliance.rda: not a readable R data file"):
        parsers.read_rda(junk)
    csv = tmp_path / "register.csv"
    csv.write_text("a,b\n1,2\n")
    with pytest.raises(ChecksumError, match="register.csv: no header line"):
        parsers.parse_sipri_register({"x": csv})


def test_offline_without_mirror_says_what_to_do(fresh_home, monkeypatch):
    # a base URL on a loopback port nobody listens on behaves like a machine without network
    monkeypatch.setenv("AMITY_DATA_MIRROR", "http://127.0.0.1:9")
    with pytest.raises(DataUnavailableError, match="AMITY_DATA_MIRROR"):
        store.table("cow_majors")


def test_offline_cli_prints_one_clear_line(fresh_home, monkeypatch, capsys):
    monkeypatch.setenv("AMITY_DATA_MIRROR", "http://127.0.0.1:9")
    code, out, err = run_cli(["data", "fetch", "atop"], capsys)
    assert code == 2
    assert "error:" in err and "Traceback" not in err and "--mirror" in err


class _RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files and honours ``Range: bytes=N-`` like a CDN does."""

    ranges: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        start = 0
        rng = self.headers.get("Range")
        if rng:
            _RangeHandler.ranges.append(rng)
            start = int(rng.split("=")[1].rstrip("-"))
            self.send_response(206)
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])


@pytest.mark.needs_data
def test_download_resumes_from_partial_file(fresh_home, mirror, monkeypatch):
    handler = lambda *a, **k: _RangeHandler(*a, directory=str(mirror), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("AMITY_DATA_MIRROR", f"http://127.0.0.1:{server.server_port}")
        f = get_source("atop").files[0]
        dest = fetch.cache_path(f)
        dest.parent.mkdir(parents=True, exist_ok=True)
        whole = (mirror / f.path).read_bytes()
        dest.with_name(dest.name + ".part").write_bytes(whole[:10_000])  # an interrupted download
        _RangeHandler.ranges.clear()
        path, copied = fetch.fetch_file(f)
        assert copied and _RangeHandler.ranges == ["bytes=10000-"]
        assert fetch.sha256_of(path) == f.sha256
    finally:
        server.shutdown()


@pytest.mark.needs_data
def test_failed_load_leaves_previous_tables_intact(fresh_home, monkeypatch):
    st = store.get_store()
    st.load("cow_states")
    before = st.table("cow_states")
    meta_before = st.loaded_tables()

    def broken_parser(files):
        tables = parsers.parse_rda(files)
        tables["cow_states"] = tables["cow_states"].head(3)
        # a column DuckDB cannot store makes the second table fail inside the transaction
        tables["cow_majors"] = pd.DataFrame({"x": [object(), object()]})
        return tables

    monkeypatch.setattr(parsers, "parse_rda", broken_parser)
    with pytest.raises(Exception):  # noqa: B017 - whatever DuckDB raises, the store must be unchanged
        st.load("cow_states", force=True)
    pd.testing.assert_frame_equal(st.table("cow_states"), before)
    pd.testing.assert_frame_equal(st.loaded_tables(), meta_before)


@pytest.mark.needs_data
def test_store_records_source_version_and_sha256(fresh_home):
    store.ensure("atop_alliance")
    meta = store.get_store().loaded_tables().set_index("name").loc["atop_alliance"]
    assert meta["source"] == "atop" and meta["version"] == "ATOP 5.1 (1815-2018)"
    assert json.loads(meta["sha256"]) == {f.path: f.sha256 for f in get_source("atop").files}
    assert (meta["min_year"], meta["max_year"]) == (1815, 2018)


@pytest.mark.needs_data
def test_data_list_and_cite(capsys):
    store.ensure("cow_nmc")
    code, out, _ = run_cli(["data", "list", "--format", "json"], capsys)
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert set(rows) == set(SOURCES)
    assert rows["cow_nmc"]["status"] == "fetched" and rows["cow_nmc"]["rows"] == 17121
    code, out, _ = run_cli(["data", "cite", "atop", "--bibtex"], capsys)
    assert code == 0 and out.startswith("@article{leeds2002atop")


@pytest.mark.needs_data
def test_parsed_tables_hold_real_values():
    votes = store.table("un_votes")
    assert len(votes) == 870_109 and set(votes["vote"].unique()) == {"yes", "no", "abstain"}
    fpsim = store.table("un_votes_fpsim")
    assert len(fpsim) == 855_890 and fpsim["date"].max() == pd.Timestamp("2024-06-04")
    register = store.table("sipri_register")
    s400 = register[(register["deal_id"] == 32127)]
    assert set(s400["supplier"]) == {"Russia"} and set(s400["recipient"]) == {"India"}
    milex = store.table("sipri_milex")
    india = milex[(milex["country"] == "India") & (milex["year"] == 2023)]
    assert india["milex_constant_2022_usd_m"].iloc[0] > 50_000
    tiv = store.table("sipri_tiv")
    assert {"China", "Russia", "United States"} <= set(tiv["supplier"])


@pytest.mark.needs_data
def test_mirror_env_is_used_and_cache_is_under_amity_home(fresh_home):
    path = fetch.source_file("conflibert", "cameo_class_train.tsv")
    assert str(path).startswith(os.environ["AMITY_HOME"])
    assert path.read_text().count("\n") > 1000


def test_store_held_by_another_process_gives_a_clear_error(fresh_home):
    import subprocess
    import sys

    from amity.errors import StoreBusyError

    store.get_store().close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import amity.data.store as s, sys; s.get_store().loaded_tables();"
         " print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=dict(os.environ),
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        busy = store.Store(store.get_store().path)
        with pytest.raises(StoreBusyError, match="in use by another process.*AMITY_HOME"):
            busy.loaded_tables()
    finally:
        holder.communicate("")


def test_replace_rows_is_atomic_and_keyed(fresh_home):
    s = store.get_store()
    s.create_table("notes", "doc VARCHAR, n INTEGER")
    s.replace_rows("notes", pd.DataFrame({"doc": ["a", "a", "b"], "n": [1, 2, 3]}))
    assert s.replace_rows("notes", pd.DataFrame({"doc": ["a"], "n": [9]}), "doc = ?", ["a"]) == 1
    assert s.query("SELECT doc, n FROM notes ORDER BY doc").values.tolist() == [["a", 9], ["b", 3]]
    # a bad batch (a column the table lacks) fails after its DELETE ran: the table is as it was
    with pytest.raises(Exception, match="nope"):
        s.replace_rows("notes", pd.DataFrame({"doc": ["b"], "nope": [0]}), "doc = ?", ["b"])
    assert s.query("SELECT doc, n FROM notes ORDER BY doc").values.tolist() == [["a", 9], ["b", 3]]


def test_keyed_cache_keeps_frames_and_bytes(fresh_home):
    s = store.get_store()
    assert s.cache_get("fit", "k1") is None
    # every dtype comes back as it went in, dates in seconds and nullable integers included
    frame = pd.DataFrame({"ccode": pd.array([2, 750], dtype="int64"), "x": [0.5, -1.25],
                          "date": pd.to_datetime(["1946-12-14", "2026-06-30"]).astype("datetime64[s]"),
                          "n": pd.array([20, None], dtype="Int32"), "vote": pd.array([1, 3], dtype="int8")})
    s.cache_put("fit", "k1", frame, info={"iterations": 7})
    got = s.cache_get("fit", "k1")
    pd.testing.assert_frame_equal(got.value, frame)
    assert got.info == {"iterations": 7}
    # a tag replaces older entries of the same kind and tag (e.g. a model of the same seed)
    s.cache_put("model", "old", b"\x00weights", tag="seed=0")
    s.cache_put("model", "new", b"\x01weights", tag="seed=0")
    assert s.cache_get("model", "old") is None and s.cache_get("model", "new").value == b"\x01weights"


def test_cached_frames_follow_amity_home_and_cannot_be_corrupted(tmp_path, monkeypatch):
    from amity.data.cache import frame_cache

    calls = []

    @frame_cache()
    def numbers() -> pd.DataFrame:
        calls.append(os.environ["AMITY_HOME"])
        return pd.DataFrame({"n": [1, 2, 3]})

    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "one"))
    first = numbers()
    first.loc[0, "n"] = 99
    first["extra"] = 0
    assert numbers()["n"].tolist() == [1, 2, 3] and "extra" not in numbers()
    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "two"))
    numbers()
    assert calls == [str(tmp_path / "one"), str(tmp_path / "two")]


@pytest.mark.needs_data
def test_shared_frames_are_handed_out_as_copies():
    from amity.measures.arms import flows
    from amity.states import crosswalk

    mine = crosswalk()
    mine.loc[:, "name"] = "changed"
    assert crosswalk().set_index("cow").loc[750, "name"] == "India"
    df = flows("tiv")
    df["tiv"] = 0.0
    assert flows("tiv")["tiv"].sum() > 0


def test_a_bare_fetch_skips_the_on_demand_corpus_but_a_named_one_takes_it():
    from amity.data.fetch import resolve_names

    everything = {s.name for s in resolve_names(None)}
    assert "whitehouse_corpus" not in everything and {"un_extract", "icews", "atop_members"} <= everything
    assert [s.name for s in resolve_names(["whitehouse_corpus"])] == ["whitehouse_corpus"]
