"""The front words a refusal in one place, and builds callback data in one place: a scan of
handlers/ (the decorators and the codec are what every handler uses)."""

from __future__ import annotations

import ast
from pathlib import Path

from handlers.callbacks import Action

PREFIXES = tuple(f"{action.value}:" for action in Action)
HANDLERS = Path(__file__).resolve().parents[2] / "handlers"
# Where a DeskError may be caught by hand, each for a reason of its own.
CATCHING = {
    "refusals.py": {"refusals", "stale_buttons", "refusing"},  # the decorators themselves
    "staff.py": {"claim"},  # a refused claim says who owns the ticket (claim_refused.j2)
    "handoffs.py": {"transfer", "give_back", "move_due"},  # raised again with the usage
    # No such ticket, no ticket number, or another ticket's number in a ticket's place
    # ("/priority 12 …" in #13's topic): raised again with the command's usage.
    "finding.py": {"named_ticket", "_implied"},
    "incidents.py": {"post_update", "post_replied"},  # again with the usage; the reply refused
    "supervision.py": {"assign_command"},  # no staff of that name: again with the usage
    # A which-ticket question answered in words once stale: the words taken as any others.
    "which.py": {"named_in_words"},
}


def _modules() -> list[tuple[str, ast.Module]]:
    return [(path.name, ast.parse(path.read_text())) for path in sorted(HANDLERS.glob("*.py"))]


def _functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _names(node: ast.expr | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node else set()


def test_only_the_decorators_word_a_refusal() -> None:
    rendering = [
        name
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "render"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == "refused"
    ]
    assert rendering and set(rendering) == {"refusals.py"}


def test_desk_errors_are_caught_only_where_said() -> None:
    caught: dict[str, set[str]] = {}
    for name, tree in _modules():
        for function in _functions(tree):
            for node in ast.walk(function):
                if isinstance(node, ast.ExceptHandler) and "DeskError" in _names(node.type):
                    caught.setdefault(name, set()).add(function.name)
    inner = {
        name: {f for f in functions if f in CATCHING.get(name, set())}
        for name, functions in caught.items()
    }
    assert caught == inner, "a handler catches DeskError by hand: use @refusals"
    assert "refusals.py" in caught


def test_no_callback_data_is_written_by_hand() -> None:
    """Callback data comes from handlers/callbacks.py `encode`, never an f-string or a
    literal; patterns from `pattern`, never a hand-written regex."""
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg in ("callback_data", "pattern"):
                assert isinstance(node.value, ast.Name | ast.Call), (name, node.value.lineno)
                if isinstance(node.value, ast.Call):
                    assert isinstance(node.value.func, ast.Name), (name, node.value.lineno)
                    assert node.value.func.id in {"pattern", "encode"}, (name, node.value.lineno)
            if isinstance(node, ast.JoinedStr) and name != "callbacks.py":
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                assert not text.startswith(("claim:", "accept:", "sv:", "asg:", "pri:", "tpl:")), (
                    name
                )
