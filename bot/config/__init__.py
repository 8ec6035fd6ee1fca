"""Configuration: `config.yaml` parsed into pydantic models, secrets from the environment.

A bad value stops the program with the file, the field (and its line) and the reason. The
sections are in `sections`, the whole in `settings`, reading it in `loading`.
"""

from __future__ import annotations

from bot.config.danger import Emergency, EmergencyNumber, KeywordRule
from bot.config.loading import (
    DEFAULT_CONFIG_PATH,
    PACKAGED_CONFIG_PATH,
    ConfigError,
    Environment,
    default_config_path,
    load_settings,
)
from bot.config.matching import Knowledge, Matcher
from bot.config.sections import (
    WEEKDAYS,
    Abuse,
    Category,
    Closure,
    ConfigModel,
    Department,
    Duration,
    Escalation,
    EscalationStep,
    EscalationTarget,
    HoursSpan,
    Languages,
    Logs,
    Management,
    Metrics,
    Named,
    Notices,
    OfficeHours,
    Person,
    Privacy,
    Retention,
    Routing,
    ServiceLevel,
    Surge,
    parse_duration,
)
from bot.config.settings import Settings

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "PACKAGED_CONFIG_PATH",
    "WEEKDAYS",
    "Abuse",
    "Category",
    "Closure",
    "ConfigError",
    "ConfigModel",
    "Department",
    "Duration",
    "Emergency",
    "EmergencyNumber",
    "Environment",
    "Escalation",
    "EscalationStep",
    "EscalationTarget",
    "HoursSpan",
    "KeywordRule",
    "Knowledge",
    "Languages",
    "Logs",
    "Management",
    "Matcher",
    "Metrics",
    "Named",
    "Notices",
    "OfficeHours",
    "Person",
    "Privacy",
    "Retention",
    "Routing",
    "ServiceLevel",
    "Settings",
    "Surge",
    "default_config_path",
    "load_settings",
    "parse_duration",
]
