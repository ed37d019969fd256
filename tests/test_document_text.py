"""resolvers/document_text: documents printed as graphql-js 16 `print` prints them."""

from __future__ import annotations

import pytest
from graphql import parse

from resolvers.document_text import print_document

# (document, graphql-js 16.15 `print(parse(document))`), recorded with clients/typescript's graphql.
CASES = [
    (
        "query { a(x: {b: 1, c: [1, 2.5, null, true, ENUM]}, y: $v) @include(if: $i) { ...F ... on T @skip(if: false) { b } ... { c } } }",
        "{\n  a(x: {b: 1, c: [1, 2.5, null, true, ENUM]}, y: $v) @include(if: $i) {\n    ...F\n    ... on T @skip(if: false) {\n      b\n    }\n    ... {\n      c\n    }\n  }\n}",
    ),
    (
        'mutation M($s: String = "a\\"b\\\\c\\n\\t\\u0001中", $l: [Int!]! @d) { m(s: $s) { id } }',
        'mutation M($s: String = "a\\"b\\\\c\\n\\t\\u0001中", $l: [Int!]! @d) {\n  m(s: $s) {\n    id\n  }\n}',
    ),
    (
        'subscription S { alias: someVeryLongFieldName(firstArgument: "aaaaaaaaaaaaaaaaaaaa", secondArgument: "bbbbbbbbbbbbbbbbbbbbbb") { id } }',
        'subscription S {\n  alias: someVeryLongFieldName(\n    firstArgument: "aaaaaaaaaaaaaaaaaaaa"\n    secondArgument: "bbbbbbbbbbbbbbbbbbbbbb"\n  ) {\n    id\n  }\n}',
    ),
    ("fragment F on T @d(a: 1) { x }", "fragment F on T @d(a: 1) {\n  x\n}"),
]


@pytest.mark.parametrize(("document", "printed"), CASES)
def test_documents_print_as_graphql_js_prints_them(document, printed):
    assert print_document(parse(document)) == printed


def test_block_strings_are_refused():
    with pytest.raises(ValueError, match="block strings"):
        print_document(parse('{ a(s: """text""") }'))
