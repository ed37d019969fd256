"""Who handles a case (by kind) and how long each step may take (（十三）（十六）（十七））."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.timeutil import now

KINDS = ("WAGE_ARREARS", "DISCRIMINATION", "SAFETY", "CONTRACT_DISPUTE", "GATHERING", "OTHER")
DEPARTMENTS = ("LABOUR_INSPECTION", "PUBLIC_SECURITY", "MARKET_REGULATION", "MARKET_OPERATOR")
OPEN = ("FILED", "ACCEPTED", "MEDIATING")
FINAL = ("RESOLVED", "REFERRED", "CLOSED")

# Where a new case goes: arrears and discrimination to labour inspection (劳动保障监察),
# threats and roadside gatherings to public security (治安、交通疏导, （十七）), everyday
# disputes to the market's operator for mediation (用工矛盾调处, （十三）).
ROUTE = {
    "WAGE_ARREARS": "LABOUR_INSPECTION",
    "DISCRIMINATION": "LABOUR_INSPECTION",
    "SAFETY": "PUBLIC_SECURITY",
    "GATHERING": "PUBLIC_SECURITY",
    "CONTRACT_DISPUTE": "MARKET_OPERATOR",
    "OTHER": "MARKET_OPERATOR",
}
# A filed (or re-routed) case must be accepted within this time by the department it is with.
ACCEPT_WITHIN = timedelta(days=3)
# An accepted case must be finished within this time, per department.
HANDLE_WITHIN = {
    "LABOUR_INSPECTION": timedelta(days=60),
    "PUBLIC_SECURITY": timedelta(days=30),
    "MARKET_REGULATION": timedelta(days=30),
    "MARKET_OPERATOR": timedelta(days=15),
}
# Labour dispute mediation ends within 15 days of its start (劳动争议调解仲裁法 第十四条).
MEDIATE_WITHIN = timedelta(days=15)


def department_for(kind: str) -> str:
    return ROUTE[kind]


def due(status: str, department: str, moment: datetime | None = None) -> datetime | None:
    """The deadline of the step a case has just entered; none once it is final."""
    start = moment or now()
    if status == "FILED":
        return start + ACCEPT_WITHIN
    if status == "ACCEPTED":
        return start + HANDLE_WITHIN[department]
    if status == "MEDIATING":
        return start + MEDIATE_WITHIN
    return None


def is_overdue(status: str, step_due_at: datetime | None, moment: datetime | None = None) -> bool:
    return status in OPEN and step_due_at is not None and step_due_at <= (moment or now())
