"""Gig occupations with national classification (2022 edition) codes where confirmed."""

from piccolo.columns import Integer, Serial, Text, Varchar
from piccolo.columns.readable import Readable
from piccolo.table import Table


class Occupation(Table, tablename="occupation"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    # Some real gig occupations have no confirmed national code yet: an empty code is better
    # than a guessed one, so the name is the natural key.
    code = Varchar(
        length=12, null=True, default=None, unique=True, help_text="国家职业分类大典（2022）编码"
    )
    name = Varchar(length=50, unique=True)
    major_group = Integer(default=0, help_text="大类")
    code_confidence = Varchar(length=80, default="")
    aliases = Text(default="", help_text="俗称，以分号分隔，例如 搬运工;小工")

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])
