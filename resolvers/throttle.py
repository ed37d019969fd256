"""Rate limits, the failed-lookup budget and the refusals made before a request reaches GraphQL."""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    get_named_type,
)
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from strawberry.extensions import SchemaExtension

from resolvers.context import bearer_token
from settings import Settings

# Paths a client can hammer: the API and the public CSV. Health probes (load balancers poll them
# from one address) and the admin (its login has its own limiter; pages load many assets) are not
# counted here.
LIMITED_PREFIXES = ("/graphql", "/exports/")
RATE_LIMITED = "RATE_LIMITED"


class InlineExpiryStorage(MemoryStorage):
    """`limits`' in-memory storage, its expired windows dropped inline at most once a second.

    The library drops them from a `threading.Timer` that every hit starts again once the last
    one has run (10 ms): under load that was a new thread per request, and the request waited
    for it to start (a profile of the market directory over HTTP: 7 % of the server's time in
    the limiter, most of it `Thread.start`). Same counts and windows; the sweep only frees
    memory (now also the keys of ended windows, which the library keeps), and it runs on the
    event loop's thread between hits, like every other use of the limiter."""

    EXPIRE_EVERY_SECONDS = 1.0

    def __init__(self) -> None:
        super().__init__()
        self.swept_at = time.time()

    def _MemoryStorage__schedule_expiry(self) -> None:  # the library's private hook
        if time.time() - self.swept_at >= self.EXPIRE_EVERY_SECONDS:
            self.swept_at = time.time()
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]
            # The library empties an ended window but keeps its key: one per address ever seen.
            for key in [key for key, events in self.events.items() if not events]:
                del self.events[key]


@dataclass
class Limits:
    """The limits of one app, kept in this process's memory (moving windows, `limits` library).

    Each worker process counts on its own: with N workers a client gets up to N times each
    limit. A multi-worker or multi-host deployment must share the counts (the `limits` Redis
    storage, or limits at the proxy) to hold the stated values.
    """

    token: RateLimitItem
    anonymous: RateLimitItem
    address: RateLimitItem
    failed_lookups: RateLimitItem
    max_body_bytes: int
    limiter: MovingWindowRateLimiter = field(
        default_factory=lambda: MovingWindowRateLimiter(InlineExpiryStorage())
    )
    # Failed-lookup budget reserved by operations still running, per key: a burst of concurrent
    # requests cannot all pass the check before the first of them has been charged.
    reserved: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            token=parse(settings.rate_limit_token),
            anonymous=parse(settings.rate_limit_anonymous),
            address=parse(settings.rate_limit_address),
            failed_lookups=parse(settings.failed_lookup_budget),
            max_body_bytes=settings.max_body_bytes,
        )

    def retry_after(self, item: RateLimitItem, key: str) -> int:
        reset = self.limiter.get_window_stats(item, key).reset_time
        # Whole seconds, rounded past the window's end (the window still counts at its edge).
        return max(1, math.floor(reset - time.time()) + 1)

    def hit(self, item: RateLimitItem, key: str) -> int | None:
        """Count one request; None if allowed, else the seconds to wait."""
        return None if self.limiter.hit(item, key) else self.retry_after(item, key)

    def lookups_left(self, key: str) -> int:
        stats = self.limiter.get_window_stats(self.failed_lookups, key)
        return stats.remaining - self.reserved[key]

    def charge_failed_lookups(self, key: str, count: int) -> None:
        for _ in range(count):
            if not self.limiter.hit(self.failed_lookups, key):
                break


def token_key(token: str) -> str:
    # Keys hold a digest, never the token itself.
    return "token:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def address_key(scope: dict) -> str:
    # scope["client"] is the peer, or the forwarded client when uvicorn trusts the proxy
    # (--forwarded-allow-ips); X-Forwarded-For is never read here.
    client = scope.get("client")
    return "address:" + (client[0] if client else "unknown")


def lookup_key(scope: dict) -> tuple[str, str]:
    """(key failed lookups are charged to, the address key): the token when one is presented."""
    address = address_key(scope)
    token = bearer_token(_Headers(scope))
    return (token_key(token) if token else address), address


def refusal(status: int, message: str, code: str, retry_after: int | None = None):
    """A GraphQL-shaped error body as a complete ASGI response (start, body)."""
    extensions: dict[str, Any] = {"code": code}
    if retry_after is not None:
        extensions["retryAfter"] = retry_after
    body = json.dumps(
        {"errors": [{"message": message, "extensions": extensions}]}, ensure_ascii=False
    ).encode()
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    return (
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": body},
    )


def too_many(retry_after: int) -> tuple[dict, dict]:
    return refusal(429, f"请求过于频繁，请 {retry_after} 秒后重试", RATE_LIMITED, retry_after)


class _Headers:
    """Just enough of a headers mapping for bearer_token(), without building a Request."""

    def __init__(self, scope: dict) -> None:
        self.scope = scope

    def get(self, name: str) -> str | None:
        wanted = name.encode()
        for key, value in self.scope.get("headers", ()):
            if key.lower() == wanted:
                return value.decode("latin-1")
        return None


class EarlyRejections:
    """Refuses what can be refused from the request line and headers, before routing, body
    parsing, authentication or GraphQL: a declared body over the cap (413), a client over its
    rate limit or with its failed-lookup budget spent (429 with Retry-After). A rejection costs
    a few dictionary operations instead of a database round trip and a parse."""

    def __init__(
        self, app: Any, limits: Limits, prefixes: tuple[str, ...] = LIMITED_PREFIXES
    ) -> None:
        self.app = app
        self.limits = limits
        self.prefixes = prefixes  # the benchmark's hand-written endpoints are limited alike

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or not scope["path"].startswith(
            self.prefixes
        ):
            return await self.app(scope, receive, send)
        scope.setdefault("state", {})["limits"] = self.limits
        refused = self.refuse(scope)
        if refused is None:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            # Before the handshake is accepted, a close answers the upgrade with 403.
            await send({"type": "websocket.close", "code": 1008})
            return None
        start, body = refused
        await send(start)
        await send(body)
        return None

    def refuse(self, scope: dict) -> tuple[dict, dict] | None:
        limits = self.limits
        headers = _Headers(scope)
        if scope["type"] == "http" and scope["path"] == "/graphql":
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > limits.max_body_bytes:
                return refusal(
                    413, f"请求体超过 {limits.max_body_bytes} 字节的上限", "PAYLOAD_TOO_LARGE"
                )
        charged, address = lookup_key(scope)
        if limits.lookups_left(charged) <= 0:
            return too_many(limits.retry_after(limits.failed_lookups, charged))
        token = bearer_token(headers)
        checks = [(limits.address, address)]
        checks.append((limits.token, charged) if token else (limits.anonymous, address))
        for item, key in checks:
            wait = limits.hit(item, key)
            if wait is not None:
                return too_many(wait)
        return None


def lookup_fields(schema: GraphQLSchema, operation: OperationDefinitionNode) -> list[str]:
    """Response keys of the root fields that look an object up by id (an ID argument)."""
    root = schema.query_type
    keys = []
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode) or root is None:
            continue
        field = root.fields.get(selection.name.value)
        if field is None:
            continue
        if any(get_named_type(arg.type).name == "ID" for arg in field.args.values()):
            keys.append((selection.alias or selection.name).value)
    return keys


class FailedLookupBudget(SchemaExtension):
    """A budget of failed lookups per bearer token (per address for anonymous callers): a root
    query field taking an id that answers null (unknown, someone else's, not reachable) spends
    one, and so does presenting an unknown, expired or revoked token. An operation that could
    overspend what is left is refused whole before it runs (429, RATE_LIMITED, Retry-After),
    so enumerating ids, even 30 aliases at a time from concurrent requests, stops at the
    budget; later requests are refused by EarlyRejections until the window moves on."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        scope = getattr(getattr(context, "request", None), "scope", None) or {}
        limits: Limits | None = scope.get("state", {}).get("limits")
        if limits is None or execution.result is not None:
            yield
            return
        charged, address = lookup_key(scope)
        if context.viewer is None and charged != address:
            # A token that is not (or no longer) valid: an app polling with an expired token
            # runs out of budget on its own; a flood of random tokens meets the address limit.
            limits.charge_failed_lookups(charged, 1)
        operation = _operation(execution.graphql_document, execution._provided_operation_name)
        keys: list[str] = []
        if operation is not None and operation.operation.value == "query":
            keys = lookup_fields(execution.schema._schema, operation)
        if not keys:
            yield
            return
        if limits.lookups_left(charged) < len(keys):
            left = limits.limiter.get_window_stats(limits.failed_lookups, charged).remaining
            # Held back only by operations still running: those finish within seconds.
            wait = 1 if left >= len(keys) else limits.retry_after(limits.failed_lookups, charged)
            error = GraphQLError(
                f"查找不存在或无权查看的对象次数过多，请 {wait} 秒后重试",
                extensions={"code": RATE_LIMITED, "retryAfter": wait},
            )
            execution.result = ExecutionResult(data=None, errors=[error])
            response = getattr(context, "response", None)
            if response is not None:
                response.status_code = 429
                response.headers["retry-after"] = str(wait)
            yield
            return
        limits.reserved[charged] += len(keys)
        try:
            yield
        finally:
            limits.reserved[charged] -= len(keys)
            if not limits.reserved[charged]:
                del limits.reserved[charged]
        data = getattr(execution.result, "data", None) or {}
        limits.charge_failed_lookups(charged, len([k for k in keys if data.get(k) is None]))


def _operation(document: Any, name: str | None) -> OperationDefinitionNode | None:
    if document is None:
        return None
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            name is None or (definition.name is not None and definition.name.value == name)
        ):
            return definition
    return None
