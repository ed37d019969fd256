"""Subsidy programmes a worker qualifies for now appear among `recommendedPolicies` (issue 10,
item 3), before policy items, with the rules met as reasons; ones they do not qualify for, or
have applied for, do not."""

from __future__ import annotations

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import make_cast
from tests.fixtures.policy import make_policy
from tests.fixtures.subsidy import apply, make_completed_training, make_programme
from tests.fixtures.worker import make_worker

RECOMMENDED = """
query {
  recommendedPolicies {
    totalCount
    nodes {
      kind score policy { title } programme { id name kind }
      reasons { code message }
    }
  }
}"""


async def test_a_trainee_sees_the_training_subsidy_and_living_allowance_first(gql):
    # given: a worker who completed a subsidised urgent-skill course ten days ago, the two
    # training programmes, one for low-income workers only, one ended, and a policy item
    cast = await make_cast()
    enrolment = await make_completed_training(cast.market_id, cast.worker_id, hours=(3, 4.5))
    subsidy = await make_programme(
        "上城区职业培训补贴",
        amount_rule="PER_TRAINING_HOUR",
        amount="15",
        training_category="URGENT_SKILL",
        training_within_months=6,
    )
    allowance = await make_programme(
        "上城区培训期间生活费补贴", kind="TRAINING_LIVING_ALLOWANCE", amount="300"
    )
    await make_programme("低收入家庭培训补贴", assistance_categories=["LOW_INCOME"])
    await make_policy("全省零工政策")

    # when
    body = await gql(RECOMMENDED, token=cast.token["worker"])

    # then
    nodes = body["data"]["recommendedPolicies"]["nodes"]
    assert [
        (n["kind"], (n["programme"] or {}).get("name"), (n["policy"] or {}).get("title"))
        for n in nodes
    ] == [
        ("SUBSIDY_PROGRAMME", "上城区培训期间生活费补贴", None),  # newest programme first
        ("SUBSIDY_PROGRAMME", "上城区职业培训补贴", None),
        ("POLICY_ITEM", None, "全省零工政策"),
    ]
    assert nodes[1]["programme"] == {
        "id": encode_id("SubsidyProgramme", subsidy),
        "name": "上城区职业培训补贴",
        "kind": "TRAINING_SUBSIDY",
    }
    assert nodes[0]["programme"]["id"] == encode_id("SubsidyProgramme", allowance)
    assert nodes[1]["reasons"] == [
        {"code": "QUALIFIES", "message": m}
        for m in (
            "在申请期内（2026年1月1日至2098年12月31日）",
            "由劳动者本人申请",
            "已结业「叉车操作实训」",
            "尚未申请过",
            "预算余额充足（剩余 100,000.00 元）",
        )
    ]

    # and once applied for, a programme is no longer pushed
    await apply(cast.worker_id, allowance, enrolment)
    after = await gql(RECOMMENDED, token=cast.token["worker"])
    names = [
        (n["programme"] or {}).get("name") for n in after["data"]["recommendedPolicies"]["nodes"]
    ]
    assert names == ["上城区职业培训补贴", None]


async def test_without_a_completed_course_no_programme_is_pushed(gql):
    _, token = await make_worker()
    await make_programme("上城区职业培训补贴")

    body = await gql(RECOMMENDED, token=token)

    assert body["data"]["recommendedPolicies"] == {"totalCount": 0, "nodes": []}


async def test_employers_and_operators_get_policy_items_only(gql):
    cast = await make_cast()
    await make_programme("上城区职业培训补贴")
    await make_policy("全省政策", roles=("EMPLOYER", "OPERATOR"))

    for role in ("employer", "operator"):
        body = await gql(RECOMMENDED, token=cast.token[role])
        kinds = [n["kind"] for n in body["data"]["recommendedPolicies"]["nodes"]]
        assert kinds == ["POLICY_ITEM"], role
