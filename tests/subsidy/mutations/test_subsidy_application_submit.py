"""`subsidyApplicationSubmit`: a worker for themselves, an operator for its market; every unmet
rule named, nothing stored; one application per person per programme per training."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import subsidy as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.market import make_market
from tests.fixtures.subsidy import (
    certificate,
    make_completed_training,
    make_placements,
    make_programme,
    snapshot,
)
from tests.fixtures.worker import make_worker

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


async def test_an_operator_applies_for_the_employment_service_subsidy_of_its_market(gql):
    # given: a market-run market of the operator with three placements in the period
    cast = await make_cast()
    market = await make_market(
        name="上城区测试市场化零工市场", operator_id=cast.operator_id, ownership="MARKET_OPERATED"
    )
    workers = [(await make_worker())[0] for _ in range(3)]
    await make_placements(market, cast.employer_id, workers)
    programme = await make_programme(
        "就业创业服务补贴",
        kind="EMPLOYMENT_SERVICE_SUBSIDY",
        amount_rule="PER_PLACEMENT",
        amount="50.5",
        market_ownership="MARKET_OPERATED",
        region_code="330102",
    )
    gid = encode_id("Market", market)

    # when
    body = await gql(
        SUBMIT,
        {"input": {"programmeId": pid(programme), "marketId": gid}},
        token=cast.token["operator"],
    )
    # the public-welfare market of the cast does not qualify
    public = await gql(
        SUBMIT,
        {"input": {"programmeId": pid(programme), "marketId": encode_id("Market", cast.market_id)}},
        token=cast.token["operator"],
    )

    # then
    assert body == {
        "data": {
            "subsidyApplicationSubmit": {
                "application": {
                    "status": "SUBMITTED",
                    "amount": "151.50",
                    "quantity": 3,
                    "programme": {"name": "就业创业服务补贴", "kind": "EMPLOYMENT_SERVICE_SUBSIDY"},
                    "trainingEnrolment": None,
                    "market": {"name": "上城区测试市场化零工市场"},
                },
                "userErrors": [],
            }
        }
    }
    assert public == refused(
        (
            "MARKET_OWNERSHIP",
            ["marketId"],
            f"须为市场化零工市场（「{await _market_name(cast.market_id)}」为公益性）",
        ),
        ("PLACEMENTS", ["marketId"], "申请期内该市场没有成功就业（已完工）记录"),
    )
    row = await t.SubsidyApplication.select(
        t.SubsidyApplication.market, t.SubsidyApplication.operator, t.SubsidyApplication.worker
    ).first()
    assert row == {"market": market, "operator": cast.operator_id, "worker": None}


async def _market_name(market_id: int) -> str:
    from tables.market import Market

    row = await Market.select(Market.name).where(Market.id == market_id).first()
    assert row is not None
    return row["name"]


@pytest.mark.parametrize("role", ROLES)
async def test_authorization_matrix(gql, role):
    # given: a training programme (workers) and an employment service programme (operators)
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    training = await make_programme()
    service = await make_programme(kind="EMPLOYMENT_SERVICE_SUBSIDY")
    await make_placements(cast.market_id, cast.employer_id, [cast.worker_id])
    market = encode_id("Market", cast.market_id)
    before = await snapshot()

    # when
    for_worker = await gql(
        SUBMIT, {"input": {"programmeId": pid(training)}}, token=cast.token[role]
    )
    for_market = await gql(
        SUBMIT, {"input": {"programmeId": pid(service), "marketId": market}}, token=cast.token[role]
    )

    # then
    if role == "worker":
        assert for_worker["data"]["subsidyApplicationSubmit"]["userErrors"] == []
        assert for_market == refused(
            (
                "APPLICANT_KIND",
                ["programmeId"],
                "就业创业服务补贴按（十一）由零工市场运营机构为其市场申请",
            )
        )
        return
    if role == "operator":
        assert for_market["data"]["subsidyApplicationSubmit"]["userErrors"] == []
        assert for_worker == refused(
            (
                "APPLICANT_KIND",
                ["programmeId"],
                "本补贴按（九）由劳动者本人申请，运营机构不能代为申请",
            )
        )
        return
    if role == "other_operator":
        not_theirs = refused(("NOT_FOUND", ["marketId"], "零工市场（或不由你运营）不存在"))
        assert for_market == not_theirs
        assert await snapshot() == before
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    for body in (for_worker, for_market):
        assert body["data"] is None
        assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before


async def test_unknown_and_malformed_ids_are_user_errors(gql):
    # given
    cast = await make_cast()
    programme = await make_programme()
    before = await snapshot()

    # when
    bodies = [
        await gql(SUBMIT, {"input": {"programmeId": value}}, token=cast.token["worker"])
        for value in ("???", encode_id("SubsidyProgramme", 999999), encode_id("Market", programme))
    ]
    enrolment = await gql(
        SUBMIT,
        {"input": {"programmeId": pid(programme), "trainingEnrolmentId": "nope"}},
        token=cast.token["worker"],
    )
    theirs = await gql(
        SUBMIT,
        {
            "input": {
                "programmeId": pid(programme),
                "trainingEnrolmentId": encode_id(
                    "TrainingEnrolment",
                    await make_completed_training(cast.market_id, (await make_worker())[0]),
                ),
            }
        },
        token=cast.token["worker"],
    )

    # then
    missing = refused(("NOT_FOUND", ["programmeId"], "补贴项目不存在"))
    assert bodies == [missing] * 3
    no_enrolment = refused(("NOT_FOUND", ["trainingEnrolmentId"], "培训报名不存在"))
    assert enrolment == theirs == no_enrolment
    assert await t.SubsidyApplication.count() == 0
    assert (await snapshot())["subsidy_application"] == before["subsidy_application"]
