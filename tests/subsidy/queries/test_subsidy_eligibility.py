"""`subsidyEligibility`: every rule of a programme explained in Chinese before anything is
stored, for a worker (themselves) or an operator (a market it runs)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.subsidy import (
    WINDOW,
    certificate,
    make_completed_training,
    make_placements,
    make_programme,
    snapshot,
)

ELIGIBILITY = """
query($p: ID!, $e: ID, $m: ID) {
  subsidyEligibility(programmeId: $p, trainingEnrolmentId: $e, marketId: $m) {
    eligible amount
    checks { rule met text }
    programme { name policyClause }
    trainingEnrolment { certificateNo }
    market { id }
  }
}"""


def pid(number: int) -> str:
    return encode_id("SubsidyProgramme", number)


async def test_an_eligible_trainee_sees_every_rule_met_and_the_amount(gql):
    # given
    cast = await make_cast(assistance=("DISABLED",))
    enrolment = await make_completed_training(cast.market_id, cast.worker_id)
    programme = await make_programme(
        "职业培训补贴",
        amount_rule="PER_TRAINING_HOUR",
        amount="10",
        assistance_categories=["DISABLED"],
        training_category="URGENT_SKILL",
        region_code="330102",
    )
    before = await snapshot()

    # when
    body = await gql(ELIGIBILITY, {"p": pid(programme)}, token=cast.token["worker"])

    # then
    assert body == {
        "data": {
            "subsidyEligibility": {
                "eligible": True,
                "amount": "75.00",
                "checks": [
                    {"rule": "PROGRAMME_OPEN", "met": True, "text": f"在申请期内（{WINDOW}）"},
                    {"rule": "APPLICANT_KIND", "met": True, "text": "由劳动者本人申请"},
                    {
                        "rule": "ASSISTANCE_CATEGORY",
                        "met": True,
                        "text": "属于援助对象（残疾之一）",
                    },
                    {"rule": "REGION", "met": True, "text": "常住地在上城区"},
                    {"rule": "COMPLETED_TRAINING", "met": True, "text": "已结业「叉车操作实训」"},
                    {"rule": "NOT_YET_APPLIED", "met": True, "text": "尚未申请过"},
                    {"rule": "BUDGET", "met": True, "text": "预算余额充足（剩余 100,000.00 元）"},
                ],
                "programme": {"name": "职业培训补贴", "policyClause": "（九）"},
                "trainingEnrolment": {"certificateNo": await certificate(enrolment)},
                "market": None,
            }
        }
    }
    assert await snapshot() == before


async def test_an_ineligible_worker_sees_each_unmet_rule(gql):
    # given: no assistance category, lives in 上城区, no completed course
    cast = await make_cast()
    programme = await make_programme(
        "培训期间生活费补贴",
        kind="TRAINING_LIVING_ALLOWANCE",
        assistance_categories=["LOW_INCOME"],
        training_category="NEW_OCCUPATION",
        region_code="330300",
    )

    # when
    body = await gql(ELIGIBILITY, {"p": pid(programme)}, token=cast.token["worker"])

    # then: the amount is unknown without a course
    assert body == {
        "data": {
            "subsidyEligibility": {
                "eligible": False,
                "amount": None,
                "checks": [
                    {"rule": "PROGRAMME_OPEN", "met": True, "text": f"在申请期内（{WINDOW}）"},
                    {"rule": "APPLICANT_KIND", "met": True, "text": "由劳动者本人申请"},
                    {
                        "rule": "ASSISTANCE_CATEGORY",
                        "met": False,
                        "text": "须属于以下援助对象之一：低收入家庭（求职登记中未登记）",
                    },
                    {"rule": "REGION", "met": False, "text": "常住地须在温州市"},
                    {
                        "rule": "COMPLETED_TRAINING",
                        "met": False,
                        "text": "须结业一门「新职业技能」类享受补贴的培训课程：没有结业记录",
                    },
                ],
                "programme": {"name": "培训期间生活费补贴", "policyClause": "（九）"},
                "trainingEnrolment": None,
                "market": None,
            }
        }
    }


async def test_an_operator_checks_a_market_it_runs(gql):
    # given
    cast = await make_cast()
    await make_placements(cast.market_id, cast.employer_id, [cast.worker_id])
    programme = await make_programme(
        "就业创业服务补贴", kind="EMPLOYMENT_SERVICE_SUBSIDY", amount_rule="PER_PLACEMENT"
    )
    market = encode_id("Market", cast.market_id)

    # when
    mine = await gql(ELIGIBILITY, {"p": pid(programme), "m": market}, token=cast.token["operator"])
    theirs = await gql(
        ELIGIBILITY, {"p": pid(programme), "m": market}, token=cast.token["other_operator"]
    )
    without = await gql(ELIGIBILITY, {"p": pid(programme)}, token=cast.token["operator"])

    # then
    assert mine == {
        "data": {
            "subsidyEligibility": {
                "eligible": True,
                "amount": "800.00",
                "checks": [
                    {"rule": "PROGRAMME_OPEN", "met": True, "text": f"在申请期内（{WINDOW}）"},
                    {"rule": "APPLICANT_KIND", "met": True, "text": "由零工市场运营机构申请"},
                    {"rule": "PLACEMENTS", "met": True, "text": "申请期内成功就业 1 人次"},
                    {"rule": "NOT_YET_APPLIED", "met": True, "text": "尚未申请过"},
                    {"rule": "BUDGET", "met": True, "text": "预算余额充足（剩余 100,000.00 元）"},
                ],
                "programme": {"name": "就业创业服务补贴", "policyClause": "（十一）"},
                "trainingEnrolment": None,
                "market": {"id": market},
            }
        }
    }
    assert theirs == without == {"data": {"subsidyEligibility": None}}


@pytest.mark.parametrize("role", ROLES)
async def test_authorization_matrix(gql, role):
    # given
    cast = await make_cast()
    programme = await make_programme(kind="PUBLIC_WELFARE_JOB_SUBSIDY", amount="1500")

    # when
    body = await gql(ELIGIBILITY, {"p": pid(programme)}, token=cast.token[role])

    # then: workers see the rules; operators learn the programme is not theirs to apply for
    if role in ("worker", "operator", "other_operator"):
        checks = body["data"]["subsidyEligibility"]["checks"]
        assert checks[1] == (
            {"rule": "APPLICANT_KIND", "met": True, "text": "由劳动者本人申请"}
            if role == "worker"
            else {
                "rule": "APPLICANT_KIND",
                "met": False,
                "text": "本补贴按（十）由劳动者本人申请，运营机构不能代为申请",
            }
        )
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] == {"subsidyEligibility": None}
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]


async def test_unknown_or_malformed_ids_give_null(gql):
    cast = await make_cast()
    programme = await make_programme()
    for variables in (
        {"p": "???"},
        {"p": pid(999999)},
        {"p": pid(programme), "e": "???"},
        {"p": pid(programme), "e": encode_id("TrainingEnrolment", 999999)},
    ):
        body = await gql(ELIGIBILITY, variables, token=cast.token["worker"])
        assert body == {"data": {"subsidyEligibility": None}}, variables
