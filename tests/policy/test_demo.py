"""`serve --demo` pushes the policy's own clauses to the demo worker, employer and operator."""

from __future__ import annotations

from tests.fixtures.demo import demo_world
from tools.demo import POLICIES

QUERY = "{ recommendedPolicies(first: 50) { nodes { policy { clause title issuingDocument } } } }"


async def test_the_demo_recommends_the_clauses_for_each_role(gql):
    # given
    world = await demo_world(markets=20)

    # when
    pushed = {
        role: [
            (n["policy"]["clause"], n["policy"]["title"])
            for n in (await gql(QUERY, token=world.token[role]))["data"]["recommendedPolicies"][
                "nodes"
            ]
        ]
        for role in ("worker", "employer", "operator")
    }
    listed = await gql("{ policies(first: 50) { totalCount nodes { issuingDocument } } }")

    # then: 张伟 has no assistance category, so the two assistance items are not his
    assert pushed["worker"] == [
        ("（二）", "零工市场免费提供对接洽谈场地"),
        ("（八）", "“即时快招”：快速发布、现场对接、当日到岗"),
        ("（九）", "职业培训补贴和培训期间生活费补贴"),
        ("（十三）", "乡村零工驿站：政策咨询、信息对接和用工矛盾调处"),
        ("（十六）", "以个人身份参加养老保险和工伤保险"),
        ("（十六）", "依法打击恶意欠薪，纠正就业歧视"),
    ]
    assert pushed["employer"] == [
        ("（二）", "零工市场免费提供对接洽谈场地"),
        ("（八）", "“即时快招”：快速发布、现场对接、当日到岗"),
        ("（十）", "优先招用困难灵活就业人员"),
        ("（十三）", "乡村零工驿站：政策咨询、信息对接和用工矛盾调处"),
        ("（十六）", "依法打击恶意欠薪，纠正就业歧视"),
    ]
    assert pushed["operator"] == [
        ("（十一）", "公益性零工市场第三方运营绩效奖励"),
        ("（十一）", "非公益性零工市场承担公益服务的就业创业服务补贴"),
        ("（十五）", "省级示范零工市场建设认定"),
    ]
    assert listed["data"]["policies"]["totalCount"] == len(POLICIES) == 12
    assert {n["issuingDocument"] for n in listed["data"]["policies"]["nodes"]} == {
        "浙人社发〔2023〕5号"
    }


async def test_an_older_demo_worker_gets_the_assistance_clauses(gql):
    from tests.fixtures.demo import sign_in
    from tools.demo import WORKERS

    await demo_world(markets=20)
    older = next(w for w in WORKERS if "OLDER" in w.assistance)
    signed = await sign_in(older.phone)

    body = await gql(QUERY, token=signed.token)

    titles = [n["policy"]["title"] for n in body["data"]["recommendedPolicies"]["nodes"]]
    assert titles[:2] == ["困难零工优先“一对一”对接和个性化就业援助", "公益性岗位托底安置"]
