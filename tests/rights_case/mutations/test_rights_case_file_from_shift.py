"""`rightsCaseFileFromShift`: an unpaid or disputed shift becomes a wage-arrears case in one
step, with the facts from the records."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from resolvers.global_ids import encode_id
from services.rights_case import settlement
from services.timeutil import local, now
from tables import job_posting as jp
from tables import rights_case as t
from tests.fixtures.job_posting import ROLES, assert_denied
from tests.fixtures.rights_case import make_scene, snapshot

FROM_SHIFT = """
mutation($id: ID!) {
  rightsCaseFileFromShift(jobApplicationId: $id) {
    rightsCase { kind status department summary amountClaimed
                 employer { id } market { id } jobApplication { id settlement { status } } }
    userErrors { code field message }
  }
}"""


async def overdue_scene():
    """A completed shift whose 24 hours for recording the payment have passed."""
    scene = await make_scene()
    await jp.JobApplication.update(
        {jp.JobApplication.completed_at: now() - timedelta(hours=25)}
    ).where(jp.JobApplication.id == scene.application_id)
    return scene


def day_of(scene_row) -> str:
    return local(scene_row["starts_at"]).strftime("%Y-%m-%d")


async def _starts(scene) -> str:
    row = await jp.JobApplication.select(jp.JobApplication.starts_at).where(
        jp.JobApplication.id == scene.application_id
    )
    return day_of(row[0])


@pytest.mark.parametrize("role", ROLES)
async def test_the_worker_files_an_unpaid_shift_in_one_step(gql, role):
    scene = await overdue_scene()
    before = await snapshot()

    body = await gql(
        FROM_SHIFT,
        {"id": encode_id("JobApplication", scene.application_id)},
        token=scene.cast.token[role],
    )

    if role == "worker":
        assert body == {
            "data": {
                "rightsCaseFileFromShift": {
                    "rightsCase": {
                        "kind": "WAGE_ARREARS",
                        "status": "FILED",
                        "department": "LABOUR_INSPECTION",
                        "summary": f"{await _starts(scene)}「仓库装卸工」已完工，按招工信息应付 "
                        "200.00 元；完工超过 24 小时，用工主体未登记工资支付",
                        "amountClaimed": "200.00",
                        "employer": {"id": encode_id("Employer", scene.cast.employer_id)},
                        "market": {"id": encode_id("Market", scene.cast.market_id)},
                        "jobApplication": {
                            "id": encode_id("JobApplication", scene.application_id),
                            "settlement": None,
                        },
                    },
                    "userErrors": [],
                }
            }
        }
        return
    assert_denied(body, role, "rightsCaseFileFromShift")
    assert await snapshot() == before


async def test_a_disputed_payment_claims_the_difference_and_links_the_case(gql):
    scene = await make_scene()
    await settlement.record_payment(
        scene.cast.employer_id, scene.application_id, Decimal("150.00"), "CASH", now()
    )
    await settlement.answer(scene.cast.worker_id, scene.application_id, False, "少付 50 元")

    body = await gql(
        FROM_SHIFT,
        {"id": encode_id("JobApplication", scene.application_id)},
        token=scene.cast.token["worker"],
    )

    case = body["data"]["rightsCaseFileFromShift"]["rightsCase"]
    assert case["amountClaimed"] == "50.00"
    assert case["summary"].endswith("；用工主体登记现金支付 150.00 元，零工异议：少付 50 元")
    assert case["jobApplication"]["settlement"] == {"status": "DISPUTED"}
    row = await t.WageSettlement.select(t.WageSettlement.rights_case).first()
    case_row = await t.RightsCase.select(t.RightsCase.id).first()
    assert row == {"rights_case": case_row["id"]}


async def test_too_early_settled_or_not_completed_shifts_are_refused(gql):
    early = await make_scene()
    settled = await make_scene()
    await settlement.record_payment(
        settled.cast.employer_id, settled.application_id, Decimal("200.00"), "WECHAT", now()
    )
    await settlement.answer(settled.cast.worker_id, settled.application_id, True, "")
    running = await make_scene(status="CHECKED_IN")
    before = await snapshot()

    bodies = [
        await gql(
            FROM_SHIFT,
            {"id": encode_id("JobApplication", s.application_id)},
            token=s.cast.token["worker"],
        )
        for s in (early, settled, running)
    ]

    assert [b["data"]["rightsCaseFileFromShift"]["userErrors"] for b in bodies] == [
        [
            {
                "code": "NOT_DUE_YET",
                "field": ["jobApplicationId"],
                "message": "完工 24 小时后仍未登记支付，才可申请欠薪维权",
            }
        ],
        [{"code": "SETTLED", "field": ["jobApplicationId"], "message": "该班次的工资支付没有异议"}],
        [
            {
                "code": "NOT_COMPLETED",
                "field": ["jobApplicationId"],
                "message": "只有已完工的班次可以申请欠薪维权",
            }
        ],
    ]
    assert await snapshot() == before
