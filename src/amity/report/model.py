"""The report as a plain object: what :func:`amity.report.build.build_report` computes and the renderers show.

A :class:`Report` holds everything in memory — the verdict and scorecard, the sections with their
findings, charts (SVG markup and the plotted series) and tables, the bibliography and the payload of
``data.json`` — and writes nothing. :func:`amity.report.html.render_html` and
:func:`~amity.report.html.render_markdown` turn the same list of sections into a page, and
:func:`amity.report.write.write_report` writes a folder; ``amity serve`` renders the same object.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd


@dataclass
class Finding:
    """One templated statement and the number it rests on.

    ``source`` names the data and version (data.json and the method section show it), ``citation`` the
    work to cite (the page shows it as a numbered footnote, ``note``), ``kind`` the statement's type
    (level, trend, break, rank, contrast, exposure, balance, claim, verdict), ``dimension`` the convergence
    dimension it speaks to."""

    text: str
    value: float | int | str | None
    source: str
    citation: str
    kind: str
    dimension: str = ""
    note: int | None = None  # first footnote number in the bibliography, set by build_report
    notes: list[int] = field(default_factory=list)  # every footnote of the finding's citations

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Chart:
    """A chart drawn in memory: ``svg`` markup, ``png`` bytes when asked for, and ``spec``, the series it
    plots (``{"kind", "title", "unit", "span", "series": {label: {year: value}}, ...}``) for other
    renderers."""

    name: str  # file stem under charts/
    title: str
    svg: str
    spec: dict = field(default_factory=dict)
    png: bytes | None = None


@dataclass
class Table:
    title: str
    frame: pd.DataFrame
    note: str = ""


@dataclass
class Section:
    """A titled part of the report: intro text, findings, charts, tables and subsections, shown in that
    order."""

    id: str
    title: str
    intro: str = ""
    findings: list[Finding] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def walk(self):
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass
class Reference:
    """One entry of the bibliography: the work to cite and the data (with versions) behind it."""

    note: int
    citation: str
    data: str


@dataclass
class Report:
    """A convergence report, computed and not yet rendered.

    ``verdict``: 3-6 sentences (findings of kind ``verdict``) answering whether the dyad converges, on
    which dimensions, since when, and what it means for the third parties. ``scorecard``: one row per
    dimension (``dimension, value, year, n, direction, since, rank, of, data_end, call``; the rank is among
    A's benchmark partners, ``benchmark_b`` ranks the pair among B's). ``sections``:
    the detailed findings, most important first. ``references``: the numbered bibliography. ``data``: the
    payload of ``data.json`` (every number with its source)."""

    title: str
    subtitle: str
    verdict: list[Finding]
    scorecard: pd.DataFrame
    sections: list[Section]
    references: list[Reference]
    method: str
    data: dict
    benchmark_b: Table | None = None  # the focal pair's rank among B's benchmark partners, after the scorecard

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every section, in page order (the verdict first)."""
        return self.verdict + [f for s in self.sections for sub in s.walk() for f in sub.findings]

    @property
    def charts(self) -> list[Chart]:
        return [c for s in self.sections for sub in s.walk() for c in sub.charts]
