"""The report's structural-balance section: the yearly signed networks among its states, read honestly.

The networks and their frustration index come from :mod:`amity.measures.balance`. The section reports
every minimum-frustration partition (ties between them are part of the answer), the evidence behind
each sign, how the partition moves over a grid of sign-rule thresholds, and draws a network only for
the years where the structure (signs or blocs) changes.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from amity.errors import CoverageError
from amity.measures import balance as bal
from amity.report import charts
from amity.report.model import Finding, Section, Table

EVIDENCE_WORDS = {
    "alliance": "ATOP defence/offence pledge", "consult": "ATOP consultation pact", "arms": "arms supply",
    "un_high": "UN agreement high for both", "un_low": "UN agreement low for both", "mid": "militarized dispute",
    "rivalry": "strategic rivalry",
}


def _rules_text(rules: bal.SignRules) -> str:
    among = ("each side's own agreements with every state that year (its own baseline)" if rules.un_baseline == "own"
             else "all pairs voting together that year")
    return (f"Positive ties: ATOP defence or offence pledges (weight 2), consultation pacts, arms supply of at least "
            f"{rules.arms_share:.0%} of the recipient's imports over {rules.arms_window} years, UN agreement at or "
            f"above the {rules.un_high:.0%} point of {among} (weight 1 each). Negative "
            "ties: militarized disputes and strategic rivalries (weight 2), UN agreement at or below the "
            f"{rules.un_low:.0%} point (weight 1). A tie's sign is the sign of its summed weights. A triad is balanced "
            "when the product of its signs is positive (Heider 1946; Cartwright & Harary 1956); the frustration index "
            "is the fewest ties whose removal balances the network (exact, Aref, Mason & Wilson 2018).")


def _structure(net: pd.DataFrame) -> tuple:
    return tuple(sorted((r.state1, r.state2, int(r.sign)) for r in net.itertuples())) if len(net) else ()


def balance_section(codes, labels, years, region, network_years, rules, png) -> tuple[Section, dict]:
    rules = rules or bal.DEFAULT_RULES
    summary, nets = bal.balance_by_year(codes, years, region=region, rules=rules)
    cov = bal.evidence_coverage(rules)
    hard = cov[cov["evidence"].isin(["alliance", "rivalry"])]
    cap = int(hard["last_year"].min()) if len(hard) else years[-1]
    summary = summary[summary["year"] <= cap].reset_index(drop=True)
    nets = {y: n for y, n in nets.items() if y <= cap}
    if summary.empty:
        raise CoverageError(
            f"no year of {years[0]}-{years[-1]} is covered by the alliance and rivalry data "
            f"(which end in {cap}); choose earlier years for the balance analysis"
        )
    source = "; ".join(f"{r.table} ({r.version})" for r in cov.itertuples())
    cite = " | ".join(dict.fromkeys(cov["citation"]))
    findings: list[Finding] = []
    with_ties = summary[summary["edges"] > 0]
    # the years where the signed structure changes: the only networks worth drawing
    changes, prev = [], None
    for y in with_ties["year"]:
        s = _structure(nets[int(y)])
        if s != prev:
            changes.append(int(y))
            prev = s
    pick = list(network_years or changes)
    if not with_ties.empty:
        frus = with_ties["frustration"]
        findings.append(Finding(
            f"Frustration index (ties to remove for balance) ranges {int(frus.min())}–{int(frus.max())} over "
            f"{int(with_ties['year'].min())}–{int(with_ties['year'].max())}; the signed structure changes in "
            f"{len(changes)} year(s): {', '.join(map(str, changes))}.", int(frus.iloc[-1]), source, cite, "balance"))
    tied_rows, chart_list, edge_tables = [], [], []
    node_labels = [labels.get(c) or bal.state_labels([c])[c] for c in bal.resolve_states(codes, region)]
    for y in changes:
        net = nets[y]
        parts = bal.minimum_partitions(net)
        lab = bal.state_labels(set(net["ccode1"]) | set(net["ccode2"]))
        until = next((c for c in changes if c > y), cap + 1) - 1
        for p in parts["partitions"]:
            tied_rows.append({"years": f"{y}–{until}" if until > y else str(y), "frustration": parts["index"],
                              "bloc 1": " ".join(sorted(lab[c] for c in p[0])),
                              "bloc 2": " ".join(sorted(lab[c] for c in p[1])) or "–"})
        if len(parts["partitions"]) > 1:
            findings.append(Finding(
                f"{y}{f'–{until}' if until > y else ''}: {len(parts['partitions'])} partitions tie at the minimum "
                f"frustration {parts['index']}: "
                + "; ".join("{" + " ".join(sorted(lab[c] for c in p[0])) + "} vs {" + " ".join(
                    sorted(lab[c] for c in p[1])) + "}" for p in parts["partitions"])
                + ". The data do not pick one bloc structure over the other.", len(parts["partitions"]), source, cite,
                "balance"))
        ev = net.assign(evidence=net["evidence"].map(
            lambda e: ", ".join(EVIDENCE_WORDS.get(x.strip(), x.strip()) for x in str(e).split(",") if x.strip())))
        edge_tables.append(Table(f"Ties {y}{f'–{until}' if until > y else ''} and the evidence behind each sign",
                                 ev[["state1", "state2", "sign", "score", "evidence"]].rename(
                                     columns={"state1": "state", "state2": "with"})))
    for y in pick:
        if y not in nets:
            raise CoverageError(
                f"network year {y} is outside the balance analysis ({summary.year.min()}-{cap}); "
                f"the alliance and rivalry data end in {cap}"
            )
        net = nets[y]
        fr = bal.frustration_index(net)
        lab = bal.state_labels(set(net["ccode1"]) | set(net["ccode2"])) if len(net) else {}
        blocs = ([lab[c] for c in fr.blocs[0]], [lab[c] for c in fr.blocs[1]])
        if labels[codes[0]] in blocs[1]:
            blocs = (blocs[1], blocs[0])
        frus = {(lab[u], lab[v]) for u, v, _ in fr.frustrated}
        chart_list.append(charts.network_chart(net, node_labels, blocs, y, f"network_{y}", frus,
                                               "Evidence: " + ", ".join(rules.evidence), png=png))
    grid = sensitivity(codes, years, region, rules, cap)
    if len(grid):
        n_struct = grid["blocs"].nunique()
        findings.append(Finding(
            f"Sign-rule sensitivity ({int(grid['year'].iloc[0])}): over {len(grid)} threshold settings the minimum-"
            f"frustration blocs take {n_struct} different form(s).", int(n_struct), source, cite, "balance"))
    section = Section(
        "balance", "Structural balance", intro=_rules_text(rules) + f" The analysis stops in {cap}, when the alliance "
        "or rivalry data end; a source that has ended gives no tie, not a negative one.",
        findings=findings, charts=chart_list,
        tables=[Table("Minimum-frustration partitions (all ties shown)", pd.DataFrame(tied_rows)),
                *edge_tables, Table("Sign-rule sensitivity", grid)])
    data = {"intro": section.intro, "summary": summary, "networks": {int(y): n for y, n in nets.items()},
            "changes": changes, "partitions": pd.DataFrame(tied_rows), "sensitivity": grid,
            "rules": rules.describe(), "coverage": cov}
    return section, data


def sensitivity(codes, years, region, rules: bal.SignRules, cap: int) -> pd.DataFrame:
    """The minimum-frustration blocs of the last analysed year under looser, default and stricter UN and arms
    thresholds (:func:`amity.measures.balance.signed_network` of that year under each rule; the evidence of
    a year does not depend on the span it is gathered with, so the report's span, already read, serves)."""
    year = min(years[-1], cap)
    nodes = bal.resolve_states(codes, region, year=year)
    rows = []
    for un_high, un_low, arms_share in ((0.8, 0.2, 0.05), (0.9, 0.1, 0.1), (0.95, 0.05, 0.2)):
        r = replace(rules, un_high=un_high, un_low=un_low, arms_share=arms_share)
        net = bal.network_from_evidence(bal.evidence(years, nodes, r), nodes, [year], r)
        parts = bal.minimum_partitions(net)
        lab = bal.state_labels(set(net["ccode1"]) | set(net["ccode2"])) if len(net) else {}
        blocs = " | ".join("{" + " ".join(sorted(lab[c] for c in p[0])) + "} vs {" + " ".join(
            sorted(lab[c] for c in p[1])) + "}" for p in parts["partitions"])
        rows.append({"year": year, "UN high": un_high, "UN low": un_low, "arms share": arms_share,
                     "ties": len(net), "frustration": parts["index"], "blocs": blocs or "–"})
    return pd.DataFrame(rows)
