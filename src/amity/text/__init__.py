"""Read the news: extract events between states from articles (amity.text.extract) and classify
sentences by CAMEO quad class (amity.text.classify). Names only here; modules load on first use."""

EXPORTS = {
    "extract": "amity.text.extract",
    "extract_events": "amity.text.extract",
    "classify": "amity.text.classify",
    "events": "amity.text.series",
}
