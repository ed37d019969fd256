"""Demo data: idempotent, within the domain rules, and the printed credentials work."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

import pytest
from piccolo.apps.user.tables import BaseUser

from services.assessment import periods
from services.crypto import decrypt
from services.identifiers import is_valid_resident_id, is_valid_uscc
from services.timeutil import SHANGHAI, now
from tables import job_posting as jp
from tables import market as t
from tables.assessment import Assessment, AssessmentIndicator, AssessmentScheme, WorkloadReport
from tables.employer import Employer
from tables.operator import OperatingContract
from tables.worker import Worker
from tests.conftest import CLEAN_ORDER
from tests.fixtures import account as _cheap_hashing  # noqa: F401  (cheap Argon2 in tests)
from tests.test_cli import lingong
from tools import demo
from tools.demo import APPLICATIONS, DEMO_PASSWORD, INDICATORS, POSTINGS, seed_demo
from tools.demo import data as demo_data
from tools.demo import hiring as demo_hiring

TABLES = [name for name in CLEAN_ORDER if " " not in name]
SIGN_IN = """
mutation($phone: String!, $password: String!) {
  tokenCreate(input: { phone: $phone, password: $password }) { token role userErrors { code } }
}"""
VIEWER = "{ viewer { role subjectId } }"
POSTINGS_QUERY = "{ jobPostings(first: 50) { totalCount nodes { title status } } }"


async def row_counts() -> dict[str, int]:
    counts = {}
    for table in TABLES:
        rows = await t.Market.raw(f"SELECT COUNT(*) AS n FROM {table}")
        counts[table] = rows[0]["n"]
    return counts


def schemes_expected() -> int:
    # The report is for last month: in January that is last year, which needs its own scheme.
    return 2 if periods.current().endswith("-01") else 1


async def test_seeding_twice_creates_nothing_the_second_time():
    # given
    first = await seed_demo(markets=30)
    before = await row_counts()

    # when
    second = await seed_demo(markets=30)

    # then
    assert first["markets"] == 30
    assert first["created"] == {
        "employers": 4,
        "workers": 7,
        "postings": 12,
        "applications": 11,
        "contracts": 1,
        "schemes": schemes_expected(),
        "reports": 1,
        "assessments": 1,
        "courses": 3,
        "enrolments": 4,
        "rights_cases": 3,
        "directory_publications": 1,
        "subsidy_programmes": 4,
        "subsidy_applications": 1,
        "policies": 12,
        "assistance_cases": 1,
    }
    assert second["markets"] == 0
    assert set(second["created"].values()) == {0}
    assert await row_counts() == before
    assert [second[k] for k in ("worker", "employer", "operator")] == [
        first[k] for k in ("worker", "employer", "operator")
    ]


async def test_demo_people_obey_the_rules():
    # when
    await seed_demo(markets=30)

    # then: employers are registered with valid USCCs and verified by the demo reviewer
    reviewer = await BaseUser.select(BaseUser.id, BaseUser.active).where(
        BaseUser.username == demo_data.REVIEWER
    )
    assert [r["active"] for r in reviewer] == [False]  # recorded as the decider, cannot log in
    employers = await Employer.select().order_by(Employer.id)
    assert [(e["kind"], e["verification_status"]) for e in employers] == [
        ("COMPANY", "VERIFIED"),
        ("COMPANY", "VERIFIED"),
        ("INDIVIDUAL", "VERIFIED"),
        ("COMPANY", "PENDING"),
    ]
    assert all(is_valid_uscc(e["uscc"]) for e in employers if e["kind"] == "COMPANY")
    assert {e["verified_by"] for e in employers[:3]} == {reviewer[0]["id"]}
    assert [decrypt(e["phone_encrypted"]) for e in employers] == [e.phone for e in demo.EMPLOYERS]
    # workers: personal data encrypted, three prioritised, one walked in at the demo market
    workers = await Worker.select().order_by(Worker.id)
    assert [decrypt(w["phone_encrypted"]) for w in workers] == [
        w.phone for w in (*demo.WORKERS, demo.WALK_IN)
    ]
    assert all(w["phone_masked"].count("*") == 4 for w in workers)
    assert all(
        is_valid_resident_id(decrypt(w["resident_id_encrypted"]))
        for w in workers
        if w["resident_id_encrypted"]
    )
    assert [w["name"] for w in workers if w["prioritised"]] == ["李秀英", "陈静", "杨军"]
    assert [
        json.loads(decrypt(w["assistance_encrypted"])) for w in workers if w["prioritised"]
    ] == [
        ["OLDER"],
        ["LOW_INCOME"],
        ["LONG_WAITING"],
    ]
    contract = await OperatingContract.select(OperatingContract.market, OperatingContract.operator)
    walk_in = workers[-1]
    assert (
        walk_in["account"],
        walk_in["registered_market"],
        walk_in["registered_by_operator"],
    ) == (
        None,
        contract[0]["market"],
        contract[0]["operator"],
    )


async def test_demo_postings_and_applications_obey_the_rules():
    # given
    moment = now()

    # when
    await seed_demo(markets=30)

    # then: published postings are OPEN, in the coming days, at active markets, by verified
    # employers; the one draft stays a draft
    rows = await jp.JobPosting.select(
        jp.JobPosting.all_columns(),
        jp.JobPosting.employer.verification_status,
        jp.JobPosting.market.status,
    ).order_by(jp.JobPosting.id)
    assert [r["title"] for r in rows] == [p.title for p in POSTINGS]
    assert [r["status"] for r in rows] == ["OPEN" if p.publish else "DRAFT" for p in POSTINGS]
    assert {r["employer.verification_status"] for r in rows} == {"VERIFIED"}
    assert {r["market.status"] for r in rows} == {"ACTIVE"}
    assert all(moment < r["starts_at"] < moment + timedelta(days=7) for r in rows)
    for posting, row in zip(POSTINGS, rows, strict=True):
        if posting.day is not None:  # day slots start at their local hour in Asia/Shanghai
            assert row["starts_at"].astimezone(SHANGHAI).strftime("%H:%M") == posting.start
    # applications reached their states through the rules, and the headcounts agree
    applications = await jp.JobApplication.select(
        jp.JobApplication.status, jp.JobApplication.posting, jp.JobApplication.channel
    )
    assert Counter(a["status"] for a in applications) == Counter(s for *_, s in APPLICATIONS)
    assert Counter(a["channel"] for a in applications) == {"ONLINE": 10, "ON_SITE": 1}
    booked = Counter(
        a["posting"] for a in applications if a["status"] in ("CONFIRMED", "CHECKED_IN")
    )
    assert {r["id"]: r["confirmed_count"] for r in rows} == {r["id"]: booked[r["id"]] for r in rows}


async def test_the_demo_operator_has_a_contract_a_scheme_a_report_and_an_assessment():
    # when
    summary = await seed_demo(markets=30)

    # then
    operator = summary["operator"]["id"]
    contract = await OperatingContract.select().where(OperatingContract.operator == operator)
    today = now().astimezone(SHANGHAI).date()
    assert len(contract) == 1
    assert contract[0]["starts_on"] <= today <= contract[0]["ends_on"]
    market = await t.Market.select(t.Market.operator, t.Market.ownership).where(
        t.Market.id == contract[0]["market"]
    )
    assert market == [{"operator": operator, "ownership": "PUBLIC_WELFARE"}]
    scheme = await AssessmentScheme.select().where(AssessmentScheme.year == today.year)
    indicators = await AssessmentIndicator.select(
        AssessmentIndicator.indicator, AssessmentIndicator.weight, AssessmentIndicator.target
    ).where(AssessmentIndicator.scheme == scheme[0]["id"])
    assert {i["indicator"]: (i["weight"], i["target"]) for i in indicators} == INDICATORS
    last_month = demo_hiring._last_month(now())
    reports = await WorkloadReport.select(WorkloadReport.period, WorkloadReport.operator)
    assert reports == [{"period": last_month, "operator": operator}]
    assessments = await Assessment.select(Assessment.period, Assessment.status)
    assert assessments == [{"period": last_month, "status": "DRAFT"}]


async def test_the_printed_credentials_let_a_newcomer_in(gql):
    # given
    summary = await seed_demo(markets=30, issue_token=True)
    lines = demo.describe(summary)

    # when
    postings = await gql(POSTINGS_QUERY)
    signed = {
        role: await gql(SIGN_IN, {"phone": summary[role]["phone"], "password": DEMO_PASSWORD})
        for role in ("worker", "employer")
    }
    viewers = {
        role: (await gql(VIEWER, token=body["data"]["tokenCreate"]["token"]))["data"]["viewer"]
        for role, body in signed.items()
    }
    operator = await gql(VIEWER, token=summary["operator"]["token"])

    # then
    listed = postings["data"]["jobPostings"]
    # anonymous callers do not see the public-welfare job
    assert listed["totalCount"] == sum(p.publish and not p.public_welfare for p in POSTINGS)
    assert {n["status"] for n in listed["nodes"]} == {"OPEN"}
    assert {role: v["role"] for role, v in viewers.items()} == {
        "worker": "WORKER",
        "employer": "EMPLOYER",
    }
    assert operator["data"]["viewer"]["role"] == "OPERATOR"
    assert summary["worker"]["password"] == summary["employer"]["password"] == DEMO_PASSWORD
    assert [summary["worker"]["phone"] in lines[0], summary["employer"]["phone"] in lines[1]] == [
        True,
        True,
    ]
    assert all(DEMO_PASSWORD in line for line in lines[:2])
    assert summary["operator"]["token"] in lines[2]


async def test_a_later_run_adds_fresh_postings_once_the_earlier_ones_have_ended():
    # given: a first run, then a week passes (every demo posting and application has ended)
    await seed_demo(markets=30)
    week = timedelta(days=8)
    for table in (jp.JobPosting, jp.JobApplication):
        await table.update(
            {table.starts_at: table.starts_at - week, table.ends_at: table.ends_at - week}
        ).where(table.id > 0)

    # when
    again = await seed_demo(markets=30)

    # then: new postings in the coming days, applied to again; people are not registered twice
    assert again["created"]["postings"] == len(POSTINGS)
    assert again["created"]["applications"] == len(APPLICATIONS)
    assert again["created"]["employers"] == again["created"]["workers"] == 0
    live = await jp.JobPosting.count().where(jp.JobPosting.ends_at > now())
    assert live == len(POSTINGS)


async def test_seed_demo_refuses_production(monkeypatch):
    monkeypatch.setattr(demo, "get_settings", lambda: SimpleNamespace(production=True))

    with pytest.raises(RuntimeError, match="生产环境"):
        await seed_demo(markets=3)

    assert await t.Market.count() == 0


async def test_lingong_seed_demo_prints_the_sign_in_details_on_stderr():
    result = lingong("seed-demo", "--markets", "20")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "演示数据：新建零工市场 20 个\n"
    assert f"手机号 {demo.WORKERS[0].phone}  密码 {DEMO_PASSWORD}" in result.stderr
    assert f"手机号 {demo.EMPLOYERS[0].phone}  密码 {DEMO_PASSWORD}" in result.stderr
    assert "令牌：lg_" in result.stderr
