"""Admin workflow forms: each calls a domain's services, never edits workflow columns."""

from __future__ import annotations

from typing import Any

from piccolo_admin.endpoints import FormConfig
from starlette.requests import Request


def staff_id(request: Request) -> int:
    # The admin's session middleware puts the signed-in BaseUser on request.user.user; that id
    # is who acted (audit trail, four-eyes checks).
    return request.user.user.id


def form(
    slug: str, name: str, model: Any, endpoint: Any, description: str, group: str
) -> FormConfig:
    """A FormConfig with an ASCII slug: URLs stay ASCII, the Chinese name is what staff see."""
    config = FormConfig(
        name=name,
        pydantic_model=model,
        endpoint=endpoint,
        description=description,
        form_group=group,
    )
    config.slug = slug
    return config
