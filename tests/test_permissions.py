"""Who may call a field is declared once, on the field, and shows in the SDL."""

from __future__ import annotations

import ast
from pathlib import Path

from schema.root import schema
from services.auth.rules import Role

ROOT = Path(__file__).resolve().parents[1]


def _decorated_fields():
    for path in sorted((ROOT / "resolvers").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                if (
                    isinstance(deco, ast.Call)
                    and isinstance(deco.func, ast.Attribute)
                    and deco.func.attr in ("field", "mutation", "subscription")
                ):
                    yield path.relative_to(ROOT), node, deco


def _calls(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == name
        for c in ast.walk(node)
    )


def _guarded(deco: ast.Call) -> bool:
    return any(k.arg == "extensions" and _calls(k.value, "allow") for k in deco.keywords)


def test_every_field_that_reads_the_viewer_declares_who_may_call_it():
    # given every root field in resolvers/
    fields = list(_decorated_fields())
    assert len(fields) > 30

    # then a resolver that needs a signed-in caller says so on its decorator
    unguarded = [
        f"{path}:{node.lineno} {node.name}"
        for path, node, deco in fields
        if _calls(node, "current_viewer") and not _guarded(deco)
    ]
    assert unguarded == []


def test_the_allowed_roles_are_in_the_sdl():
    # given the printed schema
    sdl = schema.as_str()

    # then the description of a guarded field names its roles, in the order declared
    mutation = schema.get_type_by_name("Mutation")
    described = {f.python_name: f.description for f in mutation.fields}
    assert described["workload_report_submit"].endswith("\n\nAllowed: OPERATOR.")
    assert described["token_revoke"].endswith("\n\nAllowed: any signed-in account.")
    assert described["job_application_check_in"].endswith("\n\nAllowed: EMPLOYER, OPERATOR.")
    # and a public field says nothing of roles
    query = schema.get_type_by_name("Query")
    assert "Allowed:" not in {f.python_name: f.description for f in query.fields}["markets"]
    assert sdl.count("Allowed: ") == sum(_guarded(d) for _, _, d in _decorated_fields())


def test_roles_compare_equal_to_their_stored_text():
    assert [r.value for r in Role] == ["WORKER", "EMPLOYER", "OPERATOR", "STAFF"]
    assert Role.STAFF == "STAFF"
