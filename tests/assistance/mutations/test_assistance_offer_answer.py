"""`assistanceOfferAnswer`: the worker accepts (applied through the posting's rule, enrolled
through the training's) or declines an offer of their case; everyone else is refused, and every
refusal leaves the database as it was."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.assistance import cases, offers
from tables import assistance as a
from tables import job_posting as jp
from tables import training as tr
from tables.audit import AuditLog
from tests.fixtures.assistance import make_case, public_welfare_posting, snapshot
from tests.fixtures.job_posting import ROLES, make_application, make_cast, make_posting
from tests.fixtures.training import make_course
from tests.fixtures.worker import make_worker

ANSWER = """
mutation ($input: AssistanceOfferAnswerInput!) {
  assistanceOfferAnswer(input: $input) {
    offer { status answerReason jobApplication { status } trainingEnrolment { status } }
    userErrors { code field message }
  }
}
"""


def _input(offer_id: int, accept: bool = True, reason: str | None = None) -> dict:
    return {
        "input": {
            "offerId": encode_id("AssistanceOffer", offer_id),
            "accept": accept,
            "reason": reason,
        }
    }


async def _offered(cast, posting_id: int | None = None) -> tuple[int, int, int]:
    case_id, staff_id = await make_case(cast.worker_id)
    posting_id = posting_id or await public_welfare_posting(cast.employer_id)
    offer_id = await offers.make_offer(staff_id, case_id, "POSTING", posting_id, "离家近")
    return case_id, offer_id, posting_id


async def test_an_assisted_worker_gets_a_case_with_a_plan_and_accepts_the_offer(gql):
    # given: a disabled worker (ASSISTED), a case with a plan, an offer of a public-welfare job
    cast = await make_cast(assistance=("DISABLED",))
    case_id, offer_id, posting_id = await _offered(cast)

    # when
    body = await gql(ANSWER, _input(offer_id), token=cast.token["worker"])

    # then: applied through the posting's rule, the answer and the application in the audit
    assert body == {
        "data": {
            "assistanceOfferAnswer": {
                "offer": {
                    "status": "ACCEPTED",
                    "answerReason": None,
                    "jobApplication": {"status": "APPLIED"},
                    "trainingEnrolment": None,
                },
                "userErrors": [],
            }
        }
    }
    applications = await jp.JobApplication.select(
        jp.JobApplication.worker, jp.JobApplication.posting
    )
    assert applications == [{"worker": cast.worker_id, "posting": posting_id}]
    rows = (
        await AuditLog.select(AuditLog.action)
        .where(AuditLog.entity_type == "assistance_case")
        .order_by(AuditLog.id)
    )
    assert [r["action"] for r in rows] == [
        "assistance.case_open",
        "assistance.step_add",
        "assistance.step_add",
        "assistance.offer",
        "assistance.offer_accept",
    ]


async def test_declining_keeps_the_reason_and_applies_to_nothing(gql):
    cast = await make_cast(assistance=("DISABLED",))
    _, offer_id, _ = await _offered(cast)

    body = await gql(ANSWER, _input(offer_id, False, "离家太远"), token=cast.token["worker"])

    assert body["data"]["assistanceOfferAnswer"] == {
        "offer": {
            "status": "DECLINED",
            "answerReason": "离家太远",
            "jobApplication": None,
            "trainingEnrolment": None,
        },
        "userErrors": [],
    }
    assert await jp.JobApplication.count() == 0


async def test_accepting_a_training_enrols_through_the_training_rule(gql):
    cast = await make_cast(assistance=("DISABLED",))
    case_id, staff_id = await make_case(cast.worker_id)
    course_id = await make_course(
        cast.market_id, title="家政服务员技能培训", occupation="家政服务员"
    )
    offer_id = await offers.make_offer(staff_id, case_id, "TRAINING", course_id)

    body = await gql(ANSWER, _input(offer_id), token=cast.token["worker"])

    assert body["data"]["assistanceOfferAnswer"]["offer"]["trainingEnrolment"] == {
        "status": "ENROLLED"
    }
    enrolled = await tr.TrainingEnrolment.select(tr.TrainingEnrolment.worker)
    assert enrolled == [{"worker": cast.worker_id}]


@pytest.mark.parametrize("role", ROLES)
async def test_who_may_answer(gql, role):
    cast = await make_cast(assistance=("DISABLED",))
    _, offer_id, _ = await _offered(cast)
    before = await snapshot()

    body = await gql(ANSWER, _input(offer_id), token=cast.token[role])

    if role == "worker":
        assert body["data"]["assistanceOfferAnswer"]["userErrors"] == []
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before


async def test_another_workers_offer_is_not_found_and_nothing_changes(gql):
    cast = await make_cast(assistance=("DISABLED",))
    _, offer_id, _ = await _offered(cast)
    _, stranger = await make_worker(name="路人甲")
    before = await snapshot()

    body = await gql(ANSWER, _input(offer_id), token=stranger)

    assert body == {
        "data": {
            "assistanceOfferAnswer": {
                "offer": None,
                "userErrors": [
                    {"code": "NOT_FOUND", "field": ["offerId"], "message": "推荐不存在"}
                ],
            }
        }
    }
    assert await snapshot() == before


async def test_refusals_change_nothing(gql):
    # given: one offer already answered, one whose posting clashes with a confirmed shift, and
    # one of a closed case
    cast = await make_cast(assistance=("DISABLED",))
    case_id, staff_id = await make_case(cast.worker_id)
    answered = await offers.make_offer(
        staff_id, case_id, "POSTING", await make_posting(cast.employer_id, title="甲")
    )
    await gql(ANSWER, _input(answered, False), token=cast.token["worker"])
    confirmed = await make_posting(cast.employer_id, title="乙")
    await make_application(cast.worker_id, confirmed, cast.employer_id, "CONFIRMED")
    clash = await make_posting(cast.employer_id, title="丙")
    clashing = await offers.make_offer(staff_id, case_id, "POSTING", clash)
    before = await snapshot()

    # when
    again = await gql(ANSWER, _input(answered), token=cast.token["worker"])
    overlap = await gql(ANSWER, _input(clashing), token=cast.token["worker"])
    too_long = await gql(ANSWER, _input(clashing, False, "长" * 201), token=cast.token["worker"])

    # then
    errors = [b["data"]["assistanceOfferAnswer"]["userErrors"] for b in (again, overlap, too_long)]
    assert errors == [
        [{"code": "ALREADY_ANSWERED", "field": ["offerId"], "message": "已经答复过该推荐"}],
        [{"code": "SHIFT_OVERLAP", "field": ["offerId"], "message": "该时段已有确认的工作"}],
        [{"code": "TOO_LONG", "field": ["reason"], "message": "不超过 200 个字"}],
    ]
    assert await snapshot() == before

    # and once the case is closed its offers lapse
    await cases.close_case(staff_id, case_id, "EMPLOYED", "")
    before = await snapshot()
    closed = await gql(ANSWER, _input(clashing, False), token=cast.token["worker"])
    assert closed["data"]["assistanceOfferAnswer"]["userErrors"] == [
        {"code": "CASE_CLOSED", "field": ["offerId"], "message": "援助档案已结案，推荐已失效"}
    ]
    assert await snapshot() == before
    assert await a.AssistanceOffer.count().where(a.AssistanceOffer.status == "PENDING") == 1
