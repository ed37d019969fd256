"""The admin's staff accounts: sign-in with the per-account lock and the password policy."""

from __future__ import annotations

from typing import Any

from piccolo.apps.user.tables import BaseUser
from starlette.exceptions import HTTPException

from services.auth.passwords import staff_password_problem
from services.auth.staff import staff_login


class StaffUser(BaseUser, tablename="piccolo_user"):
    """piccolo_user as the admin uses it (login page, session check, change-password page and
    the 后台账号 table): the same rows, with our sign-in and password rules."""

    # The change-password page checks this length itself in English first; our own check
    # (12 characters and more, in Chinese) comes right after, in update_password.
    _min_password_length = 1

    @classmethod
    async def login(cls, username: str, password: str) -> int | None:
        return await staff_login(username, password)

    @classmethod
    def _validate_password(cls, password: str) -> None:
        # The table's PATCH and create_user call this; the username is checked by the hook
        # and create_user below (this method is not told it).
        if message := staff_password_problem(password, None):
            raise ValueError(message)
        super()._validate_password(password)

    @classmethod
    async def create_user(cls, username: str, password: str, **extra_params: Any) -> BaseUser:
        if message := staff_password_problem(password, username):
            raise ValueError(message)
        return await super().create_user(username, password, **extra_params)

    @classmethod
    async def update_password(cls, user: str | int, password: str) -> None:
        # From the change-password page, which does not catch ValueError (a 500): a 422.
        name = user if isinstance(user, str) else await _username(user)
        if message := staff_password_problem(password, name):
            raise HTTPException(status_code=422, detail=message)
        await super().update_password(user, password)


async def _username(user_id: int | None) -> str | None:
    row = await BaseUser.select(BaseUser.username).where(BaseUser.id == user_id).first()
    return row["username"] if row else None


async def user_pre_patch(row_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """A password set in the 后台账号 table meets the policy, the (new) username included."""
    password = values.get("password")
    if password:
        name = values.get("username") or await _username(row_id)
        if message := staff_password_problem(password, name):
            raise HTTPException(status_code=422, detail=message)
    return values
