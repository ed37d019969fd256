"""Administrative divisions of Zhejiang (GB/T 2260): province, prefecture cities, counties."""

from enum import Enum

from piccolo.columns import Boolean, ForeignKey, Serial, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.readable import Readable
from piccolo.table import Table


class RegionLevel(Enum):
    PROVINCE = Choice(value="province", display_name="省")
    PREFECTURE = Choice(value="prefecture", display_name="地级市")
    DISTRICT = Choice(value="district", display_name="市辖区")
    COUNTY_CITY = Choice(value="county_city", display_name="县级市")
    COUNTY = Choice(value="county", display_name="县")


COUNTY_LEVELS = ("district", "county_city", "county")


class Region(Table, tablename="region"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    code = Varchar(length=6, unique=True, index=True, help_text="GB/T 2260 六位区划代码")
    name = Varchar(length=50)
    level = Varchar(length=20, choices=RegionLevel)
    parent: ForeignKey["Region"] = ForeignKey("self", null=True, on_delete=OnDelete.restrict)
    # Mountain and island counties get relaxed certification thresholds (issue: certification).
    is_mountain_or_island = Boolean(default=False, help_text="山区海岛县")

    @classmethod
    def get_readable(cls):
        return Readable(template="%s %s", columns=[cls.code, cls.name])
