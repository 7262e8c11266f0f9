"""Event series from the store (amity.events / amity events), on real statements of the White House corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from amity.data.store import get_store
from amity.errors import AmityError, UnknownOptionError, UnknownStateError
from amity.text import series
from amity.text.corpus import ingest
from amity.text.store import stored_events

pytestmark = pytest.mark.needs_data

NAMES = re.compile(r"India|Pakistan|New Delhi|Islamabad|Modi")


@pytest.fixture(scope="module")
def store_2023(mirror: Path, tmp_path_factory):
    """The 2023 statements of the corpus that name India or Pakistan in their title or opening lines (the
    first 1,500 characters: the same rule for both, keeping the ingest short), in a store of their own."""
    corpus = mirror / "articles" / "whitehouse-corpus"
    files = [p for p in sorted(corpus.glob("*/2023-*/*.md")) if NAMES.search(p.read_text(encoding="utf-8")[:1500])]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AMITY_HOME", str(tmp_path_factory.mktemp("events-home")))
        report = ingest(files)
        yield files, report
        get_store().close()


def _cooperative(df: pd.DataFrame, source: str, period: str) -> int:
    row = df[(df["source"] == source) & (df["period"] == period)]
    return int((row["verbal_coop"] + row["material_coop"]).sum())


def test_usa_india_has_more_cooperative_statement_events_in_2023_than_usa_pakistan(store_2023):
    files, report = store_2023
    assert len(files) > 50 and report.ingested > 50
    ind, pak = series.events("USA", "IND"), series.events("United States", "Pakistan")
    assert _cooperative(ind, "USA", "2023") > _cooperative(pak, "USA", "2023")
    assert _cooperative(ind, "USA", "2023") >= 20


def test_counts_both_directions_with_the_documents_behind_them(store_2023):
    df = series.events("USA", "IND", by="year")
    assert list(df.columns) == series.COLUMNS
    assert set(zip(df["source"], df["target"])) == {("USA", "IND"), ("IND", "USA")}
    assert df["period"].tolist() == ["2023", "2023"]
    row = df[df["source"] == "USA"].iloc[0]
    quads = [row[c] for c in series.QUAD_COLUMNS]
    assert row["events"] == sum(quads)
    assert row["net_cooperation"] == quads[1] + quads[2] - quads[3] - quads[4]
    assert row["n_documents"] == len(row["documents"]) > 0
    # every document listed is a real 2023 statement that names India, and holds a USA -> IND event
    events = stored_events()
    for doc in row["documents"]:
        assert "2023-" in doc and NAMES.search(Path(doc).read_text(encoding="utf-8"))
        mine = events[events["doc"] == doc]
        assert any("USA" in s and "IND" in t for s, t in zip(mine["source"], mine["target"]))
    # the Goldstein sum is the sum of those events' weights
    counted = events[events["source"].map(lambda s: "USA" in s) & events["target"].map(lambda t: "IND" in t)
                     & events["modality"].isin(series.DEFAULT_MODALITIES)]
    assert row["goldstein"] == pytest.approx(counted["intensity"].sum(), abs=0.01)
    assert row["events"] == len(counted)


def test_quarters_and_months_add_up_to_the_year_and_fill_empty_periods(store_2023):
    year = series.events("USA", "IND", by="year").set_index("source")
    for by, n in (("quarter", 4), ("month", 12)):
        df = series.events("USA", "IND", by=by)
        usa = df[df["source"] == "USA"]
        assert len(usa) == n  # January to December 2023, zeros included
        assert usa["events"].sum() == year.loc["USA", "events"]
        assert usa["goldstein"].sum() == pytest.approx(year.loc["USA", "goldstein"], abs=0.05)
    assert series.events("USA", "IND", by="quarter")["period"].iloc[0] == "2023Q1"
    docs = series.events("USA", "IND", by="document")
    assert docs["n_documents"].eq(1).all() and docs["period"].isin(stored_events()["doc"]).all()


def test_all_modalities_counts_at_least_as_many(store_2023):
    asserted = series.events("USA", "IND")["events"].sum()
    assert series.events("USA", "IND", modalities=None)["events"].sum() >= asserted


def test_bad_arguments_and_an_empty_store_are_clear_errors(store_2023, tmp_path, monkeypatch):
    with pytest.raises(UnknownOptionError, match="valid periods: year, quarter, month, document"):
        series.events("USA", "IND", by="week")
    with pytest.raises(UnknownStateError):
        series.events("Atlantis", "IND")
    get_store().close()
    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "empty"))
    with pytest.raises(AmityError, match="no events yet"):
        series.events("USA", "IND")
    get_store().close()


def test_cli_events_table_csv_json(store_2023):
    from amity.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["events", "USA", "India", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert {r["source"] for r in rows} == {"USA", "IND"} and isinstance(rows[0]["documents"], list)
    csv = runner.invoke(app, ["events", "USA", "IND", "--by", "quarter", "--format", "csv"])
    assert csv.stdout.splitlines()[0].startswith("period,source,target,events,statement")
    table = runner.invoke(app, ["events", "USA", "IND", "--documents"])
    assert table.exit_code == 0 and "2023 USA->IND:" in table.stdout
    listed = [line.strip() for line in table.stdout.splitlines() if line.startswith("  /")]
    assert listed and all(Path(p).exists() for p in listed)
    bad = runner.invoke(app, ["events", "USA", "IND", "--by", "week"])
    assert bad.exit_code != 0 and "valid periods" in str(bad.exception)


def test_convergence_dimension_official_statements_from_the_stored_corpus(store_2023):
    from amity.measures.convergence import BY_NAME, convergence

    dim = BY_NAME["statements_net_coop"]
    assert dim.label.startswith("Official statements (US government)") and "one government" in dim.definition
    ind = convergence("USA", "IND", years="2022-2024", dimensions=["statements"]).set_index("year")
    pak = convergence("USA", "PAK", years="2022-2024", dimensions=["statements"]).set_index("year")
    assert ind.loc[2023, "statements_net_coop"] > max(pak.loc[2023, "statements_net_coop"], 20)
    # only 2023 statements are in this store: the other years have no data, not zero
    assert ind[["statements_net_coop"]].drop(index=2023).isna().all().all()
    # the value is the net cooperation of the stored statement events between the pair, both directions
    both = series.events("USA", "IND")
    usa_to_ind = both[both["source"] == "USA"]["net_cooperation"].sum()
    assert ind.loc[2023, "statements_net_coop"] >= usa_to_ind
    meta = ind.attrs["columns"]["statements_net_coop"]
    assert meta["source"] == "whitehouse_corpus" and "One government's statements" in meta["citation"]
    assert 50 < ind.loc[2023, "statements_net_coop_pct"] <= 100  # among the dyads the statements mention
