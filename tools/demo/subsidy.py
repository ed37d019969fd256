"""Demo subsidy programmes (（九）（十）（十一）) and one application, through the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from services.problems import ServiceError
from services.subsidy import programmes
from services.subsidy.applications import submit
from services.subsidy.eligibility import Applicant
from services.timeutil import SHANGHAI, local, now
from services.worker import personal
from tables import subsidy as t
from tables.worker import Worker
from tools.demo.data import WORKERS

ASSISTED = ["OLDER", "DISABLED", "LOW_INCOME", "LONG_WAITING"]


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    kind: str
    amount_rule: str
    amount: str
    budget: str
    threshold: str
    description: str
    rules: dict


# fmt: off
PROGRAMMES = (
    DemoProgramme(
        "职业培训补贴（急需紧缺职业）", "TRAINING_SUBSIDY", "PER_TRAINING_HOUR", "15", "500000",
        "500", "（九）参加急需紧缺职业技能培训并结业的，按培训课时给予补贴",
        {"training_category": "URGENT_SKILL", "training_within_months": 12},
    ),
    DemoProgramme(
        "培训期间生活费补贴", "TRAINING_LIVING_ALLOWANCE", "FIXED", "300", "200000", "500",
        "（九）就业困难人员参加培训并结业的，给予培训期间生活费补贴",
        {"assistance_categories": ASSISTED, "training_within_months": 12},
    ),
    DemoProgramme(
        "就业创业服务补贴（市场化零工市场）", "EMPLOYMENT_SERVICE_SUBSIDY", "PER_PLACEMENT", "50",
        "1000000", "5000", "（十一）非公益性零工市场承担政府公益性零工服务的，按成功就业人次给予补贴",
        {"market_ownership": "MARKET_OPERATED"},
    ),
    DemoProgramme(
        "公益性岗位补贴", "PUBLIC_WELFARE_JOB_SUBSIDY", "FIXED", "1800", "300000", "1000",
        "（十）通过市场渠道难以就业的困难人员，经公益性岗位安置的给予补贴",
        {"assistance_categories": ASSISTED},
    ),
)
# (index into WORKERS, programme name): 李秀英 (大龄) applies for the public-welfare job subsidy.
APPLICATIONS = ((1, "公益性岗位补贴"),)
# fmt: on


async def seed_subsidies(created: dict[str, int]) -> None:
    """Programmes open from the start of this year to the end of next year (Asia/Shanghai),
    kept by name; the demo applications. Counts what it creates in `created`."""
    created.setdefault("subsidy_programmes", 0)
    created.setdefault("subsidy_applications", 0)
    year = local(now()).year
    starts = datetime(year, 1, 1, tzinfo=SHANGHAI)
    ends = datetime(year + 2, 1, 1, tzinfo=SHANGHAI)
    ids = {}
    for p in PROGRAMMES:
        found = await t.SubsidyProgramme.select(t.SubsidyProgramme.id).where(
            t.SubsidyProgramme.name == p.name
        )
        if found:
            ids[p.name] = found[0]["id"]
            continue
        draft = programmes.ProgrammeDraft(
            name=p.name,
            kind=p.kind,
            amount_rule=p.amount_rule,
            amount=Decimal(p.amount),
            budget=Decimal(p.budget),
            approval_threshold=Decimal(p.threshold),
            starts_at=starts,
            ends_at=ends,
            description=p.description,
            **p.rules,
        )
        ids[p.name] = await programmes.create(None, draft)
        created["subsidy_programmes"] += 1
    for index, name in APPLICATIONS:
        worker = await Worker.select(Worker.id).where(
            Worker.phone_hash == personal.phone_hash(WORKERS[index].phone)
        )
        if not worker or await t.SubsidyApplication.exists().where(
            (t.SubsidyApplication.programme == ids[name])
            & (t.SubsidyApplication.worker == worker[0]["id"])
        ):
            continue
        try:
            await submit(Applicant("WORKER", worker[0]["id"]), ids[name])
        except ServiceError:
            continue  # e.g. the budget ran out: the demo goes without it
        created["subsidy_applications"] += 1
