"""The workloadReportSubmit document and the answers its tests expect."""

from __future__ import annotations

from resolvers.user_errors import camel
from tests.fixtures.assessment import FULL, LAST

SUBMIT = """
mutation($input: WorkloadReportSubmitInput!) {
  workloadReportSubmit(input: $input) {
    workloadReport {
      period version isCurrent idempotencyKey notes lockedAt market { id }
      registrations postingsPublished matchesConfirmed workersOnboarded
      assistedWorkersPlaced trainingsDelivered disputesMediated
    }
    userErrors { code field message }
  }
}"""


def report_input(market_gid: str, period: str = LAST, key: str | None = "k-1", **changes) -> dict:
    values = {camel(name): value for name, value in {**FULL, **changes}.items()}
    values = {
        "marketId": market_gid,
        "period": period,
        "idempotencyKey": key,
        "notes": "",
        **values,
    }
    return {"input": {k: v for k, v in values.items() if v is not ...}}


def stored(market_gid: str, period: str = LAST, version: int = 1, key: str = "k-1", **c) -> dict:
    return {
        "data": {
            "workloadReportSubmit": {
                "workloadReport": {
                    "period": period,
                    "version": version,
                    "isCurrent": True,
                    "idempotencyKey": key,
                    "notes": c.pop("notes", ""),
                    "lockedAt": None,
                    "market": {"id": market_gid},
                    **{camel(name): value for name, value in {**FULL, **c}.items()},
                },
                "userErrors": [],
            }
        }
    }


def refused(*errors: tuple[str, str, str]) -> dict:
    return {
        "data": {
            "workloadReportSubmit": {
                "workloadReport": None,
                "userErrors": [{"code": c, "field": [f], "message": m} for c, f, m in errors],
            }
        }
    }


def denied(code: str, message: str) -> dict:
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["workloadReportSubmit"],
                "extensions": {"code": code},
            }
        ],
    }


NOT_FOUND = ("MARKET_NOT_FOUND", "marketId", "零工市场不存在")
