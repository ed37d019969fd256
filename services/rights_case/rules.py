"""Filing a rights case (维权): who may file, against what, at which market (（十六））."""

# A worker files for themself, an operator for a worker at one of its markets (on site), staff
# for anyone (a phone call). Every problem is reported at once; the insert, its first step and
# the audit row commit together.

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.audit.rules import Actor, serialise
from services.db import write_transaction
from services.problems import Problem, Problems, ServiceError
from services.rights_case import routing
from services.rights_case.money import to_fen
from services.rights_case.steps import add_step
from services.timeutil import now
from services.worker import personal as p
from tables import job_posting as jp
from tables import rights_case as t
from tables.employer import Employer
from tables.market import Market
from tables.worker import Worker

MAX_SUMMARY = 2000
MAX_ADDRESS = 200
CHANNELS = {"WORKER": "ONLINE", "OPERATOR": "ON_SITE", "STAFF": "PHONE"}


@dataclass
class CaseDraft:
    kind: str
    summary: str
    worker_id: int | None = None
    worker_given: bool = False
    market_id: int | None = None
    market_given: bool = False
    employer_id: int | None = None
    employer_given: bool = False
    posting_id: int | None = None
    posting_given: bool = False
    application_id: int | None = None
    application_given: bool = False
    place_address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    amount_claimed: Decimal | None = None
    gathering_place_id: int | None = None
    gathering_place_given: bool = False


def fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


async def _worker(actor: Actor, draft: CaseDraft, problems: Problems) -> int | None:
    if actor.type == "WORKER":
        if draft.worker_given and draft.worker_id != actor.id:
            problems.add("NOT_FOUND", "零工不存在", "workerId")
        return actor.id
    if not draft.worker_given:
        problems.add("REQUIRED", "请选择为哪位零工登记", "workerId")
        return None
    row = None
    if draft.worker_id is not None:
        row = await Worker.select(Worker.id).where(Worker.id == draft.worker_id).first()
    if row is None:
        problems.add("NOT_FOUND", "零工不存在", "workerId")
        return None
    return row["id"]


async def _subjects(actor: Actor, draft: CaseDraft, worker_id: int | None, problems: Problems):
    """(employer, posting, application, market of the posting) from the most specific given."""
    employer = posting = application = posting_market = None
    if draft.application_given:
        row = None
        if draft.application_id is not None:
            row = (
                await jp.JobApplication.select(
                    jp.JobApplication.id,
                    jp.JobApplication.worker,
                    jp.JobApplication.posting,
                    jp.JobApplication.posting.employer,
                    jp.JobApplication.posting.market,
                )
                .where(jp.JobApplication.id == draft.application_id)
                .first()
            )
        if row is None or (worker_id is not None and row["worker"] != worker_id):
            problems.add("NOT_FOUND", "报名记录不存在", "jobApplicationId")
        else:
            application, posting = row["id"], row["posting"]
            employer, posting_market = row["posting.employer"], row["posting.market"]
    if draft.posting_given:
        row = None
        if draft.posting_id is not None:
            row = (
                await jp.JobPosting.select(
                    jp.JobPosting.id, jp.JobPosting.employer, jp.JobPosting.market
                )
                .where(
                    (jp.JobPosting.id == draft.posting_id)
                    & jp.JobPosting.published_at.is_not_null()
                )
                .first()
            )
        if row is None:
            problems.add("NOT_FOUND", "招工信息不存在", "jobPostingId")
        elif posting is not None and posting != row["id"]:
            problems.add("MISMATCH", "招工信息与报名记录不一致", "jobPostingId")
        else:
            posting, employer, posting_market = row["id"], row["employer"], row["market"]
    if draft.employer_given:
        exists = draft.employer_id is not None and await Employer.exists().where(
            Employer.id == draft.employer_id
        )
        if not exists:
            problems.add("NOT_FOUND", "用工主体不存在", "employerId")
        elif employer is not None and employer != draft.employer_id:
            problems.add("MISMATCH", "用工主体与招工信息不一致", "employerId")
        else:
            employer = draft.employer_id
    return employer, posting, application, posting_market


async def _place(draft: CaseDraft, problems: Problems) -> dict | None:
    """The registered gathering place named, if any (（十七））."""
    if not draft.gathering_place_given:
        return None
    row = None
    if draft.gathering_place_id is not None:
        row = (
            await t.GatheringPlace.select(
                t.GatheringPlace.id,
                t.GatheringPlace.address,
                t.GatheringPlace.market,
                t.GatheringPlace.latitude,
                t.GatheringPlace.longitude,
            )
            .where(t.GatheringPlace.id == draft.gathering_place_id)
            .first()
        )
    if row is None:
        problems.add("NOT_FOUND", "聚集点不存在", "gatheringPlaceId")
    return row


async def _market(
    actor: Actor,
    draft: CaseDraft,
    worker_id: int | None,
    posting_market: int | None,
    problems: Problems,
) -> int | None:
    """The market named, else the posting's, else the gathering place's, else the worker's
    registration market."""
    if draft.market_given:
        row = None
        if draft.market_id is not None:
            row = (
                await Market.select(Market.id, Market.operator)
                .where(Market.id == draft.market_id)
                .first()
            )
        if row is None or (actor.type == "OPERATOR" and row["operator"] != actor.id):
            problems.add("NOT_FOUND", "零工市场不存在", "marketId")
            return None
        return row["id"]
    if actor.type == "OPERATOR":
        problems.add("REQUIRED", "请选择本机构运营的零工市场", "marketId")
        return None
    if posting_market is not None:
        return posting_market
    if worker_id is not None:
        row = await Worker.select(Worker.registered_market).where(Worker.id == worker_id).first()
        if row and row["registered_market"] is not None:
            return row["registered_market"]
    problems.add("MARKET_REQUIRED", "无法确定案件所属的零工市场，请选择", "marketId")
    return None


def _text(draft: CaseDraft, problems: Problems) -> tuple[str, str]:
    summary = (draft.summary or "").strip()
    if not summary:
        problems.add("REQUIRED", "请说明事由", "summary")
    elif len(summary) > MAX_SUMMARY:
        problems.add("TOO_LONG", f"事由不超过 {MAX_SUMMARY} 个字", "summary")
    address = (draft.place_address or "").strip()
    if len(address) > MAX_ADDRESS:
        problems.add("TOO_LONG", f"地点不超过 {MAX_ADDRESS} 个字", "place", "address")
    located = draft.latitude is not None and draft.longitude is not None
    if located:
        assert draft.latitude is not None and draft.longitude is not None
        p.check_location(draft.latitude, draft.longitude, problems, "place", "location")
    if located and not address:
        problems.add("REQUIRED", "请填写地点说明", "place", "address")
    return summary, address


async def file_case(actor: Actor, draft: CaseDraft) -> int:
    """Validate everything at once, route by kind, save the case with its first step."""
    problems = Problems()
    if draft.kind not in routing.KINDS:
        problems.add("INVALID_CHOICE", "案件类型无效", "kind")
    summary, address = _text(draft, problems)
    claimed = None
    if draft.amount_claimed is not None:
        claimed = to_fen(draft.amount_claimed, problems, "amountClaimed")
    worker_id = await _worker(actor, draft, problems)
    employer, posting, application, posting_market = await _subjects(
        actor, draft, worker_id, problems
    )
    place = await _place(draft, problems)
    if place is not None:
        posting_market = posting_market or place["market"]
        if not address:
            address = place["address"]
            draft.latitude, draft.longitude = place["latitude"], place["longitude"]
    market_id = await _market(actor, draft, worker_id, posting_market, problems)
    if draft.kind == "GATHERING" and not address:
        problems.add("LOCATION_REQUIRED", "占道零散聚集须填写地点", "place", "address")
    elif not address and not (
        draft.employer_given or draft.posting_given or draft.application_given
    ):
        problems.add(
            "SUBJECT_REQUIRED", "请指明针对的用工主体、招工信息、报名记录或地点", "employerId"
        )
    problems.raise_if_any()
    department = routing.department_for(draft.kind)
    moment = now()
    async with write_transaction():
        await serialise()
        if application is not None and await t.RightsCase.exists().where(
            (t.RightsCase.application == application)
            & (t.RightsCase.kind == draft.kind)
            & t.RightsCase.status.is_in(list(routing.OPEN))
        ):
            raise fail("ALREADY_FILED", "该报名已有同类案件在办理中", "jobApplicationId")
        rows = await t.RightsCase.insert(
            t.RightsCase(
                market=market_id,
                employer=employer,
                worker=worker_id,
                posting=posting,
                application=application,
                kind=draft.kind,
                status="FILED",
                summary=summary,
                opened_at=moment,
                channel=CHANNELS[actor.type],
                filed_by=f"{actor.type}:{actor.id}",
                recorded_by=actor.id if actor.type == "STAFF" else None,
                department=department,
                step_due_at=routing.due("FILED", department, moment),
                amount_claimed_fen=claimed,
                place_address=address,
                place_latitude=draft.latitude if address else None,
                place_longitude=draft.longitude if address else None,
                gathering_place=place["id"] if place is not None else None,
            )
        ).returning(t.RightsCase.id)
        case_id = rows[0]["id"]
        await add_step(
            actor,
            case_id,
            "FILE",
            "FILED",
            department,
            summary[:200],
            before=None,
            after={
                "status": "FILED",
                "kind": draft.kind,
                "department": department,
                "market": market_id,
                "employer": employer,
                "worker": worker_id,
                "application": application,
                "amount_claimed_fen": claimed,
                "gathering_place": place["id"] if place is not None else None,
            },
            moment=moment,
        )
    return case_id
