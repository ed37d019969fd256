"""The staff password policy (services/auth/passwords), used by the CLI and the admin."""

from __future__ import annotations

import pytest

from services.auth.passwords import staff_password_problem

LENGTH = "密码长度须为 12 到 128 个字符"
KINDS = "密码须包含至少两类字符（小写字母、大写字母、数字、符号）"
DISTINCT = "密码须包含至少 5 个不同的字符"
COMMON = "密码过于常见，请换一个"
USERNAME = "密码不能包含用户名"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", LENGTH),
        ("abcdef", LENGTH),
        ("aaaaaaaa", LENGTH),
        ("Ab1-Ab1-Ab1", LENGTH),  # 11
        ("x" * 129, LENGTH),
        ("aaaaaaaaaaaa", KINDS),
        ("correcthorsebattery", KINDS),
        ("123456789012", KINDS),
        ("Aa1Aa1Aa1Aa1", DISTINCT),
        ("Password1234", COMMON),
        ("qwertyuiop!!", COMMON),
        ("P@ssw0rd2026", COMMON),
        ("1qaz2wsx3edc", COMMON),
        ("wang.xiaoming-2026", USERNAME),
        ("My-WANG.XIAOMING", USERNAME),
    ],
)
def test_weak_staff_passwords_are_refused_with_the_first_rule_broken(password, message):
    assert staff_password_problem(password, "wang.xiaoming") == message


@pytest.mark.parametrize(
    "password",
    ["Qiantang-Tide-2026", "correct horse battery", "西湖边的零工市场2026", "Ab1-Cd2-Ef3-"],
)
def test_sound_staff_passwords_pass(password):
    assert staff_password_problem(password, "wang.xiaoming") is None
