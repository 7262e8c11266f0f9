"""The statistics module (amity.measures._stats): pure maths checked by hand, no data needed."""

from __future__ import annotations

import numpy as np
import pytest

from amity.measures import _stats as st


def test_midrank_counts_half_the_ties():
    v = np.array([1.0, 2.0, 2.0, 3.0])
    got = st.midrank(v, np.array([2.0, 0.5, 3.0, np.nan]))
    assert got[:3] == pytest.approx([100 * (1 + 2 / 2) / 4, 0.0, 100 * (3 + 0.5) / 4])
    assert np.isnan(got[3])
    assert st.midrank_percentile(np.array([3.0, np.nan, 1.0, 2.0, 2.0]), 2.0) == pytest.approx(50.0)
    assert np.isnan(st.midrank_percentile(np.array([]), 1.0))
    assert st.midrank_percentile(np.full(5, 0.4), 0.4) == 50.0  # tied with everyone: the middle


def test_trailing_slope_recovers_a_line_and_needs_enough_years():
    years = np.arange(2000, 2012)
    values = 0.5 * (years - 2000) + 1.0
    values[3] = np.nan
    slope = st.trailing_slope(years, values, window=6)
    assert np.isnan(slope[0]) and np.isnan(slope[1])  # fewer than 3 years with data
    assert np.allclose(slope[4:], 0.5)


def test_ols_trend_interval_by_hand():
    years = np.arange(2000, 2005)
    y = np.array([1.0, 3.0, 2.0, 4.0, 5.0])
    tr = st.ols_trend(years, y)
    # x - x̄ = -2..2, Sxx = 10, slope = (−2·−2 + −1·0 + 0 + 1·1 + 2·2)/10 = 0.9 (ȳ = 3)
    assert tr.slope == pytest.approx(0.9)
    resid = y - 3 - 0.9 * (years - 2002)
    se = np.sqrt((resid**2).sum() / 3 / 10)
    assert tr.se == pytest.approx(se)
    assert tr.hi - tr.slope == pytest.approx(3.182446 * se, rel=1e-5)  # t(0.975, 3)
    assert tr.excludes_zero and (tr.first, tr.last, tr.n) == (2000, 2004, 5)
    flat = st.ols_trend(years, np.array([1.0, 2.0, 1.0, 2.0, 1.0]))
    assert not flat.excludes_zero
    assert st.ols_trend(years[:2], y[:2]) is None


def test_trend_direction_asks_for_more_than_the_noise():
    wobble = np.cumsum([0.0, 0.1, 0.0, 0.2, -0.1, 0.2, -0.1, 0.2, 0.0, 0.1])
    assert st.noise_scale(wobble) == pytest.approx(0.1 / 0.6745 / np.sqrt(2))
    assert st.trend_direction(0.01, 9, wobble) == "flat"  # fitted change 0.09 < 0.105
    assert st.trend_direction(0.02, 9, wobble) == "rising"
    assert st.trend_direction(np.nan, 9, wobble) == "flat"


def test_detect_breaks_finds_level_and_slope_changes_only():
    years = np.arange(1980, 2020)
    rng = np.random.default_rng(3)
    noise = rng.normal(0, 0.02, len(years))
    step = np.where(years >= 2001, 1.0, 0.0) + noise
    assert st.detect_breaks(years, step) == [2001]
    kink = np.where(years >= 1995, 0.1 * (years - 1995), 0.0) + noise
    found = st.detect_breaks(years, kink)
    assert len(found) == 1 and abs(found[0] - 1995) <= 2
    assert st.detect_breaks(years, noise) == []
    assert st.detect_breaks(years, np.full(len(years), 0.3)) == []
    assert st.detect_breaks(years[:6], step[:6]) == []  # too short to split


def test_a_smooth_random_walk_is_not_cut_into_pieces():
    # the over-segmentation the issue saw: a trending series with wobble split every five years
    rng = np.random.default_rng(11)
    years = np.arange(1991, 2025)
    walk = 2.0 + 0.03 * (years - 1991) + rng.normal(0, 0.08, len(years))
    assert st.detect_breaks(years, walk) == []


def test_break_survives_only_a_jump_larger_than_the_noise():
    x = np.arange(20.0)
    rng = np.random.default_rng(5)
    e = rng.normal(0, 0.1, 20)
    assert st.break_survives(x, np.where(x >= 10, 1.0, 0.0) + e, 10)
    assert not st.break_survives(x, np.where(x >= 10, 0.05, 0.0) + e, 10)


def test_segment_mean_with_its_standard_error():
    years = np.arange(2000, 2006)
    v = np.array([1.0, 2.0, 3.0, np.nan, 5.0, 7.0])
    mean, se, n = st.segment_mean(years, v, 2000, 2003)
    assert (mean, n) == (2.0, 3) and se == pytest.approx(1.0 / np.sqrt(3))
