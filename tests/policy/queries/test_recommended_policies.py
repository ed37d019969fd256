"""`recommendedPolicies`: policy items in effect whose audience includes the signed-in viewer,
each with the reasons it applies, narrowest audience first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resolvers.global_ids import encode_id
from services.policy import rules
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast, make_posting
from tests.fixtures.policy import days_from_today, make_policy
from tests.fixtures.worker import make_worker

RECOMMENDED = """
query ($first: Int, $after: String) {
  recommendedPolicies(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage }
    edges { cursor }
    nodes { kind score policy { id title } reasons { code message } }
  }
}
"""


def _titles(body: dict) -> list[str]:
    return [n["policy"]["title"] for n in body["data"]["recommendedPolicies"]["nodes"]]


async def test_a_worker_gets_the_items_for_them_narrowest_audience_first(gql):
    # given: an older worker of 装卸搬运工 in 上城区 (330102, 杭州市)
    worker_id, token = await make_worker(
        occupations=("装卸搬运工",), region_code="330102", assistance=("OLDER",)
    )
    province = await make_policy("全省零工政策")
    city = await make_policy("杭州市零工政策", regions=("330100",), roles=("WORKER", "EMPLOYER"))
    county = await make_policy(
        "上城区装卸工政策", regions=("330102",), occupations=("装卸搬运工", "保洁员")
    )
    assisted = await make_policy("大龄残疾零工援助", categories=("DISABLED", "OLDER"))
    ending = await make_policy("即将到期的政策", ends=10)
    # and items that leave them out, or are not in effect or not published
    await make_policy("西湖区政策", regions=("330106",))
    await make_policy("宁波市政策", regions=("330200",))
    await make_policy("低收入家庭援助", categories=("LOW_INCOME",))
    await make_policy("保洁员政策", occupations=("保洁员",))
    await make_policy("用工主体政策", roles=("EMPLOYER",))
    await make_policy("草稿政策", status="DRAFT")
    await make_policy("撤回的政策", status="WITHDRAWN")
    await make_policy("尚未生效的政策", starts=5)
    await make_policy("已失效的政策", starts=-60, ends=-1)

    # when
    body = await gql(RECOMMENDED, token=token)

    # then
    ends = days_from_today(10)
    node = {
        "kind": "POLICY_ITEM",
        "policy": None,
        "score": None,
        "reasons": None,
    }

    def expect(policy_id: int, title: str, score: float, reasons: list) -> dict:
        return {
            **node,
            "policy": {"id": encode_id("Policy", policy_id), "title": title},
            "score": score,
            "reasons": [{"code": c, "message": t} for c, t in reasons],
        }

    connection = body["data"]["recommendedPolicies"]
    assert connection["nodes"] == [
        expect(
            county,
            "上城区装卸工政策",
            65.0,
            [
                ("ROLE", "面向零工"),
                ("SAME_COUNTY", "适用于上城区"),
                ("OCCUPATION", "工种：装卸搬运工"),
            ],
        ),
        expect(
            assisted,
            "大龄残疾零工援助",
            55.0,
            [
                ("ROLE", "面向零工"),
                ("PROVINCE_WIDE", "全省适用"),
                ("ASSISTANCE", "就业援助对象：大龄"),
            ],
        ),
        expect(city, "杭州市零工政策", 25.0, [("ROLE", "面向零工"), ("SAME_CITY", "适用于杭州市")]),
        expect(
            ending,
            "即将到期的政策",
            18.0,
            [
                ("ROLE", "面向零工"),
                ("PROVINCE_WIDE", "全省适用"),
                ("ENDING_SOON", f"{ends.year}年{ends.month}月{ends.day}日到期"),
            ],
        ),
        expect(
            province, "全省零工政策", 15.0, [("ROLE", "面向零工"), ("PROVINCE_WIDE", "全省适用")]
        ),
    ]
    assert connection["totalCount"] == 5
    assert connection["pageInfo"] == {"hasNextPage": False}
    assert "errors" not in body


async def test_employers_are_matched_by_the_occupations_they_post(gql):
    cast = await make_cast()
    await make_posting(cast.employer_id, occupation="装卸搬运工")
    await make_policy("招用装卸工的用工主体", roles=("EMPLOYER",), occupations=("装卸搬运工",))
    await make_policy("招用保洁员的用工主体", roles=("EMPLOYER",), occupations=("保洁员",))
    await make_policy("只面向零工", roles=("WORKER",))

    body = await gql(RECOMMENDED, token=cast.token["employer"])

    assert body["data"]["recommendedPolicies"]["nodes"] == [
        {
            "kind": "POLICY_ITEM",
            "score": 45.0,
            "policy": {
                "id": body["data"]["recommendedPolicies"]["nodes"][0]["policy"]["id"],
                "title": "招用装卸工的用工主体",
            },
            "reasons": [
                {"code": "ROLE", "message": "面向用工主体"},
                {"code": "PROVINCE_WIDE", "message": "全省适用"},
                {"code": "OCCUPATION", "message": "工种：装卸搬运工"},
            ],
        }
    ]


async def test_operators_are_matched_by_the_counties_of_their_markets(gql):
    cast = await make_cast()  # the operator's market is in 上城区
    await make_policy("上城区运营机构", roles=("OPERATOR",), regions=("330102",))
    await make_policy("宁波市运营机构", roles=("OPERATOR",), regions=("330200",))
    await make_policy(
        "按工种推送（运营机构无工种）", roles=("OPERATOR", "WORKER"), occupations=("保洁员",)
    )

    body = await gql(RECOMMENDED, token=cast.token["operator"])

    assert [
        (n["policy"]["title"], n["reasons"]) for n in body["data"]["recommendedPolicies"]["nodes"]
    ] == [
        (
            "上城区运营机构",
            [
                {"code": "ROLE", "message": "面向零工市场运营机构"},
                {"code": "SAME_COUNTY", "message": "适用于上城区"},
            ],
        )
    ]


async def test_a_worker_without_a_region_gets_province_wide_items_only(gql):
    _, token = await make_worker(region_code=None)
    await make_policy("全省")
    await make_policy("杭州市", regions=("330100",))

    body = await gql(RECOMMENDED, token=token)

    assert _titles(body) == ["全省"]


async def test_in_effect_means_today_in_shanghai(gql, monkeypatch):
    # given: 16:30 UTC is already 00:30 of the next day in Shanghai
    _, token = await make_worker()
    moment = datetime.now(UTC).replace(hour=16, minute=30, second=0, microsecond=0)
    tomorrow_local = moment.date().toordinal() + 1
    await make_policy("从上海的明天起生效", starts=tomorrow_local - rules.today().toordinal())
    await make_policy(
        "到 UTC 的今天为止", ends=moment.date().toordinal() - rules.today().toordinal()
    )
    monkeypatch.setattr(rules, "now", lambda: moment)

    # when
    body = await gql(RECOMMENDED, token=token)

    # then
    assert _titles(body) == ["从上海的明天起生效"]


async def test_pages_follow_the_cursor(gql):
    _, token = await make_worker()
    for n in range(3):
        await make_policy(f"政策{n}", regions=("330102",) if n == 1 else ("330000",))

    first = await gql(RECOMMENDED, {"first": 2}, token=token)
    cursor = first["data"]["recommendedPolicies"]["edges"][-1]["cursor"]
    rest = await gql(RECOMMENDED, {"first": 2, "after": cursor}, token=token)

    assert _titles(first) == ["政策1", "政策0"]
    assert first["data"]["recommendedPolicies"]["pageInfo"] == {"hasNextPage": True}
    assert _titles(rest) == ["政策2"]
    assert rest["data"]["recommendedPolicies"]["pageInfo"] == {"hasNextPage": False}


@pytest.mark.parametrize(
    ("variables", "field"),
    [({"first": 101}, ["first"]), ({"first": -1}, ["first"]), ({"after": "bm9wZQ=="}, ["after"])],
)
async def test_bad_paging_is_a_client_error(gql, variables, field):
    _, token = await make_worker()

    body = await gql(RECOMMENDED, variables, token=token)

    assert body["data"] is None
    assert [(e["extensions"]["code"], e["extensions"]["field"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", field)
    ]


@pytest.mark.parametrize("role", ROLES)
async def test_who_may_ask(gql, role):
    cast = await make_cast()
    await make_policy("面向所有人", roles=("WORKER", "EMPLOYER", "OPERATOR"))

    body = await gql(RECOMMENDED, token=cast.token[role])

    if role in ("anonymous", "staff"):
        assert_denied(body, role, "recommendedPolicies")
    else:
        assert _titles(body) == ["面向所有人"]
