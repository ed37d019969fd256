"""Admin sign-in: a per-account lock (any address), deactivated accounts answered like wrong
passwords, and the staff password policy on every admin path that sets a password."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
from piccolo.apps.user.tables import BaseUser

from services.auth.lockout import LOCK_DURATION, MAX_FAILURES
from services.timeutil import now
from tables.auth import StaffLoginLock
from tests.admin.conftest import PASSWORD, csrf, login, make_staff

_hosts = itertools.count(1)
WRONG = {"detail": "Login failed"}


def new_address(app) -> httpx.AsyncClient:
    """A client from an address of its own (the login rate limit is per address)."""
    n = next(_hosts)
    transport = httpx.ASGITransport(app=app, client=(f"172.20.{n // 250}.{n % 250 + 1}", 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def sign_in(app, username: str, password: str) -> httpx.Response:
    async with new_address(app) as client:
        headers = await csrf(client)
        return await client.post(
            "/admin/public/login/",
            json={"username": username, "password": password},
            headers=headers,
        )


async def test_wrong_passwords_from_many_addresses_lock_the_account(app):
    # given: a staff member, and someone guessing from a new address each time
    await make_staff("zhao")
    await make_staff("qian")
    wrong = [await sign_in(app, "zhao", f"guess-{i}") for i in range(MAX_FAILURES)]

    # when: the right password, from yet another address
    locked = await sign_in(app, "zhao", PASSWORD)

    # then: refused exactly like a wrong password; other accounts are not affected
    assert [(r.status_code, r.json()) for r in wrong] == [(401, WRONG)] * MAX_FAILURES
    assert (locked.status_code, locked.json()) == (401, WRONG)
    assert (await sign_in(app, "qian", PASSWORD)).status_code == 200
    # and: once the lock has run out, the right password works and the count starts again
    row = await StaffLoginLock.select(StaffLoginLock.locked_until).first()
    assert now() + LOCK_DURATION - timedelta(minutes=1) < row["locked_until"]
    await StaffLoginLock.update({StaffLoginLock.locked_until: now() - timedelta(seconds=1)}).where(
        StaffLoginLock.id > 0
    )
    assert (await sign_in(app, "zhao", PASSWORD)).status_code == 200
    assert await StaffLoginLock.select(
        StaffLoginLock.failed_logins, StaffLoginLock.locked_until
    ).where(StaffLoginLock.user.username == "zhao") == [{"failed_logins": 0, "locked_until": None}]


async def test_fewer_failures_than_the_limit_do_not_lock(app):
    await make_staff("sun")
    for i in range(MAX_FAILURES - 1):
        assert (await sign_in(app, "sun", f"guess-{i}")).status_code == 401

    assert (await sign_in(app, "sun", PASSWORD)).status_code == 200


async def test_a_deactivated_or_non_admin_user_gets_the_wrong_password_answer(app):
    # given
    await make_staff("li", active=False)
    await make_staff("zhou", admin=False)
    await make_staff("wu")

    # when
    answers = [
        await sign_in(app, "li", PASSWORD),
        await sign_in(app, "zhou", PASSWORD),
        await sign_in(app, "wu", "not-the-password"),
        await sign_in(app, "nobody", PASSWORD),
    ]

    # then: all four alike, and no session cookie for any of them
    assert [(r.status_code, r.json()) for r in answers] == [(401, WRONG)] * 4
    assert all("id" not in r.cookies for r in answers)


async def test_the_login_page_says_the_same_for_a_deactivated_user(app):
    await make_staff("zheng", active=False)
    async with new_address(app) as client:
        headers = await csrf(client)
        forms = [
            await client.post(
                "/admin/public/login/",
                data={"username": "zheng", "password": password, "format": "html"},
                headers=headers,
            )
            for password in (PASSWORD, "not-the-password")
        ]

    assert forms[0].status_code == forms[1].status_code
    assert forms[0].text == forms[1].text


async def test_weak_passwords_are_refused_in_the_users_table(client):
    # given: a superuser in the admin, and a colleague's account
    await make_staff("root", superuser=True)
    headers = await login(client, "root")
    colleague = await make_staff("chen.jing")
    defaults = (await client.get("/admin/api/tables/piccolo_user/new/")).json()
    defaults.pop("id", None)
    before = await BaseUser.select().order_by(BaseUser.id)

    # when
    created = [
        await client.post(
            "/admin/api/tables/piccolo_user/",
            json={**defaults, "username": "wang.li", "password": password, "email": "w@x.cn"},
            headers=headers,
        )
        for password in ("aaaaaaaa", "aaaaaaaaaaaa", "wang.li-Office-1")
    ]
    patched = [
        await client.patch(
            f"/admin/api/tables/piccolo_user/{colleague}/",
            json={"password": password},
            headers=headers,
        )
        for password in ("aaaaaaaa", "Chen.Jing-2026-x")
    ]

    # then
    assert [(r.status_code, r.text) for r in created] == [
        (400, "Error: 密码长度须为 12 到 128 个字符"),
        (400, "Error: 密码须包含至少两类字符（小写字母、大写字母、数字、符号）"),
        (400, "Error: 密码不能包含用户名"),
    ]
    assert [(r.status_code, r.json()) for r in patched] == [
        (422, {"detail": "密码长度须为 12 到 128 个字符"}),
        (422, {"detail": "密码不能包含用户名"}),
    ]
    assert await BaseUser.select().order_by(BaseUser.id) == before


async def test_a_sound_password_is_accepted_in_the_users_table(client, app):
    await make_staff("root", superuser=True)
    headers = await login(client, "root")
    colleague = await make_staff("chen.jing")

    patched = await client.patch(
        f"/admin/api/tables/piccolo_user/{colleague}/",
        json={"password": "Qiantang-Tide-2026"},
        headers=headers,
    )

    assert patched.status_code == 200, patched.text
    assert (await sign_in(app, "chen.jing", "Qiantang-Tide-2026")).status_code == 200


async def test_change_password_refuses_a_weak_one(client, app):
    # given
    await make_staff("feng")
    headers = await login(client, "feng")
    before = await BaseUser.select(BaseUser.password).where(BaseUser.username == "feng")

    # when
    attempts = [
        await client.post(
            "/admin/api/change-password/",
            json={
                "current_password": PASSWORD,
                "new_password": password,
                "confirm_new_password": password,
            },
            headers=headers,
        )
        for password in ("aaaaaaaa", "abcdef", "feng-Hangzhou-2026")
    ]

    # then: refused in Chinese, the old password unchanged
    assert [(r.status_code, r.json()) for r in attempts] == [
        (422, {"detail": "密码长度须为 12 到 128 个字符"}),
        (422, {"detail": "密码长度须为 12 到 128 个字符"}),
        (422, {"detail": "密码不能包含用户名"}),
    ]
    assert await BaseUser.select(BaseUser.password).where(BaseUser.username == "feng") == before
    assert (await sign_in(app, "feng", PASSWORD)).status_code == 200


async def test_a_superuser_clears_a_staff_lock_in_the_admin(client, app):
    # given: a locked staff account, a superuser and an ordinary staff member signed in
    await make_staff("han")
    for i in range(MAX_FAILURES):
        await sign_in(app, "han", f"guess-{i}")
    assert (await sign_in(app, "han", PASSWORD)).status_code == 401
    lock = await StaffLoginLock.select(StaffLoginLock.id).first()
    await make_staff("root", superuser=True)
    await make_staff("ordinary")
    async with new_address(app) as other:
        ordinary = await login(other, "ordinary")
        refused = await other.patch(
            f"/admin/api/tables/staff_login_lock/{lock['id']}/",
            json={"locked_until": None},
            headers=ordinary,
        )
    headers = await login(client, "root")

    # when
    cleared = await client.patch(
        f"/admin/api/tables/staff_login_lock/{lock['id']}/",
        json={"locked_until": None},
        headers=headers,
    )

    # then: only the superuser could, and the right password works again
    assert refused.status_code >= 400
    assert cleared.status_code == 200, cleared.text
    assert (await sign_in(app, "han", PASSWORD)).status_code == 200
