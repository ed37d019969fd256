"""Policy register forms (政策智推): publish and withdraw an item, each started from the record
(⋮) with its id filled in; services/policy checks the rules and audits the step."""

from __future__ import annotations

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, RowAction, form, run_service, staff_id
from services.audit.rules import Actor
from services.policy import rules
from tables import policy as t

GROUP = "政策智推"
PUBLISH, WITHDRAW = "policy-publish", "policy-withdraw"

ROW_ACTIONS = {
    t.PolicyItem: [
        RowAction("发布政策", PUBLISH, {"policy_id": ROW_ID}),
        RowAction("撤回政策", WITHDRAW, {"policy_id": ROW_ID}),
    ]
}


class PolicyModel(BaseModel):
    policy_id: int = Field(title="政策条目编号")


def _actor(request: Request) -> Actor:
    return Actor("STAFF", staff_id(request))


async def publish(request: Request, data: PolicyModel) -> str:
    await run_service(rules.publish(_actor(request), data.policy_id))
    return f"政策条目 {data.policy_id} 已发布，生效期内将推送给适用对象"


async def withdraw(request: Request, data: PolicyModel) -> str:
    await run_service(rules.withdraw(_actor(request), data.policy_id))
    return f"政策条目 {data.policy_id} 已撤回，不再公开和推送"


def policy_forms() -> list[FormConfig]:
    return [
        form(
            PUBLISH, "发布政策", PolicyModel, publish, "草稿或已撤回的政策发布后公开并推送", GROUP
        ),
        form(
            WITHDRAW, "撤回政策", PolicyModel, withdraw, "已发布的政策撤回后不再公开和推送", GROUP
        ),
    ]
