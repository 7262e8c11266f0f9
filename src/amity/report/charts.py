"""Charts for the report, drawn with matplotlib (Agg) and written as SVG (inlined in the HTML) and, where
the Markdown report shows a raster image, PNG.

Missing years are gaps: each series is reindexed over the full span with NaN, which matplotlib leaves
unjoined. Where a source's coverage ends inside the span, a dashed line marks it with the source's name.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

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


def _save(fig, out_dir: Path, name: str, png: bool = True) -> dict:
    """Write ``name``.svg (and ``name``.png if ``png``) under ``out_dir``; return the paths, the image
    Markdown should show (the PNG where there is one) and the SVG text for inlining in the HTML."""
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    (out_dir / f"{name}.svg").write_text(svg)
    if png:  # a second full draw: only where a raster image is wanted
        fig.savefig(out_dir / f"{name}.png", format="png", dpi=100)
    plt.close(fig)
    return {
        "name": name,
        "svg_path": f"charts/{name}.svg",
        "png_path": f"charts/{name}.png" if png else None,
        "image_path": f"charts/{name}.png" if png else f"charts/{name}.svg",
        "svg": re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg") :], flags=re.S),
    }


def line_chart(
    series: dict[str, pd.Series],
    span: tuple[int, int],
    title: str,
    unit: str,
    source_line: str,
    out_dir: Path,
    name: str,
    focal: str | None = None,
    coverage_end: int | None = None,
    coverage_label: str = "",
    step: bool = False,
    png: bool = True,
) -> dict:
    """One line per dyad over the span; the focal dyad drawn thick and first in the legend."""
    years = pd.RangeIndex(span[0], span[1] + 1)
    rows = math.ceil(len(series) / 3)
    source = textwrap.fill(f"Source: {source_line}", 125)
    extra = source.count("\n")  # long source lines wrap: make room below the legend
    fig, ax = plt.subplots(figsize=(7.2, 3.6 + 0.18 * rows + 0.14 * extra))
    # fixed margins instead of bbox_inches="tight": one draw per format instead of two
    fig.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.2 + 0.045 * rows + 0.035 * extra)
    others = [k for k in series if k != focal]
    for i, key in enumerate(([focal] if focal in series else []) + others):
        s = series[key].reindex(years)
        is_focal = key == focal
        kwargs = {
            "color": FOCAL_COLOUR if is_focal else PALETTE[i % len(PALETTE)],
            "linewidth": 2.6 if is_focal else 1.3,
            "label": key,
            "zorder": 3 if is_focal else 2,
        }
        if step:
            ax.step(years, s.to_numpy(), where="mid", **kwargs)
        else:
            ax.plot(years, s.to_numpy(), marker="o" if s.notna().sum() < 4 else None, markersize=3, **kwargs)
    if coverage_end is not None and span[0] <= coverage_end < span[1]:
        ax.axvline(coverage_end + 0.5, color="#888", linestyle="--", linewidth=1)
        ax.text(
            coverage_end + 0.6,
            0.98,
            f"{coverage_label} ends {coverage_end}",
            transform=ax.get_xaxis_transform(),
            va="top",
            ha="left",
            fontsize=8,
            color="#555",
        )
        ax.axvspan(coverage_end + 0.5, span[1] + 0.5, color="#eee", zorder=0)
    ax.set_xlim(span[0] - 0.5, span[1] + 0.5)
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(textwrap.fill(unit, 34), fontsize=8)
    ax.set_xlabel("year")
    ax.grid(axis="y", color="#ddd", linewidth=0.6)
    if series:
        ax.legend(fontsize=7.5, ncol=min(3, len(series)), frameon=False, loc="upper left", bbox_to_anchor=(0, -0.13))
    fig.text(0.01, 0.01, source, fontsize=7, color="#555", ha="left", va="bottom")
    return _save(fig, out_dir, name, png)


def network_chart(
    edges: pd.DataFrame,
    nodes: list[str],
    blocs: tuple[list[str], list[str]],
    year: int,
    out_dir: Path,
    name: str,
    frustrated: set[tuple[str, str]] | None = None,
    source_line: str = "",
    png: bool = True,
) -> dict:
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
    return _save(fig, out_dir, name, png)
