"""`jobPostingUpdate`: a draft changes freely; a published posting only its wage, window,
headcount and description, never against its confirmed workers, who are told what changed."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from resolvers.global_ids import encode_id
from services.job_posting import applications
from services.problems import ServiceError
from services.timeutil import SHANGHAI, now
from tables.job_posting import JobPosting
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import (
    ROLES,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)
from tests.fixtures.market import occupation_id
from tests.fixtures.worker import make_worker

UPDATE = """
mutation($id: ID!, $input: JobPostingUpdateInput!) {
  jobPostingUpdate(id: $id, input: $input) {
    jobPosting {
      title description status headcount remaining startsAt endsAt sameDay
      wage { amount unit } occupation { name } market { id } place { address }
    }
    userErrors { code field message }
  }
}"""
SHIFTS = """
query { myJobApplications { nodes { status startsAt endsAt postingChange { summary } } } }"""


def fromiso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _at(days: int, hour: int):
    """A whole hour some days ahead, in Asia/Shanghai."""
    day = (now().astimezone(SHANGHAI) + timedelta(days=days)).date()
    return (
        now()
        .astimezone(SHANGHAI)
        .replace(
            year=day.year,
            month=day.month,
            day=day.day,
            hour=hour,
            minute=0,
            second=0,
            microsecond=0,
        )
    )


async def _published(cast, headcount: int = 3, confirmed: int = 1) -> int:
    """An open posting two days ahead, 08:00–17:00 at 200 元/天, with workers confirmed."""
    starts = _at(2, 8)
    posting = await make_posting(
        cast.employer_id,
        headcount=headcount,
        starts_in=starts - now(),
        hours=9,
        market_id=cast.market_id,
    )
    for n in range(confirmed):
        worker_id = cast.worker_id if n == 0 else (await make_worker())[0]
        await make_application(worker_id, posting, cast.employer_id, status="CONFIRMED")
    return posting


async def _update(gql, cast, posting: int, changes: dict, role: str = "employer") -> dict:
    variables = {"id": encode_id("JobPosting", posting), "input": changes}
    return await gql(UPDATE, variables, token=cast.token[role])


@pytest.mark.parametrize("role", ROLES)
async def test_only_the_postings_employer_edits_it(gql, role):
    # given
    cast = await make_cast()
    posting = await _published(cast)
    before = await snapshot()

    # when
    body = await _update(gql, cast, posting, {"headcount": 4}, role)

    # then
    if role == "employer":
        payload = body["data"]["jobPostingUpdate"]
        assert payload["userErrors"] == []
        assert (payload["jobPosting"]["headcount"], payload["jobPosting"]["remaining"]) == (4, 3)
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before


async def test_another_employers_posting_reads_as_unknown(gql):
    cast = await make_cast()
    posting = await _published(cast)
    _, cast.token["other_employer"] = await make_employer()
    before = await snapshot()

    body = await _update(gql, cast, posting, {"headcount": 4}, "other_employer")

    assert body["data"]["jobPostingUpdate"] == {
        "jobPosting": None,
        "userErrors": [{"code": "NOT_FOUND", "field": ["id"], "message": "招工信息不存在"}],
    }
    assert await snapshot() == before


async def test_a_draft_changes_freely_under_the_rules_of_a_new_posting(gql):
    # given
    cast = await make_cast()
    draft = await make_posting(cast.employer_id, publish=False)
    starts = _at(3, 7)

    # when
    body = await _update(
        gql,
        cast,
        draft,
        {
            "title": "冷库搬运（夜班）",
            "description": "冷库内搬运，提供防寒服",
            "occupationId": encode_id("Occupation", await occupation_id("理货员")),
            "marketId": encode_id("Market", cast.market_id),
            "headcount": 6,
            "wage": {"amount": "30", "unit": "HOUR"},
            "startsAt": starts.isoformat(),
            "endsAt": (starts + timedelta(hours=8)).isoformat(),
            "place": {"address": "杭州市滨江区冷链园 2 号库", "regionCode": "330108"},
        },
    )

    # then
    payload = body["data"]["jobPostingUpdate"]
    assert payload["userErrors"] == []
    posting = payload["jobPosting"]
    assert (fromiso(posting.pop("startsAt")), fromiso(posting.pop("endsAt"))) == (
        starts,
        starts + timedelta(hours=8),
    )
    assert posting == {
        "title": "冷库搬运（夜班）",
        "description": "冷库内搬运，提供防寒服",
        "status": "DRAFT",
        "headcount": 6,
        "remaining": 6,
        "sameDay": False,
        "wage": {"amount": "30.00", "unit": "HOUR"},
        "occupation": {"name": "理货员"},
        "market": {"id": encode_id("Market", cast.market_id)},
        "place": {"address": "杭州市滨江区冷链园 2 号库"},
    }


async def test_a_draft_refuses_what_a_new_posting_would_and_keeps_its_values(gql):
    cast = await make_cast()
    draft = await make_posting(cast.employer_id, publish=False)
    before = await snapshot()

    body = await _update(
        gql,
        cast,
        draft,
        {"title": None, "headcount": 0, "wage": {"amount": "-5", "unit": "DAY"}, "marketId": None},
    )

    assert body["data"]["jobPostingUpdate"]["jobPosting"] is None
    assert [(e["code"], e["field"]) for e in body["data"]["jobPostingUpdate"]["userErrors"]] == [
        ("REQUIRED", ["title"])
    ]
    body = await _update(
        gql, cast, draft, {"headcount": 0, "wage": {"amount": "-5", "unit": "DAY"}}
    )
    assert [(e["code"], e["field"]) for e in body["data"]["jobPostingUpdate"]["userErrors"]] == [
        ("INVALID_HEADCOUNT", ["headcount"]),
        ("INVALID_WAGE", ["wage", "amount"]),
    ]
    assert await snapshot() == before


async def test_a_published_posting_changes_only_wage_window_headcount_and_description(gql):
    # given
    cast = await make_cast()
    posting = await _published(cast)
    before = await snapshot()

    # when
    body = await _update(
        gql,
        cast,
        posting,
        {
            "title": "新标题",
            "sameDay": True,
            "headcount": 5,
            "place": {"address": "x", "regionCode": "330102"},
        },
    )

    # then: each locked field is named, and nothing changed (not even the headcount)
    message = "已发布的招工信息只能修改工资、工作时间、招聘人数和岗位说明"
    assert body["data"]["jobPostingUpdate"] == {
        "jobPosting": None,
        "userErrors": [
            {"code": "FIELD_LOCKED", "field": ["title"], "message": message},
            {"code": "FIELD_LOCKED", "field": ["place"], "message": message},
            {"code": "FIELD_LOCKED", "field": ["sameDay"], "message": message},
        ],
    }
    assert await snapshot() == before


async def test_confirmed_workers_keep_their_places_and_their_wage(gql):
    # given: three places, two confirmed
    cast = await make_cast()
    posting = await _published(cast, headcount=3, confirmed=2)
    before = await snapshot()

    # when
    body = await _update(
        gql, cast, posting, {"headcount": 1, "wage": {"amount": "180", "unit": "DAY"}}
    )

    # then
    assert body["data"]["jobPostingUpdate"] == {
        "jobPosting": None,
        "userErrors": [
            {
                "code": "HEADCOUNT_BELOW_CONFIRMED",
                "field": ["headcount"],
                "message": "已确认 2 人，招聘人数不能少于已确认人数",
            },
            {
                "code": "WAGE_CUT",
                "field": ["wage", "amount"],
                "message": "已有零工确认，工资不能降低，也不能改变计薪方式",
            },
        ],
    }
    assert await snapshot() == before
    # and: a change of unit is refused too, however it compares
    body = await _update(gql, cast, posting, {"wage": {"amount": "40", "unit": "HOUR"}})
    assert [e["code"] for e in body["data"]["jobPostingUpdate"]["userErrors"]] == ["WAGE_CUT"]
    assert await snapshot() == before


async def test_without_confirmed_workers_the_wage_may_fall(gql):
    cast = await make_cast()
    posting = await _published(cast, confirmed=0)

    body = await _update(gql, cast, posting, {"wage": {"amount": "180", "unit": "DAY"}})

    assert body["data"]["jobPostingUpdate"]["jobPosting"]["wage"] == {
        "amount": "180.00",
        "unit": "DAY",
    }


async def test_confirmed_workers_are_told_of_a_raise_and_new_hours_and_their_shift_moves(gql):
    # given: 张三 confirmed, another worker still waiting
    cast = await make_cast()
    posting = await _published(cast, headcount=2)
    waiting, waiting_token = await make_worker(name="李四")
    await make_application(waiting, posting, cast.employer_id)
    starts = _at(2, 9)

    # when
    body = await _update(
        gql,
        cast,
        posting,
        {
            "wage": {"amount": "220", "unit": "DAY"},
            "startsAt": starts.isoformat(),
            "endsAt": (starts + timedelta(hours=9)).isoformat(),
            "description": "管午饭",
        },
    )

    # then
    assert body["data"]["jobPostingUpdate"]["userErrors"] == []
    day = starts.strftime("%m月%d日")
    told = (
        "工资由 200.00 元/天 调整为 220.00 元/天；"
        f"工作时间由 {day} 08:00—{day} 17:00 调整为 {day} 09:00—{day} 18:00"
    )
    (confirmed,) = (await gql(SHIFTS, token=cast.token["worker"]))["data"]["myJobApplications"][
        "nodes"
    ]
    assert confirmed["postingChange"] == {"summary": told}
    assert fromiso(confirmed["startsAt"]) == starts
    assert fromiso(confirmed["endsAt"]) == starts + timedelta(hours=9)
    # the worker still waiting sees the posting as it is now; there is no shift to tell of
    (pending,) = (await gql(SHIFTS, token=waiting_token))["data"]["myJobApplications"]["nodes"]
    assert (pending["status"], pending["postingChange"]) == ("APPLIED", None)
    assert fromiso(pending["startsAt"]) == starts


async def test_a_headcount_change_reopens_a_filled_posting_and_can_fill_it_again(gql):
    # given: filled (one place, one confirmed)
    cast = await make_cast()
    posting = await _published(cast, headcount=1)

    # when / then
    opened = await _update(gql, cast, posting, {"headcount": 2})
    assert opened["data"]["jobPostingUpdate"]["jobPosting"]["status"] == "OPEN"
    filled = await _update(gql, cast, posting, {"headcount": 1})
    assert filled["data"]["jobPostingUpdate"]["jobPosting"]["status"] == "FILLED"


async def test_started_closed_and_held_postings_do_not_change(gql):
    # given
    cast = await make_cast()
    started = await insert_posting(
        cast.employer_id, now() - timedelta(hours=1), now() + timedelta(hours=7)
    )
    closed = await _published(cast, confirmed=0)
    await gql(
        "mutation($id: ID!) { jobPostingClose(id: $id) { userErrors { code } } }",
        {"id": encode_id("JobPosting", closed)},
        token=cast.token["employer"],
    )
    before = await snapshot()

    # when
    late = await _update(gql, cast, started, {"headcount": 2})
    over = await _update(gql, cast, closed, {"headcount": 2})

    # then
    assert late["data"]["jobPostingUpdate"]["userErrors"] == [
        {"code": "STARTED", "field": ["id"], "message": "工作已经开始，不能再修改"}
    ]
    assert over["data"]["jobPostingUpdate"]["userErrors"] == [
        {
            "code": "INVALID_STATE",
            "field": ["id"],
            "message": "只有草稿或招聘中、已招满的招工信息可以修改",
        }
    ]
    assert await snapshot() == before


async def test_a_published_description_with_discriminatory_terms_is_refused(gql):
    cast = await make_cast()
    posting = await _published(cast)
    before = await snapshot()

    body = await _update(gql, cast, posting, {"description": "限男性，35岁以下"})

    (error,) = body["data"]["jobPostingUpdate"]["userErrors"]
    assert (error["code"], error["field"]) == ("DISCRIMINATORY", ["description"])
    assert error["message"].startswith("岗位说明含有歧视性要求：")
    assert await snapshot() == before


async def _confirmed(employer_id: int, application_id: int) -> bool:
    try:
        await applications.confirm(applications.Actor("EMPLOYER", employer_id), application_id)
    except ServiceError:
        return False
    return True


async def test_a_confirmation_racing_a_smaller_headcount_never_overfills(gql):
    # 20 rounds: two places, one confirmed; the employer cuts to one place while confirming a
    # second worker. Exactly one of the two goes through.
    for _ in range(20):
        cast = await make_cast()
        posting = await _published(cast, headcount=2)
        other, _ = await make_worker()
        pending = await make_application(other, posting, cast.employer_id)

        confirmed, body = await asyncio.gather(
            _confirmed(cast.employer_id, pending), _update(gql, cast, posting, {"headcount": 1})
        )

        cut = body["data"]["jobPostingUpdate"]["userErrors"] == []
        assert confirmed != cut, (confirmed, body)
        row = (
            await JobPosting.select(JobPosting.headcount, JobPosting.confirmed_count)
            .where(JobPosting.id == posting)
            .first()
        )
        assert row["confirmed_count"] <= row["headcount"]
