"""No module of the front imports one that imports it, not even inside a function: the
imports among handlers/ modules form no cycle (the package's __init__, the composition root
that imports every handler, aside)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"


def _imports() -> dict[str, set[str]]:
    """Each module of handlers/ and the modules of handlers/ it imports anywhere in it."""
    modules = {f"handlers.{p.stem}": p for p in HANDLERS.glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module == "handlers":
                found |= {f"handlers.{a.name}" for a in node.names} & modules.keys()
            elif isinstance(node, ast.ImportFrom) and node.module in modules:
                found.add(node.module)
        graph[module] = found
    return graph


def test_the_front_has_no_import_cycle() -> None:
    graph = _imports()
    assert len(graph) > 20 and sum(map(len, graph.values())) > 50  # the scan found them
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        raise AssertionError(f"import cycle: {' -> '.join(cycle.args[1])}") from None
    assert order.index("handlers.callbacks") < order.index("handlers.keyboards")
