"""`subsidyProgrammes` (public) and `mySubsidyApplications` (the applicant's own)."""

from __future__ import annotations

from datetime import datetime

import pytest

from resolvers.global_ids import encode_id
from services.subsidy import review
from services.subsidy.applications import submit
from services.subsidy.eligibility import Applicant
from services.timeutil import SHANGHAI
from tables import subsidy as t
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.subsidy import (
    apply,
    make_approver,
    make_completed_training,
    make_placements,
    make_programme,
)
from tests.fixtures.worker import make_worker

PROGRAMMES = """
query($kind: [SubsidyKind!]) {
  subsidyProgrammes(kind: $kind) {
    totalCount
    nodes {
      name kind policyClause amountRule amount assistanceCategories trainingCategory
      trainingWithinMonths region { code } marketOwnership startsAt endsAt
      budget budgetRemaining approvalThreshold active
    }
  }
}"""

MINE = """
query($status: [SubsidyApplicationStatus!]) {
  mySubsidyApplications(status: $status) {
    totalCount
    nodes { id status amount quantity rejectReason paymentReference programme { name } }
  }
}"""


async def test_open_programmes_are_listed_ending_soonest_first(gql):
    # given: two open programmes, one ended and one stopped
    soon = datetime(2090, 1, 1, tzinfo=SHANGHAI)
    await make_programme(
        "培训补贴",
        amount="12.5",
        assistance_categories=["OLDER"],
        training_category="GENERAL",
        training_within_months=12,
        region_code="330100",
    )
    await make_programme(
        "服务补贴",
        kind="EMPLOYMENT_SERVICE_SUBSIDY",
        amount_rule="PER_PLACEMENT",
        market_ownership="MARKET_OPERATED",
        ends_at=soon,
    )
    await make_programme(
        "已结束",
        starts_at=datetime(2024, 1, 1, tzinfo=SHANGHAI),
        ends_at=datetime(2025, 1, 1, tzinfo=SHANGHAI),
    )
    await make_programme("已停用", active=False)

    # when
    everyone = await gql(PROGRAMMES)
    training = await gql(PROGRAMMES, {"kind": ["TRAINING_SUBSIDY"]})

    # then
    service = {
        "name": "服务补贴",
        "kind": "EMPLOYMENT_SERVICE_SUBSIDY",
        "policyClause": "（十一）",
        "amountRule": "PER_PLACEMENT",
        "amount": "800.00",
        "assistanceCategories": [],
        "trainingCategory": None,
        "trainingWithinMonths": None,
        "region": None,
        "marketOwnership": "MARKET_OPERATED",
        "startsAt": "2025-12-31T16:00:00+00:00",
        "endsAt": "2089-12-31T16:00:00+00:00",
        "budget": "100000.00",
        "budgetRemaining": "100000.00",
        "approvalThreshold": "500.00",
        "active": True,
    }
    subsidy = {
        **service,
        "name": "培训补贴",
        "kind": "TRAINING_SUBSIDY",
        "policyClause": "（九）",
        "amountRule": "FIXED",
        "amount": "12.50",
        "assistanceCategories": ["OLDER"],
        "trainingCategory": "GENERAL",
        "trainingWithinMonths": 12,
        "region": {"code": "330100"},
        "marketOwnership": None,
        "endsAt": "2098-12-31T16:00:00+00:00",
    }
    assert everyone == {
        "data": {"subsidyProgrammes": {"totalCount": 2, "nodes": [service, subsidy]}}
    }
    assert training == {"data": {"subsidyProgrammes": {"totalCount": 1, "nodes": [subsidy]}}}


async def test_workers_and_operators_see_their_own_applications(gql):
    # given: the worker's two applications (one rejected), another worker's, and a market's
    cast = await make_cast()
    approver = await make_approver()
    await make_completed_training(cast.market_id, cast.worker_id)
    subsidy = await make_programme("培训补贴")
    allowance = await make_programme("生活费补贴", kind="TRAINING_LIVING_ALLOWANCE", amount="200")
    first = await apply(cast.worker_id, subsidy)
    second = await apply(cast.worker_id, allowance)
    await review.reject(second, approver, "结业证书信息与培训机构记录不符")
    other, _ = await make_worker()
    await make_completed_training(cast.market_id, other)
    await apply(other, subsidy)
    service = await make_programme("服务补贴", kind="EMPLOYMENT_SERVICE_SUBSIDY", amount="3000")
    await make_placements(cast.market_id, cast.employer_id, [other])
    market_app = await submit(
        Applicant("OPERATOR", cast.operator_id, market_id=cast.market_id), service
    )

    # when
    worker = await gql(MINE, token=cast.token["worker"])
    rejected = await gql(MINE, {"status": ["REJECTED"]}, token=cast.token["worker"])
    operator = await gql(MINE, token=cast.token["operator"])
    other_operator = await gql(MINE, token=cast.token["other_operator"])

    # then: newest first
    def node(number, status, amount, name, reason=None):
        return {
            "id": encode_id("SubsidyApplication", number),
            "status": status,
            "amount": amount,
            "quantity": 1,
            "rejectReason": reason,
            "paymentReference": None,
            "programme": {"name": name},
        }

    refused = node(second, "REJECTED", "200.00", "生活费补贴", "结业证书信息与培训机构记录不符")
    assert worker == {
        "data": {
            "mySubsidyApplications": {
                "totalCount": 2,
                "nodes": [refused, node(first, "SUBMITTED", "800.00", "培训补贴")],
            }
        }
    }
    assert rejected == {"data": {"mySubsidyApplications": {"totalCount": 1, "nodes": [refused]}}}
    assert operator == {
        "data": {
            "mySubsidyApplications": {
                "totalCount": 1,
                "nodes": [node(market_app, "SUBMITTED", "3000.00", "服务补贴")],
            }
        }
    }
    assert other_operator == {"data": {"mySubsidyApplications": {"totalCount": 0, "nodes": []}}}
    assert await t.SubsidyApplication.count() == 4


@pytest.mark.parametrize("role", ROLES)
async def test_authorization_matrix(gql, role):
    cast = await make_cast()
    await make_programme("培训补贴")
    programmes = await gql(PROGRAMMES, token=cast.token[role])
    mine = await gql(MINE, token=cast.token[role])
    assert programmes["data"]["subsidyProgrammes"]["totalCount"] == 1
    if role in ("worker", "operator", "other_operator"):
        assert mine == {"data": {"mySubsidyApplications": {"totalCount": 0, "nodes": []}}}
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert mine["data"] is None
    assert [e["extensions"] for e in mine["errors"]] == [{"code": expected}]
