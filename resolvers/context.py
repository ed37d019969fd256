"""The per-request context: who is calling, loaders, and a request id for logs."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from strawberry.extensions import SchemaExtension

from resolvers.loaders import Loaders
from services.auth.rules import Viewer, authenticate


@dataclass
class Context:
    viewer: Viewer | None
    request_id: str
    request: Any = None
    response: Any = None
    # A bearer token not looked up yet (build_context(lazy=True)); AuthenticateBeforeExecution
    # resolves it into `viewer` once the request has parsed and validated.
    pending_token: str | None = None
    # Made on first use: a request refused early, or answered by a text plan
    # (resolvers/compiled/texts.py), never builds the sixty DataLoaders.
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            self._loaders = Loaders()
        return self._loaders

    @loaders.setter
    def loaders(self, value: Loaders) -> None:
        self._loaders = value  # a subscription's fresh loaders per event


def bearer_token(headers: Any) -> str | None:
    value = headers.get("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def build_context(
    request: Any, response: Any = None, token: str | None = None, lazy: bool = False
) -> Context:
    """Resolve the viewer once; an unknown, expired or revoked token means anonymous.

    With `lazy`, the token is only kept: a request refused before execution (bad JSON, a body
    over the cap, a syntax or validation error) then costs no database round trip.
    """
    request_id = getattr(getattr(request, "state", None), "request_id", None) or uuid.uuid4().hex
    token = (
        token
        if token is not None
        else (bearer_token(request.headers) if request is not None else None)
    )
    if lazy:
        return Context(None, request_id, request, response, pending_token=token)
    viewer = await authenticate(token) if token else None
    return Context(viewer=viewer, request_id=request_id, request=request, response=response)


async def resolve_viewer(context: Any) -> None:
    """Look a lazily kept token up now (once); later calls find it done."""
    token = getattr(context, "pending_token", None)
    if token is not None:
        context.pending_token = None
        # One HTTP request's viewer (WebSocket connections authenticate in build_context).
        context.viewer = await authenticate(token, for_one_request=True)


class AuthenticateBeforeExecution(SchemaExtension):
    """Looks the lazily kept token up just before execution, after every cheaper refusal."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if self.execution_context.result is None:
            await resolve_viewer(context)
        yield
