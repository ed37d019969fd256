"""`recommendedJobPostings`: open postings for the signed-in worker, best match first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
)

RECOMMENDED = """
query($first: Int, $after: String) {
  recommendedJobPostings(first: $first, after: $after) {
    totalCount
    edges { cursor node { jobPosting { title } score matchReasons { code text } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def test_postings_are_ranked_by_occupation_place_date_and_wage(gql):
    # given: a loader (装卸搬运工) living in 上城区, at the 上城 riverside
    cast = await make_cast(location=(30.25, 120.17))
    employer, _ = await make_employer()
    await make_posting(
        employer,
        title="附近装卸",
        location=(30.26, 120.17),
        wage=("260", "DAY"),
        starts_in=timedelta(days=5),
    )
    await make_posting(
        employer,
        title="西湖厨房帮工",
        occupation="中式烹调师",
        region_code="330106",
        starts_in=timedelta(days=5),
        wage=("150", "DAY"),
    )
    await make_posting(
        employer, title="温州装卸", region_code="330302", starts_in=timedelta(days=1, hours=1)
    )
    await make_posting(employer, title="温州厨师", occupation="中式烹调师", region_code="330302")
    applied = await make_posting(employer, title="已报名", starts_in=timedelta(days=6))
    await make_application(cast.worker_id, applied, employer)
    booked = await make_posting(employer, title="已确认", starts_in=timedelta(days=7))
    await make_application(cast.worker_id, booked, employer, status="CONFIRMED")
    await make_posting(employer, title="时间冲突", starts_in=timedelta(days=7, hours=2))

    # when
    body = await gql(RECOMMENDED, token=cast.token["worker"])

    # then
    nodes = [e["node"] for e in body["data"]["recommendedJobPostings"]["edges"]]
    assert [(n["jobPosting"]["title"], n["score"]) for n in nodes] == [
        # occupation 50 + nearby 30 + 9.444 closeness (1.11 km) + county 20 + good wage 10
        # + wage/100 2.6
        ("附近装卸", 122.044),
        ("温州装卸", 72.0),  # occupation 50 + starts soon 10 + good wage 10 + 2.0
        ("西湖厨房帮工", 11.5),  # same city 10 + 1.5
    ]
    assert nodes[0]["matchReasons"] == [
        {"code": "OCCUPATION", "text": "工种匹配：装卸搬运工"},
        {"code": "NEARBY", "text": "距离约 1.1 公里"},
        {"code": "SAME_COUNTY", "text": "同在上城区"},
        {"code": "GOOD_WAGE", "text": "日薪约 260 元"},
    ]
    assert nodes[1]["matchReasons"] == [
        {"code": "OCCUPATION", "text": "工种匹配：装卸搬运工"},
        {"code": "STARTS_SOON", "text": "3 天内开工"},
        {"code": "GOOD_WAGE", "text": "日薪约 200 元"},
    ]
    assert nodes[2]["matchReasons"] == [{"code": "SAME_CITY", "text": "同一设区市"}]
    assert body["data"]["recommendedJobPostings"]["totalCount"] == 3


async def test_recommendations_page_by_score(gql):
    cast = await make_cast()
    for days in (1, 2, 3):
        await make_posting(
            cast.employer_id, title=f"{days}", starts_in=timedelta(days=days, hours=days)
        )

    first = await gql(RECOMMENDED, {"first": 2}, token=cast.token["worker"])
    cursor = first["data"]["recommendedJobPostings"]["pageInfo"]["endCursor"]
    rest = await gql(RECOMMENDED, {"first": 2, "after": cursor}, token=cast.token["worker"])

    seen = [
        e["node"]["jobPosting"]["title"]
        for page in (first, rest)
        for e in page["data"]["recommendedJobPostings"]["edges"]
    ]
    assert sorted(seen) == ["1", "2", "3"] and len(set(seen)) == 3
    assert first["data"]["recommendedJobPostings"]["pageInfo"]["hasNextPage"] is True
    assert rest["data"]["recommendedJobPostings"]["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize("role", ROLES)
async def test_only_workers_get_recommendations(gql, role):
    cast = await make_cast()
    await make_posting(cast.employer_id)

    body = await gql(RECOMMENDED, token=cast.token[role])

    if role == "worker":
        assert body["data"]["recommendedJobPostings"]["totalCount"] == 1
    else:
        assert_denied(body, role, "recommendedJobPostings")
