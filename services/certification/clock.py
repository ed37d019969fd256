"""The certification calendar's "today" (Asia/Shanghai); tests move it by patching `today`."""

from __future__ import annotations

from datetime import date

from services.timeutil import local, now


def today() -> date:
    return local(now()).date()
