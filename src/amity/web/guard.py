"""Safe by default: the settings of a served app, the write token, and three ASGI middlewares.

* :class:`BodyLimit` reads at most ``max_body`` bytes of a request body (default 5 MB) and answers 413
  beyond that, before any handler parses it.
* :class:`Timeout` answers 504 when a request takes longer than ``timeout`` seconds (the work left
  running in the thread pool finishes on its own; nothing is written half-way because writes are
  transactions).
* :class:`SecurityHeaders` adds a Content-Security-Policy that admits only the app's own scripts, styles,
  images and fetches, and the usual hardening headers, to every response that does not set its own CSP.

Writes (storing events) need ``Authorization: Bearer <AMITY_TOKEN>``, compared in constant time with
:func:`hmac.compare_digest`; without ``AMITY_TOKEN`` the app is read-only.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
from dataclasses import dataclass, field

from amity.errors import AmityError

DEFAULT_MAX_BODY = 5_000_000
DEFAULT_TIMEOUT = 120.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass(frozen=True)
class Settings:
    """How an app is served. ``token`` enables writes; ``hosts`` are the Host headers answered (DNS
    rebinding guard: a page elsewhere cannot reach a loopback server through a name it controls)."""

    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    timeout: float = DEFAULT_TIMEOUT
    hosts: tuple[str, ...] = LOOPBACK
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, host: str = "127.0.0.1", **kw) -> Settings:
        """Settings for serving on ``host``; the token comes from ``AMITY_TOKEN`` (empty means none)."""
        hosts = ("*",) if host in ("0.0.0.0", "::") else tuple(dict.fromkeys((*LOOPBACK, host)))
        return cls(token=os.environ.get("AMITY_TOKEN") or None, hosts=hosts, **kw)


class AuthError(AmityError):
    """A write without the right token."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def check_token(settings: Settings, authorization: str | None) -> None:
    """Allow a write only with ``Bearer <token>``: 403 when writes are off, 401 without credentials,
    403 with wrong ones."""
    if settings.token is None:
        raise AuthError(403, "this server is read-only: start it with AMITY_TOKEN set to allow writes")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise AuthError(401, "writes need the header 'Authorization: Bearer <AMITY_TOKEN>'")
    if not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise AuthError(403, "the token does not match AMITY_TOKEN")


async def _send_json(send, status: int, body: dict) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


class BodyLimit:
    """Answer 413 for a request body over ``max_body`` bytes (declared or streamed)."""

    def __init__(self, app, max_body: int = DEFAULT_MAX_BODY):
        self.app, self.max_body = app, max_body

    def _too_large(self) -> dict:
        return {"error": f"request body over the {self.max_body / 1e6:g} MB limit; send a smaller document",
                "kind": "RequestTooLarge"}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return await _send_json(send, 413, self._too_large())
        # Read the body up front (bounded), then replay it: no handler ever sees more than the limit.
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_body:
                return await _send_json(send, 413, self._too_large())
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)


class Timeout:
    """Answer 504 when the response has not started after ``timeout`` seconds."""

    def __init__(self, app, timeout: float = DEFAULT_TIMEOUT):
        self.app, self.timeout = app, timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watch(message):
            nonlocal started
            started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, watch), self.timeout)
        except asyncio.TimeoutError:
            if not started:
                await _send_json(send, 504, {"error": f"the request took longer than {self.timeout:g} s; "
                                             "narrow the years or states, or try again (results are cached)",
                                             "kind": "Timeout"})


class SecurityHeaders:
    """Add the CSP (unless the response sets its own) and the hardening headers to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def add(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                            if k.lower().encode() not in names]
                message = {**message, "headers": headers}
            await send(message)

        return await self.app(scope, receive, add)
