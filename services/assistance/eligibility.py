"""Who may see and apply to public-welfare jobs (公益性岗位, （十）): workers with employment
difficulties, as the tiered service recognises them.

The rule: a worker is eligible when the tier in force (services/assistance/tier.py) is KEY or
ASSISTED. The tier rules already turn every assistance category a worker declared (大龄, 残疾,
低收入家庭, 待工时间长), being 50 or older and waiting 180 days without a completed shift into at
least KEY, so each of those makes a worker eligible; a staff override with a reason decides
either way (an override to GENERAL withdraws it, one to KEY or ASSISTED grants it), because the
policy leaves who counts as having difficulties to the local employment service."""

from __future__ import annotations

from services.assistance.tier import tiers

ELIGIBLE_TIERS = ("KEY", "ASSISTED")
NOT_ELIGIBLE = "该岗位为公益性岗位，仅限重点服务或援助服务对象（就业困难人员）报名"


async def eligible(worker_ids: list[int]) -> dict[int, bool]:
    found = await tiers(worker_ids)
    return {i: i in found and found[i].tier in ELIGIBLE_TIERS for i in worker_ids}


async def is_eligible(worker_id: int) -> bool:
    return (await eligible([worker_id]))[worker_id]
