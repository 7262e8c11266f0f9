"""The HTML pages: server-rendered with Jinja2 (autoescaped), small scripts and Vega charts from
``/static``. Explore, UN votes and Rankings fetch the JSON API, so a page shows exactly what ``curl``
gets; the brief and the article check render on the server.
"""

from __future__ import annotations

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from amity.errors import AmityError
from amity.output import jsonable
from amity.web.guard import check_token
from amity.web.responses import error_body, status_of

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=Environment(loader=PackageLoader("amity.web", "templates"),
                                            autoescape=select_autoescape(["html"])))
# The report's own page is a self-contained document with inline CSS and inline SVG; it is shown in a frame
# under a policy that allows its inline styles and nothing else (no script, no fetch, sandboxed).
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"
NAV = [("/", "Home"), ("/explore", "Explore"), ("/votes", "UN votes"), ("/rankings", "Rankings"),
       ("/article", "Check an article"), ("/docs", "API")]


def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    from amity import __version__

    return templates.TemplateResponse(request, name, {"nav": NAV, "version": __version__, **ctx},
                                      status_code=status)


def error_page(request: Request, exc: AmityError) -> HTMLResponse:
    return page(request, "error.html", status_of(exc), error=error_body(exc))


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return page(request, "home.html")


def _third(third: list[str]) -> list[str]:
    return [t for t in third if t.strip()]


@router.get("/brief", response_class=HTMLResponse)
def brief(request: Request, a: str = Query(..., max_length=100), b: str = Query(..., max_length=100),
          third: list[str] = Query([], max_length=100), years: str | None = Query(None, max_length=200)):
    """The Report ``amity report`` builds, live: its verdict and scorecard here, the full report in a frame."""
    reports = request.app.state.reports
    third = _third(third)
    try:
        rep, _ = reports.build(a, b, third, years)
    except AmityError as exc:
        return error_page(request, exc)
    meta = rep.data["meta"]
    query = request.url.query
    return page(request, "brief.html", meta=meta, title=rep.title, subtitle=rep.subtitle, verdict=rep.verdict,
                scorecard=jsonable(rep.scorecard), findings=rep.findings, references=rep.references,
                view=f"/brief/view?{query}", download=f"/api/report/download?{query}")


@router.get("/brief/view")
def brief_view(request: Request, a: str = Query(..., max_length=100), b: str = Query(..., max_length=100),
               third: list[str] = Query([], max_length=100), years: str | None = Query(None, max_length=200)):
    reports = request.app.state.reports
    try:
        _, folder = reports.build(a, b, _third(third), years)
    except AmityError as exc:
        return error_page(request, exc)
    return HTMLResponse(reports.html(folder), headers={"Content-Security-Policy": REPORT_CSP})


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request):
    from amity.measures.convergence import DIMENSIONS

    return page(request, "explore.html", dimensions=DIMENSIONS)


@router.get("/votes", response_class=HTMLResponse)
def votes(request: Request):
    return page(request, "votes.html")


@router.get("/rankings", response_class=HTMLResponse)
def rankings(request: Request):
    from amity.web.api import ALLIANCE_MEASURES, UN_MEASURES

    return page(request, "rankings.html", un_measures=UN_MEASURES, alliance_measures=ALLIANCE_MEASURES)


@router.get("/article", response_class=HTMLResponse)
def article(request: Request):
    return page(request, "article.html", writable=request.app.state.settings.token is not None)


@router.post("/article", response_class=HTMLResponse)
async def article_check(request: Request, text: str | None = Form(None), file: UploadFile | None = File(None),
                        store: bool = Form(False), token: str | None = Form(None),
                        a: str | None = Form(None, max_length=100), b: str | None = Form(None, max_length=100)):
    """Events in pasted text or an uploaded file, rendered (escaped) on the server, and with two states the
    verdict on each checkable claim (the report's claim checker); stored only when asked and the form
    carries the server's token."""
    from amity.web.api import extract_documents, read_upload

    writable = request.app.state.settings.token is not None
    try:
        if store:
            check_token(request.app.state.settings, f"Bearer {token}" if token else None)
        raw = await file.read() if file is not None and file.filename else None
        docs = await run_in_threadpool(read_upload, text, raw, file.filename if raw is not None else None)
        events, stored = await extract_documents(request, docs, store)
        claims = None
        if a and a.strip() and b and b.strip():
            claims = await run_in_threadpool(request.app.state.reports.claims, a, b, docs)
    except AmityError as exc:
        return page(request, "article.html", getattr(exc, "status", status_of(exc)), writable=writable,
                    error=error_body(exc), text=text or "", a=a or "", b=b or "")
    return page(request, "article.html", writable=writable, text=text or "", docs=docs, a=a or "", b=b or "",
                events=events.to_dict("records"), stored=stored, claims=claims)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The API reference, rendered from the OpenAPI schema on the server (no CDN, no script)."""
    schema = request.app.openapi()
    return page(request, "docs.html", schema=schema)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)
