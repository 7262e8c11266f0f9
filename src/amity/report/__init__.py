"""The convergence report for a dyad and its third parties (amity.report.build)."""

EXPORTS = {
    "report": "amity.report.build",
}
