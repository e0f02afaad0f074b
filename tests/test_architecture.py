"""The package reads top-down: core, then features, then the command line; the product only.

Read from the source with ``ast`` (nothing is imported), so a new upward import or cycle fails
here before it becomes the next tangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "migration_course"
PRODUCT_ONLY = ("demo", "synthetic", "bench", "badinputs", "bad_submissions")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every ``migration_course`` module this file imports, at any depth of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("migration_course"):
                found.add(node.module)
                # `from migration_course.cli import grading` imports a submodule
                folder = PACKAGE.parent / node.module.replace(".", "/")
                for alias in node.names:
                    if (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir():
                        found.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("migration_course")}
    return found


GRAPH = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_core_imports_nothing_above_it():
    upward = {m: sorted(d for d in deps if layer(d) != "core")
              for m, deps in GRAPH.items() if layer(m) == "core"}
    assert {m: d for m, d in upward.items() if d} == {}


def test_nothing_but_the_command_line_imports_it():
    users = sorted(m for m, deps in GRAPH.items()
                   if layer(m) != "cli" and any(layer(d) == "cli" for d in deps))
    assert users == []


def test_no_import_cycles():
    done: set[str] = set()

    def visit(module: str, stack: tuple[str, ...]) -> None:
        if module in stack:
            pytest.fail("import cycle: " + " -> ".join((*stack[stack.index(module):], module)))
        if module in done:
            return
        for dep in GRAPH.get(module, ()):
            if dep != module and dep in GRAPH and not module.startswith(dep + "."):
                visit(dep, (*stack, module))
        done.add(module)

    for module in GRAPH:
        visit(module, ())


def test_no_module_is_imported_through_importlib():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if "importlib" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_the_installed_package_holds_only_the_product():
    names = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if any(word in p.stem for word in PRODUCT_ONLY)]
    assert names == [], "demonstration, synthetic and benchmark code belongs in tools/"
    assert not any(d.startswith("tools") for deps in GRAPH.values() for d in deps)


def test_the_graph_was_read():
    # a test that cannot fail on an empty folder is no test
    assert len(GRAPH) > 40 and GRAPH["migration_course.cli"]
