"""Awaits sibling fields together without a task each: the compiled path's gather_with_cancel."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from typing import Any


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


async def gather_inline(awaitables: list[Awaitable[Any]]) -> list[Any]:
    """The results of `awaitables`, in order, like graphql-core's gather_with_cancel.

    graphql-core wraps every pending field in an asyncio Task; a page of 20 markets makes about
    170 of them, each scheduled through the event loop. Here the coroutines are stepped in
    this one task instead, in rounds, in the order the tasks would run: every coroutine runs
    to its first suspension (so the loaders collect a whole level's keys before the batch is
    dispatched), then those whose future has completed run on, until all are done. As with
    the tasks, a failure lets the rest of its round run, then closes the others (like a
    cancellation: only `except Exception` handlers record errors, and they see none) and the
    first failure is raised.
    """
    count = len(awaitables)
    results: list[Any] = [None] * count
    # [index, coroutine, the future it waits on (None: ready to step)]
    active: list[list[Any]] = [
        [i, a if asyncio.iscoroutine(a) else _awaited(a), None] for i, a in enumerate(awaitables)
    ]
    try:
        while active:
            failure: BaseException | None = None
            waiting: list[list[Any]] = []
            for entry in active:
                future = entry[2]
                if future is not None and not future.done():
                    waiting.append(entry)
                    continue
                coroutine: Coroutine[Any, Any, Any] = entry[1]
                try:
                    yielded = entry[2] = coroutine.send(None)
                except StopIteration as done:
                    results[entry[0]] = done.value
                    continue
                except Exception as error:
                    failure = failure or error
                    continue
                if yielded is not None:
                    # As a Task does: the flag says the future was awaited, and the next await
                    # of the same future (a loader's cached key) needs it cleared.
                    yielded._asyncio_future_blocking = False
                waiting.append(entry)
            active = waiting
            if failure is not None:
                raise failure
            if active:
                await _next_completion([entry[2] for entry in active])
    finally:
        for entry in active:
            entry[1].close()
    return results


async def _next_completion(futures: list[Any]) -> None:
    pending = [f for f in futures if f is not None and not f.done()]
    if len(pending) < len(futures):  # a bare `yield` (sleep(0)) or a future already done
        await asyncio.sleep(0)
        return
    await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
