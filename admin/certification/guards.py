"""Certification guards: the workflow moves only through the forms."""

from __future__ import annotations

from piccolo_api.crud.hooks import Hook, HookType

from admin.common import column_names, protected_changes, refuse
from services.certification.rules import OPEN_STATUSES
from tables import certification as t

USE_FORMS = "请使用“示范零工市场认定”中的表单办理，不能直接修改流程字段"


# Everything but the free-text note is moved by the workflow services only.
APPLICATION_EDITABLE = {"decision_note"}


SCORE_SELF_COLUMNS = {"self_score", "self_note"}


EVIDENCE_OPEN = ("SUBMITTED", "CITY_RECOMMENDED")


async def refuse_save(row):
    refuse(USE_FORMS)


def refuse_patch(row_id, values: dict) -> dict:
    refuse(USE_FORMS)


async def refuse_delete(row_id):
    refuse("流程记录不能删除；请使用“不予认定”或“撤销认定”表单")


async def application_pre_patch(row_id, values: dict) -> dict:
    others = {c._meta.name for c in t.CertificationApplication._meta.columns} - APPLICATION_EDITABLE
    if await protected_changes(t.CertificationApplication, row_id, values, others):
        refuse(USE_FORMS)
    return values


async def _application_status(application_id) -> str | None:
    row = (
        await t.CertificationApplication.select(t.CertificationApplication.status)
        .where(t.CertificationApplication.id == application_id)
        .first()
    )
    return row["status"] if row else None


async def score_pre_patch(row_id, values: dict) -> dict:
    # The market's own figures may be corrected before the city acts; assessor scores never.
    score = (
        await t.CertificationScore.select(t.CertificationScore.application)
        .where(t.CertificationScore.id == int(row_id))
        .first()
    )
    others = {c._meta.name for c in t.CertificationScore._meta.columns} - SCORE_SELF_COLUMNS
    if score is None or await protected_changes(t.CertificationScore, row_id, values, others):
        refuse(USE_FORMS)
    if await _application_status(score["application"]) != "SUBMITTED":
        refuse("申报已进入评审，自评分不能再修改")
    return values


async def _evidence_open(application_id) -> None:
    if await _application_status(application_id) not in EVIDENCE_OPEN:
        refuse("申报已进入省级评审，不能再增改证明材料")


async def evidence_pre_save(row):
    await _evidence_open(row.application)
    return row


async def evidence_pre_patch(row_id, values: dict) -> dict:
    row = (
        await t.CertificationEvidence.select(t.CertificationEvidence.application)
        .where(t.CertificationEvidence.id == int(row_id))
        .first()
    )
    if row is None or "application" in column_names(values):
        refuse(USE_FORMS)
    await _evidence_open(row["application"])
    return values


async def evidence_pre_delete(row_id):
    row = (
        await t.CertificationEvidence.select(t.CertificationEvidence.application)
        .where(t.CertificationEvidence.id == int(row_id))
        .first()
    )
    if row is not None:
        await _evidence_open(row["application"])


# Changing how points are counted while applications are in progress would change their verdicts.
SCORING_COLUMNS = {
    "certification_standard": {
        "pass_score",
        "relaxed_pass_score",
        "min_months_operating",
        "publicity_days",
    },
    "certification_item": {"standard", "pass_threshold", "relaxed_threshold"},
    "certification_criterion": {"item", "max_score"},
}


STANDARD_IN_USE = "该标准有在办申报，评分规则暂不能修改（可为下一年度另建标准）"


async def _standard_of(table: str, row_id) -> int | None:
    if table == "certification_standard":
        return int(row_id)
    if table == "certification_item":
        row = (
            await t.CertificationItem.select(t.CertificationItem.standard)
            .where(t.CertificationItem.id == int(row_id))
            .first()
        )
        return row["standard"] if row else None
    row = (
        await t.CertificationCriterion.select(t.CertificationCriterion.item.standard)
        .where(t.CertificationCriterion.id == int(row_id))
        .first()
    )
    return row["item.standard"] if row else None


async def _refuse_if_in_use(standard_id: int | None) -> None:
    A = t.CertificationApplication
    if standard_id is not None and await A.exists().where(
        (A.standard == standard_id) & A.status.is_in(list(OPEN_STATUSES))
    ):
        refuse(STANDARD_IN_USE)


def standard_hooks(table: str) -> list[Hook]:
    """Scoring columns, new items/criteria and deletions wait until no application is open."""

    async def pre_patch(row_id, values: dict) -> dict:
        if column_names(values) & SCORING_COLUMNS[table]:
            await _refuse_if_in_use(await _standard_of(table, row_id))
        return values

    async def pre_delete(row_id):
        await _refuse_if_in_use(await _standard_of(table, row_id))

    async def pre_save(row):
        if table == "certification_item":
            await _refuse_if_in_use(row.standard)
        elif table == "certification_criterion":
            await _refuse_if_in_use(await _standard_of("certification_item", row.item))
        return row

    return [
        Hook(HookType.pre_patch, pre_patch),
        Hook(HookType.pre_delete, pre_delete),
        Hook(HookType.pre_save, pre_save),
    ]


def locked(*extra: Hook) -> list[Hook]:
    return [
        Hook(HookType.pre_save, refuse_save),
        Hook(HookType.pre_delete, refuse_delete),
        *extra,
    ]
