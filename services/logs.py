"""Log records carry the request id and never personal data or credentials (redaction)."""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from typing import Any

# Set by the ASGI middleware for the life of one request; "-" outside any request.
request_id_var: ContextVar[str | None] = ContextVar("lingong_request_id", default=None)

REDACTED = "[已隐去]"
# Keys whose values are secrets or personal data wherever they appear as key=value, "key": value
# (JSON, Python reprs, URL queries). Matched case-insensitively, camelCase and snake_case.
SECRET_KEYS = (
    "password|passwd|new_?password|old_?password|token|access_?token|refresh_?token|secret"
    "|authorization|cookie|session_?id|api_?key|phone|mobile|contact_?phone|resident_?id"
    "|id_?number|id_?card"
)
_KEY_VALUE = re.compile(
    rf"""(?ix)
    (["']?\b(?:{SECRET_KEYS})\b["']?\s*(?:=|:|%3A|%22%3A)\s*)   # key and separator
    ((?:bearer|basic)\s+[^\s,;&}}\]]+|%22[^&]*?%22|"[^"]*"|'[^']*'|[^\s,;&}}\]]+)  # value
    """
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
_API_TOKEN = re.compile(r"\blg_[A-Za-z0-9_-]{16,}")  # services/auth TOKEN_PREFIX
_PASSWORD_HASH = re.compile(r"(?:\$argon2\w*\$|\bpbkdf2_sha256\$)[^\s'\"]+")
# Mainland mobile and landline numbers, and resident ID numbers (18 characters), standing
# alone: letters or digits either side (hashes, request ids, timestamps) are not numbers.
_PHONE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])")
_LANDLINE = re.compile(r"(?<![0-9A-Za-z-])0\d{2,3}-\d{7,8}(?![0-9A-Za-z])")
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# uvicorn's access line logs the path with its query: GraphQL over GET carries variables there.
_QUERY_VALUES = re.compile(r"([?&][^=&\s]+)=[^&\s\"]*")


def redact(text: str) -> str:
    """The text with credentials and personal data replaced by a marker."""
    text = redact_path(text)
    text = _KEY_VALUE.sub(lambda m: m.group(1) + REDACTED, text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    for pattern in (_API_TOKEN, _PASSWORD_HASH, _RESIDENT_ID, _PHONE, _LANDLINE):
        text = pattern.sub(REDACTED, text)
    return text


def redact_path(path: str) -> str:
    """A request path with every query value removed (names kept, for debugging)."""
    return _QUERY_VALUES.sub(r"\1=…", path)


def _clean(record: logging.LogRecord) -> None:
    if record.name == "uvicorn.access" and isinstance(record.args, tuple):
        # Its formatter unpacks the arguments, so they are cleaned one by one.
        record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
    else:
        message = record.getMessage()
        record.msg, record.args = redact(message), ()
    if record.exc_info and not record.exc_text:
        # Formatters print exc_text when it is set: the traceback's messages are cleaned too.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


_base_factory = logging.getLogRecordFactory()


def _record(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.request_id = request_id_var.get() or "-"
    try:
        _clean(record)
    except Exception:  # a badly formatted message must not break the caller; drop its text
        record.msg, record.args = "日志消息无法格式化，已略去", ()
    return record


def install() -> None:
    """Every record of every logger (ours, uvicorn's, the libraries') from now on gets
    `request_id` and is redacted before any handler sees it. Idempotent."""
    if logging.getLogRecordFactory() is not _record:
        logging.setLogRecordFactory(_record)


FORMAT = "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"
# uvicorn's --log-config (dictConfig): our format for the server, access and app loggers.
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": FORMAT}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "lingong": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
