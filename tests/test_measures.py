"""Alliance portfolio similarity kernels and ATOP measures, capabilities and trade (amity.measures)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import kendalltau

from amity.errors import CoverageError, UnknownOptionError, UnknownStateError
from amity.measures._similarity import pair_measures, portfolio_measures

ORACLE = "oracles/gmyrus14.csv"


@pytest.fixture(scope="module")
def gmyrus14(mirror: Path) -> pd.DataFrame:
    return pd.read_csv(mirror / ORACLE)


# --- kernels: the published oracle and hand-computed cases ---------------------------------------------


@pytest.mark.needs_data
def test_signorino_ritter_table6_oracle(gmyrus14):
    """Signorino & Ritter (1999) Table 6 / fpsim: every published value, to the published digits."""
    got = pair_measures(gmyrus14["gmy"], gmyrus14["rus"], weights=gmyrus14["syscap"], d_max=3)
    assert round(got["s_abs"], 10) == 0.4
    assert round(got["s_abs_weighted"], 10) == -0.46
    assert round(got["tau_b"], 8) == 0.03031695
    assert round(got["kappa"], 8) == -0.07758621
    assert round(got["pi_nominal"], 8) == -0.04477612


@pytest.mark.needs_data
def test_oracle_through_the_matrix_kernel(gmyrus14):
    """The all-pairs kernel gives the oracle too (portfolios as rows of a 2 x 20 matrix)."""
    X = np.vstack([gmyrus14["gmy"], gmyrus14["rus"]])
    got = portfolio_measures(X, gmyrus14["syscap"].to_numpy(dtype=float), d_max=3, levels=4)
    assert round(float(got["s_abs"][0]), 10) == 0.4
    assert round(float(got["s_abs_weighted"][0]), 10) == -0.46
    assert round(float(got["kappa"][0]), 8) == -0.07758621
    assert round(float(got["tau_b"][0]), 8) == 0.03031695


def test_hand_computed_small_case():
    """x = (3, 0, 1), y = (3, 0, 0), computed by hand.

    |x - y| sums to 1: S_abs = 1 - 2*1/(3*3) = 7/9; (x - y)^2 sums to 1: S_sq = 1 - 2*1/(3*9) = 25/27.
    Kappa: D_obs = 1/3; p = (1/3 at 0, 1, 3), q = (2/3 at 0, 1/3 at 3): D_exp = 1 + 2/3 + 2 = 11/3,
    kappa = 10/11. Pi: pooled r = (1/2, 1/6, 0, 1/3), D_exp = 2 var(r) = 65/18, pi = 59/65.
    Nominal pi: p_obs = 2/3, p_exp = 1/4 + 1/36 + 1/9 = 7/18, pi_nominal = (2/3 - 7/18)/(11/18) = 5/11.
    """
    got = pair_measures([3, 0, 1], [3, 0, 0], weights=[1.0, 1.0, 2.0])
    assert got["s_abs"] == pytest.approx(7 / 9, abs=1e-15)
    assert got["s_sq"] == pytest.approx(25 / 27, abs=1e-15)
    assert got["s_abs_weighted"] == pytest.approx(1 - 2 * 2 / (3 * 4), abs=1e-15)
    assert got["kappa"] == pytest.approx(10 / 11, abs=1e-15)
    assert got["pi"] == pytest.approx(59 / 65, abs=1e-15)
    assert got["pi_nominal"] == pytest.approx(5 / 11, abs=1e-15)
    assert got["tau_b"] == pytest.approx(kendalltau([3, 0, 1], [3, 0, 0]).statistic, abs=1e-15)


def test_matrix_kernel_equals_pairwise_definition():
    rng = np.random.default_rng(7)
    X = rng.choice(4, size=(9, 40), p=[0.7, 0.1, 0.1, 0.1])
    w = rng.random(40)
    allp = portfolio_measures(X, w)
    iu, ju = np.triu_indices(9, 1)
    for p, (i, j) in enumerate(zip(iu, ju)):
        one = pair_measures(X[i], X[j], w)
        for name, value in one.items():
            assert allp[name][p] == pytest.approx(value, abs=1e-12), (name, i, j)
        assert one["tau_b"] == pytest.approx(kendalltau(X[i], X[j]).statistic, abs=1e-12)


def test_identical_portfolios_score_one_and_bad_values_refused():
    got = pair_measures([3, 0, 2, 1], [3, 0, 2, 1], weights=[0.1, 0.2, 0.3, 0.4])
    assert all(v == pytest.approx(1.0) for v in got.values())
    with pytest.raises(ValueError, match="0..3"):
        pair_measures([4, 0], [0, 0])


# --- alliance similarity on the real ATOP data ----------------------------------------------------------


@pytest.fixture(scope="module")
def ally1914():
    from amity.measures.alliances import alliance_similarity

    return alliance_similarity(1914)


@pytest.mark.needs_data
def test_alliance_similarity_shape_and_columns(ally1914):
    cols = ["ccode1", "ccode2", "year", "n", "s_abs", "s_sq", "s_abs_weighted", "kappa", "pi", "tau_b"]
    assert list(ally1914.columns[: len(cols)]) == cols
    n = int(ally1914["n"].iat[0])
    assert n == 45  # COW system members in 1914
    assert len(ally1914) == n * (n - 1) // 2
    assert (ally1914["ccode1"] < ally1914["ccode2"]).all()
    assert ally1914["s_abs"].between(-1, 1).all()
    meta = ally1914.attrs["columns"]["s_abs_weighted"]
    assert "Signorino" in meta["citation"] and "Leeds" in meta["citation"] and meta["source"] == "atop"


@pytest.mark.needs_data
def test_gmy_rus_1914_real_atop_matches_single_pair_path(ally1914):
    """The system-wide matrix result equals the one-pair definition fed the ATOP portfolios directly."""
    from amity.data.store import query
    from amity.states import system_members

    members = sorted(system_members("cow", 1914)["ccode"])
    atop = query("SELECT ccode1, ccode2, atop_defense + atop_offense AS d, atop_neutral + atop_consul AS n, "
                 "atop_nonagg AS a FROM atop_alliance WHERE year = 1914 AND ccode1 IN (255, 365)")

    def portfolio(c):
        rows = atop[atop["ccode1"] == c].set_index("ccode2")
        out = []
        for k in members:
            if k == c:
                out.append(3)
            elif k not in rows.index:
                out.append(0)
            else:
                r = rows.loc[k]
                out.append(3 if r["d"] > 0 else 2 if r["n"] > 0 else 1 if r["a"] > 0 else 0)
        return out

    cinc = query("SELECT ccode, cinc FROM cow_nmc WHERE year = 1914").set_index("ccode")["cinc"]
    want = pair_measures(portfolio(255), portfolio(365), weights=cinc.reindex(members).fillna(0).to_numpy())
    row = ally1914[(ally1914["ccode1"] == 255) & (ally1914["ccode2"] == 365)].iloc[0]
    for name in ("s_abs", "s_sq", "s_abs_weighted", "kappa", "pi", "tau_b", "pi_nominal"):
        assert row[name] == pytest.approx(want[name], abs=1e-12), name
    # ATOP differs from S&R's coding (see docs/measures.md): over the whole system S is higher than 0.4
    assert row["s_abs"] == pytest.approx(0.6592592592592592, abs=1e-12)


@pytest.mark.needs_data
def test_atop_1914_codes_differ_from_signorino_ritter_table(gmyrus14):
    """Real ATOP 1914 ties of Germany and Russia vs the published Table 6 (documented differences)."""
    from amity.measures.alliances import valued_atop

    ties = valued_atop()
    t = ties[ties["year"] == 1914].set_index(["ccode1", "ccode2"])["value"]
    assert t[(365, 200)] == 2 and t[(365, 325)] == 2  # S&R: Russia-UK 1, Russia-Italy 1
    assert t[(255, 640)] == 3 and t[(255, 355)] == 3  # S&R: Germany-Turkey 0, Germany-Bulgaria 0
    assert t[(365, 360)] == 3  # S&R: Russia-Romania 0
    assert gmyrus14.set_index("state").loc["UKG", "rus"] == 1


@pytest.mark.needs_data
def test_nato_allies_more_similar_than_rivals():
    from amity.measures.alliances import alliance_similarity

    df = alliance_similarity(2000, states=["USA", "United Kingdom", "Russia"]).set_index(["ccode1", "ccode2"])
    assert len(df) == 3
    assert df.loc[(2, 200), "s_abs"] > df.loc[(2, 365), "s_abs"]
    assert df.loc[(2, 200), "kappa"] > df.loc[(2, 365), "kappa"]
    assert df.loc[(2, 200), "s_abs_weighted"] > df.loc[(2, 365), "s_abs_weighted"]


@pytest.mark.needs_data
def test_alliance_similarity_single_state_and_coverage():
    from amity.measures.alliances import alliance_similarity

    usa = alliance_similarity("2017-2020", states="USA")
    assert sorted(usa["year"].unique()) == [2017, 2018]  # ATOP ends in 2018
    assert ((usa["ccode1"] == 2) | (usa["ccode2"] == 2)).all()
    assert len(usa[usa["year"] == 2018]) == usa["n"].iat[0] - 1
    with pytest.raises(CoverageError, match="1816-2018"):
        alliance_similarity(2020)
    with pytest.raises(UnknownStateError, match="Did you mean"):
        alliance_similarity(2000, states=["Narnia", "USA"])


@pytest.mark.needs_data
def test_add_alliance_similarity_left_join_with_na_after_2018():
    from amity.measures.alliances import add_alliance_similarity, alliance_similarity

    frame = pd.DataFrame({"ccode1": [365, 2, 2], "ccode2": [2, 200, 200], "year": [2000, 2000, 2019]})
    out = add_alliance_similarity(frame, measures=["s_abs", "kappa"])
    ref = alliance_similarity(2000, states=["USA", "UK", "Russia"]).set_index(["ccode1", "ccode2"])
    assert out["ally_s_abs"].iat[0] == ref.loc[(2, 365), "s_abs"]  # directed row folded onto the dyad
    assert out["ally_kappa"].iat[1] == ref.loc[(2, 200), "kappa"]
    assert np.isnan(out["ally_s_abs"].iat[2])
    assert list(out.columns[:3]) == ["ccode1", "ccode2", "year"] and len(out) == 3
    with pytest.raises(UnknownOptionError, match="valid measures"):
        add_alliance_similarity(frame, measures=["s_abs", "zeta"])


# --- capabilities and SIPRI military expenditure ----------------------------------------------------


@pytest.mark.needs_data
def test_capabilities_and_share():
    from amity.data.store import query
    from amity.measures.capabilities import add_capability_share, capabilities

    cap = capabilities(["USA", "India"], 2000)
    assert sorted(cap["ccode"]) == [2, 750]
    raw = query("SELECT ccode, cinc FROM cow_nmc WHERE year = 2000 AND ccode IN (2, 750)").set_index("ccode")
    assert cap.set_index("ccode")["cinc"].to_dict() == raw["cinc"].to_dict()
    frame = pd.DataFrame({"ccode1": [2, 750], "ccode2": [750, 2], "year": [2000, 2000]})
    out = add_capability_share(frame)
    c_us, c_in = raw.loc[2, "cinc"], raw.loc[750, "cinc"]
    assert out["cap_share"].iat[0] == pytest.approx(c_us / (c_us + c_in))
    assert out["cap_share"].iat[0] + out["cap_share"].iat[1] == pytest.approx(1.0)
    assert "Singer" in out.attrs["columns"]["cap_share"]["citation"]


@pytest.mark.needs_data
def test_military_expenditure_maps_sipri_names_and_runs_past_cow():
    from amity.measures.capabilities import military_expenditure

    mx = military_expenditure(["USA", "Russia", "India"], years="1990,2023")
    got = mx.set_index(["ccode", "year"])
    assert got.loc[(365, 1990), "country"] == "USSR" and got.loc[(365, 2023), "country"] == "Russia"
    assert got.loc[(2, 2023), "milex_constant_2022_usd_m"] > got.loc[(750, 2023), "milex_constant_2022_usd_m"]
    assert 0 < got.loc[(750, 2023), "milex_share_gdp"] < 0.1
    assert mx.attrs["columns"]["milex_share_gdp"]["source"] == "sipri_milex"


@pytest.mark.needs_data
def test_every_sipri_state_name_maps_to_a_cow_code():
    """The report of unmapped SIPRI names: every name that is a state resolves; the rest are non-states."""
    from amity.data.store import table
    from amity.states import sipri_entity_kind, sipri_to_cow, unmapped_sipri_names

    reg, tiv, mil = table("sipri_register"), table("sipri_tiv"), table("sipri_milex")
    names = pd.concat([reg["supplier"], reg["recipient"], tiv["supplier"], tiv["recipient"], mil["country"]])
    assert unmapped_sipri_names(names) == []
    codes = sipri_to_cow(pd.Series(["Soviet Union", "Russia", "Turkiye", "UAE", "Congo", "DR Congo",
                                    "West Germany (FRG)", "unknown supplier(s)", "Hezbollah (Lebanon)*",
                                    "NATO**"]))
    assert codes.tolist()[:7] == [365, 365, 640, 696, 484, 490, 260]
    assert codes.iloc[7:].isna().all()
    assert sipri_entity_kind("NATO**") == "organisation"
    assert sipri_entity_kind("Hezbollah (Lebanon)*") == "non-state actor"


# --- trade ------------------------------------------------------------------------------------------------


@pytest.mark.needs_data
def test_trade_dependence_usa_india():
    from amity.data.store import query
    from amity.measures.trade import trade_dependence

    df = trade_dependence("USA", "India", "2013-2016").set_index("year")
    flows = query("SELECT flow1, flow2 FROM cow_trade_ndy WHERE ccode1 = 2 AND ccode2 = 750 AND year = 2014")
    tot = query("SELECT ccode, imports + exports AS t FROM cow_trade_sy WHERE year = 2014 AND ccode IN (2, 750)")
    tot = tot.set_index("ccode")["t"]
    assert df.loc[2014, "imports_a_from_b"] == flows["flow1"].iat[0]
    assert df.loc[2014, "trade"] == flows["flow1"].iat[0] + flows["flow2"].iat[0]
    assert df.loc[2014, "share_of_a_trade"] == pytest.approx(df.loc[2014, "trade"] / tot[2])
    assert df.loc[2014, "share_of_b_trade"] == pytest.approx(df.loc[2014, "trade"] / tot[750])
    # India depends far more on the US than the US on India
    assert df.loc[2014, "share_of_b_trade"] > 4 * df.loc[2014, "share_of_a_trade"]
    assert df.loc[[2015, 2016]].drop(columns=["ccode_a", "ccode_b"]).isna().all().all()  # after COW: NA
    with pytest.raises(CoverageError):
        trade_dependence("USA", "India", 2020)
