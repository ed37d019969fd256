"""Import direction between the floors: settings < tables < services < schema < resolvers <
admin < app < tools. Every folder of ours is covered; a new one must be placed here first."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each floor and what it may import of ours, lowest first. `piccolo_conf` builds the engine
# from settings; Piccolo finds it by name, so services reach it only through engine_finder.
FLOORS: dict[str, set[str]] = {
    "settings": set(),
    "piccolo_conf": {"settings"},
    "tables": {"tables"},
    "services": {"settings", "piccolo_conf", "tables", "services"},
    "schema": {"tables", "services", "schema"},
    "resolvers": {"settings", "piccolo_conf", "tables", "services", "schema", "resolvers"},
    "admin": {"settings", "piccolo_conf", "tables", "services", "schema", "resolvers", "admin"},
    "app": {"settings", "piccolo_conf", "tables", "services", "schema", "resolvers", "admin"},
    "tools": {
        "settings",
        "piccolo_conf",
        "tables",
        "services",
        "schema",
        "resolvers",
        "admin",
        "app",
        "tools",
    },
}
# schema/root.py composes the schema from the resolvers (and reads the production switch);
# no other schema module may.
EXCEPTIONS = {"schema/root.py": {"resolvers", "settings"}}
OURS = set(FLOORS)
# The rules floor is shared by GraphQL, the admin and the CLI, so it knows none of them.
NOT_IN_SERVICES = {"strawberry", "graphql", "starlette", "fastapi", "piccolo_admin", "piccolo_api"}


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


def modules_of(floor: str) -> list[Path]:
    single = ROOT / f"{floor}.py"
    if single.exists():
        return [single]
    return sorted(p for p in (ROOT / floor).rglob("*.py") if "piccolo_migrations" not in p.parts)


def imports_under(floor: str) -> list[Import]:
    found = []
    for path in modules_of(floor):
        relative = path.relative_to(ROOT)
        found += imports_of(path.read_text(encoding="utf-8"), relative)
    return found


def violations(floor: str) -> list[str]:
    allowed = FLOORS[floor]
    return [
        str(i)
        for i in imports_under(floor)
        if i.top in OURS and i.top not in allowed | EXCEPTIONS.get(i.path, set())
    ]


def report(found: list[str]) -> str:
    return "layer violations:\n  " + "\n  ".join(found)


def test_every_floor_imports_only_the_floors_below_it():
    found = [v for floor in FLOORS for v in violations(floor)]

    assert found == [], report(found)


def test_every_python_folder_and_module_of_ours_is_on_a_floor():
    tops = {p.name for p in ROOT.iterdir() if p.is_dir() and any(p.rglob("*.py"))}
    tops |= {p.stem for p in ROOT.glob("*.py")}
    unplaced = tops - OURS - {"tests", ".venv", "build", "var"}

    assert unplaced == set(), f"place these on a floor in FLOORS: {sorted(unplaced)}"


def test_services_never_import_graphql_web_or_admin_libraries():
    found = [str(i) for i in imports_under("services") if i.top in NOT_IN_SERVICES]

    assert found == [], report(found)


def test_resolvers_hold_no_rule_modules():
    rule_modules = [
        str(p.relative_to(ROOT))
        for p in modules_of("resolvers")
        if p.stem in {"services", "rules"} or "services" in p.parent.parts
    ]

    assert rule_modules == []


def test_the_checker_reads_the_real_modules():
    schema_imports = {(i.path, i.module) for i in imports_under("schema")}

    assert ("schema/root.py", "resolvers.market.queries") in schema_imports
    assert ("schema/market/types.py", "schema.market.enums") in schema_imports
    assert any(i.module == "tables.market" for i in imports_under("tables"))
    assert any(i.module == "tables.market" for i in imports_under("services"))


def test_the_checker_catches_a_rule_module_importing_strawberry_and_the_app():
    source = "import strawberry\nfrom app import create_app\nfrom tables import market\n"

    found = imports_of(source, Path("services/market/rules.py"))

    assert [i.top for i in found if i.top in NOT_IN_SERVICES] == ["strawberry"]
    assert [i.top for i in found if i.top in OURS - FLOORS["services"]] == ["app"]


def test_the_checker_sees_every_kind_of_import():
    source = """
import app
import tables.market as t
from resolvers.market import queries
from . import sibling
from ..schema import common
def late():
    from piccolo_conf import DB
    import strawberry
"""

    found = [str(i) for i in imports_of(source, Path("resolvers/market/filters.py"))]

    assert found == [
        "resolvers/market/filters.py:2 imports app",
        "resolvers/market/filters.py:3 imports tables.market",
        "resolvers/market/filters.py:4 imports resolvers.market",
        "resolvers/market/filters.py:5 imports resolvers.market",
        "resolvers/market/filters.py:6 imports resolvers.schema",
        "resolvers/market/filters.py:8 imports piccolo_conf",
        "resolvers/market/filters.py:9 imports strawberry",
    ]
