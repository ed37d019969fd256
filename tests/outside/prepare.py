"""Migrates and seeds the outside testers' database; prints one `ROLE TOKEN` line per role."""

# Run as `python -m tests.outside.prepare` with LINGONG_SQLITE_PATH (or DATABASE_URL) set to
# a fresh database: the fuzzer then reaches each role's resolvers, not only the login wall.

from __future__ import annotations

import asyncio
import secrets


async def prepare(markets: int) -> dict[str, str]:
    from piccolo.apps.user.tables import BaseUser

    from services.auth.rules import issue
    from tables.employer import Employer
    from tables.worker import Worker
    from tools.database import migrate
    from tools.demo import seed_demo

    await migrate()
    summary = await seed_demo(markets=markets)
    user = await BaseUser.create_user(
        username="outside-tester",
        password=secrets.token_urlsafe(16),
        email="outside-tester@example.invalid",
        admin=True,
        active=True,
    )
    worker = await Worker.select(Worker.id).order_by(Worker.id).first()
    employer = await Employer.select(Employer.id).order_by(Employer.id).first()
    subjects = {
        "STAFF": user.id,
        "OPERATOR": summary["operator"]["id"],
        "WORKER": worker["id"],
        "EMPLOYER": employer["id"],
    }
    return {
        role: (await issue(role, sid, days=1, label="外部测试"))[0]
        for role, sid in subjects.items()
    }


if __name__ == "__main__":
    for role, token in asyncio.run(prepare(markets=8)).items():
        print(role, token)
