"""Candidates' text plan (resolvers/job_posting/texts.py): the workers scored in Python by the
resolver's own ranking, the page's cards written by the database with the score, reasons and
name (whole or masked by what the reader may see of each worker) put in by Python;
byte-identical to the generic executor for the posting's employer and for staff, and left to it
for anyone else."""

# Each request is sent twice over HTTP (tests/test_compiled_texts._SignedInPaths): once with
# neither text plans nor compiled plans (graphql-core's executor), once as served.

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from resolvers.global_ids import encode_id
from tests.fixtures.account import staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_application, make_posting
from tests.fixtures.worker import make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

AWKWARD = ('引号"\\反斜杠', "换行\u2028符😀", "控制\u0007字符")


async def _scene() -> dict[str, Any]:
    """A posting that prefers assisted workers, and workers at every edge of the candidates'
    tests and of the cards' writers: near with a place, without a region, prioritised, with
    awkward names and availability, two of equal score; one who applied to another of the
    employer's postings (their name whole), one confirmed there, one who applied to this
    posting and one booked elsewhere in its window (both left out), one nothing suits."""
    company, employer_token = await make_employer()
    other, other_token = await make_employer()
    window = timedelta(days=2)
    posting = await make_posting(
        company, location=(30.25, 120.17), starts_in=window, prefer_assisted=True
    )
    later = await make_posting(company, title="下周装卸", starts_in=timedelta(days=9))
    elsewhere = await make_posting(other, title="别家同时段", starts_in=window + timedelta(hours=1))
    workers = {
        "near": await make_worker(name="近处", location=(30.26, 120.17)),
        "placeless": await make_worker(name="无地区", region_code=None),
        "assisted": await make_worker(name="援助对象", assistance=("DISABLED",)),
        "single": await make_worker(name="王", availability='周末"全天"\\可'),
        "twin_a": await make_worker(name="同分甲"),
        "twin_b": await make_worker(name="同分乙"),
        "applicant": await make_worker(name="报过名的"),
        "confirmed": await make_worker(name="确认过的"),
        "applied_here": await make_worker(name="已报本岗"),
        "busy": await make_worker(name="没空"),
        "far": await make_worker(name="远方", occupations=("中式烹调师",), region_code="330302"),
        **{
            f"awkward_{i}": await make_worker(name=name, availability=name)
            for i, name in enumerate(AWKWARD)
        },
    }
    ids = {key: worker for key, (worker, _) in workers.items()}
    await make_application(ids["applicant"], later, company)
    await make_application(ids["confirmed"], later, company, status="CONFIRMED")
    await make_application(ids["applied_here"], posting, company)
    await make_application(ids["busy"], elsewhere, other, status="CONFIRMED")
    return {
        "posting": encode_id("JobPosting", posting),
        "ids": ids,
        "employer": employer_token,
        "other": other_token,
        "staff": await staff_token(),
        "worker": workers["near"][1],
    }


async def test_candidates_are_written_as_graphql_core_writes_them_for_employer_and_staff(
    client, app, monkeypatch
):
    """The employer and staff, every page size, every page of a walk: the text plan's bytes,
    equal to the generic executor's; another employer (null), a worker, a bad or missing token,
    an unknown or malformed posting id, a bad cursor, first over 100 or below 0: the generic
    executor."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "Candidates", monkeypatch)
    posting = {"jobPostingId": scene["posting"]}

    # when the employer and staff send every variant and walk the list two at a time
    walked: dict[str, list[dict]] = {}
    for reader in ("employer", "staff"):
        for variables in [*PAGE_SIZES, *BAD_PAGES]:
            await paths.both({**posting, **variables}, scene[reader])
        walked[reader] = await paths.walk("candidateWorkers", posting, scene[reader], 2)
    for bearer in (scene["other"], scene["worker"], "not-a-token", None):
        await paths.both(posting, bearer)
    for unknown in (encode_id("JobPosting", 10**9), encode_id("Market", 1), "不是编号"):
        await paths.both({"jobPostingId": unknown}, scene["employer"])

    # then the same status, type and bytes everywhere; the text plan answered the employer and
    # staff for every variant but the refused ones, and nobody else
    assert paths.differences == {}
    expected = [
        (role, v)
        for role, reader in (("EMPLOYER", "employer"), ("STAFF", "staff"))
        for v in [*({**posting, **p} for p in PAGE_SIZES), *walked[reader]]
    ]
    assert sorted(map(json.dumps, paths.answered)) == sorted(map(json.dumps, expected))
    assert [len(walked[r]) for r in ("employer", "staff")] == [6, 6]  # 11 candidates, 2 a page


async def test_what_the_text_plan_wrote_is_the_ranking_with_names_as_each_reader_may_see_them(
    client, app, monkeypatch
):
    """Read back: best score first, ties by id; the reasons in the order they were found; the
    employer sees whole names only of workers who applied to them, staff every name whole;
    applied and booked workers and the one nothing suits left out; awkward text intact."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "Candidates", monkeypatch)
    variables = {"jobPostingId": scene["posting"], "first": 100}

    # when
    pages = {
        reader: json.loads(await paths.both(variables, scene[reader]))["data"]["candidateWorkers"]
        for reader in ("employer", "staff")
    }

    # then
    assert paths.differences == {}
    assert [role for role, _ in paths.answered] == ["EMPLOYER", "STAFF"]
    ids = scene["ids"]
    left_out = {encode_id("Worker", ids[k]) for k in ("applied_here", "busy", "far")}
    for page in pages.values():
        nodes = page["nodes"]
        assert page["totalCount"] == len(nodes) == 11
        assert left_out.isdisjoint(n["worker"]["id"] for n in nodes)
        scores = [n["score"] for n in nodes]
        assert scores == sorted(scores, reverse=True)
    employer = {n["worker"]["id"]: n for n in pages["employer"]["nodes"]}
    staff = {n["worker"]["id"]: n for n in pages["staff"]["nodes"]}
    name = {key: encode_id("Worker", worker) for key, worker in ids.items()}
    assert employer[name["applicant"]]["worker"]["name"] == "报过名的"
    assert employer[name["confirmed"]]["worker"]["name"] == "确认过的"
    assert employer[name["near"]]["worker"]["name"] == "近*"
    assert employer[name["single"]]["worker"]["name"] == "王*"
    assert employer[name["awkward_0"]]["worker"]["name"] == "引******"
    assert staff[name["near"]]["worker"]["name"] == "近处"
    assert [staff[name[f"awkward_{i}"]]["worker"]["name"] for i in range(3)] == list(AWKWARD)
    assert staff[name["awkward_2"]]["worker"]["availability"] == "控制\u0007字符"
    assert staff[name["single"]]["worker"]["availability"] == '周末"全天"\\可'
    assert staff[name["placeless"]]["worker"]["homeRegion"] is None
    first = pages["staff"]["nodes"][0]
    assert first["worker"]["id"] == name["assisted"]  # prioritised first: the posting prefers
    assert [r["code"] for r in first["matchReasons"]] == [
        "OCCUPATION",
        "SAME_COUNTY",
        "AVAILABLE",
        "PRIORITISED",
    ]
    order = [n["worker"]["id"] for n in pages["staff"]["nodes"]]
    assert order.index(name["twin_a"]) + 1 == order.index(name["twin_b"])  # a tie: by id
