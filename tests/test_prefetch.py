"""Pages that bring their rows' nested fields (resolvers/prefetch.py): every loader a page primes
holds exactly what that loader would load, and reading it costs no statement."""

# The directory and the posting search answer from primed loaders only if priming is exact: so
# each test builds a page from the page statement, then loads every primed key once through the
# primed loaders (no SQL allowed) and once through fresh ones (the batch functions), and the two
# must be equal, repr included (a datetime in another zone is equal but prints differently).

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from resolvers.job_posting.loaders import (
    application_page_select,
    posting_page_select,
    primed_application,
    primed_posting,
)
from resolvers.loaders import Loaders
from resolvers.market.loaders import (
    map_features_state,
    map_select,
    market_page_select,
    primed_market,
)
from resolvers.prefetch import json_instant, json_real, json_rows, parse_rows
from resolvers.rights_case.loaders import case_page_select, primed_case
from resolvers.training.loaders import course_page_select, primed_course
from services.db import current_engine
from tables import job_posting as jp
from tables import market as t
from tables import rights_case as rc
from tables import training as tr
from tables.certification import DemonstrationCertificate
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_application, make_posting
from tests.fixtures.market import make_market, make_operator, occupation_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.rights_case import file_case, make_scene
from tests.fixtures.sql import count_sql
from tests.fixtures.training import make_course, make_institution
from tests.fixtures.worker import make_worker

EAST_8 = timezone(timedelta(hours=8))


async def _certificate(market: int, year: int, at: datetime, revoked: date | None = None) -> None:
    await DemonstrationCertificate.insert(
        DemonstrationCertificate(
            market=market,
            year=year,
            certificate_no=f"ZJSF-{year}-{market}",
            certified_at=at,
            revoked_on=revoked,
        )
    )


async def test_a_page_of_markets_primes_parents_hours_occupations_and_certificates():
    # given: a market with split and overnight hours, occupations (one without a national
    # code), an operator, a brand and three certificates (the latest revoked); a bare market;
    # a station under the first, with its own hours
    market = await make_market(
        opening_hours=[(1, "13:00", "17:30"), (1, "08:00", "12:00"), (5, "22:00", "06:00")],
        occupations=("快件处理员", "餐厅服务员", "装卸搬运工"),
        operator_id=await make_operator(),
        labour_brand="上城巧匠",
    )
    bare = await make_market(opening_hours=[], occupations=())
    station = await make_market(
        station_type="RURAL_STATION",
        parent_market_id=market,
        opening_hours=[(7, "00:00", "23:59")],
        occupations=("装卸搬运工",),
    )
    await _certificate(market, 2023, datetime(2023, 12, 28, 9, 30, 15, tzinfo=EAST_8))
    await _certificate(market, 2024, datetime(2024, 12, 30, 23, 59, 59, tzinfo=EAST_8))
    await _certificate(market, 2025, datetime(2025, 12, 29, 10, 0, tzinfo=EAST_8), date(2026, 1, 5))
    await _certificate(bare, 2025, datetime(2025, 6, 1, tzinfo=EAST_8), date(2025, 7, 1))
    ids = [market, bare, station]

    # when: one statement for the page
    primed = Loaders()
    with count_sql() as statements:
        rows = await market_page_select().where(t.Market.id.is_in(ids)).order_by(t.Market.id)
    markets = [primed_market(primed, row) for row in rows]

    # then
    assert statements[0] == 1
    assert [m.id for m in markets] == ids
    got = await same_through_both(
        primed,
        {
            "market_by_id": ids,
            "periods_by_market": ids,
            "opening_hours_by_market": ids,
            "is_open_now_by_market": ids,
            "occupations_by_market": ids,
            "demonstration_by_market": ids,
        },
    )
    hours = got["opening_hours_by_market"]
    assert [(h.weekday, h.opens, h.closes) for h in hours[0]] == [
        (1, "08:00", "12:00"),
        (1, "13:00", "17:30"),
        (5, "22:00", "06:00"),
    ]
    assert hours[1] == []
    occupations = got["occupations_by_market"]
    assert [o.id for o in occupations[0]] == sorted(
        [await occupation_id(n) for n in ("快件处理员", "餐厅服务员", "装卸搬运工")]
    )
    assert {o.name: o.code for o in occupations[0]}["餐厅服务员"] is None
    assert occupations[1] == []
    demonstrations = got["demonstration_by_market"]
    assert demonstrations[0] is not None and demonstrations[0].year == 2024
    assert demonstrations[0].certified_at == datetime(2024, 12, 30, 23, 59, 59, tzinfo=EAST_8)
    assert demonstrations[1] is None and demonstrations[2] is None


async def test_the_map_decides_open_and_certified_as_the_loaders_do(monkeypatch):
    # given: split and overnight hours and three certificates (the latest revoked); a market
    # with no hours whose only certificate is revoked; one with no certificate at all
    market = await make_market(
        opening_hours=[(3, "14:00", "18:00"), (3, "07:30", "11:00"), (6, "23:00", "02:00")]
    )
    bare = await make_market(opening_hours=[], occupations=())
    uncertified = await make_market(opening_hours=[(3, "09:00", "10:00")])
    await _certificate(market, 2024, datetime(2024, 12, 30, 8, 0, 1, tzinfo=EAST_8))
    await _certificate(market, 2023, datetime(2023, 12, 28, 9, 30, 15, tzinfo=EAST_8))
    await _certificate(market, 2025, datetime(2025, 12, 29, 10, 0, tzinfo=EAST_8), date(2026, 1, 2))
    await _certificate(bare, 2025, datetime(2025, 6, 1, tzinfo=EAST_8), date(2025, 7, 1))
    ids = [market, bare, uncertified]

    # when: the map's one statement
    with count_sql() as statements:
        rows = await map_select().where(t.Market.id.is_in(ids)).order_by(t.Market.id)
    assert statements[0] == 1

    # then: at each instant (Shanghai: Wednesday morning, noon, Saturday night, past its
    # midnight) the map says what the loaders say
    said = {}
    for at in (
        datetime(2026, 12, 2, 9, 30, tzinfo=EAST_8),
        datetime(2026, 12, 2, 12, 0, tzinfo=EAST_8),
        datetime(2026, 12, 5, 23, 30, tzinfo=EAST_8),
        datetime(2026, 12, 6, 1, 0, tzinfo=EAST_8),
    ):
        monkeypatch.setattr("resolvers.market.loaders.now", lambda at=at: at)
        fresh = Loaders()
        expected = list(
            zip(
                await fresh.is_open_now_by_market.load_many(ids),
                [d is not None for d in await fresh.demonstration_by_market.load_many(ids)],
                strict=True,
            )
        )
        said[at.strftime("%a %H:%M")] = [map_features_state(row, at) for row in rows]
        assert said[at.strftime("%a %H:%M")] == expected
    assert said == {
        "Wed 09:30": [(True, True), (False, False), (True, False)],
        "Wed 12:00": [(False, True), (False, False), (False, False)],
        "Sat 23:30": [(True, True), (False, False), (False, False)],
        "Sun 01:00": [(True, True), (False, False), (False, False)],
    }


async def test_a_page_of_markets_primes_a_parent_market_that_is_not_on_the_page():
    # given
    parent = await make_market(occupations=("装卸搬运工",))
    station = await make_market(station_type="GIG_SUPERMARKET", parent_market_id=parent)

    # when: the page holds only the station
    primed = Loaders()
    rows = await market_page_select().where(t.Market.id == station)
    (market,) = [primed_market(primed, row) for row in rows]

    # then: its parent comes from the same statement
    assert market.parent_market_id == parent
    got = await same_through_both(primed, {"market_by_id": [station, parent]})
    assert got["market_by_id"][1].id == parent


async def test_a_market_with_a_distance_primes_the_loader_without_it():
    market = await make_market()
    primed = Loaders()
    (row,) = await market_page_select().where(t.Market.id == market)

    found = primed_market(primed, row, distance_km=1.234)

    assert found.distance_km == 1.234
    got = await same_through_both(primed, {"market_by_id": [market]})
    assert got["market_by_id"][0].distance_km is None


async def test_a_page_of_postings_primes_occupations_employers_and_markets():
    # given: postings of a company and of an individual without a region, at a market, at a
    # station and at none, in occupations with and without a national code
    company, _ = await make_employer()
    person, _ = await make_employer(kind="INDIVIDUAL", region_code=None)
    market = await make_market(operator_id=await make_operator())
    station = await make_market(station_type="RURAL_STATION", parent_market_id=market)
    ids = [
        await make_posting(company, market_id=market),
        await make_posting(company, market_id=station, occupation="餐厅服务员"),
        await make_posting(person, occupation="快件处理员", location=(30.25, 120.17)),
        await make_posting(person, publish=False),
    ]

    # when
    primed = Loaders()
    with count_sql() as statements:
        rows = await posting_page_select().where(jp.JobPosting.id.is_in(ids))
    postings = {row["id"]: primed_posting(primed, row) for row in rows}

    # then
    assert statements[0] == 1
    assert sorted(postings) == sorted(ids)
    occupations = sorted({p.record.occupation_id for p in postings.values()})
    employers = [company, person]
    markets = [market, station]
    got = await same_through_both(
        primed,
        {
            "job_posting_by_id": ids,
            "occupation_by_id": occupations,
            "employer_by_id": employers,
            "market_by_id": markets,
        },
    )
    assert len(occupations) == 3
    assert got["employer_by_id"][1].record.region is None
    assert got["market_by_id"][1].parent_market_id == market
    assert postings[ids[2]].record.market_id is None


async def test_a_posting_with_a_distance_is_not_primed_as_the_loader_would_load_it():
    company, _ = await make_employer()
    posting = await make_posting(company, location=(30.25, 120.17))
    primed = Loaders()
    (row,) = await posting_page_select().where(jp.JobPosting.id == posting)

    found = primed_posting(primed, row, distance_km=0.5)

    assert found.distance_km == 0.5
    # the posting itself is left to its loader (which has no distance); the rest is primed
    with count_sql() as statements:
        loaded = await primed.job_posting_by_id.load(posting)
    assert statements[0] == 1 and loaded.distance_km is None
    await same_through_both(primed, {"employer_by_id": [company]})


async def test_a_page_of_applications_primes_their_postings_as_a_posting_page_does():
    # given: a worker's applications to a company's posting at a market and to an individual's
    # posting at none, one of them cancelled
    company, _ = await make_employer()
    person, _ = await make_employer(kind="INDIVIDUAL", region_code=None)
    market = await make_market()
    worker, _ = await make_worker()
    at_market = await make_posting(company, market_id=market, starts_in=timedelta(hours=3))
    at_none = await make_posting(person, occupation="快件处理员", starts_in=timedelta(days=2))
    ids = [
        await make_application(worker, at_market, company),
        await make_application(worker, at_none, person, status="CANCELLED"),
    ]

    # when
    primed = Loaders()
    with count_sql() as statements:
        rows = await application_page_select().where(jp.JobApplication.id.is_in(ids))
    applications = {row["id"]: primed_application(primed, row) for row in rows}

    # then
    assert statements[0] == 1
    assert {a: applications[a].posting_id for a in ids} == {ids[0]: at_market, ids[1]: at_none}
    assert applications[ids[1]].status.value == "CANCELLED"
    got = await same_through_both(
        primed,
        {
            "job_posting_by_id": [at_market, at_none],
            "employer_by_id": [company, person],
            "market_by_id": [market],
            "occupation_by_id": [
                await occupation_id("装卸搬运工"),
                await occupation_id("快件处理员"),
            ],
        },
    )
    assert got["job_posting_by_id"][0].record.market_id == market


async def test_a_market_s_stations_come_primed_as_a_page_s_markets():
    # given: a market with two stations (one closed) with hours and occupations
    market = await make_market()
    open_station = await make_market(
        station_type="RURAL_STATION",
        parent_market_id=market,
        opening_hours=[(2, "09:00", "11:00")],
        occupations=("快件处理员",),
    )
    await make_market(station_type="GIG_SUPERMARKET", parent_market_id=market, status="CLOSED")

    # when
    primed = Loaders()
    with count_sql() as statements:
        (stations,) = await primed.stations_by_market.load_many([market])

    # then: one statement, and the station's nested fields are primed
    assert statements[0] == 1
    assert [s.id for s in stations] == [open_station]
    got = await same_through_both(
        primed,
        {
            "market_by_id": [open_station, market],
            "periods_by_market": [open_station],
            "occupations_by_market": [open_station],
            "demonstration_by_market": [open_station],
        },
    )
    assert [o.name for o in got["occupations_by_market"][0]] == ["快件处理员"]


async def test_a_page_of_courses_primes_occupations_and_markets():
    # given: courses at a market with an operator, one without an occupation, one by an
    # institution at a station
    operator = await make_operator()
    market = await make_market(operator_id=operator)
    station = await make_market(station_type="RURAL_STATION", parent_market_id=market)
    ids = [
        await make_course(market),
        await make_course(market, occupation=None, mode="ONLINE"),
        await make_course(
            station, institution_id=await make_institution(), occupation="快件处理员"
        ),
    ]

    # when
    primed = Loaders()
    with count_sql() as statements:
        rows = await course_page_select().where(tr.TrainingCourse.id.is_in(ids))
    courses = {row["id"]: primed_course(primed, row) for row in rows}

    # then
    assert statements[0] == 1
    assert sorted(courses) == sorted(ids)
    got = await same_through_both(
        primed,
        {
            "training_by_id": ids,
            "occupation_by_id": [
                await occupation_id("装卸搬运工"),
                await occupation_id("快件处理员"),
            ],
            "market_by_id": [market, station],
        },
    )
    assert got["training_by_id"][1].record.occupation_id is None


async def test_a_page_of_rights_cases_primes_their_employers_and_markets():
    # given: a worker's case about a completed shift (its employer and market come from it)
    scene = await make_scene()
    case = await file_case(scene.cast.worker_id, application_id=scene.application_id)

    # when
    primed = Loaders()
    with count_sql() as statements:
        rows = await case_page_select().where(rc.RightsCase.id == case)
    (found,) = [primed_case(primed, row) for row in rows]

    # then
    assert statements[0] == 1
    assert (found.record.employer_id, found.record.market_id) == (
        scene.cast.employer_id,
        scene.cast.market_id,
    )
    await same_through_both(
        primed,
        {
            "rights_case_by_id": [case],
            "employer_by_id": [scene.cast.employer_id],
            "market_by_id": [scene.cast.market_id],
        },
    )


async def test_json_real_carries_every_double_exactly():
    # given doubles SQLite's JSON would cut to 15 digits, and the ends of the range
    market = await make_market()
    values = [30.123456789012345, 120.12345678901234, 0.1, 1 / 3, 5e-324, 1.7976931348623157e308]
    got, plain = [], []

    # when each travels through json_rows, with and without json_real
    for value in values:
        source = f"(SELECT CAST('{value!r}' AS DOUBLE PRECISION) AS x) v"
        (row,) = await t.Market.select(
            json_rows("exact", json_real("v.x"), source), json_rows("plain", "v.x", source)
        ).where(t.Market.id == market)
        got.append(float(parse_rows(row["exact"])[0][0]))
        plain.append(parse_rows(row["plain"])[0][0])

    # then: exact on both databases; SQLite's own JSON would not be
    assert got == values
    assert [repr(v) for v in got] == [repr(v) for v in values]
    if current_engine().engine_type == "sqlite":
        assert plain[0] != values[0]


async def test_json_instant_reads_timestamps_as_the_drivers_return_them():
    assert repr(json_instant("2026-12-05T09:30:15.000123+08:00")) == repr(
        datetime(2026, 12, 5, 1, 30, 15, 123, tzinfo=UTC)
    )
    assert json_instant(None) is None
