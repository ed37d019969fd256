"""One step of a case: the step row and its audit entry, written in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.audit.rules import Actor, record
from tables import rights_case as t

ENTITY = "rights_case"


async def add_step(
    actor: Actor,
    case_id: int,
    action: str,
    status: str,
    department: str,
    note: str,
    before: Any,
    after: Any,
    moment: datetime,
) -> None:
    await t.RightsCaseStep.insert(
        t.RightsCaseStep(
            rights_case=case_id,
            action=action,
            status=status,
            department=department,
            actor_role=actor.type,
            actor_id=actor.id,
            note=note,
            occurred_at=moment,
        )
    )
    await record(actor, f"{ENTITY}.{action.lower()}", ENTITY, case_id, before=before, after=after)
