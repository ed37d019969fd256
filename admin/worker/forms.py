"""Personal-data reveal (查看完整信息) for workers and employers: a reason, once, audited."""

from __future__ import annotations

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, RowAction, form, run_service, staff_id
from services.policy.matching import CATEGORY_TEXT
from services.worker import reveal as reveal_rules
from tables.employer import Employer
from tables.worker import Worker

GROUP = "即时快招"
REVEAL = "查看完整信息"
WORKER_FORM, EMPLOYER_FORM = "查看零工完整信息", "查看用工主体完整信息"
REASON_TITLE = f"查看事由（必填，至少 {reveal_rules.MIN_REASON} 个字，记入审计日志）"
ROW_ACTIONS = {
    Worker: [RowAction(REVEAL, WORKER_FORM, {"worker_id": ROW_ID})],
    Employer: [RowAction(REVEAL, EMPLOYER_FORM, {"employer_id": ROW_ID})],
}


class WorkerRevealModel(BaseModel):
    worker_id: int = Field(title="零工编号")
    reason: str = Field(title=REASON_TITLE)


class EmployerRevealModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    reason: str = Field(title=REASON_TITLE)


def _shown(revealed: reveal_rules.Revealed) -> str:
    parts = [f"手机号 {revealed.phone}"]
    if revealed.entity_type == "worker":
        parts.append(f"公民身份号码 {revealed.resident_id or '未登记'}")
        labels = [CATEGORY_TEXT.get(c, c) for c in revealed.assistance or []]
        parts.append(f"援助类别 {'、'.join(labels) or '无'}")
    return f"{revealed.name}：{'；'.join(parts)}（仅本次显示，查看已记入审计日志）"


async def reveal_worker(request: Request, data: WorkerRevealModel) -> str:
    revealed = await run_service(
        reveal_rules.reveal(staff_id(request), "worker", data.worker_id, data.reason)
    )
    return _shown(revealed)


async def reveal_employer(request: Request, data: EmployerRevealModel) -> str:
    revealed = await run_service(
        reveal_rules.reveal(staff_id(request), "employer", data.employer_id, data.reason)
    )
    return _shown(revealed)


def worker_forms() -> list[FormConfig]:
    description = "列表只显示脱敏信息；确需完整手机号、身份证号时写明事由查看，每次查看记入审计日志"
    return [
        form(WORKER_FORM, WORKER_FORM, WorkerRevealModel, reveal_worker, description, GROUP),
        form(
            EMPLOYER_FORM, EMPLOYER_FORM, EmployerRevealModel, reveal_employer, description, GROUP
        ),
    ]
