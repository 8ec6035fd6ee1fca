"""The offline page in a real headless Chromium: ask as a requester, see the answer, press."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.ext import Application

from emulator.server import Emulator
from tests.handlers.conftest import GENERAL_GROUP, REQUESTER

SOCIAL_GROUP = -1000000000102

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
async def page(running: tuple[Emulator, Application]) -> AsyncIterator[Any]:  # type: ignore[type-arg]
    """The offline page open in headless Chromium (skipped, saying why, without Chromium)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed here (.ci/run installs Debian's chromium)")
    from playwright.async_api import async_playwright

    emulator, _ = running
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            opened = await browser.new_page()
            await opened.goto(f"http://127.0.0.1:{emulator.port}/")
            yield opened
        finally:
            await browser.close()


@pytest.mark.parametrize("store", ["sqlite"])
async def test_a_requester_asks_and_presses_in_the_page(
    page: Any,
) -> None:
    from playwright.async_api import expect

    phone = page.locator(f"#chat{REQUESTER}")
    await expect(phone).to_be_visible(timeout=10_000)
    await expect(page.locator(f"#chat{GENERAL_GROUP} h2")).to_contain_text("综合服务窗口")
    await phone.locator("input[type=text]").fill("社保卡丢了怎么补办")
    await phone.locator("form button").click()
    await expect(phone.locator(".msg").last).to_contain_text("挂失", timeout=10_000)
    await phone.get_by_role("button", name="没解决,转人工").click()
    await expect(phone).to_contain_text("工单 #1", timeout=10_000)
    # Routed to the department of the template it came close to (config.yaml `routing`).
    group = page.locator(f"#chat{SOCIAL_GROUP}")
    await expect(group).to_contain_text("社保卡丢了怎么补办", timeout=10_000)


@pytest.mark.parametrize("store", ["sqlite"])
async def test_an_officer_claims_and_answers_in_the_topic_from_the_page(
    page: Any,
) -> None:
    from playwright.async_api import expect

    phone = page.locator(f"#chat{REQUESTER}")
    group = page.locator(f"#chat{GENERAL_GROUP}")
    await expect(phone).to_be_visible(timeout=10_000)
    await phone.locator("input[type=text]").fill("我想申请公租房")
    await phone.locator("form button").click()
    await expect(group).to_contain_text("新工单 #1", timeout=10_000)
    await group.locator("select.sender").select_option(label="王芳")
    await group.get_by_role("button", name="认领").click()
    await expect(phone).to_contain_text("王芳", timeout=10_000)
    await expect(group.locator("select.topic option")).to_have_count(2, timeout=10_000)
    await group.locator("select.topic").select_option(index=1)
    await group.locator("input[type=text]").fill("请携带户口簿到窗口申请")
    await group.locator("form button").click()
    await expect(phone.locator(".msg").last).to_contain_text(
        "请携带户口簿到窗口申请", timeout=10_000
    )
