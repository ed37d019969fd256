"""Text plans (resolvers/compiled/texts.py): which trusted documents the database writes, the
JSON each SQL writer produces, and answers byte-identical to the generic executor's."""

# The differential test sends each request twice over HTTP, once with the text plans and once
# with neither text plans nor compiled plans (graphql-core's executor), on markets made to hit
# every writer's edges: quotes, backslashes, control characters and non-BMP text, empty and
# missing brands, doubles with 17 digits, whole and negative, overnight hours, revoked and
# several certificates, occupations without a code, parents off the page.

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from piccolo_conf import CARDS, OWN_LISTS
from resolvers.compiled import CompiledDocuments
from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import PUT_HERE, Ctx, TextPlans, python_value, splice
from resolvers.global_ids import encode_id
from resolvers.throttle import Limits
from resolvers.trusted_documents import MANIFEST
from services.db import current_engine
from tables import job_posting as t_posting
from tables import market as t
from tables import training as t_training
from tables.certification import DemonstrationCertificate
from tables.occupation import Occupation
from tables.worker import Worker as WorkerRow
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    insert_application,
    insert_posting,
    make_application,
    make_posting,
)
from tests.fixtures.market import make_market, make_operator, region_id
from tests.fixtures.sql import count_sql
from tests.fixtures.training import (
    enrol,
    make_completion,
    make_course,
    make_institution,
    session_ids,
    sessions,
)
from tests.fixtures.worker import make_walk_in, make_worker
from tests.test_compiled_documents import end_cursor, graphql_view

DOCUMENTS = {
    e["operationName"]: e["document"]
    for e in json.loads(MANIFEST.read_text(encoding="utf-8")).values()
}
TEXT_PLANNED = {
    *("DemonstrationMarkets", "MarketDetail", "MarketDirectory", "MarketMap", "PostingSearch"),
    *("TrainingSearch", "MarketWorkers", "EmployerPostings", "MyApplications"),
    *("MyTrainingEnrolments", "MyOperatingContracts", "Policies", "Occupations"),
    "DirectoryHistory",
    "NearbyMarkets",
    "RecommendedPostings",
    "RecommendedTrainings",
    "Candidates",
    "Applicants",
    "MyCertificationApplications",
    *("MyAssessments", "WorkloadReports"),
    *("SubsidyProgrammes", "MySubsidyApplications"),
    *("MyRightsCases", "RightsCaseQueue"),
    "AssistanceCases",
    "ManagedTrainings",
    "GatheringPlaces",
    "RecommendedPolicies",
}
EAST_8 = timezone(timedelta(hours=8))


def test_text_plans_cover_the_public_lists_and_say_why_the_others_wait(app):
    texts: TextPlans = graphql_view(app).schema.texts

    assert {p.name for p in texts.by_text.values()} == TEXT_PLANNED
    # Only the registered text: a reformatted copy is not planned.
    assert texts.by_text.get(DOCUMENTS["MarketDirectory"]) is not None
    assert texts.by_text.get(DOCUMENTS["MarketDirectory"] + "\n") is None
    assert texts.refused["MarketTrainings"] == "Market.trainings"
    assert texts.refused["SignIn"] == "not one query"
    assert set(texts.refused) | TEXT_PLANNED == set(DOCUMENTS)


async def _evaluate(expr: j.Expr, source: str) -> list[Any]:
    """The values of `expr` over the rows of `source` (a FROM … clause), in order."""
    engine = current_engine().engine_type
    sql = j.finish(engine, f"SELECT {expr.sql} AS v {source}")
    rows = await t.Market.raw(sql)
    return [r["v"] for r in rows]


async def test_strings_are_written_as_json_dumps_writes_them():
    # given every ASCII character (NUL aside: neither database keeps it), and text beyond
    texts = [chr(c) for c in range(1, 128)] + ["", "零工\u2028市场", "😀", 'a"b\\c', "\u00ad\u200b"]
    engine = current_engine().engine_type
    values = " UNION ALL ".join(
        f"SELECT {i} AS n, CAST({{}} AS TEXT) AS s" for i in range(len(texts))
    )
    sql = j.finish(
        engine, f"SELECT {j.string(engine, 'x.s').sql} AS v FROM ({values}) x ORDER BY x.n"
    )
    rows = await t.Market.raw(sql, *texts)

    # then each is json.dumps' own text, and NULL is null
    assert [r["v"] for r in rows] == [json.dumps(s, ensure_ascii=False) for s in texts]
    assert await _evaluate(j.string(engine, "NULL"), "") == ["null"]


async def test_doubles_are_written_as_repr_writes_them_or_not_at_all():
    # given doubles of every shape a coordinate or a distance can take, and random ones
    rng = random.Random(15)
    values = [30.123456789012345, 120.12345678901234, 0.1, 1 / 3, 30.0, -120.0, 0.0, -0.0]
    values += [1e-05, 1.5e-07, 123456789012345.6, 99999999999999.98, 5e-324, 2.0**52]
    values += [rng.uniform(-180, 180) for _ in range(300)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-12, 14) for _ in range(300)]
    engine = current_engine().engine_type

    # when the database writes them (SQLite takes 500 terms per compound SELECT)
    got = []
    for start in range(0, len(values), 200):
        source = " UNION ALL ".join(
            f"SELECT {i} AS n, CAST('{v!r}' AS DOUBLE PRECISION) AS x"
            for i, v in enumerate(values[start : start + 200])
        )
        got += await _evaluate(j.floating(engine, "x.x"), f"FROM ({source}) x ORDER BY x.n")

    # then every one is repr()'s text; beyond ±1e15, NaN and infinities are not written (NULL:
    # the generic executor answers)
    unwritten = engine == "postgres"  # SQLite's registered function writes repr() itself
    assert got == [None if unwritten and not abs(v) < 1e15 else repr(v) for v in values]
    assert got.count(None) == (1 if unwritten else 0)  # 2.0**52
    assert await _evaluate(j.floating(engine, "NULL"), "") == ["null"]
    huge = "CAST('1e16' AS DOUBLE PRECISION)"
    assert await _evaluate(j.floating(engine, huge), "") == (
        [None] if engine == "postgres" else ["1e+16"]
    )


async def test_a_value_python_gives_each_card_goes_in_its_one_place_or_not_at_all():
    # given the mark as each engine writes it, in a card and in a parent's
    engine = current_engine().engine_type
    write = python_value("market")
    mark = write(Ctx(engine), '"market"', None)  # type: ignore[arg-type]
    parent = write(Ctx(engine), "x1", None)  # type: ignore[arg-type]
    written = await _evaluate(
        j.concat([j.literal('{"d":'), mark, j.literal(',"p":'), parent, j.literal("}")]), ""
    )

    # then Python puts the value where the mark is; a card with none is as written; one it
    # cannot tell (two marks) or the database did not write is left to the generic executor
    assert written == ['{"d":' + PUT_HERE + ',"p":null}']
    assert splice(written[0], {PUT_HERE: "1.5"}) == '{"d":1.5,"p":null}'
    assert splice('{"d":null}', {PUT_HERE: "1.5"}) == '{"d":null}'
    assert splice(PUT_HERE * 2, {PUT_HERE: "1.5"}) is None
    assert splice(None, {PUT_HERE: "1.5"}) is None
    assert splice("[\x1c,\x1d]", {"\x1c": "1", "\x1d": '"\\u001c"'}) == '[1,"\\u001c"]'


async def test_global_ids_are_relay_s():
    engine = current_engine().engine_type
    source = " UNION ALL ".join(f"SELECT {n} AS id" for n in (1, 12, 123, 2**31 - 1))
    got = await _evaluate(j.global_id(engine, "Market", "x.id"), f"FROM ({source}) x ORDER BY x.id")
    assert got == [
        '"TWFya2V0OjE="',
        '"TWFya2V0OjEy"',
        '"TWFya2V0OjEyMw=="',
        '"TWFya2V0OjIxNDc0ODM2NDc="',
    ]


async def _certificate(market: int, year: int, revoked: date | None = None) -> None:
    await DemonstrationCertificate.insert(
        DemonstrationCertificate(
            market=market,
            year=year,
            certificate_no=f"ZJSF-{year}-{market}",
            certified_at=datetime(year, 12, 28, 9, 30, tzinfo=EAST_8),
            revoked_on=revoked,
        )
    )


async def _edge_markets() -> list[int]:
    """Valid markets, then the columns validation would not let through written directly."""
    operator = await make_operator()
    first = await make_market(
        opening_hours=[(1, "13:00", "17:30"), (1, "08:00", "12:00"), (5, "22:00", "06:00")],
        occupations=("快件处理员", "餐厅服务员", "装卸搬运工"),
        operator_id=operator,
        labour_brand="上城巧匠😀",
        latitude=30.123456789012345,
        longitude=120.0,
        established_on=date(2020, 1, 1),
    )
    await t.Market.update(
        {t.Market.name: '上城区"引号"\\反斜杠\t制表\n换行\x01零工\x1e市场\u2028'}
    ).where(t.Market.id == first)
    await _certificate(first, 2023)
    await _certificate(first, 2024)
    await _certificate(first, 2025, revoked=date(2026, 1, 5))
    revoked = await make_market(labour_brand="", opening_hours=[], established_on=date(2021, 5, 1))
    await _certificate(revoked, 2025, revoked=date(2025, 7, 1))
    ids = [first, revoked]
    regions = {code: await region_id(code) for code in ("330102", "330106", "330783")}
    for n in range(9):
        market = await make_market(
            station_type="RURAL_STATION" if n % 3 == 0 else "MARKET",
            parent_market_id=first if n % 3 == 0 else None,
            opening_hours=[(d, "00:00", "23:59") for d in range(1, 8)] if n % 2 else [],
            occupations=("装卸搬运工",) if n % 2 else (),
            latitude=29.0 + n / 7,
            longitude=119.5 + n / 3,
            established_on=date(2022, 1, 1) + timedelta(days=n % 4),
        )
        code = ("330102", "330106", "330783")[n % 3]
        await t.Market.update({t.Market.region: regions[code]}).where(t.Market.id == market)
        ids.append(market)
    await t.Market.update({t.Market.longitude: -0.0, t.Market.latitude: 0.0}).where(
        t.Market.id == ids[3]
    )
    await t.Market.update({t.Market.name: "上城区 100% 测试_零工市场"}).where(t.Market.id == ids[6])
    await t.Market.update(
        {
            t.Market.function_areas: ["GENERAL_SERVICE", "JOB_MATCHING"],
            t.Market.facilities: ["SHELTER"],
            t.Market.construction_unit: '上城区"人社局"',
            t.Market.service_unit: "",
        }
    ).where(t.Market.id == first)
    await t.Market.update({t.Market.status: "SUSPENDED"}).where(t.Market.id == ids[4])
    await t.Market.update({t.Market.status: "CLOSED"}).where(t.Market.id == ids[5])
    for n, market in enumerate(ids[2:8]):
        await _certificate(market, 2024 + n % 2, revoked=date(2026, 2, 1) if n == 3 else None)
    return ids


async def _edge_postings() -> dict[str, int]:
    """Postings at every posting writer's edge, and markets for their `market`."""
    market = await make_market(latitude=30.25, longitude=120.17)
    company, _ = await make_employer()
    person, _ = await make_employer(kind="INDIVIDUAL", name="王五")
    single, _ = await make_employer(kind="INDIVIDUAL", name="李")
    ids = {
        "located": await make_posting(
            company, location=(30.123456789012345, 120.0), market_id=market, headcount=3
        ),
        "piece": await make_posting(person, wage=("0.05", "PIECE"), occupation="餐厅服务员"),
        "hourly": await make_posting(single, wage=("22.50", "HOUR")),
        "monthly": await make_posting(
            company, wage=("6000.00", "MONTH"), prefer_assisted=True, region_code="330106"
        ),
        "late": await make_posting(company, starts_in=timedelta(hours=30), hours=1),
        "welfare": await make_posting(company),
        "draft": await make_posting(company, publish=False),
    }
    for n in range(6):
        ids[f"plain{n}"] = await make_posting(
            company, starts_in=timedelta(hours=3 + n), wage=(f"{150 + 10 * n}.00", "DAY")
        )
    posting = t_posting.JobPosting
    await posting.update(
        {posting.title: '急招"装卸"\\工\t夜班\n\x02', posting.confirmed_count: 1}
    ).where(posting.id == ids["located"])
    # Same-day once published: published so, it must start today in Shanghai, which a start
    # two hours ahead is not after 22:00 there.
    await posting.update(
        {posting.confirmed_count: 5, posting.headcount: 1, posting.same_day: True}
    ).where(posting.id == ids["hourly"])
    await posting.update({posting.public_welfare: True}).where(posting.id == ids["welfare"])
    # microseconds, and a start late in the UTC day (the next day in Shanghai)
    (row,) = await posting.select(posting.starts_at).where(posting.id == ids["late"])
    late = row["starts_at"].replace(hour=23, minute=30, second=5, microsecond=123456)
    await posting.update({posting.starts_at: late}).where(posting.id == ids["late"])
    return {**ids, "market": market}


async def _edge_courses() -> dict[str, int]:
    """Courses at every course writer's edge: an institution's and an operator's, online and
    at a market, free and paid, full, finished by now, without an occupation."""
    market = await make_market(latitude=30.25, longitude=120.17)
    operator = await make_operator()
    await t.Market.update({t.Market.operator: operator}).where(t.Market.id == market)
    school = await make_institution(name='上城"职业"学校\\')
    ids = {
        "school": await make_course(market, institution_id=school, fee="1280.50"),
        "online": await make_course(market, mode="ONLINE", occupation=None, subsidised=False),
        "full": await make_course(market, capacity=1, times=sessions(3, timedelta(hours=1))),
        "soon": await make_course(market, fee="0.05", times=sessions(1, timedelta(days=1))),
    }
    for n in range(4):
        ids[f"plain{n}"] = await make_course(market, fee=f"{n * 100}.00", title=f"课程{n}")
    course = t_training.TrainingCourse
    await course.update({course.enrolled_count: 3, course.status: "FULL"}).where(
        course.id == ids["full"]
    )
    await course.update({course.address: "", course.latitude: None}).where(
        course.id == ids["online"]
    )
    return {**ids, "market": market}


async def _post(
    client, name: str, variables: dict, token: str | None = None
) -> tuple[int, str, bytes]:
    payload = {"query": DOCUMENTS[name], "operationName": name, "variables": variables}
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json=payload, headers=headers)
    # Masked errors quote the request's own id; everything else must be equal byte for byte.
    body = response.content.replace(response.headers["x-request-id"].encode(), b"<request id>")
    return response.status_code, response.headers["content-type"], body


@pytest.fixture
async def edge_occupations():
    """Occupations at every writer's edge, beside the catalogue (reference data, which the
    tests keep): quotes, backslashes, U+2028, emoji; aliases with empty parts or none; no code.
    Removed afterwards."""
    edges = [
        ('引号"与\\反斜杠😀', None, ";;搬运;;", 0),
        ("换行\u2028符", "9-99-99-91", "", 9),
        ("控制\u0007字符", "9-99-99-92", "小工;😀;百分之100%", 99),
    ]
    rows = [Occupation(name=n, code=c, aliases=a, major_group=g) for n, c, a, g in edges]
    await Occupation.insert(*rows)
    yield
    await Occupation.delete().where(Occupation.name.is_in([e[0] for e in edges]))


async def _edge_publications() -> None:
    """Publications of the market list at every writer's edge: microsecond and whole-second
    times, late in the UTC day (the next day in Shanghai), empty lists, large files."""
    moments = [
        datetime(2026, 1, 1, 16, 30, 0, tzinfo=UTC),
        datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 6, 30, 0, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 12, 6, 2, 0, 0, 500000, tzinfo=UTC),
        datetime(2026, 12, 6, 15, 59, 59, tzinfo=UTC),
        datetime(2026, 12, 6, 16, 0, 0, 10, tzinfo=UTC),
    ]
    for k, moment in enumerate(moments):
        await t.DirectoryPublication.insert(
            t.DirectoryPublication(
                published_at=moment,
                published_on=(moment + timedelta(hours=8)).date(),
                market_count=k * 700,
                station_count=0 if k == 0 else 90 + k,
                sha256=f"{k:x}" * 64,
                byte_size=2_000_000_000 if k == 3 else k,
            )
        )


async def _edge_policies() -> None:
    """Policy items at every writer's edge: quotes, backslashes, U+2028, emoji; a whole
    document (no clause); open-ended and ending; ties of first days; and items the list leaves
    out (a draft, a withdrawn one, one ended, one not yet in effect)."""
    from tests.fixtures.policy import make_policy

    edges = [
        ('引号"与\\反斜杠😀', "（十一）", -30, None, ("330000",), ("WORKER",)),
        ("换行\u2028符", "", -30, 10, ("330100",), ("EMPLOYER",)),
        ("控制\u0007字符", "（九）", -30, None, ("330102",), ("WORKER", "EMPLOYER")),
        ("职业培训补贴", "（九）", -5, 0, ("330000",), ("OPERATOR",)),
        ("零工补贴 100%", "（十一）", -400, None, ("330100",), ("WORKER",)),
    ]
    for title, clause, starts, ends, regions, roles in edges:
        await make_policy(
            title, clause=clause, starts=starts, ends=ends, regions=regions, roles=roles
        )
    await make_policy("草稿", status="DRAFT")
    await make_policy("已撤回", status="WITHDRAWN")
    await make_policy("已过期", starts=-60, ends=-1)
    await make_policy("未生效", starts=3)


VARIANTS: list[dict] = [
    {},
    {"first": None, "after": None, "where": None, "search": None, "orderBy": None},
    {"first": 0},
    {"first": 1},
    {"first": 3},
    {"first": 100},
    {"first": 101},
    {"first": -1},
    {"after": "bm90IGEgY3Vyc29y"},
    {"after": "WzNd"},
    {"search": "零工"},
    {"search": "100%"},
    {"search": "_"},
    {"search": "巧匠😀"},
    {"search": "不存在的文字"},
    {"where": {"regionCode": "330100"}},
    {"where": {"regionCode": "330783", "stationType": "RURAL_STATION"}},
    {"where": {"regionCode": "33"}},
    {"where": {"isDemonstration": True}},
    {"where": {"isDemonstration": False, "kind": "COMPREHENSIVE"}},
    {"where": {"status": ["CLOSED", "SUSPENDED"]}},
    {"where": {"openAt": "2026-12-07T09:00:00+08:00"}},
    {"where": {"occupationCode": "4-02-06-01"}},
    {"orderBy": {"field": "NAME"}},
    {"orderBy": {"field": "NAME", "direction": "DESC"}, "first": 4},
    {"orderBy": {"field": "ESTABLISHED_ON", "direction": "DESC"}, "first": 2},
    {"orderBy": {"field": "ESTABLISHED_ON"}, "first": 2},
    {"orderBy": {"field": "DISTANCE"}},
    {"first": "seven"},
]
# A distance page of postings or courses (texts.distance_page), its edges: the empty page,
# one card, every card, a filter beside it; bad points, radii and orders.
WIDEST_NEAR = {
    "NearbyMarkets": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 300, "first": 100},
    "other": {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 300}, "first": 100},
}
NEAR_VARIANTS: list[dict] = [
    {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 50}},
    WIDEST_NEAR["other"],
    {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 300}, "first": 1},
    {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 300}, "first": 0},
    {"near": {"latitude": 0.0, "longitude": 0.0, "radiusKm": 0.001}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "where": {"regionCode": "330100"}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "orderBy": {"field": "DISTANCE"}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "search": "%"},
    {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 0}},
    {"near": {"latitude": 91, "longitude": 120.17}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "orderBy": {"field": "STARTS_AT"}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "first": 101},
]
NEAR_LEFT = [
    {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 0}},
    {"near": {"latitude": 91, "longitude": 120.17}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "orderBy": {"field": "STARTS_AT"}},
    {"near": {"latitude": 30.25, "longitude": 120.17}, "first": 101},
]
POSTING_VARIANTS: list[dict] = [
    {},
    {"first": None, "after": None, "where": None, "search": None, "orderBy": None, "near": None},
    {"first": 0},
    {"first": 1},
    {"first": 100},
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"search": "急招"},
    {"search": "%"},
    {"search": "_"},
    {"search": '"装卸"'},
    {"where": {"occupationCode": "4-02-06-01"}},
    {"where": {"regionCode": "330100"}},
    {"where": {"regionCode": "33"}},
    {"where": {"sameDay": True}},
    {"where": {"minDailyWage": "200"}},
    {"where": {"minDailyWage": "abc"}},
    {"where": {"marketId": "not-a-global-id"}},
    {"orderBy": {"field": "DAILY_WAGE", "direction": "DESC"}},
    {"orderBy": {"field": "PUBLISHED_AT", "direction": "DESC"}, "first": 3},
    {"orderBy": {"field": "DISTANCE"}},
    *NEAR_VARIANTS,
]
# Variants the generic executor answers with an error (the text plans leave them to it).
POSTING_LEFT = [
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"where": {"regionCode": "33"}},
    {"where": {"minDailyWage": "abc"}},
    {"orderBy": {"field": "DISTANCE"}},
    *NEAR_LEFT,
]
# NearbyMarkets: distances ranked in Python, each card's distanceKm put in by Python; ties (two
# markets at one point) by id; a market at (0, -0.0); the empty page; bad points and radii.
HANGZHOU = {"latitude": 30.25, "longitude": 120.17}
NEARBY_VARIANTS: list[dict] = [
    HANGZHOU,
    WIDEST_NEAR["NearbyMarkets"],
    {**HANGZHOU, "radiusKm": 300, "first": 0},
    {**HANGZHOU, "radiusKm": 300, "first": 101},
    {**HANGZHOU, "radiusKm": 300, "after": "bm90IGEgY3Vyc29y"},
    {**HANGZHOU, "radiusKm": 0.001},
    {**HANGZHOU, "radiusKm": 0},
    {**HANGZHOU, "radiusKm": 1000},
    {**HANGZHOU, "radiusKm": 300, "where": {"regionCode": "330100"}},
    {**HANGZHOU, "radiusKm": 300, "where": {"regionCode": "33"}},
    {**HANGZHOU, "radiusKm": 300, "where": {"status": ["CLOSED"]}},
    {"latitude": 0, "longitude": 0, "radiusKm": 1},
    {"latitude": 0.0, "longitude": -0.0, "radiusKm": 0.5, "first": None},
    {"latitude": 91, "longitude": 0},
    {"latitude": 30.25},
    {**HANGZHOU, "first": "seven"},
]
NEARBY_LEFT = [
    {**HANGZHOU, "radiusKm": 300, "first": 101},
    {**HANGZHOU, "radiusKm": 300, "after": "bm90IGEgY3Vyc29y"},
    {**HANGZHOU, "radiusKm": 0},
    {**HANGZHOU, "radiusKm": 1000},
    {**HANGZHOU, "radiusKm": 300, "where": {"regionCode": "33"}},
    {"latitude": 91, "longitude": 0},
    {"latitude": 30.25},
    {**HANGZHOU, "first": "seven"},
]
# Variants the generic executor answers with an error (the text plans leave them to it).
REFUSED = [
    {"first": 101},
    {"first": -1},
    {"after": "bm90IGEgY3Vyc29y"},
    {"where": {"regionCode": "33"}},
    {"orderBy": {"field": "DISTANCE"}},
    {"first": "seven"},
]
MONDAY_9 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


MAP_VARIANTS: list[dict] = [
    {},
    {"where": None},
    {"where": {"regionCode": "330100"}},
    {"where": {"regionCode": "330783"}},
    {"where": {"regionCode": "33"}},
    {"where": {"isDemonstration": True}},
    {"where": {"stationType": "RURAL_STATION", "kind": "COMPREHENSIVE"}},
    {"where": {"status": ["CLOSED"]}},
    {"where": {"openAt": "2026-12-12T05:30:00+08:00"}},
    {"where": {"occupationCode": "4-02-06-01"}},
]
MAP_LEFT = [{"where": {"regionCode": "33"}}]
# The detail asks for every market of the scene (added in the test: ids differ between
# databases), then for ids nobody has: those the generic executor answers (null, and a failed
# lookup charged).
DETAIL_VARIANTS: list[dict] = [
    {"id": encode_id("Market", 987654)},
    {"id": "not-a-global-id"},
    {"id": encode_id("JobPosting", 1)},
]
DETAIL_LEFT = list(DETAIL_VARIANTS)
DEMONSTRATION_VARIANTS: list[dict] = [
    {},
    {"year": None, "first": None, "after": None},
    {"year": 2024},
    {"year": 2025},
    {"year": 1999},
    {"first": 0},
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"year": "2024"},
]
DEMONSTRATION_LEFT = [{"first": 101}, {"after": "bm90IGEgY3Vyc29y"}, {"year": "2024"}]
TRAINING_VARIANTS: list[dict] = [
    {},
    {"first": None, "after": None, "where": None, "search": None, "orderBy": None, "near": None},
    {"first": 0},
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"search": "课程"},
    {"search": "%"},
    {"where": {"mode": "ONLINE"}},
    {"where": {"subsidised": False, "category": "URGENT_SKILL"}},
    {"where": {"regionCode": "330100"}},
    {"where": {"regionCode": "33"}},
    {"where": {"occupationCode": "4-02-06-01"}},
    {"where": {"startsFrom": "2026-01-01T00:00:00+08:00"}},
    {"orderBy": {"field": "FEE", "direction": "DESC"}},
    {"orderBy": {"field": "DISTANCE"}},
    *NEAR_VARIANTS,
]
TRAINING_LEFT = [
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"where": {"regionCode": "33"}},
    {"orderBy": {"field": "DISTANCE"}},
    *NEAR_LEFT,
]
POLICY_VARIANTS: list[dict] = [
    {},
    {"first": None, "after": None, "where": None, "search": None},
    {"first": 0},
    {"first": 1},
    {"first": 100},
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"search": "补贴"},
    {"search": "100%"},
    {"search": "😀"},
    {"search": "不存在的文字"},
    {"where": {"regionCode": "330100"}},
    {"where": {"regionCode": "330102", "role": "EMPLOYER"}},
    {"where": {"regionCode": "999999"}},
    {"where": {"clause": "（十一）"}},
    {"where": {"clause": "十一"}},
    {"where": {"role": "WORKER"}},
]
POLICY_LEFT = [
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"where": {"regionCode": "999999"}},
    {"where": {"clause": "十一"}},
]
OCCUPATION_VARIANTS: list[dict] = [
    {},
    {"first": None, "after": None, "search": None},
    {"first": 0},
    {"first": 1},
    {"first": 100},
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
    {"search": "搬运"},
    {"search": "4-02"},
    {"search": "引号"},
    {"search": "😀"},
    {"search": "%"},
    {"search": "  "},
    {"search": "不存在的职业"},
]
OCCUPATION_LEFT = [{"first": 101}, {"after": "bm90IGEgY3Vyc29y"}]
PUBLICATION_VARIANTS: list[dict] = [
    {},
    {"first": None, "after": None},
    {"first": 0},
    {"first": 1},
    {"first": 100},
    {"first": 101},
    {"after": "bm90IGEgY3Vyc29y"},
]
PUBLICATION_LEFT = [{"first": 101}, {"after": "bm90IGEgY3Vyc29y"}]
SORTS = {
    "DirectoryHistory": (),
    "Occupations": (),
    "Policies": (),
    "MarketDirectory": ("NAME", "ESTABLISHED_ON", "ID"),
    "PostingSearch": ("STARTS_AT", "PUBLISHED_AT", "DAILY_WAGE"),
    "DemonstrationMarkets": (),
    "TrainingSearch": ("STARTS_AT", "FEE"),
    "NearbyMarkets": (),
}
# What every page of a walk is also sent with (the document's required variables).
WALKED_WITH = {"NearbyMarkets": {**HANGZHOU, "radiusKm": 300}}


@pytest.mark.parametrize(
    ("name", "variants", "left"),
    [
        ("MarketDirectory", VARIANTS, REFUSED),
        ("PostingSearch", POSTING_VARIANTS, POSTING_LEFT),
        ("MarketMap", MAP_VARIANTS, MAP_LEFT),
        ("MarketDetail", DETAIL_VARIANTS, DETAIL_LEFT),
        ("DemonstrationMarkets", DEMONSTRATION_VARIANTS, DEMONSTRATION_LEFT),
        ("TrainingSearch", TRAINING_VARIANTS, TRAINING_LEFT),
        ("Policies", POLICY_VARIANTS, POLICY_LEFT),
        ("Occupations", OCCUPATION_VARIANTS, OCCUPATION_LEFT),
        ("DirectoryHistory", PUBLICATION_VARIANTS, PUBLICATION_LEFT),
        ("NearbyMarkets", NEARBY_VARIANTS, NEARBY_LEFT),
    ],
)
async def test_lists_written_by_the_database_are_byte_identical_to_graphql_cores(
    client, app, monkeypatch, edge_occupations, name, variants, left
):
    # given rows at every writer's edge, and a record of the requests the text plans answered
    market_ids = await _edge_markets()
    posting_ids = await _edge_postings()
    course_ids = await _edge_courses()
    if name == "Policies":
        await _edge_policies()
    if name == "DirectoryHistory":
        await _edge_publications()
    if name == "MarketDetail":
        # A stored value no FunctionArea has (only SQL could write it): the generic executor
        # fails on it, masked, and so must the page that selects it. (Lists that do not
        # select it fail on the generic executor too, from to_market; that strictness is not
        # the text plans', and this is not data the application can write.)
        await t.Market.update({t.Market.function_areas: ["INTERVIEW"]}).where(
            t.Market.id == market_ids[7]
        )
        ids = [*market_ids, posting_ids["market"]]
        variants = [*({"id": encode_id("Market", n)} for n in ids), *variants]
        left = [{"id": encode_id("Market", market_ids[7])}, *left]
    if name in ("PostingSearch", "TrainingSearch"):
        ids = posting_ids if name == "PostingSearch" else course_ids
        variants = [*variants, {"where": {"marketId": encode_id("Market", ids["market"])}}]
    schema = graphql_view(app).schema
    texts, compiled = schema.texts, schema.compiled
    answered: list[dict] = []
    answer = TextPlans.answer

    async def recording(self, query, operation_name, variables, context):
        body = await answer(self, query, operation_name, variables, context)
        if body is not None:
            answered.append(variables)
        return body

    monkeypatch.setattr(TextPlans, "answer", recording)
    # The failed-lookup budget is the app's, shared by the tests: not what this test is about.
    monkeypatch.setattr(Limits, "lookups_left", lambda self, key: 1000)
    # one moment for both paths' isOpenNow
    monkeypatch.setattr("resolvers.market.texts.now", lambda: MONDAY_9)
    monkeypatch.setattr("resolvers.market.loaders.now", lambda: MONDAY_9)
    monkeypatch.setattr("resolvers.market.queries.now", lambda: MONDAY_9)
    differences: dict[str, Any] = {}

    async def both(variables: dict) -> bytes:
        schema.texts, schema.compiled = None, CompiledDocuments({}, {})
        generic = await _post(client, name, variables)
        schema.texts, schema.compiled = texts, compiled
        written = await _post(client, name, variables)
        if written != generic:
            differences[json.dumps(variables)] = (generic, written)
        return written[2]

    # when every variant runs, and every sort is walked page by page to its end
    walked = 0
    orders: list[dict] = []
    try:
        bodies = [json.loads(await both(variables)) for variables in variants]
        if name in SORTS:
            orders = [{"field": f, "direction": d} for f in SORTS[name] for d in ("ASC", "DESC")]
        for order in (None, *orders) if name in SORTS else ():
            after = None
            for _ in range(30):
                by = {"orderBy": order} if SORTS[name] else {}
                body = await both({**WALKED_WITH.get(name, {}), "first": 2, "after": after, **by})
                walked += 1
                page = json.loads(body)["data"][ROOT[name]]
                if not page["pageInfo"]["hasNextPage"]:
                    break
                after = end_cursor(json.loads(body))
    finally:
        schema.texts, schema.compiled = texts, compiled

    # then every answer is the same bytes, status and type; and the text plans answered every
    # request but those the generic executor must refuse or rank
    assert differences == {}
    assert [v for v in variants if v in answered] == [v for v in variants if v not in left]
    assert len(answered) == len(variants) - len(left) + walked
    if name in SORTS:
        assert walked > 2 * len(SORTS[name]) + 2  # more than one page per order
    if name in ("NearbyMarkets", "PostingSearch", "TrainingSearch"):
        # the widest distance page: several cards, each with its distance, nearest first
        widest = WIDEST_NEAR["NearbyMarkets" if name == "NearbyMarkets" else "other"]
        page = bodies[variants.index(widest)]["data"][ROOT[name]]
        cards = page["nodes"] if "nodes" in page else [e["node"] for e in page["edges"]]
        distances = [c["distanceKm"] for c in cards]
        assert distances and None not in distances and distances == sorted(distances), page
        if name == "NearbyMarkets":  # two markets at the point itself, ties by id
            assert len(distances) >= 3 and distances[:2] == [0.0, 0.0], page


ROOT = {
    "DirectoryHistory": "directoryPublications",
    "Occupations": "occupations",
    "Policies": "policies",
    "MarketDirectory": "markets",
    "NearbyMarkets": "markets",
    "PostingSearch": "jobPostings",
    "DemonstrationMarkets": "demonstrationMarkets",
    "TrainingSearch": "trainings",
}


def _pages(statements: int) -> int:
    """A page's statements on this engine: SQLite reads the page, its count and its cards in
    one; PostgreSQL the page with its count, then the cards through the cards' pool."""
    return statements if current_engine().engine_type == "sqlite" else statements + 1


async def _sent_through(node: Any, monkeypatch) -> list[str]:
    """The statements `node` (a pool of piccolo_conf's) runs from now on, recorded; asserts
    that its connections keep generic plans."""
    sent: list[str] = []
    run = type(node).run_querystring

    async def recording(self, querystring, in_pool=True):
        if self is node:
            sent.append(querystring.template)
        return await run(self, querystring, in_pool=in_pool)

    monkeypatch.setattr(type(node), "run_querystring", recording)
    assert await node.pool.fetchval("SHOW plan_cache_mode") == "force_generic_plan"
    return sent


async def _cards_pool_statements(monkeypatch) -> list[str] | None:
    """The statements the cards' pool runs from now on (PostgreSQL); None on SQLite."""
    engine = current_engine()
    if engine.engine_type != "postgres":
        return None
    return await _sent_through(engine.extra_nodes[CARDS], monkeypatch)


async def test_the_directory_s_text_answers_in_one_statement_its_count_beside_its_page(
    client, monkeypatch
):
    await _edge_markets()
    # markets are a small table (TextRoot.small_table): the page, its count and its cards in
    # one statement through the pool that keeps its plan (piccolo_conf.CARDS)
    on_cards = await _cards_pool_statements(monkeypatch)
    with count_sql() as statements:
        status, _, body = await _post(client, "MarketDirectory", {"first": 100})
    assert status == 200
    markets = json.loads(body)["data"]["markets"]
    assert len(markets["nodes"]) == markets["totalCount"] == 10  # not the CLOSED one
    assert statements[0] == 1
    if on_cards is not None:
        assert len(on_cards) == 1 and on_cards[0].startswith("SELECT")
        assert "lingong_total" in on_cards[0] and "lingong_card" in on_cards[0]


async def test_a_large_tables_public_page_is_planned_for_its_values_and_its_cards_kept(
    client, monkeypatch
):
    # open postings are millions at province scale: the page is planned for its values on the
    # API's pool, the cards by id through the pool that keeps their plan
    await _edge_postings()
    on_cards = await _cards_pool_statements(monkeypatch)
    with count_sql() as statements:
        status, _, body = await _post(client, "PostingSearch", {"first": 2})
    assert status == 200 and len(json.loads(body)["data"]["jobPostings"]["nodes"]) == 2
    assert statements[0] == _pages(1)
    if on_cards is not None:
        assert len(on_cards) == 1 and on_cards[0].startswith("SELECT")
        assert on_cards[0].endswith('WHERE "job_posting"."id" = ANY({})')


async def _both_paths(client, app, name: str, variables: dict) -> tuple[bytes, int]:
    """(the text plan's body, its statements), asserted equal to the generic executor's."""
    schema = graphql_view(app).schema
    texts, compiled = schema.texts, schema.compiled
    schema.texts, schema.compiled = None, CompiledDocuments({}, {})
    try:
        generic = await _post(client, name, variables)
    finally:
        schema.texts, schema.compiled = texts, compiled
    with count_sql() as statements:
        written = await _post(client, name, variables)
    assert written == generic
    return written[2], statements[0]


async def test_a_folded_count_is_the_generic_count_on_empty_pages_and_past_the_cap(
    client, app, monkeypatch
):
    # given ten listed markets, and open postings past a cap lowered to 3
    await _edge_markets()
    await _edge_postings()
    monkeypatch.setattr("resolvers.pagination.COUNT_CAP", 3)
    monkeypatch.setattr(Limits, "lookups_left", lambda self, key: 1000)

    # an empty first page counts 0 without a statement of its own
    body, statements = await _both_paths(
        client, app, "MarketDirectory", {"search": "没有这样的市场"}
    )
    assert json.loads(body)["data"]["markets"]["totalCount"] == 0
    assert statements == 1  # no cards to read
    # a page past the end is empty: its count is the list's, from its own statement
    last = json.loads((await _post(client, "MarketDirectory", {"first": 100}))[2])
    body, statements = await _both_paths(
        client, app, "MarketDirectory", {"after": end_cursor(last)}
    )
    listed = last["data"]["markets"]["totalCount"]
    assert listed == len(last["data"]["markets"]["nodes"]) == 11  # and the postings' market
    page = json.loads(body)["data"]["markets"]
    assert (page["totalCount"], page["nodes"]) == (11, [])
    assert statements == 2
    # past the cap the count is a lower bound, as the generic executor reports it
    body, statements = await _both_paths(client, app, "PostingSearch", {"first": 2})
    page = json.loads(body)["data"]["jobPostings"]
    assert (page["totalCount"], page["totalCountIsExact"], len(page["nodes"])) == (3, False, 2)
    assert statements == _pages(1)
    # and up to the cap it is exact
    body, statements = await _both_paths(client, app, "PostingSearch", {"where": {"sameDay": True}})
    page = json.loads(body)["data"]["jobPostings"]
    assert (page["totalCount"], page["totalCountIsExact"], len(page["nodes"])) == (1, True, 1)
    assert statements == _pages(1)


def _generic_runs(app, monkeypatch) -> list[str]:
    """The operation names the generic executor runs from now on, in order."""
    schema = graphql_view(app).schema
    executed: list[str] = []
    execute = type(schema).execute

    async def recording(self, *args, **kwargs):
        executed.append(kwargs.get("operation_name") or "")
        return await execute(self, *args, **kwargs)

    monkeypatch.setattr(type(schema), "execute", recording)
    return executed


async def test_a_signed_in_reader_and_a_double_nobody_writes_take_the_generic_executor(
    client, app, monkeypatch
):
    # given a market whose longitude PostgreSQL would not write as Python does, and a reader
    market = await make_market()
    await t.Market.update({t.Market.longitude: 1e16}).where(t.Market.id == market)
    executed = _generic_runs(app, monkeypatch)

    # when it is read anonymously
    status, _, body = await _post(client, "MarketDirectory", {})

    # then on PostgreSQL the generic executor answered it, with Python's text; SQLite's
    # function writes repr() itself
    assert status == 200
    assert b'"longitude":1e+16' in body
    assert executed == (["MarketDirectory"] if current_engine().engine_type == "postgres" else [])

    # and a bearer token (valid or not) always takes the generic executor
    executed.clear()
    payload = {"query": DOCUMENTS["MarketDirectory"], "operationName": "MarketDirectory"}
    response = await client.post(
        "/graphql", json=payload, headers={"Authorization": "Bearer not-a-token"}
    )
    assert response.status_code == 200
    assert executed == ["MarketDirectory"]


@pytest.mark.skipif(
    current_engine().engine_type != "sqlite", reason="PostgreSQL's integer column rules it out"
)
async def test_a_stored_integer_past_a_graphql_int_is_left_to_the_generic_executor(
    client, app, monkeypatch
):
    # given an occupation whose major group SQLite holds past 32 bits, and one at the bound
    past = Occupation(name="过大的大类", code="9-99-99-93", aliases="", major_group=2**31)
    bound = Occupation(name="边界的大类", code="9-99-99-94", aliases="", major_group=2**31 - 1)
    await Occupation.insert(past, bound)
    executed = _generic_runs(app, monkeypatch)
    try:
        # when each is listed
        found = {}
        for row in (past, bound):
            found[row.name] = await _both_paths(client, app, "Occupations", {"search": row.name})

        # then the same bytes both ways: the generic executor answered the one past the bound
        # (its field error), the text plan the other
        assert b"Int cannot represent" in found["过大的大类"][0]
        assert b'"majorGroup":2147483647' in found["边界的大类"][0]
        assert executed == ["Occupations", "Occupations", "Occupations"]
    finally:
        await Occupation.delete().where(Occupation.id.is_in([past.id, bound.id]))


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-07T07:59:59+08:00",
        "2026-12-07T08:00:00+08:00",
        "2026-12-12T05:59:00+08:00",
        "2026-12-12T06:00:00+08:00",
    ],
)
async def test_is_open_now_is_read_at_the_request_s_moment(client, monkeypatch, moment):
    # given a market open Monday 08:00–12:00 and Friday 22:00 to Saturday 06:00
    await make_market(opening_hours=[(1, "08:00", "12:00"), (5, "22:00", "06:00")])
    at = datetime.fromisoformat(moment).astimezone(UTC)
    monkeypatch.setattr("resolvers.market.texts.now", lambda: at)
    monkeypatch.setattr("resolvers.market.loaders.now", lambda: at)

    # when the directory is read at the edges of those periods
    _, _, body = await _post(client, "MarketDirectory", {})

    # then open exactly from opening to closing time, as is_open says
    (node,) = json.loads(body)["data"]["markets"]["nodes"]
    assert node["isOpenNow"] is (moment[11:16] in ("08:00", "05:59"))


async def test_a_lookup_over_the_failed_lookup_budget_is_refused_as_before(
    client, app, monkeypatch
):
    # given a market, and a caller whose failed-lookup budget is spent
    market = await make_market()
    monkeypatch.setattr(Limits, "lookups_left", lambda self, key: 0)
    monkeypatch.setattr(Limits, "retry_after", lambda self, item, key: 60)

    # when it asks for the market's page by id
    status, _, body = await _post(client, "MarketDetail", {"id": encode_id("Market", market)})

    # then the generic executor refuses it whole, as for any lookup, found or not
    assert status == 429
    assert json.loads(body)["errors"][0]["extensions"] == {"code": "RATE_LIMITED", "retryAfter": 60}


# Page sizes every signed-in list is sent (answered by its text plan), and bad paging (the
# generic executor's errors).
PAGE_SIZES: list[dict] = [{}, {"first": 0}, {"first": 1}, {"first": 3}, {"first": 100}]
BAD_PAGES: list[dict] = [{"first": 101}, {"first": -1}, {"after": "bm90IGEgY3Vyc29y"}]


class _SignedInPaths:
    """A signed-in document sent by readers over both paths: `both` returns the text plan's
    body and records in `differences` any answer unlike the generic executor's; `answered`
    holds (role, variables) of each request a text plan answered."""

    def __init__(self, client, app, name: str, monkeypatch) -> None:
        self.client, self.name = client, name
        self.schema = graphql_view(app).schema
        self.differences: dict[str, Any] = {}
        self.answered: list[tuple[str, dict]] = []
        answer, answered = TextPlans.answer, self.answered

        async def recording(self, query, operation_name, variables, context):
            body = await answer(self, query, operation_name, variables, context)
            if body is not None:
                answered.append((context.viewer.role, variables))
            return body

        monkeypatch.setattr(TextPlans, "answer", recording)
        monkeypatch.setattr(Limits, "lookups_left", lambda self, key: 1000)

    async def both(self, variables: dict, token: str | None) -> bytes:
        schema = self.schema
        texts, compiled = schema.texts, schema.compiled
        schema.texts, schema.compiled = None, CompiledDocuments({}, {})
        try:
            generic = await _post(self.client, self.name, variables, token)
        finally:
            schema.texts, schema.compiled = texts, compiled
        written = await _post(self.client, self.name, variables, token)
        if written != generic:
            self.differences[json.dumps([variables, token])] = (generic, written)
        return written[2]

    async def walk(self, root: str, variables: dict, token: str | None, first: int) -> list:
        """Every page of `root`, `first` at a time, over both paths: each request's variables."""
        sent: list[dict] = []
        after = None
        for _ in range(20):
            sent.append({**variables, "first": first, "after": after})
            page = json.loads(await self.both(sent[-1], token))["data"][root]
            if not page["pageInfo"]["hasNextPage"]:
                return sent
            after = page["pageInfo"]["endCursor"]
        raise AssertionError(f"{root}: more than 20 pages")

    def answered_only(self, role: str, *requests: dict) -> None:
        """Every answer was the generic executor's bytes, and the text plan answered exactly
        these requests, in this order, all for readers of `role`."""
        assert self.differences == {}
        assert self.answered == [(role, v) for v in requests]


async def _edge_workers() -> dict[str, Any]:
    """Two markets of one operator (one with nobody registered), a market of another, and at
    the first: walk-ins with every writer's edge, a worker with an account, a prioritised one,
    registration times with microseconds late in the UTC day."""
    mine, theirs = await make_operator(), await make_operator()
    market = await make_market(operator_id=mine)
    empty = await make_market(operator_id=mine)
    other = await make_market(operator_id=theirs)
    names = [
        "王",
        '引号"\\反斜杠',
        "换行\u2028符😀",
        "控制\u0007字符",
        "张三丰",
        "李四",
        "Ann O'Neil",
    ]
    occupations = [(), ("装卸搬运工",), ("装卸搬运工", "保洁员"), ("保洁员",)]
    for i, name in enumerate(names):
        worker = await make_walk_in(mine, market, name=name, occupations=occupations[i % 4])
        moment = datetime(2026, 11, 30, 23, 30, 0, 1000 * i + 7, tzinfo=UTC)
        await WorkerRow.update({WorkerRow.created_at: moment}).where(WorkerRow.id == worker)
    await make_walk_in(theirs, other, name="别家的")
    signed, _ = await make_worker(name="有账号", assistance=("DISABLED",))
    await WorkerRow.update({WorkerRow.registered_market: market}).where(WorkerRow.id == signed)
    return {
        "market": encode_id("Market", market),
        "empty": encode_id("Market", empty),
        "other": encode_id("Market", other),
        "mine": await operator_token(mine),
        "theirs": await operator_token(theirs),
        "staff": await staff_token(),
        "worker": (await make_worker(name="旁人"))[1],
    }


async def test_a_signed_in_list_is_written_as_graphql_core_writes_it_for_each_reader(
    client, app, monkeypatch
):
    """MarketWorkers, signed in: the market's operator and staff get the text plan's bytes,
    equal to the generic executor's; another operator, a worker, a bad or missing token, an
    unknown, malformed or empty market, a bad cursor: the generic executor, as before."""
    # given
    scene = await _edge_workers()
    paths = _SignedInPaths(client, app, "MarketWorkers", monkeypatch)
    both, answered, differences = paths.both, paths.answered, paths.differences
    market = scene["market"]
    answering = [
        {"marketId": market},
        {"marketId": market, "first": 1},
        {"marketId": market, "first": 3},
        {"marketId": market, "first": 100},
    ]
    refusing = [
        {"marketId": market, "first": 0},
        {"marketId": market, "first": 101},
        {"marketId": market, "first": -1},
        {"marketId": market, "after": "bm90IGEgY3Vyc29y"},
        {"marketId": scene["empty"]},
        {"marketId": scene["other"]},
        {"marketId": encode_id("Market", 999_999)},
        {"marketId": "bm90IGFuIGlk"},
        {"marketId": encode_id("Worker", 1)},
        {},
    ]

    # when every reader sends every variant, and the operator and staff walk the pages
    walked: list[dict] = []
    for token in (scene["mine"], scene["staff"]):
        for variables in [*answering, *refusing]:
            await both(variables, token)
        walked += await paths.walk("marketWorkers", {"marketId": market}, token, 2)
    for token in (scene["theirs"], scene["worker"], "not-a-token", None):
        for variables in answering:
            await both(variables, token)

    # then every answer is the same status, type and bytes; the text plan answered the market's
    # operator and staff for every page with rows (staff: another operator's market too), and
    # nobody else
    assert differences == {}
    assert len(walked) == 2 * 4  # 8 workers, 2 a page, for each of the two readers
    expected = [(role, v) for role in ("OPERATOR", "STAFF") for v in answering]
    assert [a for a in answered if a[1] in answering] == expected
    others = [a for a in answered if a[1] in refusing]
    assert others == [("STAFF", {"marketId": scene["other"]})]
    assert len(answered) == len(expected) + len(others) + len(walked)
    first = json.loads(await both({"marketId": market}, scene["mine"]))["data"]["marketWorkers"]
    assert first["totalCount"] == 8
    assert [n["name"] for n in first["nodes"]][:2] == ["有账号", "Ann O'Neil"]
    assert first["nodes"][0]["hasAccount"] is True and first["nodes"][0]["prioritised"] is True


async def test_an_employer_s_own_postings_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """EmployerPostings, signed in as the employer: every status (drafts, ended windows read as
    EXPIRED, closed), application counts by status, a private employer's own name unmasked; the
    same bytes as the generic executor, answered by the text plan for employers only."""
    # given a private employer's postings in every status, with applications, and other readers
    employer, token = await make_employer(name="王小二", kind="INDIVIDUAL")
    worker_a, worker_token = await make_worker(name="甲")
    worker_b, _ = await make_worker(name="乙")
    open_one = await make_posting(employer, headcount=3, title='引号"与\\反斜杠😀')
    await make_application(worker_a, open_one, employer, "CONFIRMED")
    await make_application(worker_b, open_one, employer, "APPLIED")
    await make_posting(employer, publish=False, title="草稿")
    start = datetime(2026, 11, 30, 23, 30, 0, 123456, tzinfo=UTC)
    for status in ("OPEN", "CLOSED", "FILLED", "EXPIRED"):
        await insert_posting(employer, start, start + timedelta(hours=4), status, title=status)
    other_employer, other_token = await make_employer()
    paths = _SignedInPaths(client, app, "EmployerPostings", monkeypatch)
    both = paths.both

    answering = [
        *PAGE_SIZES,
        {"status": ["OPEN"]},
        {"status": ["EXPIRED"]},
        {"status": ["DRAFT", "CLOSED", "FILLED"]},
        {"status": []},
    ]
    refusing = [*BAD_PAGES, {"status": ["NOPE"]}]

    # when the employer sends every variant and walks the pages; the others send the first
    for variables in [*answering, *refusing]:
        await both(variables, token)
    walked = await paths.walk("myJobPostings", {}, token, 2)
    await both({}, other_token)
    for bearer in (worker_token, await staff_token(), "not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the employers' lists alone
    assert len(walked) == 3  # 6 postings, 2 a page
    paths.answered_only("EMPLOYER", *answering, *walked, {})  # {}: another employer's own list
    mine = json.loads(await both({"first": 100}, token))["data"]["myJobPostings"]
    assert mine["totalCount"] == 6
    assert {n["employer"]["name"] for n in mine["nodes"]} == {"王小二"}
    counts = next(n for n in mine["nodes"] if n["id"] == encode_id("JobPosting", open_one))
    assert counts["applicationCounts"]["confirmed"] == 1
    assert counts["applicationCounts"]["applied"] == 1


async def _edge_applications() -> dict[str, Any]:
    """A worker's applications in every status, on postings of a private and an organisation
    employer (one ended, one closed), with a cancel reason given and one left empty, an
    on-site one, an employer's change to a confirmed shift, and times with microseconds late
    in the UTC day; a second worker with one application."""
    private, _ = await make_employer(name="王小二", kind="INDIVIDUAL")
    company, company_token = await make_employer(name="杭州某某物流有限公司")
    worker, token = await make_worker(name="甲")
    other, other_token = await make_worker(name="乙")
    applied = await make_posting(private, title='引号"与\\反斜杠😀')
    confirmed = await make_posting(company, title="换行\u2028符", starts_in=timedelta(days=1))
    await make_application(worker, applied, private)
    await make_application(worker, confirmed, company, "CONFIRMED")
    await make_application(other, applied, private)
    start = datetime(2026, 11, 30, 23, 30, 0, 123456, tzinfo=UTC)
    past: dict[str, int] = {}
    for i, (title, status, employer) in enumerate(
        (
            ("已结束", "OPEN", company),
            ("已关闭", "CLOSED", private),
            ("已满", "FILLED", company),
            ("控制\u0007字符", "OPEN", private),
            ("完工", "CLOSED", company),
        )
    ):
        begins = start - timedelta(days=i)
        past[title] = await insert_posting(
            employer, begins, begins + timedelta(hours=4), status, title=title
        )
    cancelled = await insert_application(worker, past["已结束"], "CANCELLED")
    empty_reason = await insert_application(worker, past["已关闭"], "CANCELLED")
    no_show = await insert_application(worker, past["已满"], "NO_SHOW")
    await insert_application(worker, past["控制\u0007字符"], "CHECKED_IN")
    await insert_application(worker, past["完工"], "COMPLETED")
    A = t_posting.JobApplication
    await A.update(
        {A.cancel_reason: '行程冲突"\\😀', A.cancelled_at: start, A.channel: "ON_SITE"}
    ).where(A.id == cancelled)
    await A.update({A.cancelled_at: start + timedelta(microseconds=1)}).where(A.id == empty_reason)
    await A.update(
        {A.posting_change: "工资由 200.00 元/天 调整为 220.00 元/天", A.posting_changed_at: start}
    ).where((A.worker == worker) & (A.posting == confirmed))
    for i, row in enumerate(await A.select(A.id).where(A.worker == worker).order_by(A.id)):
        moment = datetime(2026, 11, 30, 23, 0, 0, 1000 * i + 7, tzinfo=UTC)
        await A.update({A.applied_at: moment}).where(A.id == row["id"])
    await A.update({A.applied_at: start}).where(A.id == no_show)  # a tie broken by id
    await A.update({A.applied_at: start}).where(A.id == empty_reason)
    return {
        "worker": token,
        "other": other_token,
        "employer": company_token,
        "staff": await staff_token(),
        "operator": await operator_token(await make_operator()),
    }


async def test_a_worker_s_own_applications_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """MyApplications, signed in as the worker: every status, channel, cancel reason (empty
    reads null), the employer's change to a shift, each posting's card (a private employer's
    name masked, an ended window read as EXPIRED); the same bytes as the generic executor,
    answered by the text plan for workers only."""
    # given
    scene = await _edge_applications()
    paths = _SignedInPaths(client, app, "MyApplications", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"status": ["CANCELLED"]},
        {"status": ["APPLIED", "CONFIRMED", "NO_SHOW"]},
        {"status": []},
    ]
    refusing = [*BAD_PAGES, {"status": ["EXPIRED"]}]

    # when the worker sends every variant and walks the pages; the others send the first
    for variables in [*answering, *refusing]:
        await both(variables, scene["worker"])
    walked = await paths.walk("myJobApplications", {}, scene["worker"], 2)
    await both({}, scene["other"])
    for bearer in (scene["employer"], scene["staff"], scene["operator"], "not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the workers' lists alone
    assert len(walked) == 4  # 7 applications, 2 a page
    paths.answered_only("WORKER", *answering, *walked, {})  # {}: another worker's own list
    mine = json.loads(await both({"first": 100}, scene["worker"]))["data"]["myJobApplications"]
    assert mine["totalCount"] == 7
    nodes = mine["nodes"]
    assert [n["status"] for n in nodes[:2]] == ["NO_SHOW", "CANCELLED"]  # the tie: newer id first
    assert nodes[1]["cancelReason"] is None and nodes[1]["jobPosting"]["title"] == "已关闭"
    reasons = {n["cancelReason"] for n in nodes if n["status"] == "CANCELLED"}
    assert reasons == {None, '行程冲突"\\😀'}
    assert {n["channel"] for n in nodes} == {"ONLINE", "ON_SITE"}
    assert [n["postingChange"]["summary"] for n in nodes if n["postingChange"]] == [
        "工资由 200.00 元/天 调整为 220.00 元/天"
    ]
    posting_status = {n["jobPosting"]["title"]: n["jobPosting"]["status"] for n in nodes}
    assert posting_status["已结束"] == "EXPIRED" and posting_status["已关闭"] == "CLOSED"
    assert {n["jobPosting"]["employer"]["name"] for n in nodes} == {"王**", "杭州某某物流有限公司"}


async def test_a_worker_s_own_list_is_one_statement_through_the_pool_that_keeps_its_plan(
    client, monkeypatch
):
    """MyApplications on PostgreSQL: the token, then the page with its count and cards in one
    statement, both sent through piccolo_conf.OWN_LISTS (generic plans, the primary's); SQLite
    reads both on its one connection."""
    # given a worker with three applications
    private, _ = await make_employer(kind="INDIVIDUAL")
    worker, token = await make_worker()
    for day in range(3):
        posting = await make_posting(private, starts_in=timedelta(days=day + 1))
        await make_application(worker, posting, private)
    engine = current_engine()
    on_own: list[str] = []
    if engine.engine_type == "postgres":
        on_own = await _sent_through(engine.extra_nodes[OWN_LISTS], monkeypatch)

    # when the worker asks for their list
    with count_sql() as statements:
        status, _, body = await _post(client, "MyApplications", {"first": 2}, token)

    # then two statements, both through the pool that keeps its plan
    assert status == 200
    page = json.loads(body)["data"]["myJobApplications"]
    assert page["totalCount"] == 3 and len(page["nodes"]) == 2
    assert statements[0] == 2
    if engine.engine_type == "postgres":
        assert len(on_own) == 2
        assert (
            on_own[0].startswith("SELECT t.id, t.role, t.subject_id")
            and "FROM api_token" in on_own[0]
        )
        assert '"lingong_total"' in on_own[1]


async def _edge_enrolments() -> dict[str, Any]:
    """A worker's enrolments in every status: enrolled with attendance recorded out of session
    order, second in a waitlist, withdrawn, completed with a certificate (a course run by an
    operator, with an awkward title), completed in a finished course; times with
    microseconds late in the UTC day, and a tie."""
    from services.training import enrolment as enrolments

    operator = await make_operator()
    market = await make_market(operator_id=operator)
    worker, token = await make_worker(name="甲")
    filler, _ = await make_worker(name="乙")
    ahead, ahead_token = await make_worker(name="丙")

    def times(week: int) -> list[tuple]:
        return sessions(2, starts_in=timedelta(days=3 + 7 * week))

    attended = await make_course(market, title='引号"与\\反斜杠😀', times=times(0))
    full = await make_course(market, capacity=1, title="满员", times=times(1))
    left = await make_course(market, title="已退出", times=times(2))
    done = await make_course(
        market, staff=False, operator_id=operator, title="换行\u2028符", times=times(3)
    )
    mine = {"attended": await enrol(worker, attended)}
    await enrol(filler, full)
    await enrol(ahead, full)
    mine["waiting"] = await enrol(worker, full)
    mine["left"] = await enrol(worker, left)
    await enrolments.withdraw(worker, mine["left"])
    mine["done"] = await enrol(worker, done)
    mine["past"] = await make_completion(market, worker, datetime(2026, 11, 1, 8, tzinfo=UTC))
    E, A = t_training.TrainingEnrolment, t_training.TrainingAttendance
    late = datetime(2026, 11, 30, 23, 30, 0, 123456, tzinfo=UTC)
    await E.update(
        {E.status: "COMPLETED", E.completed_at: late, E.certificate_no: "证书-001"}
    ).where(E.id == mine["done"])
    first, second = await session_ids(attended)
    for session, present, micro in ((second, False, 1), (first, True, 0)):
        moment = late + timedelta(microseconds=micro)
        await A.insert(
            A(enrolment=mine["attended"], session=session, present=present, recorded_at=moment)
        )
    for i, key in enumerate(("attended", "waiting", "left", "done", "past")):
        moment = datetime(2026, 11, 30, 23, 0, 0, 1000 * i + 7, tzinfo=UTC)
        await E.update({E.requested_at: moment}).where(E.id == mine[key])
    await E.update({E.requested_at: late}).where(E.id.is_in([mine["left"], mine["past"]]))
    return {
        "worker": token,
        "other": ahead_token,
        "operator": await operator_token(operator),
        "staff": await staff_token(),
        "employer": (await make_employer())[1],
    }


async def test_a_worker_s_own_enrolments_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """MyTrainingEnrolments, signed in as the worker: every status, the place in a waitlist,
    attendance in session order, certificates, each course's card; the same bytes as the
    generic executor, answered by the text plan for workers only."""
    # given
    scene = await _edge_enrolments()
    paths = _SignedInPaths(client, app, "MyTrainingEnrolments", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"status": ["WAITLISTED"]},
        {"status": ["COMPLETED", "WITHDRAWN"]},
        {"status": []},
    ]
    refusing = [*BAD_PAGES, {"status": ["NOPE"]}]

    # when the worker sends every variant and walks the pages; the others send the first
    for variables in [*answering, *refusing]:
        await both(variables, scene["worker"])
    walked = await paths.walk("myTrainingEnrolments", {}, scene["worker"], 2)
    await both({}, scene["other"])
    for bearer in (scene["operator"], scene["staff"], scene["employer"], "not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the workers' lists alone
    assert len(walked) == 3  # 5 enrolments, 2 a page
    paths.answered_only("WORKER", *answering, *walked, {})  # {}: another worker's own list
    body = await both({"first": 100}, scene["worker"])
    nodes = json.loads(body)["data"]["myTrainingEnrolments"]["nodes"]
    assert [n["status"] for n in nodes] == [
        "COMPLETED",  # the tie at the latest time: the newer enrolment first
        "WITHDRAWN",
        "COMPLETED",
        "WAITLISTED",
        "ENROLLED",
    ]
    assert [n["waitlistPosition"] for n in nodes] == [None, None, None, 2, None]
    assert [[a["seq"], a["present"]] for a in nodes[4]["attendance"]] == [[1, True], [2, False]]
    assert nodes[2]["certificateNo"] == "证书-001"
    assert nodes[0]["training"]["status"] == "FINISHED"


async def test_an_operator_s_own_contracts_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """MyOperatingContracts, signed in as the operator: days, budgets (none, cents, large),
    public welfare or not, each market's card; a tie of start days broken by id; the same
    bytes as the generic executor, answered by the text plan for operators only."""
    from tests.fixtures.operator import make_contract

    # given an operator's contracts over three markets, and another operator's
    mine, theirs = await make_operator(), await make_operator()
    markets = [await make_market(operator_id=mine) for _ in range(3)]
    other = await make_market(operator_id=theirs)
    await make_contract(mine, markets[0], date(2023, 1, 1), date(2023, 12, 31), True, 0)
    await make_contract(mine, markets[0], date(2024, 1, 1), date(2026, 12, 31), False, 123_456_789)
    await make_contract(mine, markets[1], date(2024, 1, 1), date(2025, 6, 30), True, 5)
    await make_contract(mine, markets[2], date(2026, 12, 6), date(2030, 12, 31), True, 10_000_000)
    await make_contract(theirs, other)
    token = await operator_token(mine)
    paths = _SignedInPaths(client, app, "MyOperatingContracts", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"activeOn": "2024-06-01"},
        {"activeOn": "2026-12-06"},
        {"activeOn": "1999-01-01"},  # an empty page
    ]
    refusing = [*BAD_PAGES, {"activeOn": "2024-13-01"}]

    # when the operator sends every variant and walks the pages; the others send the first
    for variables in [*answering, *refusing]:
        await both(variables, token)
    walked = await paths.walk("myOperatingContracts", {}, token, 1)
    await both({}, await operator_token(theirs))
    worker_token = (await make_worker())[1]
    for bearer in (await staff_token(), worker_token, "not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the operators' lists alone
    assert len(walked) == 4
    paths.answered_only("OPERATOR", *answering, *walked, {})  # {}: another operator's own list
    nodes = json.loads(await both({}, token))["data"]["myOperatingContracts"]["nodes"]
    assert [n["yearlyBudget"] for n in nodes] == ["100000.00", "0.05", "1234567.89", "0.00"]
    assert [n["startsOn"] for n in nodes] == [
        "2026-12-06",
        "2024-01-01",
        "2024-01-01",
        "2023-01-01",
    ]
