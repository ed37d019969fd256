"""`policies` (the public list) and `policy(id)` (one item for the app)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.policy import days_from_today, make_policy

LIST = """
query ($where: PolicyWhereInput, $search: String, $first: Int, $after: String) {
  policies(where: $where, search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage }
    edges { cursor }
    nodes { title clause }
  }
}
"""
ONE = """
query ($id: ID!) {
  policy(id: $id) {
    id title summary body issuingDocument clause effectiveFrom effectiveTo status
    audience {
      regions { code name }
      assistanceCategories
      occupations { name }
      roles
    }
  }
}
"""


def _titles(body: dict) -> list[str]:
    return [n["title"] for n in body["data"]["policies"]["nodes"]]


async def _sample() -> None:
    await make_policy("全省培训补贴", clause="（九）", starts=-30)
    await make_policy("杭州市快招", clause="（八）", regions=("330100",), starts=-20)
    await make_policy("上城区援助", clause="（十）", regions=("330102",), starts=-10)
    await make_policy(
        "宁波市运营补贴", clause="（十一）", regions=("330200",), roles=("OPERATOR",), starts=-5
    )
    await make_policy("草稿", status="DRAFT")
    await make_policy("撤回", status="WITHDRAWN")
    await make_policy("未生效", starts=3)
    await make_policy("已失效", starts=-90, ends=-2)


async def test_the_public_sees_published_items_in_effect_newest_first(gql):
    await _sample()

    body = await gql(LIST)

    assert body == {
        "data": {
            "policies": {
                "totalCount": 4,
                "pageInfo": {"hasNextPage": False},
                "edges": body["data"]["policies"]["edges"],
                "nodes": [
                    {"title": "宁波市运营补贴", "clause": "（十一）"},
                    {"title": "上城区援助", "clause": "（十）"},
                    {"title": "杭州市快招", "clause": "（八）"},
                    {"title": "全省培训补贴", "clause": "（九）"},
                ],
            }
        }
    }


@pytest.mark.parametrize(
    ("where", "search", "titles"),
    [
        ({"regionCode": "330102"}, None, ["上城区援助", "杭州市快招", "全省培训补贴"]),
        ({"regionCode": "330100"}, None, ["杭州市快招", "全省培训补贴"]),
        ({"regionCode": "330106"}, None, ["杭州市快招", "全省培训补贴"]),
        ({"regionCode": "330000"}, None, ["全省培训补贴"]),
        ({"clause": "(十)"}, None, ["上城区援助"]),
        ({"clause": "（十一）"}, None, ["宁波市运营补贴"]),
        ({"role": "OPERATOR"}, None, ["宁波市运营补贴"]),
        (None, "快招", ["杭州市快招"]),
        (None, "5号", ["宁波市运营补贴", "上城区援助", "杭州市快招", "全省培训补贴"]),
        ({"regionCode": "330102", "clause": "（九）"}, "补贴", ["全省培训补贴"]),
    ],
)
async def test_filters(gql, where, search, titles):
    await _sample()

    body = await gql(LIST, {"where": where, "search": search})

    assert _titles(body) == titles
    assert body["data"]["policies"]["totalCount"] == len(titles)


@pytest.mark.parametrize(
    ("where", "field", "message"),
    [
        ({"regionCode": "33010"}, ["where", "regionCode"], "regionCode：须为 6 位行政区划代码"),
        ({"regionCode": "110101"}, ["where", "regionCode"], "regionCode：浙江省内没有"),
        ({"clause": "第十一条"}, ["where", "clause"], "clause：条款应写作"),
    ],
)
async def test_bad_filters_are_client_errors(gql, where, field, message):
    body = await gql(LIST, {"where": where})

    assert body["data"] is None
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", field)
    assert error["message"].startswith(message)


async def test_pages_follow_the_cursor(gql):
    await _sample()

    first = await gql(LIST, {"first": 3})
    cursor = first["data"]["policies"]["edges"][-1]["cursor"]
    rest = await gql(LIST, {"first": 3, "after": cursor})

    assert _titles(first) == ["宁波市运营补贴", "上城区援助", "杭州市快招"]
    assert first["data"]["policies"]["pageInfo"] == {"hasNextPage": True}
    assert _titles(rest) == ["全省培训补贴"]


@pytest.mark.parametrize("role", ROLES)
async def test_the_list_and_an_item_are_the_same_for_every_role_except_drafts(gql, role):
    cast = await make_cast()
    published = await make_policy(
        "困难零工援助",
        summary="困难零工优先一对一对接。",
        body="优先组织其与适合的用工主体开展“一对一”对接洽谈。",
        clause="（十）",
        starts=-3,
        ends=30,
        regions=("330100", "330203"),
        categories=("OLDER", "DISABLED"),
        occupations=("保洁员", "装卸搬运工"),
        roles=("WORKER",),
    )
    draft = await make_policy("草稿", status="DRAFT")
    withdrawn = await make_policy("撤回", status="WITHDRAWN")

    listed = await gql(LIST, token=cast.token[role])
    one = await gql(ONE, {"id": encode_id("Policy", published)}, token=cast.token[role])
    hidden = [
        (await gql(ONE, {"id": encode_id("Policy", i)}, token=cast.token[role]))["data"]["policy"]
        for i in (draft, withdrawn)
    ]

    assert _titles(listed) == ["困难零工援助"]
    assert one == {
        "data": {
            "policy": {
                "id": encode_id("Policy", published),
                "title": "困难零工援助",
                "summary": "困难零工优先一对一对接。",
                "body": "优先组织其与适合的用工主体开展“一对一”对接洽谈。",
                "issuingDocument": "浙人社发〔2023〕5号",
                "clause": "（十）",
                "effectiveFrom": days_from_today(-3).isoformat(),
                "effectiveTo": days_from_today(30).isoformat(),
                "status": "PUBLISHED",
                "audience": {
                    "regions": [
                        {"code": "330100", "name": "杭州市"},
                        {"code": "330203", "name": "海曙区"},
                    ],
                    "assistanceCategories": ["OLDER", "DISABLED"],
                    "occupations": [{"name": "保洁员"}, {"name": "装卸搬运工"}],
                    "roles": ["WORKER"],
                },
            }
        }
    }
    if role == "staff":
        assert [h["status"] for h in hidden] == ["DRAFT", "WITHDRAWN"]  # type: ignore[index]
    else:
        assert hidden == [None, None]


@pytest.mark.parametrize("bad", ["", "nope", encode_id("Training", 1), encode_id("Policy", 999)])
async def test_an_unknown_or_malformed_id_is_null(gql, bad):
    await make_policy()

    body = await gql(ONE, {"id": bad})

    assert body == {"data": {"policy": None}}


async def test_an_item_is_reachable_as_a_node(gql):
    policy_id = await make_policy("节点")

    body = await gql(
        "query ($id: ID!) { node(id: $id) { ... on Policy { title } } }",
        {"id": encode_id("Policy", policy_id)},
    )

    assert body == {"data": {"node": {"title": "节点"}}}
