"""The rules of the desk as the flows apply them: the service levels (bot/sla.py) and who may
act (the staff directory, bot/staff.py), both from the configuration, built once per desk."""

from __future__ import annotations

from bot.config import Settings
from bot.sla import ServiceLevels
from bot.staff import Directory


class Rules(ServiceLevels):
    """The service levels, and `staff`: the directory of officers, supervisors and management
    that every permission check and every name shown to people reads."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.staff = Directory(settings)
