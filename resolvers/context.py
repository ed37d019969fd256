"""The per-request context: who is calling, loaders, and a request id for logs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from resolvers.loaders import Loaders
from services.auth.rules import Viewer, authenticate


@dataclass
class Context:
    viewer: Viewer | None
    request_id: str
    request: Any = None
    response: Any = None
    loaders: Loaders = field(default_factory=Loaders)


def bearer_token(headers: Any) -> str | None:
    value = headers.get("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def build_context(request: Any, response: Any = None, token: str | None = None) -> Context:
    """Resolve the viewer once; an unknown, expired or revoked token means anonymous."""
    request_id = getattr(getattr(request, "state", None), "request_id", None) or uuid.uuid4().hex
    token = (
        token
        if token is not None
        else (bearer_token(request.headers) if request is not None else None)
    )
    viewer = await authenticate(token) if token else None
    return Context(viewer=viewer, request_id=request_id, request=request, response=response)
