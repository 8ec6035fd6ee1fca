"""Fail when a product module passes 400 lines (run by `make lint`).

A module that long holds more than one concern: split it along them. The modules below were
over the limit before this check existed and are being split; each may not grow past the
lines it had then, and an entry must go once its module is under the limit, so the list only
shrinks. Run from the repository's root: `python .ci/module_size.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 400
PACKAGES = ("bot", "knowledge", "handlers", "emulator")
# module -> the lines it had when the check came; none may be added. None is left: every product
# module is under the limit.
KNOWN_OFFENDERS: dict[str, int] = {}


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def problems(root: Path) -> list[str]:
    """What breaks the rule, one line each (empty when all is well)."""
    found = []
    sizes = {
        path.relative_to(root).as_posix(): lines(path)
        for package in PACKAGES
        for path in sorted((root / package).rglob("*.py"))
    }
    for module, size in sizes.items():
        ceiling = KNOWN_OFFENDERS.get(module)
        if ceiling is None and size > LIMIT:
            found.append(f"{module}: {size} lines, over {LIMIT}: split it along its concerns")
        elif ceiling is not None and size > ceiling:
            found.append(f"{module}: {size} lines, more than its {ceiling} when listed")
    for module in KNOWN_OFFENDERS:
        if sizes.get(module, 0) <= LIMIT:
            found.append(f"{module}: no longer over {LIMIT}: remove it from KNOWN_OFFENDERS")
    return found


def main() -> int:
    found = problems(Path(__file__).resolve().parent.parent)
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
