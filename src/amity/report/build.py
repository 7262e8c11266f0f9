"""``amity report``: compute a convergence report (:func:`build_report`), then render or write it.

:func:`build_report` resolves the states, profiles every pair among them and A's benchmark partners
with :func:`amity.measures.convergence.convergence_profiles` (:mod:`amity.report.dimensions`), reads each
dimension with the report's evidence rules (:mod:`amity.report.readings`), templates the verdict,
scorecard and findings from the numbers (:mod:`amity.report.verdict`, :mod:`amity.report.findings`),
adds the third-party exposure (:mod:`amity.report.exposure`), the structural balance
(:mod:`amity.measures.balance`) and the article's claims checked (:mod:`amity.report.claims`), and
draws the charts in memory. It returns a :class:`~amity.report.model.Report` and writes nothing;
:func:`~amity.report.write.write_report` writes the folder and :func:`report` does both.
"""

from __future__ import annotations

import re
import warnings
from datetime import date
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from amity.data.registry import coverage
from amity.errors import AmityError, CoverageError
from amity.measures import balance as bal
from amity.measures.convergence import ARMS_SOURCE
from amity.output import jsonable
from amity.report import charts
from amity.report.dimensions import REPORT_DIMENSIONS, SUPPORTING, Profiles, dyad_label, gather, report_pairs
from amity.report.exposure import SIPRI_CITE, delivery_split, window_years
from amity.report.findings import dimension_findings, fmt, reconcile_un
from amity.report.model import Chart, Finding, Reference, Report, Section, Table
from amity.report.readings import DEFAULT_MIN_VOTES, UN_KEYS, Reading, read
from amity.report.write import check_folder, write_report
from amity.years import YearsLike, years_within

DEFAULT_YEARS = "1991-2026"
# the widest span any report dimension covers: the COW system's start to the last year of UN votes or SIPRI
ANY_COVERAGE = (coverage("cow_states")[0], coverage("un_extract", "sipri_register")[1])
CLOSEST_K = 10  # benchmark: the states closest to A in UN voting, beside its treaty allies and --peers
WINDOW = 10


class ReportError(AmityError, ValueError):
    """The report's states or options do not make sense together."""


# ------------------------------------------------------------------------------------------------ inputs


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
        "all the report's data (UN votes 1946-2026, ATOP to 2018, COW trade to 2014) together",
    )


def treaty_allies(code: int, year: int | None = None) -> tuple[list[int], int]:
    """States with an ATOP defence pledge with ``code`` in ``year`` (default ATOP's last year), and the year."""
    from amity.frames.dyads import add_atop
    from amity.measures.alliances import ATOP_YEARS
    from amity.measures.convergence import all_dyads

    y = min(year or ATOP_YEARS[1], ATOP_YEARS[1])
    f = all_dyads((y,))
    f = f[(f["ccode1"] == code) | (f["ccode2"] == code)].pipe(add_atop)
    f = f[pd.to_numeric(f["atop_defense"], errors="coerce") == 1]
    return sorted((set(f["ccode1"]) | set(f["ccode2"])) - {code}), y


def closest_in_un(code: int, years: list[int], k: int, min_votes: int) -> list[int]:
    """The ``k`` states agreeing most with ``code`` in UN votes in the last year with enough joint votes."""
    from amity.measures.convergence import UN_YEARS, un_similarity

    span = tuple(y for y in years if UN_YEARS[0] <= y <= UN_YEARS[1])
    if not span:
        return []
    sims = un_similarity(span)
    mine = sims[((sims["ccode1"] == code) | (sims["ccode2"] == code)) & (sims["n"] >= min_votes)]
    if mine.empty:
        return []
    last = mine[mine["year"] == mine["year"].max()]
    other = np.where(last["ccode1"] == code, last["ccode2"], last["ccode1"])
    return [int(c) for c in pd.Series(last["un_agree"].to_numpy(), index=other).nlargest(k).index]


def _peers(peers) -> list[int]:
    from amity.states import resolve

    if isinstance(peers, str):
        peers = [p.strip() for p in peers.split(",") if p.strip()]
    return [int(resolve(p).cow) for p in peers or []]


# ------------------------------------------------------------------------------------------------ dimensions


def _source_line(src: dict) -> str:
    return src["title"]


def _readings(prof: Profiles, a: int, b: int, partners: list[int], span_end: int, min_votes: int,
              keys, partners_b: list[int] = ()) -> dict[str, Reading]:
    out = {}
    n = prof.by_year(a, b)["un_n"] if "un_n" in prof.by_year(a, b) else None
    for key in keys:
        dim = REPORT_DIMENSIONS.get(key) or SUPPORTING[key]
        src = prof.source(key)
        profile = prof.profile(*_ordered(prof, a, b))
        out[key] = read(dim, prof.series(a, b, key), prof.series(a, b, key, "_pct"),
                        profile.attrs["among"].get(key, {}), n if key in UN_KEYS else None,
                        src["last_year"], span_end, WINDOW, min_votes,
                        _benchmark_series(prof, a, partners, key, dim, min_votes),
                        _benchmark_series(prof, b, partners_b, key, dim, min_votes, recipient=key == "arms_dep_b_on_a"))
    return out


def _benchmark_series(prof: Profiles, me: int, partners, key: str, dim, min_votes: int,
                      recipient: bool = False) -> dict[int, pd.Series]:
    """``key`` for (``me``, partner) of every profiled partner; with ``recipient``, for (partner, ``me``):
    B's arms imports from each partner, beside its imports from A. A UN value counts only in years with
    enough joint votes, as the focal pair's does."""
    def pair(c):
        return (c, me) if recipient else (me, c)

    if dim.spec.higher_is == "neither":  # no closer end (a capability share): nothing to rank
        return {}
    others = {c: prof.series(*pair(c), key) for c in partners if (me, c) in prof.profiles or (c, me) in prof.profiles}
    if not dim.step and key in UN_KEYS:
        others = {c: s[prof.by_year(*_ordered(prof, me, c))["un_n"].reindex(s.index) >= min_votes]
                  for c, s in others.items()}
    return others


def _ordered(prof: Profiles, a: int, b: int) -> tuple[int, int]:
    return (a, b) if (a, b) in prof.profiles else (b, a)


def _band(prof: Profiles, a: int, partners: list[int], key: str, span) -> tuple[pd.Series, pd.Series] | None:
    """The middle half (25th-75th percentile) of A's partners on ``key``, per year."""
    cols = [prof.series(a, c, key) for c in partners if (a, c) in prof.profiles or (c, a) in prof.profiles]
    if len(cols) < 4:
        return None
    frame = pd.concat(cols, axis=1)
    return frame.quantile(0.25, axis=1), frame.quantile(0.75, axis=1)


def _dimension_chart(prof, key, codes, labels, span, partners, reading, png, events) -> Chart:
    dim, src = REPORT_DIMENSIONS[key], prof.source(key)
    a, b = codes[:2]
    if key == "arms_dep_b_on_a":  # directed: B's imports from A, then A's from B and the third parties' from A
        pairs = [(a, b), (b, a)] + [(a, c) for c in codes[2:]]
        lines = {f"{labels[r]} imports from {labels[s]}": prof.series(s, r, key) for s, r in pairs}
        focal = f"{labels[b]} imports from {labels[a]}"
    else:
        lines = {dyad_label(labels, c1, c2): prof.series(c1, c2, key) for c1, c2 in combinations(codes, 2)}
        focal = dyad_label(labels, a, b)
    if key == "cap_share":  # CINC inherits NMC's urban-population redefinition
        from amity.measures.capabilities import component_breaks

        events = [*events, *[(int(r.year), "NMC urban population redefined")
                             for r in component_breaks("upop", list(range(span[0], span[1] + 1))).itertuples()]]
    band = _band(prof, a, partners, key, span)
    bands = {f"middle half of {labels[a]}'s {len(partners)} benchmark partners": band} if band else None
    return charts.line_chart(lines, span, dim.label, dim.unit, _source_line(src), f"dim_{key}", focal=focal,
                             coverage_end=src["last_year"], coverage_label="data", step=dim.step, png=png,
                             bands=bands, thin=reading.thin, events=events, magnitude=dim.style == "money")


def _un_detail(a_q, b_q, ys: list[int], min_votes: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreement by issue (unvotes codes, to 2019) and on important votes (1983-2017), pooled over the last
    ten years the codes cover: issue, label, years, joint votes, agreement (thin when < min_votes)."""
    from amity.errors import CoverageError as Cov
    from amity.measures.unga import ISSUES, similarity

    span = [y for y in ys if y <= 2019][-10:]
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for code, label in [*ISSUES.items(), ("important", "US State Department important votes")]:
            try:
                kw = {"important": True} if code == "important" else {"issue": code}
                sim = similarity(a_q, b_q, years=span, measures=["agree"], source="unvotes", **kw)
            except Cov:
                continue
            sim = sim[sim["n"] > 0]
            if sim.empty:
                continue
            n = int(sim["n"].sum())
            agree = float((sim["agree"] * sim["n"]).sum() / n)
            rows.append({"votes on": label, "code": code, "years": f"{int(sim['year'].min())}–{int(sim['year'].max())}",
                         "joint votes": n, "agreement": round(agree, 3),
                         "evidence": "thin" if n < min_votes else "enough"})
    return pd.DataFrame(rows), pd.DataFrame()


def _ideal_detail(a: int, b: int, ys: list[int]) -> pd.DataFrame:
    """year, session, x_a, se_a, x_b, se_b, distance, se (``sqrt(se_a² + se_b²)``), one session per year."""
    from amity.measures import idealpoints

    sess = idealpoints.session_of_year()
    sess = sess[~sess.duplicated(keep="first")]
    sess = sess[sess.index.isin(ys)]
    ip = idealpoints.ideal_points()
    ip = ip[ip["ccode"].isin([a, b]) & ip["session"].isin(set(sess))].set_index(["ccode", "session"])
    rows = []
    for year, s in sess.items():
        if (a, s) in ip.index and (b, s) in ip.index:
            xa, xb = ip.loc[(a, s)], ip.loc[(b, s)]
            rows.append({"year": int(year), "session": int(s), "x_a": float(xa["ideal_point"]), "se_a": float(xa["se"]),
                         "x_b": float(xb["ideal_point"]), "se_b": float(xb["se"]),
                         "distance": abs(float(xa["ideal_point"] - xb["ideal_point"])),
                         "se": float(np.hypot(xa["se"], xb["se"]))})
    return pd.DataFrame(rows)


def _ideal_findings(detail: pd.DataFrame, reading: Reading, la: str, lb: str, src: dict) -> list[Finding]:
    """The distance change over the trend window with its SE, split into each side's movement."""
    if detail.empty or reading.trend is None:
        return []
    d = detail.set_index("year")
    t0, t1 = reading.trend.first, reading.trend.last
    if t0 not in d.index or t1 not in d.index:
        return []
    r0, r1 = d.loc[t0], d.loc[t1]
    change = r1["distance"] - r0["distance"]
    se = float(np.hypot(r0["se"], r1["se"]))
    side = np.sign(r1["x_a"] - r1["x_b"]) or 1.0
    move_a, move_b = side * (r1["x_a"] - r0["x_a"]), -side * (r1["x_b"] - r0["x_b"])
    noise = "within noise" if abs(change) <= 2 * se else "beyond two standard errors"
    text = (f"UN ideal points: the {la}–{lb} distance went from {r0['distance']:.2f} ± {r0['se']:.2f} in {t0} to "
            f"{r1['distance']:.2f} ± {r1['se']:.2f} in {t1}, a change of {change:+.2f} ± {se:.2f} ({noise}). "
            f"Of it, {la}'s own movement accounts for {move_a:+.2f} (ideal point {r0['x_a']:+.2f} → {r1['x_a']:+.2f}) "
            f"and {lb}'s for {move_b:+.2f} ({r0['x_b']:+.2f} → {r1['x_b']:+.2f}); positive moves apart.")
    return [Finding(text, round(float(change), 4), f"{src['source']} ({src['version']})", src["citation"], "trend",
                    "ideal_distance")]


def _ideal_chart(detail: pd.DataFrame, la: str, lb: str, span, src: dict, png: bool) -> Chart | None:
    if detail.empty:
        return None
    d = detail.set_index("year")
    lines = {f"{la} ideal point": d["x_a"], f"{lb} ideal point": d["x_b"]}
    bands = {f"{la} ± 1.96 SE": (d["x_a"] - 1.96 * d["se_a"], d["x_a"] + 1.96 * d["se_a"]),
             f"{lb} ± 1.96 SE": (d["x_b"] - 1.96 * d["se_b"], d["x_b"] + 1.96 * d["se_b"])}
    return charts.line_chart(lines, span, f"UN ideal points of {la} and {lb} with 95% bands",
                             "ideal point (positive = the US side)", _source_line(src), "ideal_points_se",
                             focal=f"{la} ideal point", png=png, bands=bands,
                             coverage_end=src["last_year"], coverage_label="UN votes")


def _arms_windows(codes, labels, ys, png) -> tuple[list[Finding], list[Chart], list[Table]]:
    """A's deliveries to B (and to each third party) and B's supplier mix in 5-year windows (SIPRI TIV)."""
    from amity.measures import arms

    a, b = codes[:2]
    wy = window_years(ys, *arms.SOURCES[ARMS_SOURCE])
    if not wy:
        return [], [], []
    source, cite = f"SIPRI arms transfers ({ARMS_SOURCE})", SIPRI_CITE
    split = delivery_split(a, codes[1:], wy)
    findings, charts_out, tables = [], [], []
    if not split.empty:
        table = split.pivot_table(index="window", columns="recipient", values="tiv", aggfunc="sum").reindex(
            columns=[labels[c] for c in codes[1:] if labels[c] in set(split["recipient"])])
        charts_out.append(charts.bar_windows(table, f"{labels[a]}'s arms deliveries by recipient, 5-year windows",
                                             "SIPRI TIV (millions)", "SIPRI Arms Transfers Database", "arms_windows",
                                             png=png))
        tables.append(Table(f"{labels[a]}'s arms deliveries (SIPRI TIV, millions) per 5-year window",
                            table.reset_index().round(0), "Windows that run past the report's last year are partial."))
    mix = arms.arms_supplier_shares(b, wy, ARMS_SOURCE, period=5).dropna(subset=["supplier_ccode"])
    if len(mix):
        top = mix[mix["rank"] <= 4].assign(share=lambda d: (d["share"] * 100).round(0))
        tables.append(Table(f"{labels[b]}'s largest arms suppliers per 5-year window (share of its TIV imports, %)",
                            top.pivot_table(index="period", columns="supplier", values="share").reset_index()))
        periods = list(dict.fromkeys(mix["period"]))
        if len(periods) >= 2:
            p0, p1 = periods[-2], periods[-1]
            s0 = mix[mix["period"] == p0].set_index("supplier_ccode")["share"]
            s1 = mix[mix["period"] == p1].set_index("supplier_ccode")["share"]
            keys = [k for k in dict.fromkeys(list(s1.nlargest(3).index) + [a]) if k in s0.index or k in s1.index]
            name = bal.state_labels([int(k) for k in keys])
            parts = [f"{name[int(k)]} {s0.get(k, 0):.0%} → {s1.get(k, 0):.0%}" for k in keys]
            findings.append(Finding(f"{labels[b]}'s arms imports by supplier, {p0} → {p1} (share of its SIPRI TIV "
                                    "imports; SIPRI advises multi-year windows): " + ", ".join(parts) + ".",
                                    round(float(s1.get(a, 0)), 4), source, cite, "level", "arms_dep_b_on_a"))
    return findings, charts_out, tables


def _milex(codes, labels, ys, cap_reading: Reading, png) -> tuple[list[Finding], list[Chart]]:
    """SIPRI military expenditure beside CINC: A's share of the pair's spending (constant 2022 US$)."""
    from amity.measures.capabilities import capabilities, component_breaks, military_expenditure

    a, b = codes[:2]
    mx = military_expenditure([a, b], ys)
    wide = mx.pivot_table(index="year", columns="ccode", values="milex_constant_2022_usd_m")
    if a not in wide or b not in wide:
        return [], []
    share = (wide[a] / (wide[a] + wide[b])).dropna()
    if share.empty:
        return [], []
    cinc = capabilities([a, b], ys).pivot_table(index="year", columns="ccode", values="cinc")
    cinc_share = (cinc[a] / (cinc[a] + cinc[b])).dropna() if a in cinc and b in cinc else pd.Series(dtype=float)
    span = (ys[0], ys[-1])
    breaks = component_breaks("upop", ys)
    chart = charts.line_chart(
        {f"{labels[a]} share of military expenditure (SIPRI)": share,
         f"{labels[a]} share of CINC (COW NMC)": cinc_share},
        span, f"{labels[a]}'s share of {labels[a]}+{labels[b]} power: spending and CINC",
        "share of the pair's total (0-1)", "SIPRI Military Expenditure Database; COW National Material Capabilities",
        "power_milex_cinc", focal=f"{labels[a]} share of military expenditure (SIPRI)", png=png,
        events=[(int(r.year), "NMC urban population redefined") for r in breaks.itertuples()])
    y = int(share.index[-1])
    text = (f"Power: {labels[a]} accounts for {share.iloc[-1]:.0%} of the two states' military expenditure in {y} "
            f"(SIPRI, constant 2022 US$)")
    if len(cinc_share):
        cy = int(cinc_share.index[-1])
        text += (f", against {cinc_share.iloc[-1]:.0%} of their combined CINC in {cy} (COW NMC, which weights "
                 "population, industry and energy as much as spending)")
        for r in breaks.itertuples():
            text += (f"; NMC's world urban-population total jumps {r.change:+.0%} in {r.year}, a redefinition "
                     f"that CINC inherits, so CINC shares across {r.year} are not comparable")
    return [Finding(text + ".", round(float(share.iloc[-1]), 4), "sipri_milex; cow_nmc",
                    "SIPRI Military Expenditure Database. | Singer, J. David, Stuart Bremer, and John Stuckey. 1972. "
                    "Capability Distribution, Uncertainty, and Major Power War, 1820-1965. COW NMC v6.",
                    "level", "cap_share")], [chart]


# Dimension groups as the report shows them: a title and the keys each holds.
GROUP_TITLES = {
    "un_agree": "UN General Assembly votes", "ideal_distance": "UN ideal points", "ally_s_abs": "Alliances",
    "arms_dep_b_on_a": "Arms transfers", "trade": "Trade", "cap_share": "Power", "igos": "Shared IGOs",
    "mid_hostlev": "Militarized disputes", "rivalry_tss": "Strategic rivalry",
}
_CALL_WEIGHT = {"converging": 0, "diverging": 0, "rising": 1, "falling": 1, "stable": 2}


def _importance(key: str, r: Reading) -> tuple:
    """Sections with a clear movement first, then stable ones, then those whose data stopped."""
    return (_CALL_WEIGHT.get(r.call, 3), list(REPORT_DIMENSIONS).index(key))


# ------------------------------------------------------------------------------------------------ balance


def _balance_section(codes, labels, years, region, network_years, rules, png) -> tuple[Section, dict]:
    from amity.report.balance import balance_section

    return balance_section(codes, labels, years, region, network_years, rules, png)


# ------------------------------------------------------------------------------------------------ notes


def _number_notes(findings: list[Finding]) -> list[Reference]:
    """Give every distinct citation one footnote number, in order of first use."""
    refs: dict[str, Reference] = {}
    for f in findings:
        cites = [c.strip() for c in (f.citation or "").split(" | ") if c.strip()]
        for c in cites:
            if c not in refs:
                refs[c] = Reference(len(refs) + 1, c, f.source)
        f.note = refs[cites[0]].note if cites else None
        f.notes = [refs[c].note for c in cites]
    return list(refs.values())


def _payload_findings(findings: list[Finding]) -> list[dict]:
    return [f.as_dict() for f in findings]


# ------------------------------------------------------------------------------------------------ the report


def build_report(
    a: str,
    b: str,
    third: list[str] | None = None,
    years: YearsLike = None,
    *,
    peers: list[str] | str | None = None,
    articles=None,
    region=None,
    network_years: list[int] | None = None,
    rules: bal.SignRules | None = None,
    min_votes: int = DEFAULT_MIN_VOTES,
    png: bool = False,
) -> Report:
    """Compute the convergence report for ``a``–``b`` with third parties; nothing is written.

    ``peers``: extra benchmark partners of ``a`` (e.g. ``"JPN,AUS,GBR,ISR"``), beside its ATOP treaty
    allies in ATOP's last year and the ten states closest to it in UN votes. ``min_votes``: joint UN
    roll calls a year needs before it can drive a level, trend, break or rank (default 20). ``articles``:
    files or URLs whose checkable claims are checked against the data. ``png``: also draw every chart as
    PNG bytes. Returns a :class:`~amity.report.model.Report`.
    """
    from amity import __version__
    from amity.report import claims as claims_mod
    from amity.report import exposure as exposure_mod
    from amity.report import verdict as verdict_mod

    if min_votes < 1:
        raise ReportError(f"min_votes must be at least 1, got {min_votes}")
    codes, labels, queries = _states(a, b, third)
    ys = _years(years)
    span = (ys[0], ys[-1])
    if network_years:
        bad = [y for y in network_years if y not in ys]
        if bad:
            raise ReportError(f"network years {bad} are outside the report's years {span[0]}-{span[1]}")
    texts = claims_mod.load_articles(articles)
    a_code, b_code = codes[:2]
    allies, ally_year = treaty_allies(a_code)
    peer_codes = _peers(peers)
    partners = list(dict.fromkeys(allies + closest_in_un(a_code, ys, CLOSEST_K, min_votes) + peer_codes
                                  + codes[1:]))
    # the pair itself is what is ranked, not one of the partners (else it is counted twice in "of")
    partners = [c for c in partners if c not in (a_code, b_code)]
    # B's benchmark: its treaty allies, the states closest to it in UN votes, the peers and the third parties
    allies_b, _ = treaty_allies(b_code)
    partners_b = [c for c in dict.fromkeys(allies_b + closest_in_un(b_code, ys, CLOSEST_K, min_votes) + peer_codes
                                           + codes[2:]) if c not in (a_code, b_code)]
    patrons = {c: exposure_mod.patrons(c, (a_code, c), ys) for c in codes[2:]}
    labels = labels | bal.state_labels([c for c in partners + partners_b + [p for ps in patrons.values() for p in ps]
                                        if c not in labels])
    extra = [(c, b_code) for c in codes[2:]] + [(c, p) for c in codes[2:] for p in patrons[c]]
    pairs = report_pairs(codes, extra)
    bench = [(a_code, c) for c in partners]
    listed = set(pairs) | set(bench)
    bench += [(b_code, c) for c in partners_b if (c, b_code) not in listed and (b_code, c) not in listed]
    prof = gather(queries, pairs, ys, values_only=bench)

    keys = list(REPORT_DIMENSIONS) + list(SUPPORTING)
    readings = _readings(prof, a_code, b_code, partners, span[1], min_votes, keys, partners_b)
    la, lb = labels[a_code], labels[b_code]
    focal = dyad_label(labels, a_code, b_code)
    article_claims = claims_mod.check_claims(texts, codes, labels, prof, readings, ys) if texts else []
    events = claims_mod.chart_events(article_claims)

    groups = []
    for key, dim in REPORT_DIMENSIONS.items():
        r, src = readings[key], prof.source(key)
        name_for = f"{lb}'s arms imports from {la}" if key == "arms_dep_b_on_a" else focal
        sec = Section(f"dim-{key}", GROUP_TITLES[key],
                      findings=dimension_findings(dim, name_for, r, src, la, span, min_votes))
        sec.charts.append(_dimension_chart(prof, key, codes, labels, span, partners, r, png, events))
        if key == "un_agree":
            rec = reconcile_un(readings, REPORT_DIMENSIONS | SUPPORTING, focal, src)
            if rec:
                sec.findings.append(rec)
            by_issue, _ = _un_detail(queries[a_code], queries[b_code], ys, min_votes)
            if len(by_issue):
                sec.tables.append(Table(f"{focal} agreement by issue and on important votes", by_issue,
                                        "unvotes issue codes end in 2019 and important-vote flags in 2017; "
                                        "pooled over the last ten years they cover."))
        if key == "ideal_distance":
            detail = _ideal_detail(a_code, b_code, ys)
            sec.findings += _ideal_findings(detail, r, la, lb, src)
            chart = _ideal_chart(detail, la, lb, span, src, png)
            if chart:
                sec.charts.append(chart)
        if key == "ally_s_abs":
            sec.findings += verdict_mod.alliance_findings(a_code, b_code, labels, ys)
        if key == "arms_dep_b_on_a":
            f, c, t = _arms_windows(codes, labels, ys, png)
            sec.findings += f
            sec.charts += c
            sec.tables += t
        if key == "cap_share":
            f, c = _milex(codes, labels, ys, r, png)
            sec.findings += f
            sec.charts += c
        groups.append((key, sec))
    groups.sort(key=lambda g: _importance(g[0], readings[g[0]]))
    dims_section = Section("dimensions", "Findings by dimension",
                           intro="Most telling first: dimensions with a movement beyond the noise, then stable ones, "
                                 "then those whose data stopped. Each chart shows the focal pair (thick blue) beside "
                                 "the third-party pairs, and the middle half of "
                                 f"{la}'s benchmark partners as a band.",
                           subsections=[s for _, s in groups])
    exposure = exposure_mod.exposure_section(prof, patrons, codes, labels, ys, span, png, min_votes)
    balance, balance_data = _balance_section(codes, labels, ys, region, network_years, rules, png)
    sections = [dims_section, exposure, balance]
    if texts:
        sections.append(claims_mod.claims_section(article_claims, texts))
    tie = verdict_mod.alliance_tie(a_code, b_code, partners, ys, span[1])
    scorecard = verdict_mod.scorecard(readings, labels, a_code, b_code, prof, tie)
    ranks_b = verdict_mod.ranks_among_b(readings, verdict_mod.alliance_tie(b_code, a_code, partners_b, ys, span[1]))
    benchmark_b = Table(f"Rank of {focal} among {lb}'s benchmark partners", ranks_b,
                        f"{lb} with each of its {len(partners_b)} benchmark partners "
                        f"({_partners_text(allies_b, ally_year, peer_codes, labels)}), in the year the scorecard "
                        f"quotes; for arms, {lb}'s imports from each supplier. 1 = closest.")
    verdict = verdict_mod.verdict(readings, scorecard, codes, labels, prof, ys, allies, ally_year, exposure)
    everything = verdict + [f for s in sections for sub in s.walk() for f in sub.findings]
    references = _number_notes(everything)
    method = _method(min_votes, partners, allies, ally_year, peer_codes, labels, a_code, prof)
    title = f"{focal} convergence report" + (f", with {', '.join(labels[c] for c in codes[2:])}" if codes[2:] else "")
    subtitle = (f"Years {span[0]}–{span[1]}; generated {date.today().isoformat()} from public datasets "
                "(references at the end).")
    rep = Report(title, subtitle, verdict, scorecard, sections, references, method, {}, benchmark_b)
    rep.data = _payload(rep, prof, readings, codes, labels, span, region, partners, balance_data,
                        article_claims, rules, min_votes, __version__)
    rep.data["meta"]["benchmark_partners_b"] = [labels[c] for c in partners_b]
    rep.data["verdict"]["ranks_b"] = ranks_b.to_dict("records")
    return rep


def _partners_text(allies, ally_year, peer_codes, labels) -> str:
    return (f"its {len(allies)} ATOP defence allies in {ally_year}, the {CLOSEST_K} states closest to it in UN votes"
            + (f", the peers {', '.join(labels[c] for c in peer_codes)}" if peer_codes else "")
            + " and the report's other states")


def _method(min_votes, partners, allies, ally_year, peer_codes, labels, a, prof: Profiles) -> str:
    from amity.report import readings as readings_mod

    rules = plain(" ".join(line.strip() for line in (readings_mod.__doc__ or "").splitlines()[2:] if line.strip()))
    versions = "; ".join(f"{prof.source(k)['source']}: {prof.source(k)['version']}" for k in REPORT_DIMENSIONS)
    return (f"Evidence rules: {rules} Minimum joint UN votes per year: {min_votes}. Benchmark partners of "
            f"{labels[a]} ({len(partners)}): its {len(allies)} ATOP defence allies in {ally_year}, the {CLOSEST_K} "
            "states closest to it in UN votes" + (f", and the peers {', '.join(labels[c] for c in peer_codes)}"
                                                   if peer_codes else "")
            + ". Values, percentiles and trends come from amity's convergence profile (the same numbers as "
            f"`amity convergence`). Data versions: {versions}.")


def plain(text: str) -> str:
    """Docstring text for the page: reST roles and literals become plain words."""
    text = re.sub(r":\w+:`~?(?:[\w.]+\.)?([^`]+)`", r"\1", text)
    return text.replace("``", "").replace("`", "")


def _payload(rep: Report, prof, readings, codes, labels, span, region, partners, balance_data, article_claims,
             rules, min_votes, version) -> dict:
    from amity.report.dimensions import MIRROR

    def rows(key):
        pairs = list(prof.profiles)
        if key in MIRROR:
            pairs += [(b, a) for a, b in pairs if (b, a) not in prof.profiles]
        df = prof.rows(key, [p for p in pairs if p in prof.summaries or p[::-1] in prof.summaries], labels)
        if key in UN_KEYS and len(df):
            n = {(c1, c2, y): v for c1, c2 in prof.profiles for y, v in prof.by_year(c1, c2)["un_n"].items()}
            df["n"] = [n.get((r.ccode1, r.ccode2, r.year), n.get((r.ccode2, r.ccode1, r.year)))
                       for r in df.itertuples()]
            df["thin"] = df["n"].fillna(0) < min_votes
        return df

    return {
        "meta": {"a": labels[codes[0]], "b": labels[codes[1]], "third": [labels[c] for c in codes[2:]],
                 "cow": {labels[c]: c for c in codes}, "years": list(span), "region": region,
                 "min_votes": min_votes, "benchmark_partners": [labels[c] for c in partners],
                 "amity_version": version},
        "verdict": {"sentences": [f.text for f in rep.verdict], "scorecard": rep.scorecard.to_dict("records")},
        "findings": _payload_findings(rep.findings),
        "dimensions": {
            k: {**prof.source(k), "label": d.label, "unit": d.unit, "definition": d.definition,
                "percentile_among": f"all {d.among} (mid-rank)" if d.percentile else None, "rows": rows(k)}
            for k, d in REPORT_DIMENSIONS.items()
        },
        "convergence": {dyad_label(labels, *p): sm for p, sm in prof.summaries.items()},
        "balance": balance_data,
        "exposure": [{"title": s.title, "findings": _payload_findings(s.findings),
                      "tables": {t.title: t.frame for t in s.tables}} for s in rep.sections[1].subsections],
        "claims": article_claims and [c.as_dict() for c in article_claims] or [],
        "sources": [{"data": src["source"], **src} for src in
                    {prof.source(k)["source"]: prof.source(k) for k in REPORT_DIMENSIONS}.values()],
        "charts": [{"name": c.name, "title": c.title, "spec": c.spec} for c in rep.charts],
        "references": [{"note": r.note, "citation": r.citation, "data": r.data} for r in rep.references],
        "method": rep.method,
    }


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
    peers: list[str] | str | None = None,
    min_votes: int = DEFAULT_MIN_VOTES,
) -> list[dict]:
    """Build the report (:func:`build_report`) and write it into folder ``out``; return the findings.

    The folder holds ``index.html`` (self-contained, offline, charts inlined as SVG), ``report.md``,
    ``charts/*.svg`` (and PNG with ``png=True``) and ``data.json`` (the verdict and scorecard, every
    finding and number with its source, version and citation, the claims checked). An existing ``out``
    is replaced only if it is empty or an earlier amity report, and only once the new one is complete.
    """
    check_folder(out)
    rep = build_report(a, b, third, years, peers=peers, articles=articles, region=region,
                       network_years=network_years, rules=rules, min_votes=min_votes, png=png)
    write_report(rep, out)
    return jsonable(rep.data["findings"])


__all__ = ["CoverageError", "ReportError", "build_report", "report", "fmt"]
