"""`Employer.settlementRecord`: workers see how an employer pays completed shifts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from resolvers.global_ids import encode_id
from services.rights_case import settlement
from services.timeutil import now
from tables import job_posting as jp
from tables import rights_case as t
from tests.fixtures.job_posting import make_application, make_cast, make_posting
from tests.fixtures.worker import make_worker

RECORD = """
query($id: ID!) {
  jobPosting(id: $id) {
    employer {
      settlementRecord {
        completedShifts settledOnTime settledLate unsettled disputed onTimeRate
      }
    }
  }
}"""


async def _completed(cast, posting_id: int, hours_ago: float) -> int:
    worker_id, _ = await make_worker()
    application_id = await make_application(worker_id, posting_id, cast.employer_id, "COMPLETED")
    await jp.JobApplication.update(
        {jp.JobApplication.completed_at: now() - timedelta(hours=hours_ago)}
    ).where(jp.JobApplication.id == application_id)
    return application_id


async def test_on_time_late_unsettled_and_disputed_shifts_are_counted(gql):
    # given: five completed shifts of one employer, one of another employer
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, headcount=10)
    on_time = await _completed(cast, posting_id, 30)
    late = await _completed(cast, posting_id, 60)
    disputed = await _completed(cast, posting_id, 2)
    await _completed(cast, posting_id, 25)  # nothing recorded, overdue
    await _completed(cast, posting_id, 1)  # nothing recorded, not yet due
    for shift in (on_time, late, disputed):
        await settlement.record_payment(cast.employer_id, shift, Decimal("200.00"), "CASH", now())
    completed = {
        r["id"]: r["completed_at"]
        for r in await jp.JobApplication.select(
            jp.JobApplication.id, jp.JobApplication.completed_at
        )
    }
    for shift, after in ((on_time, timedelta(hours=3)), (late, timedelta(hours=30))):
        await t.WageSettlement.update(
            {t.WageSettlement.recorded_at: completed[shift] + after}
        ).where(t.WageSettlement.application == shift)
    worker = await jp.JobApplication.select(jp.JobApplication.worker).where(
        jp.JobApplication.id == disputed
    )
    await settlement.answer(worker[0]["worker"], disputed, False, "少付 20 元")

    # when: anyone looks at the employer of the posting
    body = await gql(RECORD, {"id": encode_id("JobPosting", posting_id)})

    # then
    assert body == {
        "data": {
            "jobPosting": {
                "employer": {
                    "settlementRecord": {
                        "completedShifts": 5,
                        "settledOnTime": 2,
                        "settledLate": 1,
                        "unsettled": 1,
                        "disputed": 1,
                        "onTimeRate": 0.5,
                    }
                }
            }
        }
    }
