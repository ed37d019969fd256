"""Account mutations: accountRegister, tokenCreate, tokenRevoke."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.account.enums import (
    AccountRegisterErrorCode,
    TokenCreateErrorCode,
    TokenRevokeErrorCode,
)
from schema.account.inputs import AccountRegisterInput, TokenCreateInput
from schema.account.payloads import (
    AccountRegisterError,
    AccountRegisterPayload,
    TokenCreateError,
    TokenCreatePayload,
    TokenRevokeError,
    TokenRevokePayload,
)
from schema.auth.types import Role
from schema.employer.types import Employer
from schema.worker.types import Worker, WorkerAccess
from services.account import rules as account_rules
from services.auth import rules as auth_rules
from services.auth.rules import revoke
from services.employer.rules import EmployerDraft
from services.problems import ServiceError


def _registration(data: AccountRegisterInput) -> account_rules.Registration:
    worker, employer = data.worker, data.employer
    return account_rules.Registration(
        phone=data.phone,
        password=data.password,
        role=data.role.value,  # type: ignore[arg-type]  # strawberry types enum_value() members wrongly; they are str
        has_worker_profile=worker is not None,
        worker_name=worker.name if worker else None,
        worker_occupation_ids=[decode_id(i, "Occupation") for i in worker.occupation_ids]
        if worker
        else [],
        worker_region_code=worker.home_region_code if worker else None,
        employer=EmployerDraft(
            kind=employer.kind.value,  # type: ignore[arg-type]  # strawberry types enum_value() members wrongly; they are str
            name=employer.name,
            uscc=employer.uscc,
            contact_name=employer.contact_name,
            region_code=employer.region_code,
        )
        if employer
        else None,
    )


@strawberry.type
class AccountMutation:
    @strawberry.mutation(
        description="Register a worker or employer account with phone and password, and sign in. "
        "Employers start PENDING until staff verify them."
    )
    async def account_register(
        self,
        info: strawberry.Info,
        input: Annotated[
            AccountRegisterInput, strawberry.argument(description="Account and profile.")
        ],
    ) -> AccountRegisterPayload:
        try:
            signed = await account_rules.register(_registration(input))
        except ServiceError as exc:
            return AccountRegisterPayload(
                token=None,
                token_expires_at=None,
                worker=None,
                employer=None,
                user_errors=user_errors(
                    exc.problems, AccountRegisterError, AccountRegisterErrorCode
                ),
            )
        # The new token is not this request's viewer: the profile is shown as its owner sees it.
        worker: Worker | None = None
        employer: Employer | None = None
        if signed.role == auth_rules.Role.WORKER:
            loaded = await info.context.loaders.worker_by_id.load(signed.subject_id)
            worker = Worker(id=loaded.id, record=loaded.record, grant=WorkerAccess.FULL)
        else:
            employer = await info.context.loaders.employer_by_id.load(signed.subject_id)
        return AccountRegisterPayload(
            token=signed.token,
            token_expires_at=signed.expires_at,
            worker=worker,
            employer=employer,
            user_errors=[],
        )

    @strawberry.mutation(
        description="Sign in with phone and password: returns a bearer token. Five failures within "
        "15 minutes lock the account for 15 minutes; the error never says which part was wrong."
    )
    async def token_create(
        self,
        input: Annotated[TokenCreateInput, strawberry.argument(description="Phone and password.")],
    ) -> TokenCreatePayload:
        try:
            signed = await account_rules.sign_in(input.phone, input.password)
        except ServiceError as exc:
            return TokenCreatePayload(
                token=None,
                token_expires_at=None,
                role=None,
                user_errors=user_errors(exc.problems, TokenCreateError, TokenCreateErrorCode),
            )
        return TokenCreatePayload(
            token=signed.token,
            token_expires_at=signed.expires_at,
            role=Role(signed.role),
            user_errors=[],
        )

    @strawberry.mutation(
        description="Revoke the bearer token this request was sent with (sign out).",
        extensions=[allow()],
    )
    async def token_revoke(self, info: strawberry.Info) -> TokenRevokePayload:
        viewer = current_viewer(info)
        if await revoke(viewer.token_id):
            return TokenRevokePayload(revoked=True, user_errors=[])
        errors = [
            TokenRevokeError(message="令牌已失效", field=None, code=TokenRevokeErrorCode.NOT_FOUND)
        ]
        return TokenRevokePayload(revoked=False, user_errors=errors)
