"""``amity report``: a convergence report for a dyad and its third parties, written as a folder.

:func:`report` resolves the states, computes the convergence profile of every pair among them with
:func:`amity.measures.convergence.convergence_profiles` (:mod:`amity.report.dimensions`; the same values,
percentiles, trends and breaks as ``amity convergence``), templates findings from the numbers
(:mod:`amity.report.findings`),
builds the yearly signed networks and their structural balance (:mod:`amity.measures.balance`), draws
the charts (:mod:`amity.report.charts`) and writes ``index.html``, ``report.md``, ``charts/*.svg`` (and PNG)
and ``data.json`` into a fresh folder, swapped into place only when complete.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from itertools import combinations
from pathlib import Path

import pandas as pd

from amity.data.registry import coverage
from amity.errors import AmityError, CoverageError
from amity.measures import balance as bal
from amity.measures.convergence import ARMS_SOURCE
from amity.output import jsonable
from amity.report import charts
from amity.report.dimensions import REPORT_DIMENSIONS, Profiles, dyad_label, gather, report_pairs
from amity.report.findings import Finding, contrasts, dimension_findings, fmt
from amity.report.html import render_html, render_markdown
from amity.years import YearsLike, years_within

DEFAULT_YEARS = "1991-2024"
# the widest span any report dimension covers: the COW system's start to the last year of UN votes or SIPRI
ANY_COVERAGE = (coverage("cow_states")[0], coverage("unvotes_fpsim", "sipri_register")[1])


class ReportError(AmityError, ValueError):
    """The report's states or options do not make sense together."""


def _states(a, b, third) -> tuple[list[int], dict[int, str], dict[int, object]]:
    """COW codes (focal first), their labels, and what the user called each (profiles resolve per year)."""
    from amity.states import resolve

    focal = [resolve(a), resolve(b)]
    if focal[0].cow == focal[1].cow:
        raise ReportError(f"the two focal states are the same state ({focal[0].name}); name two different states")
    codes = [int(s.cow) for s in focal]
    queries = {codes[0]: a, codes[1]: b}
    for q in third or []:
        st = resolve(q)
        if int(st.cow) in codes[:2]:
            raise ReportError(
                f"third party {q!r} is {st.name}, one of the focal states; a third party must be a different state"
            )
        if int(st.cow) not in codes:
            codes.append(int(st.cow))
            queries[int(st.cow)] = q
    return codes, bal.state_labels(codes), queries


def _years(years: YearsLike) -> list[int]:
    return years_within(
        years if years is not None else DEFAULT_YEARS, *ANY_COVERAGE,
        "all the report's data (UN votes 1946-2024, ATOP to 2018, COW trade to 2014) together",
    )


def _source_line(src: dict) -> str:
    return f"{src['title']}, {src['version']}."


def _chart(prof: Profiles, key: str, lines: dict, span, title: str, out: Path, name: str, focal=None, png=False):
    """A line chart of one report dimension, with its source line and where its coverage ends."""
    dim, src = REPORT_DIMENSIONS[key], prof.source(key)
    return charts.line_chart(
        lines, span, title, dim.unit, _source_line(src), out / "charts", name, focal=focal,
        coverage_end=src["last_year"], coverage_label=src["source"], step=dim.step, png=png,
    )


def _dimension_section(
    prof: Profiles, codes: list[int], labels: dict[int, str], span: tuple[int, int], out: Path, png: bool = False
) -> tuple[list[Finding], list[dict]]:
    a, b = codes[:2]
    focal = dyad_label(labels, a, b)
    findings, chart_list, rows = [], [], {}
    profile = prof.profile(a, b)
    for key, dim in REPORT_DIMENSIONS.items():
        src = prof.source(key)
        if key == "arms_dep_b_on_a":  # directed: each side's imports from the other, then the third parties'
            directed = [(a, b), (b, a)] + [(s, r) for s in codes for r in codes[2:] if s != r]
            lines = {f"{labels[r]} imports from {labels[s]}": prof.series(s, r, key) for s, r in directed}
            focal_key = f"{labels[b]} imports from {labels[a]}"
            name_for = f"{labels[b]}'s arms imports from {labels[a]}"
        else:
            lines = {dyad_label(labels, c1, c2): prof.series(c1, c2, key) for c1, c2 in combinations(codes, 2)}
            focal_key = name_for = focal
        row = prof.summary_row(a, b, key)
        if row is not None and key == "un_agree":
            row = row.copy()
            row["un_n"] = prof.by_year(a, b).loc[int(row["last_year"]), "un_n"]
        findings += dimension_findings(dim, name_for, prof.series(a, b, key), row, profile.attrs["breaks"][key],
                                       span, src, profile.attrs["window"])
        rows[key] = (dim, row, src)
        chart_list.append(_chart(prof, key, lines, span, dim.label, out, f"dim_{key}", focal=focal_key, png=png))
    findings += contrasts(rows, focal)
    return findings, chart_list


def _balance_section(
    codes, labels, years, region, network_years, out: Path, rules, png: bool = False
) -> tuple[dict, list[Finding]]:
    rules = rules or bal.DEFAULT_RULES
    summary, nets = bal.balance_by_year(codes, years, region=region, rules=rules)
    cov = bal.evidence_coverage(rules)
    # After the treaty and rivalry data end, missing ties would read as "no relation": stop there.
    hard = cov[cov["evidence"].isin(["alliance", "rivalry"])]
    cap = int(hard["last_year"].min()) if len(hard) else years[-1]
    summary = summary[summary["year"] <= cap].reset_index(drop=True)
    nets = {y: n for y, n in nets.items() if y <= cap}
    if summary.empty:
        raise CoverageError(
            f"no year of {years[0]}-{years[-1]} is covered by the alliance and rivalry data "
            f"(which end in {cap}); choose earlier years for the balance analysis"
        )
    src = "; ".join(f"{r.table} ({r.version})" for r in cov.itertuples())
    cite = " | ".join(dict.fromkeys(cov["citation"]))
    with_ties = summary[summary["edges"] > 0]
    findings = []
    if with_ties.empty:
        findings.append(
            Finding("No signed ties among these states in the span under the sign rules.", None, src, cite, "balance")
        )
        pick, triad_year = [], years[-1]
    else:
        last = with_ties.iloc[-1]
        triad_year = int(last["year"])
        tb = last["triangle_balance"]
        findings.append(
            Finding(
                f"In {triad_year} the network of {int(last['nodes'])} states has {int(last['positive'])} positive and "
                f"{int(last['negative'])} negative ties; frustration index {int(last['frustration'])} "
                "(edges to flip or "
                f"remove for balance), blocs: {{{last['bloc1']}}} vs {{{last['bloc2']}}}"
                + (
                    f"; {tb:.0%} of its {int(last['triangles'])} triangles are balanced."
                    if tb == tb and tb is not None
                    else "; it has no closed triangle."
                ),
                int(last["frustration"]),
                src,
                cite,
                "balance",
            )
        )
        balanced_years = with_ties[with_ties["frustration"] == 0]["year"].tolist()
        findings.append(
            Finding(
                f"The network is fully balanced (frustration 0) in {len(balanced_years)} of {len(with_ties)} "
                "years with ties"
                + (f", most recently {balanced_years[-1]}." if balanced_years else "."),
                len(balanced_years),
                src,
                cite,
                "balance",
            )
        )
        pick = network_years or sorted(
            {int(with_ties.iloc[0]["year"]), int(with_ties.iloc[len(with_ties) // 2]["year"]), triad_year}
        )
    node_labels = [labels.get(c) or bal.state_labels([c])[c] for c in bal.resolve_states(codes, region)]
    chart_list = []
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
        chart_list.append(
            charts.network_chart(
                net,
                node_labels,
                blocs,
                y,
                out / "charts",
                f"network_{y}",
                frus,
                "Evidence: " + ", ".join(rules.evidence),
                png=png,
            )
        )
    tri = bal.triad_balance(nets[triad_year]) if len(nets.get(triad_year, [])) else pd.DataFrame()
    tri_show = tri[["state1", "state2", "state3", "signs", "balanced", "weakly_balanced"]] if len(tri) else tri
    edges = nets.get(triad_year, pd.DataFrame())
    edges_show = edges[["state1", "state2", "sign", "score", "evidence"]] if len(edges) else edges
    rules_df = pd.DataFrame([{"parameter": k, "value": str(v)} for k, v in rules.describe().items()])
    intro = (
        "Signed network per year among the report's states"
        + (f" and the region {region}" if region else "")
        + ". Positive ties: ATOP defense/offense pledges (weight 2), consultation pacts, arms supply of at least "
        f"{rules.arms_share:.0%} of the recipient's imports over {rules.arms_window} years, UN agreement at or "
        f"above the {rules.un_high:.0%} percentile of all dyads (weight 1 each). Negative ties: militarized "
        f"disputes and strategic rivalries (weight 2), UN agreement at or below the {rules.un_low:.0%} percentile "
        "(weight 1). A tie's sign is the sign of its summed weights; ties that cancel are left out. A triad is "
        "balanced when the product of its signs is positive (Heider 1946; Cartwright & Harary 1956); the "
        "frustration index is exact (Aref, Mason & Wilson 2018 binary program, HiGHS). Where a source has ended "
        "(MIDs 2014, SIPRI TIV 2021), its ties are absent, not negative; the analysis stops in "
        f"{cap}, when the alliance or rivalry data end."
    )
    section = {
        "intro": intro,
        "findings": [f.as_dict() for f in findings],
        "summary": summary,
        "charts": chart_list,
        "triad_year": triad_year,
        "triads": tri_show,
        "edges": edges_show,
        "rules": rules_df,
        "networks": {int(y): n for y, n in nets.items()},
        "all_triads": tri,
        "coverage": cov,
    }
    return section, findings


def _patrons(recipient: int, exclude: tuple[int, ...], years: list[int], k: int = 2) -> list[int]:
    """The recipient's ``k`` largest state arms suppliers over the report's years (SIPRI TIV, the source the
    convergence profile uses, via :func:`amity.measures.arms.arms_supplier_shares`), less ``exclude``."""
    from amity.measures.arms import SOURCES, arms_supplier_shares

    lo, hi = SOURCES[ARMS_SOURCE]
    inside = [y for y in years if lo <= y <= hi]
    if not inside:
        return []
    shares = arms_supplier_shares(recipient, inside, ARMS_SOURCE).dropna(subset=["supplier_ccode"])
    return [int(c) for c in shares["supplier_ccode"].head(k) if int(c) not in exclude]


def _source_of(src: dict) -> tuple[str, str]:
    return f"{src['source']} ({src['version']})", src["citation"]


def _exposure_section(prof: Profiles, patrons: dict[int, list[int]], codes, labels, years, span, out: Path,
                      png: bool = False) -> list[dict]:
    from amity.measures.arms import arms_supplier_shares

    a, b = codes[:2]
    blocks = []
    for c in codes[2:]:
        lab = labels | bal.state_labels(patrons[c])
        findings, chart_list = [], []
        # capability share of C against B
        key = "cap_share"
        dim, src = REPORT_DIMENSIONS[key], prof.source(key)
        cap = prof.series(c, b, key)
        chart_list.append(_chart(prof, key, {f"{lab[c]} share vs {lab[b]}": cap}, span,
                                 f"{lab[c]}'s share of {lab[c]}+{lab[b]} capabilities (CINC)", out,
                                 f"exp_{lab[c]}_capability", png=png))
        row = prof.summary_row(c, b, key)
        if row is not None:
            findings.append(Finding(
                f"{lab[c]}'s share of the {lab[c]}–{lab[b]} capability total was {fmt(cap.iloc[0], dim)} in "
                f"{int(cap.index[0])} and {fmt(cap.iloc[-1], dim)} in {int(cap.index[-1])} ({row['direction']} over "
                f"{row['trend_from']:.0f}–{row['trend_to']:.0f}).",
                round(float(cap.iloc[-1]), 4), *_source_of(src), "exposure", key))
        # arms dependence of C on A and on its own patrons
        key = "arms_dep_b_on_a"
        src = prof.source(key)
        suppliers = [a, *patrons[c]]
        lines = {f"from {lab[s]}": prof.series(s, c, key) for s in suppliers}
        chart_list.append(_chart(prof, key, lines, span, f"{lab[c]}'s arms imports by supplier", out,
                                 f"exp_{lab[c]}_arms", focal=f"from {lab[a]}", png=png))
        window = [y for y in years if src["first_year"] <= y <= src["last_year"]][-10:]
        if window:
            shares = arms_supplier_shares(c, window, ARMS_SOURCE).dropna(subset=["supplier_ccode"])
            shares = shares[shares["supplier_ccode"].isin(suppliers)]
            if len(shares):
                text = (f"{lab[c]}'s arms imports {window[0]}–{window[-1]} (share of its SIPRI TIV imports over the "
                        "period): " + ", ".join(f"from {lab.get(int(r.supplier_ccode), r.supplier)} {r.share:.0%}"
                                                for r in shares.itertuples()) + ".")
                findings.append(Finding(text, round(float(shares["share"].max()), 4), *_source_of(src), "exposure",
                                        key))
        # hyphenation: A's agreement with B minus A's agreement with C; C's alignment with its patrons
        key = "un_agree"
        dim, src = REPORT_DIMENSIONS[key], prof.source(key)
        ab, ac = prof.series(a, b, key), prof.series(a, c, key)
        gap = (ab - ac).dropna()
        lines = {f"{lab[a]}–{lab[b]}": ab, f"{lab[a]}–{lab[c]}": ac}
        lines |= {f"{lab[c]}–{lab[p]}": prof.series(c, p, key) for p in patrons[c]}
        chart_list.append(_chart(
            prof, key, lines, span,
            f"UN agreement: {lab[a]} with {lab[b]} and with {lab[c]}; {lab[c]} with its arms suppliers", out,
            f"exp_{lab[c]}_un", focal=f"{lab[a]}–{lab[b]}", png=png))
        if not gap.empty:
            findings.append(Finding(
                f"Hyphenation: {lab[a]}'s UN agreement with {lab[b]} minus its agreement with {lab[c]} was "
                f"{gap.iloc[-1]:+.0%} in {int(gap.index[-1])} (mean {gap.mean():+.0%} over {int(gap.index[0])}–"
                f"{int(gap.index[-1])}).", round(float(gap.iloc[-1]), 4), *_source_of(src), "exposure", key))
        for p in patrons[c]:
            cp = prof.series(c, p, key)
            if not cp.empty:
                findings.append(Finding(
                    f"{lab[c]}'s UN agreement with {lab[p]} (a top arms supplier) was {fmt(cp.iloc[-1], dim)} in "
                    f"{int(cp.index[-1])}.", round(float(cp.iloc[-1]), 4), *_source_of(src), "exposure", key))
        blocks.append({
            "title": f"What {lab[a]}–{lab[b]} convergence means for {lab[c]}",
            "findings": [f.as_dict() for f in findings],
            "charts": chart_list,
            "state": lab[c],
            "patrons": [lab[p] for p in patrons[c]],
        })
    return blocks


DOMAIN_DIMENSION = {
    "defense": "arms_dep_b_on_a",
    "nuclear": "ally_s_abs",
    "space": "ally_s_abs",
    "cyber": "ally_s_abs",
    "technology": "trade",
    "economy": "trade",
    "energy": "trade",
    "diplomacy": "un_agree",
    "terrorism": "mid_hostlev",
    "education": "igos",
}


def _article_section(articles, codes, labels, prof: Profiles) -> dict | None:
    if not articles:
        return None
    try:
        from amity.text.extract import extract
    except ImportError as exc:
        return {
            "error": f"The article lens needs amity's text pipeline (amity.text.extract), which is not available "
            f"in this installation ({exc}); the rest of the report is complete."
        }
    iso = {labels[c]: c for c in codes}
    events = extract([str(p) for p in articles])
    rows = events.to_dict("records") if isinstance(events, pd.DataFrame) else [dict(e) for e in events]
    table, findings = [], []
    for ev in rows:
        src = [s for s in ev.get("source") or [] if s in iso]
        tgt = [t for t in ev.get("target") or [] if t in iso]
        if not src or not tgt:
            continue
        doms = ev.get("domain") or []
        key = next((DOMAIN_DIMENSION[d] for d in doms if d in DOMAIN_DIMENSION), "un_agree")
        dim = REPORT_DIMENSIONS[key]
        pairs = [(iso[x], iso[y]) for x in src for y in tgt if x != y]
        if dim.spec.directed:  # arms are directed: show whichever way the weapons flow
            pairs += [(y, x) for x, y in pairs]
        candidates = [(p, prof.series(*p, key)) for p in pairs]
        candidates = [(p, s) for p, s in candidates if not s.empty]
        if candidates:
            pair, s = max(candidates, key=lambda c: c[1].mean())
            shows = f"{dim.label}: {fmt(s.iloc[-1], dim)} in {int(s.index[-1])}"
            row = prof.summary_row(*pair, key)
            if row is not None:
                shows += f" ({row['direction']} over {row['trend_from']:.0f}–{row['trend_to']:.0f})"
        else:
            shows = f"{dim.label}: no data in the report's years"
        table.append(
            {
                "date": ev.get("date"),
                "says": ev.get("sentence", "")[:240],
                "who": f"{','.join(src)}→{','.join(tgt)}",
                "event": ev.get("event"),
                "quad": ev.get("quad"),
                "modality": ev.get("modality"),
                "domain": ", ".join(doms),
                "data shows": shows,
            }
        )
    findings.append(
        Finding(
            f"{len(table)} events among the report's states extracted from {len(articles)} article(s); "
            "each is listed beside the series it speaks to.",
            len(table),
            "amity.text.extract",
            "amity event extraction (PLOVER ontology; Halterman et al.)",
            "article",
        )
    )
    return {"table": pd.DataFrame(table), "findings": [f.as_dict() for f in findings]}


def _sources_table(prof: Profiles, coverage: pd.DataFrame) -> pd.DataFrame:
    cols = ["data", "title", "version", "first_year", "last_year", "citation"]
    rows = [{"data": src["source"], **src} for src in (prof.source(k) for k in REPORT_DIMENSIONS)]
    rows += [{"data": r.table, "title": r.source, "version": r.version, "first_year": r.first_year,
              "last_year": r.last_year, "citation": r.citation} for r in coverage.itertuples()]
    return pd.DataFrame(rows).drop_duplicates(["data", "version"])[cols]


def _shown_pairs(prof: Profiles, key: str) -> list[tuple[int, int]]:
    """The pairs whose rows ``data.json`` lists for a dimension: every pair profiled, both ways if directed."""
    pairs = list(prof.profiles)
    if key in ("arms_dep_b_on_a",):
        pairs += [(b, a) for a, b in pairs]
    return pairs


def _without_svg(obj):
    """The payload for data.json: the inline SVG markup belongs to index.html, not to the data."""
    if isinstance(obj, dict):
        return {k: _without_svg(v) for k, v in obj.items() if k != "svg"}
    if isinstance(obj, (list, tuple)):
        return [_without_svg(v) for v in obj]
    return obj


def report(
    a: str,
    b: str,
    third: list[str] | None = None,
    years: YearsLike = None,
    articles=None,
    region=None,
    out: str | Path = "report",
    network_years: list[int] | None = None,
    rules: bal.SignRules | None = None,
    png: bool = False,
) -> list[dict]:
    """Write the convergence report for ``a``–``b`` and third parties into folder ``out``; return the findings.

    The folder holds ``index.html`` (self-contained, offline, charts inlined as SVG), ``report.md`` (shows
    ``charts/*.svg``, or the PNGs with ``png=True``), ``charts/`` (every chart as SVG, and as PNG too with
    ``png=True``: a second draw of each, about a second per report) and ``data.json`` (every number with
    its source, version and citation, and ``findings``). It is
    built in a temporary folder and moved into place only when complete; an existing ``out`` is replaced
    only if it is empty or an earlier amity report (has ``data.json``).
    """
    from amity import __version__

    codes, labels, queries = _states(a, b, third)
    ys = _years(years)
    span = (ys[0], ys[-1])
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "data.json").exists())):
        raise ReportError(f"{out} exists and is not an amity report folder; choose a new or empty folder")
    for art in articles or []:
        if not Path(art).is_file():
            raise ReportError(f"article file {art} not found")
    if network_years:
        bad = [y for y in network_years if y not in ys]
        if bad:
            raise ReportError(f"network years {bad} are outside the report's years {span[0]}-{span[1]}")
    tmp = Path(tempfile.mkdtemp(prefix=".amity-report-", dir=out.parent if out.parent.exists() else None))
    try:
        patrons = {c: _patrons(c, (codes[0], c), ys) for c in codes[2:]}
        labels = labels | bal.state_labels([p for ps in patrons.values() for p in ps if p not in labels])
        # every pair of the report's states, C against B (capability share) and C with its arms patrons
        extra = [(c, codes[1]) for c in codes[2:]] + [(c, p) for c in codes[2:] for p in patrons[c]]
        prof = gather(queries, report_pairs(codes, extra), ys)
        dim_findings, dim_charts = _dimension_section(prof, codes, labels, span, tmp, png)
        balance, bal_findings = _balance_section(codes, labels, ys, region, network_years, tmp, rules, png)
        exposure = _exposure_section(prof, patrons, codes, labels, ys, span, tmp, png)
        articles_ctx = _article_section(articles, codes, labels, prof)
        findings = [f.as_dict() for f in dim_findings + bal_findings]
        for block in exposure:
            findings += block["findings"]
        if articles_ctx and not articles_ctx.get("error"):
            findings += articles_ctx["findings"]
        sources = _sources_table(prof, balance["coverage"])
        definitions = pd.DataFrame(
            [
                {
                    "dimension": d.label,
                    "profile column": d.key,
                    "unit": d.unit,
                    "definition": d.definition,
                    "percentile among": f"all {d.among} (mid-rank)",
                }
                for d in REPORT_DIMENSIONS.values()
            ]
        )
        focal = dyad_label(labels, *codes[:2])
        ctx = {
            "title": f"{focal} convergence report"
            + (f", with {', '.join(labels[c] for c in codes[2:])}" if len(codes) > 2 else ""),
            "subtitle": f"Years {span[0]}–{span[1]}; generated {date.today().isoformat()} from real data "
            "(sources and versions in section 6).",
            "findings": findings,
            "dimension_charts": dim_charts,
            "balance": balance,
            "exposure": exposure,
            "articles": articles_ctx,
            "sources": sources,
            "definitions": definitions,
            "version": __version__,
            "method": __doc__.split("\n\n")[1].replace("\n", " ")
            + " Findings: "
            + " ".join(
                line.strip() for line in __import__("amity.report.findings", fromlist=["x"]).__doc__.splitlines()[2:]
            ),
        }
        (tmp / "index.html").write_text(render_html(ctx), encoding="utf-8")
        (tmp / "report.md").write_text(render_markdown(ctx), encoding="utf-8")
        payload = {
            "meta": {
                "a": labels[codes[0]],
                "b": labels[codes[1]],
                "third": [labels[c] for c in codes[2:]],
                "cow": {labels[c]: c for c in codes},
                "years": [span[0], span[1]],
                "region": region,
                "amity_version": __version__,
            },
            "findings": findings,
            "dimensions": {
                k: {
                    **prof.source(k),
                    "label": d.label,
                    "unit": d.unit,
                    "definition": d.definition,
                    "percentile_among": f"all {d.among} (mid-rank)",
                    "rows": prof.rows(k, _shown_pairs(prof, k), labels),
                }
                for k, d in REPORT_DIMENSIONS.items()
            },
            # amity.measures.convergence.convergence_summary of every dyad profiled (all its dimensions)
            "convergence": {dyad_label(labels, *p): sm for p, sm in prof.summaries.items()},
            "balance": {k: balance[k] for k in ("intro", "summary", "triad_year", "all_triads", "coverage")}
            | {
                "rules": (rules or bal.DEFAULT_RULES).describe(),
                "networks": balance["networks"],
                "charts": balance["charts"],
            },
            "exposure": exposure,
            "articles": articles_ctx,
            "sources": sources,
            "charts": dim_charts,
        }
        data = json.dumps(jsonable(_without_svg(payload)), indent=1, default=str)
        (tmp / "data.json").write_text(data, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return findings
