"""The admin's table API, for staff: Chinese titles and labels in the schema, lists shown as a
person reads them.

Piccolo Admin builds one `PiccoloCRUD` per table inside `create_admin`; `staff_crud()` has it
build a `StaffCRUD` instead. What a table's columns are called and how its codes read comes from
`admin/<domain>/titles.py`, registered with `register()`; `tests/admin/test_titles.py` fails
when a column or a choice has no Chinese.

Lists (`GET /api/tables/<table>/`) are for reading: times in Asia/Shanghai, money in 元, scores
in points, booleans as 是/否, codes by label. A single row (`GET …/<id>/`, what the edit form
loads) stays raw, so editing round-trips exactly.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import piccolo_admin.endpoints as admin_endpoints
from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Array, Boolean, Column, ForeignKey, Time, Timestamp, Timestamptz
from piccolo.query import Select
from piccolo.table import Table
from piccolo_api.crud.endpoints import Params, PiccoloCRUD
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.audit import rules as audit
from services.auth.staff import Scope, scope_of
from services.db import write_transaction
from services.money import yuan
from services.timeutil import local

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Titles:
    """What staff call a table and its columns, and how its codes read."""

    table: str
    columns: dict[str, str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # column → code → label
    # Integer columns holding a staff user's id (who decided, who verified): shown by name.
    users: frozenset[str] = frozenset()


REGISTRY: dict[str, Titles] = {}


@dataclass(frozen=True)
class VirtualFilter:
    """A filter staff find beside a table's own columns (its city, "open now"), turned into a
    SQL condition; the edit form never shows it. `choices` (code → label) makes a dropdown,
    none a 是/否 choice; `condition` gets the chosen code or "true"/"false"."""

    name: str
    title: str
    condition: Callable[[str], Any]
    choices: Callable[[], Awaitable[dict[str, str]]] | None = None


FILTERS: dict[str, list[VirtualFilter]] = {}
# Orders applied before a list's own order, e.g. open cases first in a work queue.
FIRST_ORDER: dict[str, Callable[[], Any]] = {}

# Tables limited to a staff member's region: the column holding the record's county code.
SCOPED: dict[str, Any] = {}
OUT_OF_SCOPE = "记录不存在或不在您的管辖范围内"
READ_ONLY_STAFF = "只读账号不能修改记录"
# The signed-in staff member's scope, for the request being handled.
_SCOPE: ContextVar[Scope | None] = ContextVar("staff_scope", default=None)


def register_scoped(columns: dict[type[Table], Any]) -> None:
    for table, column in columns.items():
        SCOPED[table._meta.tablename] = column


def register_filters(filters: dict[type[Table], list[VirtualFilter]]) -> None:
    for table, items in filters.items():
        FILTERS[table._meta.tablename] = items


def register_first_order(orders: dict[type[Table], Callable[[], Any]]) -> None:
    for table, order in orders.items():
        FIRST_ORDER[table._meta.tablename] = order


def register(titles: dict[type[Table], Titles]) -> None:
    for table, entry in titles.items():
        REGISTRY[table._meta.tablename] = entry


def display(column: Column, value: Any, labels: dict[str, str] | None) -> Any:
    """One list cell as a person reads it; None stays None (the list shows a dash)."""
    if value is None:
        return None
    name = column._meta.name
    if labels is not None:
        if isinstance(value, list):
            joined = "、".join(labels.get(str(v), str(v)) for v in value)
            # The admin maps an array with choices item by item (see _array_choices): one item
            # already in words reads as it is.
            return [joined] if _has_item_choices(column) else joined
        return labels.get(str(value), str(value))
    if isinstance(column, Boolean):
        return "是" if value else "否"
    if isinstance(column, Timestamptz | Timestamp) and isinstance(value, str):
        moment = datetime.fromisoformat(value)
        return local(moment).strftime("%Y-%m-%d %H:%M") if moment.tzinfo else value[:16]
    if isinstance(column, Time) and isinstance(value, str):
        return value[:5]
    if isinstance(value, int) and not isinstance(value, bool):
        if name.endswith("_fen"):
            return yuan(value)
        if name.endswith("_basis_points"):
            return f"{Decimal(value) / 100:.2f} 分"
        if name == "weekday" and 1 <= value <= 7:
            return f"周{WEEKDAYS[value - 1]}"
    if isinstance(column, Array) and isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def _has_item_choices(column: Column) -> bool:
    return isinstance(column, Array) and column.base_column._meta.choices is not None


def _array_choices(table: type[Table], schema: dict) -> None:
    """Piccolo's schema gives an Array column no choices even when its items have them, so the
    admin would show free text inputs holding raw codes: give it its items' choices, and the
    admin shows one dropdown of names per item."""
    for column in table._meta.columns:
        if not isinstance(column, Array) or not _has_item_choices(column):
            continue
        prop = schema.get("properties", {}).get(column._meta.name)
        if prop is not None and not (prop.get("extra") or {}).get("choices"):
            prop.setdefault("extra", {})["choices"] = column.base_column._meta.get_choices_dict()


class StaffCRUD(PiccoloCRUD):
    @property
    def titles(self) -> Titles | None:
        return REGISTRY.get(self.table._meta.tablename)

    async def get_schema(self, request: Request) -> JSONResponse:
        response = await super().get_schema(request)
        titles = self.titles
        if titles is None or response.status_code != 200:
            return response
        schema = json.loads(bytes(response.body))
        schema["title"] = titles.table
        _array_choices(self.table, schema)
        for virtual in FILTERS.get(self.table._meta.tablename, []):
            schema["properties"][virtual.name] = await _filter_property(virtual)
            schema["extra"]["visible_filter_names"].append(virtual.name)
        for name, prop in schema.get("properties", {}).items():
            prop["title"] = titles.columns.get(name, prop.get("title", name))
            labels = titles.labels.get(name)
            choices = (prop.get("extra") or {}).get("choices")
            if labels and choices:
                for choice in choices.values():
                    choice["display_name"] = labels.get(choice["value"], choice["display_name"])
        return JSONResponse(schema)

    def _in_scope(self, query: Any) -> Any:
        column = SCOPED.get(self.table._meta.tablename)
        scope = _SCOPE.get()
        if column is not None and scope is not None and scope.prefix:
            query = query.where(column.like(f"{scope.prefix}%"))
        return query

    async def _enter(self, request: Request) -> Scope:
        scope = await scope_of(request.user.user.id)
        _SCOPE.set(scope)
        return scope

    async def _visible(self, request: Request, row_id: Any) -> bool:
        await self._enter(request)
        pk = self.table._meta.primary_key
        return await self._in_scope(self.table.exists().where(pk == row_id))

    async def get_count(self, request: Request) -> Response:
        await self._enter(request)
        return await super().get_count(request)

    async def get_ids(self, request: Request) -> Response:
        """The row picker of a foreign key: only records inside the staff member's region."""
        response = await super().get_ids(request)
        scope = await self._enter(request)
        if response.status_code != 200 or not scope.prefix:
            return response
        if self.table._meta.tablename not in SCOPED:
            return response
        found = json.loads(bytes(response.body))
        pk = self.table._meta.primary_key
        ids = [int(k) for k in found]
        visible = {
            r[pk._meta.name]
            for r in await self._in_scope(self.table.select(pk).where(pk.is_in(ids or [0])))
        }
        return JSONResponse({k: v for k, v in found.items() if int(k) in visible})

    async def get_single(self, request: Request, row_id: Any) -> Response:
        if not await self._visible(request, row_id):
            return JSONResponse({"detail": OUT_OF_SCOPE}, 404)
        return await super().get_single(request, row_id)

    def _apply_filters(self, query: Any, params: Params) -> Any:
        virtual = {f.name: f for f in FILTERS.get(self.table._meta.tablename, [])}
        chosen = {k: v for k, v in params.fields.items() if k in virtual}
        if chosen:
            fields = {k: v for k, v in params.fields.items() if k not in virtual}
            params = replace(params, fields=fields)
        query = self._in_scope(super()._apply_filters(query, params))
        for name, value in chosen.items():
            values = value if isinstance(value, list) else [value]
            for one in values:
                query = query.where(virtual[name].condition(str(one)))
        first = FIRST_ORDER.get(self.table._meta.tablename)
        if first is not None and isinstance(query, Select):
            query = query.order_by(first())
        return query

    async def get_all(self, request: Request, params: dict[str, Any] | None = None) -> Response:
        await self._enter(request)
        response = await super().get_all(request, params)
        titles = self.titles
        if response.status_code != 200 or titles is None:
            return response
        body = json.loads(bytes(response.body))
        columns = {c._meta.name: c for c in self.table._meta.columns}
        primary = self.table._meta.primary_key._meta.name
        for row in body.get("rows", []):
            for key, value in row.items():
                column = columns.get(key)
                # Ids and foreign keys stay raw: links and `*_readable` values use them.
                if column is None or key == primary or isinstance(column, ForeignKey):
                    continue
                row[key] = display(column, value, titles.labels.get(key))
        if self.table._meta.tablename == "audit_log":
            for row in body.get("rows", []):
                _readable_record(row)
        await _name_users(body.get("rows", []), titles.users)
        headers = {k: v for k, v in response.headers.items() if k.lower() == "content-range"}
        return JSONResponse(body, headers=headers)


async def _filter_property(virtual: VirtualFilter) -> dict:
    choices = await virtual.choices() if virtual.choices else None
    return {
        "title": virtual.title,
        "type": "string" if choices is not None else "boolean",
        "extra": {
            "filter_only": True,
            "nullable": False,
            "help_text": None,
            "secret": False,
            "unique": False,
            "choices": (
                {code: {"display_name": label, "value": code} for code, label in choices.items()}
                if choices is not None
                else None
            ),
        },
    }


def _readable_record(row: dict) -> None:
    """An audit row's before/after JSON as "标题：值；…" with the audited table's titles."""
    from admin.audit.titles import RECORD_KEYS  # the audit domain owns these words

    # entity_type was already shown by its label; find the table by its Chinese title.
    entity = next((t for t in REGISTRY.values() if t.table == row.get("entity_type")), None)
    for side in ("before", "after"):
        text = row.get(side)
        if not isinstance(text, str) or not text.startswith("{"):
            continue
        try:
            record = json.loads(text)
        except ValueError:
            continue
        parts = []
        for key, value in record.items():
            columns = entity.columns if entity else {}
            labels = entity.labels if entity else {}
            title = columns.get(key) or RECORD_KEYS.get(key) or key
            label = labels.get(key) or labels.get(f"verification_{key}") or {}
            shown = label.get(str(value), value) if not isinstance(value, dict | list) else value
            parts.append(f"{title}：{shown}")
        row[side] = "；".join(parts)


async def _name_users(rows: list[dict], columns: frozenset[str]) -> None:
    """Staff user ids → usernames, in one query for the page."""
    ids = {row[c] for row in rows for c in columns if isinstance(row.get(c), int)}
    if not ids:
        return
    names = {
        r["id"]: r["username"]
        for r in await BaseUser.select(BaseUser.id, BaseUser.username).where(
            BaseUser.id.is_in(list(ids))
        )
    }
    for row in rows:
        for c in columns:
            if isinstance(row.get(c), int):
                row[c] = names.get(row[c], f"（已删除的用户 {row[c]}）")


# Values never copied into the audit chain: it is kept for years and read by many.
_HIDDEN = ("password", "phone", "resident_id", "assistance")
HIDDEN = "（已隐藏）"


def _audit_view(table: type[Table], row: dict | None) -> dict | None:
    if row is None:
        return None
    secret = {c._meta.name for c in table._meta.columns if c._meta.secret}
    return {
        k: (HIDDEN if k in secret or any(h in k for h in _HIDDEN) else v)
        for k, v in row.items()
        if k != table._meta.primary_key._meta.name
    }


# Kept by the database (defaults, auto-update), never by a form: the edit form would send
# them back truncated to the second and silently rewrite when a record was created.
MACHINE_COLUMNS = ("created_at", "updated_at")


def _without_machine_columns(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in MACHINE_COLUMNS}


class AuditedCRUD(StaffCRUD):
    """Every create, edit and delete made in the admin goes into the audit chain, with the
    values before and after (changed columns only for an edit), in the same transaction."""

    async def _row(self, row_id: Any) -> dict | None:
        pk = self.table._meta.primary_key
        return await self.table.select(exclude_secrets=True).where(pk == row_id).first()

    async def _record(self, request: Request, action: str, row_id: Any, before, after) -> None:
        actor = audit.Actor("STAFF", request.user.user.id)
        entity = self.table._meta.tablename
        await audit.record(actor, f"admin.{action}", entity, int(row_id), before, after)

    async def post_single(self, request: Request, data: dict[str, Any]) -> Response:
        if (await self._enter(request)).read_only:
            return JSONResponse({"detail": READ_ONLY_STAFF}, 403)
        async with write_transaction():
            await audit.serialise()
            response = await super().post_single(request, data)
            if response.status_code == 201:
                created = json.loads(bytes(response.body))
                row_id = created[0]["id"] if isinstance(created, list) else created["id"]
                if not await self._visible(request, row_id):
                    # rolls the insert back: staff create only inside their region
                    raise HTTPException(403, "只能在您的管辖范围内新建记录")
                after = _audit_view(self.table, await self._row(row_id))
                await self._record(request, "create", row_id, None, after)
            return response

    async def patch_single(self, request: Request, row_id: Any, data: dict[str, Any]) -> Response:
        if not await self._visible(request, row_id):
            return JSONResponse({"detail": OUT_OF_SCOPE}, 404)
        if _SCOPE.get() and _SCOPE.get().read_only:  # type: ignore[union-attr]
            return JSONResponse({"detail": READ_ONLY_STAFF}, 403)
        async with write_transaction():
            await audit.serialise()
            before = _audit_view(self.table, await self._row(row_id))
            response = await super().patch_single(request, row_id, _without_machine_columns(data))
            if response.status_code == 200 and before is not None:
                after = _audit_view(self.table, await self._row(row_id)) or {}
                changed = [k for k in after if after[k] != before.get(k)]
                if changed:
                    await self._record(
                        request,
                        "update",
                        row_id,
                        {k: before.get(k) for k in changed},
                        {k: after[k] for k in changed},
                    )
            return response

    async def delete_single(self, request: Request, row_id: Any) -> Response:
        if not await self._visible(request, row_id):
            return JSONResponse({"detail": OUT_OF_SCOPE}, 404)
        if _SCOPE.get() and _SCOPE.get().read_only:  # type: ignore[union-attr]
            return JSONResponse({"detail": READ_ONLY_STAFF}, 403)
        async with write_transaction():
            await audit.serialise()
            before = _audit_view(self.table, await self._row(row_id))
            response = await super().delete_single(request, row_id)
            if response.status_code == 204 and before is not None:
                await self._record(request, "delete", row_id, before, None)
            return response


@contextlib.contextmanager
def staff_crud() -> Iterator[None]:
    """While `create_admin` runs, every table gets an AuditedCRUD."""
    original = admin_endpoints.PiccoloCRUD
    admin_endpoints.PiccoloCRUD = AuditedCRUD  # type: ignore[misc]
    try:
        yield
    finally:
        admin_endpoints.PiccoloCRUD = original  # type: ignore[misc]
