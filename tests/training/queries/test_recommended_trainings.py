"""`recommendedTrainings`: courses for the signed-in worker, each with its reasons."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tables.job_posting import JobPosting
from tables.region import Region
from tables.worker import Worker
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.market import make_market
from tests.fixtures.training import enrol, make_course, sessions

RECOMMENDED = """
{ recommendedTrainings { totalCount nodes { score training { title } matchReasons { code text } } } }
"""


async def test_courses_are_ranked_with_reasons(gql):
    # given: a worker of 装卸搬运工 in 上城区 (330102) with a location at the market
    cast = await make_cast(location=(30.25, 120.17))
    # postings near them ask for 理货员 (twice)
    for _ in range(2):
        await make_posting(cast.employer_id, occupation="理货员", region_code="330105")
    far = await make_market(
        operator_id=cast.other_operator_id,
        name="宁波市测试零工市场",
        region_code="330203",
        latitude=29.87,
        longitude=121.55,
    )
    await make_course(
        cast.market_id, title="叉车操作实训", times=sessions(starts_in=timedelta(days=20))
    )
    await make_course(
        far,
        title="理货员技能提升",
        occupation="理货员",
        category="GENERAL",
        fee="80",
        subsidised=False,
        times=sessions(starts_in=timedelta(days=25)),
    )
    await make_course(
        far,
        title="与我无关的课",
        occupation="养老护理员",
        category="GENERAL",
        times=sessions(starts_in=timedelta(days=26)),
    )
    enrolled = await make_course(
        cast.market_id, title="已报名的课", times=sessions(starts_in=timedelta(days=30))
    )
    await enrol(cast.worker_id, enrolled)

    # when
    body = await gql(RECOMMENDED, token=cast.token["worker"])

    # then
    nodes = body["data"]["recommendedTrainings"]["nodes"]
    assert body["data"]["recommendedTrainings"]["totalCount"] == 2
    assert [n["training"]["title"] for n in nodes] == ["叉车操作实训", "理货员技能提升"]
    assert [r["code"] for r in nodes[0]["matchReasons"]] == [
        "OCCUPATION",
        "NEARBY",
        "SAME_COUNTY",
        "URGENT_SKILL",
        "SUBSIDISED",
        "FREE",
    ]
    assert nodes[0]["matchReasons"][0]["text"] == "工种匹配：装卸搬运工"
    assert nodes[1]["matchReasons"] == [
        {"code": "IN_DEMAND", "text": "附近有 2 个招工岗位需要理货员"}
    ]
    assert nodes[0]["score"] > nodes[1]["score"]


async def test_without_a_city_the_demand_is_the_home_regions_own_postings(gql):
    # given: a worker whose home region has no parent (registration asks for a county; a row
    # from before that rule, or edited by hand, may name the province itself)
    cast = await make_cast()
    province = await Region.select(Region.id).where(Region.code == "330000").first()
    await Worker.update({Worker.home_region: province["id"]}).where(Worker.id == cast.worker_id)
    # postings there ask for 理货员 twice (moved there by hand as well); one in a county of the
    # province does not count
    for _ in range(2):
        moved = await make_posting(cast.employer_id, occupation="理货员", region_code="330105")
        await JobPosting.update({JobPosting.region: province["id"]}).where(JobPosting.id == moved)
    await make_posting(cast.employer_id, occupation="理货员", region_code="330105")
    await make_course(
        cast.other_market_id,
        title="理货员技能提升",
        occupation="理货员",
        category="GENERAL",
        fee="80",
        subsidised=False,
        times=sessions(starts_in=timedelta(days=25)),
    )

    # when
    body = await gql(RECOMMENDED, token=cast.token["worker"])

    # then
    (node,) = body["data"]["recommendedTrainings"]["nodes"]
    assert node["matchReasons"] == [{"code": "IN_DEMAND", "text": "附近有 2 个招工岗位需要理货员"}]


async def test_a_course_clashing_with_a_confirmed_shift_is_left_out(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, starts_in=timedelta(days=3, hours=1))
    await make_application(cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED")
    await make_course(cast.market_id, title="冲突的课")
    await make_course(
        cast.market_id, title="不冲突的课", times=sessions(starts_in=timedelta(days=9))
    )

    body = await gql(RECOMMENDED, token=cast.token["worker"])

    assert [n["training"]["title"] for n in body["data"]["recommendedTrainings"]["nodes"]] == [
        "不冲突的课"
    ]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "worker"])
async def test_only_workers_get_recommendations(gql, role):
    cast = await make_cast()

    body = await gql(RECOMMENDED, token=cast.token[role])

    assert_denied(body, role, "recommendedTrainings")
