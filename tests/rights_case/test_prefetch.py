"""The case queue's page brings each case's worker and its operator's access to that worker
(resolvers/rights_case/pages.py): what it primes is exactly what the loaders would load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from resolvers.global_ids import encode_id
from resolvers.loaders import Loaders
from resolvers.rights_case.loaders import MAX_INCIDENTS_SHOWN
from resolvers.rights_case.pages import (
    place_page_select,
    primed_place,
    primed_queue_case,
    queue_page_select,
)
from schema.worker.types import WorkerAccess
from services.auth.rules import Role, Viewer
from tables import rights_case as rc
from tables.region import Region
from tests.fixtures.job_posting import make_application, make_posting
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.rights_case import file_case, make_scene
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_walk_in, make_worker

EAST_8 = timezone(timedelta(hours=8))


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


async def _place(region: int, market: int | None, name: str) -> int:
    rows = await rc.GatheringPlace.insert(
        rc.GatheringPlace(name=name, address="望江路", region=region, market=market, recorded_by=1)
    ).returning(rc.GatheringPlace.id)
    return rows[0]["id"]


async def _incident(place: int, market: int, at: datetime, **columns) -> int:
    rows = await rc.RightsCase.insert(
        rc.RightsCase(
            market=market, gathering_place=place, kind="GATHERING", summary="占道聚集",
            opened_at=at, **columns,
        )
    ).returning(rc.RightsCase.id)  # fmt: skip
    return rows[0]["id"]


async def test_a_page_of_places_primes_their_markets_and_incidents():
    # given: a place guiding people to an operated market, with incidents at awkward
    # coordinates, in another zone, with equal filing times (ordered by id), resolved with
    # amounts and without; a place without a market or incidents; one with more incidents
    # than are shown
    cast = (await make_scene()).cast
    region = (await Region.select(Region.id).where(Region.code == "330102").first())["id"]
    busy = await _place(region, cast.market_id, "望江路立交桥下")
    bare = await _place(region, None, "秋涛路口")
    crowded = await _place(region, cast.other_market_id, "三堡路口")
    at = datetime(2026, 3, 1, 6, 30, 15, 123456, tzinfo=EAST_8)
    incidents = [
        await _incident(
            busy, cast.market_id, at, place_latitude=30.274108519183467,
            place_longitude=120.15507000000001, place_address="立交桥下东侧",
            amount_claimed_fen=22050, status="RESOLVED", outcome="MEDIATED",
            resolved_at=at + timedelta(days=2, microseconds=7), outcome_note="已调解",
            step_due_at=at + timedelta(days=1),
        ),
        await _incident(busy, cast.market_id, at, place_latitude=0.1 + 0.2, place_longitude=120.0),
        await _incident(
            busy, cast.other_market_id, datetime(2026, 3, 2, tzinfo=UTC),
            worker=cast.worker_id, employer=cast.employer_id, amount_claimed_fen=0,
            amount_recovered_fen=9007199254740993, referred_to="市场监管所", status="REFERRED",
        ),
    ]  # fmt: skip
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(MAX_INCIDENTS_SHOWN + 2):
        await _incident(crowded, cast.other_market_id, start + timedelta(hours=n % 7))
    ids = [busy, bare, crowded]

    # when: one statement for the page
    primed = Loaders()
    with count_sql() as statements:
        rows = await place_page_select().where(rc.GatheringPlace.id.is_in(ids))
    [primed_place(primed, row) for row in rows]

    # then
    assert statements[0] == 1
    got = await same_through_both(
        primed,
        {
            "gathering_place_by_id": ids,
            "market_by_id": [cast.market_id, cast.other_market_id],
            "cases_by_gathering_place": ids,
        },
    )
    assert [c.id for c in got["cases_by_gathering_place"][0]] == [
        incidents[2],
        incidents[1],
        incidents[0],
    ]
    assert got["cases_by_gathering_place"][1] == []
    assert len(got["cases_by_gathering_place"][2]) == MAX_INCIDENTS_SHOWN
    place = got["cases_by_gathering_place"][0][2].place
    assert place is not None and place.location is not None
    assert place.location.latitude == 30.274108519183467


PLACES = """
query {
  gatheringPlaces(first: 20) {
    totalCount
    nodes { name market { id name } incidents { id kind status filedAt } }
  }
}"""


async def test_gathering_places_cost_token_page_and_count(gql):
    # given: two places, one with an incident at a market the operator runs
    scene = await make_scene()
    cast = scene.cast
    region = (await Region.select(Region.id).where(Region.code == "330102").first())["id"]
    first = await _place(region, cast.market_id, "望江路立交桥下")
    await _place(region, None, "秋涛路口")
    await _incident(first, cast.market_id, datetime(2026, 3, 1, tzinfo=UTC))
    await _incident(first, cast.other_market_id, datetime(2026, 3, 2, tzinfo=UTC))

    # when
    with count_sql() as statements:
        body = await gql(PLACES, token=cast.token["operator"])

    # then: token, page, count; the operator sees only its own market's incident
    assert statements[0] == 3
    nodes = body["data"]["gatheringPlaces"]["nodes"]
    assert [len(n["incidents"]) for n in nodes] == [0, 1]
    assert nodes[1]["market"]["id"] == encode_id("Market", cast.market_id)
