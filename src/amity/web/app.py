"""The ASGI app: routes, static assets from the package, error handlers and the safety middlewares.

``create_app()`` returns a FastAPI app; ``uvicorn.run(create_app(), host="127.0.0.1")`` is what
``amity serve`` does. Every error leaves as JSON ``{"error": ..., "kind": ...}`` with the status its kind
calls for (:func:`amity.web.responses.status_of`); an unexpected exception is logged on the server and
answered with a 500 that carries neither a traceback nor a path.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from amity import __version__
from amity.errors import AmityError
from amity.web import api, pages
from amity.web.guard import AuthError, BodyLimit, SecurityHeaders, Settings, Timeout
from amity.web.reports import Reports
from amity.web.responses import Memo, error_body, status_of

log = logging.getLogger("amity.web")

DESCRIPTION = """amity's HTTP API: the same numbers as the Python functions and the CLI, as JSON (default),
CSV or Parquet (`?format=`). Every response names the sources and versions it rests on. Errors are JSON
`{"error", "kind"}`: an unknown state is a 404 with suggestions, bad years or years outside a source's
coverage a 422. Read-only unless the server was started with `AMITY_TOKEN`; writes then need
`Authorization: Bearer <token>`."""


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path", "header"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(AuthError)
    async def auth_error(request: Request, exc: AuthError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(error_body(exc), status_code=exc.status, headers=headers)

    @app.exception_handler(AmityError)
    async def amity_error(request: Request, exc: AmityError):
        return JSONResponse(error_body(exc), status_code=status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": _validation_message(exc), "kind": "InvalidInputError"}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return JSONResponse({"error": str(exc.detail), "kind": "HTTPError"}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal error: the server logged the details; please report the request "
                             "that caused it", "kind": "InternalError"}, status_code=500)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The amity web app with ``settings`` (default: loopback, token from ``AMITY_TOKEN``)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.writer.shutdown(wait=True)

    app = FastAPI(title="amity", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan)
    app.state.settings = settings
    # Readers run concurrently in the thread pool: the Store serialises each call on its one connection
    # (and holds it for a whole transaction); writes go through the one writer thread below.
    app.state.memo = Memo(512)
    app.state.frames = Memo(4)  # dyad-year frames run to a million rows: keep only a few
    app.state.reports = Reports()
    app.state.writer = ThreadPoolExecutor(1, thread_name_prefix="amity-writer")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("amity.web", "static")]), name="static")
    _handlers(app)
    # add_middleware wraps: the last added runs first. Order of a request: headers, host, body limit, timeout.
    app.add_middleware(Timeout, timeout=settings.timeout)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"])
    if "*" not in settings.hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts))
    app.add_middleware(SecurityHeaders)
    return app
