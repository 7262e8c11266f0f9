"""ATOP 5.1 member- and alliance-level files: the alliances behind a dyad's ties."""

from __future__ import annotations

import pandas as pd
import pytest

import amity
from amity.data import store
from amity.errors import CoverageError
from amity.measures.alliances import OBLIGATIONS, atop_dyad_years_from_members
from tests.helpers import run_cli

pytestmark = pytest.mark.needs_data


def test_us_india_non_aggression_is_atop_3755():
    """The US-India non-aggression tie from 2009 is ATOP 3755 (multilateral, begun 1976, 34 members):
    India entered in 2003, the United States in 2009."""
    rows = amity.alliances_between("USA", "India")
    tac = rows.set_index("atopid").loc[3755]
    assert tac["obligations"] == "nonagg" and not tac["bilateral"] and tac["n_members"] == 34
    assert (tac["begin"], tac["a_entry"], tac["b_entry"], tac["first_joint"]) == (1976, 2009, 2003, 2009)
    assert pd.isna(tac["end"]) and pd.isna(tac["a_exit"]) and pd.isna(tac["b_exit"])
    assert {"USA", "IND", "CHN", "PAK"} <= set(tac["members"].split(", "))
    # the dyad-year file's 2009 tie has no other alliance behind it
    assert amity.alliances_between("USA", "India", years=2009)["atopid"].tolist() == [3755]


def test_germany_is_looked_up_under_both_cow_codes():
    """West Germany (COW 260) joined NATO (ATOP 3180) in 1955; 'Germany' finds it for the 1950s."""
    rows = amity.alliances_between("Germany", "USA", years="1955-1960")
    assert 3180 in set(rows["atopid"])


def test_outside_atop_years_is_an_error_naming_the_coverage():
    with pytest.raises(CoverageError, match="ATOP 5.1 alliances cover 1815-2018"):
        amity.alliances_between("USA", "India", years=2024)


def test_alliances_cli_csv(capsys):
    code, out, _ = run_cli(["alliances", "USA", "IND", "--format", "csv"], capsys)
    assert code == 0
    assert out.splitlines()[0].startswith("atopid,obligations,bilateral,n_members,members,begin,end,a_entry")
    assert any(line.startswith("3755,nonagg,False,34,") for line in out.splitlines())


def test_dyad_years_rebuilt_from_members_match_peacesciencer():
    """Every directed dyad-year of peacesciencer's atop_alliance (ATOP 5.1) is rebuilt from the member
    file. The rebuild has 34 more dyad-years (20 of them involve a state that is not a COW system member
    that year, which the dyad file leaves out), and in 377 of 273,296 common dyad-years it has an
    obligation the dyad file lacks, never the reverse: the member file's flags do not say towards whom
    an obligation runs, so members bound towards only some partners get ties towards all (docs/measures.md).
    """
    rebuilt = atop_dyad_years_from_members()
    dyad_file = store.table("atop_alliance").astype("int64")
    keys = ["ccode1", "ccode2", "year"]
    both = rebuilt.merge(dyad_file, on=keys, how="outer", suffixes=("_m", "_p"), indicator=True)
    counts = both["_merge"].value_counts()
    assert (counts["both"], counts["left_only"], counts["right_only"]) == (273296, 34, 0)
    members = {(int(c), int(y)) for c, y in amity.state_years("cow")[["ccode", "year"]].itertuples(index=False)}
    extra = both[both["_merge"] == "left_only"]
    outside = [(c1, y) not in members or (c2, y) not in members for c1, c2, y in extra[keys].itertuples(index=False)]
    assert sum(outside) == 20
    common = both[both["_merge"] == "both"]
    m = common[[f"atop_{o}_m" for o in OBLIGATIONS]].to_numpy()
    p = common[[f"atop_{o}_p" for o in OBLIGATIONS]].to_numpy()
    differ = (m != p).any(axis=1)
    assert differ.sum() == 377
    assert (m[differ] >= p[differ]).all()
    # the US-India dyad-years agree exactly
    us_in = common[(common["ccode1"] == 2) & (common["ccode2"] == 750)]
    assert len(us_in) == 13 and not differ[((common["ccode1"] == 2) & (common["ccode2"] == 750)).to_numpy()].any()
