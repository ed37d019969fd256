"""Applicants' text plan (resolvers/job_posting/texts.py): a posting's applications with their
workers written by the database, a confirmed worker's phone decrypted by Python for the readers
who may see it (texts.revealed); byte-identical to the generic executor for the posting's
employer, the operator of its market and staff, and left to it for anyone else."""

# Each request is sent twice over HTTP (tests/test_compiled_texts._SignedInPaths): once with
# neither text plans nor compiled plans (graphql-core's executor), once as served.

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from resolvers.compiled import texts
from resolvers.global_ids import encode_id
from services.job_posting import applications
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_application, make_posting
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.worker import make_walk_in, make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

PHONES = {
    "applied": "13800000001",
    "confirmed": "13800000002",
    "checked_in": "13800000003",
    "cancelled": "13800000004",
    "elsewhere": "13800000005",
    "awkward": "13800000006",
    "walk_in": "13800000007",
}


async def _scene() -> dict[str, Any]:
    """A posting at a market with applicants in every status: one applied here but confirmed
    on another of the employer's postings (their phone shown), one with an awkward name, a
    walk-in registered at the market (their phone shown to its operator); a posting without a
    market; readers who may not manage it."""
    operator, other_operator = await make_operator(), await make_operator()
    market = await make_market(operator_id=operator)
    company, employer_token = await make_employer()
    _, other_token = await make_employer()
    posting = await make_posting(
        company, market_id=market, headcount=10, starts_in=timedelta(hours=2)
    )
    other_posting = await make_posting(company, title="另一岗位", starts_in=timedelta(days=6))
    no_market = await make_posting(company, title="无市场", starts_in=timedelta(days=8))
    workers = {}
    for key in ("applied", "confirmed", "checked_in", "cancelled", "elsewhere"):
        workers[key], _ = await make_worker(name=f"报名{key}", phone=PHONES[key])
    workers["awkward"], worker_token = await make_worker(
        name='引号"\\反斜杠\u2028😀\x07', phone=PHONES["awkward"], occupations=()
    )
    statuses = {"applied": "APPLIED", "confirmed": "CONFIRMED", "checked_in": "CHECKED_IN"}
    statuses |= {"cancelled": "CANCELLED", "elsewhere": "APPLIED", "awkward": "APPLIED"}
    for key, status in statuses.items():
        await make_application(workers[key], posting, company, status=status)
    await make_application(workers["elsewhere"], other_posting, company, status="CONFIRMED")
    await make_application(workers["applied"], no_market, company)
    workers["walk_in"] = await make_walk_in(
        operator, market, name="现场登记", phone=PHONES["walk_in"]
    )
    await applications.apply(applications.Actor("OPERATOR", operator), posting, workers["walk_in"])
    return {
        "posting": encode_id("JobPosting", posting),
        "no_market": encode_id("JobPosting", no_market),
        "workers": workers,
        "employer": employer_token,
        "operator": await operator_token(operator),
        "staff": await staff_token(),
        "other_employer": other_token,
        "other_operator": await operator_token(other_operator),
        "worker": worker_token,
    }


READERS = (("EMPLOYER", "employer"), ("OPERATOR", "operator"), ("STAFF", "staff"))


async def test_applicants_are_written_as_graphql_core_writes_them_for_every_manager(
    client, app, monkeypatch
):
    """The employer, the market's operator and staff, every page size and status filter, every
    page of a walk: the text plan's bytes, equal to the generic executor's; another employer or
    operator (null), a worker, a bad or missing token, an unknown or malformed id, a bad cursor,
    a bad status, first over 100 or below 0: the generic executor."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "Applicants", monkeypatch)
    posting = {"jobPostingId": scene["posting"]}
    filters = [{"status": ["CONFIRMED", "CHECKED_IN"]}, {"status": []}, {"status": ["NO_SHOW"]}]

    # when every manager sends every variant and walks the list two at a time
    walked: dict[str, list[dict]] = {}
    for _, reader in READERS:
        for variables in [*PAGE_SIZES, *filters, *BAD_PAGES, {"status": ["NOPE"]}]:
            await paths.both({**posting, **variables}, scene[reader])
        walked[reader] = await paths.walk("jobApplications", posting, scene[reader], 2)
    for bearer in ("other_employer", "other_operator", "worker"):
        await paths.both(posting, scene[bearer])
    for bearer in ("not-a-token", None):
        await paths.both(posting, bearer)
    for unknown in (encode_id("JobPosting", 10**9), encode_id("Market", 1), "不是编号"):
        await paths.both({"jobPostingId": unknown}, scene["employer"])
    await paths.both({"jobPostingId": scene["no_market"]}, scene["operator"])  # not theirs
    await paths.both({"jobPostingId": scene["no_market"]}, scene["employer"])

    # then the same status, type and bytes everywhere; the text plan answered the managers for
    # every variant but the refused ones, and nobody else
    assert paths.differences == {}
    expected = [
        (role, v)
        for role, reader in READERS
        for v in [*({**posting, **p} for p in [*PAGE_SIZES, *filters]), *walked[reader]]
    ]
    expected.append(("EMPLOYER", {"jobPostingId": scene["no_market"]}))
    assert sorted(map(json.dumps, paths.answered)) == sorted(map(json.dumps, expected))
    assert [len(walked[r]) for _, r in READERS] == [4, 4, 4]  # 7 applications, 2 a page


async def test_phones_are_decrypted_only_for_readers_who_may_see_them(client, app, monkeypatch):
    """Read back: the employer sees the phones of workers it confirmed (on this posting or
    another of its own), the operator also those of walk-ins registered at its market, staff
    none; names whole for all three; the oldest application first."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "Applicants", monkeypatch)
    variables = {"jobPostingId": scene["posting"], "first": 100}

    # when
    pages = {
        reader: json.loads(await paths.both(variables, scene[reader]))["data"]["jobApplications"]
        for _, reader in READERS
    }

    # then
    assert paths.differences == {}
    assert [role for role, _ in paths.answered] == ["EMPLOYER", "OPERATOR", "STAFF"]
    ids = {encode_id("Worker", worker): key for key, worker in scene["workers"].items()}
    phones = {
        reader: {ids[n["worker"]["id"]]: n["worker"]["phone"] for n in page["nodes"]}
        for reader, page in pages.items()
    }
    confirmed = {"confirmed", "checked_in", "elsewhere"}
    assert phones["employer"] == {k: PHONES[k] if k in confirmed else None for k in PHONES}
    assert phones["operator"] == {
        k: PHONES[k] if k in confirmed - {"elsewhere"} | {"walk_in"} else None for k in PHONES
    }
    assert phones["staff"] == dict.fromkeys(PHONES)
    for page in pages.values():
        assert page["totalCount"] == 7
        names = [n["worker"]["name"] for n in page["nodes"]]
        assert names[:5] == [f"报名{k}" for k in ("applied", "confirmed", "checked_in")] + [
            "报名cancelled",
            "报名elsewhere",
        ]
        assert names[5:] == ['引号"\\反斜杠\u2028😀\x07', "现场登记"]


async def test_a_phone_that_cannot_be_decrypted_leaves_the_card_to_the_generic_executor(
    client, app, monkeypatch
):
    """A cipher text the keys cannot open: the text plan gives the page back (the generic
    executor answers as it would), and no cipher text is ever in a response."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "Applicants", monkeypatch)

    def broken(token: str) -> str:
        raise ValueError("personal data cannot be decrypted")

    monkeypatch.setattr(texts, "decrypt", broken)

    # when
    body = await paths.both({"jobPostingId": scene["posting"]}, scene["employer"])

    # then
    assert paths.answered == []
    assert paths.differences == {}
    assert texts.SECRET.encode() not in body
    assert json.loads(body)["data"]["jobApplications"]["totalCount"] == 7


@pytest.mark.parametrize("card", ["x\x1fcipher", "\x1fa\x1f\x1fb"])
def test_an_unpaired_mark_is_never_decrypted_into_a_card(card):
    class Edge:
        node = card

    class Page:
        edges = [Edge()]
        nodes: list = []

    page = texts.revealed(Page())
    assert page.nodes == [None]
