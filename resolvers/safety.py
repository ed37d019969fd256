"""Error masking and request limits applied to every operation."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger("lingong.graphql")

INTERNAL_MESSAGE = "服务器内部错误，请稍后重试"


def is_unexpected(error: GraphQLError) -> bool:
    """Mask errors raised while executing a field that are not deliberate GraphQLErrors.

    Parse, validation and variable-coercion errors have no path and stay visible; our own
    RequestError / NotAuthenticated / Forbidden keep their message and `extensions.code`.
    """
    if error.path is None:
        return False
    return not isinstance(error.original_error, GraphQLError) and error.original_error is not None


def is_pre_execution_crash(error: GraphQLError) -> bool:
    """An exception that escaped parsing or validation (a bug, not a bad request).

    Strawberry wraps those as GraphQLError(str(exc)) with neither path nor AST nodes, while
    syntax, validation and variable errors always point at a node or carry no original error.
    """
    original = error.original_error
    return (
        original is not None
        and not isinstance(original, GraphQLError)
        and error.path is None
        and not error.nodes
    )


def request_error_code(error: GraphQLError) -> str:
    return (
        "GRAPHQL_PARSE_FAILED"
        if error.message.startswith("Syntax Error")
        else ("GRAPHQL_VALIDATION_FAILED")
    )


def masked(error: GraphQLError, request_id: str | None) -> GraphQLError:
    log.error(
        "unexpected error request_id=%s path=%s",
        request_id,
        error.path,
        exc_info=error.original_error,
    )
    return GraphQLError(
        INTERNAL_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
    )


def finalise_errors(errors: list[GraphQLError], request_id: str | None) -> list[GraphQLError]:
    """Last pass before errors reach the client: every error gets `extensions.code`.

    Most errors already went through MaskUnexpectedErrors; a syntax error raised inside
    ParserCache's parsing hook does not (it escapes the operation hook), nor would a crash
    before execution, so the view runs this pass on every result.
    """
    out = []
    for error in errors:
        if is_unexpected(error) or is_pre_execution_crash(error):
            out.append(masked(error, request_id))
            continue
        if error.path is None and not (error.extensions or {}).get("code"):
            error.extensions = {**(error.extensions or {}), "code": request_error_code(error)}
        out.append(error)
    return out


class MaskUnexpectedErrors(MaskErrors):
    """Replaces unexpected errors with a generic message and a request id to quote to support."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message=INTERNAL_MESSAGE)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return finalise_errors(errors, getattr(self.execution_context.context, "request_id", None))
