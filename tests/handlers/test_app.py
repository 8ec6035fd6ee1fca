"""The composition root loads the emulation only for the offline run, and the command line
loads the Telegram front only to run it."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _loaded_after(statement: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after `statement`."""
    shown = subprocess.run(
        [sys.executable, "-c", f"{statement}; import sys; print(*sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in shown.split()}


def test_the_front_loads_without_the_emulation() -> None:
    loaded = _loaded_after("import handlers.app")
    assert "telegram" in loaded
    assert "emulator" not in loaded


def test_the_command_line_loads_neither_telegram_nor_the_front() -> None:
    loaded = _loaded_after("import bot.cli")
    assert "bot" in loaded
    assert not loaded & {"telegram", "handlers", "emulator"}
