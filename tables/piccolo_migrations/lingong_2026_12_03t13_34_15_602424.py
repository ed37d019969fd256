from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.choices import Choice
from piccolo.columns.column_types import Array
from piccolo.columns.column_types import Date
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.date import DateNow
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-03T13:34:15:602424"
VERSION = "1.38.0"
DESCRIPTION = "Policy items (政策智推)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="lingong", description=DESCRIPTION
    )

    manager.add_table(
        class_name="PolicyItem",
        tablename="policy_item",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="title",
        db_column_name="title",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 100,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="summary",
        db_column_name="summary",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 300,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="body",
        db_column_name="body",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="issuing_document",
        db_column_name="issuing_document",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 60,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="clause",
        db_column_name="clause",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="effective_from",
        db_column_name="effective_from",
        column_class_name="Date",
        column_class=Date,
        params={
            "default": DateNow(),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="effective_to",
        db_column_name="effective_to",
        column_class_name="Date",
        column_class=Date,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="regions",
        db_column_name="regions",
        column_class_name="Array",
        column_class=Array,
        params={
            "default": list,
            "base_column": Varchar(
                length=6,
                default="",
                null=False,
                primary_key=False,
                unique=False,
                index=False,
                index_method=IndexMethod.btree,
                choices=Enum(
                    "RegionChoice",
                    {
                        "R330000": Choice(value="330000", display_name="浙江省"),
                        "R330100": Choice(value="330100", display_name="杭州市"),
                        "R330102": Choice(
                            value="330102", display_name="杭州市上城区"
                        ),
                        "R330105": Choice(
                            value="330105", display_name="杭州市拱墅区"
                        ),
                        "R330106": Choice(
                            value="330106", display_name="杭州市西湖区"
                        ),
                        "R330108": Choice(
                            value="330108", display_name="杭州市滨江区"
                        ),
                        "R330109": Choice(
                            value="330109", display_name="杭州市萧山区"
                        ),
                        "R330110": Choice(
                            value="330110", display_name="杭州市余杭区"
                        ),
                        "R330111": Choice(
                            value="330111", display_name="杭州市富阳区"
                        ),
                        "R330112": Choice(
                            value="330112", display_name="杭州市临安区"
                        ),
                        "R330113": Choice(
                            value="330113", display_name="杭州市临平区"
                        ),
                        "R330114": Choice(
                            value="330114", display_name="杭州市钱塘区"
                        ),
                        "R330122": Choice(
                            value="330122", display_name="杭州市桐庐县"
                        ),
                        "R330127": Choice(
                            value="330127", display_name="杭州市淳安县"
                        ),
                        "R330182": Choice(
                            value="330182", display_name="杭州市建德市"
                        ),
                        "R330200": Choice(value="330200", display_name="宁波市"),
                        "R330203": Choice(
                            value="330203", display_name="宁波市海曙区"
                        ),
                        "R330205": Choice(
                            value="330205", display_name="宁波市江北区"
                        ),
                        "R330206": Choice(
                            value="330206", display_name="宁波市北仑区"
                        ),
                        "R330211": Choice(
                            value="330211", display_name="宁波市镇海区"
                        ),
                        "R330212": Choice(
                            value="330212", display_name="宁波市鄞州区"
                        ),
                        "R330213": Choice(
                            value="330213", display_name="宁波市奉化区"
                        ),
                        "R330225": Choice(
                            value="330225", display_name="宁波市象山县"
                        ),
                        "R330226": Choice(
                            value="330226", display_name="宁波市宁海县"
                        ),
                        "R330281": Choice(
                            value="330281", display_name="宁波市余姚市"
                        ),
                        "R330282": Choice(
                            value="330282", display_name="宁波市慈溪市"
                        ),
                        "R330300": Choice(value="330300", display_name="温州市"),
                        "R330302": Choice(
                            value="330302", display_name="温州市鹿城区"
                        ),
                        "R330303": Choice(
                            value="330303", display_name="温州市龙湾区"
                        ),
                        "R330304": Choice(
                            value="330304", display_name="温州市瓯海区"
                        ),
                        "R330305": Choice(
                            value="330305", display_name="温州市洞头区"
                        ),
                        "R330324": Choice(
                            value="330324", display_name="温州市永嘉县"
                        ),
                        "R330326": Choice(
                            value="330326", display_name="温州市平阳县"
                        ),
                        "R330327": Choice(
                            value="330327", display_name="温州市苍南县"
                        ),
                        "R330328": Choice(
                            value="330328", display_name="温州市文成县"
                        ),
                        "R330329": Choice(
                            value="330329", display_name="温州市泰顺县"
                        ),
                        "R330381": Choice(
                            value="330381", display_name="温州市瑞安市"
                        ),
                        "R330382": Choice(
                            value="330382", display_name="温州市乐清市"
                        ),
                        "R330383": Choice(
                            value="330383", display_name="温州市龙港市"
                        ),
                        "R330400": Choice(value="330400", display_name="嘉兴市"),
                        "R330402": Choice(
                            value="330402", display_name="嘉兴市南湖区"
                        ),
                        "R330411": Choice(
                            value="330411", display_name="嘉兴市秀洲区"
                        ),
                        "R330421": Choice(
                            value="330421", display_name="嘉兴市嘉善县"
                        ),
                        "R330424": Choice(
                            value="330424", display_name="嘉兴市海盐县"
                        ),
                        "R330481": Choice(
                            value="330481", display_name="嘉兴市海宁市"
                        ),
                        "R330482": Choice(
                            value="330482", display_name="嘉兴市平湖市"
                        ),
                        "R330483": Choice(
                            value="330483", display_name="嘉兴市桐乡市"
                        ),
                        "R330500": Choice(value="330500", display_name="湖州市"),
                        "R330502": Choice(
                            value="330502", display_name="湖州市吴兴区"
                        ),
                        "R330503": Choice(
                            value="330503", display_name="湖州市南浔区"
                        ),
                        "R330521": Choice(
                            value="330521", display_name="湖州市德清县"
                        ),
                        "R330522": Choice(
                            value="330522", display_name="湖州市长兴县"
                        ),
                        "R330523": Choice(
                            value="330523", display_name="湖州市安吉县"
                        ),
                        "R330600": Choice(value="330600", display_name="绍兴市"),
                        "R330602": Choice(
                            value="330602", display_name="绍兴市越城区"
                        ),
                        "R330603": Choice(
                            value="330603", display_name="绍兴市柯桥区"
                        ),
                        "R330604": Choice(
                            value="330604", display_name="绍兴市上虞区"
                        ),
                        "R330624": Choice(
                            value="330624", display_name="绍兴市新昌县"
                        ),
                        "R330681": Choice(
                            value="330681", display_name="绍兴市诸暨市"
                        ),
                        "R330683": Choice(
                            value="330683", display_name="绍兴市嵊州市"
                        ),
                        "R330700": Choice(value="330700", display_name="金华市"),
                        "R330702": Choice(
                            value="330702", display_name="金华市婺城区"
                        ),
                        "R330703": Choice(
                            value="330703", display_name="金华市金东区"
                        ),
                        "R330723": Choice(
                            value="330723", display_name="金华市武义县"
                        ),
                        "R330726": Choice(
                            value="330726", display_name="金华市浦江县"
                        ),
                        "R330727": Choice(
                            value="330727", display_name="金华市磐安县"
                        ),
                        "R330781": Choice(
                            value="330781", display_name="金华市兰溪市"
                        ),
                        "R330782": Choice(
                            value="330782", display_name="金华市义乌市"
                        ),
                        "R330783": Choice(
                            value="330783", display_name="金华市东阳市"
                        ),
                        "R330784": Choice(
                            value="330784", display_name="金华市永康市"
                        ),
                        "R330800": Choice(value="330800", display_name="衢州市"),
                        "R330802": Choice(
                            value="330802", display_name="衢州市柯城区"
                        ),
                        "R330803": Choice(
                            value="330803", display_name="衢州市衢江区"
                        ),
                        "R330822": Choice(
                            value="330822", display_name="衢州市常山县"
                        ),
                        "R330824": Choice(
                            value="330824", display_name="衢州市开化县"
                        ),
                        "R330825": Choice(
                            value="330825", display_name="衢州市龙游县"
                        ),
                        "R330881": Choice(
                            value="330881", display_name="衢州市江山市"
                        ),
                        "R330900": Choice(value="330900", display_name="舟山市"),
                        "R330902": Choice(
                            value="330902", display_name="舟山市定海区"
                        ),
                        "R330903": Choice(
                            value="330903", display_name="舟山市普陀区"
                        ),
                        "R330921": Choice(
                            value="330921", display_name="舟山市岱山县"
                        ),
                        "R330922": Choice(
                            value="330922", display_name="舟山市嵊泗县"
                        ),
                        "R331000": Choice(value="331000", display_name="台州市"),
                        "R331002": Choice(
                            value="331002", display_name="台州市椒江区"
                        ),
                        "R331003": Choice(
                            value="331003", display_name="台州市黄岩区"
                        ),
                        "R331004": Choice(
                            value="331004", display_name="台州市路桥区"
                        ),
                        "R331022": Choice(
                            value="331022", display_name="台州市三门县"
                        ),
                        "R331023": Choice(
                            value="331023", display_name="台州市天台县"
                        ),
                        "R331024": Choice(
                            value="331024", display_name="台州市仙居县"
                        ),
                        "R331081": Choice(
                            value="331081", display_name="台州市温岭市"
                        ),
                        "R331082": Choice(
                            value="331082", display_name="台州市临海市"
                        ),
                        "R331083": Choice(
                            value="331083", display_name="台州市玉环市"
                        ),
                        "R331100": Choice(value="331100", display_name="丽水市"),
                        "R331102": Choice(
                            value="331102", display_name="丽水市莲都区"
                        ),
                        "R331121": Choice(
                            value="331121", display_name="丽水市青田县"
                        ),
                        "R331122": Choice(
                            value="331122", display_name="丽水市缙云县"
                        ),
                        "R331123": Choice(
                            value="331123", display_name="丽水市遂昌县"
                        ),
                        "R331124": Choice(
                            value="331124", display_name="丽水市松阳县"
                        ),
                        "R331125": Choice(
                            value="331125", display_name="丽水市云和县"
                        ),
                        "R331126": Choice(
                            value="331126", display_name="丽水市庆元县"
                        ),
                        "R331127": Choice(
                            value="331127", display_name="丽水市景宁畲族自治县"
                        ),
                        "R331181": Choice(
                            value="331181", display_name="丽水市龙泉市"
                        ),
                    },
                ),
                db_column_name=None,
                secret=False,
            ),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="assistance_categories",
        db_column_name="assistance_categories",
        column_class_name="Array",
        column_class=Array,
        params={
            "default": list,
            "base_column": Varchar(
                length=20,
                default="",
                null=False,
                primary_key=False,
                unique=False,
                index=False,
                index_method=IndexMethod.btree,
                choices=Enum(
                    "AssistanceChoice",
                    {
                        "OLDER": Choice(value="OLDER", display_name="大龄"),
                        "DISABLED": Choice(value="DISABLED", display_name="残疾"),
                        "LOW_INCOME": Choice(
                            value="LOW_INCOME", display_name="低收入家庭"
                        ),
                        "LONG_WAITING": Choice(
                            value="LONG_WAITING", display_name="待工时间长"
                        ),
                    },
                ),
                db_column_name=None,
                secret=False,
            ),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="occupations",
        db_column_name="occupations",
        column_class_name="Array",
        column_class=Array,
        params={
            "default": list,
            "base_column": Varchar(
                length=50,
                default="",
                null=False,
                primary_key=False,
                unique=False,
                index=False,
                index_method=IndexMethod.btree,
                choices=Enum(
                    "OccupationChoice",
                    {
                        "O0": Choice(
                            value="装卸搬运工", display_name="装卸搬运工"
                        ),
                        "O1": Choice(value="快递员", display_name="快递员"),
                        "O2": Choice(
                            value="快件处理员", display_name="快件处理员"
                        ),
                        "O3": Choice(
                            value="仓储管理员", display_name="仓储管理员"
                        ),
                        "O4": Choice(value="理货员", display_name="理货员"),
                        "O5": Choice(
                            value="道路货运汽车驾驶员",
                            display_name="道路货运汽车驾驶员",
                        ),
                        "O6": Choice(
                            value="商品营业员", display_name="商品营业员"
                        ),
                        "O7": Choice(value="保安员", display_name="保安员"),
                        "O8": Choice(
                            value="中式烹调师", display_name="中式烹调师"
                        ),
                        "O9": Choice(
                            value="养老护理员", display_name="养老护理员"
                        ),
                        "O10": Choice(value="焊工", display_name="焊工"),
                        "O11": Choice(value="铸造工", display_name="铸造工"),
                        "O12": Choice(value="砌筑工", display_name="砌筑工"),
                        "O13": Choice(value="混凝土工", display_name="混凝土工"),
                        "O14": Choice(value="钢筋工", display_name="钢筋工"),
                        "O15": Choice(value="架子工", display_name="架子工"),
                        "O16": Choice(
                            value="乡村建设工匠", display_name="乡村建设工匠"
                        ),
                        "O17": Choice(value="防水工", display_name="防水工"),
                        "O18": Choice(
                            value="电气设备安装工", display_name="电气设备安装工"
                        ),
                        "O19": Choice(value="管工", display_name="管工"),
                        "O20": Choice(
                            value="装饰装修工", display_name="装饰装修工"
                        ),
                        "O21": Choice(
                            value="家政服务员", display_name="家政服务员"
                        ),
                        "O22": Choice(value="保洁员", display_name="保洁员"),
                        "O23": Choice(
                            value="餐厅服务员", display_name="餐厅服务员"
                        ),
                        "O24": Choice(value="电工", display_name="电工"),
                        "O25": Choice(
                            value="网约配送员", display_name="网约配送员"
                        ),
                    },
                ),
                db_column_name=None,
                secret=False,
            ),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="roles",
        db_column_name="roles",
        column_class_name="Array",
        column_class=Array,
        params={
            "default": list,
            "base_column": Varchar(
                length=10,
                default="",
                null=False,
                primary_key=False,
                unique=False,
                index=False,
                index_method=IndexMethod.btree,
                choices=Enum(
                    "AudienceRole",
                    {
                        "WORKER": Choice(
                            value="WORKER", display_name="零工（灵活就业人员）"
                        ),
                        "EMPLOYER": Choice(
                            value="EMPLOYER", display_name="用工主体"
                        ),
                        "OPERATOR": Choice(
                            value="OPERATOR", display_name="运营机构"
                        ),
                    },
                ),
                db_column_name=None,
                secret=False,
            ),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="status",
        db_column_name="status",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "DRAFT",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "PolicyStatus",
                {
                    "DRAFT": Choice(value="DRAFT", display_name="草稿"),
                    "PUBLISHED": Choice(value="PUBLISHED", display_name="已发布"),
                    "WITHDRAWN": Choice(value="WITHDRAWN", display_name="已撤回"),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="published_at",
        db_column_name="published_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="withdrawn_at",
        db_column_name="withdrawn_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="version",
        db_column_name="version",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": 0,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="created_at",
        db_column_name="created_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PolicyItem",
        tablename="policy_item",
        column_name="updated_at",
        db_column_name="updated_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
