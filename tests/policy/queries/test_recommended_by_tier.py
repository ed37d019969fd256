"""Policy items for tiers of the tiered service (分级服务) reach workers in those tiers only."""

from __future__ import annotations

from services.assistance import tier
from tests.fixtures.account import make_staff_user
from tests.fixtures.policy import make_policy
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_worker

QUERY = "{ recommendedPolicies { nodes { policy { title } reasons { code message } } } }"


async def test_items_for_tiers_follow_the_workers_tier_and_its_override(gql):
    assisted_id, assisted = await make_worker(assistance=("DISABLED",))
    _, general = await make_worker()
    await make_policy("援助服务对象一对一帮扶", service_tiers=("ASSISTED",))
    await make_policy("重点和援助服务对象优先对接", service_tiers=("KEY", "ASSISTED"))
    await make_policy("全体零工")

    for_assisted = await gql(QUERY, token=assisted)
    for_general = await gql(QUERY, token=general)
    await tier.set_override(await make_staff_user(), assisted_id, "KEY", "已就业，降为重点服务")
    after_override = await gql(QUERY, token=assisted)

    def titles(body):
        return [n["policy"]["title"] for n in body["data"]["recommendedPolicies"]["nodes"]]

    assert titles(for_assisted) == [
        "援助服务对象一对一帮扶",
        "重点和援助服务对象优先对接",
        "全体零工",
    ]
    assert for_assisted["data"]["recommendedPolicies"]["nodes"][0]["reasons"] == [
        {"code": "ROLE", "message": "面向零工"},
        {"code": "PROVINCE_WIDE", "message": "全省适用"},
        {"code": "SERVICE_TIER", "message": "分级服务：援助服务对象"},
    ]
    assert titles(for_general) == ["全体零工"]
    assert titles(after_override) == ["重点和援助服务对象优先对接", "全体零工"]


async def test_the_tier_costs_no_statement_of_its_own(gql):
    _, token = await make_worker()
    await make_policy("全体零工")
    with count_sql() as plain:
        await gql(QUERY, token=token)
    await make_policy("援助服务对象", service_tiers=("ASSISTED",))
    with count_sql() as tiered:
        await gql(QUERY, token=token)

    # token, items (with the worker's profile and what the tier is derived from), open subsidy
    # programmes (none), whether an item names a tier or not (the tier's own three statements
    # were a third of the list's)
    assert (plain[0], tiered[0]) == (3, 3)
