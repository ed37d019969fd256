"""Runs a planned trusted document: graphql-core's completion rules without its per-field work."""

from __future__ import annotations

from base64 import b64encode
from collections.abc import Awaitable
from contextlib import suppress
from typing import Any

from graphql import GraphQLError, Undefined
from graphql.execution.executor import Executor, invalid_return_type_error
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, is_iterable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers.compiled.gather import gather_inline
from resolvers.compiled.plan import (
    ABSTRACT,
    LEAF,
    LIST,
    NON_NULL,
    OBJECT,
    CompiledDocument,
    Completion,
    FieldPlan,
)

complete_leaf_value = Executor.complete_leaf_value
# Values that are neither awaitable nor an exception, whatever their value.
SIMPLE = frozenset({str, int, float, bool})


class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor; an operation handed a plan (`compiled=`, see schema/root.py)
    walks it instead of collecting fields and building resolver info per field.

    Everything around the walk is the executor's own: variables are coerced once by `build`,
    field errors are located and propagated by `handle_field_error`, and the result is built
    by `build_response`. Each step below mirrors the method of graphql-core's Executor it
    replaces (execute_fields, execute_field, complete_value, ...), so resolvers run in the
    same order, loaders batch the same keys and errors arrive in the same order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.compiled: CompiledDocument | None = kwargs.pop("compiled", None)
        super().__init__(*args, **kwargs)

    def execute_operation(self, serially: bool | None = None) -> Any:
        compiled = self.compiled
        middleware = self.middleware_manager
        if (
            compiled is None
            or compiled.schema is not self.schema  # planned for another schema
            or self.abort_signal is not None
            or self.hooks is not None
            or not self.error_propagation
            or (middleware is not None and middleware._middleware_resolvers is not None)  # noqa: SLF001
        ):
            return super().execute_operation(serially)
        try:
            fields = compiled.plan_for(self.variable_values)
        except GraphQLError:
            # A condition graphql-core refuses (`@skip(if: $x)` with x null): it reports that
            # as a field error where it meets it, so it runs the operation itself.
            return super().execute_operation(serially)
        try:
            root_type = compiled.schema.query_type
            result = self.run_fields(root_type, self.root_value, None, fields)
            if self.is_awaitable(result):

                async def await_result() -> Any:
                    try:
                        data = await result
                    except GraphQLError as error:
                        self.collected_errors.add(error, None)
                        return self.build_response(None)
                    except Exception:
                        self.run_async_work_finished_hook()
                        raise
                    return self.build_response(data)

                return await_result()
            data = result
        except GraphQLError as error:
            self.collected_errors.add(error, None)
            return self.finish(self.build_response(None))
        return self.finish(self.build_response(data))

    def run_fields(
        self, parent_type: Any, source: Any, path: Path | None, fields: list[FieldPlan]
    ) -> Any:
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        pending: list[str] = []
        type_name = parent_type.name
        try:
            for plan in fields:
                key = plan.key
                if plan.typename is not None:
                    results[key] = plan.typename
                    continue
                if plan.node_id_attr is not None and type(source) is plan.node_class:
                    # relay.Node._id and GlobalID's serialisation, without the resolver call
                    # and its info; a null id takes run_field, which fails as Node._id does.
                    node_id = getattr(source, plan.node_id_attr)
                    if node_id is not None:
                        text = f"{type_name}:{node_id!s}".encode()
                        results[key] = b64encode(text).decode()
                        continue
                leaf = plan.leaf
                if leaf is None:
                    result = self.run_field(plan, source, Path(path, key, type_name))
                else:
                    # Most fields: an attribute holding a scalar or an enum, completed here
                    # without a path; anything unusual takes run_field with the value read.
                    value = plan.getter(source, plan.attribute)
                    kind = type(value)
                    if kind is str and plan.text:
                        results[key] = value
                        continue
                    if value is None:
                        if not plan.non_null:
                            results[key] = None
                            continue
                    elif kind in SIMPLE or not (
                        isinstance(value, Exception) or is_awaitable(value)
                    ):
                        with suppress(Exception):  # run_field raises it again, located
                            coerced = leaf.coerce_output_value(value)
                            if coerced is not None and coerced is not Undefined:
                                results[key] = coerced
                                continue
                    result = self.run_field(plan, source, Path(path, key, type_name), value)
                results[key] = result
                if is_awaitable(result):
                    pending.append(key)
        except Exception:
            if pending:
                self.settle_in_background([results[key] for key in pending])
            raise
        if not pending:
            return results

        async def get_results() -> dict[str, Any]:
            if len(pending) == 1:
                results[pending[0]] = await results[pending[0]]
            else:
                awaited = await gather_inline([results[key] for key in pending])
                results.update(zip(pending, awaited, strict=True))
            return results

        return get_results()

    def run_field(self, plan: FieldPlan, source: Any, path: Path, value: Any = Undefined) -> Any:
        info = None
        try:
            if value is not Undefined:  # read by run_fields
                result = value
            elif plan.attribute is not None:
                result = plan.getter(source, plan.attribute)
            elif plan.typename is not None:
                result = plan.typename
            elif plan.direct is not None:
                info = self.build_resolve_info(plan.field_def, plan.nodes, plan.parent_type, path)
                result = plan.direct(source, info)
            else:
                info = self.build_resolve_info(plan.field_def, plan.nodes, plan.parent_type, path)
                args = plan.args
                if args is None:
                    args = get_argument_values(
                        plan.field_def, plan.nodes[0], self.variable_values, None
                    )
                result = plan.field_def.resolve(source, info, **args)  # type: ignore[misc]
            if info is None and plan.needs_info:
                info = self.build_resolve_info(plan.field_def, plan.nodes, plan.parent_type, path)
            if self.is_awaitable(result):
                return self.complete_awaited(plan, plan.completion, info, path, result)
            completed = self.complete(plan, plan.completion, info, path, result)
            if self.is_awaitable(completed):

                async def await_completed() -> Any:
                    try:
                        return await completed
                    except Exception as raw_error:
                        self.handle_field_error(raw_error, plan.field_def.type, plan.details, path)
                        return None

                return await_completed()
        except Exception as raw_error:
            self.handle_field_error(raw_error, plan.field_def.type, plan.details, path)
            return None
        return completed

    async def complete_awaited(
        self, plan: FieldPlan, completion: Completion, info: Any, path: Path, result: Any
    ) -> Any:
        try:
            completed = self.complete(plan, completion, info, path, await result)
            if self.is_awaitable(completed):
                completed = await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, completion.type, plan.details, path)
            return None
        return completed

    def complete(
        self, plan: FieldPlan, completion: Completion, info: Any, path: Path, result: Any
    ) -> Any:
        kind = completion.kind
        if kind == NON_NULL:  # the inner completion checks for an exception first
            assert completion.inner is not None
            completed = self.complete(plan, completion.inner, info, path, result)
            if completed is None:
                raise TypeError(completion.message)
            return completed
        if isinstance(result, Exception):
            raise result
        if result is None or result is Undefined:
            return None
        if kind == LEAF:
            return complete_leaf_value(completion.type, result)
        if kind == OBJECT:
            return self.complete_object(plan, completion, info, path, result)
        if kind == LIST:
            if self.is_async_iterable(result) or not is_iterable(result):
                # Streams and non-lists: graphql-core's own handling, errors included.
                return self.complete_value(completion.type, plan.details, info, path, result, None)
            return self.complete_list(plan, completion, info, path, result)
        if kind == ABSTRACT:
            return self.complete_abstract(plan, completion, info, path, result)
        raise TypeError(f"unknown completion {kind}")  # pragma: no cover

    def complete_list(
        self, plan: FieldPlan, completion: Completion, info: Any, path: Path, items: Any
    ) -> Any:
        inner = completion.inner
        assert inner is not None
        if inner.leaf is not None and type(items) is list:
            # [Float!]-like lists of plain values (a map point's coordinates): serialized here
            # without a path per item; anything else, or any doubt, takes the walk below.
            serialize = inner.leaf.serialize
            with suppress(Exception):  # the walk raises it again, located
                if all(type(item) in SIMPLE for item in items):
                    values = [serialize(item) for item in items]
                    if all(v is not None and v is not Undefined for v in values):
                        return values
        is_awaitable = self.is_awaitable
        completed: list[Any] = []
        pending: list[int] = []
        for index, item in enumerate(items):
            item_path = path.add_key(index, None)
            if is_awaitable(item):
                completed.append(self.complete_awaited(plan, inner, info, item_path, item))
                pending.append(index)
                continue
            try:
                value = self.complete(plan, inner, info, item_path, item)
                if is_awaitable(value):
                    value = self.await_item(plan, inner, item_path, value)
                    pending.append(index)
                completed.append(value)
            except Exception as raw_error:
                self.handle_field_error(raw_error, inner.type, plan.details, item_path)
                completed.append(None)
        if not pending:
            return completed

        async def get_completed() -> list[Any]:
            if len(pending) == 1:
                completed[pending[0]] = await completed[pending[0]]
            else:
                awaited = await gather_inline([completed[i] for i in pending])
                for index, value in zip(pending, awaited, strict=True):
                    completed[index] = value
            return completed

        return get_completed()

    async def await_item(
        self, plan: FieldPlan, completion: Completion, path: Path, value: Awaitable[Any]
    ) -> Any:
        try:
            return await value
        except Exception as raw_error:
            self.handle_field_error(raw_error, completion.type, plan.details, path)
            return None

    def complete_abstract(
        self, plan: FieldPlan, completion: Completion, info: Any, path: Path, result: Any
    ) -> Any:
        abstract = completion.type
        resolve_type = abstract.resolve_type or self.type_resolver
        runtime = resolve_type(result, info, abstract)
        assert completion.by_type is not None
        by_type = completion.by_type

        def object_of(name: Any) -> Any:
            found = self.ensure_valid_runtime_type(name, abstract, plan.details, info, result)
            return self.complete_object(plan, by_type[found.name], info, path, result)

        if self.is_awaitable(runtime):

            async def await_object() -> Any:
                value = object_of(await runtime)
                return await value if self.is_awaitable(value) else value

            return await_object()
        return object_of(runtime)

    def complete_object(
        self, plan: FieldPlan, completion: Completion, info: Any, path: Path, result: Any
    ) -> Any:
        object_type = completion.type
        assert completion.fields is not None
        fields = completion.fields
        if completion.is_type_of:
            matches = completion.is_type_of(result, info)
            if self.is_awaitable(matches):

                async def run_async() -> Any:
                    if not await matches:
                        raise invalid_return_type_error(object_type, result, plan.details)
                    value = self.run_fields(object_type, result, path, fields)
                    return await value if self.is_awaitable(value) else value

                return run_async()
            if not matches:
                raise invalid_return_type_error(object_type, result, plan.details)
        return self.run_fields(object_type, result, path, fields)
