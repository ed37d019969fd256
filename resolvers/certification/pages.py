"""The page of certification applications that brings its nested fields (resolvers/prefetch.py)."""

from __future__ import annotations

from functools import cache

from piccolo.querystring import QueryString

from resolvers.certification.loaders import to_application, to_standard
from resolvers.market.loaders import to_market
from resolvers.prefetch import json_instant, json_rows, parse_rows, prime_joined, rerooted, sub_row
from schema.certification import types as g
from services.certification.scoring import StandardSpec
from services.certification.standard import to_spec
from services.market.rules import MARKET_COLUMNS
from tables import certification as t

A = t.CertificationApplication
_APP = '"certification_application"'
# The application's standard, items and criteria (what load_standard reads in three statements),
# its scores and evidence with their criteria, and its certificate's number (at most one: a
# unique index on demonstration_certificate.application).
PAGE_EXTRAS = (
    ("prefetch_standard",
     "i.id, i.title, i.pass_threshold, i.relaxed_threshold, i.position, "
     "c.id, c.text, c.max_score, c.position",
     f"certification_item i LEFT JOIN certification_criterion c ON c.item = i.id "
     f"WHERE i.standard = {_APP}.\"standard\""),
    ("prefetch_scores",
     "s.self_score, s.self_note, s.assessor_score, c.id, c.text, c.max_score, c.position, "
     "i.position",
     "certification_score s JOIN certification_criterion c ON c.id = s.criterion "
     f"JOIN certification_item i ON i.id = c.item WHERE s.application = {_APP}.\"id\""),
    ("prefetch_evidence",
     "e.id, e.title, e.file, e.uploaded_at, c.id, c.text, c.max_score, c.position",
     "certification_evidence e LEFT JOIN certification_criterion c ON c.id = e.criterion "
     f"WHERE e.application = {_APP}.\"id\""),
)  # fmt: skip
_CERTIFICATE = (
    f'(SELECT d.certificate_no FROM demonstration_certificate d WHERE d.application = {_APP}."id")'
)


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _application_page_columns() -> tuple:
    return (
        *A.all_columns(),
        *rerooted(A.market, MARKET_COLUMNS),
        *rerooted(A.standard, t.CertificationStandard.all_columns()),
    )


def application_page_select():
    """Certification applications with what their cards load: the market's and standard's rows
    joined; the standard's items and criteria, the scores and the evidence as JSON; the
    certificate's number. Serves operators and staff (myCertificationApplications)."""
    return A.select(
        *_application_page_columns(),
        *(json_rows(alias, values, source) for alias, values, source in PAGE_EXTRAS),
        QueryString(_CERTIFICATE).as_alias("prefetch_certificate_no"),
    )


def primed_application(loaders, row: dict) -> g.CertificationApplication:
    """The application of an application_page_select() row; the request's market, standard,
    scores, evidence and certificate-number loaders primed with what their batch functions
    would give (tests/certification/test_prefetch.py)."""
    application = to_application(row)
    prime_joined(row, (("market.", loaders.market_by_id, to_market),))
    loaders.standard_by_id.prime(application.standard_id, to_standard(_standard(row)))
    loaders.scores_by_application.prime(application.id, _scores(row))
    loaders.evidence_by_application.prime(application.id, _evidence(row))
    loaders.certificate_no_by_application.prime(application.id, row["prefetch_certificate_no"])
    return application


def _standard(row: dict) -> StandardSpec:
    """load_standard's spec: items by (position, id), each item's criteria by (position, id)."""
    items: dict[int, dict] = {}
    criteria: list[dict] = []
    for item, title, passing, relaxed, position, *criterion in parse_rows(row["prefetch_standard"]):
        items[item] = {
            "id": item,
            "title": title,
            "pass_threshold": passing,
            "relaxed_threshold": relaxed,
            "position": position,
        }
        if criterion[0] is not None:
            c, text, score, at = criterion
            criteria.append({"id": c, "item": item, "text": text, "max_score": score, "at": at})
    standard = sub_row(row, "standard.")
    assert standard is not None  # an application always has its standard
    return to_spec(
        standard,
        sorted(items.values(), key=lambda i: (i["position"], i["id"])),
        sorted(criteria, key=lambda c: (c["at"], c["id"])),
    )


def _criterion(
    criterion: int, text: str, max_score: int, position: int
) -> g.CertificationCriterion:
    return g.CertificationCriterion(id=criterion, text=text, max_score=max_score, position=position)


def _scores(row: dict) -> list[g.CertificationScore]:
    """load_scores' list: by the item's position, then the criterion's position and id."""
    scores = sorted(parse_rows(row["prefetch_scores"]), key=lambda s: (s[7], s[6], s[3]))
    return [
        g.CertificationScore(
            criterion=_criterion(*criterion),
            self_score=self_score,
            self_note=note,
            assessor_score=assessor_score,
        )
        for self_score, note, assessor_score, *criterion, _ in scores
    ]


def _evidence(row: dict) -> list[g.CertificationEvidence]:
    """load_evidence's list: by id; a document may name no criterion."""
    return [
        g.CertificationEvidence(
            title=title,
            criterion=_criterion(*criterion) if criterion[0] is not None else None,
            has_file=bool(file),
            uploaded_at=json_instant(uploaded_at),
        )
        for _, title, file, uploaded_at, *criterion in sorted(parse_rows(row["prefetch_evidence"]))
    ]
