"""Charts for the report, drawn in memory with matplotlib (Agg) as SVG markup (and PNG bytes on request).

Rules every chart follows: missing years are gaps (each series is reindexed over the span with NaN,
which matplotlib leaves unjoined); the y-axis starts at zero for non-negative quantities, or says where
it starts; a log scale when the positive values span more than tenfold; at most :data:`MAX_SERIES`
lines per panel (the focal line first); a dashed line where a source's coverage ends; optional shaded
bands (a benchmark group's range, a standard-error band) and vertical markers for key events.
"""

from __future__ import annotations

import io
import math
import re
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from amity.report.model import Chart  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "amity",
    }
)

FOCAL_COLOUR = "#1f4e9c"
PALETTE = ["#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666", "#e6ab02"]


MAX_SERIES = 5


def _finish(fig, name: str, title: str, spec: dict, png: bool) -> Chart:
    """The figure as SVG markup (and PNG bytes if ``png``), closed."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    raster = None
    if png:  # a second full draw: only where a raster image is wanted
        pbuf = io.BytesIO()
        fig.savefig(pbuf, format="png", dpi=100)
        raster = pbuf.getvalue()
    plt.close(fig)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg"):], flags=re.S)
    return Chart(name=name, title=title, svg=svg, spec=spec, png=raster)


def _points(s: pd.Series) -> dict[int, float]:
    return {int(k): float(v) for k, v in s.dropna().items()}


def line_chart(
    series: dict[str, pd.Series],
    span: tuple[int, int],
    title: str,
    unit: str,
    source_line: str,
    name: str,
    focal: str | None = None,
    coverage_end: int | None = None,
    coverage_label: str = "",
    step: bool = False,
    png: bool = False,
    bands: dict[str, tuple[pd.Series, pd.Series]] | None = None,
    events: list[tuple[int, str]] | None = None,
    thin: list[int] | None = None,
    magnitude: bool = False,
) -> Chart:
    """One line per series over the span (at most :data:`MAX_SERIES`; the focal one thick and first).

    ``bands``: label -> (low, high) series drawn as a shaded band (a benchmark group's interquartile
    range, a standard-error band). ``events``: (year, label) vertical markers. ``thin``: years whose
    evidence is below the report's minimum, drawn as hollow markers, never joined into the line.
    ``magnitude``: the values are amounts (money, TIV) that may take a log scale; shares, scores and
    distances never do.
    """
    years = pd.RangeIndex(span[0], span[1] + 1)
    order = ([focal] if focal in series else []) + [k for k in series if k != focal]
    order = order[:MAX_SERIES]
    rows = math.ceil((len(order) + len(bands or {})) / 3)
    source = textwrap.fill(f"Source: {source_line}", 125)
    extra = source.count("\n")  # long source lines wrap: make room below the legend
    fig, ax = plt.subplots(figsize=(7.2, 3.6 + 0.18 * rows + 0.14 * extra))
    # fixed margins instead of bbox_inches="tight": one draw per format instead of two
    fig.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.2 + 0.045 * rows + 0.035 * extra)
    for i, (label, (lo, hi)) in enumerate((bands or {}).items()):
        ax.fill_between(years, lo.reindex(years).to_numpy(dtype=float), hi.reindex(years).to_numpy(dtype=float),
                        color=["#c6dbef", "#fdd0a2", "#d9d9d9"][i % 3], alpha=0.6, linewidth=0, label=label,
                        zorder=1, step="mid" if step else None)
    thin = set(thin or [])
    values = []
    for i, key in enumerate(order):
        s = series[key].reindex(years)
        is_focal = key == focal
        colour = FOCAL_COLOUR if is_focal else PALETTE[i % len(PALETTE)]
        shown = s.where(~s.index.isin(thin)) if is_focal else s
        kwargs = {"color": colour, "linewidth": 2.6 if is_focal else 1.3, "label": key, "zorder": 3 if is_focal else 2}
        if step:
            ax.step(years, shown.to_numpy(), where="mid", **kwargs)
        else:
            ax.plot(years, shown.to_numpy(), marker="o" if shown.notna().sum() < 4 else None, markersize=3, **kwargs)
        if is_focal and thin:
            t = s[s.index.isin(thin)].dropna()
            if len(t):
                ax.scatter(t.index, t.to_numpy(), facecolors="white", edgecolors=colour, zorder=4, s=22,
                           label=f"{key}: thin year")
        values += list(s.dropna().to_numpy(dtype=float))
    _scale(ax, np.asarray(values, dtype=float), magnitude)
    for year, label in events or []:
        if span[0] <= year <= span[1]:
            ax.axvline(year, color="#b2182b", linewidth=0.8, linestyle=":", zorder=1)
            ax.text(year + 0.15, 0.02, label, transform=ax.get_xaxis_transform(), rotation=90, fontsize=6.5,
                    color="#b2182b", va="bottom", ha="left")
    if coverage_end is not None and span[0] <= coverage_end < span[1]:
        ax.axvline(coverage_end + 0.5, color="#888", linestyle="--", linewidth=1)
        ax.text(coverage_end + 0.4, 0.98, f"{coverage_label or 'data'} end {coverage_end}",
                transform=ax.get_xaxis_transform(), va="top", ha="right", fontsize=8, color="#555")
        ax.axvspan(coverage_end + 0.5, span[1] + 0.5, color="#eee", zorder=0)
    ax.set_xlim(span[0] - 0.5, span[1] + 0.5)
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(textwrap.fill(unit, 34), fontsize=8)
    ax.set_xlabel("year")
    ax.grid(axis="y", color="#ddd", linewidth=0.6)
    if order:
        ax.legend(fontsize=7.5, ncol=3, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.13))
    fig.text(0.01, 0.01, source, fontsize=7, color="#555", ha="left", va="bottom")
    spec = {"kind": "line", "title": title, "unit": unit, "span": list(span), "focal": focal, "step": step,
            "series": {k: _points(series[k]) for k in order},
            "bands": {k: {"low": _points(lo), "high": _points(hi)} for k, (lo, hi) in (bands or {}).items()},
            "events": [list(e) for e in events or []], "thin_years": sorted(thin), "source": source_line,
            "coverage_end": coverage_end, "y_scale": ax.get_yscale()}
    return _finish(fig, name, title, spec, png)


def _scale(ax, values: np.ndarray, magnitude: bool) -> None:
    """For amounts (``magnitude``), a log scale when the positive values span more than tenfold; else the
    y-axis from zero for non-negative data (a note says so when it cannot start at zero)."""
    v = values[~np.isnan(values)]
    if not len(v):
        return
    pos = v[v > 0]
    if magnitude and len(pos) and (v >= 0).all() and pos.max() > 10 * pos.min() and (v > 0).mean() > 0.8:
        ax.set_yscale("log")
        ax.text(0.995, 1.01, "log scale", transform=ax.transAxes, fontsize=7, color="#555", ha="right")
    elif (v >= 0).all():
        ax.set_ylim(bottom=0, top=max(float(v.max()) * 1.08, 1e-9))
    else:
        ax.text(0.995, 1.01, "y-axis does not start at zero", transform=ax.transAxes, fontsize=7, color="#555",
                ha="right")


def bar_windows(
    table: pd.DataFrame, title: str, unit: str, source_line: str, name: str, png: bool = False
) -> Chart:
    """Grouped bars: one group per window (the index), one bar per column (at most :data:`MAX_SERIES`),
    a log scale when the bars differ more than tenfold."""
    table = table.iloc[:, :MAX_SERIES]
    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    fig.subplots_adjust(left=0.1, right=0.98, top=0.88, bottom=0.28)
    width = 0.8 / max(len(table.columns), 1)
    x = np.arange(len(table))
    for i, col in enumerate(table.columns):
        ax.bar(x + i * width, table[col].to_numpy(dtype=float), width, label=str(col),
               color=FOCAL_COLOUR if i == 0 else PALETTE[(i - 1) % len(PALETTE)])
    ax.set_xticks(x + width * (len(table.columns) - 1) / 2, [str(i) for i in table.index], fontsize=8)
    _scale(ax, table.to_numpy(dtype=float).ravel(), True)
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(textwrap.fill(unit, 34), fontsize=8)
    ax.grid(axis="y", color="#ddd", linewidth=0.6)
    ax.legend(fontsize=7.5, ncol=3, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.1))
    fig.text(0.01, 0.01, textwrap.fill(f"Source: {source_line}", 125), fontsize=7, color="#555", ha="left",
             va="bottom")
    spec = {"kind": "bars", "title": title, "unit": unit, "windows": [str(i) for i in table.index],
            "series": {str(c): [None if pd.isna(v) else float(v) for v in table[c]] for c in table.columns},
            "source": source_line}
    return _finish(fig, name, title, spec, png)


def network_chart(
    edges: pd.DataFrame,
    nodes: list[str],
    blocs: tuple[list[str], list[str]],
    year: int,
    name: str,
    frustrated: set[tuple[str, str]] | None = None,
    source_line: str = "",
    png: bool = False,
) -> Chart:
    """Nodes on a circle coloured by bloc; positive ties solid green, negative dashed red, frustrated ties
    drawn thicker with a cross-hatch marker."""
    frustrated = frustrated or set()
    n = max(len(nodes), 1)
    pos = {
        v: (math.cos(2 * math.pi * i / n + math.pi / 2), math.sin(2 * math.pi * i / n + math.pi / 2))
        for i, v in enumerate(nodes)
    }
    fig, ax = plt.subplots(figsize=(4.6, 4.8))
    fig.subplots_adjust(left=0.02, right=0.98, top=0.92, bottom=0.1)
    for r in edges.itertuples():
        if r.state1 not in pos or r.state2 not in pos:
            continue
        (x1, y1), (x2, y2) = pos[r.state1], pos[r.state2]
        bad = (r.state1, r.state2) in frustrated or (r.state2, r.state1) in frustrated
        ax.plot(
            [x1, x2],
            [y1, y2],
            color="#1a9850" if r.sign > 0 else "#d73027",
            linestyle="-" if r.sign > 0 else "--",
            linewidth=3.2 if bad else 1.6,
            zorder=1,
            alpha=1.0 if bad else 0.85,
        )
    colour = {v: "#4575b4" for v in blocs[0]} | {v: "#f46d43" for v in blocs[1]}
    for v, (x, y) in pos.items():
        ax.scatter([x], [y], s=620, color=colour.get(v, "#bbbbbb"), zorder=2, edgecolor="white", linewidth=1.5)
        ax.text(x, y, v, ha="center", va="center", fontsize=8, color="white", fontweight="bold", zorder=3)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"Signed network, {year}", fontsize=11, fontweight="bold", loc="left")
    fig.text(
        0.02,
        0.02,
        "solid green +, dashed red −, thick = frustrated; node colour = bloc\n" + source_line,
        fontsize=6.5,
        color="#555",
        ha="left",
        va="bottom",
    )
    spec = {"kind": "network", "title": f"Signed network, {year}", "year": year, "nodes": nodes,
            "blocs": [list(b) for b in blocs],
            "edges": [[r.state1, r.state2, int(r.sign)] for r in edges.itertuples()],
            "frustrated": sorted(list(e) for e in frustrated), "source": source_line}
    return _finish(fig, name, f"Signed network, {year}", spec, png)
