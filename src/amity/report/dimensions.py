"""The dimensions a report shows, read from the convergence profiles of its dyads (one source of truth).

Every value, percentile, trend and structural break in the report's dimension charts and findings is a
column of :func:`amity.measures.convergence.convergence_profiles` (the same function behind
``amity convergence``) or of :func:`~amity.measures.convergence.convergence_summary` over it, so
``amity report A B`` and ``amity convergence A B`` show the same numbers. This module only chooses which
profile column each chart shows (:data:`REPORT_DIMENSIONS`), how to word its unit and percentile, and
which dyads to profile. Years a source does not cover are NA in the profile and gaps in the charts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from amity.data.registry import get_source
from amity.frames.contract import provenance
from amity.measures import convergence as conv
from amity.years import YearsLike

Pair = tuple[int, int]


@dataclass(frozen=True)
class ReportDimension:
    """A convergence dimension as the report shows it: a title naming its source, its axis unit, the words
    for what its percentile ranks among, and how prose writes a value (``share`` as a percentage,
    ``money`` in US$ m). Definition and direction come from :mod:`amity.measures.convergence`."""

    key: str  # a dimension of amity.measures.convergence
    title: str
    unit: str
    among: str
    style: str = "number"
    step: bool = False  # values move only when a treaty, dispute or rivalry does: drawn as steps
    # a percentile among all dyads means something (not for complementary shares such as a capability
    # share, zero-inflated arms shares, or trade that mostly reflects the size of the economies)
    percentile: bool = False

    @property
    def spec(self) -> conv.Dimension:
        return conv.BY_NAME[self.key]

    @property
    def label(self) -> str:
        return self.title

    @property
    def definition(self) -> str:
        return self.spec.definition


REPORT_DIMENSIONS: dict[str, ReportDimension] = {
    d.key: d
    for d in (
        ReportDimension("un_agree", "UN voting agreement (UNGA roll calls)",
                        "share of joint roll calls with identical votes (0-1)",
                        "pairs of UN members voting together that year", "share", percentile=True),
        ReportDimension("ideal_distance", "UN ideal-point distance", "|ideal point A - ideal point B|",
                        "pairs of UN members with ideal points that year", percentile=True),
        ReportDimension("ally_s_abs", "Alliance portfolio similarity (ATOP, S)", "S of valued portfolios (-1 to 1)",
                        "dyads of COW system members that year"),
        ReportDimension("cap_share", "Capability share (COW CINC)", "first state's share of the pair's CINC (0-1)",
                        "ordered pairs of states with CINC scores that year", "share"),
        ReportDimension("arms_dep_b_on_a", "Arms import dependence (SIPRI TIV)",
                        "share of the recipient's arms imports (0-1)",
                        "ordered pairs whose recipient imported arms that year", "share"),
        ReportDimension("trade", "Bilateral trade (COW)", "total trade, millions of current US$",
                        "dyads with recorded trade that year", "money"),
        ReportDimension("igos", "Shared IGO memberships (COW)", "number of IGOs both are full members of",
                        "dyads of COW system members that year", percentile=True),
        ReportDimension("mid_hostlev", "Militarized disputes (COW MID)",
                        "highest hostility (0 none, 1 no militarized action, 2 threat, 3 display, 4 force, 5 war)",
                        "dyads of COW system members that year", step=True),
        ReportDimension("rivalry_tss", "Strategic rivalry (Thompson, Sakuwa & Suhas)", "1 = strategic rivalry active",
                        "dyads of COW system members that year", step=True),
    )
}

# Dimensions the report reads without a chart of their own: the UN measures agreement is reconciled with.
SUPPORTING: dict[str, ReportDimension] = {
    d.key: d
    for d in (
        ReportDimension("un_s_abs", "UN voting S", "Signorino & Ritter S (-1 to 1)",
                        "pairs of UN members voting together that year"),
        ReportDimension("un_kappa", "UN voting kappa", "Cohen's kappa, quadratic weights",
                        "pairs of UN members voting together that year"),
    )
}

# The other direction of a directed dimension: (a, b)'s "b on a" is (b, a)'s "a on b".
MIRROR = {"arms_dep_b_on_a": "arms_dep_a_on_b", "arms_dep_a_on_b": "arms_dep_b_on_a"}


def dyad_label(labels: dict[int, str], c1: int, c2: int) -> str:
    return f"{labels[c1]}–{labels[c2]}"


def report_pairs(codes: Sequence[int], extra: Iterable[Pair] = ()) -> list[Pair]:
    """Every pair of ``codes`` in the order given (a–b, a–c, …, b–c, …), then ``extra`` ordered pairs."""
    pairs = list(combinations(codes, 2))
    return pairs + [p for p in dict.fromkeys(extra) if p not in pairs]


@dataclass
class Profiles:
    """The convergence profile and summary of each ordered pair the report shows."""

    profiles: dict[Pair, pd.DataFrame]
    summaries: dict[Pair, pd.DataFrame]

    def __post_init__(self) -> None:
        # pandas deep-copies attrs (the profiles' metadata) on every operation: look values up in bare copies
        self._by_year = {p: _bare(df).set_index("year") for p, df in self.profiles.items()}
        self._by_dim = {p: _bare(df.set_index("dimension")) for p, df in self.summaries.items()}

    def profile(self, c1: int, c2: int) -> pd.DataFrame:
        return self.profiles[(c1, c2)]

    def by_year(self, c1: int, c2: int) -> pd.DataFrame:
        """The profile indexed by year, without its metadata (see :attr:`profiles` for that)."""
        return self._by_year[(c1, c2)]

    def summary_row(self, c1: int, c2: int, key: str) -> pd.Series | None:
        """The :func:`~amity.measures.convergence.convergence_summary` row of ``key`` for (c1, c2); None
        if the dyad has no data on it in the span."""
        c1, c2, key = self._orient(c1, c2, key)
        s = self._by_dim[(c1, c2)]
        if key not in s.index or not s.loc[key].get("n_years", 0):
            return None
        return s.loc[key]

    def series(self, c1: int, c2: int, key: str, column: str = "") -> pd.Series:
        """``key`` (``column``: ``""`` value, ``"_pct"`` percentile, ``"_trend"`` slope) for the ordered
        pair by year, NA years dropped. Directed dimensions are read from whichever order was profiled."""
        c1, c2, key = self._orient(c1, c2, key)
        return self._by_year[(c1, c2)][key + column].astype(float).dropna()

    def _orient(self, c1: int, c2: int, key: str) -> tuple[int, int, str]:
        if (c1, c2) in self.profiles:
            return c1, c2, key
        if conv.BY_NAME[key].directed and key not in MIRROR:
            raise KeyError(f"{key} of ({c1}, {c2}) was not profiled")  # e.g. cap_share: ask for that order
        return c2, c1, MIRROR.get(key, key)

    def source(self, key: str) -> dict:
        """Source names, title, version, citation, coverage and provenance (one entry per source) of a
        dimension (from the profile's metadata and the data registry)."""
        profile = next(iter(self.profiles.values()))
        meta = profile.attrs["columns"][key]
        prov = [p for p in provenance(profile) if key in p.columns]  # one entry per registry source
        srcs = [get_source(p.source) for p in prov]
        spans = [s.coverage for s in srcs if s.coverage]
        return {
            "source": meta["source"],
            "title": "; ".join(s.title for s in srcs),
            "version": meta["version"],
            "citation": meta["citation"],
            "first_year": min(lo for lo, _ in spans) if spans else None,
            "last_year": max(hi for _, hi in spans) if spans else None,
            "provenance": [{k: v for k, v in p.as_dict().items() if k != "columns"} for p in prov],
        }

    def rows(self, key: str, pairs: Iterable[Pair], labels: dict[int, str]) -> pd.DataFrame:
        """Long table of one dimension for ``pairs``: dyad, ccode1, ccode2, year, value, percentile, among,
        trend (the profile's trailing slope)."""
        parts = []
        for c1, c2 in pairs:
            o1, o2, k = self._orient(c1, c2, key)
            df = self._by_year[(o1, o2)]
            among = self.profiles[(o1, o2)].attrs["among"][k]
            part = pd.DataFrame({
                "dyad": dyad_label(labels, c1, c2), "ccode1": c1, "ccode2": c2, "year": df.index.to_numpy(),
                "value": df[k].to_numpy(), "percentile": df[f"{k}_pct"].to_numpy(),
                "among": [among.get(int(y)) for y in df.index], "trend": df[f"{k}_trend"].to_numpy(),
            })
            parts.append(part[part["value"].notna()])
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _bare(df: pd.DataFrame) -> pd.DataFrame:
    """A view without metadata (pandas deep-copies attrs on every operation, ``copy`` included; the
    constructor does not carry them)."""
    return pd.DataFrame(df)


def gather(queries: dict[int, object], pairs: Sequence[Pair], years: YearsLike,
           values_only: Sequence[Pair] = ()) -> Profiles:
    """Convergence profiles and summaries of ``pairs`` (COW codes; ``queries`` maps each code to what the
    user named it, so states are resolved per year exactly as ``amity convergence`` does), and the values
    and percentiles only (no trends or breaks) of the benchmark pairs ``values_only``, in one pass."""
    extra = [p for p in dict.fromkeys(values_only) if p not in pairs]
    everything = list(pairs) + extra
    profiles = conv.convergence_profiles([(queries.get(a, a), queries.get(b, b)) for a, b in everything], years,
                                         trends=[True] * len(pairs) + [False] * len(extra))
    by_pair = dict(zip(everything, profiles))
    summaries = {p: conv.convergence_summary(None, None, profile=by_pair[p]) for p in pairs}
    return Profiles(by_pair, summaries)
