"""The start-up step that takes long-lived objects out of the garbage collector's full passes."""

from __future__ import annotations

import gc
import inspect
import weakref

import app as app_module
from services.memory import freeze_long_lived


class _Node:
    """A reference cycle that only the collector can free (test only)."""

    def __init__(self) -> None:
        self.me = self


def test_what_is_alive_at_start_up_is_frozen_and_garbage_is_collected_first():
    # given: nothing frozen, a cycle that nothing reaches any more
    gc.unfreeze()
    node = _Node()
    gone = weakref.ref(node)
    del node
    try:
        # when
        freeze_long_lived()

        # then: the live objects are frozen (the schema and the modules: thousands), and the
        # cycle was collected rather than frozen for the life of the process
        assert gc.get_freeze_count() > 10_000
        assert gone() is None
    finally:
        gc.unfreeze()


def test_the_server_freezes_after_start_up():
    assert "freeze_long_lived()" in inspect.getsource(app_module.lifespan)
