"""Staff password policy: one check for the CLI, the admin's user forms and change-password."""

from __future__ import annotations

from services.problems import Problems

# Staff accounts open every worker's record, so their passwords are held to more than the
# 8 characters of worker and employer accounts: 12 characters of at least two kinds (NIST
# SP 800-63B puts length first), not a common or repetitive one, not the username.
MIN_STAFF_PASSWORD, MAX_STAFF_PASSWORD = 12, 128
MIN_DISTINCT = 5
MIN_KINDS = 2
# Lowercased, as typed most often; longer variants ("password1234") are caught by stem.
COMMON = (
    "password",
    "passw0rd",
    "p@ssw0rd",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "1qaz2wsx",
    "123456",
    "12345678",
    "123456789",
    "1234567890",
    "abc123",
    "abcdef",
    "iloveyou",
    "admin",
    "administrator",
    "welcome",
    "letmein",
    "woaini",
    "zhejiang",
    "lingong",
    "changeme",
)


def _kinds(password: str) -> int:
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() or not c.isascii() for c in password),
        )
    )


def _stem(password: str) -> str:
    """The password without the digits and symbols people add to a word to pass a rule."""
    return password.lower().strip("0123456789!@#$%^&*.-_+=~?")


def check_staff_password(password: str | None, username: str | None, problems: Problems) -> None:
    """Add one WEAK_PASSWORD problem (Chinese, the first rule broken) if the password fails."""
    value = password or ""
    lowered = value.lower()
    name = (username or "").strip().lower()
    message = ""
    if not MIN_STAFF_PASSWORD <= len(value) <= MAX_STAFF_PASSWORD:
        message = f"密码长度须为 {MIN_STAFF_PASSWORD} 到 {MAX_STAFF_PASSWORD} 个字符"
    elif _kinds(value) < MIN_KINDS:
        message = "密码须包含至少两类字符（小写字母、大写字母、数字、符号）"
    elif len(set(value)) < MIN_DISTINCT:
        message = f"密码须包含至少 {MIN_DISTINCT} 个不同的字符"
    elif (
        lowered in COMMON
        or _stem(value) in COMMON
        or any(lowered.startswith(c) and len(c) >= 6 for c in COMMON)
    ):
        message = "密码过于常见，请换一个"
    elif len(name) >= 3 and name in lowered:
        message = "密码不能包含用户名"
    if message:
        problems.add("WEAK_PASSWORD", message, "password")


def staff_password_problem(password: str | None, username: str | None) -> str | None:
    """The Chinese message for a weak staff password, or None when it is acceptable."""
    problems = Problems()
    check_staff_password(password, username, problems)
    return problems.items[0].message if problems else None
