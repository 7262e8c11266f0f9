"""ICEWS event counts by directed dyad-year (netify's aggregation, 2002-2014): add_icews and the events
dimension of the convergence profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyreadr
import pytest

import amity
from amity.measures import convergence as conv

pytestmark = pytest.mark.needs_data


@pytest.fixture(scope="module")
def icews_file(mirror) -> pd.DataFrame:
    """The netify file read directly, independently of amity's parser."""
    return pyreadr.read_r(str(mirror / "events" / "icews_netify" / "icews.rda"))["icews"]


def _file_value(raw: pd.DataFrame, i: str, j: str, year: int, col: str) -> float:
    row = raw[(raw["i_iso3c"] == i) & (raw["j_iso3c"] == j) & (raw["year"] == year)]
    assert len(row) == 1
    return float(row[col].iloc[0])


def test_us_to_india_verbal_cooperation_2010_equals_the_file(icews_file):
    frame = amity.dyad_years(years=2010)
    frame = amity.add_icews(frame[(frame["ccode1"] == 2) & (frame["ccode2"] == 750)])
    row = frame.iloc[0]
    assert row["icews_verb_coop_12"] == _file_value(icews_file, "USA", "IND", 2010, "verbCoop")
    assert row["icews_verb_coop_21"] == _file_value(icews_file, "IND", "USA", 2010, "verbCoop")
    assert row["icews_matl_conf_12"] == _file_value(icews_file, "USA", "IND", 2010, "matlConf")


def test_directed_frames_are_oriented_to_the_row(icews_file):
    frame = amity.dyad_years(years=2010, directed=True)
    frame = amity.add_icews(frame[(frame["ccode1"] == 750) & (frame["ccode2"] == 2)])
    row = frame.iloc[0]
    assert row["icews_verb_coop_12"] == _file_value(icews_file, "IND", "USA", 2010, "verbCoop")
    assert row["icews_verb_coop_21"] == _file_value(icews_file, "USA", "IND", 2010, "verbCoop")


def test_missing_is_na_never_zero(icews_file):
    frame = amity.dyad_years(years="2001-2015")
    out = amity.add_icews(frame)
    cols = [c for c in out.columns if c.startswith("icews_")]
    assert out.loc[out["year"].isin([2001, 2015]), cols].isna().all().all()
    covered = out[out["year"].between(2002, 2014)]
    in_file = set(icews_file["i_iso3c"])
    iso = amity.crosswalk().set_index("cow")["iso3"]
    lacks = ~covered["ccode1"].map(iso).isin(in_file) | ~covered["ccode2"].map(iso).isin(in_file)
    assert lacks.any() and covered.loc[lacks, cols].isna().all().all()
    # between two states the file holds, every year has a row (the file is a full grid)
    assert covered.loc[~lacks, cols].notna().all().all()
    assert len(icews_file) == 152 * 151 * 13


def test_events_dimension_in_the_profile(icews_file):
    df = conv.convergence("USA", "India", "2000-2016", dimensions="events")
    by_year = df.set_index("year")
    coop = _file_value(icews_file, "USA", "IND", 2010, "verbCoop") + _file_value(
        icews_file, "USA", "IND", 2010, "matlCoop")
    conf = _file_value(icews_file, "USA", "IND", 2010, "verbConf") + _file_value(
        icews_file, "USA", "IND", 2010, "matlConf")
    assert by_year.loc[2010, "events_net_coop_ab"] == coop - conf
    assert by_year.loc[2010, "events_coop_share_ab"] == pytest.approx(coop / (coop + conf))
    assert np.isnan(by_year.loc[2001, "events_net_coop_ab"]) and np.isnan(by_year.loc[2015, "events_net_coop_ba"])
    assert 0 <= by_year.loc[2010, "events_net_coop_ab_pct"] <= 100
    citation = df.attrs["columns"]["events_net_coop_ab"]["citation"]
    assert "Boschee" in citation and "netify" in citation
