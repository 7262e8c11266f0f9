"""`amity serve`'s HTTP API and pages: the same numbers as the Python functions, errors with the CLI's
meaning as HTTP statuses, and the safety rules (tokens, body limit, paths, escaping, headers, timeouts).
"""

from __future__ import annotations

import asyncio
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

import amity
from amity.web.app import create_app
from amity.web.guard import Settings

pytestmark = pytest.mark.needs_data

REPO = Path(__file__).resolve().parents[1]
HOSTS = ("testserver", "127.0.0.1", "localhost")
TOKEN = "s3cret-test-token"
PARAGRAPH = ("India and the United States signed a defence agreement in New Delhi on Monday, and "
             "Pakistan condemned the deal as a threat to the region.")


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(Settings(hosts=HOSTS)))


@pytest.fixture(scope="module")
def writer():
    """A server started with a token: writes are allowed with it."""
    return TestClient(create_app(Settings(token=TOKEN, hosts=HOSTS)))


# ---------------------------------------------------------------------------------------------------------
# The API returns what the Python functions return, with its sources


def test_states_autocomplete_suggests_india_for_inda(client):
    r = client.get("/api/states", params={"q": "Inda"})
    assert r.status_code == 200
    assert r.json()["data"][0]["name"] == "India" and r.json()["data"][0]["cow"] == 750
    exact = client.get("/api/states", params={"q": "New Delhi"}).json()["data"]
    assert exact[0]["iso3"] == "IND"


def test_similarity_json_csv_and_parquet_carry_the_functions_numbers_and_sources(client):
    params = {"a": "United States", "b": "India", "years": "2015-2019", "measures": "agree,kappa"}
    expected = amity.similarity("USA", "IND", years="2015-2019", measures="agree,kappa")
    body = client.get("/api/similarity", params=params).json()
    got = pd.DataFrame(body["data"])
    pd.testing.assert_series_equal(got["agree"], expected["agree"], check_names=False)
    assert got["n"].tolist() == expected["n"].tolist() and got["year"].tolist() == list(range(2015, 2020))
    assert {s["source"] for s in body["sources"]} >= {"unvotes_fpsim"}
    assert all(s["version"] for s in body["sources"])

    csv = client.get("/api/similarity", params={**params, "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert "unvotes_fpsim" in csv.headers["x-amity-sources"]
    assert pd.read_csv(io.StringIO(csv.text))["agree"].round(12).tolist() == expected["agree"].round(12).tolist()

    pq = client.get("/api/similarity", params={**params, "format": "parquet"})
    import pyarrow.parquet as papq

    table = papq.read_table(io.BytesIO(pq.content))
    assert table.to_pandas()["kappa"].round(12).tolist() == expected["kappa"].round(12).tolist()
    assert b"unvotes_fpsim" in table.schema.metadata[b"amity.sources"]


def test_convergence_summary_matches_convergence_summary(client):
    r = client.get("/api/convergence", params={"a": "USA", "b": "IND", "years": "2010-2014", "dimensions": "unga"})
    assert r.status_code == 200
    got = pd.DataFrame(r.json()["data"]).set_index("dimension")
    expected = amity.convergence_summary("USA", "IND", years="2010-2014", dimensions="unga").set_index("dimension")
    assert got.loc["un_agree", "latest"] == pytest.approx(expected.loc["un_agree", "latest"])
    assert got.loc["un_agree", "latest_pct"] == pytest.approx(expected.loc["un_agree", "latest_pct"])
    profile = client.get("/api/convergence", params={"a": "USA", "b": "IND", "years": "2010-2014",
                                                     "dimensions": "unga", "view": "profile"}).json()
    assert [row["year"] for row in profile["data"]] == list(range(2010, 2015))
    assert profile["meta"]["among"]["un_agree"]["2014"] > 10_000  # ranked among every dyad voting that year
    assert profile["sources"] and all(s["citation"] for s in profile["sources"])


def test_dyad_years_are_paged_over_the_whole_frame(client):
    frame = amity.dyad_years(years=2000, add=["atop"])
    first = client.get("/api/dyad-years", params={"years": "2000", "add": "atop", "page_size": 5000}).json()
    assert first["meta"]["rows"] == len(frame) and first["meta"]["pages"] == -(-len(frame) // 5000)
    last = client.get("/api/dyad-years", params={"years": "2000", "add": "atop", "page_size": 5000,
                                                 "page": first["meta"]["pages"]}).json()
    rows = pd.DataFrame(first["data"] + last["data"])
    assert rows.iloc[0].to_dict() == frame.iloc[0].to_dict()
    assert rows.iloc[-1]["ccode2"] == frame.iloc[-1]["ccode2"]
    assert {s["source"] for s in first["sources"]} >= {"cow_states", "atop"}
    past = client.get("/api/dyad-years", params={"years": "2000", "page_size": 5000, "page": 999})
    assert past.status_code == 404 and "last page" in past.json()["error"]


def test_un_vote_lists_every_state_and_the_counts_of_the_record(client):
    r = client.get("/api/un-votes/A/RES/ES-11/1")
    assert r.status_code == 200
    body = r.json()
    expected = amity.un_votes(resolution="A/RES/ES-11/1")
    assert len(body["data"]) == len(expected)
    assert body["meta"]["counts"] == expected["vote"].value_counts().to_dict()
    votes = {row["state"]: row["vote"] for row in body["data"]}
    assert votes["USA"] == "yes" and votes["IND"] == "abstain"
    assert "un_extract" in {s["source"] for s in body["sources"]}
    found = client.get("/api/un-votes", params={"q": "Aggression against Ukraine"}).json()
    assert "A/RES/ES-11/1" in {row["symbol"] for row in found["data"]}


def test_rankings_order_partners_by_the_measure(client):
    body = client.get("/api/rankings", params={"a": "India", "year": 2018, "measure": "agree"}).json()
    ranks = pd.DataFrame(body["data"])
    assert ranks["agree"].dropna().is_monotonic_decreasing and (ranks["partner_ccode"] != 750).all()
    top = ranks.iloc[0]
    direct = amity.similarity("IND", int(top["partner_ccode"]), years=2018, measures="agree")
    assert direct["agree"].iat[0] == pytest.approx(top["agree"])


# ---------------------------------------------------------------------------------------------------------
# Errors: the CLI's, as HTTP statuses, never a traceback


def test_unknown_state_is_404_with_suggestions(client):
    r = client.get("/api/similarity", params={"a": "Inda", "b": "Pakistan"})
    assert r.status_code == 404
    assert r.json()["kind"] == "UnknownStateError" and "India" in r.json()["suggestions"]


def test_bad_years_are_422_and_coverage_is_named(client):
    bad = client.get("/api/similarity", params={"a": "USA", "b": "IND", "years": "2019-1991"})
    assert bad.status_code == 422 and "backwards" in bad.json()["error"]
    assert client.get("/api/similarity", params={"a": "USA", "b": "IND", "years": "nineteen"}).status_code == 422
    outside = client.get("/api/similarity", params={"a": "USA", "b": "IND", "years": "1900-1910"})
    assert outside.status_code == 422 and "1946-" in outside.json()["error"]
    assert outside.json()["kind"] == "CoverageError"


def test_an_unexpected_error_is_a_500_without_traceback_or_path():
    app = create_app(Settings(hosts=HOSTS))

    @app.get("/boom")
    def boom():
        raise RuntimeError(f"failed reading {REPO / 'secret.txt'}")

    r = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert r.status_code == 500 and r.json()["kind"] == "InternalError"
    assert "Traceback" not in r.text and str(REPO) not in r.text and "secret" not in r.text


# ---------------------------------------------------------------------------------------------------------
# Writes need the token


def test_writes_are_refused_without_a_token(client, writer):
    form = {"text": PARAGRAPH}
    read_only = client.post("/api/extract", params={"store": "true"}, data=form)
    assert read_only.status_code == 403 and "read-only" in read_only.json()["error"]
    missing = writer.post("/api/extract", params={"store": "true"}, data=form)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/api/extract", params={"store": "true"}, data=form, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


def test_extract_reads_without_storing_and_stores_with_the_token(writer):
    from amity.text.store import stored_events

    before = len(stored_events())
    r = writer.post("/api/extract", data={"text": PARAGRAPH})
    assert r.status_code == 200 and r.json()["meta"]["stored"] == 0
    events = r.json()["data"]
    assert any({"IND", "USA"} <= set(e["source"]) | set(e["target"]) for e in events)
    assert len(stored_events()) == before
    ok = writer.post("/api/extract", params={"store": "true"}, data={"text": PARAGRAPH},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["meta"]["stored"] == len(events) > 0
    doc = ok.json()["meta"]["documents"][0]["doc"]
    assert len(stored_events(doc)) == len(events)


def test_uploads_pass_the_same_guards_as_amity_extract(client):
    binary = client.post("/api/extract", files={"file": ("a.txt", b"\x00\x01\x02binary" * 50, "text/plain")})
    assert binary.status_code == 422 and "binary" in binary.json()["error"]
    latin1 = client.post("/api/extract", files={"file": ("a.txt", PARAGRAPH.replace("India", "Indïa").encode("cp1252"),
                                                         "text/plain")})
    assert latin1.status_code == 422 and "UTF-8" in latin1.json()["error"]
    french = client.post("/api/extract", data={"text": "Le gouvernement indien a signé un accord avec Washington."})
    assert french.status_code == 422 and "English" in french.json()["error"]
    nothing = client.post("/api/extract", data={})
    assert nothing.status_code == 422
    # the client's file name only labels the document: a path in it never reaches the file system
    named = client.post("/api/extract", files={"file": ("../../etc/passwd.md", PARAGRAPH.encode(), "text/markdown")})
    assert named.status_code == 200 and named.json()["meta"]["documents"][0]["doc"] == "upload:passwd.md"


# ---------------------------------------------------------------------------------------------------------
# Attackers


def test_oversized_body_is_413(client):
    big = b"a" * (5_000_000 + 1)
    r = client.post("/api/extract", content=big, headers={"content-type": "text/plain"})
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():  # streamed without a Content-Length: counted as it arrives
        for _ in range(6):
            yield b"b" * 1_000_000

    streamed = client.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert streamed.status_code == 413


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/app.py", "/static/..%2f..%2fpyproject.toml",
    "/static/vendor/../../app.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/../../etc/passwd",
    "/api/un-votes/..%2f..%2fetc%2fpasswd",
])
def test_path_traversal_is_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "root:" not in r.text and "[build-system]" not in r.text


def test_a_script_in_an_uploaded_article_is_escaped_in_the_page(client):
    evil = PARAGRAPH + ' <script>alert("pwned")</script> <img src=x onerror=alert(1)>'
    r = client.post("/article", files={"file": ("evil.md", evil.encode(), "text/markdown")})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    pasted = client.post("/article", data={"text": evil})
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in pasted.text  # shown back as text, escaped
    assert "<script>alert" not in pasted.text


def test_security_headers_and_no_cors(client):
    r = client.get("/", headers={"Origin": "https://evil.example"})
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "SAMEORIGIN"
    assert "access-control-allow-origin" not in r.headers
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding guard


def test_pages_load_only_their_own_assets(client):
    for page in ("/", "/explore", "/votes", "/rankings", "/article", "/docs"):
        html = client.get(page).text
        assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html, page
    assert client.get("/static/vendor/vega/vega.min.js").status_code == 200
    assert client.get("/static/vendor/vega/LICENSE").status_code == 200
    assert "GET /api/similarity" in client.get("/docs").text
    assert "/api/similarity" in client.get("/openapi.json").json()["paths"]


def test_a_slow_request_times_out_with_504():
    app = create_app(Settings(hosts=HOSTS, timeout=0.05))

    @app.get("/slow")
    def slow():
        time.sleep(1)
        return {}

    r = TestClient(app).get("/slow")
    assert r.status_code == 504 and r.json()["kind"] == "Timeout"


def test_a_long_report_does_not_block_other_requests():
    app = create_app(Settings(hosts=HOSTS))

    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=600) as ac:
            report = asyncio.create_task(ac.get("/api/report", params={"a": "USA", "b": "PAK",
                                                                       "years": "2001-2010"}))
            await asyncio.sleep(0.3)
            t0 = time.perf_counter()
            quick = await ac.get("/api/states", params={"q": "Pakistan"})
            quick_s = time.perf_counter() - t0
            assert not report.done()  # still building while the lookup came back
            return quick, quick_s, await report

    quick, quick_s, report = asyncio.run(run())
    assert quick.status_code == 200 and quick_s < 2
    assert report.status_code == 200
    findings, meta = report.json()["data"], report.json()["meta"]
    assert len(findings) > 10 and all(f["source"] for f in findings)
    assert 1 <= len(meta["verdict"]) <= 6 and "USA–PAK" in " ".join(meta["verdict"])
    assert {row["dimension"] for row in meta["scorecard"]} >= {"UN voting agreement (UNGA roll calls)"}
    zipped = TestClient(app).get(report.json()["meta"]["download"].replace("http://testserver", ""))
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert {"report/index.html", "report/data.json", "report/report.md"} <= set(names)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_second_server_on_the_same_store_fails_with_a_clear_message(tmp_path):
    env = {**os.environ, "AMITY_HOME": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    env.pop("AMITY_TOKEN", None)
    port = _free_port()
    first = subprocess.Popen([sys.executable, "-m", "amity", "serve", "--port", str(port)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/states?q=India", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            pytest.fail("the first server did not start")
        second = subprocess.run([sys.executable, "-m", "amity", "serve", "--port", str(_free_port())], env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert "in use by another process" in second.stderr and "Traceback" not in second.stderr
    finally:
        first.terminate()
        first.wait(10)
