"""The page of certification applications brings its nested fields in its own statement
(resolvers/certification/pages.py): every primed loader holds what its batch function loads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from resolvers.certification.pages import application_page_select, primed_application
from resolvers.loaders import Loaders
from tables import certification as t
from tests.fixtures.certification import make_application
from tests.fixtures.market import make_market
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql

EAST_8 = timezone(timedelta(hours=8))


async def _odd_standard() -> tuple[int, list[int]]:
    """A 2019 standard whose rows were entered out of display order: the second item first,
    criteria with positions against their ids, and an item with no criteria yet. Returns the
    standard's id and its criteria ids in entry order."""
    standard = t.CertificationStandard(
        year=2019,
        name="试行标准",
        pass_score=70,
        relaxed_pass_score=65,
        min_months_operating=6,
        publicity_days=5,
    )
    await standard.save()
    second = t.CertificationItem(
        standard=standard.id, position=2, title="服务功能", pass_threshold=6, relaxed_threshold=5
    )
    await second.save()
    first = t.CertificationItem(
        standard=standard.id, position=1, title="总则", pass_threshold=3, relaxed_threshold=2
    )
    await first.save()
    empty = t.CertificationItem(
        standard=standard.id, position=3, title="线上服务", pass_threshold=0, relaxed_threshold=0
    )
    await empty.save()
    criteria = []
    for item, position, text, score in (
        (second.id, 2, "提供劳动维权服务", 4),
        (second.id, 1, "开展“即时快招”", 6),
        (first.id, 1, "名称符合规则", 5),
        (second.id, 1, "提供培训信息", 2),  # same position: by id
    ):
        row = t.CertificationCriterion(item=item, position=position, text=text, max_score=score)
        await row.save()
        criteria.append(row.id)
    return standard.id, criteria


async def test_a_page_of_applications_primes_markets_standards_scores_evidence_and_numbers():
    # given: a certified application (default standard, its certificate), a submitted one
    # with evidence (with and without a criterion or a file), and one against a standard
    # entered out of order, scored out of order, with no evidence
    certified = await make_application(await make_market(), year=2024, stage="CERTIFIED")
    submitted = await make_application(await make_market())
    criterion = (
        await t.CertificationScore.select(t.CertificationScore.criterion)
        .where(t.CertificationScore.application == submitted)
        .first()
    )["criterion"]
    for title, criterion_id, file, at in (
        ("营业执照", None, "files/licence.pdf", datetime(2025, 3, 1, 0, 0, 0, 123456, EAST_8)),
        ("服务台账", criterion, "", datetime(2025, 2, 28, 23, 59, 59, tzinfo=UTC)),
    ):
        await t.CertificationEvidence(
            application=submitted, criterion=criterion_id, title=title, file=file, uploaded_at=at
        ).save()
    standard, criteria = await _odd_standard()
    odd_market = await make_market()
    odd = t.CertificationApplication(
        market=odd_market, standard=standard, year=2019, submitted_by="STAFF:1"
    )
    await odd.save()
    for criterion_id, score in zip(reversed(criteria), (2, 5, 6, 4), strict=True):
        await t.CertificationScore(
            application=odd.id, criterion=criterion_id, self_score=score, self_note=""
        ).save()
    ids = [certified, submitted, odd.id]

    # when: one statement for the page
    primed = Loaders()
    with count_sql() as statements:
        rows = await application_page_select().where(t.CertificationApplication.id.is_in(ids))
    applications = {a.id: a for a in (primed_application(primed, row) for row in rows)}

    # then
    assert statements[0] == 1
    got = await same_through_both(
        primed,
        {
            "market_by_id": [applications[i].market_id for i in ids],
            "standard_by_id": sorted({applications[i].standard_id for i in ids}),
            "scores_by_application": ids,
            "evidence_by_application": ids,
            "certificate_no_by_application": ids,
        },
    )
    numbers = got["certificate_no_by_application"]
    assert numbers[0] is not None and numbers[1:] == [None, None]
    evidence = got["evidence_by_application"]
    assert [(e.title, e.has_file, e.criterion is None) for e in evidence[1]] == [
        ("营业执照", True, True),
        ("服务台账", False, False),
    ]
    assert evidence[0] == evidence[2] == []
    odd_standard = next(s for s in got["standard_by_id"] if s.year == 2019)
    assert [(i.title, [c.text for c in i.criteria]) for i in odd_standard.items] == [
        ("总则", ["名称符合规则"]),
        ("服务功能", ["开展“即时快招”", "提供培训信息", "提供劳动维权服务"]),
        ("线上服务", []),
    ]
    odd_scores = got["scores_by_application"][2]
    assert [s.criterion.text for s in odd_scores] == [
        "名称符合规则",
        "开展“即时快招”",
        "提供培训信息",
        "提供劳动维权服务",
    ]
