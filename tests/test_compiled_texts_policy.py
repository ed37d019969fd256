"""RecommendedPolicies' text plan (resolvers/policy/texts.py): policy push scored in Python by
the resolver's own ranking, the page's policy cards written by the database with each match's
score and reasons put in, a worker's qualifying subsidy programmes written by Python;
byte-identical to the generic executor for every reader it answers (workers, employers,
operators) and variant, and left to it for anyone else."""

# Each request is sent twice over HTTP (tests/test_compiled_texts._SignedInPaths): once with
# neither text plans nor compiled plans (graphql-core's executor), once as served.

from __future__ import annotations

import json
from typing import Any

import pytest

from resolvers.compiled.texts import NoText, plan_text
from tests.fixtures.job_posting import make_cast
from tests.fixtures.policy import make_policy
from tests.fixtures.subsidy import make_completed_training, make_programme
from tests.fixtures.worker import make_worker
from tests.test_compiled_documents import graphql_view
from tests.test_compiled_texts import BAD_PAGES, DOCUMENTS, PAGE_SIZES, _SignedInPaths

ODD_TITLE = '引号"\\反斜杠\u2028换行😀\x07'


async def _scene() -> dict[str, Any]:
    """Policy items at every edge of the audience and of the card's writers (quotes,
    backslashes, control characters and non-BMP text; no clause; no end; ending soon; a tie),
    for each role and some for no one; a worker who completed a subsidised course (two
    programmes qualify), one with nothing to match, one in the assisted tier; an employer and
    operators."""
    cast = await make_cast(occupations=("装卸搬运工", "保洁员"), assistance=("OLDER",))
    await make_completed_training(cast.market_id, cast.worker_id, hours=(3, 4.5))
    await make_programme(
        "上城区职业培训补贴",
        amount_rule="PER_TRAINING_HOUR",
        amount="15",
        training_category="URGENT_SKILL",
        training_within_months=6,
    )
    await make_programme("上城区培训期间生活费补贴", kind="TRAINING_LIVING_ALLOWANCE", amount="300")
    await make_programme("低收入家庭培训补贴", assistance_categories=["LOW_INCOME"])
    _, bare = await make_worker(name="无", occupations=(), region_code=None)
    _, assisted = await make_worker(name="援助", assistance=("DISABLED",))
    await make_policy("全省零工政策")
    await make_policy(ODD_TITLE, regions=("330100",), clause="")
    await make_policy("上城区即将到期", regions=("330102",), ends=10)
    await make_policy("同分甲", regions=("330000",), starts=-3)
    await make_policy("同分乙", regions=("330000",), starts=-2)
    await make_policy("保洁员专项", occupations=("保洁员",))
    await make_policy("大龄零工", categories=("OLDER",))
    await make_policy("援助服务对象", service_tiers=("ASSISTED",))
    await make_policy("用工主体社保补贴", regions=("330102",), roles=("EMPLOYER",))
    await make_policy("零工与用工主体", roles=("WORKER", "EMPLOYER"), ends=400)
    await make_policy("运营机构绩效", roles=("OPERATOR",))
    await make_policy("温州零工", regions=("330302",))
    await make_policy("草稿", status="DRAFT")
    await make_policy("已过期", starts=-60, ends=-1)
    return {**cast.token, "bare": bare, "assisted": assisted}


READERS = ("worker", "bare", "assisted", "employer", "operator", "other_operator")
ROLES = {"employer": "EMPLOYER", "operator": "OPERATOR", "other_operator": "OPERATOR"}


async def test_policy_push_is_written_as_graphql_core_writes_it_for_every_reader(
    client, app, monkeypatch
):
    """Every reader, every page size, every page of a walk two at a time: the text plan's
    bytes, equal to the generic executor's; staff, a bad or missing token, a bad cursor, first
    over 100 or below 0: the generic executor."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "RecommendedPolicies", monkeypatch)

    # when
    walked: dict[str, list[dict]] = {}
    for reader in READERS:
        for variables in [*PAGE_SIZES, *BAD_PAGES]:
            await paths.both(variables, scene[reader])
        walked[reader] = await paths.walk("recommendedPolicies", {}, scene[reader], 2)
    for bearer in (scene["staff"], "not-a-token", None):
        await paths.both({}, bearer)

    # then
    assert paths.differences == {}
    expected = [
        (ROLES.get(reader, "WORKER"), v)
        for reader in READERS
        for v in [*PAGE_SIZES, *walked[reader]]
    ]
    assert sorted(map(json.dumps, paths.answered)) == sorted(map(json.dumps, expected))
    # pages of two: the worker's 2 programmes and 8 items; the 4 province-wide items for
    # workers; the assisted worker's 7 (the tier's item too); the employer's 2; an operator's 1
    assert [len(walked[r]) for r in READERS] == [5, 2, 4, 1, 1, 1]


async def test_what_the_text_plan_wrote_is_the_ranking(client, app, monkeypatch):
    """Read back: money first (the newest programme first, policy null, the rules met as
    reasons), then items best score first, ties by id; an empty clause is null."""
    # given
    scene = await _scene()
    paths = _SignedInPaths(client, app, "RecommendedPolicies", monkeypatch)

    # when
    page = json.loads(await paths.both({"first": 100}, scene["worker"]))["data"]
    nodes = page["recommendedPolicies"]["nodes"]

    # then
    assert paths.differences == {}
    assert len(paths.answered) == 1
    assert [(n["kind"], n["score"]) for n in nodes[:2]] == [("SUBSIDY_PROGRAMME", 1000.0)] * 2
    assert [n["policy"] for n in nodes[:2]] == [None, None]
    assert {r["code"] for r in nodes[0]["reasons"]} == {"QUALIFIES"}
    assert "由劳动者本人申请" in [r["message"] for r in nodes[1]["reasons"]]
    titles = [n["policy"]["title"] for n in nodes[2:]]
    assert titles[:3] == ["大龄零工", "保洁员专项", "上城区即将到期"]
    assert titles.index("同分甲") + 1 == titles.index("同分乙")  # a tie: by id
    odd = nodes[2 + titles.index(ODD_TITLE)]["policy"]
    assert (odd["clause"], odd["issuingDocument"], odd["effectiveTo"]) == (
        None,
        "浙人社发〔2023〕5号",
        None,
    )
    assert [r["code"] for r in nodes[2]["reasons"]] == ["ROLE", "PROVINCE_WIDE", "ASSISTANCE"]
    assert page["recommendedPolicies"]["totalCount"] == len(nodes) == 10


def test_a_document_that_asks_for_the_programme_has_no_text_plan(app):
    """Only the fields the text plan writes: a programme's card is the generic executor's."""
    schema = graphql_view(app).schema._schema
    text = DOCUMENTS["RecommendedPolicies"].replace("kind\n", "kind\n      programme { id }\n", 1)
    assert "programme { id }" in text

    with pytest.raises(NoText, match="PolicyRecommendation.programme"):
        plan_text(schema, text)
