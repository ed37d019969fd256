"""Assessment scheme and indicator guards: edited under the same rules as everywhere else."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from admin.common import column_name, column_values, refuse
from services.assessment import schemes
from tables import assessment as t

# Columns only the workflow moves: approvals raise committed_fen, editors are recorded.
SCHEME_WORKFLOW = ("committed_fen", "last_edited_by")


def _check_scheme(data: dict) -> None:
    if problems := schemes.scheme_row_problems(data):
        refuse("；".join(problems))


async def scheme_pre_save(row, request):
    if row.committed_fen:
        raise HTTPException(status_code=403, detail="已批准奖励由审批自动累计，不能手工填写")
    row.committed_fen = 0
    row.last_edited_by = request.user.user.id
    _check_scheme(
        {c._meta.name: getattr(row, c._meta.name) for c in t.AssessmentScheme._meta.columns}
    )
    return row


async def scheme_pre_patch(row_id, values: dict, request) -> dict:
    scheme = t.AssessmentScheme
    current = await scheme.select().where(scheme.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="考核办法不存在")
    plain = column_values(values)
    for column in SCHEME_WORKFLOW:
        # The edit form sends unchanged columns back; only a changed value is an edit.
        if column in plain and plain[column] != current[column]:
            raise HTTPException(status_code=403, detail=f"{column} 由审批流程维护，不能直接修改")
    assessed = await t.Assessment.exists().where(t.Assessment.scheme == int(row_id))
    if assessed and "year" in plain and plain["year"] != current["year"]:
        raise HTTPException(status_code=422, detail="该办法已用于考核，不能修改年度")
    _check_scheme({**current, **plain})
    kept = {k: v for k, v in values.items() if column_name(k) not in SCHEME_WORKFLOW}
    kept[scheme.last_edited_by] = request.user.user.id
    return kept


async def scheme_pre_delete(row_id):
    if await t.Assessment.exists().where(t.Assessment.scheme == int(row_id)):
        raise HTTPException(status_code=422, detail="该办法已用于考核，不能删除")


def _check_indicator(data: dict) -> None:
    if problems := schemes.indicator_row_problems(data):
        refuse("；".join(problems))


async def indicator_pre_save(row):
    _check_indicator({"indicator": row.indicator, "weight": row.weight, "target": row.target})
    return row


async def indicator_pre_patch(row_id, values: dict) -> dict:
    indicator = t.AssessmentIndicator
    current = await indicator.select().where(indicator.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="考核指标不存在")
    _check_indicator({**current, **column_values(values)})
    return values
