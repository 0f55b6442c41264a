"""The house: stages as folders, no import cycles, no import back up into a package's own front door.

The import graph is read from the source with `ast` (imports inside functions included), so a lazy
import that closes a cycle is caught as well as a top-level one.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extract import cli

PACKAGE = Path(__file__).resolve().parent.parent / "extract"
FINDERS = ("segment", "dates", "units", "officials", "indicators", "audit")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _targets(name: str, node: ast.AST) -> list[str]:
    """Modules of the package an import statement loads, parents packages included."""
    if isinstance(node, ast.Import):
        wanted = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = name if _is_package(name) else name.rpartition(".")[0]
            for _ in range(node.level - 1):
                anchor = anchor.rpartition(".")[0]
            base = f"{anchor}.{base}" if base else anchor
        wanted = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    out = []
    for target in wanted:
        parts = target.split(".")
        out += [".".join(parts[:i]) for i in range(2, len(parts) + 1) if ".".join(parts[:i]) in MODULES]
    return out


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
        # A package is loaded before its modules: importing a sibling never re-enters one's own parents.
        parents = {name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)}
        graph[name] = {t for n in imports for t in _targets(name, n) if t != name and t not in parents}
    return graph


GRAPH = _graph()


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_reader_sees_a_cycle_and_a_lazy_import():
    fake = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(fake) == [["a", "b", "c"]]
    # pipeline.language is imported inside a function of extract/__init__ (lazily): still an arrow
    assert "extract.pipeline" in GRAPH["extract"] or "extract.pipeline.language" in GRAPH["extract"]


def test_no_import_cycles_among_extract_modules():
    assert _cycles(GRAPH) == []


def test_no_module_imports_the_front_door_of_its_own_package():
    """A folder's parts never import its __init__: the front door imports the parts, not the other way."""
    back = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = name if _is_package(name) else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = own if node.level == 1 and not base else base
                for a in node.names:
                    if base == own and own != "extract" and f"{base}.{a.name}" not in MODULES and not _is_package(name):
                        back.append(f"{name} imports {a.name} from {base}")
    assert back == []


def test_at_most_eight_modules_directly_in_extract_and_every_stage_in_its_folder():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top
    for stage in ("reading", "pipeline", *FINDERS, "batch", "export", "review", "evaluate", "language"):
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_record_models_and_settings_depend_on_nothing_and_data_holds_no_code():
    assert GRAPH["extract.models"] == set()
    assert GRAPH["extract.settings"] == set()
    assert not list((PACKAGE / "patterns").glob("*.py"))


@pytest.mark.parametrize("finder", FINDERS)
def test_finders_know_nothing_of_the_command_line_scheduling_or_the_pipeline(finder):
    reach = {t for name, targets in GRAPH.items() if name.startswith(f"extract.{finder}") for t in targets}
    banned = {t for t in reach if t.split(".")[1] in ("cli", "batch", "pipeline", "reading", "export", "review")}
    assert banned == set()


def test_every_command_of_the_table_resolves_to_a_function():
    for name in cli.COMMANDS:
        assert callable(cli.target(name)), name
