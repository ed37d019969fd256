"""Posting rules: create a draft, publish (verified, no wage arrears), close, expire."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from services.db import write_transaction
from services.employer.rules import publishing_problems
from services.job_posting import board, expiry
from services.job_posting.expiry import EXPIRING
from services.job_posting.wage import daily_fen, to_fen
from services.problems import Problem, Problems, ServiceError
from services.rights_case import moderation, screening
from services.timeutil import local, now
from services.worker import personal as p
from tables import job_posting as t
from tables.market import Market
from tables.occupation import Occupation

log = logging.getLogger("lingong.job_posting")

MAX_TITLE, MAX_DESCRIPTION, MAX_ADDRESS = 100, 2000, 200
MAX_HEADCOUNT = 200
MAX_WINDOW = timedelta(days=92)
CLOSABLE = ("DRAFT", "HELD", "OPEN", "FILLED")
# The sweep is housekeeping (reads already show EXPIRED, writes judge ended windows
# themselves): once a minute per process is plenty. It runs in the background
# (`sweep_periodically`, started by app.py's lifespan), in batches (expiry.SWEEP_BATCH).
SWEEP_INTERVAL_SECONDS = 60.0
_last_sweep = -1e9
_sweepers = 0  # background sweepers running in this process


@dataclass
class PostingDraft:
    occupation_id: int | None
    market_id: int | None
    market_given: bool
    title: str
    description: str
    headcount: int
    wage_amount: Decimal
    wage_unit: str
    starts_at: datetime
    ends_at: datetime
    address: str
    region_code: str
    latitude: float | None = None
    longitude: float | None = None
    same_day: bool = False
    prefer_assisted: bool = False
    # Staff flag public-welfare jobs in the admin; not an employer's choice (nor editable by
    # one), so only `create` reads it.
    public_welfare: bool = False


def effective_status(status: str, ends_at: datetime, moment: datetime | None = None) -> str:
    if status in EXPIRING and ends_at <= (moment or now()):
        return "EXPIRED"
    return status


def _text(value: str, limit: int, problems: Problems, *path: str, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", "请填写此项", *path)
    elif len(text) > limit:
        problems.add("TOO_LONG", f"不超过 {limit} 个字", *path)
    return text


def check_window(draft: PostingDraft, problems: Problems) -> None:
    naive = False
    for name, moment in (("startsAt", draft.starts_at), ("endsAt", draft.ends_at)):
        if moment.tzinfo is None:
            problems.add("INVALID_TIME", "时间须带时区，例如 2026-12-01T08:00:00+08:00", name)
            naive = True
    if naive:
        return
    if draft.ends_at <= draft.starts_at:
        problems.add("INVALID_WINDOW", "结束时间须晚于开始时间", "endsAt")
    elif draft.ends_at - draft.starts_at > MAX_WINDOW:
        problems.add("INVALID_WINDOW", "工作时段不能超过 92 天", "endsAt")
    elif draft.ends_at <= now():
        problems.add("WINDOW_IN_PAST", "工作时段已经结束", "endsAt")


async def validated_columns(draft: PostingDraft, problems: Problems) -> dict:
    """The columns of a posting from a draft (create, and editing a draft); every problem is
    recorded before the caller raises."""
    title = _text(draft.title, MAX_TITLE, problems, "title")
    description = _text(draft.description, MAX_DESCRIPTION, problems, "description", required=False)
    if not 1 <= draft.headcount <= MAX_HEADCOUNT:
        problems.add("INVALID_HEADCOUNT", f"招聘人数须为 1 到 {MAX_HEADCOUNT}", "headcount")
    fen = to_fen(draft.wage_amount, draft.wage_unit, problems, "wage")
    check_window(draft, problems)
    address = _text(draft.address, MAX_ADDRESS, problems, "place", "address")
    region_id = await p.county_id(draft.region_code, problems, "place", "regionCode")
    if draft.latitude is not None and draft.longitude is not None:
        p.check_location(draft.latitude, draft.longitude, problems, "place", "location")
    elif draft.latitude is not None or draft.longitude is not None:
        # GraphQL's GeoPoint always carries both; a half position from another caller would
        # otherwise fail with a TypeError in the range check.
        problems.add("INVALID_LOCATION", "请同时填写纬度和经度", "place", "location")
    if draft.occupation_id is None or not await Occupation.exists().where(
        Occupation.id == draft.occupation_id
    ):
        problems.add("NOT_FOUND", "工种不存在", "occupationId")
    if draft.market_given:
        market = (
            await Market.select(Market.status).where(Market.id == draft.market_id).first()
            if draft.market_id is not None
            else None
        )
        if market is None:
            problems.add("NOT_FOUND", "零工市场不存在", "marketId")
        elif market["status"] != "ACTIVE":
            problems.add("MARKET_NOT_ACTIVE", "该零工市场未在运行", "marketId")
    return {
        "market": draft.market_id if draft.market_given else None,
        "occupation": draft.occupation_id,
        "title": title,
        "description": description,
        "headcount": draft.headcount,
        "wage_fen": fen,
        "wage_unit": draft.wage_unit,
        "daily_wage_fen": daily_fen(fen, draft.wage_unit) if fen is not None else None,
        "starts_at": draft.starts_at,
        "ends_at": draft.ends_at,
        "address": address,
        "region": region_id,
        "latitude": draft.latitude,
        "longitude": draft.longitude,
        "same_day": draft.same_day,
        "prefer_assisted": draft.prefer_assisted,
    }


async def create(employer_id: int, draft: PostingDraft) -> int:
    """Validate everything at once and save a DRAFT."""
    problems = Problems()
    columns = await validated_columns(draft, problems)
    problems.raise_if_any()
    row = t.JobPosting(
        employer=employer_id, status="DRAFT", public_welfare=draft.public_welfare, **columns
    )
    rows = await t.JobPosting.insert(row).returning(t.JobPosting.id)
    return rows[0]["id"]


async def _own(employer_id: int, posting_id: int | None) -> dict:
    row = None
    if posting_id is not None:
        row = await p.for_update(
            t.JobPosting.select(
                t.JobPosting.id,
                t.JobPosting.status,
                t.JobPosting.starts_at,
                t.JobPosting.ends_at,
                t.JobPosting.same_day,
                t.JobPosting.title,
                t.JobPosting.description,
            ).where((t.JobPosting.id == posting_id) & (t.JobPosting.employer == employer_id))
        ).first()
    if row is None:
        raise ServiceError([Problem("NOT_FOUND", "招工信息不存在", ("id",))])
    return row


async def publish(employer_id: int, posting_id: int | None) -> int:
    """DRAFT → OPEN for a verified employer without wage arrears; announced on the live board
    in the same transaction, so a rolled-back publish is never announced. Text with
    discriminatory requirements goes to HELD instead, for staff review. Returns its id."""
    await expire_due()
    async with write_transaction():
        row = await _own(employer_id, posting_id)
        if effective_status(row["status"], row["ends_at"]) != "DRAFT":
            raise ServiceError([Problem("INVALID_STATE", "只有草稿可以发布", ("id",))])
        problems = Problems()
        await publishing_problems(employer_id, problems)
        moment = now()
        if row["starts_at"] <= moment:
            problems.add("WINDOW_IN_PAST", "工作已经开始，不能再发布", "startsAt")
        elif row["same_day"] and local(row["starts_at"]).date() != local(moment).date():
            problems.add("SAME_DAY_MISMATCH", "当日到岗的岗位须在今天开工", "sameDay")
        problems.raise_if_any()
        # （十六）: discriminatory requirements are held for staff review, terms shown.
        terms = screening.matched_terms(row["title"], row["description"] or "")
        if terms:
            await t.JobPosting.update(
                {t.JobPosting.status: "HELD", t.JobPosting.version: t.JobPosting.version + 1}
            ).where((t.JobPosting.id == posting_id) & (t.JobPosting.status == "DRAFT"))
            await moderation.hold(row["id"], terms)
            return row["id"]
        await t.JobPosting.update(
            {
                t.JobPosting.status: "OPEN",
                t.JobPosting.published_at: moment,
                t.JobPosting.version: t.JobPosting.version + 1,
            }
        ).where((t.JobPosting.id == posting_id) & (t.JobPosting.status == "DRAFT"))
        await board.announce(row["id"])
    board.after_commit(row["id"])
    return row["id"]


async def close(employer_id: int, posting_id: int | None) -> int:
    """Stop hiring; pending applications are cancelled, confirmed shifts stand. Returns its id."""
    await expire_due()
    async with write_transaction():
        row = await _own(employer_id, posting_id)
        if effective_status(row["status"], row["ends_at"]) not in CLOSABLE:
            raise ServiceError([Problem("INVALID_STATE", "该招工信息已关闭或已过期", ("id",))])
        moment = now()
        await t.JobPosting.update(
            {
                t.JobPosting.status: "CLOSED",
                t.JobPosting.closed_at: moment,
                t.JobPosting.version: t.JobPosting.version + 1,
            }
        ).where((t.JobPosting.id == posting_id) & t.JobPosting.status.is_in(list(CLOSABLE)))
        # A FILLED posting closed after its window: its pending applications are what the
        # sweep cancels, with its reason, whether it has run yet or not.
        reason = expiry.EXPIRED_REASON if row["ends_at"] <= moment else "招工信息已关闭"
        await expiry.cancel_pending(t.JobApplication.posting == posting_id, reason, moment)
    return row["id"]


async def sweep_expired(
    moment: datetime | None = None,
    *,
    batch: int = expiry.SWEEP_BATCH,
    batches: int | None = None,
    stop: asyncio.Event | None = None,
) -> int:
    """Idempotent: store EXPIRED for drafts and open postings whose window has ended, and
    cancel every pending application whose shift has ended, in short transactions
    (services/job_posting/expiry.py). Returns how many postings expired."""
    return await expiry.sweep(moment or now(), batch=batch, batches=batches, stop=stop)


async def expire_due() -> None:
    """Where no background sweeper runs in this process (no lifespan: scripts, an ASGI test
    transport), a write runs one bounded sweep (one batch of each kind) at most once per
    interval; a failure here never fails the caller's request. With the sweeper running it
    returns at once: no request waits for housekeeping. No write depends on it either: each
    judges ended windows itself (effective_status, `ends_at` in its conditions)."""
    global _last_sweep
    if _sweepers or time.monotonic() - _last_sweep < SWEEP_INTERVAL_SECONDS:
        return
    _last_sweep = time.monotonic()
    try:
        await sweep_expired(batches=1)
    except Exception:  # housekeeping only: reads already treat ended windows as expired
        log.warning("expiry sweep failed", exc_info=True)


async def sweep_periodically(stop: asyncio.Event, interval: float | None = None) -> None:
    """The background sweeper (one per worker process: sweeps are idempotent, and each skips
    the rows another holds): a whole sweep at once, then one every `interval` seconds
    (SWEEP_INTERVAL_SECONDS when not given), until `stop` is set, which also ends a sweep
    between two batches. A failed sweep is logged and the next one runs after the interval."""
    global _sweepers
    _sweepers += 1
    try:
        while not stop.is_set():
            try:
                await sweep_expired(stop=stop)
            except Exception:
                log.warning("expiry sweep failed", exc_info=True)
            wait = SWEEP_INTERVAL_SECONDS if interval is None else interval
            try:
                await asyncio.wait_for(stop.wait(), wait if math.isfinite(wait) else None)
            except TimeoutError:
                pass
    finally:
        _sweepers -= 1
