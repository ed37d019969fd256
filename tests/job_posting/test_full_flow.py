"""Registration to a completed same-day job through GraphQL (staff verify in the admin)."""

from __future__ import annotations

from datetime import datetime, timedelta

from resolvers.global_ids import decode_id, encode_id
from services.timeutil import SHANGHAI, now
from tables import job_posting as t
from tests.fixtures.account import next_phone
from tests.fixtures.employer import company_uscc
from tests.fixtures.market import occupation_id
from tests.job_posting.admin_helpers import admin_form, staff_session

REGISTER = """
mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    token
    worker { id name phone }
    employer { id name verificationStatus }
    userErrors { code field message }
  }
}"""
SIGN_IN = """
mutation($input: TokenCreateInput!) {
  tokenCreate(input: $input) { token role userErrors { code field } }
}"""
CREATE = """
mutation($input: JobPostingCreateInput!) {
  jobPostingCreate(input: $input) {
    jobPosting { id status sameDay wage { amount unit dailyEquivalent } }
    userErrors { code field }
  }
}"""
PUBLISH = """
mutation($id: ID!) {
  jobPostingPublish(id: $id) { jobPosting { id status } userErrors { code field } }
}"""
SEARCH = """
query($where: JobPostingWhereInput) {
  jobPostings(where: $where) { totalCount nodes { id title sameDay } }
  recommendedJobPostings { nodes { jobPosting { id } matchReasons { code } } }
}"""
APPLY = """
mutation($input: JobApplicationCreateInput!) {
  jobApplicationCreate(input: $input) {
    jobApplication { id status channel } userErrors { code field }
  }
}"""
CONFIRM = """
mutation($id: ID!) {
  jobApplicationConfirm(id: $id) {
    jobApplication { status jobPosting { status remaining } worker { name phone } }
    userErrors { code field }
  }
}"""
CHECK_IN = """
mutation($id: ID!) {
  jobApplicationCheckIn(id: $id) { jobApplication { status checkedInBy } userErrors { code } }
}"""
COMPLETE = """
mutation($id: ID!) {
  jobApplicationComplete(id: $id) { jobApplication { status } userErrors { code } }
}"""
MINE = """
query {
  myJobApplications {
    nodes {
      status appliedAt confirmedAt checkedInAt completedAt
      jobPosting { title workDate }
    }
  }
}"""


def _today_start() -> datetime:
    """A start later today in Asia/Shanghai (a same-day posting must start today)."""
    moment = now()
    midnight = (moment.astimezone(SHANGHAI) + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return (moment + min(timedelta(minutes=10), (midnight - moment) / 2)).replace(microsecond=0)


async def test_worker_and_employer_go_from_registration_to_a_completed_same_day_job(gql, client):
    # given: an employer and a worker register themselves
    employer_phone = next_phone()
    employer = await gql(
        REGISTER,
        {
            "input": {
                "phone": employer_phone,
                "password": "employer-pass-1",
                "role": "EMPLOYER",
                "employer": {
                    "kind": "COMPANY",
                    "name": "杭州望江物流有限公司",
                    "uscc": company_uscc(),
                    "regionCode": "330102",
                },
            }
        },
    )
    employer_id = employer["data"]["accountRegister"]["employer"]["id"]
    assert employer["data"]["accountRegister"]["employer"] == {
        "id": employer_id,
        "name": "杭州望江物流有限公司",
        "verificationStatus": "PENDING",
    }
    worker_phone = next_phone()
    worker = await gql(
        REGISTER,
        {
            "input": {
                "phone": worker_phone,
                "password": "worker-pass-1",
                "role": "WORKER",
                "worker": {
                    "name": "张三",
                    "occupationIds": [encode_id("Occupation", await occupation_id("装卸搬运工"))],
                    "homeRegionCode": "330102",
                },
            }
        },
    )
    registered = worker["data"]["accountRegister"]
    assert registered["worker"]["name"] == "张三" and registered["worker"]["phone"] == worker_phone
    worker_token = registered["token"]

    # and: staff verify the employer in the admin; the employer signs in again later
    staff = await staff_session(client)
    verified = await admin_form(
        client,
        staff,
        "审核用工主体",
        {
            "employer_id": decode_id(employer_id, "Employer"),
            "decision": "VERIFIED",
            "note": "执照核验通过",
        },
    )
    assert verified.status_code == 200, verified.text
    signed_in = await gql(
        SIGN_IN, {"input": {"phone": employer_phone, "password": "employer-pass-1"}}
    )
    employer_token = signed_in["data"]["tokenCreate"]["token"]
    assert signed_in["data"]["tokenCreate"] == {
        "token": employer_token,
        "role": "EMPLOYER",
        "userErrors": [],
    }

    # when: the employer posts today's work and publishes it
    starts_at = _today_start()
    created = await gql(
        CREATE,
        {
            "input": {
                "occupationId": encode_id("Occupation", await occupation_id("装卸搬运工")),
                "title": "今日仓库装卸",
                "headcount": 1,
                "wage": {"amount": "260.50", "unit": "DAY"},
                "startsAt": starts_at.isoformat(),
                "endsAt": (starts_at + timedelta(hours=6)).isoformat(),
                "place": {"address": "杭州市上城区望江路 1 号", "regionCode": "330102"},
                "sameDay": True,
            }
        },
        token=employer_token,
    )
    posting = created["data"]["jobPostingCreate"]["jobPosting"]
    assert created["data"]["jobPostingCreate"] == {
        "jobPosting": {
            "id": posting["id"],
            "status": "DRAFT",
            "sameDay": True,
            "wage": {"amount": "260.50", "unit": "DAY", "dailyEquivalent": "260.50"},
        },
        "userErrors": [],
    }
    published = await gql(PUBLISH, {"id": posting["id"]}, token=employer_token)
    assert published["data"]["jobPostingPublish"] == {
        "jobPosting": {"id": posting["id"], "status": "OPEN"},
        "userErrors": [],
    }

    # and: the worker finds it, applies, is confirmed, checks in and completes the work
    found = await gql(SEARCH, {"where": {"sameDay": True}}, token=worker_token)
    assert found["data"] == {
        "jobPostings": {
            "totalCount": 1,
            "nodes": [{"id": posting["id"], "title": "今日仓库装卸", "sameDay": True}],
        },
        "recommendedJobPostings": {
            "nodes": [
                {
                    "jobPosting": {"id": posting["id"]},
                    "matchReasons": [
                        {"code": "OCCUPATION"},
                        {"code": "SAME_COUNTY"},
                        {"code": "STARTS_SOON"},
                        {"code": "SAME_DAY"},
                        {"code": "GOOD_WAGE"},
                    ],
                }
            ]
        },
    }
    applied = await gql(APPLY, {"input": {"jobPostingId": posting["id"]}}, token=worker_token)
    application = applied["data"]["jobApplicationCreate"]["jobApplication"]
    assert applied["data"]["jobApplicationCreate"] == {
        "jobApplication": {"id": application["id"], "status": "APPLIED", "channel": "ONLINE"},
        "userErrors": [],
    }
    confirmed = await gql(CONFIRM, {"id": application["id"]}, token=employer_token)
    assert confirmed["data"]["jobApplicationConfirm"] == {
        "jobApplication": {
            "status": "CONFIRMED",
            "jobPosting": {"status": "FILLED", "remaining": 0},
            "worker": {"name": "张三", "phone": worker_phone},
        },
        "userErrors": [],
    }
    checked_in = await gql(CHECK_IN, {"id": application["id"]}, token=employer_token)
    assert checked_in["data"]["jobApplicationCheckIn"] == {
        "jobApplication": {"status": "CHECKED_IN", "checkedInBy": "EMPLOYER"},
        "userErrors": [],
    }
    completed = await gql(COMPLETE, {"id": application["id"]}, token=employer_token)
    assert completed["data"]["jobApplicationComplete"] == {
        "jobApplication": {"status": "COMPLETED"},
        "userErrors": [],
    }

    # then: every step is timestamped, in order, and the work happened the same day
    mine = await gql(MINE, token=worker_token)
    row = await t.JobApplication.select().first()
    assert mine["data"]["myJobApplications"]["nodes"] == [
        {
            "status": "COMPLETED",
            "appliedAt": row["applied_at"].isoformat(),
            "confirmedAt": row["confirmed_at"].isoformat(),
            "checkedInAt": row["checked_in_at"].isoformat(),
            "completedAt": row["completed_at"].isoformat(),
            "jobPosting": {
                "title": "今日仓库装卸",
                "workDate": starts_at.astimezone(SHANGHAI).date().isoformat(),
            },
        }
    ]
    assert row["applied_at"] <= row["confirmed_at"] <= row["checked_in_at"] <= row["completed_at"]
