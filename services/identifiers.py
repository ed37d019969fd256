"""Checksummed identifiers: USCC (GB 32100-2015), resident ID (GB 11643-1999), phone numbers."""

from __future__ import annotations

import re
from datetime import date, datetime

from services.timeutil import SHANGHAI

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
# re.ASCII: `\d` would otherwise also match full-width and other Unicode digits; fullmatch
# (not `$`) so a trailing newline is not accepted either.
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}", re.ASCII)
_DIGITS17 = re.compile(r"\d{17}", re.ASCII)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


# GB 32100-2015: the registering authority (1 机构编制 … 9 工商, A 中央军委改革和编制办公室,
# N 农业, Y 其他), a type digit, then the registering place's six-digit division code.
USCC_AUTHORITIES = "123456789ANY"
_USCC_PLACE = re.compile(r"[1-8][0-9]{5}")


def is_valid_uscc(value: str) -> bool:
    """True for an 18-character code over the USCC alphabet with a known registering
    authority, a type digit, a division code (a province's 11–82 first) and a last character
    that checks (so 000000000000000000, whose checksum holds, is refused)."""
    if len(value) != 18 or any(c not in USCC_ALPHABET for c in value):
        return False
    if value[0] not in USCC_AUTHORITIES or value[1] not in "123456789":
        return False
    if not _USCC_PLACE.fullmatch(value[2:8]) or value[2:4] < "11":
        return False
    return uscc_check_char(value[:17]) == value[17]


def resident_id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_birth_date(value: str) -> date | None:
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def is_valid_resident_id(value: str, today: date | None = None) -> bool:
    """17 digits + check character, and a birth date that exists and is not in the future."""
    # str.isdigit() would accept full-width digits such as "３", which int() then reads as 3.
    if len(value) != 18 or not _DIGITS17.fullmatch(value[:17]) or value[17] not in "0123456789X":
        return False
    born = resident_id_birth_date(value)
    if born is None or born > (today or datetime.now(SHANGHAI).date()) or born.year < 1900:
        return False
    return resident_id_check_char(value[:17]) == value[17]


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s()]", "", value)


def is_valid_mobile(value: str) -> bool:
    return bool(_MOBILE.fullmatch(value))


def is_valid_public_phone(value: str) -> bool:
    """A market's public contact: a mainland mobile or a landline with area code."""
    return bool(_MOBILE.fullmatch(value) or _LANDLINE.fullmatch(value))


def mask_phone(value: str) -> str:
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else "****"


def mask_resident_id(value: str) -> str:
    return value[:3] + "*" * 11 + value[-4:] if len(value) == 18 else "*" * len(value)
