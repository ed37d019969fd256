"""`subsidyApplicationSubmit` by a worker: both training subsidies, every unmet rule named with
nothing stored, the period and the budget, one application per person per programme per training."""

from __future__ import annotations

from resolvers.global_ids import encode_id
from tables import subsidy as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import make_cast
from tests.fixtures.subsidy import (
    certificate,
    make_completed_training,
    make_programme,
    snapshot,
)

SUBMIT = """
mutation($input: SubsidyApplicationSubmitInput!) {
  subsidyApplicationSubmit(input: $input) {
    application {
      status amount quantity
      programme { name kind }
      trainingEnrolment { certificateNo }
      market { name }
    }
    userErrors { code field message }
  }
}"""


def pid(number: int) -> str:
    return encode_id("SubsidyProgramme", number)


def refused(*errors: tuple[str, list[str] | None, str]) -> dict:
    return {
        "data": {
            "subsidyApplicationSubmit": {
                "application": None,
                "userErrors": [{"code": c, "field": f, "message": m} for c, f, m in errors],
            }
        }
    }


async def test_a_trainee_applies_for_the_training_subsidy_and_the_living_allowance(gql):
    # given: a low-income worker who completed a subsidised course of 7.5 hours
    cast = await make_cast(assistance=("LOW_INCOME",))
    enrolment = await make_completed_training(cast.market_id, cast.worker_id)
    subsidy = await make_programme(
        "职业培训补贴",
        amount_rule="PER_TRAINING_HOUR",
        amount="12.34",
        training_category="URGENT_SKILL",
        training_within_months=6,
        region_code="330100",
    )
    allowance = await make_programme(
        "培训期间生活费补贴",
        kind="TRAINING_LIVING_ALLOWANCE",
        amount="300",
        assistance_categories=["LOW_INCOME", "DISABLED"],
    )

    # when
    first = await gql(SUBMIT, {"input": {"programmeId": pid(subsidy)}}, token=cast.token["worker"])
    second = await gql(
        SUBMIT,
        {
            "input": {
                "programmeId": pid(allowance),
                "trainingEnrolmentId": encode_id("TrainingEnrolment", enrolment),
            }
        },
        token=cast.token["worker"],
    )

    # then: 12.34 元 × 7.5 h = 92.55 元; the allowance is a fixed 300 元
    course = {"trainingEnrolment": {"certificateNo": await certificate(enrolment)}, "market": None}
    assert first == {
        "data": {
            "subsidyApplicationSubmit": {
                "application": {
                    "status": "SUBMITTED",
                    "amount": "92.55",
                    "quantity": 450,
                    "programme": {"name": "职业培训补贴", "kind": "TRAINING_SUBSIDY"},
                    **course,
                },
                "userErrors": [],
            }
        }
    }
    assert second == {
        "data": {
            "subsidyApplicationSubmit": {
                "application": {
                    "status": "SUBMITTED",
                    "amount": "300.00",
                    "quantity": 1,
                    "programme": {
                        "name": "培训期间生活费补贴",
                        "kind": "TRAINING_LIVING_ALLOWANCE",
                    },
                    **course,
                },
                "userErrors": [],
            }
        }
    }
    rows = await t.SubsidyApplication.select(
        t.SubsidyApplication.programme,
        t.SubsidyApplication.worker,
        t.SubsidyApplication.enrolment,
        t.SubsidyApplication.amount_fen,
        t.SubsidyApplication.status,
    ).order_by(t.SubsidyApplication.id)
    assert rows == [
        {
            "programme": subsidy,
            "worker": cast.worker_id,
            "enrolment": enrolment,
            "amount_fen": 9255,
            "status": "SUBMITTED",
        },
        {
            "programme": allowance,
            "worker": cast.worker_id,
            "enrolment": enrolment,
            "amount_fen": 30000,
            "status": "SUBMITTED",
        },
    ]
    audit = await AuditLog.select(AuditLog.action, AuditLog.actor_type, AuditLog.actor_id).where(
        AuditLog.entity_type == "subsidy_application"
    )
    assert (
        audit
        == [
            {
                "action": "subsidy_application.submit",
                "actor_type": "WORKER",
                "actor_id": cast.worker_id,
            }
        ]
        * 2
    )


async def test_an_ineligible_worker_is_told_every_unmet_rule_and_nothing_is_stored(gql):
    # given: a worker in 上城区 with no assistance category whose only course was not subsidised
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id, subsidised=False, title="插花")
    programme = await make_programme(
        "宁波市职业培训补贴",
        assistance_categories=["DISABLED", "OLDER"],
        training_within_months=3,
        region_code="330200",
    )
    before = await snapshot()

    # when
    body = await gql(SUBMIT, {"input": {"programmeId": pid(programme)}}, token=cast.token["worker"])

    # then: each unmet rule is named, and nothing was written
    assert body["data"]["subsidyApplicationSubmit"]["application"] is None
    errors = body["data"]["subsidyApplicationSubmit"]["userErrors"]
    assert [(e["code"], e["field"]) for e in errors] == [
        ("ASSISTANCE_CATEGORY", ["programmeId"]),
        ("REGION", ["programmeId"]),
        ("COMPLETED_TRAINING", ["trainingEnrolmentId"]),
    ]
    assert errors[0]["message"] == "须属于以下援助对象之一：大龄、残疾（求职登记中未登记）"
    assert errors[1]["message"] == "常住地须在宁波市"
    assert errors[2]["message"].startswith("须近 3 个月内（")
    assert errors[2]["message"].endswith("以后）结业一门享受补贴的培训课程：「插花」不享受培训补贴")
    assert await snapshot() == before


async def test_outside_the_period_and_over_budget(gql):
    # given: a programme that has ended, and one whose budget is used up
    from datetime import datetime

    from services.timeutil import SHANGHAI

    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    ended = await make_programme(
        starts_at=datetime(2025, 1, 1, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 1, 1, tzinfo=SHANGHAI),
    )
    poor = await make_programme(amount="800", budget="1000")
    await t.SubsidyProgramme.update({t.SubsidyProgramme.committed_fen: 50000}).where(
        t.SubsidyProgramme.id == poor
    )
    before = await snapshot()

    # when
    late = await gql(SUBMIT, {"input": {"programmeId": pid(ended)}}, token=cast.token["worker"])
    broke = await gql(SUBMIT, {"input": {"programmeId": pid(poor)}}, token=cast.token["worker"])

    # then
    assert late == refused(
        ("PROGRAMME_OPEN", ["programmeId"], "不在申请期内：申请期为2025年1月1日至2025年12月31日")
    )
    assert broke == refused(
        ("BUDGET", ["programmeId"], "预算余额不足：剩余 500.00 元，本次 800.00 元")
    )
    assert await snapshot() == before


async def test_one_application_per_person_per_programme_per_training(gql):
    # given: an application for the first course
    cast = await make_cast()
    one = await make_completed_training(cast.market_id, cast.worker_id, title="叉车操作实训")
    programme = await make_programme()
    first = await gql(
        SUBMIT, {"input": {"programmeId": pid(programme)}}, token=cast.token["worker"]
    )
    assert first["data"]["subsidyApplicationSubmit"]["userErrors"] == []
    applied = await t.SubsidyApplication.select(t.SubsidyApplication.id).first()
    assert applied is not None
    before = await snapshot()

    # when: the same training again, named or not
    again = await gql(
        SUBMIT, {"input": {"programmeId": pid(programme)}}, token=cast.token["worker"]
    )
    named = await gql(
        SUBMIT,
        {
            "input": {
                "programmeId": pid(programme),
                "trainingEnrolmentId": encode_id("TrainingEnrolment", one),
            }
        },
        token=cast.token["worker"],
    )

    # then
    expected = refused(
        ("NOT_YET_APPLIED", ["programmeId"], f"已申请过本项目（申请编号 {applied['id']}）")
    )
    assert again == named == expected
    assert await snapshot() == before

    # and a second completed course may be claimed under the same programme
    await make_completed_training(cast.market_id, cast.worker_id, title="电工安全")
    other = await gql(
        SUBMIT, {"input": {"programmeId": pid(programme)}}, token=cast.token["worker"]
    )
    assert other["data"]["subsidyApplicationSubmit"]["userErrors"] == []
    assert await t.SubsidyApplication.count() == 2
