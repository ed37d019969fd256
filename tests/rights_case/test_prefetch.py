"""The case queue's page brings each case's worker and its operator's access to that worker
(resolvers/rights_case/queue.py): what it primes is exactly what the loaders would load."""

from __future__ import annotations

from datetime import timedelta

from resolvers.loaders import Loaders
from resolvers.rights_case.queue import primed_queue_case, queue_page_select
from schema.worker.types import WorkerAccess
from services.auth.rules import Role, Viewer
from tables import rights_case as rc
from tests.fixtures.job_posting import make_application, make_posting
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.rights_case import file_case, make_scene
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_walk_in, make_worker


def _viewer(role: str, subject_id: int) -> Viewer:
    return Viewer(token_id=0, role=role, subject_id=subject_id, expires_at=None)


async def test_a_queue_page_primes_workers_and_the_operators_access_to_each():
    # given: at the operator's market, cases of a worker whose shift there was completed
    # (CONFIRMED), of one who only applied there (APPLICANT; confirmed elsewhere), of one
    # registered there (OPERATOR), and of one the operator has never dealt with (NONE)
    scene = await make_scene()
    cast = scene.cast
    market = cast.market_id
    applied, _ = await make_worker(name="钱七", region_code=None, location=(30.2741, 120.1551))
    second = await make_posting(cast.employer_id, market_id=market, starts_in=timedelta(days=1))
    await make_application(applied, second, cast.employer_id)
    elsewhere = await make_posting(
        cast.employer_id, market_id=cast.other_market_id, starts_in=timedelta(days=2)
    )
    await make_application(applied, elsewhere, cast.employer_id, status="CONFIRMED")
    registered = await make_walk_in(cast.operator_id, market, name="孙八")
    stranger, _ = await make_worker(name="周九")
    workers = [cast.worker_id, applied, registered, stranger]
    cases = [
        await file_case(cast.worker_id, application_id=scene.application_id),
        await file_case(applied, market_id=market, employer_id=cast.employer_id, kind="OTHER"),
        await file_case(registered, market_id=market, kind="SAFETY", amount=None, place="三堡路口"),
        await file_case(
            stranger, market_id=market, employer_id=cast.employer_id, kind="DISCRIMINATION"
        ),
    ]

    # when: one statement for the page, seen by the market's operator
    primed = Loaders()
    viewer = _viewer(Role.OPERATOR, cast.operator_id)
    with count_sql() as statements:
        rows = await queue_page_select().where(rc.RightsCase.id.is_in(cases))
    found = sorted((primed_queue_case(primed, viewer, row) for row in rows), key=lambda c: c.id)

    # then
    assert statements[0] == 1
    assert [c.record.worker_id for c in found] == workers
    got = await same_through_both(
        primed,
        {
            "rights_case_by_id": cases,
            "worker_by_id": workers,
            "worker_access": [(Role.OPERATOR, cast.operator_id, w) for w in workers],
        },
    )
    assert got["worker_access"] == [
        WorkerAccess.CONFIRMED,
        WorkerAccess.APPLICANT,
        WorkerAccess.OPERATOR,
        WorkerAccess.NONE,
    ]
    assert got["worker_by_id"][1].record.home_region is None


async def test_no_access_is_primed_for_staff_or_another_markets_operator():
    # given
    scene = await make_scene()
    case = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    rows = await queue_page_select().where(rc.RightsCase.id == case)

    for viewer in (
        _viewer(Role.STAFF, 1),
        _viewer(Role.OPERATOR, scene.cast.other_operator_id),
    ):
        # when
        primed = Loaders()
        primed_queue_case(primed, viewer, rows[0])

        # then: the decision is load_access's own (staff: FULL without SQL; another operator:
        # its shifts and registrations, here none)
        key = (viewer.role, viewer.subject_id, scene.cast.worker_id)
        assert primed.worker_access.cache_map.get(key) is None
        assert await same_through_both(primed, {"worker_by_id": [scene.cast.worker_id]})
        expected = WorkerAccess.FULL if viewer.role == Role.STAFF else WorkerAccess.NONE
        assert await Loaders().worker_access.load(key) == expected
