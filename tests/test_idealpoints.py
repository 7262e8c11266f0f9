"""UN ideal points: recovery on simulated votes with known positions, and real facts on the real votes."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from amity.errors import AmityError, CoverageError
from amity.measures import _irt
from amity.measures import idealpoints as ip

# ---------------------------------------------------------------------------------------------------
# simulated votes: the truth is known


def _simulate(n_states=50, n_sessions=5, n_calls=60, drift=0.15, seed=1):
    """Ordered-probit votes from known positions following a random walk; state 2 (US) starts at +1.5."""
    rng = np.random.default_rng(seed)
    x = np.empty((n_states, n_sessions))
    x[:, 0] = rng.normal(size=n_states)
    x[0, 0] = 1.5
    for t in range(1, n_sessions):
        x[:, t] = x[:, t - 1] + rng.normal(scale=drift, size=n_states)
    ccodes = np.arange(2, 2 + n_states)
    rows = []
    for t in range(n_sessions):
        beta = rng.normal(scale=1.5, size=n_calls)
        t1 = rng.normal(scale=0.8, size=n_calls)
        t2 = t1 + rng.uniform(0.2, 1.0, size=n_calls)
        eta = x[:, t][:, None] * beta[None, :]
        ystar = eta + rng.normal(size=eta.shape)
        cat = (ystar >= t1).astype(int) + (ystar >= t2).astype(int)  # 0 no, 1 abstain, 2 yes
        for j in range(n_calls):
            rows.append(pd.DataFrame({"rcid": (t + 1) * 1000 + j, "session": t + 1, "ccode": ccodes,
                                      "vote": 3 - cat[:, j]}))
    votes = pd.concat(rows, ignore_index=True)
    truth = pd.DataFrame({"ccode": np.repeat(ccodes, n_sessions), "session": np.tile(np.arange(1, n_sessions + 1),
                                                                                    n_states),
                          "truth": x.ravel()})
    return votes, truth


@pytest.fixture(scope="module")
def simulated():
    votes, truth = _simulate()
    fitted = ip.fit_votes(votes, ip.default_settings())
    return fitted.merge(truth, on=["ccode", "session"]), fitted


def test_recovers_known_positions(simulated):
    m, fitted = simulated
    assert fitted.attrs["fit"]["converged"]
    assert len(m) == 50 * 5
    for _, g in m.groupby("session"):
        assert np.corrcoef(g["ideal_point"], g["truth"])[0, 1] > 0.97
    # comparable across sessions: one correlation over every state-session
    assert np.corrcoef(m["ideal_point"], m["truth"])[0, 1] > 0.97


def test_orientation_puts_us_positive(simulated):
    m, _ = simulated
    assert (m.loc[m["ccode"] == 2, "ideal_point"] > 0).all()
    assert np.corrcoef(m["ideal_point"], m["truth"])[0, 1] > 0  # not reflected


def test_standard_errors_positive_finite_and_sized(simulated):
    m, _ = simulated
    assert np.isfinite(m["se"]).all() and (m["se"] > 0).all()
    # 60 roll calls per session pin a position to about a tenth of the spread; the truth, put on the
    # estimates' scale by least squares, lies mostly within 2 SE
    slope, icpt = np.polyfit(m["truth"], m["ideal_point"], 1)
    z = (m["ideal_point"] - (icpt + slope * m["truth"])) / m["se"]
    assert (np.abs(z) < 2).mean() > 0.8


def test_binary_and_ordinal_items_and_unanimous_dropped():
    votes, _ = _simulate(n_states=30, n_sessions=2, n_calls=20, seed=3)
    unanimous = votes[votes["rcid"] == 1000].assign(rcid=1999, vote=1)
    data, ps = ip.build_data(pd.concat([votes, unanimous]))
    assert data.n_items == 40  # the all-yes roll call carries no information
    no_abstain = votes.groupby("rcid")["vote"].apply(lambda v: (v == 2).sum() == 0).sum()
    assert (~data.ordinal).sum() == no_abstain
    assert ps["n_votes"].sum() == len(data.item)


def test_chain_inverse_diagonal_matches_dense_inverse():
    rng = np.random.default_rng(0)
    d = rng.uniform(2, 4, size=(3, 6))
    e = rng.uniform(-0.9, 0.9, size=(3, 5))
    var = _irt._chol_inv_diag(*_irt._chol(d, e))
    for i in range(3):
        a = np.diag(d[i]) + np.diag(e[i], 1) + np.diag(e[i], -1)
        np.testing.assert_allclose(var[i], np.diag(np.linalg.inv(a)), rtol=1e-10)
        b = rng.normal(size=6)
        sol = _irt._chol_solve(*_irt._chol(d[i:i + 1], e[i:i + 1]), b[None, :])[0]
        np.testing.assert_allclose(sol, np.linalg.solve(a, b), rtol=1e-10)


def test_first_principal_component_orientation():
    votes, truth = _simulate(n_states=40, n_sessions=2, seed=5)
    pc = ip.first_principal_component(votes).merge(truth, on=["ccode", "session"])
    assert (pc.loc[pc["ccode"] == 2, "pc1"] > 0).all()
    for _, g in pc.groupby("session"):
        assert np.corrcoef(g["pc1"], g["truth"])[0, 1] > 0.9


# ---------------------------------------------------------------------------------------------------
# real votes (one fit, cached in the test store)

US, ISR, UKG, FRN, GMY, CAN, AUL, JPN = 2, 666, 200, 220, 255, 20, 900, 740
CUB, PRK, IRN, CHN, RUS = 40, 731, 630, 710, 365


@pytest.fixture(scope="module")
def real():
    return ip.ideal_points()


def _at(df, ccode, session):
    return float(df.loc[(df["ccode"] == ccode) & (df["session"] == session), "ideal_point"].iloc[0])


@pytest.mark.needs_data
def test_real_columns_and_coverage(real):
    assert list(real.columns) == ["ccode", "iso3", "session", "ideal_point", "se", "lo", "hi", "n_votes"]
    assert sorted(real["session"].unique()) == list(range(1, 81))  # to session 80 (June 2026)
    assert not real.duplicated(["ccode", "session"]).any()
    assert np.isfinite(real["se"]).all() and (real["se"] > 0).all()
    assert ((real["lo"] < real["ideal_point"]) & (real["ideal_point"] < real["hi"])).all()
    assert real.loc[real["ccode"] == US, "iso3"].eq("USA").all()


@pytest.mark.needs_data
def test_real_us_and_israel_at_one_end(real):
    for s in (60, 70, 78):
        g = real[real["session"] == s].sort_values("ideal_point", ascending=False)
        assert g["ccode"].iloc[0] == US
        assert ISR in g["ccode"].head(5).tolist()


@pytest.mark.needs_data
def test_real_adversaries_on_the_other_side_of_the_west(real):
    for s in range(70, 79):
        west = min(_at(real, c, s) for c in (UKG, FRN, GMY, CAN, AUL, JPN))
        other = max(_at(real, c, s) for c in (CUB, PRK, IRN, CHN, RUS))
        assert other < west, s


@pytest.mark.needs_data
def test_real_cold_war_ussr_far_from_us(real):
    cold = np.mean([_at(real, US, s) - _at(real, RUS, s) for s in range(20, 45)])
    after = np.mean([_at(real, US, s) - _at(real, RUS, s) for s in range(50, 70)])
    assert cold > 2.5 and cold > after


@pytest.mark.needs_data
def test_real_eastern_europe_moves_west(real):
    for ccode in (290, 310, 355, 360):  # Poland, Hungary, Bulgaria, Romania
        before = np.mean([_at(real, ccode, s) for s in range(35, 44)])
        after = np.mean([_at(real, ccode, s) for s in range(60, 70)])
        assert after - before > 1.0, ccode


@pytest.mark.needs_data
def test_real_dynamic_agrees_with_per_session_static_fit(real):
    votes = ip.load_votes()
    votes = votes[votes["session"].isin([40, 60, 75])]
    static = ip.fit_votes(votes, _irt.Settings(dynamic=False))
    m = static.merge(real, on=["ccode", "session"], suffixes=("_static", ""))
    for _, g in m.groupby("session"):
        assert np.corrcoef(g["ideal_point_static"], g["ideal_point"])[0, 1] > 0.95


@pytest.mark.needs_data
def test_sessions_filter_and_cache(real):
    t0 = time.perf_counter()
    part = ip.ideal_points(sessions="70-72")
    assert time.perf_counter() - t0 < 2.0  # read from the store's cache, no refit
    assert sorted(part["session"].unique()) == [70, 71, 72]
    full = real[real["session"].isin([70, 71, 72])].reset_index(drop=True)
    pd.testing.assert_frame_equal(part.reset_index(drop=True), full, check_dtype=False)


@pytest.mark.needs_data
def test_unknown_session_is_a_clear_error(real):
    with pytest.raises(CoverageError, match="1-80"):
        ip.ideal_points(sessions=81)
    with pytest.raises(AmityError):
        ip.ideal_points(sessions="seventy")


@pytest.mark.needs_data
def test_session_of_year_and_add_ideal_distance(real):
    years = ip.session_of_year()
    # 2024: 8 roll calls of session 78 (January-June), 85 of session 79 (September-December)
    assert years[1946] == 1 and years[2019] == 74 and years[2023] == 78 and years[2024] == 79
    assert years[2025] == 80 and years[2026] == 80
    assert 1964 not in years.index  # no roll calls were held in 1964
    frame = pd.DataFrame({"ccode1": [US, US, US, US], "ccode2": [ISR, CUB, CUB, 9999],
                          "year": [2019, 2019, 1964, 2019]})
    out = ip.add_ideal_distance(frame)
    d = out["ideal_distance"]
    assert d[0] < d[1]
    assert d[1] == pytest.approx(abs(_at(real, US, 74) - _at(real, CUB, 74)))
    assert pd.isna(d[2]) and pd.isna(d[3])  # no session in 1964; no such state


@pytest.mark.needs_data
def test_ideal_distance_dyad(real):
    out = ip.ideal_distance("USA", "IND", years="2015-2019")
    assert list(out["session"]) == [70, 71, 72, 73, 74]
    assert (out["ideal_distance"] > 0).all() and (out["se"] > 0).all()


@pytest.mark.needs_data
def test_cli_idealpoints(real, tmp_path):
    import typer
    from typer.testing import CliRunner

    from amity.cli.idealpoints import register

    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["idealpoints", "--sessions", "78", "--states", "USA,CUB", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("ccode,iso3,session,ideal_point,se")
    assert len(lines) == 3
    out = tmp_path / "ideal.parquet"
    result = CliRunner().invoke(app, ["idealpoints", "--sessions", "1-80", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out)) == len(real)
