"""The audit chain: keyed hashes linking every row, so edits and deletions are detectable."""

from __future__ import annotations

import asyncio
import hashlib
import json

import pytest
from piccolo.engine import engine_finder

from services.audit import rules as audit
from services.audit.rules import GENESIS, Actor, record, verify_chain
from tables.audit import AuditLog

STAFF = Actor("STAFF", 7)


async def tamper(statement: str, *args) -> None:
    """Change audit rows behind the application's back. PostgreSQL refuses that unless the
    transaction opts in, exactly as the test clean-up does."""
    engine = engine_finder()
    async with engine.transaction():
        if engine.engine_type == "postgres":
            await AuditLog.raw("SET LOCAL lingong.allow_audit_purge = 'on'")
        await AuditLog.raw(statement, *args)


async def three_rows() -> list[int]:
    for n in range(3):
        await record(STAFF, "assessment.run", "assessment", n + 1, before=None, after={"n": n})
    return [r["id"] for r in await AuditLog.select(AuditLog.id).order_by(AuditLog.id)]


async def test_an_intact_chain_verifies_and_reports_its_head():
    # given
    ids = await three_rows()

    # when
    report = await verify_chain()

    # then
    last = await AuditLog.select().where(AuditLog.id == ids[-1]).first()
    assert (report.ok, report.rows, report.first_bad_id, report.head) == (
        True,
        3,
        None,
        last["hash"],
    )
    first = await AuditLog.select().where(AuditLog.id == ids[0]).first()
    assert first["prev_hash"] == GENESIS
    assert json.loads(first["after"]) == {"n": 0}


async def test_an_edited_row_is_found():
    # given
    ids = await three_rows()

    # when
    await tamper("UPDATE audit_log SET after = {} WHERE id = {}", '{"n":99}', ids[1])
    report = await verify_chain()

    # then
    assert (report.ok, report.rows, report.first_bad_id, report.problem) == (
        False,
        1,
        ids[1],
        "记录内容与哈希不符：该记录被改动",
    )


async def test_an_edit_with_a_recomputed_plain_hash_is_still_found():
    # given: someone with database access but without the secret key rewrites row 2 and
    # recomputes a SHA-256 over the same fields
    ids = await three_rows()
    row = await AuditLog.select().where(AuditLog.id == ids[1]).first()
    forged = {**audit._fields(row), "after": '{"n":99}'}
    digest = hashlib.sha256((row["prev_hash"] + audit.canonical(forged)).encode()).hexdigest()

    # when
    await tamper(
        "UPDATE audit_log SET after = {}, hash = {} WHERE id = {}", '{"n":99}', digest, ids[1]
    )
    report = await verify_chain()

    # then
    assert (report.ok, report.first_bad_id) == (False, ids[1])


async def test_a_deleted_row_is_found():
    # given
    ids = await three_rows()

    # when
    await tamper("DELETE FROM audit_log WHERE id = {}", ids[1])
    report = await verify_chain()

    # then: the row after the gap no longer links to its predecessor
    assert (report.ok, report.rows, report.first_bad_id, report.problem) == (
        False,
        1,
        ids[2],
        "链接断开：上一条记录被删除或改动",
    )


async def test_a_deleted_middle_row_is_found_even_with_the_next_row_relinked():
    # given: row 2 deleted and row 3 pointed at row 1's hash by someone without the key, who
    # cannot re-sign row 3
    ids = await three_rows()
    first = await AuditLog.select(AuditLog.hash).where(AuditLog.id == ids[0]).first()

    # when
    await tamper("DELETE FROM audit_log WHERE id = {}", ids[1])
    await tamper("UPDATE audit_log SET prev_hash = {} WHERE id = {}", first["hash"], ids[2])
    report = await verify_chain()

    # then: the link looks intact, but row 3's hash was keyed with the deleted row's hash
    assert (report.ok, report.rows, report.first_bad_id, report.problem, report.head) == (
        False,
        1,
        ids[2],
        "记录内容与哈希不符：该记录被改动",
        first["hash"],
    )


async def test_a_deleted_tail_shows_as_a_different_head():
    # given
    ids = await three_rows()
    head = (await verify_chain()).head

    # when
    await tamper("DELETE FROM audit_log WHERE id = {}", ids[2])
    report = await verify_chain()

    # then: still a valid chain, but shorter and with another head than the one kept
    assert (report.ok, report.rows) == (True, 2)
    assert report.head != head


async def test_concurrent_appenders_keep_one_linear_chain():
    # when: twenty records at once, each outside any transaction of its caller
    await asyncio.gather(*(record(STAFF, "assessment.run", "assessment", n) for n in range(20)))

    # then
    report = await verify_chain()
    assert (report.ok, report.rows) == (True, 20)


@pytest.mark.skipif(
    engine_finder().engine_type != "postgres", reason="the append-only trigger is PostgreSQL's"
)
async def test_postgresql_refuses_to_change_or_delete_audit_rows():
    # given
    ids = await three_rows()
    before = await AuditLog.select().order_by(AuditLog.id)

    # when / then
    for statement in (
        f"UPDATE audit_log SET after = '{{}}' WHERE id = {ids[0]}",
        f"DELETE FROM audit_log WHERE id = {ids[0]}",
        "TRUNCATE audit_log",
    ):
        with pytest.raises(Exception, match="audit_log is append-only"):
            await AuditLog.raw(statement)
    assert await AuditLog.select().order_by(AuditLog.id) == before
