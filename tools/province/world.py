"""What every generator shares: the seed, the anchor day, reference data and the sites drawn."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from services.timeutil import SHANGHAI
from tools.province.sizes import Sizes

# One batch of rows per table: (columns, rows), written in the order given.
Batch = dict[str, tuple[tuple[str, ...], list[tuple]]]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅鹏飞宇浩然晨阳欣怡子涵雨轩佳琪志强海燕春林文斌婷"


@dataclass(frozen=True)
class County:
    id: int
    code: str
    name: str
    city_code: str
    city_name: str


@dataclass(frozen=True)
class Site:
    """A market or station drawn for this run (kept in memory: ~1,500 at full scale)."""

    id: int
    county: County
    latitude: float
    longitude: float
    operator: int | None
    occupations: tuple[int, ...]


@dataclass
class World:
    seed: int
    today: date  # the anchor: postings lie around it, history before it
    sizes: Sizes
    counties: list[County]
    occupations: dict[int, str]  # id -> name
    first_id: dict[str, int]  # the first id this run writes, per table (after existing rows)
    sites: list[Site] = field(default_factory=list)

    @property
    def anchor(self) -> datetime:
        """Midnight (Asia/Shanghai) of the anchor day: "now" for every status drawn."""
        return datetime.combine(self.today, time(0), SHANGHAI)

    def rng(self, kind: str, batch: int) -> random.Random:
        # One generator per (kind, batch): batches are independent of one another, so the
        # rows depend on the seed only, never on batch sizes already consumed elsewhere.
        return random.Random(f"{self.seed}:{kind}:{batch}")

    def registered_by(self, day: int) -> int:
        """How many of the run's workers had registered by `day` (from the anchor), at least
        one: worker ids follow registration over the last 1,095 days (people.workers), so
        these are the first ones, whom a posting or a course of that day can draw."""
        workers = self.sizes.workers
        return min(workers, max(1, workers * (day + 1089) // 1094))

    def moment(self, days: float) -> datetime:
        """The anchor plus (or minus) a number of days, to the whole second (SQLite compares
        timestamps as text: a fraction on some rows only would sort them wrongly)."""
        return (self.anchor + timedelta(days=days)).replace(microsecond=0)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def pick(rng: random.Random, choices) -> str | None:
    """One of (value, share) pairs by its share; None for the rest of the unit interval."""
    roll = rng.random()
    for value, share in choices:
        if roll < share:
            return value
        roll -= share
    return None


def near(rng: random.Random, latitude: float, longitude: float, spread: float) -> tuple:
    return (
        round(latitude + rng.uniform(-spread, spread), 5),
        round(longitude + rng.uniform(-spread, spread), 5),
    )


def batches(total: int, size: int) -> list[tuple[int, int]]:
    """(start, stop) offsets of each batch of `size` within `total` rows."""
    return [(start, min(start + size, total)) for start in range(0, total, size)]
