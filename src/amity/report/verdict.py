"""The verdict and the scorecard: the report's first screen, templated from the readings (no language model).

Scorecard: one row per dimension of the focal pair — the latest usable value with its year and evidence
size ``n``, the direction of the recent trend (or "within noise") and since when, the rank among A's
benchmark partners (``rank`` of ``of``), the year its source ends and a one-word call.

Verdict: 3-6 sentences, each a template chosen by the numbers: (1) on which dimensions the pair
converges, diverges or stays put, and since when; (2) the UN General Assembly, with how B votes with
the third parties; (3) alliance or rivalry, from ATOP defence pledges and strategic rivalries; (4) what
it means for each third party, from how A splits its arms deliveries.
"""

from __future__ import annotations

import math

import pandas as pd

from amity.report.dimensions import REPORT_DIMENSIONS, Profiles, dyad_label
from amity.report.exposure import MIN_TIV
from amity.report.findings import fmt, ordinal
from amity.report.model import Finding, Section
from amity.report.readings import Reading

SCORECARD_COLUMNS = ["dimension", "value", "year", "n", "direction", "since", "rank", "of", "data_end", "call"]
ATOP_CITE = ("Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
             "Alliance Treaty Obligations and Provisions, 1815-1944. International Interactions 28: 237-260.")


TIE_WORDS = {3: "defence or offence pledge", 2: "neutrality or consultation pledge", 1: "non-aggression pledge",
             0: "no alliance"}


def alliance_tie(a: int, b: int, partners: list[int], ys: list[int], span_end: int) -> dict | None:
    """The scorecard row of the pair's strongest ATOP obligation in the last ATOP year of the span (the
    valued tie of :func:`amity.measures.alliances.valued_atop`: 3 defence/offence, 2 neutrality or
    consultation, 1 non-aggression, 0 none), ranked among A's benchmark partners."""
    from amity.measures.alliances import ATOP_YEARS, valued_atop

    inside = [y for y in ys if ATOP_YEARS[0] <= y <= ATOP_YEARS[1]]
    if not inside:
        return None
    year = inside[-1]
    v = valued_atop()
    v = v[(v["ccode1"] == a) & (v["year"] == year)].groupby("ccode2")["value"].max()
    mine = int(v.get(b, 0))
    others = [int(v.get(c, 0)) for c in partners if c != b]
    return {"dimension": "Alliance tie (ATOP)", "value": TIE_WORDS[mine], "year": year, "n": None,
            "direction": None, "since": None, "rank": 1 + sum(o > mine for o in others), "of": len(others) + 1,
            "data_end": ATOP_YEARS[1],
            "call": f"no data since {ATOP_YEARS[1]}" if ATOP_YEARS[1] < span_end - 2 else "stable"}


def scorecard(readings: dict[str, Reading], labels, a: int, b: int, prof: Profiles, tie: dict | None = None
              ) -> pd.DataFrame:
    rows = [tie] if tie else []
    for key, dim in REPORT_DIMENSIONS.items():
        r = readings[key]
        rows.append({
            "dimension": dim.label,
            "value": None if r.latest is None else fmt(r.latest, dim),
            "year": r.last_year, "n": r.n_latest, "direction": r.direction, "since": r.since,
            "rank": r.rank, "of": r.of, "data_end": r.data_end, "call": r.call,
        })
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS).astype(
        {c: "Int64" for c in ("year", "n", "since", "rank", "of", "data_end")})


def ranks_among_b(readings: dict[str, Reading], tie_b: dict | None = None) -> pd.DataFrame:
    """``dimension, year, rank, of``: the focal pair's rank among B's benchmark partners (B with each
    partner, in the year the scorecard quotes; for arms, B's imports from each supplier), beside the
    scorecard's rank among A's."""
    rows = [{k: tie_b[k] for k in ("dimension", "year", "rank", "of")}] if tie_b else []
    rows += [{"dimension": dim.label, "year": readings[key].last_year, "rank": readings[key].rank_b,
              "of": readings[key].of_b} for key, dim in REPORT_DIMENSIONS.items() if readings[key].rank_b]
    return pd.DataFrame(rows, columns=["dimension", "year", "rank", "of"]).astype(
        {c: "Int64" for c in ("year", "rank", "of")})


def _join(words: list[str]) -> str:
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]


def _short(key: str) -> str:
    return {"un_agree": "UN voting", "ideal_distance": "UN ideal points", "ally_s_abs": "alliance portfolios",
            "cap_share": "relative power", "arms_dep_b_on_a": "arms supply", "trade": "trade",
            "igos": "shared IGOs", "mid_hostlev": "militarized disputes", "rivalry_tss": "rivalry"}[key]


def _src(prof: Profiles, *keys: str) -> tuple[str, str]:
    srcs = [prof.source(k) for k in keys]
    cites = " | ".join(dict.fromkeys(s["citation"] for s in srcs))
    return "; ".join(f"{s['source']} ({s['version']})" for s in srcs), cites


def _long_run(readings, prof, focal: str) -> Finding | None:
    calls = {k: r for k, r in readings.items() if k in REPORT_DIMENSIONS and r.long_call != "no data"}
    if not calls:
        return None

    def item(k):
        r, dim = readings[k], REPORT_DIMENSIONS[k]
        y0, y1 = int(r.usable.index[0]), int(r.usable.index[-1])
        return f"{_short(k)} ({fmt(r.first[0], dim)} in {y0}–{y0 + 4} → {fmt(r.last[0], dim)} in {y1 - 4}–{y1})"

    closer = [k for k, r in calls.items() if r.long_call == "closer"]
    apart = [k for k, r in calls.items() if r.long_call == "further apart"]
    same = [k for k, r in calls.items() if r.long_call == "no change beyond the noise"]
    parts = []
    if closer:
        parts.append("closer on " + _join([item(k) for k in closer]))
    if apart:
        parts.append("further apart on " + _join([item(k) for k in apart]))
    if same:
        parts.append("no change beyond the noise on " + _join([_short(k) for k in same]))
    first = min(int(readings[k].usable.index[0]) for k in calls)
    source, cite = _src(prof, *calls)
    return Finding(f"Since {first} (five-year averages at each end): {focal} " + "; ".join(parts) + ".",
                   len(closer) - len(apart), source, cite, "verdict")


def _movement(readings, prof, focal: str) -> Finding:
    calls = {k: r for k, r in readings.items() if k in REPORT_DIMENSIONS}
    conv = [k for k, r in calls.items() if r.call == "converging"]
    div = [k for k, r in calls.items() if r.call == "diverging"]
    stable = [k for k, r in calls.items() if r.call == "stable"]
    stopped = [k for k, r in calls.items() if r.call.startswith("no data since")]
    parts = []
    if conv:
        parts.append("converging on " + _join([f"{_short(k)} (since {readings[k].since})" for k in conv]))
    if div:
        parts.append("diverging on " + _join([f"{_short(k)} (since {readings[k].since})" for k in div]))
    if stable:
        parts.append("no movement beyond the noise on " + _join([_short(k) for k in stable]))
    text = f"In the last ten years {focal}: " + ("; ".join(parts) if parts else "no dimension with recent data")
    if stopped:
        text += "; the data on " + _join([f"{_short(k)} stop in {readings[k].last_year}" for k in stopped])
    keys = conv + div + stable + stopped
    source, cite = _src(prof, *keys) if keys else ("", "")
    return Finding(text + ".", len(conv) - len(div), source, cite, "verdict")


def _un_sentence(readings, prof: Profiles, codes, labels) -> Finding | None:
    r = readings["un_agree"]
    if r.last_year is None:
        return None
    a, b = codes[:2]
    la, lb = labels[a], labels[b]
    text = (f"In the UN General Assembly {la} and {lb} voted alike on {r.latest:.0%} of {r.n_latest} joint roll calls "
            f"in {r.last_year}")
    if r.rank is not None:
        text += f", {ordinal(r.rank)} closest of {r.of} {la} benchmark partners"
    if r.rank_b is not None:
        text += f" and {ordinal(r.rank_b)} closest of {r.of_b} {lb} benchmark partners"
    text += f" ({r.direction} over {r.trend.first}–{r.trend.last})" if r.trend else ""
    withs = []
    for c in codes[2:]:
        s = prof.series(b, c, "un_agree")
        if r.last_year in s.index:
            withs.append((labels[c], float(s[r.last_year])))
    if withs:
        lo, hi = min(v for _, v in withs), max(v for _, v in withs)
        rng = f"{lo:.0%}" if round(lo, 2) == round(hi, 2) else f"{lo:.0%}–{hi:.0%}"
        text += f"; {lb} votes with {_join([n for n, _ in withs])} {rng} of the time"
    source, cite = _src(prof, "un_agree")
    return Finding(text + ".", round(r.latest, 4), source, cite, "verdict", "un_agree")


def _pair_atop(a: int, b: int, ys: list[int]) -> pd.DataFrame:
    from amity.frames.dyads import add_atop, add_rivalry
    from amity.measures.alliances import ATOP_YEARS
    from amity.measures.convergence import all_dyads

    f = all_dyads(tuple(ys))  # the profile's frame: built once per report
    lo, hi = min(a, b), max(a, b)
    f = f[(f["ccode1"] == lo) & (f["ccode2"] == hi)].pipe(add_atop).pipe(add_rivalry)
    f = f.assign(in_atop=f["year"].between(*ATOP_YEARS))
    return f.set_index("year")


def _years_text(ys) -> str:
    ys = sorted(int(y) for y in ys)
    if not ys:
        return ""
    return f"{ys[0]}–{ys[-1]}" if ys[-1] - ys[0] + 1 == len(ys) else ", ".join(map(str, ys))


def alliance_findings(a: int, b: int, labels, ys: list[int]) -> list[Finding]:
    """Which ATOP obligations link the pair, in which years; the treaty behind them where amity can name it."""
    f = _pair_atop(a, b, ys)
    f = f[f["in_atop"]]
    if f.empty:
        return []
    la, lb = labels[a], labels[b]
    out = []
    obligations = {"defense": "defence pledge", "offense": "offence pledge", "neutral": "neutrality pledge",
                   "nonagg": "non-aggression pledge", "consul": "consultation pledge"}
    held = {k: f.index[pd.to_numeric(f[f"atop_{k}"], errors="coerce") == 1].tolist() for k in obligations}
    last = int(f.index.max())
    parts = [f"{w} ({_years_text(held[k])})" for k, w in obligations.items() if held[k]]
    if parts:
        text = f"Alliances: ATOP records between {la} and {lb} a " + "; a ".join(parts)
    else:
        text = f"Alliances: ATOP records no alliance obligation between {la} and {lb} in {f.index.min()}–{last}"
    text += f" (ATOP ends in {last})."
    out.append(Finding(text, len(held["defense"]), "atop_alliance (ATOP 5.1)", ATOP_CITE, "level", "ally_s_abs"))
    out += _treaties(a, b, la, lb, ys)
    return out


def treaties(a: int, b: int, ys: list[int]) -> pd.DataFrame:
    """The ATOP alliances both belonged to in the report's years (:func:`amity.measures.alliances.
    alliances_between`), empty where the years lie outside ATOP."""
    from amity.measures.alliances import ATOP_YEARS, alliances_between

    inside = [y for y in ys if y <= ATOP_YEARS[1]]
    return alliances_between(a, b, years=inside) if inside else pd.DataFrame()


def treaty_text(r: dict, la: str, lb: str) -> str:
    """One ATOP alliance in words: id, bilateral or multilateral, members, begin, each side's entry."""
    kind = "bilateral" if r["bilateral"] else f"multilateral, {r['n_members']} members"
    obligations = {"defense": "defence", "offense": "offence", "neutral": "neutrality", "nonagg": "non-aggression",
                   "consul": "consultation"}
    what = ", ".join(obligations.get(o.strip(), o.strip()) for o in str(r["obligations"]).split(","))
    return (f"ATOP alliance {r['atopid']} ({what}; {kind}; begun {r['begin']}): {la} a member from {r['a_entry']}, "
            f"{lb} from {r['b_entry']}")


def _treaties(a, b, la, lb, ys) -> list[Finding]:
    out = []
    for r in treaties(a, b, ys).to_dict("records"):
        out.append(Finding(f"Alliances: the tie is {treaty_text(r, la, lb)}; both members {r['first_joint']}–"
                           f"{r['last_joint']}.", r["atopid"], "atop_members, atop_treaties (ATOP 5.1)", ATOP_CITE,
                           "level", "ally_s_abs"))
    return out


def _tie_sentence(a, b, labels, ys, prof: Profiles) -> Finding | None:
    f = _pair_atop(a, b, ys)
    la, lb = labels[a], labels[b]
    atop = f[f["in_atop"]]
    defence = atop.index[pd.to_numeric(atop["atop_defense"], errors="coerce") == 1].tolist()
    rivalry = f.index[pd.to_numeric(f["tss_rivalry"], errors="coerce") == 1].tolist()
    mids = prof.series(a, b, "mid_hostlev")
    disputes = mids[mids > 0]
    if rivalry:
        text = (f"{la} and {lb} are strategic rivals (Thompson, Sakuwa & Suhas) in every year "
                f"{_years_text(rivalry)}" if len(rivalry) == len(f[f['tss_rivalry'].notna()]) else
                f"{la} and {lb} are strategic rivals (Thompson, Sakuwa & Suhas) in {_years_text(rivalry)}")
        if len(disputes):
            text += (f", with militarized disputes in {len(disputes)} of the years to {int(mids.index.max())} "
                     f"(highest hostility {int(disputes.max())} of 5)")
        source, cite = _src(prof, "rivalry_tss", "mid_hostlev")
        return Finding(text + ": a rivalry, not a partnership.", len(rivalry), source, cite, "verdict", "rivalry_tss")
    if defence:
        last = int(atop.index.max())
        text = (f"{la} and {lb} are treaty allies: ATOP records a defence pledge between them in "
                f"{_years_text(defence)}" + (" (ATOP ends in " + str(last) + ")" if defence[-1] == last else "") + ".")
        return Finding(text, len(defence), "atop_alliance (ATOP 5.1)", ATOP_CITE, "verdict", "ally_s_abs")
    if len(atop):
        last = int(atop.index.max())
        text = (f"{la} and {lb} are not allies: ATOP records no defence pledge between them in "
                f"{int(atop.index.min())}–{last} (ATOP ends in {last})")
        shared = treaties(a, b, ys)
        if len(shared):
            text += "; what ties them is " + "; ".join(treaty_text(r, la, lb) for r in shared.to_dict("records"))
        return Finding(text + ".", 0, "atop_alliance, atop_members, atop_treaties (ATOP 5.1)", ATOP_CITE,
                       "verdict", "ally_s_abs")
    return None


def verdict(readings, card, codes, labels, prof: Profiles, ys, allies, ally_year, exposure: Section) -> list[Finding]:
    """3-6 sentences answering: converging? on which dimensions? since when? what for the third parties?"""
    a, b = codes[:2]
    focal = dyad_label(labels, a, b)
    out = [f for f in (_long_run(readings, prof, focal), _movement(readings, prof, focal)) if f]
    un = _un_sentence(readings, prof, codes, labels)
    if un:
        out.append(un)
    tie = _tie_sentence(a, b, labels, ys, prof)
    if tie:
        out.append(tie)
    for c, sub in zip(codes[2:], exposure.subsections):
        sentence = _split_sentence(sub, labels[a], labels[b], labels[c])
        if sentence:
            out.append(sentence)
    return out[:6]


def _split_sentence(sub: Section, la: str, lb: str, lc: str, min_tiv: float = MIN_TIV) -> Finding | None:
    """A's arms split between B and C in the first window C received anything and the last, when A armed
    C at all (at least ``min_tiv`` TIV over the span)."""
    split = next((f for f in sub.findings if f.text.startswith(f"{la}'s arms deliveries to")), None)
    table = next((t.frame for t in sub.tables if t.title.startswith(f"{la}'s deliveries")), None)
    if split is None or table is None or table[lc].sum() < min_tiv:
        return None
    t = table.set_index("window")
    used = t[(t[lb] + t[lc]) > 0]
    peak = used[lc].idxmax()
    last = used.index[-1]
    text = (f"For {lc}: {la}'s arms deliveries (SIPRI TIV) went {lb} {t.loc[peak, lb]:,.0f} vs {lc} "
            f"{t.loc[peak, lc]:,.0f} in {peak} (the most {lc} received), {t.loc[last, lb]:,.0f} vs "
            f"{t.loc[last, lc]:,.0f} in {last} — {split.text.split(' — ')[-1]}")
    return Finding(text, split.value, split.source, split.citation, "verdict", split.dimension)


def _isnan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))
