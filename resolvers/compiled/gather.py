"""Awaits sibling fields together without a task each: the compiled path's gather_with_cancel."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable
from typing import Any


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


class _Entry:
    """One coroutine driven as a task would drive it, in its own copy of the context (a
    transaction that one resolver opens, kept by Piccolo in a context variable, stays its own)."""

    __slots__ = ("context", "coroutine", "index", "waiting_on")

    def __init__(self, index: int, awaitable: Awaitable[Any]) -> None:
        self.index = index
        self.coroutine = awaitable if asyncio.iscoroutine(awaitable) else _awaited(awaitable)
        self.waiting_on: Any = None  # the future it yielded; None: ready to step
        self.context = contextvars.copy_context()

    def ready(self) -> bool:
        return self.waiting_on is None or self.waiting_on.done()

    def step(self, error: BaseException | None = None) -> None:
        """Run the coroutine to its next suspension; its end raises StopIteration (or its
        error), as `send` and `throw` do."""
        coroutine = self.coroutine
        if error is None:
            yielded = self.context.run(coroutine.send, None)
        else:
            yielded = self.context.run(coroutine.throw, error)
        if yielded is not None:
            # As a Task does: the flag says the future was awaited; the next await of the
            # same future (a loader's cached key) needs it cleared.
            yielded._asyncio_future_blocking = False
        self.waiting_on = yielded


async def gather_inline(awaitables: list[Awaitable[Any]]) -> list[Any]:
    """The results of `awaitables`, in order, like graphql-core's gather_with_cancel.

    graphql-core wraps every pending field in an asyncio Task; a page of 20 markets makes about
    170 of them, each scheduled through the event loop. Here the coroutines are stepped in
    this one task instead, in rounds, in the order the tasks would run: every coroutine runs
    to its first suspension (so the loaders collect a whole level's keys before the batch is
    dispatched), then those whose future has completed run on, until all are done. As with
    the tasks, a failure lets the rest of its round run; then, as on a cancellation (the
    operation timeout), the others are cancelled and awaited (their `finally` and `async with`
    blocks run: transactions roll back, statements are cancelled) and the error is raised.
    """
    results: list[Any] = [None] * len(awaitables)
    active = [_Entry(i, a) for i, a in enumerate(awaitables)]
    try:
        while active:
            failure: BaseException | None = None
            waiting: list[_Entry] = []
            for entry in active:
                if not entry.ready():
                    waiting.append(entry)
                    continue
                try:
                    entry.step()
                except StopIteration as done:
                    results[entry.index] = done.value
                    continue
                except Exception as error:
                    failure = failure or error
                    continue
                waiting.append(entry)
            active = waiting
            if failure is not None:
                raise failure
            if active:
                await _next_completion([entry.waiting_on for entry in active])
    except BaseException:
        await _cancel(active)
        raise
    return results


async def _next_completion(futures: list[Any]) -> None:
    pending = [f for f in futures if f is not None and not f.done()]
    if len(pending) < len(futures):  # a bare `yield` (sleep(0)) or a future already done
        await asyncio.sleep(0)
        return
    await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)


async def _cancel(entries: list[_Entry]) -> None:
    """Cancel the coroutines as Task.cancel would, and await their end (errors ignored)."""
    for entry in entries:
        if entry.waiting_on is not None:
            entry.waiting_on.cancel()
    error: BaseException | None = asyncio.CancelledError()
    while entries:
        waiting = []
        for entry in entries:
            if error is None and not entry.ready():
                waiting.append(entry)
                continue
            try:
                entry.step(error)
            except BaseException:  # noqa: BLE001 - settled, like gather(return_exceptions=True)
                continue
            waiting.append(entry)
        entries, error = waiting, None
        if entries:
            await _next_completion([entry.waiting_on for entry in entries])
