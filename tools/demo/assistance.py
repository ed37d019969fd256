"""Demo assistance case (就业援助, （十）): 杨军 (long waiting, over 50: assisted) with a plan whose
second step is overdue, an offer of the public-welfare job to answer, and a phone follow-up; all
through the rules, by an inactive case-worker account (idempotent: a case already there is kept)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from piccolo.apps.user.tables import BaseUser

from services.assistance import cases, offers
from services.timeutil import local, now
from services.worker import personal
from tables import assistance as t
from tables import job_posting as jp
from tables.worker import Worker
from tools.demo.data import POSTINGS, WORKERS

CASE_WORKER = "demo-caseworker"
CLIENT = WORKERS[5]  # 杨军
OFFERED = next(p.title for p in POSTINGS if p.public_welfare)


async def _case_worker() -> int:
    row = await BaseUser.select(BaseUser.id).where(BaseUser.username == CASE_WORKER).first()
    if row is not None:
        return row["id"]
    user = await BaseUser.create_user(
        username=CASE_WORKER,
        password=secrets.token_urlsafe(24),
        email=f"{CASE_WORKER}@example.invalid",
        first_name="援助专员",
        last_name="吴",
        active=False,
    )
    return user.id


async def seed_assistance(created: dict) -> None:
    created["assistance_cases"] = 0
    worker = await Worker.select(Worker.id).where(
        Worker.phone_hash == personal.phone_hash(CLIENT.phone)
    )
    posting = await jp.JobPosting.select(jp.JobPosting.id).where(
        (jp.JobPosting.title == OFFERED) & (jp.JobPosting.status == "OPEN")
    )
    if not worker or not posting:
        return
    worker_id = worker[0]["id"]
    if await t.AssistanceCase.exists().where(t.AssistanceCase.worker == worker_id):
        return
    staff = await _case_worker()
    case_id = await cases.open_case(staff, worker_id)
    today = local(now()).date()
    visit = await cases.add_step(
        staff, case_id, "上门了解就业意愿和困难", today - timedelta(days=3)
    )
    await cases.mark_step_done(staff, visit)
    await cases.add_step(staff, case_id, "推荐适合的公益性岗位", today - timedelta(days=1))
    await cases.add_step(staff, case_id, "上岗后回访稳定就业情况", today + timedelta(days=7))
    await offers.make_offer(
        staff, case_id, "POSTING", posting[0]["id"], "离家近，工作时间短，适合您"
    )
    await cases.record_follow_up(
        staff, case_id, today, "PHONE", "电话联系本人，愿意从事保洁类工作，希望离家近"
    )
    created["assistance_cases"] = 1
