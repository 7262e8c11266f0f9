"""De-hyphenation in official statements: how White House statements split their events between India and
Pakistan, from real documents of the corpus ingested into a store of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from amity.data.store import get_store
from amity.report.exposure import statement_split
from amity.text.corpus import ingest
from amity.text.series import statement_dyad_years

pytestmark = pytest.mark.needs_data

LABELS = {2: "USA", 750: "IND", 770: "PAK", 710: "CHN"}
YEARS = list(range(2021, 2025))


def _naming(corpus: Path, pattern: str, months: str) -> list[Path]:
    return [p for p in sorted(corpus.glob(f"*/{months}/*.md")) if re.search(pattern, p.read_text("utf-8")[:1500])]


@pytest.fixture(scope="module")
def home(mirror: Path, tmp_path_factory):
    """An empty store, then (``ingested``) a handful of 2022-2023 statements naming Pakistan or India in
    their opening lines."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AMITY_HOME", str(tmp_path_factory.mktemp("statements-home")))
        yield mirror / "articles" / "whitehouse-corpus"
        get_store().close()


@pytest.fixture(scope="module")
def ingested(home: Path):
    files = (_naming(home, "Pakistan", "2023-*")[:2] + _naming(home, "Pakistan", "2022-*")[:2]
             + _naming(home, r"India|Modi", "2023-*")[:5] + _naming(home, r"India|Modi", "2022-*")[:3])
    report = ingest(files)
    assert report.ingested == len(files) >= 8
    return files


def test_without_statements_in_the_store_the_report_says_so(home):
    finding, table = statement_split(2, 750, 770, LABELS, YEARS)
    assert table is None and "not in the store" in finding.text and "amity extract" in finding.text


def test_us_statements_split_between_india_and_pakistan_per_year(ingested):
    finding, table = statement_split(2, 750, 770, LABELS, YEARS)
    frame = table.frame.set_index("year")
    pairs = statement_dyad_years(YEARS).set_index(["ccode1", "ccode2", "year"])
    assert list(frame.index) == [2022, 2023]  # the years of the documents ingested
    for year in frame.index:
        for code, name in ((750, "IND"), (770, "PAK")):
            key = (2, code, year)
            assert frame.loc[year, f"USA–{name} events"] == pairs["statements_events"].get(key, 0)
            assert frame.loc[year, f"USA–{name} net cooperation"] == pairs["statements_net_coop"].get(key, 0)
        ind, pak = frame.loc[year, "USA–IND events"], frame.loc[year, "USA–PAK events"]
        assert frame.loc[year, "IND's part of the events"] == pytest.approx(ind / (ind + pak), abs=1e-3)
    # more documents name India than Pakistan, and Washington's statements engage India more
    assert (frame["USA–IND events"] > frame["USA–PAK events"]).all()
    assert "one government's" in finding.text and "2023" in finding.text
    assert "White House" in finding.citation
    # the table says how much the counts miss: the extractor's held-out recall and precision
    from amity.text.evalscore import HELD_OUT

    assert f"recall {HELD_OUT['recall']:.3f}" in table.note and "lower bounds" in table.note


def test_only_the_us_government_statements_are_measured(ingested):
    finding, table = statement_split(710, 770, 750, LABELS, YEARS)
    assert table is None and "not CHN's" in finding.text
