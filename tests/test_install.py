"""The install is self-contained: `pip install` of the checkout into a fresh virtual
environment, then, from a folder that is not the checkout, `python -m bot db upgrade` and
`python -m bot run` upgrade the database and answer a question over the emulation.

It takes about a minute (a real install from the package index or pip's cache), so it is
marked `install`: `pytest -m "not install"` leaves it out locally; `make test` runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.install

REQUESTER = 900100  # one of the demo requesters the offline run seeds
QUESTION = "社保卡丢了怎么补办"
OURS = ("bot", "knowledge", "handlers", "emulator")
# What a checkout holds besides its sources; a copy without them builds like a fresh clone.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "data", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a new virtual environment with the project installed (not editable)."""
    folder = tmp_path_factory.mktemp("install")
    source = folder / "source"
    # Built from a copy, so the build leaves nothing in the checkout.
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
    python = folder / "venv" / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "-c", str(source / "constraints.txt"), str(source)],
        check=True,
        timeout=600,
        env=_environment(),
    )
    shutil.rmtree(source)  # the install must not need the sources any more
    return python


def _environment() -> dict[str, str]:
    """This process's environment without anything that would point back at the checkout."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SHOUWEN_") and key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _control(base: str, path: str, body: dict[str, object] | None = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{base}/control/{path}", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_our_packages_come_from_the_new_environment(installed: Path, tmp_path: Path) -> None:
    found = subprocess.run(
        [str(installed), "-c", f"import {', '.join(OURS)}; print({', '.join(OURS)})"],
        cwd=tmp_path,
        env=_environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    site = installed.parent.parent / "lib"
    for package in OURS:
        (line,) = [part for part in found.split("<module ")[1:] if part.startswith(f"'{package}'")]
        assert str(site) in line, line
        assert str(ROOT) not in line, line


def test_upgrade_and_answer_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    environment = _environment()
    upgraded = subprocess.run(
        [str(installed), "-m", "bot", "db", "upgrade"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "data" / "shouwen.db").is_file()

    log = _run_and_ask(installed, tmp_path, environment)
    assert "running with the packaged example" in log


def test_a_deployment_with_its_config_and_database_url(installed: Path, tmp_path: Path) -> None:
    """As deploy/ sets it up: the configuration and knowledge base in one folder, the database
    named by SHOUWEN_DATABASE_URL, the service started from a third."""
    etc, state, work = tmp_path / "etc", tmp_path / "state", tmp_path / "work"
    for folder in (etc, state, work):
        folder.mkdir()
    shutil.copy(ROOT / "config.yaml", etc / "config.yaml")
    shutil.copytree(ROOT / "knowledge" / "base", etc / "knowledge" / "base")
    environment = {
        **_environment(),
        "SHOUWEN_DATABASE_URL": f"sqlite+aiosqlite:///{state / 'shouwen.db'}",
        "SHOUWEN_LOG_LEVEL": "WARNING",
    }
    config = ["--config", str(etc / "config.yaml")]

    def bot(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(installed), "-m", "bot", *config, *args]
        return subprocess.run(
            command, cwd=work, env=environment, capture_output=True, text=True, timeout=120
        )

    before = bot("check")
    assert before.returncode == 1 and "the file does not exist" in before.stderr
    assert bot("db", "upgrade").returncode == 0
    after = bot("check")
    assert after.returncode == 0, after.stderr
    assert "telegram: not checked" in after.stdout
    _run_and_ask(installed, work, environment, config)
    assert (state / "shouwen.db").is_file() and not (work / "data").exists()


def _run_and_ask(
    installed: Path, cwd: Path, environment: dict[str, str], options: list[str] | None = None
) -> str:
    """Run the service offline, ask the demo requester's question, read /healthz and
    /metrics, stop it with SIGTERM; what it logged."""
    port, metrics_port = _free_port(), _free_port()
    log = cwd / "run.log"
    with log.open("w") as out:
        service = subprocess.Popen(
            [
                *[str(installed), "-m", "bot", *(options or []), "run"],
                *["--port", str(port), "--metrics-port", str(metrics_port)],
            ],
            cwd=cwd,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(lambda: f"Open {base}/ in a browser" in log.read_text(), log)
        _control(base, "messages", {"user_id": REQUESTER, "text": QUESTION})

        def answered() -> bool:
            said = _control(base, f"transcript?chat_id={REQUESTER}")
            assert isinstance(said, list)
            return any(e["from"] == "bot" and "挂失" in e["text"] for e in said)

        _wait_for(answered, log)
        # The offline run serves the operations endpoint too.
        operations = f"http://127.0.0.1:{metrics_port}"
        with urllib.request.urlopen(f"{operations}/healthz", timeout=10) as response:
            assert json.loads(response.read())["status"] == "ok"
        with urllib.request.urlopen(f"{operations}/metrics", timeout=10) as response:
            assert "shouwen_updates_received_total 1.0" in response.read().decode()
    finally:
        service.send_signal(signal.SIGTERM)  # as systemd stops it
        try:
            service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
            service.wait()
    assert service.returncode == 0, log.read_text()
    return log.read_text()


def _wait_for(condition: object, log: Path, seconds: float = 60) -> None:
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds}s; the service said:\n{log.read_text()}")
