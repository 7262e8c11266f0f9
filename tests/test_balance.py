"""Signed networks and structural balance: definitions on hand-checkable graphs, then real networks."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from amity.errors import AmityError, UnknownOptionError
from amity.measures.balance import (
    SignRules,
    _edge_arrays,
    _solve_and_model,
    balance_by_year,
    evidence,
    evidence_coverage,
    frustration_index,
    minimum_partitions,
    signed_network,
    triad_balance,
    triangle_balance,
    un_alignment,
)

HARD = SignRules(evidence=("alliance", "consult", "mid", "rivalry", "arms"))


def brute_force_frustration(edges) -> int:
    """Reference: try every two-colouring (only for graphs of a dozen nodes or fewer)."""
    nodes = sorted({x for e in edges for x in e[:2]})
    best = len(edges)
    for bits in itertools.product((0, 1), repeat=len(nodes)):
        col = dict(zip(nodes, bits))
        best = min(best, sum((col[a] != col[b]) if s > 0 else (col[a] == col[b]) for a, b, s in edges))
    return best


def complete(n: int, sign: int):
    return [(i, j, sign) for i in range(n) for j in range(i + 1, n)]


# ---------------------------------------------------------------------------------------- definitions


@pytest.mark.parametrize(
    "signs, frustration, balanced",
    [
        ((1, 1, 1), 0, True),  # friends of friends
        ((1, -1, -1), 0, True),  # the enemy of my enemy is my friend
        ((1, 1, -1), 1, False),  # two friends at odds
        ((-1, -1, -1), 1, False),  # three mutual enemies: unbalanced (Heider), weakly balanced (Davis)
    ],
)
def test_single_triad(signs, frustration, balanced):
    edges = [("A", "B", signs[0]), ("A", "C", signs[1]), ("B", "C", signs[2])]
    fr = frustration_index(edges)
    assert fr.index == frustration
    assert len(fr.frustrated) == frustration
    tri = triad_balance(edges)
    assert len(tri) == 1 and bool(tri["balanced"].iloc[0]) is balanced
    assert bool(tri["weakly_balanced"].iloc[0]) is (balanced or signs == (-1, -1, -1))
    assert triangle_balance(edges)["triangle_balance"] == (1.0 if balanced else 0.0)


def test_all_negative_cliques_and_petersen():
    # All-negative graph: L = m - maxcut. K4: best cut 2|2 leaves 2 edges inside; K5: 2|3 leaves 1 + 3.
    assert frustration_index(complete(4, -1)).index == 2
    assert frustration_index(complete(5, -1)).index == 4
    # Petersen graph: 15 edges, max cut 12, so an all-negative Petersen graph has L = 3.
    outer = [(i, (i + 1) % 5) for i in range(5)]
    spokes = [(i, i + 5) for i in range(5)]
    inner = [(5 + i, 5 + (i + 2) % 5) for i in range(5)]
    assert frustration_index([(a, b, -1) for a, b in outer + spokes + inner]).index == 3
    # All-positive graphs are balanced whatever their shape.
    assert frustration_index(complete(6, 1)).index == 0


def test_balanced_graph_recovers_its_two_blocs():
    left, right = ["a", "b", "c"], ["x", "y", "z"]
    edges = [(p, q, 1) for p, q in itertools.combinations(left, 2)]
    edges += [(p, q, 1) for p, q in itertools.combinations(right, 2)]
    edges += [(p, q, -1) for p in left for q in right]
    fr = frustration_index(edges)
    assert fr.index == 0 and fr.normalized == 1.0
    assert {frozenset(fr.blocs[0]), frozenset(fr.blocs[1])} == {frozenset(left), frozenset(right)}
    # One enemy inside a bloc makes it frustrated by exactly one edge.
    edges[0] = ("a", "b", -1)
    assert frustration_index(edges).index == 1


def test_trees_and_pendant_edges_are_never_frustrated():
    tree = [(0, 1, -1), (1, 2, -1), (1, 3, 1), (3, 4, -1), (4, 5, 1)]
    assert frustration_index(tree).index == 0
    # A frustrated triangle with a tail of leaves and a second, separate component.
    g = [(0, 1, 1), (1, 2, 1), (0, 2, -1), (2, 3, -1), (3, 4, -1), (10, 11, -1), (11, 12, -1), (10, 12, -1)]
    fr = frustration_index(g)
    assert fr.index == 2 and fr.components == 2
    col = fr.colour
    assert col[2] != col[3] and col[3] != col[4]  # the leaves are coloured to satisfy their ties


def test_exact_index_matches_brute_force_on_random_graphs():
    rng = np.random.default_rng(20261127)
    for _ in range(60):
        n = int(rng.integers(3, 11))
        p = rng.uniform(0.25, 0.9)
        edges = [(i, j, int(rng.choice((-1, 1)))) for i in range(n) for j in range(i + 1, n) if rng.random() < p]
        if not edges:
            continue
        fr = frustration_index(edges)
        assert fr.index == brute_force_frustration(edges)
        assert len(fr.frustrated) == fr.index


def test_tied_minimum_partitions_are_all_listed():
    # USA+IND and CHN+PAK friends, IND hostile to both, USA friendly with PAK too. Two partitions tie at
    # frustration 1: {USA CHN PAK} vs {IND} (USA-IND frustrated) and {USA IND} vs {CHN PAK} (USA-PAK).
    edges = [("USA", "IND", 1), ("CHN", "PAK", 1), ("IND", "PAK", -1), ("CHN", "IND", -1), ("USA", "PAK", 1)]
    got = minimum_partitions(edges)
    assert got["index"] == frustration_index(edges).index == brute_force_frustration(edges) == 1
    blocs = {frozenset(map(frozenset, p)) for p in got["partitions"]}
    assert frozenset({frozenset({"USA", "CHN", "PAK"}), frozenset({"IND"})}) in blocs
    assert frozenset({frozenset({"USA", "IND"}), frozenset({"CHN", "PAK"})}) in blocs
    # a balanced graph has exactly one partition; the empty graph none
    balanced = minimum_partitions([("a", "b", 1), ("b", "c", -1), ("a", "c", -1)])
    assert balanced["index"] == 0 and len(balanced["partitions"]) == 1
    assert minimum_partitions([])["partitions"] == []


def test_every_partition_listed_has_the_minimum_frustration():
    rng = np.random.default_rng(7)
    for _ in range(20):
        n = int(rng.integers(3, 8))
        edges = [(i, j, int(rng.choice([-1, 1]))) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.6]
        if not edges:
            continue
        got = minimum_partitions(edges)
        assert got["index"] == brute_force_frustration(edges)
        for b1, b2 in got["partitions"]:
            col = {x: 0 for x in b1} | {x: 1 for x in b2}
            assert sum((col[a] != col[b]) if s > 0 else (col[a] == col[b]) for a, b, s in edges) == got["index"]


def test_triangle_counts_by_hand():
    # Two triangles sharing edge 2-3: (1,2,3) = + - -  balanced; (2,3,4) = - + -  balanced. 4-5 closes none.
    edges = [(1, 2, 1), (1, 3, -1), (2, 3, -1), (3, 4, -1), (2, 4, 1), (4, 5, -1)]
    assert triangle_balance(edges) == {"triangles": 2, "balanced_triangles": 2, "triangle_balance": 1.0}
    edges[1] = (1, 3, 1)  # now (1,2,3) is + + -
    assert triangle_balance(edges) == {"triangles": 2, "balanced_triangles": 1, "triangle_balance": 0.5}
    tri = triad_balance(edges)
    assert tri[["node1", "node2", "node3", "signs"]].values.tolist() == [[1, 2, 3, "++-"], [2, 3, 4, "-+-"]]
    assert triangle_balance([(1, 2, 1)])["triangle_balance"] is None


def test_bad_edges_and_rules_are_clear_errors():
    with pytest.raises(AmityError, match="signs must be"):
        frustration_index([(1, 2, 0)])
    with pytest.raises(AmityError, match="at most one"):
        frustration_index([(1, 2, 1), (2, 1, -1)])
    with pytest.raises(AmityError, match="self-loops"):
        frustration_index([(1, 1, 1)])
    with pytest.raises(UnknownOptionError, match="valid evidences: alliance"):
        SignRules(evidence=("friendship",))
    with pytest.raises(UnknownOptionError, match="defense"):
        SignRules(alliance_types=("marriage",))
    with pytest.raises(AmityError, match="un_low"):
        SignRules(un_low=0.9, un_high=0.5)
    with pytest.raises(UnknownOptionError, match="south-asia"):
        signed_network(["IND"], 2000, region="atlantis", rules=HARD)


# ---------------------------------------------------------------------------------------- real data


@pytest.mark.needs_data
def test_south_asia_triangle_real_ties():
    net = signed_network(["USA", "IND", "PAK", "CHN"], 2010, rules=HARD)
    sign = {(r.state1, r.state2): r.sign for r in net.itertuples()}
    assert sign[("IND", "PAK")] == -1  # rivalry (TSS) and a MID in 2010
    assert sign[("CHN", "IND")] == -1  # rivalry
    assert sign[("CHN", "PAK")] == 1  # China supplies Pakistan's arms (SIPRI TIV)
    assert sign[("USA", "CHN")] == -1  # positional rivalry since 1996
    row = net[(net.state1 == "IND") & (net.state2 == "PAK")].iloc[0]
    assert row["rivalry"] and row["mid"] and "rivalry" in row["evidence"]
    tri = triad_balance(net)
    cip = tri[(tri.state1 == "CHN") & (tri.state2 == "IND") & (tri.state3 == "PAK")].iloc[0]
    assert cip["signs"] == "-+-" and cip["balanced"]  # the enemy of my enemy
    # Nothing about 2010 is made up for sources that end earlier: MIDs end in 2014.
    cov = evidence_coverage(HARD).set_index("evidence")
    assert cov.loc["mid", "last_year"] == 2014 and cov.loc["alliance", "last_year"] == 2018


@pytest.mark.needs_data
def test_balance_by_year_follows_the_data():
    summary, nets = balance_by_year(["USA", "IND", "PAK", "CHN"], "2001-2003", rules=HARD)
    assert summary["year"].tolist() == [2001, 2002, 2003]
    for y, row in summary.set_index("year").iterrows():
        net = nets[y]
        assert row["edges"] == len(net) == row["positive"] + row["negative"]
        assert row["frustration"] == frustration_index(net).index
        assert "USA" in row["bloc1"].split()


@pytest.fixture(scope="module")
def interstate_1996_1999():
    """The 1996-1999 interstate network: ATOP defense/offense/consultation ties positive, MIDs and
    strategic rivalries negative (the kind of network Aref & Wilson analyse)."""
    rules = SignRules(
        evidence=("alliance", "consult", "mid", "rivalry"),
        weights={"alliance": 1, "consult": 1, "mid": -2, "rivalry": -2},
    )
    return signed_network(None, "1996-1999", rules=rules)


@pytest.mark.needs_data
def test_real_interstate_network_exact_frustration(interstate_1996_1999):
    net = interstate_1996_1999
    nodes = set(net["ccode1"]) | set(net["ccode2"])
    assert 140 <= len(nodes) <= 175 and 1100 <= len(net) <= 1500
    fr = frustration_index(net)
    assert 0 < fr.index < (net["sign"] < 0).sum()
    # The partition certifies the count ...
    col = fr.colour
    recount = sum(
        (col[r.ccode1] != col[r.ccode2]) if r.sign > 0 else (col[r.ccode1] == col[r.ccode2]) for r in net.itertuples()
    )
    assert recount == fr.index == len(fr.frustrated)
    # ... no single state changing bloc lowers it ...
    for v in nodes:
        inc = net[(net.ccode1 == v) | (net.ccode2 == v)]
        same = np.array([col[r.ccode1] == col[r.ccode2] for r in inc.itertuples()])
        now = np.where(inc["sign"] > 0, ~same, same).sum()
        assert now <= len(inc) - now
    # ... and pruning trees and splitting components does not change the optimum of the full program.
    names, u, v, s = _edge_arrays(net)
    full = _solve_and_model(len(names), u, v, s, [0], None)
    frustrated = np.where(s > 0, full[u] != full[v], full[u] == full[v]).sum()
    assert frustrated == fr.index
    # Triangle counts by matrix traces agree with the explicit enumeration.
    tri = triad_balance(net)
    tb = triangle_balance(net)
    assert tb["triangles"] == len(tri) and tb["balanced_triangles"] == int(tri["balanced"].sum())


# ---------------------------------------------------------------------------- one source of truth


@pytest.mark.needs_data
def test_un_evidence_is_the_convergence_profiles_percentile():
    from amity.measures.convergence import convergence

    prof = convergence("USA", "IND", years="2008-2012", dimensions="unga").set_index("year")
    un = un_alignment(list(range(2008, 2013)), [2, 750]).set_index("year")
    assert un["agree"].tolist() == pytest.approx(prof["un_agree"].tolist())
    assert (100 * un["agree_pct"]).tolist() == pytest.approx(prof["un_agree_pct"].tolist())
    assert un["among"].tolist() == [prof.attrs["among"]["un_agree"][y] for y in un.index]
    # against all dyads, USA-IND sat in the bottom decile of UN agreement every year ...
    ev = evidence("2008-2012", [2, 750], SignRules(evidence=("un_high", "un_low"), un_baseline="all"))
    low = set(ev.loc[ev["evidence"] == "un_low", "year"])
    assert low == {y for y, p in prof["un_agree_pct"].items() if p <= 10} == set(range(2008, 2013))
    # ... largely because the US agrees little with almost everyone: against each side's own baseline the
    # pair is a low-agreement one only in the years it is in the bottom decile for both (the default rule)
    own = evidence("2008-2012", [2, 750], SignRules(evidence=("un_high", "un_low")))
    both_low = {y for y, r in un.iterrows() if max(r["own_pct1"], r["own_pct2"]) <= 0.1}
    assert set(own.loc[own["evidence"] == "un_low", "year"]) == both_low
    assert both_low < low and (un["own_pct2"] <= 0.1).all()  # always low for India, not always for the US


def test_own_baseline_percentile_by_hand():
    from amity.measures.balance import _own_percentiles

    un = pd.DataFrame({"ccode1": [1, 1, 2], "ccode2": [2, 3, 3], "year": 2000, "agree": [0.2, 0.6, 0.9]})
    got = _own_percentiles(un, None).set_index(["ccode1", "ccode2"])
    # state 1's agreements: 0.2, 0.6 -> 25th and 75th percentile; state 2's: 0.2, 0.9; state 3's: 0.6, 0.9
    assert got.loc[(1, 2), "own_pct1"] == 0.25 and got.loc[(1, 2), "own_pct2"] == 0.25
    assert got.loc[(1, 3), "own_pct1"] == 0.75 and got.loc[(1, 3), "own_pct2"] == 0.25
    assert got.loc[(2, 3), "own_pct1"] == 0.75 and got.loc[(2, 3), "own_pct2"] == 0.75


@pytest.mark.needs_data
def test_arms_shares_come_from_the_arms_module():
    from amity.measures.arms import arms_supplier_shares, arms_tie, supplier_shares_all

    # a five-year window equals the recipient's supplier shares over those years (all suppliers counted)
    shares = supplier_shares_all(2020, window=5, source="combined").set_index(["ccode1", "ccode2"])
    india = arms_supplier_shares("IND", "2016-2020", source="combined").set_index("supplier_ccode")
    for supplier in (2, 365, 220):
        assert shares.loc[(supplier, 750), "share"] == pytest.approx(india.loc[supplier, "share"])
        assert shares.loc[(supplier, 750), "tiv"] == pytest.approx(india.loc[supplier, "tiv"])
    # a one-year window is arms_tie's yearly dependence
    yearly = supplier_shares_all("2019-2021", window=1, source="combined").set_index(["ccode1", "ccode2", "year"])
    tie = arms_tie("USA", "IND", "2019-2021", source="combined").set_index("year")
    for y in (2019, 2020, 2021):
        assert yearly.loc[(2, 750, y), "share"] == pytest.approx(tie.loc[y, "dep_b_on_a"])


@pytest.mark.needs_data
def test_arms_ties_run_past_2021_with_the_register():
    # SIPRI's trade register runs to 2024: China's share of Pakistan's imports over 2019-2023 is measured,
    # not carried over from data that stopped in 2021.
    from amity.measures.arms import arms_supplier_shares

    china = arms_supplier_shares("PAK", "2019-2023", source="combined").set_index("supplier_ccode").loc[710]
    assert china["share"] >= 0.10 and china["tiv"] >= 10
    net = signed_network(["CHN", "PAK"], 2023, rules=SignRules(evidence=("arms",)))
    assert net[["state1", "state2", "sign", "evidence"]].values.tolist() == [["CHN", "PAK", 1, "arms"]]
    cov = evidence_coverage(HARD).set_index("evidence")
    assert (cov.loc["arms", "first_year"], cov.loc["arms", "last_year"]) == (1950, 2024)


@pytest.mark.needs_data
def test_ties_only_between_system_members():
    # Tuvalu joined the COW system in 2000; ATOP's earlier US-Tuvalu consultation row gives no tie before.
    assert signed_network(["USA", "TUV"], 1999, rules=HARD).empty
    assert signed_network(["USA", "TUV"], 2000, rules=HARD)["evidence"].tolist() == ["consult"]


def test_percentile_convention_is_mid_rank():
    import pandas as pd

    from amity.measures.convergence import percentiles_within_year

    # one year, values 1, 2, 2, 3: mid-rank gives 2 the share below (1/4) plus half the ties (1/4) = 50
    df = pd.DataFrame({"year": [2000] * 4 + [2001], "v": [2.0, 1.0, 3.0, 2.0, np.nan]})
    got = percentiles_within_year(df, "v")
    assert got[:4].tolist() == [50.0, 12.5, 87.5, 50.0] and np.isnan(got[4])
