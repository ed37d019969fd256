"""`jobPostingCreate`: a draft posting with an exact wage and a timezone-aware window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tables import job_posting as t
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, make_cast, snapshot
from tests.fixtures.market import occupation_id

CREATE = """
mutation($input: JobPostingCreateInput!) {
  jobPostingCreate(input: $input) {
    jobPosting {
      title status headcount confirmedCount remaining sameDay preferAssisted
      wage { amount unit dailyEquivalent }
      place { address region { code } location { latitude longitude } }
      occupation { name } market { id } publishedAt
    }
    userErrors { code field message }
  }
}"""


async def posting_input(**overrides) -> dict:
    starts = (now() + timedelta(days=1)).replace(microsecond=0)
    return {
        "occupationId": encode_id("Occupation", await occupation_id("装卸搬运工")),
        "title": "仓库装卸工",
        "headcount": 3,
        "wage": {"amount": "25.50", "unit": "HOUR"},
        "startsAt": starts.isoformat(),
        "endsAt": (starts + timedelta(hours=8)).isoformat(),
        "place": {"address": "杭州市上城区望江路 1 号", "regionCode": "330102"},
        **overrides,
    }


async def test_an_employer_creates_a_draft(gql):
    # given
    cast = await make_cast()
    variables = {
        "input": await posting_input(
            marketId=encode_id("Market", cast.market_id),
            place={
                "address": "杭州市上城区望江路 1 号",
                "regionCode": "330102",
                "location": {"latitude": 30.24, "longitude": 120.18},
            },
            preferAssisted=True,
        )
    }

    # when
    body = await gql(CREATE, variables, token=cast.token["employer"])

    # then
    assert body == {
        "data": {
            "jobPostingCreate": {
                "jobPosting": {
                    "title": "仓库装卸工",
                    "status": "DRAFT",
                    "headcount": 3,
                    "confirmedCount": 0,
                    "remaining": 3,
                    "sameDay": False,
                    "preferAssisted": True,
                    # 25.50 per hour × 8 hours
                    "wage": {"amount": "25.50", "unit": "HOUR", "dailyEquivalent": "204.00"},
                    "place": {
                        "address": "杭州市上城区望江路 1 号",
                        "region": {"code": "330102"},
                        "location": {"latitude": 30.24, "longitude": 120.18},
                    },
                    "occupation": {"name": "装卸搬运工"},
                    "market": {"id": encode_id("Market", cast.market_id)},
                    "publishedAt": None,
                },
                "userErrors": [],
            }
        }
    }
    row = await t.JobPosting.select(t.JobPosting.wage_fen, t.JobPosting.daily_wage_fen).first()
    assert row == {"wage_fen": 2550, "daily_wage_fen": 20400}


@pytest.mark.parametrize(
    ("amount", "unit", "daily"),
    [
        ("180.5", "DAY", "180.50"),
        ("6000", "MONTH", "275.86"),  # 6000 ÷ 21.75, rounded half up to the fen
        ("0.80", "PIECE", None),
        ("0.01", "HOUR", "0.08"),
    ],
)
async def test_wages_are_exact_in_every_unit(gql, amount, unit, daily):
    cast = await make_cast()

    body = await gql(
        CREATE,
        {"input": await posting_input(wage={"amount": amount, "unit": unit})},
        token=cast.token["employer"],
    )

    wage = body["data"]["jobPostingCreate"]["jobPosting"]["wage"]
    assert wage == {"amount": f"{float(amount):.2f}", "unit": unit, "dailyEquivalent": daily}


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        ("180.505", "DAY", "工资最多保留两位小数（精确到分）"),
        ("0", "DAY", "工资须大于 0"),
        ("-5", "HOUR", "工资须大于 0"),
        ("1000.01", "HOUR", "工资金额不合理：每单位不超过 1000 元"),
        ("9" * 28, "MONTH", "工资金额不合理：每单位不超过 200000 元"),
    ],
)
async def test_inexact_non_positive_or_absurd_wages_are_rejected(gql, amount, unit, message):
    cast = await make_cast()
    before = await snapshot()

    body = await gql(
        CREATE,
        {"input": await posting_input(wage={"amount": amount, "unit": unit})},
        token=cast.token["employer"],
    )

    assert body == {
        "data": {
            "jobPostingCreate": {
                "jobPosting": None,
                "userErrors": [
                    {"code": "INVALID_WAGE", "field": ["wage", "amount"], "message": message}
                ],
            }
        }
    }
    assert await snapshot() == before


async def test_a_float_wage_is_refused_before_it_loses_precision(gql):
    # given
    cast = await make_cast()
    before = await snapshot()

    # when
    body = await gql(
        CREATE,
        {"input": await posting_input(wage={"amount": 180.5, "unit": "DAY"})},
        token=cast.token["employer"],
    )

    # then
    refusal = '金额等小数须以字符串发送，例如 "180.50"'
    assert body == {
        "data": None,
        "errors": [
            {
                "message": f"变量 $input 的取值无效：{refusal}（input.wage.amount）",
                "locations": [{"line": 2, "column": 10}],
                "extensions": {
                    "code": "GRAPHQL_VALIDATION_FAILED",
                    "field": ["input", "wage", "amount"],
                    "detail": "Variable '$input' has invalid value at .wage.amount: Expected "
                    f"value of type 'Decimal', but encountered error '{refusal}'; found: 180.5.",
                },
            }
        ],
    }
    assert await snapshot() == before


async def test_every_problem_is_reported_at_once(gql):
    # given
    cast = await make_cast()
    before = await snapshot()
    starts = now() - timedelta(days=2)

    # when
    body = await gql(
        CREATE,
        {
            "input": await posting_input(
                occupationId=encode_id("Occupation", 999999),
                marketId="bad-id",
                title=" ",
                description="x" * 2001,
                headcount=0,
                startsAt=starts.isoformat(),
                endsAt=(starts + timedelta(hours=1)).isoformat(),
                place={
                    "address": "",
                    "regionCode": "330100",
                    "location": {"latitude": 22.5, "longitude": 114.1},
                },
            )
        },
        token=cast.token["employer"],
    )

    # then
    assert body["data"]["jobPostingCreate"] == {
        "jobPosting": None,
        "userErrors": [
            {"code": "REQUIRED", "field": ["title"], "message": "请填写此项"},
            {"code": "TOO_LONG", "field": ["description"], "message": "不超过 2000 个字"},
            {
                "code": "INVALID_HEADCOUNT",
                "field": ["headcount"],
                "message": "招聘人数须为 1 到 200",
            },
            {"code": "WINDOW_IN_PAST", "field": ["endsAt"], "message": "工作时段已经结束"},
            {"code": "REQUIRED", "field": ["place", "address"], "message": "请填写此项"},
            {
                "code": "INVALID_REGION",
                "field": ["place", "regionCode"],
                "message": "请填写浙江省县（市、区）六位区划代码",
            },
            {
                "code": "INVALID_LOCATION",
                "field": ["place", "location"],
                "message": "位置不在浙江省范围内",
            },
            {"code": "NOT_FOUND", "field": ["occupationId"], "message": "工种不存在"},
            {"code": "NOT_FOUND", "field": ["marketId"], "message": "零工市场不存在"},
        ],
    }
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        (
            "2030-01-01T08:00:00",
            "2030-01-01T17:00:00",
            [
                {"code": "INVALID_TIME", "field": ["startsAt"]},
                {"code": "INVALID_TIME", "field": ["endsAt"]},
            ],
        ),
        (
            "2030-01-01T08:00:00+08:00",
            "2030-01-01T08:00:00+08:00",
            [
                {"code": "INVALID_WINDOW", "field": ["endsAt"]},
            ],
        ),
        (
            "2030-01-01T08:00:00+08:00",
            "2030-04-03T08:00:01+08:00",
            [
                {"code": "INVALID_WINDOW", "field": ["endsAt"]},
            ],
        ),
    ],
)
async def test_the_window_needs_a_timezone_an_order_and_a_limit(gql, starts, ends, expected):
    # given
    cast = await make_cast()
    before = await snapshot()

    # when
    body = await gql(
        CREATE.replace("message", ""),
        {"input": await posting_input(startsAt=starts, endsAt=ends)},
        token=cast.token["employer"],
    )

    # then
    assert body["data"]["jobPostingCreate"] == {"jobPosting": None, "userErrors": expected}
    assert await snapshot() == before


async def test_a_closed_market_takes_no_postings(gql):
    from tests.fixtures.market import make_market

    # given
    cast = await make_cast()
    closed = await make_market(status="SUSPENDED")
    before = await snapshot()

    # when
    body = await gql(
        CREATE,
        {"input": await posting_input(marketId=encode_id("Market", closed))},
        token=cast.token["employer"],
    )

    # then
    assert body == {
        "data": {
            "jobPostingCreate": {
                "jobPosting": None,
                "userErrors": [
                    {
                        "code": "MARKET_NOT_ACTIVE",
                        "field": ["marketId"],
                        "message": "该零工市场未在运行",
                    }
                ],
            }
        }
    }
    assert await snapshot() == before


async def test_an_unverified_employer_may_prepare_drafts(gql):
    _, token = await make_employer(verified=False)

    body = await gql(CREATE, {"input": await posting_input()}, token=token)

    assert body["data"]["jobPostingCreate"]["jobPosting"]["status"] == "DRAFT"


@pytest.mark.parametrize("role", ROLES)
async def test_only_employers_create_postings(gql, role):
    # given
    cast = await make_cast()
    before = await snapshot()

    # when
    body = await gql(CREATE, {"input": await posting_input()}, token=cast.token[role])

    # then
    if role == "employer":
        assert body["data"]["jobPostingCreate"]["userErrors"] == []
        assert await t.JobPosting.count() == 1
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before
