"""Signing staff in to the admin and submitting its forms over HTTP (CSRF included)."""

from __future__ import annotations

import itertools

from piccolo.apps.user.tables import BaseUser

PASSWORD = "Passw0rd!"
_users = itertools.count(1)


async def staff_session(client, superuser: bool = False) -> dict[str, str]:
    """A new admin user signed in on `client`; returns the CSRF header for unsafe requests."""
    username = f"reviewer-{next(_users)}"
    await BaseUser.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.com",
        admin=True,
        active=True,
        superuser=superuser,
    )
    if "csrftoken" not in client.cookies:
        await client.get("/admin/")
    headers = {"X-CSRFToken": client.cookies["csrftoken"]}
    response = await client.post(
        "/admin/public/login/", json={"username": username, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 200, response.text
    return headers


def slug(name: str) -> str:
    return name.replace(" ", "-").lower()


async def admin_form(client, headers: dict[str, str], name: str, data: dict):
    return await client.post(f"/admin/api/forms/{slug(name)}/", json=data, headers=headers)
