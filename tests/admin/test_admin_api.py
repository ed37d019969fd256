"""The staff back office through its HTTP API: login, CSRF, zh-CN, guarded market/operator edits."""

from __future__ import annotations

import httpx
import pytest
from piccolo.apps.user.tables import BaseUser

from services.identifiers import uscc_check_char
from tables import market as t
from tables.operator import Operator
from tests.admin.conftest import PASSWORD, csrf, make_staff
from tests.fixtures.market import make_market, make_operator, region_id


async def new_market_values(client, **values) -> dict:
    # The admin inserts NULL for omitted fields, so start from the defaults like the UI does.
    defaults = (await client.get("/admin/api/tables/market/new/")).json()
    defaults.pop("id")
    return {
        **defaults,
        "name": "上城区望江综合零工市场",
        "region": await region_id("330102"),
        "address": "杭州市上城区望江路1号",
        "latitude": 30.25,
        "longitude": 120.17,
        **values,
    }


async def market_names() -> list[str]:
    return [r["name"] for r in await t.Market.select(t.Market.name).order_by(t.Market.id)]


# --- session, CSRF, login ----------------------------------------------------------------


async def test_admin_page_sets_the_csrf_cookie(client):
    response = await client.get("/admin/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("csrftoken=")
    assert "Path=/" in cookie
    assert "SameSite=lax" in cookie
    assert len(client.cookies["csrftoken"]) == 36


async def test_active_admin_can_log_in(client):
    await make_staff()
    headers = await csrf(client)

    response = await client.post(
        "/admin/public/login/", json={"username": "staff", "password": PASSWORD}, headers=headers
    )

    assert response.status_code == 200
    assert response.json() == {"message": "logged in"}
    session_cookie = response.headers["set-cookie"]
    assert session_cookie.startswith("id=")
    assert "HttpOnly" in session_cookie
    user_id = (await BaseUser.select(BaseUser.id).where(BaseUser.username == "staff").first())["id"]
    assert (await client.get("/admin/api/user/")).json() == {
        "username": "staff",
        "user_id": str(user_id),
    }


async def test_wrong_password_is_401_and_no_session(client):
    await make_staff()
    headers = await csrf(client)

    response = await client.post(
        "/admin/public/login/",
        json={"username": "staff", "password": "wrong-password"},
        headers=headers,
    )

    assert response.status_code == 401
    assert response.json() == {"detail": "Login failed"}
    assert "id" not in client.cookies
    assert (await client.get("/admin/api/tables/")).status_code == 401


@pytest.mark.parametrize("flags", [{"active": False}, {"admin": False}])
async def test_inactive_or_non_admin_users_get_no_access(client, flags):
    await make_staff(**flags)
    headers = await csrf(client)
    await client.post(
        "/admin/public/login/", json={"username": "staff", "password": PASSWORD}, headers=headers
    )

    response = await client.get("/admin/api/tables/")

    assert response.status_code == 401
    assert response.json() == {"error": "Auth failed"}


async def test_login_without_the_csrf_header_is_refused(client):
    await make_staff()
    await client.get("/admin/")

    response = await client.post(
        "/admin/public/login/", json={"username": "staff", "password": PASSWORD}
    )

    assert response.status_code == 403
    assert "id" not in client.cookies


async def test_unsafe_api_calls_need_the_csrf_header(client, staff):
    before = await market_names()
    values = await new_market_values(client)

    response = await client.post("/admin/api/tables/market/", json=values)

    assert response.status_code == 403
    assert await market_names() == before


async def test_anonymous_api_access_is_refused(client):
    assert (await client.get("/admin/api/tables/")).status_code == 401
    assert (await client.get("/admin/api/tables/market/")).status_code == 401


async def test_login_attempts_are_rate_limited(client):
    await make_staff()
    headers = await csrf(client)
    statuses = []
    for _ in range(21):
        response = await client.post(
            "/admin/public/login/",
            json={"username": "staff", "password": "guess-123"},
            headers=headers,
        )
        statuses.append(response.status_code)
    assert statuses == [401] * 20 + [429]


# --- site: tables, meta, language --------------------------------------------------------


async def test_tables_are_listed(client, staff):
    response = await client.get("/admin/api/tables/")
    assert response.status_code == 200
    tables = response.json()
    assert {
        "market",
        "market_opening_period",
        "market_occupation",
        "operator",
        "demonstration_certificate",
        "region",
        "occupation",
        "piccolo_user",
    } <= set(tables)
    # Secrets stay out of the back office: hashed API tokens and login sessions.
    assert "api_token" not in tables
    assert "sessions" not in tables

    grouped = (await client.get("/admin/api/tables/grouped/")).json()["grouped"]
    assert {"market", "operator"} <= set(grouped["名录库"])
    assert {"region", "occupation"} <= set(grouped["基础数据"])
    assert grouped["系统"] == ["piccolo_user", "staff_login_lock", "staff_scope"]


async def test_meta_has_the_chinese_site_name(client):
    response = await client.get("/admin/public/meta/")
    assert response.status_code == 200
    assert response.json()["site_name"] == "浙江零工市场管理后台"
    assert set(response.json()) == {"piccolo_admin_version", "site_name"}


async def test_translations_default_to_simplified_chinese(client):
    listing = (await client.get("/admin/public/translations/")).json()
    assert listing["default_language_code"] == "zh-CN"
    # Our own zh-CN (admin/extension/translation.py) replaces the shipped one, named in Chinese.
    assert {"language_name": "简体中文", "language_code": "zh-CN"} in listing["translations"]

    chinese = (await client.get("/admin/public/translations/zh-CN/")).json()
    assert chinese["language_code"] == "zh-CN"
    assert chinese["translations"]["Login"] == "登录"
    assert chinese["translations"]["Log Out"] == "退出登录"
    # the shipped "正在显示 15 于 120 结果" wording is corrected
    assert chinese["translations"]["of"] == "共"
    assert chinese["translations"]["result(s)"] == "条"


async def test_choice_labels_in_the_schema_are_chinese(client, staff):
    schema = (await client.get("/admin/api/tables/market/schema/")).json()
    properties = schema["properties"]

    assert properties["kind"]["extra"]["choices"] == {
        "COMPREHENSIVE": {"display_name": "综合", "value": "COMPREHENSIVE"},
        "INDUSTRY": {"display_name": "行业性", "value": "INDUSTRY"},
    }
    assert properties["station_type"]["extra"]["choices"] == {
        "MARKET": {"display_name": "零工市场", "value": "MARKET"},
        "RURAL_STATION": {"display_name": "零工驿站", "value": "RURAL_STATION"},
        "GIG_SUPERMARKET": {"display_name": "零工超市", "value": "GIG_SUPERMARKET"},
    }
    assert {k: v["display_name"] for k, v in properties["status"]["extra"]["choices"].items()} == {
        "ACTIVE": "运行中",
        "SUSPENDED": "暂停",
        "CLOSED": "已关闭",
    }
    assert (
        properties["name"]["extra"]["help_text"] == "市或县（市、区）+位置+（综合/行业性）零工市场"
    )


# --- market guards -----------------------------------------------------------------------


async def test_creating_a_market_with_a_bad_name_is_422_and_creates_nothing(client, staff):
    values = await new_market_values(client, name="西湖区望江综合零工市场")

    response = await client.post("/admin/api/tables/market/", json=values, headers=staff)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "名称须以所在市或县（市、区）名称开头，例如“杭州市”或“上城区”"
    }
    assert await t.Market.count() == 0


async def test_every_problem_is_in_the_422_message(client, staff):
    values = await new_market_values(
        client, name="上城区零工市场", latitude=39.9, contact_phone="12345"
    )

    response = await client.post("/admin/api/tables/market/", json=values, headers=staff)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "名称须在区划名称与后缀之间写明具体位置；纬度不在浙江省范围内；"
        "联系电话应为手机号或带区号的固定电话"
    }
    assert await t.Market.count() == 0


async def test_creating_a_good_market_is_201(client, staff):
    operator = await make_operator("杭州快聘人力资源有限公司")
    values = await new_market_values(
        client, name="  上城区望江综合零工市场 ", operator=operator, function_areas=["JOB_MATCHING"]
    )

    response = await client.post("/admin/api/tables/market/", json=values, headers=staff)

    assert response.status_code == 201, response.text
    [created] = response.json()
    row = (
        await t.Market.select(
            t.Market.name,
            t.Market.region.code,
            t.Market.operator,
            t.Market.function_areas,
            t.Market.status,
        )
        .where(t.Market.id == created["id"])
        .first()
    )
    assert row == {
        "name": "上城区望江综合零工市场",  # stored trimmed, as the duplicate check compares it
        "region.code": "330102",
        "operator": operator,
        "function_areas": ["JOB_MATCHING"],
        "status": "ACTIVE",
    }


@pytest.mark.parametrize(
    ("values", "detail"),
    [
        ({"kind": "MEGA"}, "“类型”的取值无效"),
        ({"status": "OPEN"}, "“状态”的取值无效"),
        ({"function_areas": ["JOB_MATCHING", "CASINO"]}, "“功能区域”的取值无效"),
        ({"facilities": ["POOL"]}, "“配套设施”的取值无效"),
    ],
)
async def test_unknown_choice_values_are_rejected(client, staff, values, detail):
    response = await client.post(
        "/admin/api/tables/market/", json=await new_market_values(client, **values), headers=staff
    )

    assert response.status_code == 422
    assert response.json() == {"detail": detail}
    assert await t.Market.count() == 0


async def test_a_station_needs_a_market_parent(client, staff):
    parent = await make_market(name="上城区望江综合零工市场")
    station = await new_market_values(
        client, name="上城区望江一号零工驿站", station_type="RURAL_STATION"
    )

    orphan = await client.post("/admin/api/tables/market/", json=station, headers=staff)
    assert orphan.status_code == 422
    assert orphan.json() == {"detail": "零工驿站、零工超市须隶属于一个零工市场"}
    assert await t.Market.count() == 1

    attached = await client.post(
        "/admin/api/tables/market/", json={**station, "parent_market": parent}, headers=staff
    )
    assert attached.status_code == 201, attached.text
    readable = (await client.get("/admin/api/tables/market/?__readable=true&__order=id")).json()
    assert [(r["name"], r["parent_market_readable"]) for r in readable["rows"]] == [
        ("上城区望江综合零工市场", ""),
        ("上城区望江一号零工驿站", "上城区望江综合零工市场"),
    ]


async def test_renaming_to_a_bad_name_is_422_and_the_name_is_unchanged(client, staff):
    market = await make_market(name="上城区望江综合零工市场")

    response = await client.patch(
        f"/admin/api/tables/market/{market}/", json={"name": "上城区零工市场"}, headers=staff
    )

    assert response.status_code == 422
    assert response.json() == {"detail": "名称须在区划名称与后缀之间写明具体位置"}
    assert await market_names() == ["上城区望江综合零工市场"]


async def test_renaming_to_a_taken_name_is_422(client, staff):
    await make_market(name="上城区清波综合零工市场")
    market = await make_market(name="上城区望江综合零工市场")

    response = await client.patch(
        f"/admin/api/tables/market/{market}/",
        json={"name": "上城区清波综合零工市场 "},
        headers=staff,
    )

    assert response.status_code == 422
    assert response.json() == {"detail": "已有同名零工市场"}
    assert await market_names() == ["上城区清波综合零工市场", "上城区望江综合零工市场"]


async def test_patching_other_columns_checks_the_whole_row(client, staff):
    market = await make_market(name="上城区望江综合零工市场")

    moved = await client.patch(
        f"/admin/api/tables/market/{market}/",
        json={"region": await region_id("330106")},
        headers=staff,
    )
    assert moved.status_code == 422
    assert moved.json() == {
        "detail": "名称须以所在市或县（市、区）名称开头，例如“杭州市”或“西湖区”"
    }

    renamed = await client.patch(
        f"/admin/api/tables/market/{market}/",
        json={"name": "上城区清波综合零工市场", "status": "SUSPENDED"},
        headers=staff,
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "上城区清波综合零工市场"
    assert await t.Market.select(t.Market.region.code, t.Market.status).where(
        t.Market.id == market
    ) == [{"region.code": "330102", "status": "SUSPENDED"}]


async def test_put_is_refused_because_it_skips_the_guards(client, staff):
    market = await make_market(name="上城区望江综合零工市场")
    values = await new_market_values(client, name="坏名字")

    response = await client.put(f"/admin/api/tables/market/{market}/", json=values, headers=staff)

    assert response.status_code == 405
    assert response.json() == {"detail": "不支持 PUT，请使用 PATCH 修改记录"}
    assert await market_names() == ["上城区望江综合零工市场"]


async def test_foreign_keys_are_readable(client, staff):
    operator = await make_operator("杭州快聘人力资源有限公司")
    market = await make_market(name="上城区望江综合零工市场", operator_id=operator)

    rows = (await client.get("/admin/api/tables/market/?__readable=true")).json()["rows"]
    assert [(r["id"], r["region_readable"], r["operator_readable"]) for r in rows] == [
        (market, "330102 上城区", "杭州快聘人力资源有限公司")
    ]
    single = (await client.get(f"/admin/api/tables/market/{market}/?__readable=true")).json()
    assert single["region_readable"] == "330102 上城区"
    ids = (await client.get("/admin/api/tables/region/ids/?search=上城")).json()
    assert ids == {str(await region_id("330102")): "330102 上城区"}


# --- operator and opening-period guards ---------------------------------------------------


def uscc(n: int) -> str:
    body = f"91330100{n:09d}"
    return body + uscc_check_char(body)


async def new_operator_values(client, **values) -> dict:
    defaults = (await client.get("/admin/api/tables/operator/new/")).json()
    defaults.pop("id")
    return {**defaults, "name": "杭州快聘人力资源有限公司", **values}


@pytest.mark.parametrize(
    "bad",
    ["", "91330100799655058A", "91330100799655058", "9133010079965505IB", "913301007996550 8B"],
)
async def test_operator_with_a_bad_uscc_is_422_and_creates_nothing(client, staff, bad):
    values = await new_operator_values(client, uscc=bad)

    response = await client.post("/admin/api/tables/operator/", json=values, headers=staff)

    assert response.status_code == 422
    assert response.json() == {"detail": "统一社会信用代码无效（长度、字符或校验位不符）"}
    assert await Operator.count() == 0


async def test_operator_uscc_longer_than_18_is_422_and_creates_nothing(client, staff):
    values = await new_operator_values(client, uscc="91330100799655058BX")

    response = await client.post("/admin/api/tables/operator/", json=values, headers=staff)

    # Caught by the admin's own length check (column length 18), before our hook runs.
    assert response.status_code == 422
    assert [(e["loc"], e["type"]) for e in response.json()["detail"]] == [
        (["body", "uscc"], "string_too_long")
    ]
    assert await Operator.count() == 0


async def test_operator_uscc_is_stored_upper_case_on_create_and_patch(client, staff):
    created = await client.post(
        "/admin/api/tables/operator/",
        json=await new_operator_values(client, uscc="91330100799655058b"),
        headers=staff,
    )
    assert created.status_code == 201, created.text
    operator = created.json()[0]["id"]

    other = uscc(42)
    patched = await client.patch(
        f"/admin/api/tables/operator/{operator}/", json={"uscc": other.lower()}, headers=staff
    )
    assert patched.status_code == 200, patched.text

    assert await Operator.select(Operator.uscc) == [{"uscc": other}]

    wrong_check = other[:-1] + ("0" if other[-1] != "0" else "1")
    bad = await client.patch(
        f"/admin/api/tables/operator/{operator}/", json={"uscc": wrong_check}, headers=staff
    )
    assert bad.status_code == 422
    assert bad.json() == {"detail": "统一社会信用代码无效（长度、字符或校验位不符）"}
    assert await Operator.select(Operator.uscc) == [{"uscc": other}]


async def test_opening_period_weekday_is_checked(client, staff):
    market = await make_market(opening_hours=[])
    defaults = (await client.get("/admin/api/tables/market_opening_period/new/")).json()
    defaults.pop("id")
    values = {**defaults, "market": market, "opens_at": "06:00:00", "closes_at": "18:00:00"}

    bad = await client.post(
        "/admin/api/tables/market_opening_period/", json={**values, "weekday": 8}, headers=staff
    )
    assert bad.status_code == 422
    assert bad.json() == {"detail": "星期必须在 1（周一）到 7（周日）之间"}
    assert await t.MarketOpeningPeriod.count() == 0

    good = await client.post(
        "/admin/api/tables/market_opening_period/", json={**values, "weekday": 7}, headers=staff
    )
    assert good.status_code == 201, good.text


async def test_opening_periods_may_not_overlap(client, staff):
    market = await make_market(opening_hours=[(1, "06:00", "12:00"), (1, "14:00", "18:00")])
    [morning, afternoon] = await t.MarketOpeningPeriod.select(t.MarketOpeningPeriod.id).order_by(
        t.MarketOpeningPeriod.id
    )
    defaults = (await client.get("/admin/api/tables/market_opening_period/new/")).json()
    defaults.pop("id")

    async def add(weekday: int, opens: str, closes: str) -> httpx.Response:
        values = {**defaults, "market": market, "weekday": weekday}
        values.update(opens_at=f"{opens}:00", closes_at=f"{closes}:00")
        return await client.post(
            "/admin/api/tables/market_opening_period/", json=values, headers=staff
        )

    same_day = await add(1, "11:00", "15:00")
    assert same_day.status_code == 422
    assert same_day.json() == {"detail": "周一的开放时段重叠"}
    overnight = await add(7, "22:00", "07:00")
    assert overnight.status_code == 422
    assert overnight.json() == {"detail": "周日跨夜时段与周一的开放时段重叠"}
    assert await t.MarketOpeningPeriod.count() == 2

    moved = await client.patch(
        f"/admin/api/tables/market_opening_period/{afternoon['id']}/",
        json={"opens_at": "10:00:00"},
        headers=staff,
    )
    assert moved.status_code == 422
    assert moved.json() == {"detail": "周一的开放时段重叠"}
    # Moving a period within its own slot is fine (it is not compared with itself).
    kept = await client.patch(
        f"/admin/api/tables/market_opening_period/{morning['id']}/",
        json={"opens_at": "05:30:00"},
        headers=staff,
    )
    assert kept.status_code == 200, kept.text
    assert (await add(7, "22:00", "05:30")).status_code == 201
    rows = await t.MarketOpeningPeriod.select(
        t.MarketOpeningPeriod.weekday,
        t.MarketOpeningPeriod.opens_at,
        t.MarketOpeningPeriod.closes_at,
    ).order_by(t.MarketOpeningPeriod.id)
    assert [(r["weekday"], str(r["opens_at"]), str(r["closes_at"])) for r in rows] == [
        (1, "05:30:00", "12:00:00"),
        (1, "14:00:00", "18:00:00"),
        (7, "22:00:00", "05:30:00"),
    ]


async def test_only_superusers_manage_users(client, staff):
    defaults = (await client.get("/admin/api/tables/piccolo_user/new/")).json()
    defaults.pop("id", None)
    values = {**defaults, "username": "intruder", "password": PASSWORD, "email": "i@example.com"}

    response = await client.post("/admin/api/tables/piccolo_user/", json=values, headers=staff)

    assert response.status_code == 405
    assert await BaseUser.count().where(BaseUser.username == "intruder") == 0
