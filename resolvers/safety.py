"""Error masking and request limits applied to every operation."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger("lingong.graphql")


def is_unexpected(error: GraphQLError) -> bool:
    """Mask errors raised while executing a field that are not deliberate GraphQLErrors.

    Parse, validation and variable-coercion errors have no path and stay visible; our own
    RequestError / NotAuthenticated / Forbidden keep their message and `extensions.code`.
    """
    if error.path is None:
        return False
    return not isinstance(error.original_error, GraphQLError) and error.original_error is not None


class MaskUnexpectedErrors(MaskErrors):
    """Replaces unexpected errors with a generic message and a request id to quote to support."""

    def __init__(self) -> None:
        super().__init__(
            should_mask_error=is_unexpected, error_message="服务器内部错误，请稍后重试"
        )

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            if error.path is None and not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "GRAPHQL_VALIDATION_FAILED"}
        return processed

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        log.error(
            "unexpected error request_id=%s path=%s",
            request_id,
            error.path,
            exc_info=error.original_error,
        )
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
        return masked
