"""SIPRI arms transfers: supplier shares, concentration and the dyadic tie, on real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from amity.errors import CoverageError, UnknownOptionError
from amity.measures import arms

pytestmark = pytest.mark.needs_data


def _share(df: pd.DataFrame, period: str, supplier_ccode: int) -> float:
    row = df[(df["period"] == period) & (df["supplier_ccode"] == supplier_ccode)]
    return float(row["share"].iat[0]) if len(row) else 0.0


def test_india_largest_supplier_1990_2019_is_russia_ussr():
    df = arms.arms_supplier_shares("India", "1990-2019")
    top = df.iloc[0]
    assert top["supplier_ccode"] == 365 and top["rank"] == 1
    assert top["supplier"] == "Russia / Soviet Union"  # USSR and Russia are COW 365, names kept
    assert top["share"] > 0.5
    assert df["share"].sum() == pytest.approx(1.0)


def test_india_rise_of_us_france_israel():
    df = arms.arms_supplier_shares("India", "1990-2024", period=5)
    for supplier in (2, 220, 666):  # United States, France, Israel
        assert _share(df, "2015-2019", supplier) > _share(df, "1990-1994", supplier) + 0.05
        assert _share(df, "2020-2024", supplier) > _share(df, "1995-1999", supplier)
    late = df[df["period"] == "2020-2024"].set_index("supplier_ccode")
    assert late.loc[220, "rank"] == 2  # France second only to Russia in 2020-2024
    early, recent = _share(df, "1995-1999", 365), _share(df, "2020-2024", 365)
    assert early > 0.7 and recent < 0.4


def test_pakistan_largest_supplier_recently_is_china():
    df = arms.arms_supplier_shares("Pakistan", "2015-2024")
    assert df.iloc[0]["supplier"] == "China" and df.iloc[0]["share"] > 0.7
    yearly = arms.arms_imports("Pakistan", "2020-2024")
    top_each_year = yearly.groupby("year").head(1)
    assert (top_each_year["supplier"] == "China").all()


def test_arms_imports_shares_sum_to_one_and_match_register():
    from amity.data.store import query

    df = arms.arms_imports("India", 2019)
    assert df["share"].sum() == pytest.approx(1.0)
    raw = query("SELECT sum(tiv) AS t FROM sipri_register WHERE recipient = 'India' AND supplier = 'United States' "
                "AND year = 2019")["t"].iat[0]
    assert df.set_index("supplier").loc["United States", "tiv"] == pytest.approx(raw)


def test_concentration_hhi_by_hand():
    imports = arms.arms_imports("India", 2021)
    by_supplier = imports.groupby(imports["supplier_ccode"].astype("string").fillna(imports["supplier"]))["tiv"].sum()
    want = float(((by_supplier / by_supplier.sum()) ** 2).sum())
    got = arms.arms_concentration("India", 2021)
    assert got["hhi"].iat[0] == pytest.approx(want)
    assert got["n_suppliers"].iat[0] == len(by_supplier)
    assert 0 < want < 1


def test_arms_tie_both_directions():
    tie = arms.arms_tie("USA", "India", "2015-2024").set_index("year")
    imp = arms.arms_imports("India", 2019)
    us = imp[imp["supplier_ccode"] == 2]["tiv"].sum()
    assert tie.loc[2019, "tiv_a_to_b"] == pytest.approx(us)
    assert tie.loc[2019, "dep_b_on_a"] == pytest.approx(us / imp["tiv"].sum())
    assert (tie["tiv_b_to_a"] == 0).all()  # India sells the US no major arms: a real zero, not NA
    back = arms.arms_tie("India", "USA", "2015-2024").set_index("year")
    assert np.allclose(back["tiv_b_to_a"], tie["tiv_a_to_b"])
    assert np.allclose(back["dep_a_on_b"], tie["dep_b_on_a"])


def test_arms_tie_combined_source_reaches_back_before_1990():
    tie = arms.arms_tie("Russia", "India", "1985-1995", source="combined").set_index("year")
    assert len(tie) == 11
    assert (tie.loc[1985:1989, "dep_b_on_a"] > 0.5).all()  # USSR supplied most of India's arms
    with pytest.raises(CoverageError, match="1990-2024"):
        arms.arms_tie("Russia", "India", 1985)


def test_add_arms_na_outside_coverage():
    frame = pd.DataFrame({"ccode1": [2, 2, 750], "ccode2": [750, 750, 2], "year": [2019, 1985, 2019]})
    out = arms.add_arms(frame)
    tie = arms.arms_tie("USA", "India", 2019)
    assert out["arms_tiv_1to2"].iat[0] == pytest.approx(tie["tiv_a_to_b"].iat[0])
    assert out["arms_dep_2on1"].iat[0] == pytest.approx(tie["dep_b_on_a"].iat[0])
    assert out.iloc[1][["arms_tiv_1to2", "arms_dep_2on1"]].isna().all()
    assert out["arms_tiv_2to1"].iat[2] == pytest.approx(tie["tiv_a_to_b"].iat[0])


def test_unknown_source_lists_valid_ones():
    with pytest.raises(UnknownOptionError, match="register, tiv, combined"):
        arms.arms_imports("India", source="comtrade")
