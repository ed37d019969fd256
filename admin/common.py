"""The one helper module of the admin: what every domain's tables, guards and forms share.

Hooks get column keys as Column objects or names; guards answer a refusal as an HTTP error
whose `detail` the admin shows (a plain ValueError would become a 500); forms turn a service
refusal into the ValueError text the admin shows on the form.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from piccolo.columns import Array, Column
from piccolo.table import Table
from piccolo_admin.endpoints import FormConfig
from piccolo_api.crud.validators import Validators
from pydantic.json_schema import JsonDict
from starlette.exceptions import HTTPException
from starlette.requests import Request

from services.auth.staff import scope_of
from services.problems import ServiceError

# Staff-facing names of choice columns, for refusals of a value the dropdown would not offer.
CHOICE_LABELS = {
    "kind": "类型",
    "ownership": "性质",
    "station_type": "站点类型",
    "status": "状态",
    "function_areas": "功能区域",
    "facilities": "配套设施",
    "regions": "适用地区",
    "assistance_categories": "就业援助类别",
    "occupations": "适用工种",
    "roles": "适用对象",
    "service_tiers": "分级服务等级",
}


def column_name(key: Any) -> str:
    return key._meta.name if isinstance(key, Column) else str(key)


def column_values(values: dict) -> dict[str, Any]:
    """A hook's {column or name: value} as {name: value}."""
    return {column_name(k): v for k, v in values.items()}


def column_names(values: dict) -> set[str]:
    return {column_name(k) for k in values}


def _same(stored: Any, sent: Any) -> bool:
    # Time widgets send minutes (or seconds): a stored time within that is the same time.
    if isinstance(stored, datetime) and isinstance(sent, datetime):
        return abs((stored - sent).total_seconds()) < 60
    return stored == sent


async def protected_changes(
    table: type[Table], row_id: Any, values: dict, protected: set[str] | frozenset[str]
) -> set[str]:
    """Which `protected` columns an edit really changes. An edit form sends every field back,
    changed or not: an unchanged protected value is dropped from `values`, so the stored one
    stays exactly as it was (a form would round times), and only real changes are refused."""
    current = await table.select().where(table._meta.primary_key == int(row_id)).first() or {}
    secret = {c._meta.name for c in table._meta.columns if c._meta.secret}
    changed = set()
    for key in list(values):
        name = column_name(key)
        if name not in protected:
            continue
        # A secret column is never shown, so the form sends it back empty: not an edit.
        unseen = name in secret and values[key] in (None, "")
        if unseen or (name in current and _same(current[name], values[key])):
            if len(values) > 1:
                del values[key]
        else:
            changed.add(name)
    return changed


def replace_value(values: dict, column: str, value: Any) -> None:
    """Change one value in place, whichever kind of key the hook was given."""
    for key in values:
        if column_name(key) == column:
            values[key] = value


def refuse(detail: str, status: int = 422) -> NoReturn:
    raise HTTPException(status_code=status, detail=detail)


def reject(problems, status: int = 422) -> NoReturn:
    """Refuse with every problem a service rule found, in Chinese."""
    refuse("；".join(p.message for p in problems), status)


def check_choices(table: type[Table], data: dict[str, Any]) -> None:
    """Choices are enforced by nothing but the admin dropdown (SQLite has no CHECK), and an
    unknown value would break the public list and the CSV export: reject it here."""
    for column in table._meta.columns:
        name = column._meta.name
        if name not in data:
            continue
        if isinstance(column, Array):
            choices, values = column.base_column._meta.choices, data[name] or []
        else:
            choices, values = column._meta.choices, [data[name]]
        if choices is None:
            continue
        allowed = {c.value.value for c in choices}
        if any(v not in allowed for v in values):
            refuse(f"“{CHOICE_LABELS.get(name, name)}”的取值无效")


def read_only(detail: str) -> Validators:
    """Validators that refuse every write to a table the workflow alone maintains."""

    def refuse_write(piccolo_crud: Any, request: Any) -> None:
        refuse(detail, 403)

    refuse_write.read_only = True  # type: ignore[attr-defined]  # site.py hides writes for these

    return Validators(
        post_single=[refuse_write],
        patch_single=[refuse_write],
        put_single=[refuse_write],
        delete_single=[refuse_write],
        delete_all=[refuse_write],
    )


def is_read_only(validators: Validators | None) -> bool:
    return validators is not None and any(
        getattr(v, "read_only", False) for v in validators.post_single
    )


def reject_put(piccolo_crud: Any, request: Any) -> None:
    """PUT replaces a row without running any hook, so it would bypass every guard.

    The admin UI edits with PATCH only; PUT is refused for every table.
    """
    refuse("不支持 PUT，请使用 PATCH 修改记录", 405)


@dataclass(frozen=True)
class RowAction:
    """A workflow action offered in a row's menu (⋮): opens `form` with `values` filled in.

    A value "$id" is the row's id and "$row.<column>" one of its columns; other values are
    given as they are (e.g. a decision)."""

    label: str
    form: str
    values: dict[str, str]

    def to_json(self) -> dict:
        return {"label": self.label, "form": self.form, "values": self.values}


ROW_ID = "$id"


# A form field's json_schema_extra for text of many lines.
TEXT_AREA: JsonDict = {"extra": {"widget": "text-area"}}


def dropdown(labels: dict[str, str]) -> JsonDict:
    """A form field's `json_schema_extra` that makes the admin show a dropdown of labels."""
    return {
        "extra": {
            "choices": {
                code: {"display_name": label, "value": code} for code, label in labels.items()
            }
        }
    }


async def refuse_read_only(request: Request) -> None:
    if (await scope_of(staff_id(request))).read_only:
        raise ValueError("只读账号不能办理业务")


def staff_id(request: Request) -> int:
    # The admin's session middleware puts the signed-in BaseUser on request.user.user; that id
    # is who acted (audit trail, four-eyes checks).
    return request.user.user.id


async def run_service(call: Awaitable[Any]) -> Any:
    """Run a service call from a form; a refusal becomes the text the admin shows (422)."""
    try:
        return await call
    except ServiceError as exc:
        raise ValueError(str(exc)) from None


def form(
    slug: str, name: str, model: Any, endpoint: Any, description: str, group: str
) -> FormConfig:
    """A FormConfig with an ASCII slug: URLs stay ASCII, the Chinese name is what staff see.
    Read-only staff cannot submit it."""

    async def guarded(request: Request, data: Any) -> Any:
        await refuse_read_only(request)
        return await endpoint(request, data)

    config = FormConfig(
        name=name,
        pydantic_model=model,
        endpoint=guarded,
        description=description,
        form_group=group,
    )
    config.slug = slug
    return config
