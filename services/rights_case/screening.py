"""Screening posting text for discriminatory requirements (（十六）: 坚决纠正就业歧视).

Gender, ethnicity, region of origin, marital or childbearing status, and age ceilings below
the statutory retirement age are held for review; minimum ages (年满16/18周岁, the child
labour and minors rules) are what the law itself requires, so they pass. The matched text
is shown to the employer and staff exactly as written in the posting."""

from __future__ import annotations

import re

# The youngest statutory retirement age in force for gig work (女职工 50 → rising); a ceiling
# below 60 excludes people the law still lets work, so it is held for a human to judge.
RETIREMENT_AGE = 60

_LIMIT = r"(?:限|仅限|只限|只招|只要|只收|要求|需|须)"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("GENDER", re.compile(_LIMIT + r"\s*(?:男|女)(?:性|士|生|工)?")),
    ("GENDER", re.compile(r"(?:男|女)(?:性|士|生)?优先")),
    ("GENDER", re.compile(r"不(?:招|要|收)\s*(?:男|女)(?:性|士|生|工)?")),
    ("ETHNICITY", re.compile(_LIMIT + r"\s*汉族|汉族优先")),
    ("ETHNICITY", re.compile(r"不(?:招|要|收)[^，。,；;\s]{0,4}(?:族|少数民族)")),
    (
        "ORIGIN",
        re.compile(_LIMIT + r"\s*(?:本地|本市|本省|本县|浙江)(?:户籍|户口|人|籍)"),
    ),
    ("ORIGIN", re.compile(r"(?:本地|本市|本省|浙江)(?:户籍|户口|人|籍)优先")),
    ("ORIGIN", re.compile(r"外地人?勿扰|不(?:招|要|收)[^，。,；;\s]{1,6}(?:人|籍|户口)")),
    (
        "FAMILY",
        re.compile(
            r"已婚已育|未婚未育|限已婚|限未婚|(?:已婚|未婚|已育)优先|无生育(?:计划|打算)"
            r"|不(?:招|要|收)孕妇|孕妇勿扰|二胎勿扰|哺乳期勿扰"
        ),
    ),
)
# "35岁以下", "限35周岁以内", "年龄不超过35岁", "18-35岁", "45岁以上勿扰"
AGE_CEILING = re.compile(
    r"(?:(?:\d{1,2}\s*(?:-|~|—|至|到)\s*)?(\d{1,2})\s*周?岁\s*(?:以下|以内|之内|之下|及以下)"
    r"|(?:不超过|不大于|不高于|小于|低于)\s*(\d{1,2})\s*周?岁"
    r"|\d{1,2}\s*(?:-|~|—|至|到)\s*(\d{1,2})\s*周?岁"
    r"|(\d{1,2})\s*周?岁\s*以上(?:勿扰|不要|不招|免谈))"
)


def matched_terms(*texts: str) -> list[str]:
    """The discriminatory requirements found in the texts, in order, each once."""
    found: list[str] = []
    for text in texts:
        hits: list[tuple[int, str]] = []
        for _, pattern in PATTERNS:
            hits += [(m.start(), m.group(0)) for m in pattern.finditer(text)]
        for m in AGE_CEILING.finditer(text):
            age = next(int(g) for g in m.groups() if g is not None)
            if age < RETIREMENT_AGE:
                hits.append((m.start(), m.group(0)))
        for _, term in sorted(hits):
            term = term.strip()
            if term not in found:
                found.append(term)
    return found
