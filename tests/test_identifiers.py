"""Checksummed identifiers: USCC (GB 32100-2015), resident ID (GB 11643-1999), phones, masking."""

from __future__ import annotations

from datetime import date

import pytest

from services.identifiers import (
    USCC_ALPHABET,
    is_valid_mobile,
    is_valid_resident_id,
    is_valid_uscc,
    mask_phone,
    mask_resident_id,
    resident_id_birth_date,
    resident_id_check_char,
    uscc_check_char,
)

TODAY = date(2024, 6, 1)

# Published codes of real companies (national enterprise credit register).
REAL_USCC = [
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
]
# The example in GB 11643-1999 itself (Beijing, born 1949-12-31, check character X).
STANDARD_RESIDENT_ID = "11010519491231002X"


def with_uscc_check(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def with_id_check(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


# --- USCC --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", REAL_USCC)
def test_real_uscc_literals_are_valid(code):
    assert is_valid_uscc(code)
    assert uscc_check_char(code[:17]) == code[17]


@pytest.mark.parametrize(
    "first17", ["91330100MA27U0LK4", "12330000470051726", "5133010032000000X", "Y1330100000000001"]
)
def test_uscc_computed_with_the_check_function_is_valid(first17):
    assert is_valid_uscc(with_uscc_check(first17))


@pytest.mark.parametrize(
    "first17",
    [
        "00000000000000000",  # its checksum holds: the code an outside test got through
        "01330100MA27U0LK4",  # no registering authority 0
        "B1330100MA27U0LK4",  # nor B
        "90330100MA27U0LK4",  # type digit 0
        "91000000MA27U0LK4",  # no division 000000
        "9133A100MA27U0LK4",  # a division code is digits
        "91990100MA27U0LK4",  # no province 99
    ],
)
def test_a_code_with_a_good_checksum_but_no_authority_type_or_place_is_refused(first17):
    assert not is_valid_uscc(with_uscc_check(first17))


def test_the_alphabet_has_no_i_o_z_s_v():
    assert len(USCC_ALPHABET) == 31
    assert not set("IOZSV") & set(USCC_ALPHABET)


@pytest.mark.parametrize("code", REAL_USCC)
def test_every_other_check_character_is_rejected(code):
    for wrong in USCC_ALPHABET:
        if wrong != code[17]:
            assert not is_valid_uscc(code[:17] + wrong), wrong


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_letters_outside_the_alphabet_are_rejected(letter):
    assert not is_valid_uscc("91330100MA27U0LK4" + letter)
    assert not is_valid_uscc(letter + REAL_USCC[0][1:])


@pytest.mark.parametrize(
    "code",
    [
        "",
        REAL_USCC[0][:17],
        REAL_USCC[0] + "0",
        REAL_USCC[0].lower(),
        " " + REAL_USCC[0][1:],
        REAL_USCC[0][:-1] + "-",
        "９１３３０１００７９９６５５０５８Ｂ",  # full-width
    ],
)
def test_malformed_uscc_is_rejected(code):
    assert not is_valid_uscc(code)


def test_a_single_changed_character_is_caught():
    code = REAL_USCC[0]
    altered = code[:5] + ("1" if code[5] != "1" else "2") + code[6:]
    assert not is_valid_uscc(altered)


# --- resident ID -------------------------------------------------------------------------


def test_the_standard_example_is_valid():
    assert is_valid_resident_id(STANDARD_RESIDENT_ID, today=TODAY)
    assert resident_id_birth_date(STANDARD_RESIDENT_ID) == date(1949, 12, 31)


@pytest.mark.parametrize("first17", ["33010219900101123", "33112720000229002", "33010219000101000"])
def test_ids_computed_with_the_check_function_are_valid(first17):
    assert is_valid_resident_id(with_id_check(first17), today=TODAY)


def test_a_birth_on_today_is_valid_and_tomorrow_is_not():
    assert is_valid_resident_id(with_id_check("33010220240601123"), today=TODAY)
    assert not is_valid_resident_id(with_id_check("33010220240602123"), today=TODAY)


def test_every_other_check_character_is_rejected_for_resident_ids():
    for wrong in "0123456789X":
        if wrong != "X":
            assert not is_valid_resident_id(STANDARD_RESIDENT_ID[:17] + wrong, today=TODAY)


@pytest.mark.parametrize(
    ("first17", "why"),
    [
        ("33010219990230123", "30 February 1999"),
        ("33010219990229123", "1999 is not a leap year"),
        ("33010219901301123", "month 13"),
        ("33010219900100123", "day 0"),
        ("33010218991231123", "before 1900"),
        ("33010230000101123", "far future"),
    ],
)
def test_impossible_or_future_birth_dates_are_rejected(first17, why):
    assert not is_valid_resident_id(with_id_check(first17), today=TODAY), why


@pytest.mark.parametrize(
    "value",
    [
        "",
        STANDARD_RESIDENT_ID[:17],
        STANDARD_RESIDENT_ID + "1",
        STANDARD_RESIDENT_ID.lower(),  # lowercase x
        "1101051949123100２X",  # a full-width digit
        "11010519491231002Y",
        "11010519491231 02X",
    ],
)
def test_malformed_resident_ids_are_rejected(value):
    assert not is_valid_resident_id(value, today=TODAY)


def test_resident_id_defaults_to_today_in_shanghai():
    assert is_valid_resident_id(STANDARD_RESIDENT_ID)
    assert not is_valid_resident_id(with_id_check("33010230000101123"))


# --- phones and masking ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("13800138000", True),
        ("19912345678", True),
        ("12800138000", False),
        ("1380013800", False),
        ("138001380001", False),
        ("13800138000\n", False),
        ("１３８００１３８０００", False),
    ],
)
def test_mobile_numbers(value, valid):
    assert is_valid_mobile(value) is valid


def test_masking():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0571-87000000") == "057****0000"
    assert mask_phone("12345") == "****"
    assert mask_resident_id(STANDARD_RESIDENT_ID) == "110***********002X"
    assert mask_resident_id("12345") == "*****"
    assert len(mask_resident_id(STANDARD_RESIDENT_ID)) == 18
