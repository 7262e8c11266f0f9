"""Render a :class:`~amity.report.model.Report` as HTML or Markdown, from one list of sections.

Both renderers walk the same structure — title, verdict, scorecard, then each section's intro,
findings, charts, tables and subsections, then the numbered bibliography and the method — so the two
pages say the same things in the same order. Findings carry footnote numbers into the bibliography;
versions and table names stay in ``data.json`` and the method section. The HTML is one self-contained
file: inline CSS, charts as inline SVG, no script and no network fetch, so it opens offline.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from amity.report.model import Chart, Finding, Report, Section, Table

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #1f4e9c;padding-bottom:.2em;margin-top:2em}
.meta{color:#555;font-size:.9em}.finding{margin:.35em 0}sup a{text-decoration:none}
.verdict{background:#f1f4fa;border-left:5px solid #1f4e9c;padding:.6em 1em;font-size:1.08em}
.verdict p{margin:.4em 0}figure{margin:1.2em 0}
figure svg{max-width:100%;height:auto}table{border-collapse:collapse;font-size:.85em;margin:.8em 0}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}th{background:#f1f4fa}
.grid{display:flex;flex-wrap:wrap;gap:1em}.grid figure{flex:1 1 300px}.refs li{font-size:.85em;margin:.3em 0}
.note{background:#fff8e1;padding:.6em;border-left:4px solid #e6ab02}
"""


def _cell_text(v) -> str:
    """A table cell for people: whole numbers without decimals (years stay 2004, not 2e+03), thousands
    separated, other numbers to three significant figures."""
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)) and float(v).is_integer():
        return f"{int(v)}" if 1800 <= abs(v) <= 2100 else f"{int(v):,}"
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"
    return str(v)


def _html_table(t: Table, max_rows: int = 80) -> str:
    head = f"<h4>{escape(t.title)}</h4>" if t.title else ""
    note = f"<p class='meta'>{escape(t.note)}</p>" if t.note else ""
    if t.frame is None or t.frame.empty:
        return head + "<p><em>none</em></p>" + note
    df = t.frame.head(max_rows)
    rows = "".join("<tr>" + "".join(f"<td>{escape(_cell_text(v))}</td>" for v in r) + "</tr>"
                   for r in df.itertuples(index=False))
    cols = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    return f"{head}<table><thead><tr>{cols}</tr></thead><tbody>{rows}</tbody></table>{note}"


def _sup(f: Finding) -> str:
    notes = f.notes or ([f.note] if f.note else [])
    return "<sup>" + ",".join(f"<a href='#ref-{n}'>{n}</a>" for n in notes) + "</sup>" if notes else ""


def _html_findings(findings: list[Finding]) -> str:
    if not findings:
        return ""
    return "<ul>" + "".join(f"<li class='finding'>{escape(f.text)}{_sup(f)}</li>" for f in findings) + "</ul>"


def _figure(chart: Chart) -> str:
    return f'<figure class="chart" data-name="{escape(chart.name)}">{chart.svg}</figure>'


def _html_section(sec: Section, level: int) -> list[str]:
    h = f"h{min(level, 4)}"
    out = [f"<{h} id='{escape(sec.id)}'>{escape(sec.title)}</{h}>"]
    if sec.intro:
        out.append(f"<p>{escape(sec.intro)}</p>")
    out.append(_html_findings(sec.findings))
    if len(sec.charts) > 1 and all(c.spec.get("kind") == "network" for c in sec.charts):
        out += ["<div class='grid'>", *[_figure(c) for c in sec.charts], "</div>"]
    else:
        out += [_figure(c) for c in sec.charts]
    out += [_html_table(t) for t in sec.tables]
    for sub in sec.subsections:
        out += _html_section(sub, level + 1)
    return out


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(report.title)}</title>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(report.title)}</h1><p class='meta'>{escape(report.subtitle)}</p>",
        "<h2 id='verdict'>Verdict</h2><div class='verdict'>",
        *[f"<p>{escape(f.text)}{_sup(f)}</p>" for f in report.verdict],
        "</div>",
        _html_table(Table("Scorecard", report.scorecard)),
        _html_table(report.benchmark_b) if report.benchmark_b is not None else "",
    ]
    for sec in report.sections:
        parts += _html_section(sec, 2)
    parts += ["<h2 id='references'>References</h2><ol class='refs'>"]
    parts += [f"<li id='ref-{r.note}'>{escape(r.citation)}</li>" for r in report.references]
    parts += [
        "</ol>",
        f"<h2 id='method'>Method and data versions</h2><p>{escape(report.method)}</p>",
        "<p class='meta'>Every number above is in <a href='data.json'>data.json</a> with its source and version."
        "</p></body></html>",
    ]
    return "\n".join(p for p in parts if p)


def _md_cell(v) -> str:
    return _cell_text(v).replace("|", "/").replace("\n", " ")


def _md_table(t: Table, max_rows: int = 80) -> str:
    head = f"**{t.title}**\n\n" if t.title else ""
    note = f"\n_{t.note}_\n" if t.note else ""
    if t.frame is None or t.frame.empty:
        return head + "_none_\n" + note
    df = t.frame.head(max_rows)
    lines = ["| " + " | ".join(map(str, df.columns)) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in r) + " |" for r in df.itertuples(index=False)]
    return head + "\n".join(lines) + "\n" + note


def _md_note(f: Finding) -> str:
    notes = f.notes or ([f.note] if f.note else [])
    return " [" + ", ".join(map(str, notes)) + "]" if notes else ""


def _md_section(sec: Section, level: int, image_path) -> list[str]:
    out = [f"{'#' * min(level, 4)} {sec.title}\n"]
    if sec.intro:
        out.append(sec.intro + "\n")
    out += [f"- {f.text}{_md_note(f)}" for f in sec.findings]
    if sec.findings:
        out.append("")
    out += [f"![{c.title}]({image_path(c)})\n" for c in sec.charts]
    out += [_md_table(t) for t in sec.tables]
    for sub in sec.subsections:
        out += _md_section(sub, level + 1, image_path)
    return out


def render_markdown(report: Report, image_path=None) -> str:
    """The report in Markdown; charts are images at ``image_path(chart)`` (default
    ``charts/<name>.png`` where a PNG was drawn, else ``charts/<name>.svg``)."""
    image_path = image_path or (lambda c: f"charts/{c.name}.{'png' if c.png else 'svg'}")
    out = [f"# {report.title}\n", f"_{report.subtitle}_\n", "## Verdict\n"]
    out += [f"> {f.text}{_md_note(f)}\n>" for f in report.verdict]
    out += ["", _md_table(Table("Scorecard", report.scorecard))]
    if report.benchmark_b is not None:
        out.append(_md_table(report.benchmark_b))
    for sec in report.sections:
        out += _md_section(sec, 2, image_path)
    out += ["## References\n"] + [f"{r.note}. {r.citation}" for r in report.references]
    out += ["", "## Method and data versions\n", report.method + "\n"]
    return "\n".join(out)
