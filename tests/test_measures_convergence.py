"""The convergence profile: values, percentiles, trends, breaks, metadata, errors and the CLI."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from amity.errors import UnknownOptionError, UnknownStateError
from amity.measures import convergence as conv

FAST = "unga,alliances,capabilities,arms,trade,igos,mids,rivalry,events,statements"  # all but the ideal-point fit


@pytest.fixture(scope="module")
def usa_ind() -> pd.DataFrame:
    return conv.convergence("USA", "India", "1995-2024", dimensions=FAST)


@pytest.fixture(scope="module")
def ind_pak() -> pd.DataFrame:
    return conv.convergence("India", "Pakistan", "1990-2014", dimensions="unga,mids,rivalry,igos")


# --- the profile on real data ---------------------------------------------------------------------------


@pytest.mark.needs_data
def test_profile_columns_and_metadata(usa_ind):
    df = usa_ind
    assert df["year"].tolist() == list(range(1995, 2025))
    assert (df["a"] == "USA").all() and (df["b"] == "IND").all()
    for dim in conv.DIMENSIONS:
        if dim.group == "ideal":
            continue
        for col in (dim.name, f"{dim.name}_pct", f"{dim.name}_trend"):
            assert col in df.columns
            meta = df.attrs["columns"][col]
            assert meta["source"] and meta["citation"] and meta["definition"] and meta["version"]
        pct = df[f"{dim.name}_pct"].dropna()
        assert pct.between(0, 100).all()
    assert "all dyads with data that year" in df.attrs["columns"]["igos_pct"]["definition"]
    assert "SIPRI" in df.attrs["columns"]["arms_tiv_ab"]["citation"]
    assert set(df.attrs["breaks"]) == {d.name for d in conv.DIMENSIONS if d.group != "ideal"}


@pytest.mark.needs_data
def test_missing_years_are_na_never_zero(usa_ind):
    df = usa_ind.set_index("year")
    assert df.loc[2015:, ["trade", "igos", "mid_count", "trade_share_a"]].isna().all().all()  # COW ends 2014
    assert df.loc[2019:, "ally_s_abs"].isna().all() and df.loc[:2018, "ally_s_abs"].notna().all()
    assert df.loc[2021:, "rivalry_tss"].isna().all() and (df.loc[:2020, "rivalry_tss"] == 0).all()
    assert df.loc[2011:, "rivalry_td"].isna().all()
    assert df.loc[2010, "igos"] > 0 and df.loc[2010, "trade"] > 0


@pytest.mark.needs_data
def test_values_match_the_underlying_measures(usa_ind):
    from amity.measures.alliances import alliance_similarity
    from amity.measures.arms import arms_tie
    from amity.measures.trade import trade_dependence
    from amity.measures.unga import similarity_all

    df = usa_ind.set_index("year")
    ally = alliance_similarity(2010, states=["USA", "India"]).iloc[0]
    assert df.loc[2010, "ally_s_abs"] == ally["s_abs"] and df.loc[2010, "ally_kappa"] == ally["kappa"]
    tie = arms_tie("USA", "India", 2019).iloc[0]
    assert df.loc[2019, "arms_tiv_ab"] == pytest.approx(tie["tiv_a_to_b"])
    assert df.loc[2019, "arms_dep_b_on_a"] == pytest.approx(tie["dep_b_on_a"])
    trade = trade_dependence("USA", "India", 2010).iloc[0]
    assert df.loc[2010, "trade_share_b"] == pytest.approx(trade["share_of_b_trade"])
    un = similarity_all(years=2019, measures=["agree"])
    un = un[un["n"] > 0]
    row = un[(un["ccode1"] == 2) & (un["ccode2"] == 750)]
    assert df.loc[2019, "un_agree"] == pytest.approx(row["agree"].iat[0])
    # the percentile is the dyad's mid-rank among every dyad with joint votes that year
    v = un["agree"].to_numpy()
    x = row["agree"].iat[0]
    want = 100 * ((v < x).sum() + 0.5 * (v == x).sum()) / len(v)
    assert df.loc[2019, "un_agree_pct"] == pytest.approx(want)


@pytest.mark.needs_data
def test_real_facts_usa_india(usa_ind):
    df = usa_ind.set_index("year")
    # the US is an outlier in UN voting: US-India agreement sits in the bottom decile of all dyads
    assert (df.loc[1995:2019, "un_agree_pct"] < 10).all()
    # US arms deliveries to India: none in the 1990s, regular after 2010
    assert (df.loc[1995:1999, "arms_tiv_ab"] == 0).all()
    assert (df.loc[2010:2024, "arms_tiv_ab"] > 0).all()
    assert (df["arms_tiv_ba"] == 0).all()
    # trade grew: the slope over the decade to 2014 is positive
    assert df.loc[2014, "trade_trend"] > 0
    assert df.loc[2014, "trade"] > 3 * df.loc[1995, "trade"]


@pytest.mark.needs_data
def test_real_facts_india_pakistan(ind_pak, usa_ind):
    df = ind_pak.set_index("year")
    assert (df.loc[1990:2010, "rivalry_td"] == 1).all() and (df["rivalry_tss"] == 1).all()
    assert df.loc[1999, "mid_count"] >= 1 and df.loc[1999, "mid_count_pct"] > 99
    assert df.loc[1999, "rivalry_tss_pct"] > 99
    # India-Pakistan UN agreement is far above US-India's
    us = usa_ind.set_index("year")
    assert df.loc[2010, "un_agree"] > us.loc[2010, "un_agree"] + 0.4


@pytest.mark.needs_data
def test_summary_rows(usa_ind):
    s = conv.convergence_summary("USA", "India", profile=usa_ind).set_index("dimension")
    assert s.loc["trade", "last_year"] == 2014 and s.loc["ally_s_abs", "last_year"] == 2018
    assert s.loc["un_agree", "latest"] == usa_ind.set_index("year").loc[2024, "un_agree"]
    assert s.loc["trade", "trend_from"] == 2005 and s.loc["trade", "trend_to"] == 2014
    assert s.loc["igos", "higher_is"] == "closer" and s.loc["mid_count", "higher_is"] == "further"
    for dim in ("arms_tiv_ab", "un_agree", "trade"):
        brk = usa_ind.attrs["breaks"][dim]
        if brk:
            assert s.loc[dim, "since"] == brk[-1] and s.loc[dim, "breaks"] == ", ".join(map(str, brk))
        else:
            assert np.isnan(s.loc[dim, "since"])


@pytest.mark.needs_data
def test_dyad_without_data_gives_na_not_a_crash():
    df = conv.convergence("USA", "South Sudan", "2000-2005", dimensions="unga,alliances,trade,igos,arms")
    dims = ["un_agree", "ally_s_abs", "trade", "igos", "arms_tiv_ab", "arms_dep_b_on_a"]
    assert df[dims].isna().all().all()
    assert df[[f"{d}_pct" for d in dims]].isna().all().all()
    summary = conv.convergence_summary("USA", "South Sudan", profile=df)
    assert (summary["n_years"] == 0).all()


def test_errors():
    with pytest.raises(UnknownStateError, match="Did you mean"):
        conv.convergence("USA", "Narnia", 2000, dimensions="igos")
    with pytest.raises(UnknownOptionError, match="valid dimensions: unga, ideal"):
        conv.convergence("USA", "India", 2000, dimensions="vibes")
    with pytest.raises(Exception, match="same state"):
        conv.convergence("USA", "United States", 2000, dimensions="igos")


@pytest.mark.needs_data
@pytest.mark.slow
def test_ideal_point_distance_dimension():
    """Ideal-point distance (fits the ideal points once per store; slow on a fresh store)."""
    from amity.measures.idealpoints import ideal_points, session_of_year

    df = conv.convergence("USA", "India", "2015-2019", dimensions="ideal").set_index("year")
    ip = ideal_points().set_index(["ccode", "session"])["ideal_point"]
    s = int(session_of_year()[2019])
    assert df.loc[2019, "ideal_distance"] == pytest.approx(abs(ip[(2, s)] - ip[(750, s)]))
    assert (df["ideal_distance_pct"] > 90).all()  # the US sits at one end of the UN spectrum
    assert "Bailey" in df.attrs["columns"]["ideal_distance"]["citation"]


# --- CLI ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.mark.needs_data
def test_cli_convergence_summary_and_profile(runner, tmp_path):
    from amity.cli import app

    res = runner.invoke(app, ["convergence", "USA", "IND", "--years", "2005-2014", "-d", "trade,igos",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["dimension"]: r for r in json.loads(res.stdout)}
    assert set(rows) == {"trade", "trade_share_a", "trade_share_b", "igos"}
    assert rows["igos"]["last_year"] == 2014
    out = tmp_path / "profile.parquet"
    res = runner.invoke(app, ["convergence", "USA", "IND", "--years", "2005-2014", "-d", "igos", "--view",
                              "profile", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert pd.read_parquet(out)["igos"].notna().all()


@pytest.mark.needs_data
def test_cli_arms_alliances_trade_capabilities(runner):
    from amity.cli import app

    res = runner.invoke(app, ["arms", "Pakistan", "--years", "2015-2024", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[1].split(",")[2] == "China"
    res = runner.invoke(app, ["arms", "USA", "India", "--years", "2019", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["tiv_a_to_b"] > 0
    res = runner.invoke(app, ["alliance-similarity", "Germany", "Russia", "--years", "1914", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["ccode1"] == 255
    res = runner.invoke(app, ["trade", "USA", "IND", "--years", "2014", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["trade"] > 0
    res = runner.invoke(app, ["capabilities", "India", "--years", "2023", "--milex", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["ccode"] == 750
