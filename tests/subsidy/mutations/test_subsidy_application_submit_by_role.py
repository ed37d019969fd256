"""`subsidyApplicationSubmit` by role: an operator for a market it runs, the authorization
matrix, and ids that are unknown or malformed (userErrors, never a 500)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import subsidy as t
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.market import make_market
from tests.fixtures.subsidy import (
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
