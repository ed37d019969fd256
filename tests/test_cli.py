"""The `lingong` command, run as a subprocess against the test database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from piccolo.apps.user.tables import BaseUser

from tables import market as t
from tables.auth import ApiToken
from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import Region
from tests.fixtures.market import make_operator

ROOT = Path(__file__).resolve().parents[1]


def lingong(*args: str) -> subprocess.CompletedProcess:
    # The conftest set LINGONG_SQLITE_PATH / DATABASE_URL to the test database at import, so
    # the child process works on the same database as the test.
    return subprocess.run(
        [sys.executable, "-m", "tools.cli", *args],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=180,
    )


async def test_migrate_twice_is_idempotent():
    for _ in range(2):
        result = lingong("migrate")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "数据库已迁移；区划 102 条，工种 26 条\n"
        assert await Region.count() == 102
        assert await Occupation.count() == 26
    assert (
        await Region.count().where(Region.level.is_in(["district", "county_city", "county"])) == 90
    )


async def test_seed_demo_twice_creates_30_then_none():
    first = lingong("seed-demo", "--markets", "30")
    assert first.returncode == 0, first.stderr
    assert first.stdout == "演示数据：新建零工市场 30 个\n"
    assert await t.Market.count() == 30
    operators = await Operator.count()

    second = lingong("seed-demo", "--markets", "30")
    assert second.returncode == 0, second.stderr
    assert second.stdout == "演示数据：新建零工市场 0 个\n"
    assert await t.Market.count() == 30
    assert await Operator.count() == operators
    # Demo markets follow the same rules as everything else: one per county, named by it.
    rows = await t.Market.select(t.Market.name, t.Market.region.name, t.Market.station_type)
    assert all(r["name"].startswith(r["region.name"]) for r in rows)
    assert {r["station_type"] for r in rows} == {"MARKET"}


async def test_user_create_makes_an_active_admin_who_can_log_in(client):
    result = lingong("user-create", "--username", "zhangsan", "--password", "Qiantang-Tide-2026")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "工作人员账号：zhangsan\n"
    user = await BaseUser.select(
        BaseUser.username, BaseUser.active, BaseUser.admin, BaseUser.superuser
    ).where(BaseUser.username == "zhangsan")
    assert user == [{"username": "zhangsan", "active": True, "admin": True, "superuser": False}]

    await client.get("/admin/")
    csrf = {"X-CSRFToken": client.cookies["csrftoken"]}
    wrong = await client.post(
        "/admin/public/login/", json={"username": "zhangsan", "password": "nope12"}, headers=csrf
    )
    assert wrong.status_code == 401
    login = await client.post(
        "/admin/public/login/",
        json={"username": "zhangsan", "password": "Qiantang-Tide-2026"},
        headers=csrf,
    )
    assert login.status_code == 200
    assert login.json() == {"message": "logged in"}
    assert (await client.get("/admin/api/user/")).json()["username"] == "zhangsan"


async def test_user_create_without_password_prints_a_generated_one(client):
    result = lingong("user-create", "--username", "lisi", "--superuser")
    assert result.returncode == 0, result.stderr
    prefix = "工作人员账号：lisi  密码："
    assert result.stdout.startswith(prefix)
    password = result.stdout.removeprefix(prefix).strip()
    assert len(password) >= 12
    assert await BaseUser.login("lisi", password) is not None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("abcdef", "密码长度须为 12 到 128 个字符"),
        ("zhouba-Hangzhou-1", "密码不能包含用户名"),
    ],
)
async def test_user_create_with_a_weak_password_fails_cleanly(password, message):
    result = lingong("user-create", "--username", "zhouba", "--password", password)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"无法创建账号：{message}\n"
    assert await BaseUser.count().where(BaseUser.username == "zhouba") == 0


async def test_user_create_does_not_reset_to_a_weak_password():
    lingong("user-create", "--username", "zhaoliu", "--password", "first-Passw0rd")
    result = lingong("user-create", "--username", "zhaoliu", "--password", "aaaaaaaa")
    assert result.returncode == 1
    assert await BaseUser.login("zhaoliu", "first-Passw0rd") is not None


async def test_user_create_again_resets_the_password():
    lingong("user-create", "--username", "wangwu", "--password", "first-Passw0rd")
    result = lingong("user-create", "--username", "wangwu", "--password", "second-Passw0rd")
    assert result.returncode == 0, result.stderr
    assert await BaseUser.count().where(BaseUser.username == "wangwu") == 1
    assert await BaseUser.login("wangwu", "first-Passw0rd") is None
    assert await BaseUser.login("wangwu", "second-Passw0rd") is not None


async def test_token_create_prints_a_working_bearer_token(gql):
    operator = await make_operator()

    result = lingong("token-create", "--role", "OPERATOR", "--subject", str(operator))

    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert result.stdout == token + "\n"
    assert token.startswith("lg_")
    assert "只显示这一次" in result.stderr
    assert await gql("{ viewer { role } }", token=token) == {
        "data": {"viewer": {"role": "OPERATOR"}}
    }
    # Only the hash is stored.
    rows = await ApiToken.select(ApiToken.role, ApiToken.subject_id, ApiToken.prefix)
    assert rows == [{"role": "OPERATOR", "subject_id": operator, "prefix": token[:10]}]
    assert await ApiToken.count().where(ApiToken.token_hash == token) == 0


async def test_token_create_for_staff_by_username(gql):
    lingong("user-create", "--username", "zhaoliu", "--password", "Qiantang-Tide-2026")

    result = lingong("token-create", "--role", "STAFF", "--subject", "zhaoliu", "--days", "0")

    assert result.returncode == 0, result.stderr
    body = await gql("{ viewer { role tokenExpiresAt } }", token=result.stdout.strip())
    assert body == {"data": {"viewer": {"role": "STAFF", "tokenExpiresAt": None}}}


async def test_token_create_for_an_unknown_subject_fails_cleanly():
    for args in (
        ("--role", "OPERATOR", "--subject", "999999"),
        ("--role", "STAFF", "--subject", "nobody"),
    ):
        result = lingong("token-create", *args)
        assert result.returncode == 1, args
        assert result.stdout == ""
        assert result.stderr == "无法创建令牌：令牌主体不存在\n"
    assert await ApiToken.count() == 0


async def test_token_create_with_a_non_numeric_subject_fails_cleanly():
    result = lingong("token-create", "--role", "OPERATOR", "--subject", "abc")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "--subject 须为数字 id（STAFF 可用用户名）\n"
    assert await ApiToken.count() == 0


async def test_token_create_with_bad_days_fails_cleanly():
    operator = await make_operator()
    result = lingong(
        "token-create", "--role", "OPERATOR", "--subject", str(operator), "--days", "-1"
    )
    assert result.returncode == 1
    assert result.stderr == "无法创建令牌：有效天数须在 1 到 3650 之间\n"
    assert await ApiToken.count() == 0


async def test_unknown_role_is_a_usage_error():
    result = lingong("token-create", "--role", "ADMIN", "--subject", "1")
    assert result.returncode == 2
    assert "invalid choice: 'ADMIN'" in result.stderr
    assert await ApiToken.count() == 0


async def test_a_staff_token_stops_working_when_the_account_is_deactivated(gql):
    lingong("user-create", "--username", "sunqi", "--password", "Qiantang-Tide-2026")
    token = lingong("token-create", "--role", "STAFF", "--subject", "sunqi").stdout.strip()
    assert await gql("{ viewer { role } }", token=token) == {"data": {"viewer": {"role": "STAFF"}}}

    await BaseUser.update({BaseUser.active: False}).where(BaseUser.username == "sunqi")

    assert await gql("{ viewer { role } }", token=token) == {"data": {"viewer": None}}


def test_serve_runs_uvicorn_on_its_c_parser_and_loop():
    """`lingong serve` (and the benchmark's server) asks uvicorn for httptools and uvloop, the
    dependencies that halve what uvicorn itself costs a request; uvicorn given those options
    builds that parser and that loop (it fails if either is missing)."""
    import argparse

    import uvicorn
    import uvloop
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    from tools.cli import uvicorn_options

    # given what serve passes to uvicorn
    options = uvicorn_options(argparse.Namespace(host="127.0.0.1", port=8000, workers=1))

    # when uvicorn configures itself from it
    async def app(scope, receive, send):  # pragma: no cover - never called
        raise AssertionError

    config = uvicorn.Config(app, http=options["http"], loop=options["loop"])
    config.load()
    loop = config.get_loop_factory()()

    # then
    try:
        assert config.http_protocol_class is HttpToolsProtocol
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()
