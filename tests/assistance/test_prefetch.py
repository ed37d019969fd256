"""A page of assistance cases brings what the queue's cards load (resolvers/assistance/pages.py):
every loader it primes holds exactly what that loader would load, and reading it costs no
statement; a viewer's access to a worker is primed only where the loader would grant it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from piccolo.apps.user.tables import BaseUser

from resolvers.assistance.pages import case_page_select, primed_case
from resolvers.loaders import Loaders
from resolvers.pagination import rows_by_id
from services.assistance import cases, offers
from services.auth.rules import Viewer
from tables import assistance as t
from tables.worker import Worker
from tests.fixtures.account import make_staff_user
from tests.fixtures.assistance import make_case, public_welfare_posting, register_at
from tests.fixtures.job_posting import make_cast
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_worker

C = t.AssistanceCase
EAST_8 = timezone(timedelta(hours=8))


async def _page(primed: Loaders, viewer: Viewer, ids: list[int]) -> list:
    # the page's own path: the wide rows of these ids through the kept page text
    with count_sql() as statements:
        rows = await rows_by_id(case_page_select, C.id, ids)
    assert statements[0] == 1
    return [primed_case(primed, viewer, row) for row in rows]


async def _offer(case_id: int, staff_id: int, posting_id: int, at: datetime, **answer) -> int:
    rows = await t.AssistanceOffer.insert(
        t.AssistanceOffer(
            case=case_id, kind="POSTING", posting=posting_id, offered_by=staff_id, offered_at=at
        )
    ).returning(t.AssistanceOffer.id)
    number = rows[0]["id"]
    if answer:
        await t.AssistanceOffer.update(answer).where(t.AssistanceOffer.id == number)
    return number


async def _scene():
    """A registered worker's case with a named case worker, a done step, a made offer and two
    offers at the same moment (one answered); a second worker (no home county) whose case
    worker was deleted, with no steps and no offers."""
    cast = await make_cast(assistance=("DISABLED",))
    await register_at(cast.worker_id, cast.market_id)
    case_id, staff_id = await make_case(cast.worker_id)
    await BaseUser.update({BaseUser.last_name: "吴", BaseUser.first_name: "援助"}).where(
        BaseUser.id == staff_id
    )
    step = await t.AssistanceStep.select(t.AssistanceStep.id).where(
        t.AssistanceStep.case == case_id
    )
    await cases.mark_step_done(staff_id, step[0]["id"])
    posting_id = await public_welfare_posting(cast.employer_id)
    await offers.make_offer(staff_id, case_id, "POSTING", posting_id, "离家近")
    at = datetime(2026, 3, 1, 9, 30, 15, 123400, tzinfo=EAST_8)
    await _offer(case_id, staff_id, posting_id, at)
    await _offer(
        case_id,
        staff_id,
        posting_id,
        at,
        status="DECLINED",
        answer_reason="太远",
        answered_at=datetime(2026, 3, 2, 23, 59, 59, tzinfo=EAST_8),
    )
    other, _ = await make_worker(name="李四", region_code=None)
    await Worker.update({Worker.home_region: None}).where(Worker.id == other)
    bare = await cases.open_case(staff_id, other, case_worker=await make_staff_user())
    await C.update({C.case_worker: 999_999}).where(C.id == bare)
    return cast, case_id, bare, other


async def test_a_page_of_cases_primes_workers_case_workers_steps_and_offers():
    # given
    cast, case_id, bare, other = await _scene()
    staff = Viewer(token_id=0, role="STAFF", subject_id=await make_staff_user(), expires_at=None)

    # when
    primed = Loaders()
    found = await _page(primed, staff, [case_id, bare])

    # then
    assert [c.id for c in found] == [case_id, bare]
    names = await same_through_both(
        primed,
        {
            "worker_by_id": [cast.worker_id, other],
            "staff_name_by_id": [c.case_worker_id for c in found],
            "steps_by_assistance_case": [case_id, bare],
            "offers_by_assistance_case": [case_id, bare],
        },
    )
    assert names["staff_name_by_id"] == ["吴援助", "（已删除的用户）"]
    assert [len(v) for v in names["steps_by_assistance_case"]] == [2, 0]
    assert [len(v) for v in names["offers_by_assistance_case"]] == [3, 0]
    # staff's access costs no statement: nothing to prime
    assert primed.worker_access.cache_map.cache_map == {}


async def test_an_operator_page_primes_access_to_the_workers_registered_at_its_markets_only():
    # given: the operator runs the first worker's market, not the second's (none)
    cast, case_id, bare, other = await _scene()
    operator = Viewer(token_id=0, role="OPERATOR", subject_id=cast.operator_id, expires_at=None)

    # when
    primed = Loaders()
    await _page(primed, operator, [case_id, bare])

    # then
    keys = [("OPERATOR", cast.operator_id, cast.worker_id)]
    assert list(primed.worker_access.cache_map.cache_map) == keys
    access = await same_through_both(primed, {"worker_access": keys})
    assert access == {"worker_access": [4]}  # WorkerAccess.OPERATOR
