"""Configuration: the example runs; a bad file is refused with file, line, field and reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import PACKAGED_CONFIG_PATH, ConfigError, load_settings, parse_duration
from bot.config.loading import check_database_url
from tests.conftest import ROOT, sample_templates

EXAMPLE = (ROOT / "config.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_committed_example_loads() -> None:
    settings = load_settings(ROOT / "config.yaml")
    assert settings.timezone == "Asia/Shanghai"
    assert settings.languages.default == "zh"
    assert settings.notices.interval == timedelta(hours=24)
    assert {c.key for c in settings.categories} == {
        "consultation",
        "complaint",
        "fault_report",
        "service_request",
        "suggestion",
    }


def test_the_example_routes_faults_to_utilities_by_close_template_first() -> None:
    routing = load_settings(ROOT / "config.yaml").routing
    assert routing.close_template == "suggest"
    assert routing.categories == {"fault_report": "utilities"}


def test_packaged_example_is_the_committed_config() -> None:
    """What an installed copy runs with when given no configuration is config.yaml itself."""
    packaged = load_settings(PACKAGED_CONFIG_PATH)
    assert packaged == load_settings(ROOT / "config.yaml")
    assert packaged.knowledge.paths == [str(ROOT / "knowledge" / "base")]


def test_knowledge_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    elsewhere = tmp_path / "kb"
    text = EXAMPLE.replace("paths: [knowledge/base]", f"paths: [cases, ../cases, {elsewhere}]", 1)
    settings = load_settings(_write(folder, text))
    assert settings.knowledge.paths == [
        str(folder / "cases"),
        str(tmp_path / "cases"),
        str(elsewhere),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", timedelta(minutes=90)),
        ("1d12h", timedelta(hours=36)),
        ("2w", timedelta(days=14)),
        (3600, timedelta(hours=1)),
    ],
)
def test_durations(text: str | int, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "4 hours", "-1h", "0m", "h", True])
def test_bad_durations(text: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("interval: 24h", "interval: soon", "notices.interval", "not a duration"),
        ("timezone: Asia/Shanghai", "timezone: Mars/Olympus", "timezone", "unknown time zone"),
        ("{user_id: 100102,", "{user_id: li,", "departments[0].officers[1].user_id", "integer"),
        (
            "    high: {first_response: 1h, resolution: 3d}\n    urgent: {first_response: 30m",
            "    urgent: {first_response: 30m",
            "service_levels",
            "complaint: missing high",
        ),
        (
            "- {at: 1.0, notify: [owner, department_supervisors]}",
            "- {at: 1.0, notify: [owner, the_mayor]}",
            "escalation.ladder[1].notify[1]",
            "Input",
        ),
        ("answer_threshold: 71", "answer_threshold: 30", "matcher", "suggest_threshold"),
        (
            "zh: {answer: 56, suggest: 48}",
            "zh: {answer: 30, suggest: 48}",
            "matcher.thresholds.zh",
            "suggest",
        ),
        ("show_officer_as: name", "show_officer_as: nickname", "privacy.show_officer_as", "name"),
        (
            "    fault_report: utilities",
            "    fault_report: waterworks",
            "routing",
            "categories.fault_report: 'waterworks' is not a department",
        ),
        (
            "    fault_report: utilities",
            "    faults: utilities",
            "routing",
            "categories.faults: 'faults' is not a category",
        ),
        (
            "  categories: [fault_report, complaint]",
            "  categories: [fault_report, complaints]",
            "surge.categories",
            "unknown category 'complaints'",
        ),
        (
            "    - [幸福路, Xingfu Road, Xingfu Rd]",
            "    - [幸福路, Xingfuli, Xingfu Rd]",
            "surge.places",
            "'Xingfuli' names two places (groups 1, 2)",
        ),
        (
            "    - [幸福路, Xingfu Road, Xingfu Rd]",
            "    - []",
            "surge.places",
            "group 2 names no place",
        ),
        (
            "    - [幸福路, Xingfu Road, Xingfu Rd]",
            "    - [幸福路, '  ']",
            "surge.places",
            "group 2: '  ' is no place name",
        ),
        (
            "  close_template: suggest\n",
            "  close_template: sometimes\n",
            "routing.close_template",
            "'answer', 'suggest' or 'off'",
        ),
    ],
)
def test_bad_value_names_file_line_field_and_reason(
    tmp_path: Path, old: str, new: str, field: str, reason: str
) -> None:
    assert old in EXAMPLE
    path = _write(tmp_path, EXAMPLE.replace(old, new, 1))
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:")
    line = int(message.split(":")[1])
    assert line > 0
    assert field in message
    assert reason in message


def test_error_line_points_at_the_bad_value(tmp_path: Path) -> None:
    path = _write(tmp_path, EXAMPLE.replace("interval: 24h", "interval: soon", 1))
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    line = int(str(raised.value).split(":")[1])
    assert (
        "interval: soon"
        in EXAMPLE.replace("interval: 24h", "interval: soon").splitlines()[line - 1]
    )


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "timezone: [unclosed\n")
    with pytest.raises(ConfigError, match=rf"{path}:\d+: not valid YAML"):
        load_settings(path)


def test_same_person_in_two_departments_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, EXAMPLE.replace("user_id: 100201", "user_id: 100101", 1))
    with pytest.raises(ConfigError, match="staff in both"):
        load_settings(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.yaml")


def test_program_stops_with_non_zero_status_on_bad_config(tmp_path: Path) -> None:
    path = _write(tmp_path, EXAMPLE.replace("min_tickets: 5", "min_tickets: one", 1))
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(path), "check-config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert f"{path}:" in result.stderr
    assert "surge.min_tickets" in result.stderr


def test_check_config_reads_the_knowledge_base_the_service_would(tmp_path: Path) -> None:
    """A config copied away from its knowledge base, or a template value it no longer has, is
    refused by check-config with the file and reason, not found when the service starts."""
    moved = _write(tmp_path, EXAMPLE)  # knowledge.paths is relative to the config's folder
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(moved), "check-config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert f"{tmp_path / 'knowledge' / 'base'}:1: cannot read" in result.stderr
    shutil.copytree(ROOT / "knowledge" / "base", tmp_path / "knowledge" / "base")
    ok = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(moved), "check-config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert f"{sample_templates()} templates" in ok.stdout
    (tmp_path / "config.yaml").write_text(EXAMPLE.replace("hotline:", "hotlin:", 1))
    missing = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(moved), "check-config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert missing.returncode == 2
    assert "knowledge base refused" in missing.stderr and "hotline" in missing.stderr


@pytest.mark.parametrize(
    ("old", "new", "refusal"),
    [
        ("user_id: 100102", "user_id: 100101", "listed twice in department 'general'"),
        ('staff_number: "G-0102"', 'staff_number: "G-0101"', "staff number 'G-0101'"),
        ("staff_group_chat_id: -1000000000102", "staff_group_chat_id: -1000000000101", "share"),
    ],
)
def test_staff_directory_mistakes_are_refused(
    tmp_path: Path, old: str, new: str, refusal: str
) -> None:
    assert old in EXAMPLE
    path = _write(tmp_path, EXAMPLE.replace(old, new, 1))
    with pytest.raises(ConfigError, match=refusal):
        load_settings(path)


@pytest.mark.parametrize(
    ("url", "fix"),
    [
        ("postgresql://u:pw@127.0.0.1:5432/x", "write postgresql+asyncpg://u:pw@127.0.0.1:5432/x"),
        ("sqlite:///data/shouwen.db", "write sqlite+aiosqlite:///data/shouwen.db"),
        ("mysql://x", "use sqlite+aiosqlite:///"),
        ("garbage", "use sqlite+aiosqlite:///"),
    ],
)
def test_a_database_url_the_bot_cannot_use_is_refused_with_the_fix(url: str, fix: str) -> None:
    with pytest.raises(ConfigError, match="SHOUWEN_DATABASE_URL") as refused:
        check_database_url(url)
    assert fix in str(refused.value)
    check_database_url("sqlite+aiosqlite:///data/shouwen.db")
    check_database_url("postgresql+asyncpg://postgres@127.0.0.1:5432/test")
