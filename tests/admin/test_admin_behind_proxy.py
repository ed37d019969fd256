"""The admin behind the TLS proxy: over HTTPS its CSRF check wants the request's Origin on a
configured host name (LINGONG_ALLOWED_HOSTS). Without the setting every login and write was
refused with 403 "Referer or origin is incorrect". And its sessions: 30 idle minutes, 12 hours
in all (they were 8 hours and a day)."""

from __future__ import annotations

import contextlib

import httpx
from piccolo.apps.user.tables import BaseUser

from settings import get_settings

PASSWORD = "Passw0rd!x"
HOST = "hr-admin.zj.example"


@contextlib.asynccontextmanager
async def https_admin(monkeypatch, hosts: str | None):
    """A client speaking HTTPS to an app built with LINGONG_ALLOWED_HOSTS = `hosts`."""
    from app import RequestIdMiddleware, create_app

    if hosts is None:
        monkeypatch.delenv("LINGONG_ALLOWED_HOSTS", raising=False)
    else:
        monkeypatch.setenv("LINGONG_ALLOWED_HOSTS", hosts)
    get_settings.cache_clear()
    try:
        app = RequestIdMiddleware(create_app(production=True))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"https://{HOST}") as client:
            yield client
    finally:
        monkeypatch.delenv("LINGONG_ALLOWED_HOSTS", raising=False)
        get_settings.cache_clear()


async def _login(client, origin: str) -> httpx.Response:
    await BaseUser.create_user(
        username="qian", password=PASSWORD, email="qian@example.com", admin=True, active=True
    )
    await client.get("/admin/")
    return await client.post(
        "/admin/public/login/",
        json={"username": "qian", "password": PASSWORD},
        headers={"X-CSRFToken": client.cookies["csrftoken"], "Origin": origin},
    )


async def test_staff_sign_in_over_https_at_a_configured_host(monkeypatch):
    async with https_admin(monkeypatch, f"{HOST}, other.zj.example") as client:
        response = await _login(client, f"https://{HOST}")

    assert response.status_code == 200, response.text


async def test_another_origin_is_still_refused(monkeypatch):
    async with https_admin(monkeypatch, HOST) as client:
        response = await _login(client, "https://evil.example")

    assert (response.status_code, response.text) == (403, "Referer or origin is incorrect")


async def test_without_the_setting_https_sign_in_is_refused(monkeypatch):
    # (the defect: what production saw behind its proxy before the setting existed)
    async with https_admin(monkeypatch, None) as client:
        response = await _login(client, f"https://{HOST}")

    assert (response.status_code, response.text) == (403, "Referer or origin is incorrect")


def test_the_setting_is_a_list_of_lower_case_host_names(monkeypatch):
    monkeypatch.setenv("LINGONG_ALLOWED_HOSTS", " HR-Admin.zj.example ,, b.example ")
    get_settings.cache_clear()
    try:
        assert get_settings().allowed_hosts == ("hr-admin.zj.example", "b.example")
    finally:
        monkeypatch.delenv("LINGONG_ALLOWED_HOSTS")
        get_settings.cache_clear()


async def test_admin_sessions_end_after_30_idle_minutes_and_12_hours_in_all(monkeypatch):
    from datetime import datetime, timedelta

    from piccolo_api.session_auth.tables import SessionsBase

    async with https_admin(monkeypatch, HOST) as client:
        before = datetime.now()
        response = await _login(client, f"https://{HOST}")
        session = await SessionsBase.objects().first()
        assert session is not None
        token = session.token
        # a request with 20 minutes left does not extend it; one with 10 minutes left does,
        # by 15 minutes (so never more than 30 minutes past the last request)
        await SessionsBase.update(
            {SessionsBase.expiry_date: datetime.now() + timedelta(minutes=20)}
        ).where(SessionsBase.token == token)
        await client.get("/admin/api/user/")
        left_20 = (await SessionsBase.objects().first()).expiry_date - datetime.now()
        await SessionsBase.update(
            {SessionsBase.expiry_date: datetime.now() + timedelta(minutes=10)}
        ).where(SessionsBase.token == token)
        await client.get("/admin/api/user/")
        left_10 = (await SessionsBase.objects().first()).expiry_date - datetime.now()

    assert response.status_code == 200
    assert timedelta(minutes=29) < session.expiry_date - before <= timedelta(minutes=30, seconds=5)
    assert (
        timedelta(hours=11, minutes=59)
        < session.max_expiry_date - before
        <= timedelta(hours=12, seconds=5)
    )
    assert timedelta(minutes=19) < left_20 <= timedelta(minutes=20)
    assert timedelta(minutes=24) < left_10 <= timedelta(minutes=25)
