"""`python -m bot report` writes the full report; its HTML is read in headless Chromium as a
supervisor would open it: the chart shown, the figures, the leaks and the ledger listed."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.rules import Rules
from tests.bot.reports.test_leaks import ELEVATOR, _history
from tests.conftest import ROOT
from tests.handlers.test_page_browser import CHROMIUM, FLAGS

Sessions = async_sessionmaker[AsyncSession]


async def _report(database_url: str, fmt: str, out: Path) -> str:
    """Runs the command line as a shell would; its output line."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(ROOT / "config.yaml"),
        "report",
        "--days",
        "3650",
        "--format",
        fmt,
        "--out",
        str(out),
        cwd=ROOT,
        env={**os.environ, "SHOUWEN_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    return stdout.decode()


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_report_from_the_shell_in_each_format(
    sessions: Sessions, rules: Rules, database_url: str, tmp_path: Path
) -> None:
    made = await _history(sessions, rules)
    said = await _report(database_url, "json", tmp_path / "r.json")
    assert "6 tickets" in said
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["by_department"]["general"]["tickets"] == 6
    assert data["passed_around"][0]["ticket"] == made["bounced"]
    assert sorted(data["failing_questions"][0]["wordings"]) == sorted(ELEVATOR)
    assert data["handoffs"][0]["return_reasons"] == ["不归我们管", "材料不全"]
    await _report(database_url, "csv", tmp_path / "r.csv")
    table = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    assert table[0] == "section,subject,name,measure,value"
    assert "handoffs,general->utilities,综合服务窗口 → 公用事业科,returned,2" in table


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_html_report_in_a_browser(
    sessions: Sessions, rules: Rules, database_url: str, tmp_path: Path
) -> None:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed here (.ci/run installs Debian's chromium)")
    from playwright.async_api import async_playwright, expect

    made = await _history(sessions, rules)
    page_file = tmp_path / "report.html"
    await _report(database_url, "html", page_file)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        try:
            page: Any = await browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            await page.goto(page_file.as_uri())
            await expect(page.locator("h1")).to_have_text("服务监督报告")
            chart = page.locator("#chart")
            await expect(chart).to_be_visible()
            assert await chart.evaluate("img => img.naturalWidth") == 1200
            figures = page.locator("#figures tr")
            await expect(figures.filter(has_text="综合服务窗口")).to_contain_text("6")
            await expect(figures.filter(has_text="王芳 G-0101")).to_have_count(1)
            pair = page.locator("#handoffs tr").nth(1)
            await expect(pair).to_contain_text("综合服务窗口")
            await expect(pair).to_contain_text("不归我们管; 材料不全")
            bounced = page.locator("#passed-around tr", has_text=f"#{made['bounced']}")
            await expect(bounced.locator("li")).to_have_count(5)
            await expect(bounced.locator("li").nth(2)).to_contain_text("退回")
            worst = page.locator("#failing tr").nth(1)
            await expect(worst.locator("td").first).to_have_text("3")
            await expect(worst).to_contain_text(f"/template_from {made['reopened']}")
            await expect(page.locator("#ledger tr")).to_have_count(3)
            assert errors == []
        finally:
            await browser.close()


async def _refused(database_url: str, *flags: str) -> tuple[int | None, str]:
    """The command line run with `flags`; its exit status and what it said on stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(ROOT / "config.yaml"),
        "report",
        *flags,
        cwd=ROOT,
        env={**os.environ, "SHOUWEN_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await process.communicate()
    return process.returncode, stderr.decode()


@pytest.mark.parametrize("store", ["sqlite"])
async def test_the_report_refuses_what_it_cannot_do_and_says_why(
    sessions: Sessions, database_url: str, tmp_path: Path
) -> None:
    """A mistyped database path is named, not created and answered with an empty report; a
    period that is no number of days and a folder that does not exist are named too."""
    written = tmp_path / "r.csv"
    out = str(written)
    missing = tmp_path / "nope.db"
    code, said = await _refused(f"sqlite+aiosqlite:///{missing}", "--out", out)
    assert code == 2 and f"report refused: no database file at {missing}" in said
    assert not missing.exists() and not written.exists()
    for days in ("0", "-3", "nan", "1e9"):
        code, said = await _refused(database_url, "--days", days, "--out", out)
        assert code == 2 and "argument --days" in said, days
    code, said = await _refused(database_url, "--out", str(tmp_path / "no" / "r.csv"))
    assert code == 2 and "report refused: --out: no folder" in said
    assert not written.exists()
