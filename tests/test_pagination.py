"""Keyset cursors: what a list hands out comes back typed; anything else is BAD_USER_INPUT."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from resolvers.errors import RequestError
from resolvers.pagination import decode_cursor, encode_cursor


def raw(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def test_timestamp_date_and_id_round_trip():
    moment = datetime(2026, 11, 28, 8, 30, tzinfo=timezone(timedelta(hours=8)))

    assert decode_cursor(encode_cursor([moment, 7]), [datetime, int]) == [moment, 7]
    assert decode_cursor(encode_cursor([date(2024, 3, 1), 9]), [date, int]) == [date(2024, 3, 1), 9]
    assert decode_cursor(encode_cursor([datetime(2026, 1, 1, tzinfo=UTC), 1]), [datetime, int])[
        0
    ].utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "values",
    [
        ["2026-11-28T08:30:00", 7],  # no timezone: not a cursor we made
        ["not a time", 7],
        [1732780800, 7],
        ["2026-11-28T08:30:00+08:00"],  # missing id
        ["2026-11-28T08:30:00+08:00", "7"],
    ],
)
def test_tampered_timestamp_cursors_are_bad_user_input(values):
    with pytest.raises(RequestError) as caught:
        decode_cursor(raw(values), [datetime, int])

    assert caught.value.extensions == {"code": "BAD_USER_INPUT", "field": ["after"]}
