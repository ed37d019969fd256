"""Chinese titles and labels of the reference data in the admin (行政区划、工种)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.occupation import Occupation
from tables.region import Region

TITLES: dict[type[Table], Titles] = {
    Region: Titles(
        table="行政区划",
        columns={
            "id": "编号",
            "code": "区划代码",
            "name": "名称",
            "level": "层级",
            "parent": "上级区划",
            "is_mountain_or_island": "山区海岛县",
        },
        labels={
            "level": {
                "province": "省",
                "prefecture": "地级市",
                "district": "市辖区",
                "county_city": "县级市",
                "county": "县",
            }
        },
    ),
    Occupation: Titles(
        table="工种",
        columns={
            "id": "编号",
            "code": "国家职业分类编码（2022）",
            "name": "工种名称",
            "major_group": "大类",
            # Free text from the source list (e.g. "unverified (believed 4-10-01-06)"): no labels.
            "code_confidence": "编码可信度说明",
            "aliases": "俗称",
        },
    ),
}
