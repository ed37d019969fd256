"""No N+1: the subsidy lists take as many SQL statements for many applications as for few."""

from __future__ import annotations

from tests.fixtures.job_posting import make_cast
from tests.fixtures.subsidy import apply, make_completed_training, make_programme
from tests.test_frontend_queries import SQL_BUDGET, document, run


async def test_my_applications_do_not_grow_with_their_number(client):
    # given: a trainee with completed courses, one application per course and programme
    cast = await make_cast()
    subsidy = await make_programme("培训补贴", amount_rule="PER_TRAINING_HOUR", amount="10")
    allowance = await make_programme("生活费补贴", kind="TRAINING_LIVING_ALLOWANCE")
    counts = {}

    for total, added in ((2, 1), (8, 3)):
        for _ in range(added):
            await make_completed_training(cast.market_id, cast.worker_id)
            await apply(cast.worker_id, subsidy)
            await apply(cast.worker_id, allowance)
        # when
        body, counts[total] = await run(
            client, document("MySubsidyApplications"), {"first": 50}, cast.token["worker"]
        )

        # then
        assert "errors" not in body, body
        assert len(body["data"]["mySubsidyApplications"]["nodes"]) == total

    assert counts[2] == counts[8] <= SQL_BUDGET["MySubsidyApplications"], counts


async def test_programmes_do_not_grow_with_their_number(client):
    counts = {}
    for total, added in ((2, 2), (8, 6)):
        for _ in range(added):
            await make_programme(region_code="330100")
        body, counts[total] = await run(client, document("SubsidyProgrammes"), {"first": 50})
        assert len(body["data"]["subsidyProgrammes"]["nodes"]) == total
    assert counts[2] == counts[8] <= SQL_BUDGET["SubsidyProgrammes"], counts
