"""Bench rows for the rights and assistance lists: staff accounts, gathering places with their
incidents, rights cases at the markets (MyRightsCases, RightsCaseQueue, GatheringPlaces) and
assistance cases with plans and offers (AssistanceCases).

Written straight into the tables, as tools/bench/statistics.py does, in the shapes the services
leave: a case's department follows its kind (routing.ROUTE) unless it was passed on, an open
case has the deadline of the step it is in, a final one a finish time and no deadline, an
outcome only where a finding, a mediation or a withdrawal gives one; an assistance case's next
due day is its earliest step not done, and an open case holds its worker's open key."""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta

from tools.bench.markets import _insert

# How seeded cases stand (weights), and how long ago they were filed at most.
STATUS_MIX = (
    ("FILED", 0.15),
    ("ACCEPTED", 0.2),
    ("MEDIATING", 0.1),
    ("RESOLVED", 0.3),
    ("REFERRED", 0.05),
    ("CLOSED", 0.2),
)
KIND_MIX = (
    ("WAGE_ARREARS", 0.45),
    ("DISCRIMINATION", 0.08),
    ("SAFETY", 0.07),
    ("CONTRACT_DISPUTE", 0.2),
    ("GATHERING", 0.1),
    ("OTHER", 0.1),
)
DAYS_BACK = 400
# Workers who file again and again: the bench's worker reads a full first page of their own.
FREQUENT_CLAIMANTS, THEIR_CASES = 3, (24, 32)
# Staff (piccolo_user): (username, last name, first name); one without a name is called by its
# username, as load_staff_names does.
STAFF = (
    ("bench-staff-1", "吴", "援助专员"),
    ("bench-staff-2", "陈", "静"),
    ("bench-staff-3", "", ""),
)


def _ago(rng: random.Random, moment: datetime, days: int) -> datetime:
    return moment - timedelta(seconds=rng.randrange(days * 86400))


async def seed_rights(args: argparse.Namespace, seed: int) -> dict[str, int]:
    """Seed everything above; deterministic from `seed`. Returns the row counts."""
    from piccolo.apps.user.tables import BaseUser

    rng = random.Random(seed + 17)
    staff = []
    for username, last, first in STAFF:
        user = await BaseUser.create_user(
            username=username,
            password=f"bench-{seed}-{username}",
            email=f"{username}@example.invalid",
            first_name=first,
            last_name=last,
            active=True,
        )
        staff.append(user.id)
    places = await _seed_places(rng, staff)
    cases = await _seed_cases(rng, args, staff, places)
    assisted = await _seed_assistance(rng, args, staff)
    return {"rightsCases": cases, "gatheringPlaces": len(places), "assistanceCases": assisted}


async def _seed_places(rng: random.Random, staff: list[int]) -> list[int]:
    """Sixty gathering places in the markets' counties, most guided to a nearby market."""
    from services.timeutil import now
    from tables import rights_case as t
    from tables.market import Market

    markets = (
        await Market.select(Market.id, Market.region, Market.latitude, Market.longitude)
        .where(Market.station_type == "MARKET")
        .order_by(Market.id)
    )
    moment = now()
    rows = []
    for i in range(60):
        m = rng.choice(markets)
        created = _ago(rng, moment, DAYS_BACK)
        located = rng.random() < 0.8 and m["latitude"] is not None
        rows.append(
            t.GatheringPlace(
                name=f"基准聚集点{i}",
                address=f"基准路{rng.randint(1, 300)}号路口",
                region=m["region"],
                market=m["id"] if rng.random() < 0.75 else None,
                latitude=round(m["latitude"] + rng.uniform(-0.02, 0.02), 5) if located else None,
                longitude=round(m["longitude"] + rng.uniform(-0.02, 0.02), 5) if located else None,
                typical_hours=rng.choice(("05:00-08:00", "06:00-09:00", "")),
                typical_size=rng.randint(0, 200),
                measures=rng.choice(("", "宣传引导进入零工市场", "劝离、交通疏导")),
                status=rng.choices(("ACTIVE", "CLEARED"), (0.7, 0.3))[0],
                recorded_by=rng.choice(staff),
                created_at=created,
                updated_at=created + (moment - created) * rng.random(),
            )
        )
    await _insert(t.GatheringPlace, rows)
    return [r.id for r in rows]


async def _seed_cases(
    rng: random.Random, args: argparse.Namespace, staff: list[int], places: list[int]
) -> int:
    from services.crypto import encrypt
    from services.rights_case import routing
    from services.timeutil import now
    from tables import rights_case as t
    from tables.employer import Employer
    from tables.market import Market
    from tables.worker import Worker

    moment = now()
    # Private employers too: their names reach the lists masked.
    await _insert(
        Employer,
        [
            Employer(
                kind="INDIVIDUAL",
                name=f"{rng.choice('张王李赵刘陈杨黄')}{rng.choice(('伟', '秀英', '建国', '芳'))}",
                phone_hash=f"bench-private-employer-{i}",
                phone_encrypted=encrypt("13700000000"),
                phone_masked="137****0000",
            )
            for i in range(30)
        ],
    )
    employers = [r["id"] for r in await Employer.select(Employer.id).order_by(Employer.id)]
    markets = [r["id"] for r in await Market.select(Market.id).order_by(Market.id)]
    workers = await Worker.select(Worker.id, Worker.registered_market).order_by(Worker.id)
    n = max(args.applications // 100, 300)
    frequent = rng.sample(workers, min(FREQUENT_CLAIMANTS, len(workers)))
    claimants = [w for w in frequent for _ in range(rng.randint(*THEIR_CASES))]
    claimants += [rng.choice(workers) for _ in range(max(n - len(claimants), 0))]
    statuses, status_weights = zip(*STATUS_MIX, strict=True)
    kinds, kind_weights = zip(*KIND_MIX, strict=True)
    cases, steps_of = [], []
    for w in claimants:
        kind = rng.choices(kinds, kind_weights)[0]
        status = rng.choices(statuses, status_weights)[0]
        department = routing.ROUTE[kind]
        if status == "MEDIATING" or rng.random() < 0.05:
            department = "MARKET_OPERATOR"  # mediations are the market's (or passed to it)
        opened = _ago(rng, moment, DAYS_BACK)
        # The steps the case went through, each a while after the last.
        path = {
            "FILED": ["FILE"],
            "ACCEPTED": ["FILE", "ACCEPT"],
            "MEDIATING": ["FILE", "ACCEPT", "MEDIATE"],
            "RESOLVED": ["FILE", "ACCEPT", "MEDIATE", "RESOLVE"]
            if department == "MARKET_OPERATOR"
            else ["FILE", "ACCEPT", "RESOLVE"],
            "REFERRED": ["FILE", "ACCEPT", "REFER"],
            "CLOSED": ["FILE", "CLOSE"],
        }[status]
        times = [opened]
        for _ in path[1:]:
            times.append(times[-1] + (moment - times[-1]) * rng.uniform(0.02, 0.3))
        last = times[-1]
        outcome, recovered = "", None
        claimed = rng.randrange(20_000, 2_000_000, 100) if kind == "WAGE_ARREARS" else None
        if status == "RESOLVED":
            if department == "MARKET_OPERATOR":
                outcome = "MEDIATED"
            else:
                outcome = rng.choice(("SUBSTANTIATED", "NOT_SUBSTANTIATED"))
            if claimed is not None and outcome != "NOT_SUBSTANTIATED":
                recovered = int(claimed * rng.choice((1, 1, 0.8, 0.5)))
        elif status == "CLOSED":
            outcome = "WITHDRAWN" if rng.random() < 0.7 else ""  # staff close with none
        on_site = kind == "GATHERING" and rng.random() < 0.5
        worker = None if on_site else w["id"]
        # Filed by the worker online, or taken by staff on the phone (rules.CHANNELS).
        recorder = rng.choice(staff) if on_site or rng.random() < 0.1 else None
        channel = "ONLINE" if recorder is None else "PHONE"
        cases.append(
            t.RightsCase(
                market=w["registered_market"] or rng.choice(markets),
                employer=rng.choice(employers) if kind not in ("SAFETY", "GATHERING") else None,
                worker=worker,
                kind=kind,
                status=status,
                summary=f"基准案件：{kind.lower()}，请尽快处理。",
                opened_at=opened,
                resolved_at=last if status in routing.FINAL else None,
                recorded_by=recorder,
                channel=channel,
                filed_by=f"WORKER:{w['id']}" if recorder is None else f"STAFF:{recorder}",
                department=department,
                step_due_at=routing.due(status, department, last),
                outcome=outcome,
                outcome_note="基准办结说明" if status in routing.FINAL else "",
                referred_to="劳动人事争议仲裁委员会" if status == "REFERRED" else "",
                amount_claimed_fen=claimed,
                amount_recovered_fen=recovered,
                place_address="基准路口" if kind == "GATHERING" else "",
                mediator_role="OPERATOR" if "MEDIATE" in path else "",
                version=len(path) - 1,
                gathering_place=rng.choice(places) if kind == "GATHERING" else None,
            )
        )
        steps_of.append(list(zip(path, times, strict=True)))
    await _insert(t.RightsCase, cases)
    statuses_after = {
        "FILE": "FILED",
        "ACCEPT": "ACCEPTED",
        "MEDIATE": "MEDIATING",
        "RESOLVE": "RESOLVED",
        "REFER": "REFERRED",
        "CLOSE": "CLOSED",
    }
    steps = [
        t.RightsCaseStep(
            rights_case=case.id,
            action=action,
            status=statuses_after[action],
            department=case.department,
            actor_role="WORKER"
            if action in ("FILE", "CLOSE") and case.worker is not None
            else ("OPERATOR" if case.department == "MARKET_OPERATOR" else "STAFF"),
            actor_id=None,
            note="",
            occurred_at=at,
        )
        for case, path in zip(cases, steps_of, strict=True)
        for action, at in path
    ]
    await _insert(t.RightsCaseStep, steps)
    return len(cases)


async def _seed_assistance(rng: random.Random, args: argparse.Namespace, staff: list[int]) -> int:
    """Assistance cases for one worker in two hundred (at least 300, at most every worker): a
    plan of one to four steps, offers of postings and trainings; some closed with an outcome."""
    from services.timeutil import local, now
    from tables import assistance as t
    from tables import job_posting as jp
    from tables import training as tr
    from tables.worker import Worker

    moment = now()
    workers = await Worker.select(Worker.id, Worker.home_region).order_by(Worker.id)
    postings = [
        r["id"]
        for r in await jp.JobPosting.select(jp.JobPosting.id).order_by(jp.JobPosting.id).limit(2000)
    ]
    courses = [
        r["id"]
        for r in await tr.TrainingCourse.select(tr.TrainingCourse.id)
        .order_by(tr.TrainingCourse.id)
        .limit(500)
    ]
    chosen = rng.sample(workers, min(len(workers), max(len(workers) // 200, 300)))
    cases = []
    plans = []
    for w in chosen:
        opened = _ago(rng, moment, 300)
        closed = rng.random() < 0.25
        dues = sorted(
            (opened + timedelta(days=rng.randint(3, 120)), rng.random() < 0.4)
            for _ in range(rng.randint(1, 4))
        )
        steps = [(local(at).date(), done and at <= moment) for at, done in dues]
        waiting = [d for d, done in steps if not done]
        cases.append(
            t.AssistanceCase(
                worker=w["id"],
                region=w["home_region"],
                case_worker=rng.choice(staff),
                status="CLOSED" if closed else "OPEN",
                open_key=None if closed else str(w["id"]),
                next_due_on=None if closed or not waiting else min(waiting),
                outcome=rng.choice(("EMPLOYED", "TRAINING", "DECLINED", "OTHER"))
                if closed
                else None,
                outcome_note="基准结案说明" if closed else "",
                opened_by=rng.choice(staff),
                opened_at=opened,
                closed_by=rng.choice(staff) if closed else None,
                closed_at=opened + (moment - opened) * rng.uniform(0.5, 1) if closed else None,
            )
        )
        plans.append((opened, steps))
    await _insert(t.AssistanceCase, cases)
    step_rows, offer_rows = [], []
    for case, (opened, steps) in zip(cases, plans, strict=True):
        for k, (due_on, done) in enumerate(steps):
            step_rows.append(
                t.AssistanceStep(
                    case=case.id,
                    title=("上门了解就业意愿", "推荐适合的岗位", "参加技能培训", "上岗后回访")[k],
                    due_on=due_on,
                    done=done,
                    done_at=opened + timedelta(days=1) if done else None,
                    done_by=case.case_worker if done else None,
                    created_by=case.case_worker,
                    created_at=opened,
                )
            )
        for _ in range(rng.randint(0, 3)):
            training = bool(courses) and rng.random() < 0.3
            if not training and not postings:
                continue
            answered = rng.random() < 0.4
            offered = opened + (moment - opened) * rng.random()
            offer_rows.append(
                t.AssistanceOffer(
                    case=case.id,
                    kind="TRAINING" if training else "POSTING",
                    posting=None if training else rng.choice(postings),
                    course=rng.choice(courses) if training else None,
                    note="离家近，适合您",
                    # An accepted offer would have made an application or an enrolment through
                    # their own rules: the seeded answers are refusals.
                    status="DECLINED" if answered else "PENDING",
                    answer_reason="时间不合适" if answered else "",
                    answered_at=offered + (moment - offered) * rng.random() if answered else None,
                    offered_by=case.case_worker,
                    offered_at=offered,
                )
            )
    await _insert(t.AssistanceStep, step_rows)
    await _insert(t.AssistanceOffer, offer_rows)
    return len(cases)
