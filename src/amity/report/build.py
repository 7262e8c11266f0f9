"""``amity report``: a convergence report for a dyad and its third parties, written as a folder.

:func:`report` resolves the states, gathers every dimension for every pair among them
(:mod:`amity.report.dimensions`), templates findings from the numbers (:mod:`amity.report.findings`),
builds the yearly signed networks and their structural balance (:mod:`amity.measures.balance`), draws
the charts (:mod:`amity.report.charts`) and writes ``index.html``, ``report.md``, ``charts/*.svg|png``
and ``data.json`` into a fresh folder, swapped into place only when complete.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from amity.errors import AmityError, CoverageError
from amity.measures import balance as bal
from amity.report import charts
from amity.report.dimensions import DIMENSIONS, dyad_label, gather, series
from amity.report.findings import Finding, contrasts, dimension_findings, fmt, trend
from amity.report.html import render_html, render_markdown
from amity.years import YearsLike, parse_years

DEFAULT_YEARS = "1991-2024"
ANY_COVERAGE = (1816, 2024)  # the widest span any report dimension covers (COW 1816 to UN votes 2024)


class ReportError(AmityError, ValueError):
    """The report's states or options do not make sense together."""


def _states(a, b, third) -> tuple[list[int], dict[int, str]]:
    from amity.states import resolve

    focal = [resolve(a), resolve(b)]
    if focal[0].cow == focal[1].cow:
        raise ReportError(f"the two focal states are the same state ({focal[0].name}); name two different states")
    codes = [int(s.cow) for s in focal]
    for q in third or []:
        st = resolve(q)
        if int(st.cow) in codes[:2]:
            raise ReportError(
                f"third party {q!r} is {st.name}, one of the focal states; a third party must be a different state"
            )
        if int(st.cow) not in codes:
            codes.append(int(st.cow))
    return codes, bal.state_labels(codes)


def _years(years: YearsLike) -> list[int]:
    ys = parse_years(years if years is not None else DEFAULT_YEARS)
    inside = [y for y in ys if ANY_COVERAGE[0] <= y <= ANY_COVERAGE[1]]
    if not inside:
        raise CoverageError(
            f"years {ys[0]}-{ys[-1]} lie outside all the report's data, which covers "
            f"{ANY_COVERAGE[0]}-{ANY_COVERAGE[1]} (UN votes 1946-2024, ATOP to 2018, COW trade to 2014)"
        )
    return inside


def _source_line(key: str) -> str:
    s = DIMENSIONS[key].source()
    return f"{s['title']}, {s['version']}."


def _ranked(df: pd.DataFrame, c1: int, c2: int) -> pd.DataFrame | None:
    if "percentile" not in df.columns:
        return None
    sel = ((df.ccode1 == c1) & (df.ccode2 == c2)) | ((df.ccode1 == c2) & (df.ccode2 == c1))
    cols = ["percentile", "among"] + (["n"] if "n" in df.columns else [])
    return df.loc[sel].set_index("year")[cols]


def _dimension_section(
    data: dict[str, pd.DataFrame], codes: list[int], labels: dict[int, str], span: tuple[int, int], out: Path
) -> tuple[list[Finding], list[dict]]:
    a, b = codes[:2]
    focal = dyad_label(labels, a, b)
    findings, chart_list, trends = [], [], {}
    for key, dim in DIMENSIONS.items():
        df = data[key]
        cov = dim.source()
        if key == "arms":  # directed: each side's dependence on the other
            lines = {
                f"{labels[r]} imports from {labels[s]}": series(df, s, r, directed=True) for s, r in ((a, b), (b, a))
            }
            lines |= {
                f"{labels[r]} imports from {labels[s]}": series(df, s, r, directed=True)
                for s in codes
                for r in codes[2:]
                if s != r
            }
            s_focal = lines[f"{labels[b]} imports from {labels[a]}"]
            focal_key = f"{labels[b]} imports from {labels[a]}"
            name_for = f"{labels[b]}'s arms imports from {labels[a]}"
        else:
            lines = {
                dyad_label(labels, c1, c2): series(df, c1, c2, complement=key == "capability")
                for i, c1 in enumerate(codes)
                for c2 in codes[i + 1 :]
            }
            s_focal, focal_key, name_for = lines[focal], focal, focal
        f, tr = dimension_findings(dim, name_for, s_focal, _ranked(df, a, b), span)
        findings += f
        trends[key] = (dim, tr)
        chart_list.append(
            charts.line_chart(
                lines,
                span,
                dim.label,
                dim.unit,
                _source_line(key),
                out / "charts",
                f"dim_{key}",
                focal=focal_key,
                coverage_end=cov["last_year"],
                coverage_label=cov["source"],
                step=key in ("alliance", "rivalry", "conflict"),
            )
        )
    findings += contrasts(trends, focal)
    return findings, chart_list


def _balance_section(codes, labels, years, region, network_years, out: Path, rules) -> tuple[dict, list[Finding]]:
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


def _top_suppliers(recipient: int, years: list[int], k: int = 2) -> list[int]:
    from amity.data.store import ensure, query

    ensure("sipri_exports_processed")
    df = query(
        "SELECT supplier_cown AS s, sum(tiv) AS tiv FROM sipri_exports_processed WHERE recipient_cown = ? "
        "AND year BETWEEN ? AND ? AND supplier_cown IS NOT NULL GROUP BY ALL ORDER BY tiv DESC LIMIT ?",
        [recipient, years[0], years[-1], k],
    )
    return [int(x) for x in df["s"]]


def _exposure_section(data, codes, labels, years, span, out: Path) -> list[dict]:
    from amity.report import dimensions as dims

    a, b = codes[:2]
    blocks = []
    for c in codes[2:]:
        patrons = [p for p in _top_suppliers(c, years) if p not in (a, c)]
        lab = labels | bal.state_labels(patrons)
        findings, chart_list = [], []
        # capability share of C against B
        cap = series(data["capability"], c, b, complement=True)
        d = DIMENSIONS["capability"]
        chart_list.append(
            charts.line_chart(
                {f"{lab[c]} share vs {lab[b]}": cap},
                span,
                f"{lab[c]}'s share of {lab[c]}+{lab[b]} capabilities (CINC)",
                d.unit,
                _source_line("capability"),
                out / "charts",
                f"exp_{lab[c]}_capability",
                coverage_end=d.source()["last_year"],
                coverage_label=d.source()["source"],
            )
        )
        tr = trend(cap)
        if not cap.empty:
            findings.append(
                Finding(
                    f"{lab[c]}'s share of the {lab[c]}–{lab[b]} capability total was {fmt(cap.iloc[0], d)} in "
                    f"{int(cap.index[0])} and {fmt(cap.iloc[-1], d)} in {int(cap.index[-1])}"
                    + (f" ({tr.direction})." if tr else "."),
                    round(float(cap.iloc[-1]), 4),
                    f"cow_nmc ({d.source()['version']})",
                    d.source()["citation"],
                    "exposure",
                    "capability",
                )
            )
        # arms dependence of C on A and on its own patrons
        arms_df = dims.arms([a, c, *patrons], years)
        d = DIMENSIONS["arms"]
        lines = {f"from {lab[s]}": series(arms_df, s, c, directed=True) for s in [a, *patrons]}
        chart_list.append(
            charts.line_chart(
                lines,
                span,
                f"{lab[c]}'s arms imports by supplier",
                d.unit,
                _source_line("arms"),
                out / "charts",
                f"exp_{lab[c]}_arms",
                focal=f"from {lab[a]}",
                coverage_end=d.source()["last_year"],
                coverage_label=d.source()["source"],
            )
        )
        w = [y for y in years if y <= (d.source()["last_year"] or y)][-10:]
        if w:
            shares = {k: float(v.reindex(w).mean()) for k, v in lines.items() if not v.reindex(w).dropna().empty}
            if shares:
                text = (
                    f"{lab[c]}'s arms imports {w[0]}–{w[-1]} (mean yearly share of TIV): "
                    + ", ".join(f"{k} {v:.0%}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]))
                    + "."
                )
                findings.append(
                    Finding(
                        text,
                        round(max(shares.values()), 4),
                        f"sipri_exports_processed ({d.source()['version']})",
                        d.source()["citation"],
                        "exposure",
                        "arms",
                    )
                )
        # hyphenation: A's agreement with B minus A's agreement with C; C's alignment with its patrons
        un_df = dims.un_agree([a, b, c, *patrons], years)
        d = DIMENSIONS["un_agree"]
        ab, ac = series(un_df, a, b), series(un_df, a, c)
        gap = (ab - ac).dropna()
        lines = {f"{lab[a]}–{lab[b]}": ab, f"{lab[a]}–{lab[c]}": ac}
        lines |= {f"{lab[c]}–{lab[p]}": series(un_df, c, p) for p in patrons}
        chart_list.append(
            charts.line_chart(
                lines,
                span,
                f"UN agreement: {lab[a]} with {lab[b]} and with {lab[c]}; {lab[c]} with its arms suppliers",
                d.unit,
                _source_line("un_agree"),
                out / "charts",
                f"exp_{lab[c]}_un",
                focal=f"{lab[a]}–{lab[b]}",
                coverage_end=d.source()["last_year"],
                coverage_label=d.source()["source"],
            )
        )
        if not gap.empty:
            findings.append(
                Finding(
                    f"Hyphenation: {lab[a]}'s UN agreement with {lab[b]} minus its agreement with {lab[c]} was "
                    f"{gap.iloc[-1]:+.0%} in {int(gap.index[-1])} (mean {gap.mean():+.0%} over {int(gap.index[0])}–"
                    f"{int(gap.index[-1])}).",
                    round(float(gap.iloc[-1]), 4),
                    f"un_votes_fpsim ({d.source()['version']})",
                    d.source()["citation"],
                    "exposure",
                    "un_agree",
                )
            )
        for p in patrons:
            cp = series(un_df, c, p)
            if not cp.empty:
                findings.append(
                    Finding(
                        f"{lab[c]}'s UN agreement with {lab[p]} (a top arms supplier) was {fmt(cp.iloc[-1], d)} in "
                        f"{int(cp.index[-1])}.",
                        round(float(cp.iloc[-1]), 4),
                        f"un_votes_fpsim ({d.source()['version']})",
                        d.source()["citation"],
                        "exposure",
                        "un_agree",
                    )
                )
        blocks.append(
            {
                "title": f"What {lab[a]}–{lab[b]} convergence means for {lab[c]}",
                "findings": [f.as_dict() for f in findings],
                "charts": chart_list,
                "state": lab[c],
                "patrons": [lab[p] for p in patrons],
            }
        )
    return blocks


DOMAIN_DIMENSION = {
    "defense": "arms",
    "nuclear": "alliance",
    "space": "alliance",
    "cyber": "alliance",
    "technology": "trade",
    "economy": "trade",
    "energy": "trade",
    "diplomacy": "un_agree",
    "terrorism": "conflict",
    "education": "igo",
}


def _article_section(articles, codes, labels, data) -> dict | None:
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
        pairs = [(x, y) for x in src for y in tgt if x != y]
        candidates = [series(data[key], iso[x], iso[y], directed=key == "arms") for x, y in pairs]
        if key == "arms":  # arms are directed: show whichever way the weapons flow
            candidates += [series(data[key], iso[y], iso[x], directed=True) for x, y in pairs]
        candidates = [c for c in candidates if not c.empty]
        s = max(candidates, key=lambda c: c.mean()) if candidates else pd.Series(dtype=float)
        shows = (
            f"{DIMENSIONS[key].label}: {fmt(s.iloc[-1], DIMENSIONS[key])} in {int(s.index[-1])}"
            if not s.empty
            else f"{DIMENSIONS[key].label}: no data in the report's years"
        )
        tr = trend(s)
        if tr:
            shows += f" ({tr.direction} since {tr.first_year})"
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


def _sources_table(coverage: pd.DataFrame) -> pd.DataFrame:
    rows = [{"table": d.table, **{k: v for k, v in d.source().items() if k != "table"}} for d in DIMENSIONS.values()]
    rows += [
        {
            "table": r.table,
            "source": r.source,
            "title": r.table,
            "version": r.version,
            "citation": r.citation,
            "first_year": r.first_year,
            "last_year": r.last_year,
        }
        for r in coverage.itertuples()
    ]
    df = pd.DataFrame(rows).drop_duplicates("table")
    return df[["table", "source", "version", "first_year", "last_year", "citation"]]


def _jsonable(obj):
    if isinstance(obj, pd.DataFrame):
        return json.loads(obj.to_json(orient="records"))
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items() if k != "svg"}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if hasattr(obj, "item"):
        return obj.item()
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
) -> list[dict]:
    """Write the convergence report for ``a``–``b`` and third parties into folder ``out``; return the findings.

    The folder holds ``index.html`` (self-contained, offline), ``report.md``, ``charts/`` (SVG and PNG) and
    ``data.json`` (every number with its source table, version and citation, and ``findings``). It is
    built in a temporary folder and moved into place only when complete; an existing ``out`` is replaced
    only if it is empty or an earlier amity report (has ``data.json``).
    """
    from amity import __version__

    codes, labels = _states(a, b, third)
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
        data = gather(codes, ys, labels)
        dim_findings, dim_charts = _dimension_section(data, codes, labels, span, tmp)
        balance, bal_findings = _balance_section(codes, labels, ys, region, network_years, tmp, rules)
        exposure = _exposure_section(data, codes, labels, ys, span, tmp)
        articles_ctx = _article_section(articles, codes, labels, data)
        findings = [f.as_dict() for f in dim_findings + bal_findings]
        for block in exposure:
            findings += block["findings"]
        if articles_ctx and not articles_ctx.get("error"):
            findings += articles_ctx["findings"]
        sources = _sources_table(balance["coverage"])
        definitions = pd.DataFrame(
            [
                {
                    "dimension": d.label,
                    "unit": d.unit,
                    "definition": d.definition,
                    "percentile among": d.percentile_among or "not ranked",
                }
                for d in DIMENSIONS.values()
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
                    **DIMENSIONS[k].source(),
                    "label": DIMENSIONS[k].label,
                    "unit": DIMENSIONS[k].unit,
                    "definition": DIMENSIONS[k].definition,
                    "percentile_among": DIMENSIONS[k].percentile_among,
                    "rows": data[k],
                }
                for k in DIMENSIONS
            },
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
        (tmp / "data.json").write_text(json.dumps(_jsonable(payload), indent=1, default=str), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return findings
