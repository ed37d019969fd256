"""Phone + password accounts: registration, sign-in with lockout, tokens; no strawberry."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from piccolo.columns import Column

from services.auth import lockout
from services.auth.rules import issue
from services.db import is_unique_violation, write_transaction
from services.employer import rules as employer_services
from services.problems import Problem, Problems, ServiceError
from services.worker import personal as p
from services.worker import rules as worker_services
from tables.account import Account
from tables.auth import ApiToken
from tables.employer import Employer
from tables.worker import Worker

# Argon2id with the library's defaults (RFC 9106 "low memory" profile); tests swap in a cheap one.
HASHER = PasswordHasher()
MIN_PASSWORD, MAX_PASSWORD = 8, 128
TOKEN_DAYS = 30
ROLES = ("WORKER", "EMPLOYER")
INVALID_CREDENTIALS = Problem("INVALID_CREDENTIALS", "手机号或密码错误，或账号已被暂时锁定")

_dummy_hash: str | None = None


async def hash_password(password: str) -> str:
    # Argon2 takes ~0.2 s of CPU: off the event loop, or every request in the worker stalls.
    return await asyncio.to_thread(HASHER.hash, password)


async def verify_password(hashed: str, password: str) -> bool:
    def check() -> bool:
        try:
            return HASHER.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


async def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = await hash_password(secrets.token_urlsafe(16))
    return _dummy_hash


@dataclass
class Registration:
    phone: str
    password: str
    role: str
    worker_name: str | None = None
    worker_occupation_ids: list[int | None] = field(default_factory=list)
    worker_region_code: str | None = None
    employer: employer_services.EmployerDraft | None = None
    has_worker_profile: bool = False


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_at: datetime | None
    role: str
    subject_id: int


def _check_password(password: str, phone: str | None, problems: Problems) -> None:
    if not MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD:
        problems.add(
            "WEAK_PASSWORD", f"密码长度须为 {MIN_PASSWORD} 到 {MAX_PASSWORD} 个字符", "password"
        )
    elif phone is not None and phone in password:
        problems.add("WEAK_PASSWORD", "密码不能包含手机号", "password")


async def register(reg: Registration) -> SignedIn:
    """Create the account and its profile in one transaction, then sign in."""
    problems = Problems()
    phone = p.clean_phone(reg.phone, problems, "phone")
    _check_password(reg.password, phone, problems)
    if phone and await Account.exists().where(Account.phone_hash == p.phone_hash(phone)):
        problems.add("PHONE_TAKEN", "该手机号已注册", "phone")
    profile: dict = {}
    occupations: list[int] = []
    if reg.role == "WORKER":
        if reg.employer is not None:
            problems.add("PROFILE_MISMATCH", "零工账号不填写用工主体信息", "employer")
        if not reg.has_worker_profile:
            problems.add("PROFILE_REQUIRED", "请填写求职登记信息", "worker")
        else:
            profile["name"] = p.clean_name(reg.worker_name, problems, "worker", "name")
            occupations = await p.occupation_ids(
                reg.worker_occupation_ids, problems, "worker", "occupationIds"
            )
            if reg.worker_region_code is not None:
                profile["home_region"] = await p.county_id(
                    reg.worker_region_code, problems, "worker", "homeRegionCode"
                )
    elif reg.role == "EMPLOYER":
        if reg.has_worker_profile:
            problems.add("PROFILE_MISMATCH", "用工主体账号不填写求职登记信息", "worker")
        if reg.employer is None:
            problems.add("PROFILE_REQUIRED", "请填写用工主体信息", "employer")
        else:
            profile = await employer_services.validate(reg.employer, problems, "employer")
    else:
        problems.add("REQUIRED", "请选择账号类型", "role")
    problems.raise_if_any()
    assert phone is not None  # clean_phone returns None only after adding INVALID_PHONE
    hashed = await hash_password(reg.password)
    async with write_transaction():
        try:
            rows = await Account.insert(
                Account(phone_hash=p.phone_hash(phone), password_hash=hashed, role=reg.role)
            ).returning(Account.id)
        except Exception as exc:
            if is_unique_violation(exc):
                raise ServiceError([Problem("PHONE_TAKEN", "该手机号已注册", ("phone",))]) from None
            raise
        account_id = rows[0]["id"]
        columns = {**profile, **p.phone_columns(phone), "account": account_id}
        if reg.role == "WORKER":
            subject_id = await _worker_for_account(columns, occupations)
        else:
            subject_id = await employer_services.insert_employer(columns)
    token, token_id = await issue(reg.role, subject_id, days=TOKEN_DAYS, label="注册")
    return SignedIn(token, await _expiry(token_id), reg.role, subject_id)


async def _worker_for_account(columns: dict, occupations: list[int]) -> int:
    """A walk-in registration with the same phone and name becomes this account's profile;
    anyone else's phone is taken."""
    existing = (
        await Worker.select(Worker.id, Worker.name, Worker.account)
        .where(Worker.phone_hash == columns["phone_hash"])
        .first()
    )
    if existing is None:
        return await worker_services.insert_worker(columns, occupations)
    if existing["account"] is not None or existing["name"] != columns["name"]:
        raise ServiceError([Problem("PHONE_TAKEN", "该手机号已注册", ("phone",))])
    values: dict[Column | str, Any] = {
        Worker.account: columns["account"],
        Worker.version: Worker.version + 1,
    }
    if columns.get("home_region") is not None:
        values[Worker.home_region] = columns["home_region"]
    claimed = (
        await Worker.update(values)
        .where((Worker.id == existing["id"]) & Worker.account.is_null())
        .returning(Worker.id)
    )
    if not claimed:
        raise ServiceError([Problem("PHONE_TAKEN", "该手机号已注册", ("phone",))])
    if occupations:
        await worker_services.replace_occupations(existing["id"], occupations)
    return existing["id"]


async def _expiry(token_id: int) -> datetime | None:
    row = await ApiToken.select(ApiToken.expires_at).where(ApiToken.id == token_id).first()
    return row["expires_at"] if row else None


async def sign_in(phone: str, password: str) -> SignedIn:
    """A token for the right phone and password. Unknown phones, wrong passwords and locked
    accounts all fail the same way, after the same amount of hashing work."""
    number = p.clean_phone(phone, Problems()) or (phone or "")
    row = (
        await Account.select(Account.id, Account.role, Account.password_hash, Account.locked_until)
        .where(Account.phone_hash == p.phone_hash(number))
        .first()
    )
    if row is None:
        await verify_password(await _dummy(), password)
        raise ServiceError([INVALID_CREDENTIALS])
    matches = await verify_password(row["password_hash"], password)
    if lockout.is_locked(row["locked_until"]):
        raise ServiceError([INVALID_CREDENTIALS])
    if not matches:
        await lockout.record_failure(Account, row["id"])
        raise ServiceError([INVALID_CREDENTIALS])
    await lockout.clear(Account, row["id"])
    subject_id = await _subject(row["role"], row["id"])
    if subject_id is None:
        raise ServiceError([INVALID_CREDENTIALS])
    token, token_id = await issue(row["role"], subject_id, days=TOKEN_DAYS, label="登录")
    return SignedIn(token, await _expiry(token_id), row["role"], subject_id)


async def _subject(role: str, account_id: int) -> int | None:
    table = Worker if role == "WORKER" else Employer
    row = await table.select(table.id).where(table.account == account_id).first()
    return row["id"] if row else None
