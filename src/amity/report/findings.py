"""Findings: short templated statements filled with the numbers of a :class:`~amity.report.readings.Reading`.

No language model: every sentence is a template filled with values the convergence profile and the
report's readings computed. Level (latest usable year, evidence size, rank among A's partners, and a
percentile only where meaningful, saying among what), trend (slope with its 95 % interval, or "within
noise"), breaks (the level since the last surviving break against the segment before, or "within
noise"), and the reconciliation of UN agreement, S and kappa.
"""

from __future__ import annotations

import math

from amity.report.dimensions import ReportDimension
from amity.report.model import Finding
from amity.report.readings import Reading


def fmt(value, dim: ReportDimension) -> str:
    """A value in the dimension's natural units for prose."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if dim.style == "share":
        return f"{value:.0%}"
    if dim.style == "money":
        return f"US${value:,.0f}m"
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, …"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _years(ys: list[int]) -> str:
    return ", ".join(map(str, ys[:-1])) + f" and {ys[-1]}" if len(ys) > 1 else str(ys[0])


def _slope(r: Reading, dim: ReportDimension) -> str:
    t = r.trend
    scale = 100 if dim.style == "share" else 1
    unit = " points" if dim.style == "share" else ""
    return f"{t.slope * scale:+.2g}{unit} a year, 95% interval {t.lo * scale:+.2g} to {t.hi * scale:+.2g}"


def dimension_findings(dim: ReportDimension, dyad: str, r: Reading, src: dict, a_label: str,
                       span: tuple[int, int], min_votes: int) -> list[Finding]:
    """Level, trend and break findings for one dimension of the focal dyad."""
    source, cite = f"{src['source']} ({src['version']})", src["citation"]

    def finding(text, value, kind):
        return Finding(text, value, source, cite, kind, dim.key)

    if r.last_year is None:
        where = f"the source covers {src['first_year']}–{src['last_year']}"
        return [finding(f"{dim.label}: no data for {dyad} in {span[0]}–{span[1]} ({where}).", None, "level")]
    text = f"{dim.label}: {dyad} at {fmt(r.latest, dim)} in {r.last_year}"
    if dim.key == "cap_share":
        text = f"{dim.label}: {dyad.split('–')[0]}'s share of the pair's capabilities at {fmt(r.latest, dim)} in " \
               f"{r.last_year}"
    if r.n_latest is not None:
        text += f" ({r.n_latest} joint votes)"
    if r.rank is not None:
        text += f"; {ordinal(r.rank)} closest of {r.of} {a_label} partners compared"
    if r.pct is not None and r.among:
        text += f"; the {ordinal(max(1, round(r.pct)))} percentile among {r.among:,} {dim.among}"
    if r.data_end is not None and r.data_end < span[1]:
        text += f" (the data end in {r.data_end})"
    later = [y for y in r.thin if y > r.last_year]
    if later:
        text += (f"; {_years(later)} {'is' if len(later) == 1 else 'are'} thin (fewer than {min_votes} joint votes: "
                 + ", ".join(f"{int(r.n.get(y, 0))} in {y}" for y in later) + ") and not used")
    out = [finding(text + ".", round(r.latest, 4), "level")]
    if dim.step:
        s = r.usable
        changes = s[s.diff().fillna(0) != 0]
        if len(changes):
            out.append(finding(
                f"{dim.label}: {dyad} went from {fmt(s.iloc[0], dim)} in {int(s.index[0])} to {fmt(r.latest, dim)} in "
                f"{r.last_year}, changing in " + ", ".join(f"{int(y)} (to {fmt(v, dim)})" for y, v in changes.items())
                + ".", r.latest, "trend"))
        return out
    if r.trend is not None:
        t = r.trend
        if r.direction == "within noise":
            text = (f"{dim.label}: no trend beyond the noise for {dyad} over {t.first}–{t.last} "
                    f"({_slope(r, dim)}; {t.n} years).")
        else:
            who = f"{dyad.split('–')[0]}'s share" if dim.key == "cap_share" else dyad
            text = f"{dim.label}: {who} {r.direction} over {t.first}–{t.last} ({_slope(r, dim)}; {t.n} years)."
        out.append(finding(text, round(t.slope, 6), "trend"))
    if r.breaks:
        (m1, s1, n1), (m0, s0, n0) = r.after, r.before
        word = "within noise of" if r.shift_within_noise else ("higher than" if m1 > m0 else "lower than")
        out.append(finding(
            f"{dim.label}: break{'s' if len(r.breaks) > 1 else ''} for {dyad} in {_years(r.breaks)} (PELT, segments "
            f"of at least 5 years, kept only beyond two standard errors); since {r.breaks[-1]} the level averages "
            f"{fmt(m1, dim)} ± {fmt(s1, dim) if not math.isnan(s1) else 'n/a'} ({n1} years), {word} "
            f"{fmt(m0, dim)} ± {fmt(s0, dim) if not math.isnan(s0) else 'n/a'} in the {n0} years before.",
            r.breaks[-1], "break"))
    return out


def reconcile_un(readings: dict[str, Reading], dims: dict[str, ReportDimension], dyad: str,
                 src: dict) -> Finding | None:
    """One finding comparing raw agreement, S and kappa on the same votes, and why they can disagree."""
    named = {"un_agree": "agreement", "un_s_abs": "S", "un_kappa": "kappa"}
    got = {k: readings[k] for k in named if k in readings and readings[k].last_year is not None}
    if len(got) < 2:
        return None
    parts = [f"{named[k]} {fmt(r.latest, dims[k]) if k in dims else f'{r.latest:.2f}'} ({r.direction})"
             for k, r in got.items()]
    same = len({r.direction for r in got.values()}) == 1
    year = max(r.last_year for r in got.values())
    text = f"UN votes, three measures of the same {dyad} roll calls ({year}): " + ", ".join(parts) + ". "
    if same:
        text += "They agree on the direction."
    else:
        text += ("They disagree: agreement counts identical votes and S scores how close the votes are (an "
                 "abstention half-way), so both rise when both states vote yes more often; kappa subtracts the "
                 "agreement expected from each state's own mix of yes, no and abstain, so it can fall while the "
                 "raw shares hold or rise when the extra agreement is only the shared habit of voting yes.")
    return Finding(text, None, f"{src['source']} ({src['version']})", src["citation"], "contrast", "un_agree")
