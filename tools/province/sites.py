"""Operators, markets and their stations, opening hours, occupations served, contracts and the
operators' monthly workload reports."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from datetime import time as clock

from services.identifiers import uscc_check_char
from services.market.rules import SUFFIX_BY_STATION_TYPE
from tools.demo.markets import CITY_CENTRES, PLACES
from tools.province.sizes import REPORT_MONTHS
from tools.province.world import Batch, Site, World

STATIONS = ("RURAL_STATION", "GIG_SUPERMARKET")
HOURS = (
    [(d, clock(5, 30), clock(11, 30)) for d in range(1, 8)]
    + [(d, clock(14, 0), clock(18, 0)) for d in range(1, 6)],
    [(d, clock(0, 0), clock(0, 0)) for d in range(1, 8)],  # around the clock
    [(d, clock(20, 0), clock(2, 0)) for d in range(1, 8)],  # past midnight
    [(d, clock(8, 0), clock(17, 30)) for d in range(1, 6)],
)
MARKET_COLUMNS = (
    "id", "name", "kind", "ownership", "station_type", "parent_market", "region", "address",
    "latitude", "longitude", "contact_phone", "function_areas", "facilities",
    "construction_unit", "maintenance_unit", "service_unit", "operator", "labour_brand",
    "established_on", "status", "description", "created_at", "updated_at",
)  # fmt: skip
REPORT_COLUMNS = (
    "id", "operator", "market", "period", "version", "is_current", "idempotency_key",
    "payload_hash", "registrations", "postings_published", "matches_confirmed",
    "workers_onboarded", "assisted_workers_placed", "trainings_delivered", "disputes_mediated",
    "notes", "submitted_at", "submitted_by_token", "locked_at",
)  # fmt: skip


def operators(world: World) -> Batch:
    rng = world.rng("operator", 0)
    base = world.first_id["operator"]
    rows = []
    for k in range(world.sizes.operators):
        number = base + k
        body = f"91339900{number:09d}"  # 3399: no real division, so never a real company's
        rows.append(
            (
                number,
                f"浙江省域{number}号人力资源服务有限公司",
                body + uscc_check_char(body),
                rng.choice("王李张刘陈") + "经理",
                f"0571-8{number:07d}",
                world.moment(-900),
            )
        )
    columns = ("id", "name", "uscc", "contact_name", "contact_phone", "created_at")
    return {"operator": (columns, rows)}


def markets(world: World) -> Batch:
    """Groups of three sites: a market and two stations attached to it, in the same county."""
    rng = world.rng("market", 0)
    base = world.first_id["market"]
    operator_base = world.first_id["operator"]
    occupation_ids = sorted(world.occupations)
    rows, hours, served, contracts = [], [], [], []
    hour_id, served_id, contract_id = (
        world.first_id[t]
        for t in ("market_opening_period", "market_occupation", "operating_contract")
    )
    parent: Site | None = None
    for i in range(world.sizes.sites):
        number = base + i
        station_type = "MARKET" if i % 3 == 0 else STATIONS[i % 3 - 1]
        if station_type == "MARKET":
            county = world.counties[(i // 3) % len(world.counties)]
            lat0, lon0 = CITY_CENTRES[county.city_code]
            latitude = round(lat0 + rng.uniform(-0.25, 0.25), 5)
            longitude = round(lon0 + rng.uniform(-0.25, 0.25), 5)
        else:
            assert parent is not None
            county = parent.county
            latitude = round(parent.latitude + rng.uniform(-0.05, 0.05), 5)
            longitude = round(parent.longitude + rng.uniform(-0.05, 0.05), 5)
        operator = None if i % 7 == 6 else operator_base + i % world.sizes.operators
        place = PLACES[i % len(PLACES)]
        established = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1000))
        status = "CLOSED" if i % 31 == 30 else "SUSPENDED" if i % 29 == 28 else "ACTIVE"
        rows.append(
            (
                number,
                f"{county.name}{place}{number}号{SUFFIX_BY_STATION_TYPE[station_type]}",
                "COMPREHENSIVE" if i % 5 else "INDUSTRY",
                "PUBLIC_WELFARE" if i % 4 else "MARKET_OPERATED",
                station_type,
                parent.id if parent is not None and station_type != "MARKET" else None,
                county.id,
                f"{county.city_name}{county.name}{place}{rng.randint(1, 300)}号",
                latitude,
                longitude,
                f"0571-6{number:07d}",
                ["GENERAL_SERVICE", "JOB_MATCHING"] + (["LIVING_SERVICE"] if i % 3 == 0 else []),
                ["NEGOTIATION", "SHELTER", "HEATING_COOLING", "ORDER_MAINTENANCE"],
                f"{county.name}人力资源和社会保障局",
                f"{county.name}就业服务中心",
                f"{county.name}就业服务中心",
                operator,
                "" if i % 7 else f"{county.name}巧匠",
                established,
                status,
                "",
                world.moment((established - world.today).days),
                world.moment((established - world.today).days),
            )
        )
        for weekday, opens, closes in HOURS[i % len(HOURS)]:
            hours.append((hour_id, number, weekday, opens, closes))
            hour_id += 1
        chosen = tuple(rng.sample(occupation_ids, k=min(len(occupation_ids), rng.randint(3, 5))))
        for occupation in chosen:
            served.append((served_id, number, occupation))
            served_id += 1
        if operator is not None:
            contracts.append(
                (
                    contract_id,
                    operator,
                    number,
                    date(world.today.year - 1, 1, 1),
                    date(world.today.year + 1, 12, 31),
                    i % 4 != 0,
                    rng.randint(20, 80) * 10_000_00,
                    world.moment(-800),
                )
            )
            contract_id += 1
        site = Site(number, county, latitude, longitude, operator, chosen)
        world.sites.append(site)
        if station_type == "MARKET":
            parent = site
    contract_columns = (
        "id", "operator", "market", "starts_on", "ends_on", "public_welfare",
        "yearly_budget_fen", "created_at",
    )  # fmt: skip
    return {
        "market": (MARKET_COLUMNS, rows),
        "market_opening_period": (("id", "market", "weekday", "opens_at", "closes_at"), hours),
        "market_occupation": (("id", "market", "occupation"), served),
        "operating_contract": (contract_columns, contracts),
    }


def _periods(world: World) -> list[str]:
    year, month = world.today.year, world.today.month
    out = []
    for _ in range(REPORT_MONTHS):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        out.append(f"{year:04d}-{month:02d}")
    return out


def reports(world: World) -> Batch:
    """Version 1 of each of the last twelve months, for every site an operator runs, submitted
    on the 3rd of the following month; figures of the size a busy county market reports."""
    rng = world.rng("report", 0)
    number = world.first_id["workload_report"]
    rows = []
    for period in _periods(world):
        year, month = map(int, period.split("-"))
        submitted = date(year + month // 12, month % 12 + 1, 3)
        for site in world.sites:
            if site.operator is None:
                continue
            figures = [rng.randint(low, high) for low, high in ((5, 400),) * 4]
            figures += [rng.randint(0, 40), rng.randint(0, 6), rng.randint(0, 4)]
            key = f"province-{site.id}-{period}"
            rows.append(
                (
                    number,
                    site.operator,
                    site.id,
                    period,
                    1,
                    1,
                    key,
                    hashlib.sha256(f"{key}:{figures}".encode()).hexdigest(),
                    *figures,
                    "",
                    world.moment((submitted - world.today).days + 0.4),
                    None,
                    None,
                )
            )
            number += 1
    return {"workload_report": (REPORT_COLUMNS, rows)}
