"""Simultaneous approvals never overspend a programme's budget, and two decisions on one
application make exactly one (on SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

from resolvers.global_ids import encode_id
from services.audit.rules import verify_chain
from services.problems import ServiceError
from services.subsidy import review
from tables import subsidy as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import make_cast
from tests.fixtures.subsidy import apply, make_approver, make_completed_training, make_programme
from tests.fixtures.worker import make_worker

ROUNDS = 20


def outcome(results: list) -> list[str]:
    out = []
    for r in results:
        if isinstance(r, ServiceError):
            out.append(r.problems[0].code)
        elif isinstance(r, BaseException):
            raise r
        else:
            out.append(r)
    return sorted(out)


async def applications(programme: int, market_id: int, count: int) -> list[int]:
    out = []
    for _ in range(count):
        worker, _ = await make_worker()
        await make_completed_training(market_id, worker)
        out.append(await apply(worker, programme))
    return out


async def test_twenty_rounds_of_two_simultaneous_approvals_never_overspend():
    # given: each round a programme with room for one of its two 800-yuan applications
    cast = await make_cast()
    first, second = await make_approver(), await make_approver()
    rounds = []
    for _ in range(ROUNDS):
        programme = await make_programme(amount="800", threshold="1000", budget="1200")
        rounds.append((programme, await applications(programme, cast.market_id, 2)))

    for programme, (a, b) in rounds:
        # when: two approvers approve the two applications at the same moment
        results = await asyncio.gather(
            review.approve(a, first), review.approve(b, second), return_exceptions=True
        )

        # then: one is approved, the other refused for the budget, nothing overspent
        assert outcome(results) == ["APPROVED", "BUDGET_EXCEEDED"], results
        row = (
            await t.SubsidyProgramme.select(t.SubsidyProgramme.committed_fen)
            .where(t.SubsidyProgramme.id == programme)
            .first()
        )
        assert row == {"committed_fen": 80000}

    assert (
        await t.SubsidyApplication.count().where(t.SubsidyApplication.status == "APPROVED")
        == ROUNDS
    )
    assert await AuditLog.count().where(AuditLog.action == "subsidy_application.approve") == ROUNDS
    assert (await verify_chain()).ok


async def test_twenty_rounds_of_two_simultaneous_approvals_of_one_application_decide_once():
    # given: one programme with budget for everything; twenty applications below the threshold
    cast = await make_cast()
    first, second = await make_approver(), await make_approver()
    programme = await make_programme(amount="300", threshold="500", budget="100000")
    apps = await applications(programme, cast.market_id, ROUNDS)

    for application in apps:
        # when
        results = await asyncio.gather(
            review.approve(application, first),
            review.approve(application, second),
            return_exceptions=True,
        )

        # then
        assert outcome(results) == ["ALREADY_DECIDED", "APPROVED"], results

    row = await t.SubsidyProgramme.select(t.SubsidyProgramme.committed_fen).first()
    assert row == {"committed_fen": ROUNDS * 30000}
    assert await AuditLog.count().where(AuditLog.action == "subsidy_application.approve") == ROUNDS
    assert (await verify_chain()).ok


async def test_an_approval_and_a_rejection_at_the_same_moment_make_one_decision():
    cast = await make_cast()
    first, second = await make_approver(), await make_approver()
    programme = await make_programme(amount="300", threshold="500")
    for application in await applications(programme, cast.market_id, 10):
        results = await asyncio.gather(
            review.approve(application, first),
            review.reject(application, second, "材料不全"),
            return_exceptions=True,
        )
        codes = outcome([r if r is not None else "REJECTED" for r in results])
        assert codes in (["ALREADY_DECIDED", "APPROVED"], ["ALREADY_DECIDED", "REJECTED"]), codes
    approved = await t.SubsidyApplication.count().where(t.SubsidyApplication.status == "APPROVED")
    row = await t.SubsidyProgramme.select(t.SubsidyProgramme.committed_fen).first()
    assert row == {"committed_fen": approved * 30000}


SUBMIT = """
mutation($p: ID!) {
  subsidyApplicationSubmit(input: {programmeId: $p}) { application { status } userErrors { code } }
}"""


async def test_ten_simultaneous_submissions_of_one_application_store_one(gql):
    # given
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    programme = await make_programme()

    # when: the same worker sends the same application ten times at once
    bodies = await asyncio.gather(
        *[
            gql(SUBMIT, {"p": encode_id("SubsidyProgramme", programme)}, token=cast.token["worker"])
            for _ in range(10)
        ]
    )

    # then: one stored, nine told it was already made, no top-level errors
    assert all("errors" not in b for b in bodies), bodies
    codes = sorted(
        (b["data"]["subsidyApplicationSubmit"]["userErrors"] or [{"code": "SUBMITTED"}])[0]["code"]
        for b in bodies
    )
    assert codes == ["NOT_YET_APPLIED"] * 9 + ["SUBMITTED"]
    assert await t.SubsidyApplication.count() == 1
    assert await AuditLog.count().where(AuditLog.action == "subsidy_application.submit") == 1
