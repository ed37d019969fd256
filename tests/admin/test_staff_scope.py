"""Staff scope: city and county staff see and act only inside their region, read-only staff
change nothing; enforced in the admin API and in the services (authorization matrix)."""

from __future__ import annotations

import itertools
from datetime import date

import httpx
import pytest

from services.assessment import decisions
from services.problems import ServiceError
from tables import market as t
from tables.assessment import Assessment
from tables.auth import StaffScope
from tables.certification import CertificationApplication
from tables.region import Region
from tests.admin.conftest import login, make_staff
from tests.fixtures.assessment import assessed
from tests.fixtures.certification import make_application
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator

_addresses = itertools.count(1)
# username: (scope region code or None for province-wide, read-only)
STAFF = {
    "province": (None, False),
    "hangzhou": ("330100", False),
    "ningbo": ("330200", False),
    "hangzhou_reader": ("330100", True),
    "xihu": ("330106", False),  # a county of 杭州市, not the market's
}


@pytest.fixture
async def world(app):
    hz = await make_market(
        name="上城区望江综合零工市场",
        region_code="330102",
        operator_id=await make_operator(),
        established_on=date(2024, 3, 1),
    )
    nb = await make_market(name="海曙区南门综合零工市场", region_code="330203")
    for username, (code, read_only) in STAFF.items():
        user_id = await make_staff(username)
        if code is not None:
            region = await Region.select(Region.id).where(Region.code == code).first()
            await StaffScope.insert(
                StaffScope(user=user_id, region=region["id"], read_only=read_only)
            )
    clients = {}
    for username in STAFF:
        n = next(_addresses)
        transport = httpx.ASGITransport(app=app, client=(f"10.9.{n}.1", 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        clients[username] = (client, await login(client, username))
    yield {"hz": hz, "nb": nb, "clients": clients}
    for client, _ in clients.values():
        await client.aclose()


async def test_each_staff_member_sees_the_markets_of_their_region(world):
    hz, nb = world["hz"], world["nb"]
    seen = {}
    for username, (client, _) in world["clients"].items():
        rows = (await client.get("/admin/api/tables/market/", params={"__order": "id"})).json()
        count = (await client.get("/admin/api/tables/market/count/")).json()["count"]
        details = [
            (await client.get(f"/admin/api/tables/market/{i}/")).status_code for i in (hz, nb)
        ]
        seen[username] = ([r["id"] for r in rows["rows"]], count, details)

    assert seen == {
        "province": ([hz, nb], 2, [200, 200]),
        "hangzhou": ([hz], 1, [200, 404]),
        "ningbo": ([nb], 1, [404, 200]),
        "hangzhou_reader": ([hz], 1, [200, 404]),
        "xihu": ([], 0, [404, 404]),
    }


async def test_staff_edit_only_inside_their_region_and_readers_edit_nothing(world):
    hz, nb = world["hz"], world["nb"]
    answers = {}
    for username, (client, headers) in world["clients"].items():
        answers[username] = [
            (
                await client.patch(
                    f"/admin/api/tables/market/{i}/",
                    json={"labour_brand": f"{username}师傅"},
                    headers=headers,
                )
            ).status_code
            for i in (hz, nb)
        ]
    brands = {
        r["id"]: r["labour_brand"]
        for r in await t.Market.select(t.Market.id, t.Market.labour_brand)
    }

    assert answers == {
        "province": [200, 200],
        "hangzhou": [200, 404],
        "ningbo": [404, 200],
        "hangzhou_reader": [403, 404],
        "xihu": [404, 404],
    }
    # the last permitted edit of each market stands; refused ones wrote nothing
    assert brands == {hz: "hangzhou师傅", nb: "ningbo师傅"}


@pytest.mark.parametrize(
    ("username", "outcome"),
    [
        ("province", "CITY_RECOMMENDED"),
        ("hangzhou", "CITY_RECOMMENDED"),
        ("ningbo", "只有该零工市场所在市的工作人员可以作市级推荐（您的范围：宁波市）"),
        ("hangzhou_reader", "只读账号不能办理业务"),
        ("xihu", "只有该零工市场所在市的工作人员可以作市级推荐（您的范围：西湖区）"),
    ],
)
async def test_only_the_markets_city_recommends_it(world, username, outcome):
    # given a submitted application of the 杭州市 market
    app_id = await make_application(world["hz"])
    client, headers = world["clients"][username]

    # when this staff member recommends it
    response = await client.post(
        "/admin/api/forms/certification-recommend/",
        json={"application_id": app_id, "note": "同意"},
        headers=headers,
    )

    # then it moves only for staff of the city (or the province); the others see why
    status = (
        await CertificationApplication.select(CertificationApplication.status)
        .where(CertificationApplication.id == app_id)
        .first()
    )["status"]
    if outcome == "CITY_RECOMMENDED":
        assert response.status_code == 200, response.text
        assert status == "CITY_RECOMMENDED"
    else:
        assert (response.status_code, response.json()) == (422, {"custom_form_error": outcome})
        assert status == "SUBMITTED"


async def test_the_work_list_counts_only_the_staff_members_region(world):
    # given an employer waiting in 杭州市 (上城区) and one in 宁波市 (海曙区)
    await make_employer(verified=False, region_code="330102")
    await make_employer(verified=False, region_code="330203")

    counts = {}
    for username, (client, _) in world["clients"].items():
        items = (await client.get("/admin/worklist/")).json()["items"]
        counts[username] = items[0]["count"]

    assert counts == {"province": 2, "hangzhou": 1, "ningbo": 1, "hangzhou_reader": 1, "xihu": 0}


@pytest.mark.parametrize(
    ("scope", "outcome"),
    [
        (None, "APPROVED"),  # province-wide staff without a scope: every duty
        (("330100", False, True), "APPROVED"),  # a 杭州市 approver
        (("330100", False, False), "只有审批人可以批准考核"),  # a reviewer
        (("330100", True, True), "只有审批人可以批准考核"),  # read-only never approves
    ],
)
async def test_only_approvers_approve_an_assessment(scope, outcome):
    # given a draft assessment and a staff member with this scope
    case = await assessed()
    approver = await make_staff(f"approver{next(_addresses)}")
    if scope is not None:
        code, read_only, can_approve = scope
        region = await Region.select(Region.id).where(Region.code == code).first()
        await StaffScope.insert(
            StaffScope(
                user=approver, region=region["id"], read_only=read_only, approver=can_approve
            )
        )

    # when they approve it
    try:
        await decisions.approve(case["assessment"]["id"], 1, approver, "已核实")
        result = "APPROVED"
    except ServiceError as refused:
        result = str(refused)

    # then only approvers succeed, and a refusal leaves the draft as it was
    status = (
        await Assessment.select(Assessment.status)
        .where(Assessment.id == case["assessment"]["id"])
        .first()
    )["status"]
    assert (result, status) == (outcome, "APPROVED" if outcome == "APPROVED" else "DRAFT")


async def test_the_market_picker_offers_only_the_staff_members_markets(world):
    hz, nb = world["hz"], world["nb"]
    offered = {}
    for username, (client, _) in world["clients"].items():
        response = await client.get("/admin/api/tables/market/ids/", params={"limit": 100})
        assert response.status_code == 200, response.text
        offered[username] = sorted(int(k) for k in response.json())

    assert offered == {
        "province": [hz, nb],
        "hangzhou": [hz],
        "ningbo": [nb],
        "hangzhou_reader": [hz],
        "xihu": [],
    }
