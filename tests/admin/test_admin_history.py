"""Every admin create, edit and delete is in the audit chain, with before and after."""

from __future__ import annotations

from datetime import time

from piccolo.apps.user.tables import BaseUser

from services.audit.rules import verify_chain
from tables import market as t
from tables.audit import AuditLog
from tests.fixtures.market import make_market, make_operator


async def _entries(entity: str) -> list[dict]:
    return await (
        AuditLog.select(
            AuditLog.actor_type,
            AuditLog.action,
            AuditLog.entity_type,
            AuditLog.entity_id,
            AuditLog.before,
            AuditLog.after,
        )
        .where(AuditLog.entity_type == entity)
        .order_by(AuditLog.id)
    )


async def test_an_admin_edit_records_the_changed_columns_before_and_after(client, staff):
    # given a market
    market_id = await make_market(name="上城区望江综合零工市场", operator_id=await make_operator())
    before = await t.Market.select().where(t.Market.id == market_id).first()

    # when staff change its address and labour brand
    response = await client.patch(
        f"/admin/api/tables/market/{market_id}/",
        json={"address": "杭州市上城区望江路1号", "labour_brand": "望江师傅"},
        headers=staff,
    )

    # then one entry names the staff member and holds exactly what changed
    assert response.status_code == 200, response.text
    after = await t.Market.select().where(t.Market.id == market_id).first()
    [entry] = await _entries("market")
    actor = await AuditLog.select(AuditLog.actor_id).where(AuditLog.entity_type == "market").first()
    staff = await BaseUser.select(BaseUser.id).where(BaseUser.username == "staff").first()
    assert entry == {
        "actor_type": "STAFF",
        "action": "admin.update",
        "entity_type": "market",
        "entity_id": market_id,
        "before": (
            f'{{"address":"{before["address"]}","labour_brand":"{before["labour_brand"]}",'
            f'"updated_at":"{before["updated_at"]}"}}'
        ),
        "after": (
            '{"address":"杭州市上城区望江路1号","labour_brand":"望江师傅",'
            f'"updated_at":"{after["updated_at"]}"}}'
        ),
    }
    assert actor == {"actor_id": staff["id"]}  # the signed-in staff member
    assert (await verify_chain()).ok


async def test_creating_and_deleting_a_row_are_recorded_with_the_whole_row(client, staff):
    # given a market without opening hours
    market_id = await make_market(opening_hours=[])

    # when staff add a period, then delete it
    created = await client.post(
        "/admin/api/tables/market_opening_period/",
        json={"market": market_id, "weekday": 2, "opens_at": "08:00:00", "closes_at": "12:00:00"},
        headers=staff,
    )
    period_id = created.json()[0]["id"]
    deleted = await client.delete(
        f"/admin/api/tables/market_opening_period/{period_id}/", headers=staff
    )

    # then both are in the chain with the row's values
    assert (created.status_code, deleted.status_code) == (201, 204)
    row = f'{{"closes_at":"12:00:00","market":{market_id},"opens_at":"08:00:00","weekday":2}}'
    assert [
        (e["action"], e["entity_id"], e["before"], e["after"])
        for e in await _entries("market_opening_period")
    ] == [
        ("admin.create", period_id, "", row),
        ("admin.delete", period_id, row, ""),
    ]
    assert await t.MarketOpeningPeriod.count().where(t.MarketOpeningPeriod.market == market_id) == 0
    assert (await verify_chain()).ok


async def test_a_refused_edit_leaves_no_entry_and_no_change(client, staff):
    # given a market
    market_id = await make_market(name="上城区望江综合零工市场")
    before = await t.Market.select().where(t.Market.id == market_id).first()

    # when staff try a name that breaks the naming rule
    response = await client.patch(
        f"/admin/api/tables/market/{market_id}/", json={"name": "望江市场"}, headers=staff
    )

    # then it is refused, nothing changed and nothing was recorded
    assert response.status_code == 422
    assert await t.Market.select().where(t.Market.id == market_id).first() == before
    assert await _entries("market") == []


async def test_there_is_no_bulk_delete_so_every_deletion_has_a_history(client, staff):
    # given two opening periods
    market_id = await make_market(opening_hours=[(1, "08:00", "12:00"), (2, "08:00", "12:00")])

    # when staff try to delete every period at once
    response = await client.delete(
        f"/admin/api/tables/market_opening_period/?market={market_id}", headers=staff
    )

    # then nothing is deleted
    assert response.status_code == 405
    assert await t.MarketOpeningPeriod.count().where(t.MarketOpeningPeriod.market == market_id) == 2


async def test_an_opening_period_edit_keeps_times_exact(client, staff):
    # given a period
    market_id = await make_market(opening_hours=[(3, "08:00", "12:00")])
    period = (
        await t.MarketOpeningPeriod.select()
        .where(t.MarketOpeningPeriod.market == market_id)
        .first()
    )

    # when staff move its closing time
    response = await client.patch(
        f"/admin/api/tables/market_opening_period/{period['id']}/",
        json={"closes_at": "13:30:00"},
        headers=staff,
    )

    # then the stored time and the recorded change agree
    assert response.status_code == 200, response.text
    stored = await t.MarketOpeningPeriod.select(t.MarketOpeningPeriod.closes_at).where(
        t.MarketOpeningPeriod.id == period["id"]
    )
    assert stored == [{"closes_at": time(13, 30)}]
    [entry] = await _entries("market_opening_period")
    assert (entry["before"], entry["after"]) == (
        '{"closes_at":"12:00:00"}',
        '{"closes_at":"13:30:00"}',
    )


async def test_the_creation_time_cannot_be_rewritten_from_the_admin(client, staff):
    # given a market
    market_id = await make_market()
    before = await t.Market.select(t.Market.created_at).where(t.Market.id == market_id).first()

    # when an edit sends a different creation time along
    response = await client.patch(
        f"/admin/api/tables/market/{market_id}/",
        json={"created_at": "2020-01-01T00:00:00+08:00", "labour_brand": "望江师傅"},
        headers=staff,
    )

    # then the brand changed and the creation time did not
    assert response.status_code == 200, response.text
    after = (
        await t.Market.select(t.Market.created_at, t.Market.labour_brand)
        .where(t.Market.id == market_id)
        .first()
    )
    assert after == {"created_at": before["created_at"], "labour_brand": "望江师傅"}
