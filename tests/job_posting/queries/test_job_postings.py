"""`jobPostings`: the public list of open postings, filtered, searched, sorted and paged."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import SHANGHAI, now
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.market import make_market

LIST = """
query($first: Int, $after: String, $where: JobPostingWhereInput, $near: GeoPointInput,
      $orderBy: JobPostingOrder, $search: String) {
  jobPostings(first: $first, after: $after, where: $where, near: $near, orderBy: $orderBy,
              search: $search) {
    totalCount
    nodes { title distanceKm }
    pageInfo { hasNextPage }
  }
}"""


def titles(body: dict) -> list[str]:
    assert "errors" not in body, body
    return [n["title"] for n in body["data"]["jobPostings"]["nodes"]]


async def test_only_open_postings_whose_window_has_not_ended_are_listed(gql):
    # given
    cast = await make_cast()
    await make_posting(cast.employer_id, title="招聘中")
    await make_posting(cast.employer_id, title="草稿", publish=False)
    filled = await make_posting(cast.employer_id, title="已招满")
    await make_application(cast.worker_id, filled, cast.employer_id, status="CONFIRMED")
    await insert_posting(
        cast.employer_id, now() - timedelta(hours=9), now() - timedelta(minutes=1), title="已结束"
    )
    await insert_posting(
        cast.employer_id, now() + timedelta(days=1), now() + timedelta(days=2), "CLOSED", title="关"
    )

    # when
    body = await gql(LIST)

    # then
    assert body == {
        "data": {
            "jobPostings": {
                "totalCount": 1,
                "nodes": [{"title": "招聘中", "distanceKm": None}],
                "pageInfo": {"hasNextPage": False},
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_everyone_sees_the_same_list_and_anonymous_callers_see_no_person(gql, role):
    # given
    cast = await make_cast()
    employer_id, _ = await make_employer(kind="INDIVIDUAL", name="王小五")
    posting_id = await make_posting(employer_id, title="个人雇工")
    await make_application(cast.worker_id, posting_id, employer_id)

    # when
    body = await gql(
        "{ jobPostings { nodes { title employer { name } applications { worker { name } } "
        "myApplication { status } } } }",
        token=cast.token[role],
    )

    # then: only the applicant sees their application; nobody here sees the private name
    node = {"title": "个人雇工", "employer": {"name": "王**"}, "applications": None}
    node["myApplication"] = {"status": "APPLIED"} if role == "worker" else None
    if role == "staff":
        node["employer"] = {"name": "王小五"}
        node["applications"] = [{"worker": {"name": "张三"}}]
    assert body == {"data": {"jobPostings": {"nodes": [node]}}}


async def test_filters(gql):
    # given
    cast = await make_cast()
    other_market = await make_market(name="西湖区文三路零工市场", region_code="330106")
    starts = timedelta(days=2)
    await make_posting(
        cast.employer_id, title="上城搬运", market_id=cast.market_id, starts_in=starts
    )
    await make_posting(
        cast.employer_id,
        title="西湖厨师",
        occupation="中式烹调师",
        region_code="330106",
        market_id=other_market,
        wage=("30.00", "HOUR"),
        starts_in=starts + timedelta(days=1),
    )
    # A same-day posting must start later today: late in the evening it is an ordinary one
    # further ahead (not on the day the workDate case looks at).
    same_day = _today_ok()
    await make_posting(
        cast.employer_id,
        title="宁波计件",
        region_code="330203",
        wage=("1.50", "PIECE"),
        same_day=same_day,
        starts_in=timedelta(minutes=30) if same_day else starts + timedelta(days=2),
    )
    tomorrow_plus_one = (now() + starts).astimezone(SHANGHAI).date()

    async def where(**w) -> list[str]:
        return sorted(titles(await gql(LIST, {"where": w})))

    # then
    assert await where(occupationCode="4-02-05-01") == ["上城搬运", "宁波计件"]
    assert await where(regionCode="330102") == ["上城搬运"]
    assert await where(regionCode="330100") == ["上城搬运", "西湖厨师"]  # the whole city
    assert await where(marketId=encode_id("Market", other_market)) == ["西湖厨师"]
    assert await where(marketId="not-an-id") == []
    assert await where(workDate=tomorrow_plus_one.isoformat()) == ["上城搬运"]
    assert await where(minDailyWage="240") == ["西湖厨师"]  # 30/h × 8; piece rates excluded
    assert await where(minDailyWage="240.01") == []
    assert await where(sameDay=True) == (["宁波计件"] if same_day else [])
    assert sorted(titles(await gql(LIST, {"search": "厨师"}))) == ["西湖厨师"]
    assert titles(await gql(LIST, {"search": "100%"})) == []


def _today_ok() -> bool:
    # A same-day posting must start today (Asia/Shanghai) and later than now, after the test's
    # setup: not possible in the last 40 minutes of the day.
    local = now().astimezone(SHANGHAI)
    return local.hour < 23 or local.minute < 20


async def test_sorting_and_keyset_pages(gql):
    # given: three postings starting one day apart, published in reverse order
    cast = await make_cast()
    for n, wage in ((3, "300"), (2, "100"), (1, "200")):
        await make_posting(
            cast.employer_id, title=f"第{n}天", starts_in=timedelta(days=n), wage=(wage, "DAY")
        )
    await make_posting(
        cast.employer_id, title="计件", starts_in=timedelta(days=4), wage=("2", "PIECE")
    )

    # when
    page1 = await gql(LIST, {"first": 2})
    cursor = (await gql("{ jobPostings(first: 2) { pageInfo { endCursor } } }"))["data"][
        "jobPostings"
    ]["pageInfo"]["endCursor"]
    page2 = await gql(LIST, {"first": 2, "after": cursor})
    published = await gql(LIST, {"orderBy": {"field": "PUBLISHED_AT", "direction": "DESC"}})
    by_wage = await gql(LIST, {"orderBy": {"field": "DAILY_WAGE", "direction": "DESC"}})

    # then
    assert titles(page1) == ["第1天", "第2天"]
    assert page1["data"]["jobPostings"]["pageInfo"] == {"hasNextPage": True}
    assert titles(page2) == ["第3天", "计件"]
    assert page2["data"]["jobPostings"]["pageInfo"] == {"hasNextPage": False}
    assert titles(published) == ["计件", "第1天", "第2天", "第3天"]
    assert titles(by_wage) == ["第3天", "第1天", "第2天"]  # piece rates left out
    assert by_wage["data"]["jobPostings"]["totalCount"] == 3


async def test_near_lists_located_postings_by_distance(gql):
    # given
    cast = await make_cast()
    await make_posting(cast.employer_id, title="近", location=(30.25, 120.17))
    await make_posting(cast.employer_id, title="远", location=(30.30, 120.30))
    await make_posting(cast.employer_id, title="温州", location=(28.0, 120.7), region_code="330302")
    await make_posting(cast.employer_id, title="无坐标")

    # when
    body = await gql(LIST, {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 30}})

    # then
    nodes = body["data"]["jobPostings"]["nodes"]
    assert [n["title"] for n in nodes] == ["近", "远"]
    assert nodes[0]["distanceKm"] == 0.0 and 13 < nodes[1]["distanceKm"] < 14
    assert body["data"]["jobPostings"]["totalCount"] == 2


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"where": {"regionCode": "33010"}}, "where.regionCode"),
        ({"where": {"occupationCode": "装卸"}}, "where.occupationCode"),
        ({"where": {"minDailyWage": "-1"}}, "where.minDailyWage"),
        ({"after": "bm9wZQ=="}, "after"),
        ({"first": 101}, "first"),
        ({"orderBy": {"field": "DISTANCE"}}, "orderBy"),
        (
            {"near": {"latitude": 30, "longitude": 120}, "orderBy": {"field": "STARTS_AT"}},
            "orderBy",
        ),
        ({"near": {"latitude": 30, "longitude": 120, "radiusKm": 0}}, "near.radiusKm"),
    ],
)
async def test_malformed_arguments_are_client_errors(gql, variables, field):
    body = await gql(LIST, variables)

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == field.split(".")
