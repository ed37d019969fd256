"""Signing staff in to the admin over HTTP (CSRF double-submit cookie) and posting forms."""

from __future__ import annotations

import httpx
from piccolo.apps.user.tables import BaseUser

PASSWORD = "Passw0rd!x"
USE_FORMS = "该表由考核流程自动维护，只读；请使用“考核与绩效奖励”中的表单办理"


async def signed_in(browser, username: str) -> tuple[httpx.AsyncClient, dict, int]:
    """A staff member logged in through /admin/ with the CSRF double-submit cookie."""
    user = await BaseUser.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.invalid",
        admin=True,
        active=True,
    )
    client = browser()
    await client.get("/admin/")
    headers = {"X-CSRFToken": client.cookies["csrftoken"]}
    response = await client.post(
        "/admin/public/login/", json={"username": username, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 200, response.text
    return client, headers, user.id


async def form(client, headers, slug: str, data: dict) -> tuple[int, dict]:
    response = await client.post(f"/admin/api/forms/{slug}/", json=data, headers=headers)
    return response.status_code, response.json()
