"""The convergence report: compute (amity.report.build), render (amity.report.html), write (amity.report.write)."""

EXPORTS = {
    "report": "amity.report.build",
    "build_report": "amity.report.build",
    "render_html": "amity.report.html",
    "render_markdown": "amity.report.html",
    "write_report": "amity.report.write",
    "Report": "amity.report.model",
}
