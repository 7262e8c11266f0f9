"""The convergence report: files, numbers traced to the store, errors, CLI, and a real browser."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from amity.data.store import query
from amity.errors import AmityError, CoverageError, UnknownStateError
from amity.report.build import ReportError, report

pytestmark = pytest.mark.needs_data

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("rep") / "usa-ind"
    findings = report("USA", "IND", third=["PAK", "CHN"], years="1991-2024", out=out)
    return out, findings, json.loads((out / "data.json").read_text())


def _rows(data, key) -> pd.DataFrame:
    return pd.DataFrame(data["dimensions"][key]["rows"])


def test_folder_is_complete_and_offline(built):
    out, findings, data = built
    for name in ("index.html", "report.md", "data.json"):
        assert (out / name).stat().st_size > 0
    html = (out / "index.html").read_text()
    # nothing fetched from anywhere: no scripts, stylesheets or images from a URL
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\(\s*["']?https?:""", html)
    svgs = sorted((out / "charts").glob("*.svg"))
    assert len(svgs) >= 9 + 3 + 3 * 2  # dimensions, signed networks, exposure of each third party
    assert not list((out / "charts").glob("*.png"))  # PNGs only when asked for (png=True)
    assert html.count("<svg") == len(svgs)
    md = (out / "report.md").read_text()
    assert all(f"charts/{p.name}" in md for p in svgs)


def test_findings_carry_value_source_and_citation(built):
    _, findings, data = built
    assert findings == data["findings"] and len(findings) >= 15
    for f in findings:
        assert set(f) >= {"text", "value", "source", "citation"} and f["text"] and f["source"] and f["citation"]
    kinds = {f["kind"] for f in findings}
    assert {"level", "trend", "break", "balance", "exposure"} <= kinds
    un_level = next(f for f in findings if f["kind"] == "level" and f["dimension"] == "un_agree")
    assert "percentile among" in un_level["text"] and "pairs of UN members" in un_level["text"]
    assert not re.search(r"\b(1|2|3|\d*[02-9][123])th\b", " ".join(f["text"] for f in findings))  # 53rd, not 53th


def test_numbers_trace_back_to_the_store(built):
    _, findings, data = built
    # trade: COW flow1 + flow2, and nothing after COW trade ends (gaps, not zeros)
    trade = _rows(data, "trade")
    usa_ind = trade[trade.dyad == "USA–IND"].set_index("year")["value"]
    raw = query("SELECT year, flow1 + flow2 AS v FROM cow_trade_ndy WHERE ccode1 = 2 AND ccode2 = 750").set_index(
        "year"
    )
    assert usa_ind.loc[2014] == raw.loc[2014, "v"]
    assert trade.year.max() <= 2014 and data["dimensions"]["trade"]["last_year"] == 2014
    # arms: India's share of TIV imports from the US in 2021, recomputed from the SIPRI trade register
    arms = _rows(data, "arms_dep_b_on_a")
    got = arms[(arms.ccode1 == 2) & (arms.ccode2 == 750) & (arms.year == 2021)]["value"].iloc[0]
    tiv = query(
        "SELECT sum(tiv) FILTER (WHERE supplier = 'United States') / sum(tiv) AS s FROM sipri_register "
        "WHERE recipient = 'India' AND year = 2021"
    ).iloc[0, 0]
    assert got == pytest.approx(tiv)
    assert arms.year.max() == 2024  # the register runs to 2024
    # UN agreement: the same as the public similarity function
    from amity.measures.unga import similarity

    sim = similarity("USA", "IND", years="2019", measures=["agree"]).set_index("year")
    un = _rows(data, "un_agree")
    assert un[(un.dyad == "USA–IND") & (un.year == 2019)]["value"].iloc[0] == pytest.approx(sim.loc[2019, "agree"])
    # a known fact: India and Pakistan agree far more often at the UN than the US and India
    assert un[(un.dyad == "IND–PAK") & (un.year == 2019)]["value"].iloc[0] > 2 * sim.loc[2019, "agree"]
    # every dimension names its source, version and citation
    for dim in data["dimensions"].values():
        assert dim["source"] and dim["version"] and dim["citation"] and dim["last_year"]


def test_report_shows_what_amity_convergence_shows(built):
    """One source of truth: every dimension's values, percentiles and trends, and the findings' levels,
    trends and breaks, are those of amity.measures.convergence for the same dyad and years."""
    from amity.measures.convergence import convergence, convergence_summary
    from amity.report.dimensions import REPORT_DIMENSIONS

    _, findings, data = built
    profile = convergence("USA", "IND", years="1991-2024")
    summary = convergence_summary("USA", "IND", profile=profile).set_index("dimension")
    by_year = profile.set_index("year")
    for key, dim in data["dimensions"].items():
        rows = _rows(data, key)
        focal = rows[(rows.ccode1 == 2) & (rows.ccode2 == 750)].set_index("year")
        want = by_year[key].dropna()
        assert focal.index.tolist() == want.index.tolist(), key  # the same years: gaps stay gaps
        assert np.allclose(focal["value"], want), key
        assert np.allclose(focal["percentile"], by_year.loc[want.index, f"{key}_pct"], equal_nan=True), key
        assert np.allclose(focal["trend"].astype(float), by_year.loc[want.index, f"{key}_trend"], equal_nan=True)
        assert dim["citation"] == profile.attrs["columns"][key]["citation"]
        mine = {f["kind"]: f for f in findings if f["dimension"] == key}
        row = summary.loc[key]
        assert mine["level"]["value"] == round(row["latest"], 4)
        if "trend" in mine and not REPORT_DIMENSIONS[key].step:
            assert mine["trend"]["value"] == round(row["trend"], 6)
            assert row["direction"] in mine["trend"]["text"] or "no clear trend" in mine["trend"]["text"]
        breaks = profile.attrs["breaks"][key]
        assert ("break" in mine) == bool(breaks), key
        if breaks:
            assert mine["break"]["value"] == breaks[-1] == row["since"]
            assert all(str(y) in mine["break"]["text"] for y in breaks)
    # the summary of every dyad shown is in data.json, identical to convergence_summary
    assert data["convergence"]["USA–IND"][0]["latest"] == pytest.approx(summary.iloc[0]["latest"])


def test_profiles_of_many_dyads_equal_one_at_a_time():
    from amity.measures.convergence import convergence, convergence_profiles

    pairs = [("India", "Pakistan"), ("PAK", "IND"), ("China", 365)]
    many = convergence_profiles(pairs, years="2008-2016", dimensions="unga,capabilities,arms,igos")
    for (a, b), got in zip(pairs, many):
        want = convergence(a, b, years="2008-2016", dimensions="unga,capabilities,arms,igos")
        pd.testing.assert_frame_equal(got, want)
        assert got.attrs["breaks"] == want.attrs["breaks"] and got.attrs["among"] == want.attrs["among"]
    # a capability share is the first state's: the two orders add up to one
    assert np.allclose(many[0]["cap_share"] + many[1]["cap_share"], 1)


def test_trend_direction_by_hand():
    from amity.measures.convergence import noise_scale, trend_direction

    years = np.arange(2000, 2010)
    # first differences 0.1, 0, 0.2, -0.1, 0.2, -0.1, 0.2, 0, 0.1: median 0.1, MAD 0.1
    wobble = np.cumsum([0.0, 0.1, 0.0, 0.2, -0.1, 0.2, -0.1, 0.2, 0.0, 0.1])
    sigma = noise_scale(wobble)  # 0.1 / 0.6745 / sqrt(2) = 0.105, above the floor 0.1 * sd = 0.019
    assert sigma == pytest.approx(0.1 / 0.6745 / np.sqrt(2))
    assert trend_direction(0.01, 9, wobble) == "flat"  # a fitted change of 0.09 < sigma = 0.105
    assert trend_direction(0.02, 9, wobble) == "rising" and trend_direction(-0.02, 9, wobble) == "falling"
    assert trend_direction(np.nan, 9, wobble) == "flat"
    assert trend_direction(0.0, 9, np.full(10, 0.4)) == "flat"  # constant series
    line = 0.05 * (years - 2000)
    assert noise_scale(line) == pytest.approx(0.1 * np.std(line))  # no wobble: floored at 0.1 sd


def test_balance_section(built):
    _, _, data = built
    summary = pd.DataFrame(data["balance"]["summary"])
    assert summary.year.max() == 2018  # ATOP ends in 2018: no network read from absent data
    net2010 = pd.DataFrame(data["balance"]["networks"]["2010"])
    sign = {(r.state1, r.state2): r.sign for r in net2010.itertuples()}
    assert sign[("IND", "PAK")] == -1 and sign[("CHN", "IND")] == -1
    assert (summary.edges == summary.positive + summary.negative).all()
    assert data["balance"]["rules"]["un_high"] == 0.9


def test_png_charts_on_request(tmp_path):
    out = tmp_path / "png"
    report("USA", "IND", years="2010-2014", out=out, png=True)
    svgs = sorted((out / "charts").glob("*.svg"))
    pngs = sorted((out / "charts").glob("*.png"))
    assert [p.stem for p in pngs] == [p.stem for p in svgs] and len(pngs) >= 9
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    md = (out / "report.md").read_text()
    assert all(f"charts/{p.name}" in md for p in pngs)


def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path):
    out = tmp_path / "r"
    with pytest.raises(UnknownStateError, match="Narnia"):
        report("USA", "Narnia", out=out)
    with pytest.raises(ReportError, match="one of the focal states"):
        report("USA", "IND", third=["India"], out=out)
    with pytest.raises(ReportError, match="same state"):
        report("USA", "United States", out=out)
    with pytest.raises(CoverageError, match="all the report's data .* lie outside"):
        report("USA", "IND", years="1700-1750", out=out)
    assert not out.exists()
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("precious")
    with pytest.raises(ReportError, match="not an amity report"):
        report("USA", "IND", years="2010-2012", out=keep)
    assert (keep / "notes.txt").read_text() == "precious"
    assert not list(tmp_path.glob(".amity-report-*"))


def test_cli_json_prints_findings_only(tmp_path):
    from amity.cli import app

    result = CliRunner().invoke(
        app,
        [
            "report",
            "USA",
            "IND",
            "--third",
            "PAK",
            "--years",
            "2005-2015",
            "-o",
            str(tmp_path / "r"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and all({"text", "value", "source", "citation"} <= set(f) for f in findings)
    bad = CliRunner().invoke(app, ["report", "USA", "IND", "--third", "USA", "-o", str(tmp_path / "s")])
    assert bad.exit_code != 0 and isinstance(bad.exception, AmityError)


def test_article_lens_lists_events_beside_the_data(tmp_path, mirror):
    article = mirror / "articles" / "seed-us-india-strategic-convergence.txt"
    report("USA", "IND", third=["PAK"], years="2000-2019", articles=[article], out=tmp_path / "a")
    art = json.loads((tmp_path / "a" / "data.json").read_text())["articles"]
    assert not art.get("error")
    table = pd.DataFrame(art["table"])
    assert len(table) >= 3 and table["who"].str.contains("USA").any() and table["who"].str.contains("IND").any()
    assert table["data shows"].str.len().gt(0).all()
    with pytest.raises(ReportError, match="not found"):
        report("USA", "IND", articles=[tmp_path / "missing.txt"], out=tmp_path / "b")


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
def test_index_html_renders_in_headless_chromium(built):
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium); browser check not run")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    out, _, _ = built
    ARTIFACTS.mkdir(exist_ok=True)
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto((out / "index.html").as_uri())
        page.wait_for_load_state("load")
        figures = page.query_selector_all("figure.chart")
        assert len(figures) >= 14
        for fig in figures:
            svg = fig.query_selector("svg")
            box = svg.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, fig.get_attribute("data-name")
            assert len(svg.query_selector_all("path, line, text, use")) > 10
        page.screenshot(path=str(ARTIFACTS / "report-index.png"), full_page=True)
        browser.close()
    assert errors == []
    assert all(u.startswith("file://") for u in requests)
    assert (ARTIFACTS / "report-index.png").stat().st_size > 10_000
