"""`lingong audit-verify`, run as a subprocess against the test database."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from piccolo.engine import engine_finder

from services.audit.rules import Actor, record, verify_chain
from tables.audit import AuditLog

ROOT = Path(__file__).resolve().parents[2]


async def lingong(*args: str) -> tuple[int, str]:
    # The conftest pointed LINGONG_SQLITE_PATH / DATABASE_URL (and the secret key the chain is
    # keyed with) at the test database, so the child process checks the same rows.
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tools.cli",
        *args,
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=180)
    assert process.returncode is not None, err
    return process.returncode, out.decode()


async def test_audit_verify_prints_ok_then_the_first_bad_row_after_tampering():
    # given
    for n in range(3):
        await record(Actor("STAFF", 1), "assessment.run", "assessment", n, after={"n": n})
    head = (await verify_chain()).head

    # when
    intact = await lingong("audit-verify")

    # then
    assert intact == (0, f"OK 审计记录 3 条，哈希链完整；链尾 {head}\n")

    # given: the second row edited behind the application's back
    second = (await AuditLog.select(AuditLog.id).order_by(AuditLog.id).offset(1).first())["id"]
    engine = engine_finder()
    async with engine.transaction():
        if engine.engine_type == "postgres":
            await AuditLog.raw("SET LOCAL lingong.allow_audit_purge = 'on'")
        await AuditLog.update({AuditLog.actor_id: 2}).where(AuditLog.id == second)

    # when
    tampered = await lingong("audit-verify")

    # then
    assert tampered == (
        1,
        f"BAD 审计链在第 {second} 条记录处被破坏：记录内容与哈希不符：该记录被改动（此前 1 条完好）\n",
    )
