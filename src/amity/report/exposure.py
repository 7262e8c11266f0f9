"""What the A–B relationship means for each third party C, as the field reads it.

- *De-hyphenation*: how A splits its arms deliveries between B and C over 5-year windows (SIPRI TIV;
  SIPRI itself advises multi-year windows because single years jump with delivery schedules). "Hyphenation"
  in the policy literature is Washington treating India and Pakistan as a pair; the split of US
  deliveries between them is the measurable part of it.
- *C's patrons*: C's largest arms suppliers per 5-year window and its UN agreement with them, read
  against C's own baseline (its median agreement with every state that year), not an absolute cut-off.
- *C against B*: C's share of the C+B capability total (COW CINC).
- *Official statements*: how US government statements (the White House corpus, once ingested into the
  store) split their events between A–B and A–C per year (:func:`statement_split`): one government's
  statements, and only when A is the United States.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from amity.measures import balance as bal
from amity.measures.convergence import ARMS_SOURCE
from amity.report import charts
from amity.report.dimensions import REPORT_DIMENSIONS, Profiles
from amity.report.model import Finding, Section, Table

SIPRI_CITE = "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute."
MIN_TIV = 100.0  # below this over the span, A does not arm C in any sense the split could speak to


def window_years(ys: list[int], lo: int, hi: int, width: int = 5) -> list[int]:
    """The report's years inside [lo, hi], widened back to a whole ``width``-year window (2005-2009, ...)."""
    inside = [y for y in ys if lo <= y <= hi]
    if not inside:
        return []
    first = max(lo, inside[0] - inside[0] % width)
    return list(range(first, inside[-1] + 1))


def delivery_split(supplier: int, recipients: list[int], years: list[int], width: int = 5) -> pd.DataFrame:
    """SIPRI TIV from ``supplier`` to each of ``recipients`` per ``width``-year window from ``years[0]``:
    ``window, recipient, tiv, share_of_listed`` (the recipient's part of what the supplier sent the listed
    recipients together; NA when it sent them nothing)."""
    from amity.measures import arms

    dyads, _ = arms.state_flows(ARMS_SOURCE, years)
    d = dyads[(dyads["ccode1"] == supplier) & dyads["ccode2"].isin(recipients)]
    labels = bal.state_labels(recipients)
    start = years[0]
    starts = list(range(start, years[-1] + 1, width))
    names = [f"{s}–{min(s + width - 1, years[-1])}" for s in starts]
    win = start + ((d["year"] - start) // width) * width
    d = d.assign(window=win.map(dict(zip(starts, names))), recipient=d["ccode2"].map(labels))
    out = d.groupby(["window", "recipient"], as_index=False)["tiv"].sum()
    every = pd.MultiIndex.from_product([names, [labels[c] for c in recipients]], names=["window", "recipient"])
    out = out.set_index(["window", "recipient"]).reindex(every, fill_value=0.0).reset_index()
    out["tiv"] = out["tiv"].round(1)
    total = out.groupby("window")["tiv"].transform("sum")
    out["share_of_listed"] = np.where(total > 0, out["tiv"] / total.where(total > 0, 1), np.nan)
    return out


def patrons(recipient: int, exclude: tuple[int, ...], years: list[int], k: int = 2) -> list[int]:
    """The recipient's ``k`` largest state arms suppliers over the report's years (SIPRI TIV), less ``exclude``."""
    from amity.measures.arms import SOURCES, arms_supplier_shares

    inside = [y for y in years if SOURCES[ARMS_SOURCE][0] <= y <= SOURCES[ARMS_SOURCE][1]]
    if not inside:
        return []
    shares = arms_supplier_shares(recipient, inside, ARMS_SOURCE).dropna(subset=["supplier_ccode"])
    return [int(c) for c in shares["supplier_ccode"] if int(c) not in exclude][:k]


def _split_finding(split: pd.DataFrame, la: str, lb: str, lc: str) -> Finding | None:
    wide = split.pivot_table(index="window", columns="recipient", values="tiv", aggfunc="sum")
    wide = wide[(wide.get(lb, 0) + wide.get(lc, 0)) > 0]
    if wide.empty or lb not in wide or lc not in wide:
        return None
    if wide[lc].sum() < MIN_TIV:
        return Finding(f"{la} sent {lc} almost no major arms ({wide[lc].sum():,.0f} TIV over "
                       f"{wide.index[0][:4]}–{wide.index[-1][-4:]}, against {wide[lb].sum():,.0f} to {lb}), so how it "
                       f"splits its deliveries between {lb} and {lc} says nothing about hyphenation.",
                       round(float(wide[lc].sum()), 1), f"SIPRI arms transfers ({ARMS_SOURCE})", SIPRI_CITE,
                       "exposure", "arms_dep_b_on_a")
    parts = [f"{w} {wide.loc[w, lb]:,.0f} vs {wide.loc[w, lc]:,.0f}" for w in wide.index]
    first, last = wide.index[0], wide.index[-1]
    s0 = wide.loc[first, lb] / (wide.loc[first, lb] + wide.loc[first, lc])
    s1 = wide.loc[last, lb] / (wide.loc[last, lb] + wide.loc[last, lc])
    if s1 - s0 > 0.25:
        reading = f"de-hyphenation: {la} now arms {lb} far more than {lc}"
    elif s0 - s1 > 0.25:
        reading = f"{la}'s deliveries have shifted towards {lc}"
    else:
        reading = f"no clear shift in how {la} splits its deliveries between them"
    text = (f"{la}'s arms deliveries to {lb} vs {lc} (SIPRI TIV, millions, per 5-year window): " + "; ".join(parts)
            + f". {lb}'s part of the two rose from {s0:.0%} in {first} to {s1:.0%} in {last}" if s1 >= s0 else
            f"{la}'s arms deliveries to {lb} vs {lc} (SIPRI TIV, millions, per 5-year window): " + "; ".join(parts)
            + f". {lb}'s part of the two fell from {s0:.0%} in {first} to {s1:.0%} in {last}")
    return Finding(text + f" — {reading}.", round(float(s1), 4), f"SIPRI arms transfers ({ARMS_SOURCE})", SIPRI_CITE,
                   "exposure", "arms_dep_b_on_a")


def _supplier_mix(c: int, lc: str, years: list[int]) -> tuple[Finding | None, Table | None]:
    from amity.measures.arms import arms_supplier_shares

    mix = arms_supplier_shares(c, years, ARMS_SOURCE, period=5).dropna(subset=["supplier_ccode"])
    if mix.empty:
        return None, None
    top = mix[mix["rank"] <= 4].assign(share=lambda d: (d["share"] * 100).round(0))
    table = Table(f"{lc}'s largest arms suppliers per 5-year window (share of its TIV imports, %)",
                  top.pivot_table(index="period", columns="supplier", values="share").reset_index())
    last = mix[mix["period"] == mix["period"].iloc[-1]].head(3)
    text = (f"{lc}'s arms imports {last['period'].iloc[0]}: " + ", ".join(
        f"{r.supplier} {r.share:.0%}" for r in last.itertuples()) + " of its SIPRI TIV imports.")
    return Finding(text, round(float(last["share"].iloc[0]), 4), f"SIPRI arms transfers ({ARMS_SOURCE})", SIPRI_CITE,
                   "exposure", "arms_dep_b_on_a"), table


USA = 2  # COW code: the statement corpus is the US government's (the White House)


def _statement_cite() -> str:
    """The corpus's citation without its commit (versions stay in data.json and the method section)."""
    import re

    from amity.data.registry import get_source

    cite = re.sub(r", commit [0-9a-f]{7,40}", "", get_source("whitehouse_corpus").citation)
    return cite + " One government's statements (the White House), as extracted by amity."


def _extraction_caveat() -> str:
    """What the statement counts miss: the extractor's pooled scores on held-out statements
    (:data:`amity.text.evalscore.HELD_OUT`)."""
    from amity.text.evalscore import HELD_OUT

    return (f"amity's extractor finds about half of what a careful reader codes: on White House statements no "
            f"rule was tuned on, recall {HELD_OUT['recall']:.3f} and precision {HELD_OUT['precision']:.3f} over "
            f"{HELD_OUT['gold_pairs']:,} coded actor pairs (docs/text.md). The counts are lower bounds, and a "
            "comparison of two pairs assumes the misses fall alike on both.")


def statement_split(a: int, b: int, c: int, labels, years: list[int]) -> tuple[Finding, Table | None]:
    """How US government statements split their events between A–B and A–C, per year.

    From :func:`amity.text.series.statement_dyad_years` (White House documents stored by ``amity extract …
    --store``; an event counts for a pair when one state is in its source and the other in its target,
    asserted or planned): per year, the events of each pair, their net cooperation (cooperative minus
    conflictual events) and B's part of the two pairs' events. The finding says "not in the store" when no
    White House statement of the report's years has been ingested, and that the corpus is one government's
    when A is not the United States."""
    from amity.text.series import STATEMENT_DIM, statement_dyad_years

    la, lb, lc = labels[a], labels[b], labels[c]
    source = "whitehouse_corpus (events stored by amity extract)"
    if a != USA:
        return Finding(f"Official statements: amity's statement corpus is the US government's (the White House), "
                       f"not {la}'s, so how {la}'s statements split between {lb} and {lc} is not measured.", None,
                       source, _statement_cite(), "exposure", STATEMENT_DIM), None
    df = statement_dyad_years(years)
    covered = df.attrs["years"]
    if not covered:
        return Finding(f"Official statements: not in the store — no White House statement of {years[0]}–{years[-1]} "
                       "has been ingested (`amity data fetch whitehouse_corpus`, then `amity extract "
                       "<its folder> --store`), so how US statements split between "
                       f"{lb} and {lc} is not measured.", None, source, _statement_cite(), "exposure",
                       STATEMENT_DIM), None
    by_pair = df.set_index(["ccode1", "ccode2", "year"])

    def pair(x: int, col: str) -> pd.Series:
        key = (min(a, x), max(a, x))
        return pd.Series([by_pair[col].get((*key, y), 0) for y in covered], index=covered, dtype=float)

    eb, ec = pair(b, "statements_events"), pair(c, "statements_events")
    table = pd.DataFrame({"year": covered, f"{la}–{lb} events": eb.to_numpy(dtype=int),
                          f"{la}–{lb} net cooperation": pair(b, STATEMENT_DIM).to_numpy(dtype=int),
                          f"{la}–{lc} events": ec.to_numpy(dtype=int),
                          f"{la}–{lc} net cooperation": pair(c, STATEMENT_DIM).to_numpy(dtype=int)})
    total = eb + ec
    share = (eb / total.where(total > 0)).round(3)
    table[f"{lb}'s part of the events"] = share.to_numpy()
    parts = [f"{y} {int(eb[y])} vs {int(ec[y])}" for y in covered]
    text = (f"Official statements (one government's: the White House, as extracted by amity): events between "
            f"{la} and {lb} vs {la} and {lc} per year: " + "; ".join(parts))
    used = share.dropna()
    if len(used):
        y0, y1 = int(used.index[0]), int(used.index[-1])
        text += (f". {lb}'s part of the two was {used.iloc[0]:.0%} in {y0}" + (
            f" and {used.iloc[-1]:.0%} in {y1}" if y1 != y0 else ""))
        if used.iloc[-1] >= 0.75:
            text += f" — US statements deal with {lb} far more than with {lc}"
    note = ("Events of White House documents stored in the store (asserted or planned); net cooperation is "
            "cooperative minus conflictual events. Years without a stored White House statement are left out. "
            + _extraction_caveat())
    return (Finding(text + ".", None if share.dropna().empty else float(share.dropna().iloc[-1]), source,
                    _statement_cite(), "exposure", STATEMENT_DIM),
            Table(f"US government statements: events with {lb} and with {lc}", table, note))


def baseline_agreement(code: int, year: int, span: tuple[int, ...] | None = None) -> float | None:
    """A state's median UN agreement with every state it voted with in ``year`` (its own baseline).
    ``span``: UN years (holding ``year``) whose all-dyad similarity is already computed, to read it from."""
    from amity.measures.convergence import un_similarity

    sims = un_similarity(span if span and year in span else (year,))
    sims = sims[sims["year"] == year]
    mine = sims[(sims["ccode1"] == code) | (sims["ccode2"] == code)]
    return float(mine["un_agree"].median()) if len(mine) else None


def _un_with_patrons(prof: Profiles, c: int, pats: list[int], labels, min_votes: int, ys: list[int]
                     ) -> list[Finding]:
    from amity.measures.convergence import UN_YEARS

    span = tuple(y for y in ys if UN_YEARS[0] <= y <= UN_YEARS[1])  # the span the profile's UN values come from
    out = []
    src = prof.source("un_agree")
    for p in pats:
        s = prof.series(c, p, "un_agree")
        n = prof.by_year(*((c, p) if (c, p) in prof.profiles else (p, c)))["un_n"]
        s = s[n.reindex(s.index) >= min_votes]
        if s.empty:
            continue
        y = int(s.index[-1])
        base = baseline_agreement(c, y, span)
        rel = (f", {100 * (s.iloc[-1] - base):+.0f} points against {labels[c]}'s median agreement with all states "
               f"({base:.0%})") if base is not None else ""
        out.append(Finding(f"{labels[c]}'s UN agreement with {labels[p]} (one of its two largest arms suppliers) was "
                           f"{s.iloc[-1]:.0%} in {y}{rel}.", round(float(s.iloc[-1]), 4),
                           f"{src['source']} ({src['version']})", src["citation"], "exposure", "un_agree"))
    return out


def exposure_section(prof: Profiles, pats: dict[int, list[int]], codes, labels, ys, span, png: bool,
                     min_votes: int = 20) -> Section:
    """One subsection per third party: the arms split, its supplier mix, its alignment with its patrons
    and its capability share against B."""
    from amity.measures import arms

    a, b = codes[:2]
    wy = window_years(ys, *arms.SOURCES[ARMS_SOURCE])
    subs = []
    for c in codes[2:]:
        la, lb, lc = labels[a], labels[b], labels[c]
        sec = Section(f"exposure-{lc}", f"What {la}–{lb} means for {lc}")
        if wy:
            split = delivery_split(a, [b, c], wy)
            f = _split_finding(split, la, lb, lc)
            if f:
                sec.findings.append(f)
                wide = split.pivot_table(index="window", columns="recipient", values="tiv").reindex(columns=[lb, lc])
                sec.charts.append(charts.bar_windows(wide, f"{la}'s arms deliveries to {lb} and {lc}",
                                                     "SIPRI TIV (millions) per 5-year window",
                                                     "SIPRI Arms Transfers Database", f"exp_{lc}_split", png=png))
                sec.tables.append(Table(f"{la}'s deliveries to {lb} and {lc} (SIPRI TIV, millions)",
                                        wide.reset_index(), "The last window is partial when it runs past the "
                                        "report's last year."))
            f, t = _supplier_mix(c, lc, wy)
            if f:
                sec.findings.append(f)
                sec.tables.append(t)
        f, t = statement_split(a, b, c, labels, ys)
        sec.findings.append(f)
        if t is not None:
            sec.tables.append(t)
        sec.findings += _un_with_patrons(prof, c, pats.get(c, []), labels, min_votes, ys)
        cap = prof.series(c, b, "cap_share")
        if len(cap):
            src = prof.source("cap_share")
            sec.findings.append(Finding(
                f"{lc}'s share of the {lc}–{lb} capability total (COW CINC) was {cap.iloc[0]:.0%} in "
                f"{int(cap.index[0])} and {cap.iloc[-1]:.0%} in {int(cap.index[-1])}.", round(float(cap.iloc[-1]), 4),
                f"{src['source']} ({src['version']})", src["citation"], "exposure", "cap_share"))
        subs.append(sec)
    dim = REPORT_DIMENSIONS["arms_dep_b_on_a"]
    return Section("exposure", "Third parties", intro=(
        f"How {labels[a]} splits its arms deliveries between {labels[b]} and each third party (5-year windows, "
        "as SIPRI advises) and, where the White House statements are in the store, how US government statements "
        "split between them; each third party's own suppliers, and its UN alignment with them read against its "
        f"own baseline. Unit: {dim.unit}."), subsections=subs)
