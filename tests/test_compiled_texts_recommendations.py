"""RecommendedPostings' and RecommendedTrainings' text plans (resolvers/job_posting/texts.py,
resolvers/training/texts.py): the postings or courses scored in Python by the resolver's own
ranking, the page's cards written by the database with the score,
reasons and distance put in by Python; byte-identical to the generic executor for every worker
and variant, and left to it for anyone else."""

# Each request is sent twice over HTTP (tests/test_compiled_texts._SignedInPaths): once with
# neither text plans nor compiled plans (graphql-core's executor), once as served.

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from tables import job_posting as jp
from tests.fixtures.assistance import public_welfare_posting
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_application, make_cast, make_posting
from tests.fixtures.market import make_market
from tests.fixtures.training import enrol, make_course, sessions
from tests.fixtures.worker import make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths


async def _scene() -> dict[str, Any]:
    """Postings at every edge of the scoring and of the cards' writers, and four workers: one
    near them with a place on the map, one without a place, one who may take public-welfare
    jobs, one whom nothing suits; an employer for a reader who is not a worker."""
    company, employer_token = await make_employer()
    person, _ = await make_employer(kind="INDIVIDUAL")  # its name masked on the cards
    near, near_token = await make_worker(name="近处", location=(30.25, 120.17))
    placeless, placeless_token = await make_worker(name="无坐标", region_code=None)
    _, assisted_token = await make_worker(name="援助", assistance=("DISABLED",))
    _, idle_token = await make_worker(name="闲", occupations=("中式烹调师",), region_code="330783")
    posted = {
        "near": await make_posting(
            company,
            title='附近"装卸"\\工\u2028夜班\x07',
            location=(30.26, 120.17),
            wage=("260.50", "DAY"),
            starts_in=timedelta(days=5),
        ),
        "twin_a": await make_posting(company, title="同分甲", starts_in=timedelta(days=9)),
        "twin_b": await make_posting(company, title="同分乙", starts_in=timedelta(days=9)),
        "city": await make_posting(
            person, title="西湖厨房", occupation="中式烹调师", region_code="330106"
        ),
        "far": await make_posting(company, title="温州装卸", region_code="330302"),
        "piece": await make_posting(company, title="计件", wage=("0.35", "PIECE")),
        "soon": await make_posting(company, title="当日", starts_in=timedelta(hours=3)),
        "welfare": await public_welfare_posting(company),
        "applied": await make_posting(company, title="已报名", starts_in=timedelta(days=6)),
        "booked": await make_posting(company, title="已确认", starts_in=timedelta(days=7)),
        "clash": await make_posting(company, title="冲突", starts_in=timedelta(days=7, hours=2)),
    }
    await make_application(near, posted["applied"], company)
    await make_application(near, posted["booked"], company, status="CONFIRMED")
    await make_application(placeless, posted["far"], company)
    await jp.JobPosting.update({jp.JobPosting.title: ""}).where(jp.JobPosting.id == posted["piece"])
    # A same-day card, whatever the hour: publishing one needs a start today (Asia/Shanghai),
    # which three hours from now is not after 21:00 there.
    await jp.JobPosting.update({jp.JobPosting.same_day: True}).where(
        jp.JobPosting.id == posted["soon"]
    )
    return {
        "near": near_token,
        "placeless": placeless_token,
        "assisted": assisted_token,
        "idle": idle_token,
        "employer": employer_token,
        "posted": posted,
    }


async def test_recommendations_are_written_as_graphql_core_writes_them_for_every_worker(
    client, app, monkeypatch
):
    """Every worker, every page size, every page of a walk: the text plan's bytes, equal to the
    generic executor's; an employer, a bad or missing token, a bad cursor, first over 100 or
    below 0: the generic executor."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "RecommendedPostings", monkeypatch)
    workers = ("near", "placeless", "assisted", "idle")

    # when every worker sends every variant and walks their list two at a time
    walked: dict[str, list[dict]] = {}
    for reader in workers:
        for variables in [*PAGE_SIZES, *BAD_PAGES]:
            await paths.both(variables, scene[reader])
        walked[reader] = await paths.walk("recommendedJobPostings", {}, scene[reader], 2)
    for bearer in (scene["employer"], "not-a-token", None):
        await paths.both({}, bearer)

    # then the same status, type and bytes everywhere; the text plan answered the workers for
    # every variant but the refused ones, and nobody else
    assert paths.differences == {}
    expected = [("WORKER", v) for reader in workers for v in [*PAGE_SIZES, *walked[reader]]]
    assert sorted(map(json.dumps, paths.answered)) == sorted(map(json.dumps, expected))
    assert [len(walked[r]) for r in workers] == [4, 4, 5, 1]  # the public-welfare job: 9


async def test_what_the_text_plan_wrote_is_the_ranking(client, app, monkeypatch):
    """Read back: best score first, ties by id; the reasons in the order they were found with
    their Chinese text; the distance of a posting with a place, null without; applied and
    clashing postings left out; the public-welfare job for the worker who may take it only."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "RecommendedPostings", monkeypatch)

    # when
    pages = {
        reader: json.loads(await paths.both({"first": 100}, scene[reader]))["data"][
            "recommendedJobPostings"
        ]
        for reader in ("near", "assisted", "idle")
    }

    # then
    assert paths.differences == {}
    assert [role for role, _ in paths.answered] == ["WORKER"] * 3
    near = pages["near"]["nodes"]
    titles = [n["jobPosting"]["title"] for n in near]
    assert titles[0] == '附近"装卸"\\工\u2028夜班\x07'
    assert near[0]["jobPosting"]["distanceKm"] == 1.1119508023352598  # not rounded
    assert [r["code"] for r in near[0]["matchReasons"]] == [
        "OCCUPATION",
        "NEARBY",
        "SAME_COUNTY",
        "GOOD_WAGE",
    ]
    assert near[0]["matchReasons"][1]["message"] == "距离约 1.1 公里"
    assert all(n["jobPosting"]["distanceKm"] is None for n in near[1:])
    assert titles.index("同分甲") + 1 == titles.index("同分乙")  # a tie: by id
    assert {"已报名", "已确认", "冲突", "社区公益保洁员"}.isdisjoint(titles)
    assert "社区公益保洁员" in [n["jobPosting"]["title"] for n in pages["assisted"]["nodes"]]
    assert [n["score"] for n in near] == sorted((n["score"] for n in near), reverse=True)
    assert pages["idle"]["nodes"] and pages["idle"]["totalCount"] == len(pages["idle"]["nodes"])
    assert near[titles.index("西湖厨房")]["jobPosting"]["employer"]["name"].endswith("*")


async def _course_scene() -> dict[str, Any]:
    """Courses at the scoring's edges (occupation, demand from postings near the worker, near
    and far markets, fees, subsidies, a course already enrolled in, one clashing with a
    confirmed shift, a tie) and two workers: one with a place on the map, one whom nothing
    suits; an employer for a reader who is not a worker."""
    cast = await make_cast(location=(30.25, 120.17))
    for _ in range(2):  # postings near the worker ask for 理货员
        await make_posting(cast.employer_id, occupation="理货员", region_code="330105")
    far = await make_market(
        operator_id=cast.other_operator_id,
        name="宁波市测试零工市场",
        region_code="330203",
        latitude=29.87,
        longitude=121.55,
    )
    await make_course(
        cast.market_id,
        title='叉车"实训"\\课\u2028\x07',
        times=sessions(starts_in=timedelta(days=20)),
    )
    for twin in ("同分甲", "同分乙"):
        await make_course(cast.market_id, title=twin, times=sessions(starts_in=timedelta(days=22)))
    await make_course(
        far,
        title="理货员技能提升",
        occupation="理货员",
        category="GENERAL",
        fee="80.50",
        subsidised=False,
        times=sessions(starts_in=timedelta(days=25)),
    )
    await make_course(
        far, title="无关", occupation="养老护理员", category="GENERAL", times=sessions()
    )
    enrolled = await make_course(
        cast.market_id, title="已报名", times=sessions(starts_in=timedelta(days=30))
    )
    await enrol(cast.worker_id, enrolled)
    shift = await make_posting(cast.employer_id, starts_in=timedelta(days=40, hours=1))
    await make_application(cast.worker_id, shift, cast.employer_id, status="CONFIRMED")
    await make_course(cast.market_id, title="冲突", times=sessions(starts_in=timedelta(days=40)))
    _, idle = await make_worker(name="闲", occupations=("中式烹调师",), region_code="330783")
    return {"worker": cast.token["worker"], "idle": idle, "employer": cast.token["employer"]}


async def test_course_recommendations_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """RecommendedTrainings: each worker, every page size, every page of a walk: the text
    plan's bytes, equal to the generic executor's; an employer, a bad or missing token, a bad
    cursor, first over 100 or below 0: the generic executor. Read back: best first, a tie by
    id, the distance of a course near the worker, the enrolled and clashing courses left out."""
    # given
    scene = await _course_scene()
    paths = _SignedInPaths(client, app, "RecommendedTrainings", monkeypatch)

    # when
    walked: dict[str, list[dict]] = {}
    for reader in ("worker", "idle"):
        for variables in [*PAGE_SIZES, *BAD_PAGES]:
            await paths.both(variables, scene[reader])
        walked[reader] = await paths.walk("recommendedTrainings", {}, scene[reader], 2)
    for bearer in (scene["employer"], "not-a-token", None):
        await paths.both({}, bearer)
    page = json.loads(await paths.both({"first": 100}, scene["worker"]))
    nodes = page["data"]["recommendedTrainings"]["nodes"]

    # then
    assert paths.differences == {}
    expected = [
        ("WORKER", v) for reader in ("worker", "idle") for v in [*PAGE_SIZES, *walked[reader]]
    ]
    expected.append(("WORKER", {"first": 100}))
    assert sorted(map(json.dumps, paths.answered)) == sorted(map(json.dumps, expected))
    titles = [n["training"]["title"] for n in nodes]
    assert titles[0] == '叉车"实训"\\课\u2028\x07'
    assert titles.index("同分甲") + 1 == titles.index("同分乙")
    assert {"已报名", "冲突", "无关"}.isdisjoint(titles) and "理货员技能提升" in titles
    assert nodes[0]["training"]["distanceKm"] is not None
    assert nodes[0]["matchReasons"][0] == {"code": "OCCUPATION", "message": "工种匹配：装卸搬运工"}
    assert [n["score"] for n in nodes] == sorted((n["score"] for n in nodes), reverse=True)
    assert len(walked["worker"]) == 2 and len(walked["idle"]) == 1  # four courses, none
