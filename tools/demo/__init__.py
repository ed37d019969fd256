"""Demo data for `lingong seed-demo` and `serve --demo`: plausible, deterministic, idempotent."""

# Everything goes through the services the API and the admin use (market rules, registration,
# staff verification, posting and application rules, report submission, assessment runs), so
# demo data obeys the same rules as real data. Each row is looked up by its natural key before it
# is created, so a second run creates nothing. Postings are placed relative to now (Asia/
# Shanghai); once a run's postings have ended, the next run adds fresh ones.

from __future__ import annotations

import random

from services.auth.rules import issue
from services.certification.standard import ensure_default_standard
from services.market import publication
from settings import get_settings
from tools.demo.assistance import seed_assistance
from tools.demo.data import (
    APPLICATIONS,
    DEMO_PASSWORD,
    EMPLOYERS,
    INDICATORS,
    POSTINGS,
    WALK_IN,
    WORKERS,
)
from tools.demo.hiring import _Demo
from tools.demo.markets import CITY_CENTRES, OPERATORS, PLACES, _markets, _operators
from tools.demo.monitoring import seed_history
from tools.demo.policy import POLICIES, seed_policies
from tools.demo.rights import seed_rights_cases
from tools.demo.subsidy import PROGRAMMES, seed_subsidies
from tools.demo.training import COURSES, seed_trainings

__all__ = [
    "APPLICATIONS",
    "CITY_CENTRES",
    "COURSES",
    "DEMO_PASSWORD",
    "INDICATORS",
    "PLACES",
    "POLICIES",
    "POSTINGS",
    "PROGRAMMES",
    "WALK_IN",
    "WORKERS",
    "describe",
    "seed_demo",
]


async def seed_demo(
    markets: int = 120,
    progress: bool = False,
    seed: int = 2023,
    issue_token: bool = False,
    history: bool = False,
) -> dict:
    """Seed the demo and describe it: {"markets": new markets, "created": new rows per kind,
    "worker"/"employer": sign-in phone and password, "operator": id, name and (with
    `issue_token`, a new one each call) an OPERATOR token}."""
    if get_settings().production:
        raise RuntimeError("演示数据（含公开的演示密码）不能写入生产环境")
    rng = random.Random(seed)
    await ensure_default_standard()  # the certification standard staff start from
    operator_ids = await _operators(rng)
    new_markets, by_county = await _markets(rng, operator_ids, markets, progress)
    demo = _Demo(by_county, operator_ids[0])
    await demo.seed()
    await seed_trainings(operator_ids[0], demo.created)
    demo.created["rights_cases"] = await seed_rights_cases(operator_ids[0])
    await seed_subsidies(demo.created)
    # The list as the demo publishes it (（二十）); unchanged on a second run, so not repeated.
    demo.created["directory_publications"] = int((await publication.publish()).changed)
    demo.created["policies"] = await seed_policies()
    await seed_assistance(demo.created)
    if history:  # a past year for the monitoring charts (the CLI's demo asks for it)
        demo.created.update(await seed_history(list(by_county.values()), seed))
    token = None
    if issue_token:
        token, _ = await issue("OPERATOR", operator_ids[0], days=30, label="演示")
    return {
        "markets": new_markets,
        "created": demo.created,
        "worker": {"name": WORKERS[0].name, "phone": WORKERS[0].phone, "password": DEMO_PASSWORD},
        "employer": {
            "name": EMPLOYERS[0].name,
            "phone": EMPLOYERS[0].phone,
            "password": DEMO_PASSWORD,
        },
        "operator": {"id": operator_ids[0], "name": OPERATORS[0], "token": token},
    }


def describe(summary: dict) -> list[str]:
    """Lines for the console: who to sign in as, and the operator's token if one was issued."""
    worker, employer, operator = summary["worker"], summary["employer"], summary["operator"]
    lines = [
        f"演示零工：{worker['name']}  手机号 {worker['phone']}  密码 {worker['password']}",
        f"演示用工主体：{employer['name']}  手机号 {employer['phone']}  密码 {employer['password']}",
    ]
    if operator["token"]:
        lines.append(f"演示运营机构（{operator['name']}）令牌：{operator['token']}")
    return lines
