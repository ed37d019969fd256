"""Error masking and request limits applied to every operation, and text input checked for
control characters."""

from __future__ import annotations

import functools
import logging
import re

from graphql import (
    ArgumentNode,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    ListValueNode,
    Node,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationRule,
    ValueNode,
    Visitor,
    visit,
)
from strawberry.extensions import MaskErrors, SchemaExtension, ValidationCache
from strawberry.types.graphql import OperationType

from resolvers.errors import RequestError

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


# graphql-core's variable errors, in Chinese: "Variable '$w' has invalid value at .kind: <reason>".
_INVALID_VARIABLE = re.compile(
    r"Variable '\$(\w+)' has invalid value(?: at ([\w.\[\]]+))?: (.*)", re.S
)
_MISSING_VARIABLE = re.compile(
    r"Variable '\$(\w+)' of (?:required|non-null) type '.*?' was not provided\."
)
_REASONS = (
    # a custom scalar's own (Chinese) reason, e.g. Decimal's
    (re.compile(r"Expected value of type '\w+', but encountered error '(.*)'; found"), "{0}"),
    (re.compile(r"Int cannot represent non-integer value"), "须为整数"),
    (re.compile(r"Int cannot represent non 32-bit signed integer value"), "超出整数范围"),
    (re.compile(r"Float cannot represent"), "须为数字"),
    (re.compile(r"String cannot represent"), "须为文字"),
    (re.compile(r"Boolean cannot represent"), "须为 true 或 false"),
    (re.compile(r"ID cannot represent"), "须为编号（字符串）"),
    (re.compile(r"Field '(\w+)' of required type '.*?' was not provided"), "缺少必填字段 {0}"),
    (re.compile(r"Field '(\w+)' is not defined by type"), "没有名为 {0} 的字段"),
    (re.compile(r"Value '(.*?)' does not exist in '(\w+)' enum"), "{0} 不是 {1} 的可选值"),
    (re.compile(r"Expected type '(\w+)' to be an object"), "须为对象"),
    (re.compile(r"Expected value of type '(.*?)', found null"), "不能为空"),
    (re.compile(r"Expected a value of non-null type '.*?' to be provided"), "必须提供"),
)


def _reason(text: str) -> str:
    for pattern, chinese in _REASONS:
        if match := pattern.search(text):
            return chinese.format(*match.groups())
    return text  # our scalars' messages are Chinese already


def in_chinese(error: GraphQLError) -> GraphQLError:
    """A variable error as a Chinese message with `field` as a path list (like userErrors);
    graphql-core's English stays in `extensions.detail` for developers."""
    if match := _INVALID_VARIABLE.fullmatch(error.message):
        name, at, reason = match.groups()
        inner = at.replace("]", "").replace("[", ".").strip(".").split(".") if at else []
        field = [name, *inner]
        message = f"变量 ${name} 的取值无效：{_reason(reason)}（{'.'.join(field)}）"
    elif match := _MISSING_VARIABLE.fullmatch(error.message):
        field = [match[1]]
        message = f"缺少必填变量 ${match[1]}"
    else:
        return error
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={
            **(error.extensions or {}),
            "field": field,
            "detail": error.message,
        },
    )


MAX_ERRORS = 10  # errors returned per request (a document crafted to fail everywhere)
MAX_DIRECTIVES_PER_LOCATION = 3  # @include and @skip are all a client needs on one field
MAX_FIELD_REPEATS = 5  # one field asked again and again in one selection only costs the server


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
        out.append(in_chinese(error))
    return out


def capped(errors: list[GraphQLError]) -> list[GraphQLError]:
    """At most MAX_ERRORS errors, then one that counts the rest (the view's last step)."""
    if len(errors) <= MAX_ERRORS:
        return errors
    left = len(errors) - MAX_ERRORS
    code = (errors[MAX_ERRORS].extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
    summary = GraphQLError(f"另有 {left} 个错误未列出", extensions={"code": code})
    return [*errors[:MAX_ERRORS], summary]


class MaskUnexpectedErrors(MaskErrors):
    """Replaces unexpected errors with a generic message and a request id to quote to support."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message=INTERNAL_MESSAGE)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return finalise_errors(errors, getattr(self.execution_context.context, "request_id", None))


# Control characters no person types in a form: NUL cannot be stored in PostgreSQL text at all,
# the others corrupt exports and logs. Tab, line feed and carriage return are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character_path(value: object, path: list[str]) -> list[str] | None:
    """The path to the first text in `value` holding a control character, or None."""
    if isinstance(value, str):
        return path if _CONTROL.search(value) else None
    items: list[tuple[str, object]] = []
    if isinstance(value, dict):
        items = [(str(k), v) for k, v in value.items()]
    elif isinstance(value, list):
        items = [(str(i), v) for i, v in enumerate(value)]
    for key, item in items:
        found = control_character_path(item, [*path, key])
        if found is not None:
            return found
    return None


def _literal_path(document: DocumentNode | None) -> list[str] | None:
    """The path (argument, then input fields) to a string literal with a control character."""
    if document is None:
        return None
    found: list[list[str]] = []

    def walk(node: ValueNode, path: list[str]) -> None:
        if isinstance(node, StringValueNode) and _CONTROL.search(node.value):
            found.append(path)
        elif isinstance(node, ObjectValueNode):
            for field in node.fields:
                walk(field.value, [*path, field.name.value])
        elif isinstance(node, ListValueNode):
            for i, item in enumerate(node.values):
                walk(item, [*path, str(i)])

    class Arguments(Visitor):
        def enter_argument(self, node: ArgumentNode, *_):
            walk(node.value, [node.name.value])

    visit(document, Arguments())
    return found[0] if found else None


class RefuseControlCharacters(SchemaExtension):
    """Text a mutation would store is refused if it holds a control character, before anything
    runs, naming where it is (`extensions.field`), on every database: nothing is half-written,
    nothing is a 500. Queries keep their own rules: codes and ids are validated where they are
    read, and search text drops control characters (resolvers/filters.text_search)."""

    def on_execute(self):
        context = self.execution_context
        if context.result is not None or context.operation_type != OperationType.MUTATION:
            yield
            return
        path = control_character_path(context.variables or {}, []) or _literal_path(
            context.graphql_document
        )
        if path is not None:
            message = f"{'.'.join(path)}：不能包含控制字符（如 NUL）"
            context.result = ExecutionResult(data=None, errors=[RequestError(message, field=path)])
        yield


# Cached by document, like the validation it precedes: ParserCache hands the same document
# object back for the same text, so a repeated query is not walked again.
@functools.lru_cache(maxsize=512)
def _piled_directives(document: DocumentNode) -> Node | None:
    """The first field, fragment or operation with more than MAX_DIRECTIVES_PER_LOCATION
    directives, or None."""
    found: list[Node] = []

    class Directives(Visitor):
        def enter(self, node: Node, *_args: object) -> None:
            if (
                not found
                and len(getattr(node, "directives", None) or ()) > MAX_DIRECTIVES_PER_LOCATION
            ):
                found.append(node)

    visit(document, Directives())
    return found[0] if found else None


class GuardedValidationCache(ValidationCache):
    """Strawberry's validation cache, after one refusal that answers with a single error:
    directives piled on one place (directive overloading only costs the server work and
    would answer with an error per directive; @include and @skip are all a client needs)."""

    def on_validate(self):
        document = self.execution_context.graphql_document
        piled = _piled_directives(document) if document is not None else None
        if piled is None:
            yield from super().on_validate()
            return
        self.execution_context.pre_execution_errors = [
            GraphQLError(
                f"同一位置最多使用 {MAX_DIRECTIVES_PER_LOCATION} 个指令",
                nodes=[piled],
                extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
            )
        ]
        yield


class RequireOperationName(SchemaExtension):
    """A document with several operations must name the one to run (the GraphQL spec's
    GetOperation): Strawberry would run the first, which the client did not ask for."""

    def on_execute(self):
        context = self.execution_context
        document = context.graphql_document
        # The name the client sent (`operation_name` falls back to the first operation's).
        provided = context._provided_operation_name
        if provided is None and document is not None and context.result is None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                message = "operationName：文档包含多个操作时须用 operationName 指明执行哪一个"
                error = RequestError(message, field="operationName")
                context.result = ExecutionResult(data=None, errors=[error])
        yield


class NoFieldFlooding(ValidationRule):
    """The same field (response key) more than MAX_FIELD_REPEATS times in one selection set is
    refused: field duplication (`{ __typename __typename … }` ×500) passes the depth, alias
    and token limits yet makes the server resolve and merge every copy."""

    def enter_selection_set(self, node: SelectionSetNode, *_args: object) -> None:
        seen: dict[str, int] = {}
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                seen[key] = seen.get(key, 0) + 1
                if seen[key] == MAX_FIELD_REPEATS + 1:
                    self.report_error(
                        GraphQLError(
                            f"字段 {key} 在同一选择集中最多出现 {MAX_FIELD_REPEATS} 次",
                            selection,
                            extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                        )
                    )
