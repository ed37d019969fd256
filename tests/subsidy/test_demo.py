"""`serve --demo` shows the subsidy programmes and 李秀英's application for the public-welfare
job subsidy."""

from __future__ import annotations

from tests.fixtures.demo import demo_world, sign_in
from tools.demo import PROGRAMMES, WORKERS

QUERY = "{ subsidyProgrammes { totalCount nodes { name kind policyClause amountRule amount } } }"
MINE = "{ mySubsidyApplications { nodes { status amount programme { name } } } }"


async def test_the_demo_shows_programmes_and_an_application(gql):
    # given
    await demo_world(markets=20)
    applicant = await sign_in(WORKERS[1].phone)

    # when
    public = await gql(QUERY)
    mine = await gql(MINE, token=applicant.token)

    # then
    listed = public["data"]["subsidyProgrammes"]
    assert listed["totalCount"] == len(PROGRAMMES) == 4
    assert sorted((n["name"], n["policyClause"], n["amount"]) for n in listed["nodes"]) == [
        ("公益性岗位补贴", "（十）", "1800.00"),
        ("培训期间生活费补贴", "（九）", "300.00"),
        ("就业创业服务补贴（市场化零工市场）", "（十一）", "50.00"),
        ("职业培训补贴（急需紧缺职业）", "（九）", "15.00"),
    ]
    assert mine == {
        "data": {
            "mySubsidyApplications": {
                "nodes": [
                    {
                        "status": "SUBMITTED",
                        "amount": "1800.00",
                        "programme": {"name": "公益性岗位补贴"},
                    }
                ]
            }
        }
    }
