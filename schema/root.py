"""Composes the schema from every domain's queries, mutations and subscriptions."""

from __future__ import annotations

import decimal
from collections.abc import Callable

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types.base import get_object_definition

# The SQL writers of the text plans (resolvers/compiled/texts.py), registered on import.
import resolvers.assessment.texts  # noqa: F401
import resolvers.assistance.texts  # noqa: F401
import resolvers.certification.texts  # noqa: F401
import resolvers.employer.texts  # noqa: F401
import resolvers.job_posting.texts  # noqa: F401
import resolvers.market.texts  # noqa: F401
import resolvers.operator.texts  # noqa: F401
import resolvers.policy.texts  # noqa: F401
import resolvers.reference.texts  # noqa: F401
import resolvers.rights_case.texts  # noqa: F401
import resolvers.subsidy.texts  # noqa: F401
import resolvers.training.texts  # noqa: F401
import resolvers.worker.texts  # noqa: F401
from resolvers.account.mutations import AccountMutation
from resolvers.assessment.mutations import AssessmentMutation
from resolvers.assessment.queries import AssessmentQuery
from resolvers.assistance.mutations import AssistanceMutation
from resolvers.assistance.queries import AssistanceCaseQuery
from resolvers.auth.queries import AuthQuery
from resolvers.certification.mutations import CertificationMutation
from resolvers.certification.queries import CertificationQuery
from resolvers.compiled import (
    CompiledDocuments,
    CompiledExecutor,
    TextPlans,
    compile_manifest,
    text_plans,
)
from resolvers.context import AuthenticateBeforeExecution
from resolvers.employer.mutations import EmployerMutation
from resolvers.employer.queries import EmployerQuery
from resolvers.execution_limits import QueryCostLimit, within_time_limit
from resolvers.job_posting.mutations import JobApplicationMutation, JobPostingMutation
from resolvers.job_posting.queries import JobPostingMatchQuery, JobPostingQuery
from resolvers.job_posting.subscriptions import JobPostingSubscription
from resolvers.market.queries import MarketQuery
from resolvers.node import NodeQuery
from resolvers.operator.queries import OperatorQuery
from resolvers.performance import OneSQLiteConnectionPerQuery, PublicReadsOnReplica
from resolvers.policy.queries import PolicyQuery
from resolvers.reference.queries import ReferenceQuery
from resolvers.rights_case.mutations import (
    GatheringPlaceMutation,
    PostingModerationMutation,
    RightsCaseMutation,
    WageSettlementMutation,
)
from resolvers.rights_case.queries import RightsCaseQuery
from resolvers.safety import (
    GuardedValidationCache,
    MaskUnexpectedErrors,
    NoFieldFlooding,
    RefuseControlCharacters,
    RequireOperationName,
)
from resolvers.statistics.queries import MarketStatisticsQuery, StatisticsQuery
from resolvers.subsidy.mutations import SubsidyMutation
from resolvers.subsidy.queries import SubsidyApplicationQuery, SubsidyProgrammeQuery
from resolvers.throttle import FailedLookupBudget
from resolvers.training.mutations import TrainingMutation
from resolvers.training.queries import TrainingMatchQuery, TrainingQuery
from resolvers.worker.mutations import WorkerMutation
from resolvers.worker.queries import WorkerQuery
from schema.scalars import DecimalScalar

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 4000

# Each domain adds its root types here (one line each).
QUERIES: tuple[type, ...] = (
    MarketQuery,
    ReferenceQuery,
    AuthQuery,
    NodeQuery,
    CertificationQuery,
    StatisticsQuery,
    MarketStatisticsQuery,
    AssessmentQuery,
    OperatorQuery,
)
MUTATIONS: tuple[type, ...] = (CertificationMutation, AssessmentMutation)
SUBSCRIPTIONS: tuple[type, ...] = ()

QUERIES += (WorkerQuery, EmployerQuery, JobPostingQuery, JobPostingMatchQuery)  # issue 3
MUTATIONS += (AccountMutation, WorkerMutation, JobPostingMutation, JobApplicationMutation)
SUBSCRIPTIONS += (JobPostingSubscription,)
QUERIES += (RightsCaseQuery,)  # issue 11
MUTATIONS += (RightsCaseMutation, WageSettlementMutation, PostingModerationMutation)
MUTATIONS += (GatheringPlaceMutation,)

QUERIES += (TrainingQuery, TrainingMatchQuery)  # issue 9
MUTATIONS += (TrainingMutation,)

MUTATIONS += (EmployerMutation,)  # issue 14

QUERIES += (SubsidyProgrammeQuery, SubsidyApplicationQuery)  # issue 10
MUTATIONS += (SubsidyMutation,)
QUERIES += (PolicyQuery,)  # issue 10: policy push
QUERIES += (AssistanceCaseQuery,)  # issue 10: assistance cases
MUTATIONS += (AssistanceMutation,)

Query = merge_types("Query", QUERIES)
Mutation = merge_types("Mutation", MUTATIONS) if MUTATIONS else None
Subscription = merge_types("Subscription", SUBSCRIPTIONS) if SUBSCRIPTIONS else None


# Built once: the limiters create a new rule class per instance, and the validation cache is
# keyed by the rule classes, so per-request instances would never hit the cache.
LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    NoFieldFlooding,
]
get_object_definition(
    Query, strict=True
).description = "Entry points for reading: the public directory and map, postings, reference data and each role's own data."
if Mutation is not None:
    get_object_definition(
        Mutation, strict=True
    ).description = "Entry points for changing data; each returns a payload with `userErrors`."
if Subscription is not None:
    get_object_definition(
        Subscription, strict=True
    ).description = "Live updates over graphql-transport-ws."


class Schema(strawberry.Schema):
    # Seconds an operation may run (settings.operation_timeout_seconds); see within_time_limit.
    timeout_seconds: float | None = None
    # Plans of the trusted query documents (resolvers/compiled); empty: every operation runs on
    # graphql-core's executor.
    compiled = CompiledDocuments({}, {})
    # Trusted list documents answered with text the database writes (resolvers/compiled/
    # texts.py); the HTTP view asks them first (app.GraphQLView).
    texts: TextPlans | None = None

    async def execute(self, *args, **kwargs):
        execution = super().execute(*args, **kwargs)
        if self.timeout_seconds is None:
            return await execution
        return await within_time_limit(execution, self.timeout_seconds)

    async def _execute_operation(
        self,
        execution_context,
        extensions_runner,
        middleware_manager,
        execute_function,
        custom_context_kwargs,
    ):
        # After parsing, validation and every extension's refusal, as for any operation: a
        # trusted document hands its plan to the executor (CompiledExecutor), by its text.
        compiled = self.compiled.get(execution_context.query, execution_context.operation_name)
        if compiled is not None:
            custom_context_kwargs = {**custom_context_kwargs, "compiled": compiled}
        return await super()._execute_operation(
            execution_context,
            extensions_runner,
            middleware_manager,
            execute_function,
            custom_context_kwargs,
        )

    def process_errors(self, errors, execution_context=None) -> None:
        # Strawberry logs every error with a traceback, intended ones included (a bad cursor,
        # a missing token). MaskUnexpectedErrors logs the unexpected ones with the request id.
        return None


def build_schema(production: bool) -> strawberry.Schema:
    from settings import get_settings

    settings = get_settings()
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        ParserCache,
        lambda: AddValidationRules(LIMIT_RULES),
        GuardedValidationCache,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        MaskUnexpectedErrors,
        RequireOperationName,
        RefuseControlCharacters,
        lambda: QueryCostLimit(max_cost=settings.max_query_cost),
        OneSQLiteConnectionPerQuery,
        # After every refusal that needs no database: the token is looked up only now.
        AuthenticateBeforeExecution,
        PublicReadsOnReplica,
        FailedLookupBudget,
    ]
    if production:
        extensions.append(DisableIntrospection)
    built = Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        execution_context_class=CompiledExecutor,
        config=StrawberryConfig(
            relay_max_results=100,
            disable_field_suggestions=production,
            scalar_map={decimal.Decimal: DecimalScalar},
        ),
    )
    built.timeout_seconds = settings.operation_timeout_seconds
    built.compiled = compile_manifest(built._schema)
    built.texts = text_plans(built)
    return built


def _production() -> bool:
    from settings import get_settings

    return get_settings().production


schema = build_schema(_production())

__all__ = ["schema", "build_schema"]
