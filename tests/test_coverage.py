"""Coverage shown honestly: what a dyad's evidence covers, its holes, and errors (never empty tables) for
requests outside a source's years."""

from __future__ import annotations

import pandas as pd
import pytest

import amity
from tests.helpers import run_cli

pytestmark = pytest.mark.needs_data


@pytest.fixture(scope="module")
def usa_ind() -> pd.DataFrame:
    return amity.coverage("USA", "IND").set_index("dimension")


def test_first_and_last_year_per_dimension(usa_ind):
    assert (usa_ind.loc["unga", "first"], usa_ind.loc["unga", "last"]) == (1947, 2026)
    assert (usa_ind.loc["events", "first"], usa_ind.loc["events", "last"]) == (2002, 2014)
    assert usa_ind.loc["alliances", "first"] == 1962 and usa_ind.loc["alliances", "last"] == 2018
    assert usa_ind.loc["events", "source_years"] == "2002-2014"
    assert usa_ind.loc["unga", "dyad_years"] == "1947-2026"  # India's independence


def test_holes_are_named(usa_ind):
    # 1964: the Assembly held no roll call (session 19's one vote was in February 1965)
    assert "none 1964" in usa_ind.loc["unga", "holes"]
    assert "no joint UN roll call between 6 December 1963 and 6 February 1965" in usa_ind.loc["unga", "holes"]
    assert usa_ind.loc["events", "holes"] == "not covered 1947-2001, 2015-2026 (source covers 2002-2014)"
    assert "not covered 2019-2026 (source covers 1815-2018)" in usa_ind.loc["alliances", "holes"]


def test_evidence_per_year_matches_the_measures():
    per_year = amity.coverage_by_year("USA", "IND", years="2009-2026").set_index("year")
    sims = amity.similarity("USA", "IND", years="2009-2026", measures="agree").set_index("year")
    assert per_year["un_joint_votes"].tolist() == sims["n"].tolist()
    assert per_year.loc[2025, "un_record"] == "un_extract"
    assert per_year.loc[2009, "atop_alliances"] == 1  # ATOP 3755
    assert pd.isna(per_year.loc[2019, "atop_alliances"]) and pd.isna(per_year.loc[2015, "icews_events"])
    assert pd.isna(per_year.loc[2025, "arms_deliveries"]) and per_year.loc[2022, "arms_deliveries"] > 0
    frame = amity.add_icews(pd.DataFrame({"ccode1": [2], "ccode2": [750], "year": [2010]}))
    events = frame.filter(like="icews_").sum(axis=1).iloc[0]
    assert per_year.loc[2010, "icews_events"] == events


def test_coverage_cli_and_outside_request(capsys):
    code, out, _ = run_cli(["coverage", "USA", "IND", "--years", "2020-2026", "--format", "csv"], capsys)
    assert code == 0 and out.splitlines()[0].startswith("dimension,evidence,source_years,dyad_years,first,last")
    code, _, err = run_cli(["coverage", "USA", "IND", "--years", "3000"], capsys)
    assert code == 2 and "cover 1815-2026; year 3000 lies outside" in err


@pytest.mark.parametrize("args, coverage", [
    (["similarity", "USA", "IND"], "cover 1946-2026"),
    (["capabilities", "USA"], "COW National Material Capabilities cover 1816-2022"),
    (["alliances", "USA", "IND"], "ATOP 5.1 alliances cover 1815-2018"),
    (["idealdistance", "USA", "IND"], "UN ideal points cover 1946-2026"),
    (["arms", "USA", "IND"], "cover 1990-2024"),
])
def test_requests_wholly_outside_coverage_are_errors_naming_it(args, coverage, capsys):
    code, out, err = run_cli([*args, "--years", "3000"], capsys)
    assert code == 2 and coverage in err and "3000" in err and not out.strip()


def test_dyadigos_is_na_not_zero_where_the_igo_data_hold_no_row():
    """In 1990 the IGO data have no rows for West and East Germany (260, 265) or North and South Yemen
    (678, 680), which end during the year: their 642 dyad-years are NA, as in peacesciencer, and those of
    unified Germany (255) and Yemen (679) are counted."""
    frame = amity.add_igos(amity.dyad_years(years="1816-2014"))
    missing = frame[frame["dyadigos"].isna()]
    assert len(missing) == 642 and set(missing["year"]) == {1990}
    ended = {260, 265, 678, 680}
    assert (missing["ccode1"].isin(ended) | missing["ccode2"].isin(ended)).all()
    unified = frame[(frame["year"] == 1990) & ((frame["ccode1"] == 255) | (frame["ccode2"] == 255))]
    assert unified["dyadigos"].notna().all() and (unified["dyadigos"] > 0).any()
