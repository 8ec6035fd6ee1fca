"""`python -m bot check` against the emulation: each kind of problem is one line with its fix,
and any problem makes the exit status 1."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.config import Environment, Settings
from emulator.server import Emulator
from handlers.app import LOCAL_TOKEN
from handlers.preflight import check
from tests.conftest import ROOT, sample_templates

GENERAL, SOCIAL, UTILITIES, MANAGEMENT = (
    -1000000000101,
    -1000000000102,
    -1000000000103,
    -1000000000900,
)
CONFIG = Path("config.yaml")


def _environment(
    database_url: str, emulator: Emulator, token: str | None = LOCAL_TOKEN
) -> Environment:
    return Environment(
        bot_token=token, database_url=database_url, bot_api_url=f"http://127.0.0.1:{emulator.port}"
    )


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
async def test_a_setup_that_is_right(
    settings: Settings, database_url: str, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator.world.chats[SOCIAL].is_forum = False  # a group without topics is fine too
    status = await check(
        settings, _environment(database_url, emulator), CONFIG, sample_templates()
    )
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"config.yaml: ok (3 departments, {sample_templates()} templates)"
    assert lines[1].startswith("database ") and ": ok (schema " in lines[1]
    assert lines[2] == f"telegram: the token is @shouwen_bot's (id {emulator.world.bot.id})"
    assert f"departments.general.staff_group_chat_id ({GENERAL}): " in lines[3]
    assert lines[3].endswith("is an administrator and manages topics")
    assert lines[4].endswith("is an administrator; no topics (tickets go as replies)")
    assert (
        lines[6]
        == f"management.chat_id ({MANAGEMENT}): '主管群 Supervisors': @shouwen_bot is a member"
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_every_kind_of_chat_problem_one_line_each(
    settings: Settings, database_url: str, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    world = emulator.world
    world.chats[GENERAL].bot_status = "member"
    world.chats[SOCIAL].bot_status = "left"
    world.chats[UTILITIES].bot_can_manage_topics = False
    del world.chats[MANAGEMENT]  # a wrong id: no such chat
    status = await check(
        settings, _environment(database_url, emulator), CONFIG, sample_templates()
    )
    _, err = capsys.readouterr()
    assert status == 1
    assert err.splitlines() == [
        f"departments.general.staff_group_chat_id ({GENERAL}): @shouwen_bot is not an"
        " administrator of '综合服务窗口': make it one (it opens a topic for each ticket and edits"
        " the cards)",
        f"departments.social_security.staff_group_chat_id ({SOCIAL}): @shouwen_bot is not a"
        " member of '社会保障科' (left): add it to the group",
        f"departments.utilities.staff_group_chat_id ({UTILITIES}): '公用事业科' is a forum but"
        " @shouwen_bot may not manage topics: give it the 'Manage topics' right",
        f"management.chat_id ({MANAGEMENT}): Telegram does not know this chat for the bot (Chat"
        " not found): check the id (a group's is negative, -100...), and add @shouwen_bot to"
        " the group",
        "4 problem(s)",
    ]


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_removed_bot_a_private_chat_and_a_refused_token(
    settings: Settings, database_url: str, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    world = emulator.world
    world.chats[SOCIAL].bot_status = "kicked"
    world.chats[MANAGEMENT] = world.chats[900100]  # a requester's private chat by mistake
    status = await check(
        settings, _environment(database_url, emulator), CONFIG, sample_templates()
    )
    _, err = capsys.readouterr()
    assert status == 1
    problems = err.splitlines()
    assert problems[0].endswith(
        "@shouwen_bot is not a member of '社会保障科' (kicked): add it to the group"
    )
    assert problems[1] == (
        f"management.chat_id ({MANAGEMENT}): a private chat, not a group: give the id of a"
        " group @shouwen_bot is in"
    )
    status = await check(
        settings, _environment(database_url, emulator, token="123456:WRONG"), CONFIG, 60
    )
    _, err = capsys.readouterr()
    assert status == 1
    assert err.splitlines()[0].startswith("SHOUWEN_BOT_TOKEN: Telegram refuses the token (")
    assert err.splitlines()[0].endswith("): copy it again from @BotFather")


async def test_database_problems(
    settings: Settings, tmp_path: Path, emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = f"sqlite+aiosqlite:///{tmp_path / 'none.db'}"
    assert (
        await check(
            settings, _environment(missing, emulator, token=None), CONFIG, sample_templates()
        )
        == 1
    )
    _, err = capsys.readouterr()
    assert err.splitlines()[0] == (
        f"database {missing}: the file does not exist: run `python -m bot db upgrade` in the"
        " service's working folder (or set SHOUWEN_DATABASE_URL)"
    )
    assert not (tmp_path / "none.db").exists()  # the check creates nothing
    (tmp_path / "empty.db").touch()
    empty = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    assert (
        await check(
            settings, _environment(empty, emulator, token=None), CONFIG, sample_templates()
        )
        == 1
    )
    _, err = capsys.readouterr()
    assert "schema at nothing (empty), this version needs " in err
    assert err.splitlines()[0].endswith(
        ": run `python -m bot db upgrade` (the service also does at start)"
    )
    nowhere = "postgresql+asyncpg://shouwen:secret@127.0.0.1:1/shouwen"
    assert (
        await check(
            settings, _environment(nowhere, emulator, token=None), CONFIG, sample_templates()
        )
        == 1
    )
    _, err = capsys.readouterr()
    line = err.splitlines()[0]
    assert line.startswith(
        "database postgresql+asyncpg://shouwen:***@127.0.0.1:1/shouwen: not reachable ("
    )
    assert line.endswith(
        "): check SHOUWEN_DATABASE_URL, that the server runs and accepts this user"
    )


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_command_line(database_url: str, emulator: Emulator) -> None:
    """`python -m bot check` as an administrator types it: exit 1 and the line on stderr."""
    emulator.world.chats[GENERAL].bot_status = "member"
    environment = {
        **os.environ,
        "SHOUWEN_BOT_TOKEN": LOCAL_TOKEN,
        "SHOUWEN_BOT_API_URL": f"http://127.0.0.1:{emulator.port}",
        "SHOUWEN_DATABASE_URL": database_url,
    }
    process = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "bot", "--config", str(ROOT / "config.yaml"), "check"],
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 1, err.decode()
    assert "is not an administrator of '综合服务窗口'" in err.decode()
    ok = f"{ROOT / 'config.yaml'}: ok (3 departments, {sample_templates()} templates)"
    assert out.decode().startswith(ok)
