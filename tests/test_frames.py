"""Dyad-year frames and the add_* joins, checked against real facts and peacesciencer's own frame."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import amity
from amity.errors import CoverageError, FrameError
from amity.years import parse_years
from tests.helpers import run_cli


def test_parse_years_forms():
    assert parse_years(2019) == [2019]
    assert parse_years("1991-1993") == [1991, 1992, 1993]
    assert parse_years("1946-1947,1991") == [1946, 1947, 1991]
    assert parse_years(range(2000, 2003)) == [2000, 2001, 2002]
    assert parse_years(None) is None
    with pytest.raises(ValueError, match="runs backwards"):
        parse_years("2019-1991")
    with pytest.raises(ValueError, match="cannot read years"):
        parse_years("last decade")


@pytest.mark.needs_data
def test_dyad_years_equal_peacesciencer_cow_ddy(mirror):
    import pyreadr

    ours = amity.dyad_years(years="1816-2024", directed=True)
    theirs = pyreadr.read_r(str(mirror / "peacesciencer" / "cow_ddy.rda"))["cow_ddy"].astype("int64")
    assert len(ours) == len(theirs) == 2_214_930
    merged = ours.merge(theirs, how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()


@pytest.mark.needs_data
def test_non_directed_is_half_of_directed_and_ordered():
    und = amity.dyad_years(years="1946-2018")
    assert len(und) == 873_800
    assert (und["ccode1"] < und["ccode2"]).all()
    assert len(amity.dyad_years(years=2000, directed=True)) == 2 * len(amity.dyad_years(years=2000))
    with pytest.raises(CoverageError):
        amity.dyad_years(years="1700-1800")


@pytest.mark.needs_data
def test_us_japan_defense_pact_and_na_after_atop_ends():
    df = amity.dyad_years(years="2000,2018,2019").pipe(amity.add_atop)
    usjpn = df[(df.ccode1 == 2) & (df.ccode2 == 740)].set_index("year")
    assert usjpn.loc[2000, "atop_defense"] == 1 and usjpn.loc[2018, "atop_defense"] == 1
    assert pd.isna(usjpn.loc[2019, "atop_defense"])  # ATOP ends in 2018: missing, not zero
    assert df.loc[df.year == 2000, "atop_defense"].notna().all()


@pytest.mark.needs_data
def test_directed_and_non_directed_atop_agree():
    und = amity.dyad_years(years=2000).pipe(amity.add_atop)
    dire = amity.dyad_years(years=2000, directed=True).pipe(amity.add_atop)
    dire["a"] = dire[["ccode1", "ccode2"]].min(axis=1)
    dire["b"] = dire[["ccode1", "ccode2"]].max(axis=1)
    either = dire.groupby(["a", "b"])["atop_defense"].max()
    both = und.set_index(["ccode1", "ccode2"])["atop_defense"]
    assert (either.loc[both.index].to_numpy() == both.to_numpy()).all()
    assert int(und["atop_defense"].sum()) > 0


@pytest.mark.needs_data
def test_india_cinc_exceeds_pakistan_every_year():
    df = amity.dyad_years(years="1947-2022").pipe(amity.add_capabilities)
    indpak = df[(df.ccode1 == 750) & (df.ccode2 == 770)]
    assert len(indpak) == 2022 - 1947 + 1
    assert (indpak["cinc1"] > indpak["cinc2"]).all()
    assert (indpak["cinc_ratio"] > 1).all()


@pytest.mark.needs_data
def test_igos_mids_rivalry_contiguity_trade_for_india_pakistan():
    df = (
        amity.dyad_years(years="1965,1999,2014,2015,2021")
        .pipe(amity.add_igos).pipe(amity.add_mids).pipe(amity.add_rivalry)
        .pipe(amity.add_contiguity).pipe(amity.add_trade)
    )
    ip = df[(df.ccode1 == 750) & (df.ccode2 == 770)].set_index("year")
    assert ip.loc[1999, "mid_count"] >= 1 and ip.loc[1999, "mid_hostlev"] >= 4  # the Kargil crisis year
    assert ip.loc[1999, "td_rivalry"] == 1 and ip.loc[2015, "tss_rivalry"] == 1
    assert pd.isna(ip.loc[2015, "td_rivalry"])  # Thompson & Dreyer end in 2010
    assert ip.loc[1999, "conttype"] == 1
    assert ip.loc[2014, "dyadigos"] > 0 and pd.isna(ip.loc[2015, "dyadigos"])
    assert ip.loc[2014, "trade"] == ip.loc[2014, "flow1"] + ip.loc[2014, "flow2"]
    assert pd.isna(ip.loc[2021, "trade"])


@pytest.mark.needs_data
def test_trade_is_oriented_to_the_frame_in_directed_frames():
    dire = amity.dyad_years(years=2010, directed=True).pipe(amity.add_trade)
    ab = dire[(dire.ccode1 == 2) & (dire.ccode2 == 750)].iloc[0]
    ba = dire[(dire.ccode1 == 750) & (dire.ccode2 == 2)].iloc[0]
    assert ab["flow1"] == ba["flow2"] and ab["flow2"] == ba["flow1"]


@pytest.mark.needs_data
def test_gw_dyads_use_gw_codes():
    gw = amity.dyad_years(system="gw", years=1995)
    assert ((gw.ccode1 == 2) & (gw.ccode2 == 260)).any()
    assert not ((gw.ccode1 == 2) & (gw.ccode2 == 255)).any()


def test_a_frame_without_the_dyad_key_is_refused_with_what_to_do():
    for step in (amity.add_atop, amity.add_capability_share, amity.add_arms):
        with pytest.raises(FrameError, match=r"lacks ccode1, ccode2\. Start from amity\.dyad_years"):
            step(pd.DataFrame({"year": [2000]}))


@pytest.mark.needs_data
def test_add_steps_record_their_sources():
    from amity.frames.contract import provenance

    df = amity.dyad_years(years=2000).pipe(amity.add_atop).pipe(amity.add_capabilities)
    df = amity.add_unga_similarity(df, measures=["agree"])
    steps = {p.step: p for p in provenance(df)}
    assert list(steps) == ["dyad_years", "add_atop", "add_capabilities", "add_unga_similarity"]
    assert steps["add_atop"].source == "atop" and "atop_defense" in steps["add_atop"].columns
    assert "Singer" in steps["add_capabilities"].citation and "cinc_ratio" in steps["add_capabilities"].columns
    assert steps["add_unga_similarity"].columns == ("unga_n", "unga_agree")
    # the per-step view documented in the README
    assert df.attrs["sources"]["add_atop"][0]["source"] == "atop"


@pytest.mark.needs_data
def test_measure_steps_keep_a_directed_frame_row_for_row():
    frame = amity.dyad_years(years="2016-2017", directed=True)
    out = frame.pipe(amity.add_alliance_similarity, measures=["s_abs"]).pipe(amity.add_unga_similarity)
    assert out.index.equals(frame.index) and out[["ccode1", "ccode2", "year"]].equals(frame)
    # a directed frame has both orders of a dyad; undirected measures give both the same value
    usa_ind = out[(out.ccode1 == 2) & (out.ccode2 == 750)][["year", "ally_s_abs", "unga_agree"]].reset_index(drop=True)
    ind_usa = out[(out.ccode1 == 750) & (out.ccode2 == 2)][["year", "ally_s_abs", "unga_agree"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(usa_ind, ind_usa)
    assert usa_ind["ally_s_abs"].notna().all() and usa_ind["unga_agree"].between(0, 1).all()


@pytest.mark.needs_data
def test_dyads_cli_and_outputs(tmp_path, capsys):
    code, out, _ = run_cli(["dyads", "--years", "2000", "--add", "atop,igos", "--format", "json"], capsys)
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(amity.dyad_years(years=2000))
    assert {"atop_defense", "dyadigos"} <= set(rows[0])
    target = tmp_path / "frame.parquet"
    code, _, err = run_cli(["dyads", "--years", "2000", "-o", str(target)], capsys)
    assert code == 0 and pd.read_parquet(target).shape[0] == len(rows)
    code, _, err = run_cli(["dyads", "--add", "alliances"], capsys)
    assert code == 2 and "valid add steps" in err


@pytest.mark.needs_data
def test_dyad_summary_cli(capsys):
    code, out, _ = run_cli(["dyad", "USA", "IND", "--years", "2000-2002", "--format", "csv"], capsys)
    df = pd.read_csv(__import__("io").StringIO(out))
    assert code == 0 and list(df["year"]) == [2000, 2001, 2002]
    assert (df["a"] == "USA").all() and (df["cinc1"] > df["cinc2"]).all()


@pytest.mark.needs_data
def test_joining_in_one_query_equals_piping_the_steps():
    years = "1998-2001,2015,2019"
    piped = amity.dyad_years(years=years, directed=True)
    for step in ("atop", "capabilities", "igos", "mids", "rivalry", "contiguity", "trade"):
        piped = getattr(amity, f"add_{step}")(piped)
    at_once = amity.dyad_years(years=years, directed=True, add=["atop", "capabilities", "igos", "mids", "rivalry",
                                                                "contiguity", "trade"])
    pd.testing.assert_frame_equal(piped.reset_index(drop=True), at_once, check_dtype=False)
