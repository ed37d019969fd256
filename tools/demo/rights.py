"""Demo rights cases (（十六）（十七））and a registered gathering place, through the rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from piccolo.apps.user.tables import BaseUser

from services.audit.rules import Actor
from services.problems import ServiceError
from services.rights_case import gathering, rules, workflow
from services.worker import personal
from tables import job_posting as jp
from tables import rights_case as t
from tables.operator import OperatingContract
from tables.worker import Worker
from tools.demo.data import REVIEWER, WALK_IN, WORKERS, DemoWorker


@dataclass(frozen=True)
class DemoCase:
    worker: DemoWorker
    kind: str
    summary: str
    posting: str = ""  # title of the worker's application's posting
    amount: str | None = None
    place: str = ""
    by_operator: bool = False  # filed on site by the demo operator at its contract market
    accept: bool = False  # accepted by the demo reviewer (staff)


CASES = (
    DemoCase(
        WORKERS[0],
        "CONTRACT_DISPUTE",
        "约定按小时结算，实际少算了一小时工钱",
        posting="快递分拣员（白班）",
        amount="25.00",
        accept=True,
    ),
    DemoCase(
        WORKERS[1],
        "DISCRIMINATION",
        "电话报名时被告知只要 40 岁以下的",
        posting="家庭保洁（三居室）",
    ),
    DemoCase(
        WALK_IN,
        "GATHERING",
        "望江路立交桥下每天早上约 30 人聚集等活，占用非机动车道",
        place="杭州市上城区望江路立交桥下",
        by_operator=True,
    ),
)


PLACE = gathering.PlaceDraft(
    name="望江路立交桥下",
    address="杭州市上城区望江路立交桥下",
    region_code="330102",
    latitude=30.2405,
    longitude=120.1812,
    typical_hours="每日 5:00–8:00",
    typical_size=30,
    measures="张贴零工市场指引，早班时段劝导进入市场",
)


async def _place(reviewer: int, market_id: int | None) -> int:
    """The demo gathering place on the register, near the operator's contract market."""
    row = await t.GatheringPlace.select(t.GatheringPlace.id).where(
        t.GatheringPlace.name == PLACE.name
    )
    if row:
        return row[0]["id"]
    draft = replace(PLACE, market_id=market_id, market_given=market_id is not None)
    return await gathering.register(reviewer, draft)


async def seed_rights_cases(operator_id: int) -> int:
    """File the demo cases not yet on record (looked up by worker and summary)."""
    created = 0
    reviewer = await BaseUser.select(BaseUser.id).where(BaseUser.username == REVIEWER).first()
    contract = await OperatingContract.select(OperatingContract.market).where(
        OperatingContract.operator == operator_id
    )
    place_id = None
    if reviewer is not None:
        place_id = await _place(reviewer["id"], contract[0]["market"] if contract else None)
    for case in CASES:
        worker = await Worker.select(Worker.id).where(
            Worker.phone_hash == personal.phone_hash(case.worker.phone)
        )
        if not worker or await t.RightsCase.exists().where(
            (t.RightsCase.worker == worker[0]["id"]) & (t.RightsCase.summary == case.summary)
        ):
            continue
        worker_id = worker[0]["id"]
        application = None
        if case.posting:
            rows = await jp.JobApplication.select(jp.JobApplication.id).where(
                (jp.JobApplication.worker == worker_id)
                & (jp.JobApplication.posting.title == case.posting)
            )
            if not rows:
                continue
            application = rows[0]["id"]
        if case.by_operator and not contract:
            continue
        actor = Actor("OPERATOR", operator_id) if case.by_operator else Actor("WORKER", worker_id)
        draft = rules.CaseDraft(
            kind=case.kind,
            summary=case.summary,
            worker_id=worker_id,
            worker_given=case.by_operator,
            market_id=contract[0]["market"] if case.by_operator else None,
            market_given=case.by_operator,
            application_id=application,
            application_given=application is not None,
            place_address=case.place,
            amount_claimed=Decimal(case.amount) if case.amount else None,
            gathering_place_id=place_id if case.kind == "GATHERING" else None,
            gathering_place_given=case.kind == "GATHERING" and place_id is not None,
        )
        try:
            case_id = await rules.file_case(actor, draft)
            if case.accept and reviewer is not None:
                await workflow.accept(Actor("STAFF", reviewer["id"]), case_id, "已受理，安排调解")
        except ServiceError:
            continue  # e.g. the worker's market cannot be determined: go without it
        created += 1
    return created
