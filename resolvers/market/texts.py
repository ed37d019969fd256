"""Market cards written by the database (resolvers/compiled/texts.py): the SQL of each Market
and Demonstration field a trusted document selects, and the directory's page (`markets`
without `near`). Serves frontend teams: the public app's market directory.

Each writer says in SQL what the field's resolver returns (resolvers/market/loaders.py
to_market and the loaders it primes); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from typing import Any

from piccolo.querystring import QueryString

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    OBJECTS,
    ROOTS,
    SLOT_VALUES,
    Cards,
    Ctx,
    NoText,
    Sel,
    TextRoot,
    cards_by_id,
    column,
    connection_root,
    day,
    distance_page,
    instant,
    joined,
    linked,
    node_id,
    object_text,
    point,
    python_value,
    register,
    text_page,
    values_text,
    without_distance,
)
from resolvers.geo import pages_by_distance
from resolvers.global_ids import decode_id
from resolvers.market import filters
from resolvers.market.queries import NEWEST_PUBLICATIONS, directory_order, publication_count
from resolvers.pagination import SortSpec, rows_of
from schema.common import OrderDirection
from schema.market import enums as e
from services.market.hours import OPEN_PERIOD_SQL, open_at_values
from services.timeutil import now
from tables import market as t


def _demonstration(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # The latest valid certificate (load_demonstrations: ordered by year, the last wins).
    c = ctx.alias()
    card = object_text(ctx, "Demonstration", c, sel.children)
    return j.scalar(
        card,
        f"FROM demonstration_certificate {c} WHERE {c}.market = {alias}.id "
        f"AND {c}.revoked_on IS NULL ORDER BY {c}.year DESC LIMIT 1",
    )


OPEN_SLOTS = tuple(f"open_at.{i}" for i in range(6))


def _is_open_now(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # The same condition as the admin's filter and openAt (services/market/hours.py), at the
    # request's moment.
    # Correlated, so each card reads its own market's few periods by index.
    return j.boolean(
        f"EXISTS (SELECT 1 FROM market_opening_period p WHERE p.market = {alias}.id "
        f"AND {OPEN_PERIOD_SQL})",
        OPEN_SLOTS,
    )


def _opening_hours(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # to_opening_periods of load_periods: by weekday, then opening time; HH:MM.
    p = ctx.alias()
    clock = "substr({}, 1, 5)" if ctx.engine == "sqlite" else "to_char({}, 'HH24:MI')"
    values = {
        "weekday": j.integer(f"{p}.weekday"),
        "opens": j.string(ctx.engine, clock.format(f"{p}.opens_at")),
        "closes": j.string(ctx.engine, clock.format(f"{p}.closes_at")),
    }
    item = values_text("OpeningPeriod", sel.children, values)
    source = f"FROM market_opening_period {p} WHERE {p}.market = {alias}.id"
    return j.array(ctx.engine, item, source, (f"{p}.weekday", f"{p}.opens_at"))


def _stations(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # load_stations: the stations under it that are not closed, by id.
    s = ctx.alias()
    item = object_text(ctx, "Market", s, sel.children)
    source = f"FROM market {s} WHERE {s}.parent_market = {alias}.id AND {s}.status <> 'CLOSED'"
    return j.array(ctx.engine, item, source, f"{s}.id")


def _units(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    values = {
        name: j.string(ctx.engine, f"{alias}.{name}_unit")
        for name in ("construction", "maintenance", "service")
    }
    return values_text("ResponsibleUnits", sel.children, values)


def _enum_list(name: str, enum: Any):
    if any(m.name != m.value for m in enum):
        raise AssertionError(f"{enum.__name__}: stored values are not the GraphQL names")

    def write(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
        return j.names(ctx.engine, f"{alias}.{name}", tuple(m.name for m in enum))

    return write


def _certified_at(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.instant(ctx.engine, f"{alias}.certified_at")


def _labour_brand(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.labour_brand, '')")  # to_market: `or None`


register(
    "Market",
    {
        "id": node_id("Market"),
        "name": column("name"),
        "kind": column("kind", enum=e.MarketKind),
        "ownership": column("ownership", enum=e.MarketOwnership),
        "stationType": column("station_type", enum=e.StationType),
        "status": column("status", enum=e.MarketStatus),
        "address": column("address"),
        "contactPhone": column("contact_phone"),
        "labourBrand": _labour_brand,
        "isOpenNow": _is_open_now,
        "region": joined("Region", "region", "region"),
        "location": point("latitude", "longitude"),
        "occupations": linked(
            "Occupation", "occupation", "market_occupation", "market", "occupation"
        ),
        "demonstration": _demonstration,
        "parentMarket": joined("Market", "market", "parent_market"),
        "establishedOn": day("established_on"),
        "functionAreas": _enum_list("function_areas", e.FunctionArea),
        "facilities": _enum_list("facilities", e.Facility),
        "responsibleUnits": _units,
        "operator": joined("Operator", "operator", "operator"),
        "openingHours": _opening_hours,
        "stations": _stations,
    },
)
register(
    "Demonstration",
    {
        "year": column("year", "integer"),
        "certificateNo": column("certificate_no"),
        "certifiedAt": _certified_at,
    },
)


def _demonstration_exists(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # map_features_state: certified while any certificate is valid.
    return j.boolean(
        f"EXISTS (SELECT 1 FROM demonstration_certificate c WHERE c.market = {alias}.id "
        "AND c.revoked_on IS NULL)"
    )


def _region_code(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    r = ctx.alias()
    return j.scalar(
        j.string(ctx.engine, f"{r}.code"), f"FROM region {r} WHERE {r}.id = {alias}.region"
    )


def _geometry(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    lon = j.floating(ctx.engine, f"{alias}.longitude")
    lat = j.floating(ctx.engine, f"{alias}.latitude")
    coordinates = j.concat([j.literal("["), lon, j.literal(","), lat, j.literal("]")])
    return values_text(
        "PointGeometry", sel.children, {"type": j.literal('"Point"'), "coordinates": coordinates}
    )


def _attributes(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # The feature's attributes are its market's own row.
    return object_text(ctx, "MarketFeatureAttributes", alias, sel.children)


register(
    "MarketFeature",
    {
        "type": lambda ctx, alias, sel: j.literal('"Feature"'),
        "id": node_id("Market"),
        "geometry": _geometry,
        "attributes": _attributes,
    },
)
register(
    "MarketFeatureAttributes",
    {
        "name": column("name"),
        "kind": column("kind", enum=e.MarketKind),
        "ownership": column("ownership", enum=e.MarketOwnership),
        "stationType": column("station_type", enum=e.StationType),
        "regionCode": _region_code,
        "address": column("address"),
        "contactPhone": column("contact_phone"),
        "isDemonstration": _demonstration_exists,
        "isOpenNow": _is_open_now,
    },
)


BY_ID = SortSpec(None, "id", int)


def _open_now_values(viewer: Any) -> dict[str, Any]:
    return dict(zip(OPEN_SLOTS, open_at_values(now()), strict=True))


SLOT_VALUES["open_at"] = _open_now_values


async def _directory(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `markets` resolver's page, its cards as text: by the directory's order, or (with
    `near`) ranked by distance in Python as the resolver ranks it (texts.distance_page)."""
    conds = filters.conditions(kwargs.get("where"), kwargs.get("search"))
    order_by = kwargs.get("order_by")
    near = kwargs.get("near")
    if pages_by_distance(near, order_by.field if order_by else None):
        descending = order_by is not None and order_by.direction == OrderDirection.DESC
        return await distance_page(t.Market.id, conds, near, kwargs, rows, descending=descending)
    sort, count = directory_order(conds, order_by)
    return without_distance(await text_page(t.Market.id, conds, sort, kwargs, count, rows))


def _map_features(selected: tuple[Sel, ...]) -> tuple[Sel, ...]:
    features: tuple[Sel, ...] = ()
    for sel in selected:
        if sel.name == "features":
            features = sel.children
        elif sel.name not in ("type", "__typename"):
            raise NoText(f"MarketMap.{sel.name}")
    return features


async def _map(
    selected: tuple[Sel, ...], kwargs: dict[str, Any], rows: QueryString, viewer: None
) -> str | None:
    """The `marketMap` resolver's markets (every one the filters select, by id), as text."""
    conds = filters.conditions(kwargs.get("where"), None)
    page = t.Market.select(t.Market.id).where(*conds)
    cards = [r["lingong_card"] for r in await rows_of(rows, t.Market.id, page, BY_ID)]
    if any(c is None for c in cards):
        return None
    parts = []
    for sel in selected:
        if sel.name == "features":
            value = "[" + ",".join(cards) + "]"
        else:
            value = '"FeatureCollection"' if sel.name == "type" else '"MarketMap"'
        parts.append(f'"{sel.key}":{value}')
    return "{" + ",".join(parts) + "}"


def _one_market(selected: tuple[Sel, ...]) -> tuple[Sel, ...]:
    return selected


async def _market(
    selected: tuple[Sel, ...], kwargs: dict[str, Any], rows: QueryString, viewer: None
) -> str | None:
    """`market(id:)` of an existing market, as text; an unknown id is the generic executor's
    (it answers null and charges the failed-lookup budget)."""
    number = decode_id(kwargs["id"], "Market")
    if not number:
        return None
    return (await cards_by_id(t.Market.id, rows, [number])).get(number)


ROOTS["market"] = TextRoot("Market", "market", ("id",), _one_market, _market)
ROOTS["marketMap"] = TextRoot("MarketFeature", "market", ("id",), _map_features, _map)
ROOTS["markets"] = connection_root(
    "Market",
    "MarketConnection",
    "market",
    ("id", "name", "established_on"),
    _directory,
    # distanceKm: the page's own markets' from the ranking (NearbyMarkets), null elsewhere
    writers={"Market": {**OBJECTS["Market"], "distanceKm": python_value("market")}},
    small_table=True,
)


def _download_path(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # DirectoryPublication.download_path: digits and fixed text, nothing to escape
    return j.Expr(f"'\"/exports/markets/publications/' || CAST({alias}.id AS TEXT) || '.csv\"'")


register(
    "DirectoryPublication",
    {
        "id": node_id("DirectoryPublication"),
        "publishedAt": instant("published_at"),
        "publishedOn": day("published_on"),
        "marketCount": column("market_count", "integer"),
        "stationCount": column("station_count", "integer"),
        "sha256": column("sha256"),
        "byteSize": column("byte_size", "integer"),
        "downloadPath": _download_path,
    },
)


async def _publications(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `directoryPublications` resolver's page, its cards as text."""
    return await text_page(
        t.DirectoryPublication.id, [], NEWEST_PUBLICATIONS, kwargs, publication_count(), rows
    )


# One publication a day at most (only when the list changed): a small table.
ROOTS["directoryPublications"] = connection_root(
    "DirectoryPublication",
    "DirectoryPublicationConnection",
    "directory_publication",
    ("id",),
    _publications,
    small_table=True,
)
