"""``amity serve``: the web app and HTTP API over amity's public functions (FastAPI on uvicorn).

Layers, top to bottom: :mod:`amity.web.pages` (server-rendered HTML pages with small scripts and the
vendored Vega charts) and :mod:`amity.web.api` (JSON, CSV and Parquet endpoints) call the same public
functions as the CLI (``amity.similarity``, ``amity.convergence``, ``amity.dyad_years`` …);
:mod:`amity.web.responses` shapes frames into responses that name their sources;
:mod:`amity.web.guard` makes the app safe by default (loopback, read-only without a token, body limit,
timeouts, security headers, no stack traces). :func:`amity.web.app.create_app` wires them together.
"""
