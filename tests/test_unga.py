"""UN General Assembly voting similarity: definitions, published values, the two records, real facts."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

import amity
from amity.errors import CoverageError, UnknownOptionError
from amity.measures import unga
from amity.measures._similarity import VOTE_MEASURES as MEASURES
from amity.measures._similarity import joint_table, measures_from_tables

# ------------------------------------------------------------------------------------------------------
# Definitions on hand-computed cases


def vote_measures(table):
    """Every UN measure of a 3x3 vote table (yes, abstain, no): the kernel similarity_all runs."""
    return measures_from_tables(table, measures=MEASURES)


def test_measures_hand_computed_case():
    # a = yes, yes, abstain, no; b = yes, abstain, abstain, yes
    # distances 0, 1, 0, 2; one half-agreement (yes/abstain); marginals a (2,1,1)/4, b (2,2,0)/4
    table = joint_table(np.array([1, 1, 2, 3]), np.array([1, 2, 2, 1]))
    m = vote_measures(table)
    assert m["agree"] == pytest.approx(2 / 4)
    assert m["ia"] == pytest.approx((2 + 0.5) / 4)
    assert m["s_abs"] == pytest.approx(1 - 2 * (3 / 4) / 2)  # mean |d| = 0.75, d_max = 2
    assert m["s_sq"] == pytest.approx(1 - 2 * (5 / 4) / 4)  # mean d^2 = 1.25, d_max^2 = 4
    # expected squared disagreement: p_a x p_b = 0.25 + 0.125 + 0.625 = 1.0
    assert m["kappa"] == pytest.approx(1 - 1.25 / 1.0)
    # pooled p = (0.5, 0.375, 0.125): expected = 2 * (0.1875 + 0.046875 + 4 * 0.0625) = 0.96875
    assert m["pi"] == pytest.approx(1 - 1.25 / 0.96875)
    # P_e = 0.25 + 0.140625 + 0.015625 = 0.40625
    assert m["pi_nominal"] == pytest.approx((0.5 - 0.40625) / (1 - 0.40625))


def test_identical_and_opposite_voters():
    same = vote_measures(joint_table(np.array([1, 2, 3, 1]), np.array([1, 2, 3, 1])))
    for name in MEASURES:
        assert same[name] == pytest.approx(1.0), name
    opposite = vote_measures(joint_table(np.array([1, 1, 3, 3]), np.array([3, 3, 1, 1])))
    assert opposite["agree"] == 0 and opposite["ia"] == 0
    assert opposite["s_abs"] == pytest.approx(-1.0) and opposite["s_sq"] == pytest.approx(-1.0)


def test_undefined_cases_are_nan():
    empty = vote_measures(np.zeros((3, 3)))
    assert all(np.isnan(v) for v in empty.values())
    # both always yes: perfect agreement, but chance agreement is certain, so kappa/pi are undefined
    all_yes = vote_measures(joint_table(np.ones(5), np.ones(5)))
    assert all_yes["agree"] == 1 and all_yes["s_abs"] == 1
    assert np.isnan(all_yes["kappa"]) and np.isnan(all_yes["pi"]) and np.isnan(all_yes["pi_nominal"])


# ------------------------------------------------------------------------------------------------------
# Published values


@pytest.mark.needs_data
@pytest.mark.parametrize("source", ["auto", "fpsim", "unvotes"])
def test_oracle_us_mexico_1946(source):
    """oracles/README.md: 38 joint votes, kappa (quadratic) -0.01222707, Scott's pi nominal -0.02775801."""
    row = amity.similarity("USA", "Mexico", years=1946, source=source).iloc[0]
    assert row["n"] == 38
    assert round(row["kappa"], 8) == -0.01222707
    assert round(row["pi_nominal"], 8) == -0.02775801


@pytest.mark.needs_data
def test_agree_is_voeten_share_of_identical_votes():
    """agree = identical votes / joint votes, counted straight from the vote rows."""
    votes = amity.un_votes(years=2019)
    us = votes[votes["iso3"] == "USA"].set_index("rcid")["vote"]
    ind = votes[votes["iso3"] == "IND"].set_index("rcid")["vote"]
    joint = pd.concat([us, ind], axis=1, join="inner")
    row = amity.similarity("United States", "India", years=2019).iloc[0]
    assert row["n"] == len(joint) == 90
    assert row["agree"] == (joint.iloc[:, 0] == joint.iloc[:, 1]).sum() / len(joint)


@pytest.mark.needs_data
def test_kappa_matches_scikit_learn():
    """Quadratic-weighted Cohen's kappa as scikit-learn computes it, on real dyads."""
    votes = amity.un_votes(years=1985)
    wide = votes.pivot(index="rcid", columns="ccode", values="vote")
    for a, b in [(2, 365), (750, 770), (200, 220), (2, 666)]:
        pair = wide[[a, b]].dropna().astype(int)
        expected = cohen_kappa_score(pair[a], pair[b], labels=[1, 2, 3], weights="quadratic")
        got = amity.similarity(a, b, years=1985, measures="kappa")["kappa"].iat[0]
        assert got == pytest.approx(expected, abs=1e-12)


# ------------------------------------------------------------------------------------------------------
# The two records


@pytest.mark.needs_data
def test_records_agree_where_both_cover_a_roll_call():
    """Every fpsim roll call of sessions 1-74 has an unvotes counterpart, with identical country votes."""
    xw = unga.un_roll_call_crosswalk()
    fpsim = amity.un_votes(source="fpsim")
    assert len(xw) == fpsim.loc[fpsim["session"] <= 74, "rcid"].nunique() == 5784
    assert xw["resid"].is_unique and xw["rcid"].is_unique
    assert (xw["resid"] // 1000 == xw["session"]).all()
    # country-level comparison: same COW code, same roll call -> same vote
    unv = amity.un_votes(source="unvotes").merge(xw[["resid", "rcid"]], on="rcid")
    both = unv.merge(fpsim, left_on=["resid", "ccode"], right_on=["rcid", "ccode"], suffixes=("_u", "_f"))
    assert len(both) == xw["n_common"].sum() > 790_000
    disagree = (both["vote_u"] != both["vote_f"]).sum()
    assert disagree == 0
    assert (both["date_u"] == both["date_f"]).all()
    # the roll calls unvotes has beyond fpsim, sessions 1-74, are later-added separate votes (sessions 52-72)
    extra = set(amity.un_votes(source="unvotes")["rcid"]) - set(xw["rcid"])
    assert len(extra) == 419
    assert min(extra) >= 5640


@pytest.mark.needs_data
def test_issue_filter_on_fpsim_uses_the_crosswalk():
    """Filtered fpsim roll calls are exactly the crosswalk images of the filtered unvotes roll calls."""
    xw = unga.un_roll_call_crosswalk().set_index("rcid")["resid"]
    u = amity.un_votes(source="unvotes", years="2000-2005", issue="nu")
    f = amity.un_votes(source="fpsim", years="2000-2005", issue="Nuclear weapons and nuclear material")
    assert set(f["rcid"]) == set(xw.reindex(u["rcid"].unique()).dropna().astype(int))
    assert 0 < f["rcid"].nunique() < amity.un_votes(years="2000-2005")["rcid"].nunique()


@pytest.mark.needs_data
def test_important_votes_are_a_subset():
    allv = amity.un_votes(years="1990-1995")
    imp = amity.un_votes(years="1990-1995", important=True)
    assert 0 < imp["rcid"].nunique() < allv["rcid"].nunique()
    assert set(imp["rcid"]) <= set(allv["rcid"])


@pytest.mark.needs_data
def test_filters_after_2019_warn_or_refuse():
    with pytest.warns(unga.UNCoverageWarning, match="end in 2019"):
        df = amity.similarity("USA", "IND", years="2018-2022", issue="hr")
    assert df["year"].max() == 2019
    with pytest.raises(CoverageError, match="2019"):
        amity.similarity("USA", "IND", years="2021-2023", issue="hr")


@pytest.mark.needs_data
def test_year_is_the_calendar_year_of_the_vote():
    """Session 74's last roll call (resid 74023) was held on 14 January 2020."""
    votes = amity.un_votes(years=2020)
    assert (votes.loc[votes["rcid"] == 74023, "date"] == pd.Timestamp("2020-01-14")).all()
    assert 74023 not in set(amity.un_votes(years=2019)["rcid"])


@pytest.mark.needs_data
def test_fpsim_runs_to_june_2024_and_the_default_record_to_june_2026():
    votes = amity.un_votes(source="fpsim")
    assert votes["session"].max() == 78 and votes["date"].max() == pd.Timestamp("2024-06-04")
    combined = amity.un_votes()
    assert combined["session"].max() == 80 and combined["date"].max() == pd.Timestamp("2026-06-04")


# ------------------------------------------------------------------------------------------------------
# All dyads at once


def _straightforward(votes: pd.DataFrame) -> pd.DataFrame:
    """Per-dyad measures from the vote vectors directly (no joint tables, no matrix products)."""
    pairs = votes.merge(votes, on="rcid")
    pairs = pairs[pairs["ccode_x"] < pairs["ccode_y"]]
    rows = []
    for (c1, c2), g in pairs.groupby(["ccode_x", "ccode_y"]):
        a, b = g["vote_x"].to_numpy(float), g["vote_y"].to_numpy(float)
        d = a - b
        pa = np.array([(a == k).mean() for k in (1, 2, 3)])
        pb = np.array([(b == k).mean() for k in (1, 2, 3)])
        pooled = (pa + pb) / 2
        w = (np.arange(3)[:, None] - np.arange(3)[None, :]) ** 2
        de_k, de_p = pa @ w @ pb, pooled @ w @ pooled
        pe = (pooled**2).sum()
        rows.append({
            "ccode1": c1, "ccode2": c2, "n": len(a), "agree": (d == 0).mean(),
            "ia": (d == 0).mean() + 0.5 * (((a == 2) | (b == 2)) & (np.abs(d) == 1)).mean(),
            "s_abs": 1 - 2 * np.abs(d).mean() / 2, "s_sq": 1 - 2 * (d**2).mean() / 4,
            "kappa": 1 - (d**2).mean() / de_k if de_k > 0 else np.nan,
            "pi": 1 - (d**2).mean() / de_p if de_p > 0 else np.nan,
            "pi_nominal": ((d == 0).mean() - pe) / (1 - pe) if pe < 1 else np.nan,
        })
    return pd.DataFrame(rows)


@pytest.mark.needs_data
@pytest.mark.parametrize("year", [1946, 1992])
def test_similarity_all_matches_straightforward_computation(year):
    fast = amity.similarity_all(years=year)
    fast = fast[fast["n"] > 0].reset_index(drop=True)
    slow = _straightforward(amity.un_votes(years=year))
    assert list(fast[["ccode1", "ccode2"]].itertuples(index=False)) == list(
        slow[["ccode1", "ccode2"]].itertuples(index=False)
    )
    assert (fast["n"].to_numpy() == slow["n"].to_numpy()).all()
    for name in MEASURES:
        np.testing.assert_allclose(fast[name], slow[name], rtol=0, atol=1e-12, err_msg=name)


@pytest.mark.needs_data
def test_similarity_all_agrees_with_single_dyads_and_sessions():
    allv = amity.similarity_all(years="2019", measures=["agree", "kappa"]).set_index(["ccode1", "ccode2"])
    one = amity.similarity(750, 770, years=2019, measures="agree,kappa").iloc[0]
    assert allv.loc[(750, 770), "agree"] == one["agree"]
    assert allv.loc[(750, 770), "kappa"] == one["kappa"]
    by_session = amity.similarity_all(years="2019", by="session", measures="agree")
    assert set(by_session["session"]) <= {73, 74}
    assert (allv["n"] >= 0).all() and (allv.index.get_level_values(0) < allv.index.get_level_values(1)).all()


@pytest.mark.needs_data
def test_similarity_by_session_counts_the_session_roll_calls():
    votes = amity.un_votes()
    s70 = votes[votes["session"] == 70]
    joint = s70[s70["ccode"] == 2].merge(s70[s70["ccode"] == 365], on="rcid")
    df = amity.similarity("USA", "Russia", by="session")
    assert df.loc[df["session"] == 70, "n"].iat[0] == len(joint)


# ------------------------------------------------------------------------------------------------------
# Real facts and errors


@pytest.mark.needs_data
def test_india_pakistan_far_closer_than_us_india_in_2019():
    ind_pak = amity.similarity("India", "Pakistan", years=2019, measures="agree,kappa").iloc[0]
    us_ind = amity.similarity("USA", "India", years=2019, measures="agree,kappa").iloc[0]
    assert ind_pak["agree"] > us_ind["agree"] + 0.5
    assert ind_pak["kappa"] > 0 > us_ind["kappa"]


@pytest.mark.needs_data
def test_no_joint_votes_gives_na_not_a_crash():
    """South Sudan joined the UN in July 2011."""
    df = amity.similarity("USA", "South Sudan", years="2009-2012")
    first = df.set_index("year").loc[2009]
    assert first["n"] == 0 and first[list(MEASURES)].isna().all()
    assert df.set_index("year").loc[2012, "n"] > 0


@pytest.mark.parametrize(
    "kwargs, kind",
    [({"measures": "agree,bogus"}, "measure"), ({"issue": "economy"}, "issue"),
     ({"source": "voeten"}, "source"), ({"by": "decade"}, "grouping")],
)
def test_unknown_options_list_valid_ones(kwargs, kind):
    with pytest.raises(UnknownOptionError, match=f"unknown {kind}") as err:
        amity.similarity("USA", "IND", years=2019, **kwargs)
    assert len(err.value.valid) >= 2
    with pytest.raises(UnknownOptionError):
        amity.similarity_all(years=2019, **kwargs)


@pytest.mark.needs_data
def test_add_unga_similarity_joins_directed_dyad_years():
    frame = pd.DataFrame({"ccode1": [750, 770, 2, 2, 750], "ccode2": [770, 750, 750, 626, 750],
                          "year": [2019, 2019, 2019, 2009, 2019]}, index=[10, 11, 12, 13, 14])
    out = amity.add_unga_similarity(frame)
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert list(out.columns[-4:]) == ["unga_n", "unga_agree", "unga_s_abs", "unga_kappa"]
    ip = amity.similarity("IND", "PAK", years=2019).iloc[0]
    assert out.loc[10, "unga_agree"] == out.loc[11, "unga_agree"] == ip["agree"]
    assert out.loc[12, "unga_kappa"] == amity.similarity("USA", "IND", years=2019)["kappa"].iat[0]
    assert pd.isna(out.loc[13, "unga_agree"])  # South Sudan (626) was not yet a state in 2009
    assert pd.isna(out.loc[14, "unga_agree"])  # a state with itself is not a dyad


# ------------------------------------------------------------------------------------------------------
# CLI


@pytest.mark.needs_data
def test_cli_similarity(tmp_path):
    from amity.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["similarity", "USA", "IND", "--years", "2018-2019", "--measures",
                              "agree,s_abs,kappa", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[0] == "a,b,year,n,agree,s_abs,kappa,record" and lines[2].startswith("USA,IND,2019,90,0.2,")
    assert lines[2].endswith(",fpsim")
    out = tmp_path / "all.parquet"
    res = runner.invoke(app, ["similarity", "--all", "--years", "2019", "-o", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_parquet(out)
    assert {"ccode1", "ccode2", "year", "n", "agree", "kappa"} <= set(df.columns) and len(df) > 18_000
    res = runner.invoke(app, ["similarity", "USA", "IND", "--measures", "nope"])
    assert isinstance(res.exception, UnknownOptionError)


@pytest.mark.needs_data
def test_filters_warn_when_years_unbounded():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        amity.un_votes(issue="me")
    assert any(issubclass(w.category, unga.UNCoverageWarning) for w in caught)


@pytest.mark.needs_data
def test_add_unga_similarity_on_a_dyad_year_frame():
    from amity.errors import AmityError
    from amity.frames import dyad_years

    frame = dyad_years(years="2018-2019")
    out = amity.add_unga_similarity(frame, measures=["agree"])
    assert len(out) == len(frame) and out["unga_agree"].notna().mean() > 0.95
    assert out["unga_agree"].dropna().between(0, 1).all()
    with pytest.raises(AmityError, match="ccode1"):
        amity.add_unga_similarity(pd.DataFrame({"year": [2019]}))
