"""What every response and request goes through: security headers (a CSP that allows no
inline script), a request body limit and a per-client rate limit.

Plain ASGI middleware, so they also cover static files and errors raised before routing.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import Err, WirewatchError

Headers = list[tuple[bytes, bytes]]


def csp(tile_url: str = "") -> str:
    """The page's Content-Security-Policy: its own scripts and data only (plus the tile
    server's images when online tiles are configured)."""
    img = "'self' data: blob:"
    if tile_url:
        scheme, _, rest = tile_url.partition("://")
        host = rest.split("/", 1)[0].replace("{s}", "*")
        img += f" {scheme}://{host}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # Leaflet and Swagger UI set element styles from script; no inline <style>.
            "style-src 'self' 'unsafe-inline'",
            f"img-src {img}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers: Headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in have]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _refuse(send: Send, status: int, err: WirewatchError, headers: Headers = ()) -> None:
    body = json.dumps({"error": err.as_dict()}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse bodies over `limit` bytes: at once from Content-Length, and a body sent
    without one (chunked) is read up to the limit before the app sees any of it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit
        self.refusal = WirewatchError(Err.A008, limit=limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        err = self.refusal
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.limit:
                await _refuse(send, 413, err)
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > self.limit:
                await _refuse(send, 413, err)
                return
            if not message.get("more_body"):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


class RateLimit:
    """A token bucket per client address: `per_minute` requests a minute, in bursts of up
    to as many. Buckets of quiet clients are forgotten (at most `clients` are kept)."""

    def __init__(self, app: ASGIApp, per_minute: int, clients: int = 10_000) -> None:
        self.app, self.rate, self.burst = app, per_minute / 60.0, float(per_minute)
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self.clients = clients
        self.lock = threading.Lock()

    def _take(self, client: str) -> float:
        """0 if the request may go, else the seconds until it could."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self.buckets[client] = (tokens - 1 if not wait else tokens, now)
            while len(self.buckets) > self.clients:
                self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.rate <= 0:
            await self.app(scope, receive, send)
            return
        client: Any = scope.get("client") or ("?", 0)
        wait = self._take(str(client[0]))
        if wait:
            retry = math.ceil(wait)
            err = WirewatchError(Err.A009, client=client[0], limit=int(self.burst), retry=retry)
            await _refuse(send, 429, err, [(b"retry-after", str(retry).encode())])
            return
        await self.app(scope, receive, send)
