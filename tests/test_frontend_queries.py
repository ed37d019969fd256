"""The frontend contract: every document in frontend_queries/ validates, runs and stays in budget."""

# One scene serves every document: the demo data (tools/demo.py: markets, verified employers,
# workers, open postings, applications in several states, the demo operator's contract, report
# and assessment), stations of the first market, and certification applications of the demo
# operator's markets (tests/fixtures/certification.py). Queries and mutations run over HTTP with
# the bearer token of the screen that sends them. The one subscription, PostingBoard, runs in
# process through `schema.subscribe`: a draft is published and its card must arrive within
# EVENT_TIMEOUT seconds (the websocket transport has its own test in tests/job_posting/).

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from graphql import (
    FragmentSpreadNode,
    NoDeprecatedCustomRule,
    OperationDefinitionNode,
    parse,
    validate,
    visit,
)
from graphql.language import FragmentDefinitionNode, OperationType, Visitor

from resolvers.context import Context
from resolvers.global_ids import encode_id
from resolvers.user_errors import camel
from schema.root import schema
from services.audit.rules import Actor
from services.db import is_postgres
from services.job_posting import applications, board, progress
from services.job_posting import rules as postings
from services.rights_case import rules as case_rules
from services.rights_case import settlement
from services.timeutil import SHANGHAI, local, now
from services.training import attendance as training_attendance
from services.training import rules as training_rules
from tables import job_posting as jp
from tables import market as t
from tables import training as tr
from tables.assistance import AssistanceOffer
from tables.certification import DemonstrationCertificate
from tables.rights_case import RightsCase
from tables.subsidy import SubsidyProgramme
from tests.fixtures.account import staff_token
from tests.fixtures.assessment import FULL, period_before
from tests.fixtures.certification import default_standard, make_application, submit_input
from tests.fixtures.demo import demo_world, sign_in
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import insert_application, insert_posting, make_posting
from tests.fixtures.job_posting import make_application as make_shift
from tests.fixtures.market import make_market, occupation_id
from tests.fixtures.policy import make_policy
from tests.fixtures.rights_case import advance
from tests.fixtures.rights_case import file_case as worker_files_case
from tests.fixtures.sql import count_sql
from tests.fixtures.subsidy import apply as subsidy_apply
from tests.fixtures.subsidy import make_completed_training
from tests.fixtures.training import enrol as training_enrol
from tests.fixtures.training import make_course, session_ids, shift_into_past
from tests.fixtures.training import sessions as training_sessions
from tests.fixtures.worker import make_worker
from tests.job_posting.subscriptions.live import until
from tools.demo import DEMO_PASSWORD, WORKERS

ROOT = Path(__file__).resolve().parents[1] / "frontend_queries"
FRAGMENTS = ROOT / "fragments"
COMMITTED_SDL = (ROOT.parent / "schema" / "schema.graphql").read_text(encoding="utf-8")
EVENT_TIMEOUT = 10.0
# Placeholders in VARIABLES, replaced by ids of the seeded scene (see `seed`).
SEEDED_MARKET = "<the seeded market that has stations>"
TODAY = "仓库装卸工（今日到岗）"
DRAFT = "周末搬家助理"  # the demo employer's one draft
FORKLIFT = "叉车操作实训（急需紧缺）"  # the demo's full course (张伟 and 杨军 in, 刘洋 waiting)
TRAINING_SUBSIDY, LIVING_ALLOWANCE = "职业培训补贴（急需紧缺职业）", "培训期间生活费补贴"

# Realistic variables per operation; every document must have an entry.
VARIABLES: dict[str, dict] = {
    "MarketDirectory": {
        "first": 20,
        "where": {"regionCode": "330000", "status": ["ACTIVE", "SUSPENDED"]},
        "search": "零工",
        "orderBy": {"field": "NAME", "direction": "ASC"},
    },
    "NearbyMarkets": {"latitude": 30.27, "longitude": 120.15, "radiusKm": 80, "first": 20},
    "MarketDetail": {"id": SEEDED_MARKET},
    "MarketMap": {"where": {"regionCode": "330100"}},
    "Regions": {"parentCode": "330100"},
    "Occupations": {"first": 20, "search": "工"},
    "Viewer": {},
    "Register": {
        "input": {
            "phone": "13912340001",
            "password": "worker-pass-1",
            "role": "WORKER",
            "worker": {
                "name": "孙八",
                "occupationIds": ["<occupation 装卸搬运工>"],
                "homeRegionCode": "330102",
            },
        }
    },
    "SignIn": {"phone": WORKERS[0].phone, "password": DEMO_PASSWORD},
    "PostingSearch": {
        "where": {"regionCode": "330100", "minDailyWage": "150"},
        "orderBy": {"field": "STARTS_AT"},
    },
    "PostingDetail": {"id": "<posting 快递分拣员（白班）>"},
    "RecommendedPostings": {"first": 20},
    "ApplyToPosting": {"jobPostingId": "<posting 冷链理货员（上午班）>"},
    "MyApplications": {"first": 20},
    "EmployerPostings": {"first": 20},
    "Candidates": {"jobPostingId": "<posting 物流园装卸工>"},
    "ConfirmApplication": {"id": "<application 张伟 物流园装卸工>"},
    "CheckIn": {"id": f"<application 赵大勇 {TODAY}>"},
    "PostingBoard": {"marketId": "<market of the draft>"},
    "SubmitWorkloadReport": {
        "input": {
            "marketId": "<contract market>",
            "period": "<two months ago>",
            "idempotencyKey": "3f0c9a52-4b8e-4c1e-9a57-contract",
            "notes": "含线下登记",
            **{camel(k): v for k, v in FULL.items()},
        }
    },
    "WorkloadReports": {"first": 20},
    "MyAssessments": {"first": 20},
    "DemonstrationMarkets": {"year": None, "first": 20},
    "TargetProgress": {"asOf": "2025-12-31"},
    # monitoring (issue 12)
    "RegionStatistics": {"regionCode": "330100", "from": "<month start>", "to": "<today>"},
    "OccupationTrend": {
        "occupationCode": "4-02-05-01",
        "regionCode": "330000",
        "from": "<twelve weeks ago>",
        "to": "<today>",
    },
    "CertificationStandard": {"year": 2025},
    "MyCertificationApplications": {"first": 20, "where": {"year": 2025}},
    "SubmitCertificationApplication": {"input": "<certification application input>"},
    # skills training (issue 9)
    "TrainingSearch": {
        "where": {"regionCode": "330000", "subsidised": True},
        "orderBy": {"field": "STARTS_AT"},
    },
    "TrainingDetail": {"id": f"<course {FORKLIFT}>"},
    "MarketTrainings": {"id": "<contract market>"},
    "EnrolInTraining": {"trainingId": "<course 电商直播带货创业培训>"},
    "WithdrawFromTraining": {"id": f"<enrolment 张伟 {FORKLIFT}>"},
    "MyTrainingEnrolments": {"first": 20},
    "RecommendedTrainings": {"first": 20},
    "ManagedTrainings": {"first": 20},
    "CreateTraining": {
        "input": {
            "marketId": "<contract market>",
            "occupationId": "<occupation 装卸搬运工>",
            "title": "装卸安全操作培训",
            "category": "URGENT_SKILL",
            "mode": "OFFLINE",
            "capacity": 30,
            "fee": "0",
            "subsidised": True,
            "sessions": "<sessions in a month>",
            "place": {"venueId": "<contract market>"},
        }
    },
    "PublishTraining": {"id": "<draft course>"},
    "RecordTrainingAttendance": {
        "input": {
            "enrolmentId": "<enrolment to mark>",
            "sessionId": "<first session of the past course>",
            "present": True,
        }
    },
    "CompleteTrainingEnrolment": {
        "enrolmentId": "<enrolment to complete>",
        "certificateNo": "ZJPX-2026-000123",
    },
    "FileRightsCase": {
        "input": {
            "kind": "WAGE_ARREARS",
            "summary": "完工后工钱一直没结",
            "jobApplicationId": "<application 张伟 快递分拣员（白班）>",
            "amountClaimed": "225.00",
        }
    },
    "MyRightsCases": {"first": 20},
    "RightsCaseDetail": {"id": "<the demo worker's rights case>"},
    "SettleShift": {
        "input": {
            "jobApplicationId": f"<application 杨军 {TODAY}>",
            "amount": "220.00",
            "method": "WECHAT",
            "paidAt": "<just now>",
        }
    },
    "SettlementConfirm": {"jobApplicationId": f"<application 杨军 {TODAY}>"},
    "ReportPosting": {
        "input": {
            "jobPostingId": "<posting 短途货车司机>",
            "reason": "FALSE_INFO",
            "note": "电话里说日薪只有 200 元",
        }
    },
    # rights and training operations completed (issue 14)
    "AcceptRightsCase": {"id": "<case to accept>", "note": "已受理，三日内约双方到市场调解室"},
    "StartMediation": {"id": "<case to start mediating>", "note": "双方已到场，开始调解"},
    "ResolveRightsCase": {
        "id": "<case to resolve>",
        "input": {
            "outcome": "MEDIATED",
            "note": "经调解，用工主体当场补发少算的工钱 80 元",
            "amountRecovered": "80.00",
        },
    },
    "RouteRightsCase": {
        "id": "<case to route>",
        "department": "LABOUR_INSPECTION",
        "note": "涉及拖欠工资，转劳动保障监察",
    },
    "RightsCaseQueue": {
        "first": 20,
        "where": {"status": ["FILED", "ACCEPTED", "MEDIATING"]},
        "orderBy": {"field": "DUE_AT"},
    },
    "GatheringPlaces": {"first": 20, "regionCode": "330100", "status": ["ACTIVE"]},
    "CloseRightsCase": {"id": "<case to withdraw>", "note": "已与老板协商解决"},
    "DisputeSettlement": {
        "jobApplicationId": "<shift paid short>",
        "reason": "约定日薪 200 元，只收到 150 元",
    },
    "FileCaseFromShift": {"jobApplicationId": "<shift unpaid after 24 hours>"},
    "CloseTraining": {"id": "<course to close>"},
    # the remaining client operations (issue 14)
    "SignOut": {},
    "Refetch": {"id": "<posting 快递分拣员（白班）>"},
    "MyEmployerProfile": {},
    "CreatePosting": {
        "input": {
            "occupationId": "<occupation 装卸搬运工>",
            "marketId": "<contract market>",
            "title": "家具城卸货（两人）",
            "description": "大件家具卸车上楼，需能搬 50 公斤",
            "headcount": 2,
            "wage": {"amount": "260.00", "unit": "DAY"},
            "startsAt": "<tomorrow 08:00>",
            "endsAt": "<tomorrow 17:00>",
            "place": {"address": "杭州市上城区九堡家居城 3 号门", "regionCode": "330102"},
        }
    },
    "PublishPosting": {"id": "<posting to publish>"},
    "ClosePosting": {"id": "<posting to close>"},
    "CompleteApplication": {"id": "<shift to complete>"},
    "CancelApplication": {"id": "<application to cancel>", "reason": "今天人已招满，抱歉"},
    "MarkNoShow": {"id": "<shift not turned up>"},
    "MyOperatingContracts": {"first": 20, "activeOn": "<today>"},
    "OccupationGaps": {"regionCode": "330100", "from": "<twelve weeks ago>", "to": "<today>"},
    "QuietMarkets": {"regionCode": "330100"},
    "MyWorkerProfile": {},
    "UpdateWorkerProfile": {"input": {"availability": "工作日白天，周末可加班"}},
    "RegisterWalkIn": {
        "input": {
            "marketId": "<contract market>",
            "name": "何建国",
            "phone": "13912340077",
            "occupationIds": ["<occupation 装卸搬运工>"],
        }
    },
    "MarketWorkers": {"marketId": "<contract market>", "first": 20},
    "ApplicantProfile": {"id": "<worker 张伟>"},
    "ApplicationDetail": {"id": "<application 张伟 快递分拣员（白班）>"},
    "Applicants": {"jobPostingId": "<posting 物流园装卸工>", "first": 1},
    "EnumLabels": {"names": ["JobPostingStatus", "JobApplicationStatus", "WageUnit"]},
    "UpdatePosting": {
        "id": "<posting to raise>",
        "input": {"wage": {"amount": "240.00", "unit": "DAY"}, "headcount": 3},
    },
    "UpdateEmployerProfile": {"input": {"contactName": "钱经理", "regionCode": "330114"}},
    "DirectoryHistory": {"first": 12},
    # subsidies (issue 10)
    "SubsidyProgrammes": {"first": 20},
    "SubsidyEligibility": {"programmeId": f"<programme {TRAINING_SUBSIDY}>"},
    "ApplyForSubsidy": {
        "input": {
            "programmeId": f"<programme {LIVING_ALLOWANCE}>",
            "trainingEnrolmentId": "<the trainee's completed enrolment>",
        }
    },
    "MySubsidyApplications": {"first": 20},
    # assistance cases (issue 10)
    "MyAssistancePlan": {},
    "AnswerAssistanceOffer": {"input": {"offerId": "<the demo offer>", "accept": True}},
    "AssistanceCases": {"first": 20, "where": {"status": ["OPEN"]}},
    # policy push (issue 10)
    "RecommendedPolicies": {"first": 20},
    "Policies": {"first": 20, "where": {"regionCode": "330102", "clause": "（十六）"}},
    "PolicyDetail": {"id": "<policy 快件处理员职业伤害保障（上城区）>"},
}

# Whose bearer token each operation is sent with (None: anonymous).
TOKENS: dict[str, str | None] = {
    **dict.fromkeys(
        ("MarketDirectory", "NearbyMarkets", "MarketDetail", "MarketMap", "Regions"), None
    ),
    **dict.fromkeys(("Occupations", "Register", "SignIn", "PostingSearch", "PostingBoard"), None),
    **dict.fromkeys(("DemonstrationMarkets", "TargetProgress", "CertificationStandard"), None),
    **dict.fromkeys(("RegionStatistics", "OccupationTrend"), None),
    **dict.fromkeys(
        ("PostingDetail", "RecommendedPostings", "ApplyToPosting", "MyApplications"), "worker"
    ),
    **dict.fromkeys(("EmployerPostings", "Candidates", "ConfirmApplication"), "employer"),
    **dict.fromkeys(("Viewer", "CheckIn", "SubmitWorkloadReport", "WorkloadReports"), "operator"),
    **dict.fromkeys(
        ("MyAssessments", "MyCertificationApplications", "SubmitCertificationApplication"),
        "operator",
    ),
    **dict.fromkeys(("TrainingSearch", "MarketTrainings"), None),
    **dict.fromkeys(
        (
            "TrainingDetail",
            "EnrolInTraining",
            "WithdrawFromTraining",
            "MyTrainingEnrolments",
            "RecommendedTrainings",
        ),
        "worker",
    ),
    **dict.fromkeys(
        (
            "ManagedTrainings",
            "CreateTraining",
            "PublishTraining",
            "RecordTrainingAttendance",
            "CompleteTrainingEnrolment",
        ),
        "operator",
    ),
    **dict.fromkeys(
        ("FileRightsCase", "MyRightsCases", "RightsCaseDetail", "ReportPosting"), "worker"
    ),
    "SettleShift": "employer",
    "SettlementConfirm": "shift worker",
    # rights and training operations completed (issue 14)
    **dict.fromkeys(
        (
            "AcceptRightsCase",
            "StartMediation",
            "ResolveRightsCase",
            "RouteRightsCase",
            "RightsCaseQueue",
            "GatheringPlaces",
            "CloseTraining",
        ),
        "operator",
    ),
    "CloseRightsCase": "case worker",
    "DisputeSettlement": "short-paid worker",
    "FileCaseFromShift": "unpaid worker",
    # the remaining client operations (issue 14)
    "SignOut": "leaving worker",
    **dict.fromkeys(("Refetch", "OccupationGaps", "QuietMarkets"), None),
    **dict.fromkeys(("MyEmployerProfile", "ApplicantProfile"), "employer"),
    **dict.fromkeys(
        (
            "CreatePosting",
            "PublishPosting",
            "ClosePosting",
            "CompleteApplication",
            "CancelApplication",
            "MarkNoShow",
        ),
        "hiring employer",
    ),
    **dict.fromkeys(("MyOperatingContracts", "RegisterWalkIn", "MarketWorkers"), "operator"),
    **dict.fromkeys(("MyWorkerProfile", "UpdateWorkerProfile", "ApplicationDetail"), "worker"),
    "Applicants": "employer",
    "EnumLabels": None,
    **dict.fromkeys(("UpdatePosting", "UpdateEmployerProfile"), "hiring employer"),
    "DirectoryHistory": None,
    # subsidies (issue 10)
    "SubsidyProgrammes": None,
    **dict.fromkeys(("SubsidyEligibility", "ApplyForSubsidy", "MySubsidyApplications"), "trainee"),
    # assistance cases (issue 10): 杨军 is the demo's assisted worker
    **dict.fromkeys(("MyAssistancePlan", "AnswerAssistanceOffer"), "shift worker"),
    "AssistanceCases": "staff",
    # policy push (issue 10)
    "RecommendedPolicies": "worker",
    **dict.fromkeys(("Policies", "PolicyDetail"), None),
}

# SQL statements per operation, whatever the page size: N+1 would blow these at once. The
# figures of the instant-hiring, operator-portal and certification documents are those of their
# domain tests (tests/<domain>/test_frontend_documents.py); a test below keeps them no looser.
SQL_BUDGET: dict[str, int] = {
    # page (with each market's parent, hours, occupations and certificate: resolvers/prefetch.py),
    # count
    "MarketDirectory": 2,
    # candidates in the radius, their rows (with the same as the directory's page)
    "NearbyMarkets": 2,
    # the market with its parent, hours, occupations and certificate; its stations, each with
    # the same (resolvers/prefetch.py)
    "MarketDetail": 2,
    # the markets, each with its opening hours (isOpenNow) and certificate (resolvers/prefetch.py)
    "MarketMap": 1,
    "Regions": 1,
    "Occupations": 2,  # page, count
    "Viewer": 1,  # the token lookup
    # the checks, the inserts, the token and its expiry, the profile
    "Register": 12,
    # account, failure reset, profile, token and its expiry
    "SignIn": 6,
    # page (with each posting's occupation, employer and market: resolvers/prefetch.py), count
    "PostingSearch": 2,
    # token, posting, occupation, employer, market, the worker's application
    "PostingDetail": 6,
    # token; the worker with their occupations, applications and tier inputs; the candidates; the
    # page's postings with each card's occupation, employer and market (resolvers/job_posting/
    # pages.py). Reading the 500 candidates' wide rows in one statement was slower on SQLite.
    "RecommendedPostings": 4,
    # token; posting, overlap, existing application, insert; then application and posting
    "ApplyToPosting": 7,
    # token, page (with each posting, its occupation, employer and market), count
    "MyApplications": 3,
    # token, page (with each posting's occupation, employer, market and application counts:
    # resolvers/job_posting/loaders.employer_posting_page_select), count
    "EmployerPostings": 3,
    # token; the posting; the candidate workers with their occupations and the employer's access to
    # each
    "Candidates": 3,
    # token; application, worker lock, overlap, headcount update, FILLED, transition; then
    # application, worker, viewer access, phone and posting for the payload
    "ConfirmApplication": 11,
    # token, application, transition, then application and worker (+ access)
    "CheckIn": 7,
    # one event: the market filter's check, then the posting, its occupation, employer, market
    "PostingBoard": 5,
    # token; in one transaction: key lookup, contract (2), lock check, previous version,
    # insert, read back, audit (last hash, insert; on PostgreSQL also 2 chain locks); then the
    # market of the answer
    "SubmitWorkloadReport": 13 if is_postgres() else 11,
    # token, page (with each report's market and tolerance: resolvers/assessment/pages.py, and
    # the count), the observed figures of every report on the page (one UNION ALL statement)
    "WorkloadReports": 3,
    # token, page (with each assessment's market, report and payout), count
    "MyAssessments": 3,
    # page (with each market's hours and certificate: resolvers/prefetch.py), count
    "DemonstrationMarkets": 2,
    # regions, built markets, valid certificates
    "TargetProgress": 3,
    # the region (and occupation), what the rollup covers, four grouped statements for the
    # series of this range and the previous one, then the distinct active job seekers of each
    # range
    "RegionStatistics": 8,
    "OccupationTrend": 9,
    # standard in force, then the standard's row, items, criteria
    "CertificationStandard": 4,
    # token, page (with each application's market, standard with items and criteria, scores,
    # evidence and certificate number: resolvers/certification/pages.py), count
    "MyCertificationApplications": 3,
    # token; market, standard (4), cases, assessments; duplicate check, 3 inserts, audit
    # chain (read + append; PostgreSQL adds its advisory lock); then the new row, its market,
    # scores and evidence
    "SubmitCertificationApplication": 19,
    # skills training (issue 9)
    # page (with each course's occupation and market: resolvers/prefetch.py), count
    "TrainingSearch": 2,
    # token, course, occupation, market (and venue), sessions, the worker's enrolment
    "TrainingDetail": 6,
    # the market, its courses, their occupations
    "MarketTrainings": 3,
    # token; course lock, existing enrolment, worker lock, sessions, other courses' sessions,
    # shifts, place, insert; then the enrolment and its course
    "EnrolInTraining": 11,
    # token; enrolment, course lock, status again, withdraw, first in line, promotion; then
    # the enrolment and its course
    "WithdrawFromTraining": 9,
    # token, page (with each enrolment's course card, attendance and the course's waitlist), count
    "MyTrainingEnrolments": 3,
    # token; the worker with their occupations and shifts; the candidate courses with their
    # occupations, markets and the postings' demand
    "RecommendedTrainings": 3,
    # token, page (with each course's occupation, market, sessions, enrolments with their workers
    # and the manager's access, attendance: resolvers/training/pages.py), count
    "ManagedTrainings": 3,
    # token; market, occupation, venue; insert course, sessions (in a transaction); then the
    # course, its occupation, market and sessions
    "CreateTraining": 10,
    # token; chain lock (PostgreSQL), course, update, audit (last hash, insert; PostgreSQL
    # takes the chain lock again); then the course
    "PublishTraining": 8 if is_postgres() else 6,
    # token; enrolment, session, update or insert; then enrolment and attendance
    "RecordTrainingAttendance": 7,
    # token; chain lock (PostgreSQL), enrolment, sessions, attendance, certificate check,
    # update, audit (2, +1 lock on PostgreSQL); then the enrolment, worker and access
    "CompleteTrainingEnrolment": 14 if is_postgres() else 12,
    # token, the application with its posting; in one transaction: open-case check, insert,
    # step, audit chain (read + append; PostgreSQL adds two advisory locks); then the case,
    # its employer and market
    "FileRightsCase": 12 if is_postgres() else 10,
    # token, page (with each case's employer and market: resolvers/prefetch.py), count
    "MyRightsCases": 3,
    # token, case, employer, market, posting, application, worker, steps
    "RightsCaseDetail": 8,
    # token; in one transaction: the shift, an earlier record, insert, audit chain (PostgreSQL
    # adds two advisory locks); then the record and its application
    "SettleShift": 10 if is_postgres() else 8,
    # token; the shift, its record, the conditional update, audit chain; then the record
    "SettlementConfirm": 9 if is_postgres() else 7,
    # token; in one transaction: the posting, an open report of the worker, insert, audit
    # chain (PostgreSQL adds two advisory locks); then the report and its posting
    "ReportPosting": 10 if is_postgres() else 8,
    # rights and training operations completed (issue 14)
    # token; in one transaction: the case with its market's operator, the conditional update,
    # the step, audit chain (read + append; PostgreSQL adds two advisory locks); then the case,
    # its employer, market and steps
    "AcceptRightsCase": 12 if is_postgres() else 10,
    "StartMediation": 12 if is_postgres() else 10,
    "ResolveRightsCase": 12 if is_postgres() else 10,
    "RouteRightsCase": 12 if is_postgres() else 10,
    # token, page (with each case's employer, market, worker and the operator's access to the
    # worker: resolvers/rights_case/pages.py), count
    "RightsCaseQueue": 3,
    # token, page (with each place's market and incidents: resolvers/rights_case/pages.py), count
    "GatheringPlaces": 3,
    # token; in one transaction: the case, the conditional update, the step, audit chain
    # (PostgreSQL adds two advisory locks); then the case, its employer and market
    "CloseRightsCase": 11 if is_postgres() else 9,
    # token; in one transaction: the shift, its record, the conditional update, audit chain
    # (PostgreSQL adds two advisory locks); then the record and its application
    "DisputeSettlement": 10 if is_postgres() else 8,
    # token, the shift, its payment record; in one transaction: the application with its
    # posting, open-case check, insert, step, audit chain (PostgreSQL adds two advisory
    # locks); then the case, its employer, market, posting and application
    "FileCaseFromShift": 16 if is_postgres() else 14,
    # token; in one transaction: the course, its update, the enrolments withdrawn, audit chain
    # (PostgreSQL adds two advisory locks); then the course
    "CloseTraining": 9 if is_postgres() else 7,
    # the remaining client operations (issue 14)
    "SignOut": 2,  # token, the conditional revoke
    "Refetch": 1,  # the posting (anonymous: no token)
    # token, employer, arrears flag, completed shifts, their settlements
    "MyEmployerProfile": 5,
    # token; region, occupation, market, insert; then the posting, occupation, market
    "CreatePosting": 8,
    # token; posting, verification, arrears flag, update (PostgreSQL: the board's NOTIFY);
    # then the posting
    "PublishPosting": 7 if is_postgres() else 6,
    # token; posting, update, pending applications cancelled; then posting, market, counts
    "ClosePosting": 7,
    # token; application, update; then application, worker, settlement, viewer access
    "CompleteApplication": 7,
    # token; application, update; then application, posting
    "CancelApplication": 5,
    # token; application, update; then application, worker, viewer access
    "MarkNoShow": 6,
    # token, page (with each contract's market), count
    "MyOperatingContracts": 3,
    # the region's divisions, what the rollup covers (2 once it is built), demand and active job
    # seekers with their occupations
    "OccupationGaps": 3,
    # the region's divisions; the markets with their activity and last month's reports
    "QuietMarkets": 2,
    # token, worker, the encrypted columns it may read, occupations
    "MyWorkerProfile": 4,
    # token, update; then worker, encrypted columns, occupations
    "UpdateWorkerProfile": 5,
    # token; market, occupations, duplicate check, insert, occupations (clear, insert); then
    # worker, viewer access (2), occupations, market
    "RegisterWalkIn": 12,
    # token; the page of a market the operator runs (the check folded in) with each worker's
    # occupations; count
    "MarketWorkers": 3,
    # token, viewer access, worker, occupations
    "ApplicantProfile": 4,
    # token, application, posting, settlement, employer, confirmation check, phone
    "ApplicationDetail": 7,
    # token; the posting with its market (may the viewer manage it) and count; the page with each
    # applicant's worker, occupations, the viewer's access and the phones the viewer may see
    "Applicants": 3,
    "EnumLabels": 0,  # from the schema and the code, no database
    # token; in one transaction: the posting (locked), its region, confirmed shifts, update,
    # the shifts' window, the confirmed workers told; then the posting
    "UpdatePosting": 8,
    # token; in one transaction: the employer (locked), county, update, audit chain (read +
    # append; PostgreSQL adds its advisory lock); then the employer
    "UpdateEmployerProfile": 8 if is_postgres() else 7,
    "DirectoryHistory": 2,  # page, count
    # subsidies (issue 10)
    "SubsidyProgrammes": 2,  # page (with its region), count
    # token, programme, worker, completed enrolments, earlier claims, the course's sessions
    # (hours), the duplicate check; then programme, enrolment and course of the answer
    "SubsidyEligibility": 10,
    # token; in one transaction: programme, worker, the enrolment, the duplicate check, insert,
    # audit chain (read + append; PostgreSQL adds two advisory locks); then the application,
    # its programme and enrolment
    "ApplyForSubsidy": 13 if is_postgres() else 11,
    # token, page (with each application's programme, enrolment, course and market), count
    "MySubsidyApplications": 3,
    # token; the candidates with the worker's profile; the open programmes with what their checks
    # share (services/subsidy/qualifying.py)
    "RecommendedPolicies": 3,
    "Policies": 2,  # page, count
    "PolicyDetail": 3,  # item, its regions, its occupations
    # assistance cases (issue 10)
    # token, case, then one batch each: case worker, steps, offers, follow-ups, postings,
    # trainings (none), applications
    "MyAssistancePlan": 8,
    # token, offer; in one transaction: audit lock, the case still open, the posting (expiry
    # sweep is off in tests), the worker's tier (worker, completed shifts, override), overlap,
    # existing application, insert, answer, audit chain (read + append); then the offer and
    # its application
    "AnswerAssistanceOffer": 17 if is_postgres() else 15,
    # token with the staff scope (services/auth/rules._LOOKUP), page (with each case's worker,
    # case worker, steps and offers: resolvers/assistance/pages.py), count
    "AssistanceCases": 3,
}


@dataclass(frozen=True)
class Document:
    name: str
    path: Path
    text: str  # the operation followed by every fragment it uses


def _fragments() -> dict[str, tuple[FragmentDefinitionNode, str]]:
    found = {}
    for path in sorted(FRAGMENTS.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        definitions = parse(text).definitions
        assert len(definitions) == 1, f"{path}: one fragment per file"
        fragment = definitions[0]
        assert isinstance(fragment, FragmentDefinitionNode), f"{path}: not a fragment"
        assert fragment.name.value == path.stem, f"{path}: fragment name must equal file stem"
        found[fragment.name.value] = (fragment, text)
    return found


def _spreads(node) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_):
            names.add(spread.name.value)

    visit(node, Collect())
    return names


def _documents() -> list[Document]:
    fragments = _fragments()
    documents = []
    for path in sorted(ROOT.rglob("*.graphql")):
        if FRAGMENTS in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        needed, todo = set(), _spreads(parse(text))
        while todo:  # fragments may use fragments
            name = todo.pop()
            if name not in needed and name in fragments:
                needed.add(name)
                todo |= _spreads(fragments[name][0])
        full = "\n".join([text, *(fragments[n][1] for n in sorted(needed))])
        documents.append(Document(path.stem, path, full))
    return documents


DOCUMENTS = _documents()


def is_subscription(d: Document) -> bool:
    (operation,) = [o for o in parse(d.text).definitions if isinstance(o, OperationDefinitionNode)]
    return operation.operation == OperationType.SUBSCRIPTION


def _resolve(value, refs: dict):
    if isinstance(value, dict):
        return {k: _resolve(v, refs) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, refs) for v in value]
    if isinstance(value, str) and value.startswith("<"):
        return refs[value]  # a placeholder the scene does not provide is a broken table
    return value


def variables_for(name: str, seeded: dict) -> dict:
    return _resolve(VARIABLES[name], seeded["refs"])


async def seed() -> dict:
    """The demo with 40 markets (one per county, some certified), stations of the first market,
    and the demo operator's certification applications for 2025 at three stages."""
    world = await demo_world(markets=40)
    first = await t.Market.select(t.Market.id).order_by(t.Market.id).first()
    parent = first["id"]
    for n, kind in enumerate(["RURAL_STATION", "GIG_SUPERMARKET", "RURAL_STATION"]):
        await make_market(
            name=f"上城区望江{n}号{'零工驿站' if kind == 'RURAL_STATION' else '零工超市'}",
            station_type=kind,
            parent_market_id=parent,
            occupations=("装卸搬运工",),
            latitude=30.24 + n / 100,
        )
    await make_market(
        name="上城区旧址零工驿站",
        station_type="RURAL_STATION",
        parent_market_id=parent,
        status="CLOSED",
    )
    # The demo operator's markets other than the one under contract (its demo assessment is
    # flagged, which rules certification out), those never certified first: three applications
    # at three stages, and a market for the submission.
    certified = {
        r["market"] for r in await DemonstrationCertificate.select(DemonstrationCertificate.market)
    }
    mine = await t.Market.select(t.Market.id).where(
        (t.Market.operator == world.operator_id)
        & (t.Market.station_type == "MARKET")
        & (t.Market.id != world.contract_market)
    )
    free_ids = sorted((r["id"] for r in mine), key=lambda i: (i in certified, i))
    for market_id, stage in zip(free_ids, ("SUBMITTED", "PUBLICISED", "CERTIFIED"), strict=False):
        await make_application(market_id, year=2025, stage=stage)
    training_refs = await _seed_training(world)
    case_work_refs = await _seed_case_work(world)
    hiring_refs = await _seed_hiring_work(world)
    subsidy_refs = await _seed_subsidy(world)
    policy_refs = await _seed_policies(world)
    assistance_refs = await _seed_assistance(world)
    draft = world.postings[DRAFT]  # PostingBoard publishes it
    draft_market = await jp.JobPosting.select(jp.JobPosting.market).where(jp.JobPosting.id == draft)
    # 杨军's shift today is done: the employer records the payment, 杨军 confirms it.
    shift = world.applications[("杨军", TODAY)]
    await progress.complete(applications.Actor("EMPLOYER", world.employer_id), shift)
    world.token["shift worker"] = (await sign_in(WORKERS[5].phone)).token
    demo_case = await RightsCase.select(RightsCase.id).where(
        (RightsCase.worker == world.worker_id) & (RightsCase.kind == "CONTRACT_DISPUTE")
    )
    refs = {
        SEEDED_MARKET: encode_id("Market", parent),
        "<the demo worker's rights case>": encode_id("RightsCase", demo_case[0]["id"]),
        "<just now>": now().isoformat(),
        "<occupation 装卸搬运工>": encode_id("Occupation", await occupation_id("装卸搬运工")),
        "<contract market>": encode_id("Market", world.contract_market),
        "<two months ago>": period_before(2),
        "<month start>": local(now()).date().replace(day=1).isoformat(),
        "<today>": local(now()).date().isoformat(),
        "<twelve weeks ago>": (local(now()).date() - timedelta(weeks=12)).isoformat(),
        "<market of the draft>": encode_id("Market", draft_market[0]["market"]),
        "<certification application input>": submit_input(
            encode_id("Market", free_ids[3]), await default_standard()
        ),
        **{f"<posting {title}>": encode_id("JobPosting", i) for title, i in world.postings.items()},
        **{
            f"<application {name} {title}>": encode_id("JobApplication", i)
            for (name, title), i in world.applications.items()
        },
        **training_refs,
        **case_work_refs,
        **hiring_refs,
        **subsidy_refs,
        **policy_refs,
        **assistance_refs,
    }
    return {"parent": parent, "refs": refs, "token": world.token, "world": world, "draft": draft}


async def _seed_training(world) -> dict:
    """Besides the demo's courses: a finished course at the demo operator's market with two
    trainees (one present at every session, one not yet marked), a draft, and a course for
    张伟's occupation (快件处理员) for recommendations."""
    market, actor = world.contract_market, training_rules.Actor("OPERATOR", world.operator_id)
    mine = {"staff": False, "operator_id": world.operator_id}
    past = await make_course(market, title="冷链仓储安全培训", occupation="理货员", **mine)
    trainees = [(await make_worker(name=n))[0] for n in ("钱七", "孙九")]
    to_complete, to_mark = [await training_enrol(w, past) for w in trainees]
    await shift_into_past(past)
    past_sessions = await session_ids(past)
    for session_id in past_sessions:
        await training_attendance.record_attendance(actor, to_complete, session_id, True)
    draft = await make_course(
        market, title="保洁员技能提升", occupation="保洁员", publish=False, **mine
    )
    await make_course(
        market,
        title="快件处理员岗前培训",
        occupation="快件处理员",
        times=training_sessions(starts_in=timedelta(days=15)),
        **mine,
    )
    courses = {
        r["title"]: r["id"]
        for r in await tr.TrainingCourse.select(tr.TrainingCourse.id, tr.TrainingCourse.title)
    }
    forklift = await tr.TrainingEnrolment.select(tr.TrainingEnrolment.id).where(
        (tr.TrainingEnrolment.worker == world.worker_id)
        & (tr.TrainingEnrolment.course == courses[FORKLIFT])
    )
    month = training_sessions(2, starts_in=timedelta(days=30))
    return {
        **{f"<course {title}>": encode_id("Training", i) for title, i in courses.items()},
        f"<enrolment 张伟 {FORKLIFT}>": encode_id("TrainingEnrolment", forklift[0]["id"]),
        "<draft course>": encode_id("Training", draft),
        "<enrolment to complete>": encode_id("TrainingEnrolment", to_complete),
        "<enrolment to mark>": encode_id("TrainingEnrolment", to_mark),
        "<first session of the past course>": encode_id("TrainingSession", past_sessions[0]),
        "<sessions in a month>": [
            {"startsAt": a.isoformat(), "endsAt": b.isoformat()} for a, b in month
        ],
    }


async def _seed_case_work(world) -> dict:
    """One record per operation of issue 14, all at the demo operator's contract market:
    mediation cases the operator filed on site for 吴磊 against a new employer (one to accept,
    one accepted to mediate, one in mediation to resolve, one to pass on), a case 吴磊 filed
    and withdraws, the employer's completed shifts of two more workers (one paid short, one
    unpaid 25 hours after completion), and an operator's course to call off with 吴磊 in it."""
    market, operator = world.contract_market, Actor("OPERATOR", world.operator_id)
    employer_id, _ = await make_employer(name="杭州望江速运有限公司")
    worker_id, world.token["case worker"] = await make_worker(name="吴磊")

    async def on_site(summary: str) -> int:
        draft = case_rules.CaseDraft(
            kind="CONTRACT_DISPUTE",
            summary=summary,
            worker_id=worker_id,
            worker_given=True,
            market_id=market,
            market_given=True,
            employer_id=employer_id,
            employer_given=True,
        )
        return await case_rules.file_case(operator, draft)

    to_accept = await on_site("约定包午饭，实际每天扣 15 元餐费")
    to_mediate = await on_site("临时加了两小时班，加班费不认")
    await advance(to_mediate, "ACCEPTED", operator)
    to_resolve = await on_site("说好按天结算，只按小时算了 6 小时")
    await advance(to_resolve, "MEDIATING", operator)
    to_route = await on_site("干完三天活，工钱一分没给")
    to_withdraw = await worker_files_case(
        worker_id,
        kind="OTHER",
        employer_id=employer_id,
        market_id=market,
        summary="押了身份证没还",
        amount=None,
    )
    shifts = {}
    for who, name, title in (
        ("short-paid worker", "郑浩", "夜班卸货"),
        ("unpaid worker", "冯涛", "冷库搬运"),
    ):
        shift_worker, world.token[who] = await make_worker(name=name)
        posting = await make_posting(employer_id, title=title, market_id=market)
        shifts[who] = await make_shift(shift_worker, posting, employer_id, status="COMPLETED")
    await settlement.record_payment(
        employer_id, shifts["short-paid worker"], Decimal("150.00"), "CASH", now()
    )
    await jp.JobApplication.update(
        {jp.JobApplication.completed_at: now() - timedelta(hours=25)}
    ).where(jp.JobApplication.id == shifts["unpaid worker"])
    course = await make_course(
        market,
        title="搬运安全培训（报名不足）",
        staff=False,
        operator_id=world.operator_id,
        times=training_sessions(starts_in=timedelta(days=20)),
    )
    await training_enrol(worker_id, course)
    return {
        "<case to accept>": encode_id("RightsCase", to_accept),
        "<case to start mediating>": encode_id("RightsCase", to_mediate),
        "<case to resolve>": encode_id("RightsCase", to_resolve),
        "<case to route>": encode_id("RightsCase", to_route),
        "<case to withdraw>": encode_id("RightsCase", to_withdraw),
        "<shift paid short>": encode_id("JobApplication", shifts["short-paid worker"]),
        "<shift unpaid after 24 hours>": encode_id("JobApplication", shifts["unpaid worker"]),
        "<course to close>": encode_id("Training", course),
    }


async def _seed_policies(world) -> dict:
    """Besides the demo's clauses of 浙人社发〔2023〕5号: an item for 上城区's 快件处理员 that
    ends in 20 days (张伟's county and occupation), a draft and an expired item (both hidden)."""
    county = await make_policy(
        "快件处理员职业伤害保障（上城区）",
        summary="上城区快件处理员可按规定以个人身份单险种参加工伤保险。",
        body="推进灵活就业人员以个人身份单险种参加工伤保险，加强劳动者职业伤害保障。",
        clause="（十六）",
        starts=-10,
        ends=20,
        regions=("330102",),
        occupations=("快件处理员",),
    )
    await make_policy("上城区零工驿站服务（草稿）", clause="（十三）", status="DRAFT")
    await make_policy("已到期的职业伤害保障", clause="（十六）", starts=-90, ends=-1)
    return {"<policy 快件处理员职业伤害保障（上城区）>": encode_id("Policy", county)}


async def _seed_hiring_work(world) -> dict:
    """A second verified employer at the demo operator's contract market, for the posting and
    shift operations: a draft to publish, an open posting to close (周平 has applied), a
    checked-in shift to
    complete, an application to turn down, a confirmed shift begun an hour ago whose worker
    did not come; a second sign-in of 王芳 to sign out with; and tomorrow's hours."""
    market = world.contract_market
    employer_id, world.token["hiring employer"] = await make_employer(name="杭州钱江仓储有限公司")
    draft = await make_posting(employer_id, publish=False, title="仓库夜班理货", market_id=market)
    to_close = await make_posting(employer_id, title="临时搬运（招满即止）", market_id=market)
    busy = await make_posting(employer_id, title="冷库整理", headcount=2, market_id=market)
    begun = await insert_posting(
        employer_id, now() - timedelta(hours=1), now() + timedelta(hours=7), market=market
    )
    names = ("陈明", "林芳", "黄磊", "周平")
    to_complete, to_cancel, absent, pending = [(await make_worker(name=n))[0] for n in names]
    raised, world.token["raised worker"] = await make_worker(name="韩强")
    to_raise = await make_posting(
        employer_id, title="商场卸货", headcount=2, starts_in=timedelta(days=2), market_id=market
    )
    raised_shift = await make_shift(raised, to_raise, employer_id, status="CONFIRMED")
    await make_shift(pending, to_close, employer_id)  # cancelled when the posting closes
    world.token["leaving worker"] = (await sign_in(WORKERS[1].phone)).token
    tomorrow = local(now()).date() + timedelta(days=1)
    return {
        "<posting to publish>": encode_id("JobPosting", draft),
        "<posting to close>": encode_id("JobPosting", to_close),
        "<shift to complete>": encode_id(
            "JobApplication",
            await make_shift(to_complete, busy, employer_id, status="CHECKED_IN"),
        ),
        "<application to cancel>": encode_id(
            "JobApplication", await make_shift(to_cancel, busy, employer_id)
        ),
        "<shift not turned up>": encode_id(
            "JobApplication", await insert_application(absent, begun, "CONFIRMED")
        ),
        "<worker 张伟>": encode_id("Worker", world.worker_id),
        "<posting to raise>": encode_id("JobPosting", to_raise),
        "<shift raised>": encode_id("JobApplication", raised_shift),
        "<tomorrow 08:00>": datetime.combine(tomorrow, time(8), tzinfo=SHANGHAI).isoformat(),
        "<tomorrow 17:00>": datetime.combine(tomorrow, time(17), tzinfo=SHANGHAI).isoformat(),
    }


async def _seed_subsidy(world) -> dict:
    """A low-income worker, 卫东, who completed a subsidised urgent-skill course (7.5 hours) ten
    days ago at a market of another operator (the demo operator's course lists stay as they
    are): eligible for the demo's training subsidy and living allowance. An earlier application
    of theirs for the public-welfare job subsidy waits for review."""
    worker_id, world.token["trainee"] = await make_worker(name="卫东", assistance=("LOW_INCOME",))
    other = (
        await t.Market.select(t.Market.id)
        .where((t.Market.operator != world.operator_id) & (t.Market.station_type == "MARKET"))
        .order_by(t.Market.id)
        .first()
    )
    enrolment = await make_completed_training(other["id"], worker_id, title="叉车操作实训（往期）")
    programmes = {
        r["name"]: r["id"]
        for r in await SubsidyProgramme.select(SubsidyProgramme.id, SubsidyProgramme.name)
    }
    await subsidy_apply(worker_id, programmes["公益性岗位补贴"])
    return {
        **{
            f"<programme {name}>": encode_id("SubsidyProgramme", i)
            for name, i in programmes.items()
        },
        "<the trainee's completed enrolment>": encode_id("TrainingEnrolment", enrolment),
    }


async def _seed_assistance(world) -> dict:
    """The demo's assistance case (杨军, offered the public-welfare job) and a staff token."""
    world.token["staff"] = await staff_token()
    offer = await AssistanceOffer.select(AssistanceOffer.id).first()
    return {"<the demo offer>": encode_id("AssistanceOffer", offer["id"])}


async def run(client, document: Document, variables: dict, token: str | None = None):
    """POST one document; returns (decoded body, SQL statements it took)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": document.text, "operationName": document.name, "variables": variables}
    with count_sql() as statements:
        response = await client.post("/graphql", json=payload, headers=headers)
    assert response.status_code == 200, response.text
    return response.json(), statements[0]


async def run_subscription(document: Document, variables: dict, seeded: dict):
    """Subscribe in process, publish the demo's draft, and return (the first event as a body,
    SQL statements the subscription took for it; publishing is not counted)."""
    context = Context(viewer=None, request_id="frontend-contract")
    listening = board.broker.ready_count

    async def subscribed() -> bool:
        return board.broker.ready_count > listening

    with count_sql() as statements:
        stream = await schema.subscribe(
            document.text,
            variable_values=variables,
            context_value=context,
            operation_name=document.name,
        )
        assert hasattr(stream, "__anext__"), stream  # else the subscription was refused
        # The task copies the current context, so the counter follows the subscription.
        event = asyncio.ensure_future(anext(stream))
    try:
        await until(subscribed, EVENT_TIMEOUT)
        await postings.publish(seeded["world"].employer_id, seeded["draft"])
        result = await asyncio.wait_for(event, EVENT_TIMEOUT)
    finally:
        event.cancel()
        await stream.aclose()
    body = {"data": result.data}
    if result.errors:
        body["errors"] = [e.formatted for e in result.errors]
    return body, statements[0]


async def execute(client, d: Document, seeded: dict):
    """Run one document with its variables and token: (body, SQL statements)."""
    variables = variables_for(d.name, seeded)
    if is_subscription(d):
        return await run_subscription(d, variables, seeded)
    role = TOKENS[d.name]
    return await run(client, d, variables, seeded["token"][role] if role else None)


def document(name: str) -> Document:
    return next(d for d in DOCUMENTS if d.name == name)


def test_every_document_is_one_operation_named_after_its_file():
    # given
    names = [d.name for d in DOCUMENTS]

    # then
    assert sorted(names) == sorted(VARIABLES) == sorted(SQL_BUDGET) == sorted(TOKENS)
    assert len(set(names)) == len(names), "operation names must be unique"
    for d in DOCUMENTS:
        operations = [
            o for o in parse(d.text).definitions if isinstance(o, OperationDefinitionNode)
        ]
        assert len(operations) == 1, f"{d.path}: exactly one operation per file"
        assert operations[0].name and operations[0].name.value == d.path.stem, d.path
        assert d.path.parent.parent == ROOT, f"{d.path}: documents live in a domain folder"


def test_budgets_here_are_no_looser_than_the_domain_tests():
    from tests.assessment.test_frontend_documents import SQL_BUDGET as operator_portal
    from tests.certification.test_frontend_documents import SQL_BUDGET as certification
    from tests.job_posting.test_frontend_documents import SQL_BUDGET as hiring

    domain = {**hiring, **operator_portal, **certification}

    assert {n: (SQL_BUDGET[n], b) for n, b in domain.items() if SQL_BUDGET[n] > b} == {}


def test_every_fragment_is_used_by_a_document():
    used = set().union(*(_spreads(parse(d.text)) for d in DOCUMENTS))

    assert set(_fragments()) <= used
    assert "...MarketCard" in document("MarketDirectory").text
    assert "...MarketCard" in document("NearbyMarkets").text
    assert "...JobPostingCard" in document("PostingSearch").text


def test_every_document_validates_against_the_schema():
    problems = {
        d.name: [e.message for e in validate(schema._schema, parse(d.text))] for d in DOCUMENTS
    }

    assert problems == {d.name: [] for d in DOCUMENTS}


def test_no_document_uses_a_deprecated_field_argument_or_value():
    # Deprecated fields stay for apps already in use; the committed documents, which new apps
    # copy, use their replacements.
    problems = {
        d.name: [
            e.message for e in validate(schema._schema, parse(d.text), [NoDeprecatedCustomRule])
        ]
        for d in DOCUMENTS
    }

    assert {n: p for n, p in problems.items() if p} == {}


async def test_every_document_runs_without_errors_within_its_sql_budget(client):
    # given
    seeded = await seed()
    counts = {}

    for d in DOCUMENTS:
        # when
        body, counts[d.name] = await execute(client, d, seeded)

        # then
        assert "errors" not in body, (d.name, body)
        assert body["data"] and all(v is not None for v in body["data"].values()), (d.name, body)
        for payload in body["data"].values():
            # A refused mutation takes a shorter path: its statement count would prove nothing.
            assert not isinstance(payload, dict) or payload.get("userErrors", []) == [], payload

    print("SQL statements per operation:", counts)
    assert {n: (c, SQL_BUDGET[n]) for n, c in counts.items() if c > SQL_BUDGET[n]} == {}


async def test_documents_return_the_seeded_data(client):
    seeded = await seed()

    results = {d.name: (await execute(client, d, seeded))[0]["data"] for d in DOCUMENTS}

    directory = results["MarketDirectory"]["markets"]
    assert directory["totalCount"] == 43  # 40 markets and 3 open stations; the closed one hidden
    assert len(directory["nodes"]) == 20
    assert directory["pageInfo"]["hasNextPage"] is True
    nearby = results["NearbyMarkets"]["markets"]["edges"]
    assert nearby and [e["node"]["distanceKm"] for e in nearby] == sorted(
        e["node"]["distanceKm"] for e in nearby
    )
    detail = results["MarketDetail"]["market"]
    assert detail["id"] == encode_id("Market", seeded["parent"])
    assert [s["stationType"] for s in detail["stations"]] == [
        "RURAL_STATION",
        "GIG_SUPERMARKET",
        "RURAL_STATION",
    ]
    assert len(results["Regions"]["regions"]) == 13
    assert results["Viewer"]["viewer"]["role"] == "OPERATOR"
    features = results["MarketMap"]["marketMap"]["features"]
    assert {f["attributes"]["regionCode"][:4] for f in features} == {"3301"}
    # accounts
    assert results["Register"]["accountRegister"]["worker"]["phoneMasked"] == "139****0001"
    assert results["SignIn"]["tokenCreate"]["role"] == "WORKER"
    # instant hiring: the demo worker, employer and operator at work
    board_card = results["PostingBoard"]["jobPostingPublished"]
    assert (board_card["title"], board_card["status"]) == (DRAFT, "OPEN")
    search = results["PostingSearch"]["jobPostings"]["nodes"]
    assert search and {n["status"] for n in search} == {"OPEN"}
    assert {n["employer"]["verificationStatus"] for n in search} == {"VERIFIED"}
    assert results["PostingDetail"]["jobPosting"]["myApplication"]["status"] == "CONFIRMED"
    assert results["RecommendedPostings"]["recommendedJobPostings"]["totalCount"] > 0
    applied = results["ApplyToPosting"]["jobApplicationCreate"]["jobApplication"]
    assert (applied["status"], applied["jobPosting"]["title"]) == (
        "APPLIED",
        "冷链理货员（上午班）",
    )
    mine = results["MyApplications"]["myJobApplications"]["nodes"]
    # (documents run in path order: ConfirmApplication has confirmed the 物流园 application)
    assert sorted(n["status"] for n in mine) == ["APPLIED", "CONFIRMED", "CONFIRMED"]
    assert results["EmployerPostings"]["myJobPostings"]["totalCount"] == 5
    assert results["Candidates"]["candidateWorkers"]["totalCount"] > 0
    confirmed = results["ConfirmApplication"]["jobApplicationConfirm"]["jobApplication"]
    assert (confirmed["status"], confirmed["worker"]["phone"]) == ("CONFIRMED", WORKERS[0].phone)
    checked_in = results["CheckIn"]["jobApplicationCheckIn"]["jobApplication"]
    assert (checked_in["status"], checked_in["checkedInBy"]) == ("CHECKED_IN", "OPERATOR")
    # the operator portal: last month's demo report and assessment, and the new submission
    submitted = results["SubmitWorkloadReport"]["workloadReportSubmit"]["workloadReport"]
    assert (submitted["period"], submitted["version"]) == (period_before(2), 1)
    reports = results["WorkloadReports"]["workloadReports"]["nodes"]
    assert [n["period"] for n in reports] == [period_before(1), period_before(2)]
    assessments = results["MyAssessments"]["myAssessments"]["nodes"]
    assert [(n["period"], n["status"]) for n in assessments] == [(period_before(1), "DRAFT")]
    # certification
    applications = results["MyCertificationApplications"]["myCertificationApplications"]["nodes"]
    assert sorted(n["status"] for n in applications) == ["CERTIFIED", "PUBLICISED", "SUBMITTED"]
    submission = results["SubmitCertificationApplication"]["certificationApplicationSubmit"]
    assert submission["application"]["status"] == "SUBMITTED"
    assert results["CertificationStandard"]["certificationStandard"]["items"][0]["title"] == "总则"
    assert results["DemonstrationMarkets"]["demonstrationMarkets"]["totalCount"] == 6
    # monitoring: this month in 杭州市, counted here straight from the postings table
    region = results["RegionStatistics"]["marketStatistics"]
    today = local(now()).date()
    month_start = datetime.combine(today.replace(day=1), time(0), tzinfo=SHANGHAI)
    p = jp.JobPosting
    published = await p.count().where(
        (p.published_at >= month_start)
        & (p.status != "REMOVED")
        & ((p.region._.code == "330100") | (p.region._.parent._.code == "330100"))
    )
    assert published > 0
    assert [s["period"] for s in region["series"]] == [today.strftime("%Y-%m")]
    assert region["total"]["postingsPublished"] == published
    assert region["series"][0]["figures"]["postingsPublished"] == published
    assert region["suppressed"] is True
    assert len(region["definitions"]) == 12
    trend = results["OccupationTrend"]["marketStatistics"]["series"]
    assert len(trend) in (13, 14)  # twelve weeks back to today, whole ISO weeks
    assert trend[-1]["endsOn"] >= today.isoformat()
    # skills training: the demo's courses and the seeded operator's course work
    search = results["TrainingSearch"]["trainings"]["nodes"]
    assert search and {n["subsidised"] for n in search} == {True}
    assert FORKLIFT in [n["title"] for n in search]
    detail = results["TrainingDetail"]["training"]
    assert (detail["title"], detail["seatsLeft"], detail["myEnrolment"]["status"]) == (
        FORKLIFT,
        0,
        "ENROLLED",
    )
    assert len(detail["sessions"]) == 2
    assert FORKLIFT in [c["title"] for c in results["MarketTrainings"]["market"]["trainings"]]
    enrolled = results["EnrolInTraining"]["trainingEnrol"]["enrolment"]
    assert (enrolled["status"], enrolled["training"]["title"]) == (
        "ENROLLED",
        "电商直播带货创业培训",
    )
    mine = results["MyTrainingEnrolments"]["myTrainingEnrolments"]["nodes"]
    assert sorted(n["training"]["title"] for n in mine) == [FORKLIFT, "电商直播带货创业培训"]
    recommended = results["RecommendedTrainings"]["recommendedTrainings"]["nodes"]
    assert "快件处理员岗前培训" in [n["training"]["title"] for n in recommended]
    managed = results["ManagedTrainings"]["managedTrainings"]
    # the demo's 3, the seeded 3, the one called off (issue 14) and the one created here
    assert managed["totalCount"] == 8
    created = results["CreateTraining"]["trainingCreate"]["training"]
    assert (created["status"], len(created["sessions"])) == ("DRAFT", 2)
    assert results["PublishTraining"]["trainingPublish"]["training"]["status"] == "OPEN"
    marked = results["RecordTrainingAttendance"]["trainingAttendanceRecord"]["enrolment"]
    assert [a["present"] for a in marked["attendance"]] == [True]
    completed = results["CompleteTrainingEnrolment"]["trainingEnrolmentComplete"]["enrolment"]
    assert (completed["status"], completed["certificateNo"]) == ("COMPLETED", "ZJPX-2026-000123")
    withdrawn = results["WithdrawFromTraining"]["trainingWithdraw"]["enrolment"]
    # 刘洋 moves up from the waitlist: the course stays full
    assert (withdrawn["status"], withdrawn["training"]["status"]) == ("WITHDRAWN", "FULL")
    # rights cases: the new case, then the demo worker's list and the demo dispute in detail
    filed = results["FileRightsCase"]["rightsCaseFile"]["rightsCase"]
    assert (filed["status"], filed["department"], filed["amountClaimed"]) == (
        "FILED",
        "LABOUR_INSPECTION",
        "225.00",
    )
    mine = results["MyRightsCases"]["myRightsCases"]["nodes"]
    assert [(n["kind"], n["status"]) for n in mine] == [
        ("WAGE_ARREARS", "FILED"),
        ("CONTRACT_DISPUTE", "ACCEPTED"),
    ]
    settled = results["SettleShift"]["wageSettlementRecord"]["wageSettlement"]
    assert (settled["amount"], settled["status"], settled["jobApplication"]["status"]) == (
        "220.00",
        "RECORDED",
        "COMPLETED",
    )
    confirmed = results["SettlementConfirm"]["wageSettlementConfirm"]["wageSettlement"]
    assert (confirmed["amount"], confirmed["status"]) == ("220.00", "CONFIRMED")
    reported = results["ReportPosting"]["jobPostingReport"]["postingReview"]
    assert (reported["status"], reported["jobPosting"]["title"]) == ("OPEN", "短途货车司机")
    case = results["RightsCaseDetail"]["rightsCase"]
    assert [s["action"] for s in case["steps"]] == ["FILE", "ACCEPT"]
    assert (case["worker"]["name"], case["jobPosting"]["title"]) == ("张伟", "快递分拣员（白班）")
    # rights and training operations completed (issue 14): the operator's mediation cases
    # moved one step each, the queue of what is left open, the register, 吴磊's withdrawal,
    # a short payment disputed, an unpaid shift filed, a course called off
    refs = seeded["refs"]

    def moved(name: str, field: str) -> dict:
        payload = results[name][field]
        assert payload["userErrors"] == [], payload
        return payload["rightsCase"]

    accepted = moved("AcceptRightsCase", "rightsCaseAccept")
    assert (accepted["id"], accepted["status"], accepted["department"]) == (
        refs["<case to accept>"],
        "ACCEPTED",
        "MARKET_OPERATOR",
    )
    assert [(s["action"], s["actor"]) for s in accepted["steps"]] == [
        ("FILE", "OPERATOR"),
        ("ACCEPT", "OPERATOR"),
    ]
    assert accepted["steps"][-1]["note"] == "已受理，三日内约双方到市场调解室"
    mediating = moved("StartMediation", "rightsCaseStartMediation")
    assert (mediating["id"], mediating["status"]) == (
        refs["<case to start mediating>"],
        "MEDIATING",
    )
    assert [s["action"] for s in mediating["steps"]] == ["FILE", "ACCEPT", "MEDIATE"]
    resolved = moved("ResolveRightsCase", "rightsCaseResolve")
    assert (resolved["status"], resolved["outcome"], resolved["amountRecovered"]) == (
        "RESOLVED",
        "MEDIATED",
        "80.00",
    )
    assert resolved["finishedAt"] and resolved["stepDueAt"] is None
    assert [s["action"] for s in resolved["steps"]] == ["FILE", "ACCEPT", "MEDIATE", "RESOLVE"]
    routed = moved("RouteRightsCase", "rightsCaseRoute")
    assert (routed["status"], routed["department"], routed["steps"][-1]["action"]) == (
        "FILED",
        "LABOUR_INSPECTION",
        "ROUTE",
    )
    withdrawn_case = moved("CloseRightsCase", "rightsCaseClose")
    assert (withdrawn_case["id"], withdrawn_case["status"], withdrawn_case["outcome"]) == (
        refs["<case to withdraw>"],
        "CLOSED",
        "WITHDRAWN",
    )
    assert withdrawn_case["outcomeNote"] == "已与老板协商解决"
    queue = results["RightsCaseQueue"]["rightsCases"]
    queued = {n["id"]: n for n in queue["nodes"]}
    assert queue["totalCount"] == len(queued)
    assert {n["status"] for n in queued.values()} <= {"FILED", "ACCEPTED", "MEDIATING"}
    due = [n["stepDueAt"] for n in queue["nodes"]]
    assert due == sorted(due)
    # (documents run in path order: accepted, withdrawn and filed from a shift before the queue
    # is read; resolved too, so it is off it; the cases to mediate and route still wait)
    assert queued[refs["<case to accept>"]]["status"] == "ACCEPTED"
    assert queued[refs["<case to start mediating>"]]["status"] == "ACCEPTED"
    assert queued[refs["<case to route>"]]["channel"] == "ON_SITE"
    assert queued[refs["<case to route>"]]["worker"]["name"] == "吴磊"
    assert refs["<case to resolve>"] not in queued and refs["<case to withdraw>"] not in queued
    from_shift = moved("FileCaseFromShift", "rightsCaseFileFromShift")
    assert from_shift["id"] in queued
    assert (from_shift["kind"], from_shift["department"], from_shift["amountClaimed"]) == (
        "WAGE_ARREARS",
        "LABOUR_INSPECTION",
        "200.00",
    )
    assert from_shift["jobApplication"]["id"] == refs["<shift unpaid after 24 hours>"]
    assert (from_shift["jobPosting"]["title"], from_shift["employer"]["name"]) == (
        "冷库搬运",
        "杭州望江速运有限公司",
    )
    assert "未登记工资支付" in from_shift["summary"]
    disputed = results["DisputeSettlement"]["wageSettlementDispute"]["wageSettlement"]
    assert (disputed["amount"], disputed["status"], disputed["disputeReason"]) == (
        "150.00",
        "DISPUTED",
        "约定日薪 200 元，只收到 150 元",
    )
    assert disputed["jobApplication"]["id"] == refs["<shift paid short>"]
    places = results["GatheringPlaces"]["gatheringPlaces"]
    (place,) = [n for n in places["nodes"] if n["name"] == "望江路立交桥下"]
    assert (place["status"], place["region"]["code"], place["typicalSize"]) == (
        "ACTIVE",
        "330102",
        30,
    )
    assert [i["kind"] for i in place["incidents"]] == ["GATHERING"]
    closed = results["CloseTraining"]["trainingClose"]["training"]
    assert (closed["title"], closed["status"], closed["enrolledCount"]) == (
        "搬运安全培训（报名不足）",
        "CLOSED",
        0,
    )
    assert closed["closedAt"]
    listed = results["TrainingSearch"]["trainings"]["nodes"]
    assert "搬运安全培训（报名不足）" not in [n["title"] for n in listed]
    # the remaining client operations (issue 14): signing out, refetching a card, the
    # employer's profile, the posting and shift steps, the operator's contracts and register
    # of workers, the monitoring lists, the worker's own profile and an employer's view of it
    assert results["SignOut"]["tokenRevoke"] == {"revoked": True, "userErrors": []}
    signed_out, _ = await run(client, document("Viewer"), {}, seeded["token"]["leaving worker"])
    assert signed_out["data"] == {"viewer": None}
    assert results["Refetch"]["node"] == {
        "__typename": "JobPosting",
        "id": refs["<posting 快递分拣员（白班）>"],
        "title": "快递分拣员（白班）",
        "postingStatus": "OPEN",
        "remaining": 2,
    }
    employer = results["MyEmployerProfile"]["myEmployerProfile"]
    assert (employer["name"], employer["verificationStatus"], employer["phoneMasked"]) == (
        "杭州钱江通达物流有限公司",
        "VERIFIED",
        "136****0001",
    )
    # (documents run in path order: 杨军's shift is done, its payment not yet recorded)
    assert employer["settlementRecord"] == {
        "completedShifts": 1,
        "settledOnTime": 0,
        "settledLate": 0,
        "unsettled": 0,
        "disputed": 0,
        "onTimeRate": None,
    }
    created = results["CreatePosting"]["jobPostingCreate"]["jobPosting"]
    assert (created["status"], created["headcount"], created["wage"]) == (
        "DRAFT",
        2,
        {"amount": "260.00", "unit": "DAY", "dailyEquivalent": "260.00"},
    )
    assert datetime.fromisoformat(created["startsAt"]) == datetime.fromisoformat(
        refs["<tomorrow 08:00>"]
    )
    assert created["market"]["id"] == refs["<contract market>"]
    published = results["PublishPosting"]["jobPostingPublish"]["jobPosting"]
    assert (published["id"], published["status"]) == (refs["<posting to publish>"], "OPEN")
    assert published["publishedAt"]
    closed_posting = results["ClosePosting"]["jobPostingClose"]["jobPosting"]
    assert (closed_posting["status"], closed_posting["applicationCounts"]) == (
        "CLOSED",
        {"applied": 0, "confirmed": 0, "cancelled": 1},
    )
    done = results["CompleteApplication"]["jobApplicationComplete"]["jobApplication"]
    assert (done["status"], done["worker"]["name"], done["settlement"]) == (
        "COMPLETED",
        "陈明",
        None,
    )
    turned_down = results["CancelApplication"]["jobApplicationCancel"]["jobApplication"]
    assert (turned_down["status"], turned_down["cancelledBy"], turned_down["cancelReason"]) == (
        "CANCELLED",
        "EMPLOYER",
        "今天人已招满，抱歉",
    )
    absent = results["MarkNoShow"]["jobApplicationMarkNoShow"]["jobApplication"]
    assert (absent["id"], absent["status"], absent["worker"]["name"]) == (
        refs["<shift not turned up>"],
        "NO_SHOW",
        "黄磊",
    )
    contracts = results["MyOperatingContracts"]["myOperatingContracts"]
    assert contracts["totalCount"] == 1
    assert contracts["nodes"][0]["market"]["id"] == refs["<contract market>"]
    gaps = results["OccupationGaps"]["occupationSupplyDemand"]
    assert (gaps["from"], gaps["to"]) == (refs["<twelve weeks ago>"], refs["<today>"])
    (loading,) = [b for b in gaps["inDemand"] if b["occupation"]["name"] == "装卸搬运工"]
    assert loading["gap"] == loading["headcountDemanded"] - loading["jobSeekersActive"] > 0
    quiet = results["QuietMarkets"]["quietMarkets"]
    assert quiet and {q["market"]["region"]["code"][:4] for q in quiet} == {"3301"}
    assert all(not q["activeLast7Days"] or q["reportedLastMonth"] is False for q in quiet)
    assert refs["<contract market>"] not in [q["market"]["id"] for q in quiet]
    # (path order again: the employer views 张伟 and the operator reads the register before
    # 张伟 updates the profile and the walk-in is registered)
    applicant = results["ApplicantProfile"]["worker"]
    assert (applicant["name"], applicant["phoneMasked"], applicant["availability"]) == (
        "张伟",
        "137****0001",
        "工作日白天",
    )
    register = results["MarketWorkers"]["marketWorkers"]
    assert [(n["name"], n["hasAccount"]) for n in register["nodes"]] == [("赵大勇", False)]
    own = results["MyWorkerProfile"]["myWorkerProfile"]
    assert (own["name"], own["phone"], own["availability"]) == (
        "张伟",
        WORKERS[0].phone,
        "工作日白天",
    )
    updated = results["UpdateWorkerProfile"]["workerProfileUpdate"]["worker"]
    assert {**own, "availability": "工作日白天，周末可加班"} == updated
    walk_in = results["RegisterWalkIn"]["workerRegisterWalkIn"]["worker"]
    assert (walk_in["name"], walk_in["phoneMasked"], walk_in["hasAccount"]) == (
        "何建国",
        "139****0077",
        False,
    )
    assert walk_in["registeredMarket"]["id"] == refs["<contract market>"]
    listed_now, _ = await run(
        client,
        document("MarketWorkers"),
        variables_for("MarketWorkers", seeded),
        seeded["token"]["operator"],
    )
    names = [n["name"] for n in listed_now["data"]["marketWorkers"]["nodes"]]
    assert names == ["何建国", "赵大勇"]  # newest first
    # the shift detail: 张伟's confirmed shift shows the employer's contact; the applicant list
    # pages oldest first (documents run in path order: both 物流园 applicants still wait)
    shift = results["ApplicationDetail"]["jobApplication"]
    assert (shift["id"], shift["status"]) == (
        refs["<application 张伟 快递分拣员（白班）>"],
        "CONFIRMED",
    )
    assert shift["jobPosting"]["employer"]["contact"] == {
        "name": "周经理",
        "phone": seeded["world"].summary["employer"]["phone"],
    }
    applicants = results["Applicants"]["jobApplications"]
    assert (applicants["totalCount"], applicants["pageInfo"]["hasNextPage"]) == (2, True)
    assert [(n["worker"]["name"], n["status"]) for n in applicants["nodes"]] == [
        ("张伟", "APPLIED")
    ]
    rest, _ = await run(
        client,
        document("Applicants"),
        {
            **variables_for("Applicants", seeded),
            "after": applicants["pageInfo"]["endCursor"],
        },
        seeded["token"]["employer"],
    )
    # (the second page)
    assert [n["worker"]["name"] for n in rest["data"]["jobApplications"]["nodes"]] == ["杨军"]
    # the employer raises the wage of a posting 韩强 is confirmed for: 韩强 is told
    raised = results["UpdatePosting"]["jobPostingUpdate"]
    assert raised["userErrors"] == []
    assert (raised["jobPosting"]["wage"]["amount"], raised["jobPosting"]["remaining"]) == (
        "240.00",
        2,
    )
    told, _ = await run(
        client,
        document("ApplicationDetail"),
        {"id": refs["<shift raised>"]},
        seeded["token"]["raised worker"],
    )
    change = told["data"]["jobApplication"]["postingChange"]
    assert change["summary"] == "工资由 200.00 元/天 调整为 240.00 元/天"
    settings = results["UpdateEmployerProfile"]["employerProfileUpdate"]
    assert (settings["employer"]["contactName"], settings["employer"]["region"]) == (
        "钱经理",
        {"code": "330114", "name": "钱塘区"},
    )
    # the demo published the list once (（二十）): 40 county markets; the seeded stations came after
    history = results["DirectoryHistory"]["directoryPublications"]
    assert history["totalCount"] == 1
    assert (history["nodes"][0]["marketCount"], history["nodes"][0]["stationCount"]) == (40, 0)
    kept = await client.get(history["nodes"][0]["downloadPath"])
    assert kept.status_code == 200 and kept.content.decode("utf-8-sig").count("\r\n") == 41
    labels = {e["name"]: e["values"] for e in results["EnumLabels"]["enumLabels"]}
    assert list(labels) == ["JobPostingStatus", "JobApplicationStatus", "WageUnit"]
    assert {v["value"]: v["label"] for v in labels["JobApplicationStatus"]}["NO_SHOW"] == "未到岗"
    # subsidies (issue 10): the demo's four programmes; 卫东 completed a 7.5-hour subsidised
    # course, qualifies for the training subsidy (15 元 an hour) and applies for the living
    # allowance; the earlier public-welfare application waits for review
    listed = results["SubsidyProgrammes"]["subsidyProgrammes"]
    assert listed["totalCount"] == 4
    assert sorted(n["policyClause"] for n in listed["nodes"]) == [
        "（九）",
        "（九）",
        "（十一）",
        "（十）",
    ]
    eligibility = results["SubsidyEligibility"]["subsidyEligibility"]
    assert (eligibility["eligible"], eligibility["amount"]) == (True, "112.50")
    assert [(c["rule"], c["met"]) for c in eligibility["checks"]] == [
        ("PROGRAMME_OPEN", True),
        ("APPLICANT_KIND", True),
        ("COMPLETED_TRAINING", True),
        ("NOT_YET_APPLIED", True),
        ("BUDGET", True),
    ]
    assert eligibility["trainingEnrolment"]["training"]["title"] == "叉车操作实训（往期）"
    applied = results["ApplyForSubsidy"]["subsidyApplicationSubmit"]["application"]
    assert (applied["status"], applied["amount"], applied["programme"]["name"]) == (
        "SUBMITTED",
        "300.00",
        LIVING_ALLOWANCE,
    )
    assert applied["trainingEnrolment"]["id"] == refs["<the trainee's completed enrolment>"]
    mine = results["MySubsidyApplications"]["mySubsidyApplications"]
    assert [(n["status"], n["amount"], n["programme"]["name"]) for n in mine["nodes"]] == [
        ("SUBMITTED", "300.00", LIVING_ALLOWANCE),
        ("SUBMITTED", "1800.00", "公益性岗位补贴"),
    ]
    # assistance cases (issue 10): 杨军 accepts the offer of the public-welfare job (applied
    # through the posting's rule) and sees it answered in his plan, the second step overdue
    answered = results["AnswerAssistanceOffer"]["assistanceOfferAnswer"]
    assert answered["userErrors"] == []
    assert (answered["offer"]["status"], answered["offer"]["jobApplication"]["status"]) == (
        "ACCEPTED",
        "APPLIED",
    )
    plan = results["MyAssistancePlan"]["myAssistancePlan"]
    assert (plan["status"], plan["caseWorker"], plan["overdue"]) == ("OPEN", "吴援助专员", True)
    assert [(s["title"], s["done"], s["overdue"]) for s in plan["steps"]] == [
        ("上门了解就业意愿和困难", True, False),
        ("推荐适合的公益性岗位", False, True),
        ("上岗后回访稳定就业情况", False, False),
    ]
    (offer,) = plan["offers"]
    assert (offer["kind"], offer["status"], offer["jobPosting"]["title"]) == (
        "POSTING",
        "ACCEPTED",
        "社区公益保洁员（公益性岗位）",
    )
    assert offer["jobPosting"]["publicWelfare"] is True
    assert [(f["channel"], f["note"]) for f in plan["followUps"]] == [
        ("PHONE", "电话联系本人，愿意从事保洁类工作，希望离家近")
    ]
    cases = results["AssistanceCases"]["assistanceCases"]
    assert cases["totalCount"] == 1
    assert cases["nodes"][0]["worker"]["name"] == "杨军"
    assert cases["nodes"][0]["offers"] == [
        {"id": refs["<the demo offer>"], "kind": "POSTING", "status": "ACCEPTED"}
    ]
    # policy push: 张伟 (上城区, 快件处理员) gets the seeded county item first, then the demo's
    # province-wide clauses for workers in id order; the draft and the expired item are hidden
    pushed = results["RecommendedPolicies"]["recommendedPolicies"]
    county_item = refs["<policy 快件处理员职业伤害保障（上城区）>"]
    ends = local(now()).date() + timedelta(days=20)
    assert pushed["totalCount"] == 7
    assert pushed["nodes"][0] == {
        "kind": "POLICY_ITEM",
        "score": 68.0,
        "reasons": [
            {"code": "ROLE", "message": "面向零工"},
            {"code": "SAME_COUNTY", "message": "适用于上城区"},
            {"code": "OCCUPATION", "message": "工种：快件处理员"},
            {"code": "ENDING_SOON", "message": f"{ends.year}年{ends.month}月{ends.day}日到期"},
        ],
        "policy": {
            "id": county_item,
            "title": "快件处理员职业伤害保障（上城区）",
            "summary": "上城区快件处理员可按规定以个人身份单险种参加工伤保险。",
            "issuingDocument": "浙人社发〔2023〕5号",
            "clause": "（十六）",
            "effectiveFrom": (local(now()).date() - timedelta(days=10)).isoformat(),
            "effectiveTo": ends.isoformat(),
        },
    }
    assert [
        (n["policy"]["clause"], n["policy"]["title"], n["score"]) for n in pushed["nodes"][1:]
    ] == [
        ("（二）", "零工市场免费提供对接洽谈场地", 15.0),
        ("（八）", "“即时快招”：快速发布、现场对接、当日到岗", 15.0),
        ("（九）", "职业培训补贴和培训期间生活费补贴", 15.0),
        ("（十三）", "乡村零工驿站：政策咨询、信息对接和用工矛盾调处", 15.0),
        ("（十六）", "以个人身份参加养老保险和工伤保险", 15.0),
        ("（十六）", "依法打击恶意欠薪，纠正就业歧视", 15.0),
    ]
    assert {r["code"] for n in pushed["nodes"][1:] for r in n["reasons"]} == {
        "ROLE",
        "PROVINCE_WIDE",
    }
    listed = results["Policies"]["policies"]
    assert [n["title"] for n in listed["nodes"]] == [
        "快件处理员职业伤害保障（上城区）",
        "依法打击恶意欠薪，纠正就业歧视",
        "以个人身份参加养老保险和工伤保险",
    ]
    assert (listed["totalCount"], listed["pageInfo"]["hasNextPage"]) == (3, False)
    assert results["PolicyDetail"]["policy"] == {
        **pushed["nodes"][0]["policy"],
        "body": "推进灵活就业人员以个人身份单险种参加工伤保险，加强劳动者职业伤害保障。",
        "publishedAt": results["PolicyDetail"]["policy"]["publishedAt"],
        "audience": {
            "roles": ["WORKER"],
            "assistanceCategories": [],
            "serviceTiers": [],
            "regions": [{"code": "330102", "name": "上城区"}],
            "occupations": [
                {
                    "id": encode_id("Occupation", await occupation_id("快件处理员")),
                    "name": "快件处理员",
                }
            ],
        },
    }
    assert results["PolicyDetail"]["policy"]["publishedAt"] is not None


async def test_list_operations_take_as_many_statements_for_5_as_for_40_results(client):
    # given
    seeded = await seed()
    counts, parents_off_page = {}, {}

    for name in ("MarketDirectory", "NearbyMarkets"):
        for first in (5, 40):
            # when
            variables = {**variables_for(name, seeded), "first": first}
            if name == "MarketDirectory":
                # Newest first: the three open stations lead every page and their parent, the
                # oldest market, is on none, so every statement of the path runs.
                variables["orderBy"] = {"field": "ID", "direction": "DESC"}
            if name == "NearbyMarkets":
                variables["radiusKm"] = 300  # the whole seeded area
            body, counts[name, first] = await run(client, document(name), variables)

            # then
            assert "errors" not in body, body
            connection = body["data"]["markets"]
            items = connection.get("nodes") or [e["node"] for e in connection["edges"]]
            assert len(items) == first, (name, first, len(items))
            parents = {m["parentMarket"]["id"] for m in items if m["parentMarket"]}
            parents_off_page[name, first] = bool(parents - {m["id"] for m in items})

    # Exact budgets: the pages use every nested field a market card has (opening hours,
    # occupations, certificates, parent markets not on the page), all brought by the page's own
    # statement, so one more statement fails.
    assert parents_off_page["MarketDirectory", 5] and parents_off_page["MarketDirectory", 40]
    assert counts == {
        ("MarketDirectory", 5): SQL_BUDGET["MarketDirectory"],
        ("MarketDirectory", 40): SQL_BUDGET["MarketDirectory"],
        ("NearbyMarkets", 5): SQL_BUDGET["NearbyMarkets"],
        ("NearbyMarkets", 40): SQL_BUDGET["NearbyMarkets"],
    }


async def test_market_directory_through_the_gql_client(app, gql):
    # given: the third-party client, talking to the ASGI app in process through httpx
    from gql import Client, GraphQLRequest
    from gql.transport.httpx import HTTPXAsyncTransport

    seeded = await seed()
    d = document("MarketDirectory")
    variables = variables_for("MarketDirectory", seeded)
    transport = HTTPXAsyncTransport(
        url="http://testserver/graphql", transport=httpx.ASGITransport(app=app)
    )

    # when: the client validates the document against the committed SDL, then sends it
    async with Client(transport=transport, schema=COMMITTED_SDL) as session:
        result = await session.execute(
            GraphQLRequest(d.text, variable_values=variables, operation_name=d.name)
        )

    # then: exactly what a plain POST returns
    assert {"data": result} == await gql(d.text, variables)
    assert result["markets"]["totalCount"] == 43
    assert len(result["markets"]["nodes"]) == 20
