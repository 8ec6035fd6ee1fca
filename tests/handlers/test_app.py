"""The composition root loads the emulation only for the offline run, and the command line
loads the Telegram front only to run it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_service_cleanly(tmp_path: Path, signum: signal.Signals) -> None:
    """SIGTERM (systemd) and SIGINT (Ctrl-C) stop `python -m bot run` with status 0, even when
    whoever started it ignored SIGINT (a background job of a script does)."""
    log = tmp_path / "service.log"
    environment = {
        **os.environ,
        "SHOUWEN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'shouwen.db'}",
    }
    environment.pop("SHOUWEN_BOT_TOKEN", None)
    with log.open("w") as out:
        service = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--port", str(_free_port()), "--metrics-port=0"],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
    try:
        deadline = time.monotonic() + 60
        while "runs offline" not in log.read_text() and time.monotonic() < deadline:
            assert service.poll() is None, log.read_text()
            time.sleep(0.1)
        assert "runs offline" in log.read_text(), log.read_text()
        service.send_signal(signum)
        service.wait(timeout=30)
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
    assert service.returncode == 0, log.read_text()
    assert "stopping: a signal asked for it" in log.read_text()


def test_a_port_in_use_is_one_line_naming_the_setting(tmp_path: Path) -> None:
    """Another instance (or anything) on the offline page's port: status 2 and one line that
    says which option moves it, not a traceback."""
    environment = {
        **os.environ,
        "SHOUWEN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'shouwen.db'}",
    }
    environment.pop("SHOUWEN_BOT_TOKEN", None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "bot", "run", "--port", str(port), "--metrics-port=0"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 2, run.stderr
    assert "could not start:" in run.stderr and "SHOUWEN_PORT" in run.stderr
    assert "Traceback" not in run.stderr
