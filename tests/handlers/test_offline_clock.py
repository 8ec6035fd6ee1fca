"""The offline demo's time moves forward on request (`POST /control/clock`): a new user tries
in a minute what takes hours (an unclaimed ticket escalating), and the desk sweeps at once."""

from __future__ import annotations

import asyncio
import inspect
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp

from tests.conftest import ROOT
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER

WEEK = 7 * 24 * 3600  # seconds: working hours enough on any calendar for a first response


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _transcript(http: aiohttp.ClientSession, base: str, chat_id: int) -> list[str]:
    async with http.get(f"{base}/control/transcript", params={"chat_id": chat_id}) as response:
        lines: list[dict[str, Any]] = await response.json()
    return [str(line.get("text") or "") for line in lines]


async def _eventually(check: Any, seconds: float = 60) -> None:
    """Wait until `check()` (a bool, or an awaitable of one) holds; fails after `seconds`."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        held = check()
        if inspect.isawaitable(held):
            held = await held
        if held:
            return
        assert asyncio.get_running_loop().time() < deadline, "not seen in time"
        await asyncio.sleep(0.2)


async def test_the_clock_moved_forward_escalates_an_unclaimed_ticket(tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "SHOUWEN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'shouwen.db'}",
    }
    environment.pop("SHOUWEN_BOT_TOKEN", None)
    log = tmp_path / "service.log"
    with log.open("w") as out:
        # Sweeps an hour apart: what the clock brings is swept because it moved.
        service = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "bot", "run", "--port", str(port), "--metrics-port=0"),
            *("--sweep-every", "3600"),
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
    try:
        await _eventually(lambda: "runs offline" in log.read_text(), 90)
        async with aiohttp.ClientSession() as http:
            sent = {"user_id": REQUESTER, "text": "我想申请公租房"}
            async with http.post(f"{base}/control/messages", json=sent) as response:
                assert response.status == 200

            async def carded() -> bool:
                return any("#1" in t for t in await _transcript(http, base, GENERAL_GROUP))

            await _eventually(carded)
            before = len(await _transcript(http, base, GENERAL_GROUP))
            # Time never goes back: a clear 400, nothing moved.
            async with http.post(f"{base}/control/clock", json={"advance": -60}) as response:
                assert response.status == 400
                assert "only goes forward" in (await response.json())["description"]
            async with http.post(f"{base}/control/clock", json={"advance": WEEK}) as response:
                assert response.status == 200
                assert (await response.json())["now"] > 0

            async def escalated() -> bool:
                later = (await _transcript(http, base, GENERAL_GROUP))[before:]
                return any("工单 #1" in t and "尚未认领" in t for t in later)

            await _eventually(escalated)
    finally:
        if service.returncode is None:
            service.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(service.wait(), 30)
            except TimeoutError:
                service.kill()
                await service.wait()
    assert service.returncode == 0, log.read_text()
