"""The application as production serves it (LINGONG_PRODUCTION=1), for the security checks."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture(scope="session")
def production_app():
    from app import RequestIdMiddleware, create_app

    return RequestIdMiddleware(create_app(production=True))


@pytest.fixture
async def production_client(production_app):
    transport = httpx.ASGITransport(app=production_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
