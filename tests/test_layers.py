"""Import direction between the layers: tables < schema < resolvers < admin < app."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = {"tables", "schema", "resolvers", "admin", "app", "piccolo_conf"}


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository root
    line: int
    module: str  # absolute dotted name

    @property
    def top(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.module}"


def module_name(relative: Path) -> str:
    parts = list(relative.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, relative: Path) -> list[Import]:
    """Every import statement anywhere in the module (functions too), relative ones resolved."""
    module = module_name(relative)
    package = module if relative.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source, filename=str(relative))):
        if isinstance(node, ast.Import):
            found += [Import(str(relative), node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(Import(str(relative), node.lineno, target))
    return found


def imports_under(folder: str) -> list[Import]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        relative = path.relative_to(ROOT)
        found += imports_of(path.read_text(encoding="utf-8"), relative)
    return found


def violations(folder: str, allowed: set[str], exceptions: dict[str, set[str]] | None = None):
    exceptions = exceptions or {}
    return [
        str(i)
        for i in imports_under(folder)
        if i.top in OURS and i.top not in allowed | exceptions.get(i.path, set())
    ]


def report(found: list[str]) -> str:
    return "layer violations:\n  " + "\n  ".join(found)


def test_tables_import_nothing_of_ours_but_tables():
    found = violations("tables", {"tables"})

    assert found == [], report(found)


def test_schema_imports_only_tables_and_schema_and_only_root_imports_resolvers():
    found = violations("schema", {"tables", "schema"}, {"schema/root.py": {"resolvers"}})

    assert found == [], report(found)


def test_resolvers_import_only_tables_schema_resolvers_and_piccolo_conf():
    found = violations("resolvers", {"tables", "schema", "resolvers", "piccolo_conf"})

    assert found == [], report(found)


def test_services_never_import_strawberry():
    found = [
        str(i)
        for i in imports_under("resolvers")
        if Path(i.path).name == "services.py" and i.top == "strawberry"
    ]

    assert found == [], report(found)


def test_admin_imports_anything_but_the_app():
    found = violations("admin", OURS - {"app"})

    assert found == [], report(found)


def test_the_checker_reads_the_real_modules():
    schema_imports = {(i.path, i.module) for i in imports_under("schema")}

    assert ("schema/root.py", "resolvers.market.queries") in schema_imports
    assert ("schema/market/types.py", "schema.market.enums") in schema_imports
    assert any(i.module == "tables.market" for i in imports_under("tables"))


def test_the_checker_sees_every_kind_of_import():
    source = """
import app
import tables.market as t
from resolvers.market import services
from . import sibling
from ..schema import common
def late():
    from piccolo_conf import DB
    import strawberry
"""

    found = [str(i) for i in imports_of(source, Path("resolvers/market/services.py"))]

    assert found == [
        "resolvers/market/services.py:2 imports app",
        "resolvers/market/services.py:3 imports tables.market",
        "resolvers/market/services.py:4 imports resolvers.market",
        "resolvers/market/services.py:5 imports resolvers.market",
        "resolvers/market/services.py:6 imports resolvers.schema",
        "resolvers/market/services.py:8 imports piccolo_conf",
        "resolvers/market/services.py:9 imports strawberry",
    ]
