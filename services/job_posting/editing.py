"""Editing a posting (jobPostingUpdate). A draft changes freely, under the rules of a new one.
Once published, only the wage, the work window, the headcount and the description change, and
never against the workers already confirmed: the headcount stays at or above them, their wage is
not cut (nor its unit changed), nothing moves once the work has started, and each of them is told
what changed on their shift (JobApplication.postingChange)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from services.db import write_transaction
from services.job_posting import rules
from services.job_posting.wage import daily_fen, to_fen, to_yuan
from services.keep import KEEP
from services.problems import Problem, Problems, ServiceError
from services.rights_case import screening
from services.timeutil import local, now
from services.worker import personal as p
from tables import job_posting as t
from tables.region import Region

EDITABLE_WHEN_PUBLISHED = ("description", "headcount", "wage", "starts_at", "ends_at")
PUBLISHED = ("OPEN", "FILLED")
HOLDING = ("CONFIRMED", "CHECKED_IN")  # shifts the employer has committed to
MOVING = ("APPLIED", "CONFIRMED")  # applications whose copied window follows the posting
_API_NAMES = {"starts_at": "startsAt", "ends_at": "endsAt", "occupation_id": "occupationId"}
_UNITS = {"HOUR": "小时", "DAY": "天", "PIECE": "件", "MONTH": "月"}


@dataclass
class PostingChanges:
    """What the employer sent; KEEP for what they left out. `wage` is (amount, unit); `place`
    is (address, region code, latitude, longitude)."""

    occupation_id: Any = KEEP
    market_id: Any = KEEP
    title: Any = KEEP
    description: Any = KEEP
    headcount: Any = KEEP
    wage: Any = KEEP
    starts_at: Any = KEEP
    ends_at: Any = KEEP
    place: Any = KEEP
    same_day: Any = KEEP
    prefer_assisted: Any = KEEP

    def given(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) is not KEEP]


async def update(employer_id: int, posting_id: int | None, changes: PostingChanges) -> int:
    """Apply the changes to the employer's posting; all checked first, nothing written on any
    problem. Returns the posting's id."""
    await rules.expire_due()
    async with write_transaction():
        row = await _locked(employer_id, posting_id)
        status = rules.effective_status(row["status"], row["ends_at"])
        if status == "DRAFT":
            await _update_draft(row, changes)
        elif status in PUBLISHED:
            await _update_published(row, changes)
        else:
            raise ServiceError(
                [Problem("INVALID_STATE", "只有草稿或招聘中、已招满的招工信息可以修改", ("id",))]
            )
    return row["id"]


async def _locked(employer_id: int, posting_id: int | None) -> dict:
    row = None
    if posting_id is not None:
        row = await p.for_update(
            t.JobPosting.select().where(
                (t.JobPosting.id == posting_id) & (t.JobPosting.employer == employer_id)
            )
        ).first()
    if row is None:
        raise ServiceError([Problem("NOT_FOUND", "招工信息不存在", ("id",))])
    # (PostgreSQL locks no row through an outer join: the region's code is read apart)
    region = await Region.select(Region.code).where(Region.id == row["region"]).first()
    return {**row, "region.code": region["code"] if region else ""}


def _draft_of(row: dict) -> rules.PostingDraft:
    return rules.PostingDraft(
        occupation_id=row["occupation"],
        market_id=row["market"],
        market_given=row["market"] is not None,
        title=row["title"],
        description=row["description"] or "",
        headcount=row["headcount"],
        wage_amount=to_yuan(row["wage_fen"]),
        wage_unit=row["wage_unit"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        address=row["address"],
        region_code=row["region.code"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        same_day=row["same_day"],
        prefer_assisted=row["prefer_assisted"],
    )


def _merged(draft: rules.PostingDraft, changes: PostingChanges) -> rules.PostingDraft:
    values: dict[str, Any] = {}
    for name in changes.given():
        value = getattr(changes, name)
        if name == "wage":
            values.update(wage_amount=value[0], wage_unit=value[1])
        elif name == "place":
            address, region_code, latitude, longitude = value
            values.update(
                address=address, region_code=region_code, latitude=latitude, longitude=longitude
            )
        elif name == "market_id":
            values.update(market_id=value, market_given=value is not None)
        else:
            values[name] = value
    return replace(draft, **values)


async def _update_draft(row: dict, changes: PostingChanges) -> None:
    problems = Problems()
    columns = await rules.validated_columns(_merged(_draft_of(row), changes), problems)
    problems.raise_if_any()
    await t.JobPosting.update(
        {**columns, "version": t.JobPosting.version + 1, "updated_at": now()}
    ).where((t.JobPosting.id == row["id"]) & (t.JobPosting.status == "DRAFT"))


async def _update_published(row: dict, changes: PostingChanges) -> None:
    problems = Problems()
    for name in changes.given():
        if name not in EDITABLE_WHEN_PUBLISHED:
            problems.add(
                "FIELD_LOCKED",
                "已发布的招工信息只能修改工资、工作时间、招聘人数和岗位说明",
                _API_NAMES.get(name, name),
            )
    problems.raise_if_any()
    moment = now()
    if row["starts_at"] <= moment:
        raise ServiceError([Problem("STARTED", "工作已经开始，不能再修改", ("id",))])
    draft = _merged(_draft_of(row), changes)
    headcount, description = draft.headcount, draft.description.strip()
    if not 1 <= headcount <= rules.MAX_HEADCOUNT:
        problems.add("INVALID_HEADCOUNT", f"招聘人数须为 1 到 {rules.MAX_HEADCOUNT}", "headcount")
    elif headcount < row["confirmed_count"]:
        problems.add(
            "HEADCOUNT_BELOW_CONFIRMED",
            f"已确认 {row['confirmed_count']} 人，招聘人数不能少于已确认人数",
            "headcount",
        )
    if len(description) > rules.MAX_DESCRIPTION:
        problems.add("TOO_LONG", f"不超过 {rules.MAX_DESCRIPTION} 个字", "description")
    elif screening.matched_terms(row["title"], description):
        terms = "、".join(screening.matched_terms(row["title"], description))
        problems.add("DISCRIMINATORY", f"岗位说明含有歧视性要求：{terms}", "description")
    fen = to_fen(draft.wage_amount, draft.wage_unit, problems, "wage")
    holding = await t.JobApplication.count().where(
        (t.JobApplication.posting == row["id"]) & t.JobApplication.status.is_in(list(HOLDING))
    )
    if (
        fen is not None
        and holding
        and (draft.wage_unit != row["wage_unit"] or fen < row["wage_fen"])
    ):
        problems.add("WAGE_CUT", "已有零工确认，工资不能降低，也不能改变计薪方式", "wage", "amount")
    rules.check_window(draft, problems)
    problems.raise_if_any()
    assert fen is not None
    told = _what_changed(row, fen, draft.wage_unit, draft.starts_at, draft.ends_at)
    await t.JobPosting.update(
        {
            t.JobPosting.description: description,
            t.JobPosting.headcount: headcount,
            t.JobPosting.wage_fen: fen,
            t.JobPosting.wage_unit: draft.wage_unit,
            t.JobPosting.daily_wage_fen: daily_fen(fen, draft.wage_unit),
            t.JobPosting.starts_at: draft.starts_at,
            t.JobPosting.ends_at: draft.ends_at,
            # More places reopen a filled posting; as many as confirmed fill it.
            t.JobPosting.status: "FILLED" if headcount == row["confirmed_count"] else "OPEN",
            t.JobPosting.version: t.JobPosting.version + 1,
            t.JobPosting.updated_at: moment,
        }
    ).where((t.JobPosting.id == row["id"]) & t.JobPosting.status.is_in(list(PUBLISHED)))
    active = (t.JobApplication.posting == row["id"]) & t.JobApplication.status.is_in(list(MOVING))
    await t.JobApplication.update(
        {t.JobApplication.starts_at: draft.starts_at, t.JobApplication.ends_at: draft.ends_at}
    ).where(active)
    if told:
        await t.JobApplication.update(
            {
                t.JobApplication.posting_change: told,
                t.JobApplication.posting_changed_at: moment,
                t.JobApplication.version: t.JobApplication.version + 1,
            }
        ).where((t.JobApplication.posting == row["id"]) & (t.JobApplication.status == "CONFIRMED"))


def _money(fen: int, unit: str) -> str:
    return f"{to_yuan(fen)} 元/{_UNITS[unit]}"


def _when(moment: datetime) -> str:
    return local(moment).strftime("%m月%d日 %H:%M")


def _what_changed(row: dict, fen: int, unit: str, starts_at: datetime, ends_at: datetime) -> str:
    """What a confirmed worker is told, in Chinese; empty when nothing that concerns them
    changed (the headcount or the description)."""
    told = []
    if (fen, unit) != (row["wage_fen"], row["wage_unit"]):
        told.append(
            f"工资由 {_money(row['wage_fen'], row['wage_unit'])} 调整为 {_money(fen, unit)}"
        )
    if (starts_at, ends_at) != (row["starts_at"], row["ends_at"]):
        before = f"{_when(row['starts_at'])}—{_when(row['ends_at'])}"
        told.append(f"工作时间由 {before} 调整为 {_when(starts_at)}—{_when(ends_at)}")
    return "；".join(told)
