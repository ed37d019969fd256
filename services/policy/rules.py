"""Policy item rules (政策智推, （十二））: validate a draft, create, publish, withdraw; which
items are in effect on a day (Asia/Shanghai)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from services.audit import rules as audit
from services.db import write_transaction
from services.problems import Problem, Problems, ServiceError
from services.timeutil import local, now
from tables import policy as t

MAX_TITLE, MAX_SUMMARY, MAX_BODY, MAX_DOCUMENT, MAX_CLAUSE = 100, 300, 10_000, 60, 20
REGIONS = frozenset(c.value.value for c in t.RegionChoice)
PROVINCE = "330000"
CATEGORIES = tuple(c.value.value for c in t.AssistanceChoice)
OCCUPATIONS = frozenset(c.value.value for c in t.OccupationChoice)
ROLES = tuple(c.value.value for c in t.AudienceRole)
TIERS = tuple(c.value.value for c in t.ServiceTier)
# 浙人社发〔2023〕5号: issuer, year in 〔〕 (also typed as [] or 【】), number, 号.
DOCUMENT = re.compile(r"^(?P<issuer>\S+?)[〔\[【](?P<year>\d{4})[〕\]】](?P<no>\d{1,4})号$")
# （十一）: a Chinese numeral in full-width or half-width parentheses.
CLAUSE = re.compile(r"^[（(](?P<n>[一二三四五六七八九十百]{1,4})[)）]$")


@dataclass
class PolicyDraft:
    title: str = ""
    summary: str = ""
    body: str = ""
    issuing_document: str = ""
    clause: str = ""
    effective_from: date | None = None
    effective_to: date | None = None
    regions: list[str] = field(default_factory=list)
    assistance_categories: list[str] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    service_tiers: list[str] = field(default_factory=list)


def today(moment: datetime | None = None) -> date:
    """The calendar day in Asia/Shanghai: an item is in effect for whole local days."""
    return local(moment or now()).date()


def in_effect(row: dict, day: date) -> bool:
    return row["effective_from"] <= day and (
        row["effective_to"] is None or row["effective_to"] >= day
    )


def _text(value: str | None, limit: int, problems: Problems, path: str, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", "请填写此项", path)
    elif len(text) > limit:
        problems.add("TOO_LONG", f"不超过 {limit} 个字", path)
    elif "\x00" in text:
        problems.add("INVALID_TEXT", "含有不可见的控制字符", path)
    return text


def _choices(
    values: list[str] | None, allowed, problems: Problems, path: str, what: str
) -> list[str]:
    """Unique values in the order given; every unknown one is named."""
    out: list[str] = []
    for value in values or []:
        value = str(value).strip()
        if value not in allowed:
            problems.add("INVALID_AUDIENCE", f"{what}“{value}”不存在", path)
        elif value not in out:
            out.append(value)
    return out


def clean(draft: PolicyDraft) -> tuple[PolicyDraft, Problems]:
    """Every problem of a draft at once, and the draft as it is stored (trimmed, normalised)."""
    problems = Problems()
    document = re.sub(r"\s+", "", draft.issuing_document or "")
    clause = (draft.clause or "").strip()
    out = PolicyDraft(
        title=_text(draft.title, MAX_TITLE, problems, "title", True),
        summary=_text(draft.summary, MAX_SUMMARY, problems, "summary", True),
        body=_text(draft.body, MAX_BODY, problems, "body", False),
        issuing_document=document,
        clause=clause,
        effective_from=draft.effective_from,
        effective_to=draft.effective_to,
    )
    matched = DOCUMENT.fullmatch(document)
    if not document:
        problems.add("REQUIRED", "请填写发文字号", "issuingDocument")
    elif len(document) > MAX_DOCUMENT or matched is None:
        problems.add("INVALID_DOCUMENT", "发文字号格式应如“浙人社发〔2023〕5号”", "issuingDocument")
    else:
        out.issuing_document = f"{matched['issuer']}〔{matched['year']}〕{matched['no']}号"
    if clause:
        numbered = CLAUSE.fullmatch(clause)
        if numbered is None:
            problems.add("INVALID_CLAUSE", "条款应写作“（十一）”这样的序号", "clause")
        else:
            out.clause = f"（{numbered['n']}）"
    if draft.effective_from is None:
        problems.add("REQUIRED", "请填写生效日期", "effectiveFrom")
    elif draft.effective_to is not None and draft.effective_to < draft.effective_from:
        problems.add("INVALID_DATES", "失效日期不能早于生效日期", "effectiveTo")
    out.regions = _choices(draft.regions, REGIONS, problems, "regions", "地区")
    if not out.regions and not draft.regions:
        problems.add("REQUIRED", "请至少选择一个适用地区（全省适用请选“浙江省”）", "regions")
    out.roles = _choices(draft.roles, ROLES, problems, "roles", "对象")
    if not out.roles and not draft.roles:
        problems.add("REQUIRED", "请至少选择一类适用对象（零工、用工主体或运营机构）", "roles")
    out.assistance_categories = _choices(
        draft.assistance_categories, CATEGORIES, problems, "assistanceCategories", "援助类别"
    )
    out.occupations = _choices(draft.occupations, OCCUPATIONS, problems, "occupations", "工种")
    out.service_tiers = _choices(draft.service_tiers, TIERS, problems, "serviceTiers", "服务等级")
    if out.roles and out.assistance_categories and "WORKER" not in out.roles:
        problems.add(
            "INVALID_AUDIENCE", "按就业援助类别推送的政策须面向零工", "assistanceCategories"
        )
    if out.roles and out.service_tiers and "WORKER" not in out.roles:
        problems.add("INVALID_AUDIENCE", "按分级服务等级推送的政策须面向零工", "serviceTiers")
    if out.roles and out.occupations and not {"WORKER", "EMPLOYER"} & set(out.roles):
        problems.add("INVALID_AUDIENCE", "按工种推送的政策须面向零工或用工主体", "occupations")
    return out, problems


def columns(draft: PolicyDraft) -> dict:
    """A clean draft as column values."""
    return {
        "title": draft.title,
        "summary": draft.summary,
        "body": draft.body,
        "issuing_document": draft.issuing_document,
        "clause": draft.clause,
        "effective_from": draft.effective_from,
        "effective_to": draft.effective_to,
        "regions": draft.regions,
        "assistance_categories": draft.assistance_categories,
        "occupations": draft.occupations,
        "roles": draft.roles,
        "service_tiers": draft.service_tiers,
    }


async def create(actor: audit.Actor, draft: PolicyDraft) -> int:
    """Validate everything at once and save a DRAFT (audited). Returns its id."""
    cleaned, problems = clean(draft)
    problems.raise_if_any()
    async with write_transaction():
        await audit.serialise()
        rows = await t.PolicyItem.insert(
            t.PolicyItem(**columns(cleaned), status="DRAFT")
        ).returning(t.PolicyItem.id)
        policy_id = rows[0]["id"]
        await audit.record(actor, "policy.create", "policy_item", policy_id)
    return policy_id


async def _current(policy_id: int | None) -> dict:
    row = (
        await t.PolicyItem.select().where(t.PolicyItem.id == policy_id).first()
        if policy_id is not None
        else None
    )
    if row is None:
        raise ServiceError([Problem("NOT_FOUND", "政策条目不存在", ("id",))])
    return row


async def publish(actor: audit.Actor, policy_id: int | None) -> int:
    """DRAFT or WITHDRAWN → PUBLISHED, if it is still valid and not expired."""
    async with write_transaction():
        await audit.serialise()
        row = await _current(policy_id)
        if row["status"] == "PUBLISHED":
            raise ServiceError([Problem("INVALID_STATE", "该政策已发布", ("id",))])
        _, problems = clean(PolicyDraft(**{k: row[k] for k in columns(PolicyDraft())}))
        if row["effective_to"] is not None and row["effective_to"] < today():
            problems.add("EXPIRED", "该政策已过失效日期，不能发布", "effectiveTo")
        problems.raise_if_any()
        changed = (
            await t.PolicyItem.update(
                {
                    t.PolicyItem.status: "PUBLISHED",
                    t.PolicyItem.published_at: now(),
                    t.PolicyItem.withdrawn_at: None,
                    t.PolicyItem.version: t.PolicyItem.version + 1,
                }
            )
            .where((t.PolicyItem.id == row["id"]) & (t.PolicyItem.version == row["version"]))
            .returning(t.PolicyItem.id)
        )
        if not changed:
            raise ServiceError([Problem("CONFLICT", "该政策刚被他人修改，请刷新后重试", ("id",))])
        await audit.record(
            actor,
            "policy.publish",
            "policy_item",
            row["id"],
            {"status": row["status"]},
            {"status": "PUBLISHED"},
        )
    return row["id"]


async def withdraw(actor: audit.Actor, policy_id: int | None) -> int:
    """PUBLISHED → WITHDRAWN: no longer listed or pushed; it can be published again."""
    async with write_transaction():
        await audit.serialise()
        row = await _current(policy_id)
        if row["status"] != "PUBLISHED":
            raise ServiceError([Problem("INVALID_STATE", "只有已发布的政策可以撤回", ("id",))])
        changed = (
            await t.PolicyItem.update(
                {
                    t.PolicyItem.status: "WITHDRAWN",
                    t.PolicyItem.withdrawn_at: now(),
                    t.PolicyItem.version: t.PolicyItem.version + 1,
                }
            )
            .where((t.PolicyItem.id == row["id"]) & (t.PolicyItem.version == row["version"]))
            .returning(t.PolicyItem.id)
        )
        if not changed:
            raise ServiceError([Problem("CONFLICT", "该政策刚被他人修改，请刷新后重试", ("id",))])
        await audit.record(
            actor,
            "policy.withdraw",
            "policy_item",
            row["id"],
            {"status": "PUBLISHED"},
            {"status": "WITHDRAWN"},
        )
    return row["id"]
