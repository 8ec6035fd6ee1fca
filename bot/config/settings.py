"""The whole configuration: every section, and the rules that tie them together."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.config.danger import Emergency, KeywordRule
from bot.config.matching import Knowledge, Matcher
from bot.config.sections import (
    Abuse,
    Category,
    Closure,
    ConfigModel,
    Department,
    Escalation,
    Intake,
    Languages,
    Logs,
    Management,
    Metrics,
    Named,
    Notices,
    OfficeHours,
    Privacy,
    Retention,
    Routing,
    ServiceLevel,
    Surge,
)


class Settings(ConfigModel):
    timezone: str = "Asia/Shanghai"
    languages: Languages = Languages()
    privacy: Privacy = Privacy()
    management: Management
    departments: list[Department] = Field(min_length=1)
    default_department: str | None = None
    categories: list[Category] = Field(min_length=1)
    routing: Routing = Routing()
    priorities: list[Named] = Field(min_length=1, description="lowest first")
    service_levels: dict[str, dict[str, ServiceLevel]]
    office_hours: OfficeHours = OfficeHours()
    notices: Notices = Notices()
    escalation: Escalation
    closure: Closure = Closure()
    intake: Intake = Intake()
    matcher: Matcher = Matcher()
    knowledge: Knowledge = Knowledge()
    keywords: list[KeywordRule] = Field(default_factory=list)
    emergency: Emergency = Emergency()
    surge: Surge = Surge()
    abuse: Abuse = Abuse()
    retention: Retention = Retention()
    metrics: Metrics = Metrics()
    logging: Logs = Logs()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("routing")
    @classmethod
    def _routes_known(cls, routing: Routing, info: ValidationInfo) -> Routing:
        """Every routed category is configured, and so is its department (the field and the
        reason named: `routing: categories.<key>: ...`)."""
        departments = {d.key for d in info.data.get("departments", [])}
        categories = {c.key for c in info.data.get("categories", [])}
        for category, department in routing.categories.items():
            if categories and category not in categories:
                raise ValueError(f"categories.{category}: {category!r} is not a category")
            if departments and department not in departments:
                raise ValueError(
                    f"categories.{category}: {department!r} is not a department"
                    f" ({', '.join(sorted(departments))})"
                )
        return routing

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        languages = set(self.languages.supported)
        items: list[Department] | list[Category] | list[Named]
        for group_name, items in (
            ("departments", self.departments),
            ("categories", self.categories),
            ("priorities", self.priorities),
        ):
            keys = [item.key for item in items]
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                raise ValueError(f"{group_name}: duplicate key(s) {', '.join(duplicates)}")
            for item in items:
                missing = languages - set(item.names)
                if missing:
                    missing_text = ", ".join(sorted(missing))
                    raise ValueError(
                        f"{group_name} {item.key!r}: names missing for {missing_text}"
                    )
        user_roles: dict[int, str] = {}
        staff_numbers: dict[str, int] = {}
        for department in self.departments:
            for person in [*department.officers, *department.supervisors]:
                where = f"department {department.key!r}"
                if person.user_id in user_roles:
                    earlier = user_roles[person.user_id]
                    if earlier != where:
                        raise ValueError(
                            f"user {person.user_id} is staff in both {earlier} and {where}"
                        )
                    raise ValueError(f"user {person.user_id} is listed twice in {where}")
                user_roles[person.user_id] = where
                if staff_numbers.setdefault(person.staff_number, person.user_id) != person.user_id:
                    raise ValueError(
                        f"staff number {person.staff_number!r} is given to two people"
                        f" ({staff_numbers[person.staff_number]} and {person.user_id})"
                    )
        groups: dict[int, str] = {}
        for department in self.departments:
            other = groups.setdefault(department.staff_group_chat_id, department.key)
            if other != department.key:
                raise ValueError(
                    f"departments {other!r} and {department.key!r} share the staff group"
                    f" {department.staff_group_chat_id}: each needs its own"
                )
        department_keys = {d.key for d in self.departments}
        if self.default_department is not None and self.default_department not in department_keys:
            raise ValueError(f"default_department {self.default_department!r} is not a department")
        categories = [c.key for c in self.categories]
        priorities = [p.key for p in self.priorities]
        for category in categories:
            row = self.service_levels.get(category)
            if row is None:
                raise ValueError(f"service_levels: no row for category {category!r}")
            absent = [p for p in priorities if p not in row]
            if absent:
                raise ValueError(f"service_levels.{category}: missing {', '.join(absent)}")
            unknown = [p for p in row if p not in priorities]
            if unknown:
                raise ValueError(f"service_levels.{category}: unknown priority {unknown[0]!r}")
        unknown_rows = [c for c in self.service_levels if c not in categories]
        if unknown_rows:
            raise ValueError(f"service_levels: unknown category {unknown_rows[0]!r}")
        for rule in self.keywords:
            if rule.priority not in priorities:
                raise ValueError(f"keywords: unknown priority {rule.priority!r}")
        if self.emergency.category not in categories:
            raise ValueError(
                f"emergency.category: {self.emergency.category!r} is not a category"
                f" ({', '.join(categories)})"
            )
        for index, number in enumerate(self.emergency.numbers):
            missing = languages - set(number.names)
            if missing:
                raise ValueError(
                    f"emergency.numbers[{index}] ({number.number}): names missing for"
                    f" {', '.join(sorted(missing))}"
                )
        if self.surge.priority not in priorities:
            raise ValueError(f"surge.priority: unknown priority {self.surge.priority!r}")
        unknown_surge = [c for c in self.surge.categories if c not in categories]
        if unknown_surge:
            raise ValueError(f"surge.categories: unknown category {unknown_surge[0]!r}")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def home_department(self) -> str:
        """Where tickets land when nothing routes them elsewhere."""
        return self.default_department or self.departments[0].key

    def department(self, key: str) -> Department:
        for department in self.departments:
            if department.key == key:
                return department
        raise KeyError(key)

    def service_level(self, category: str, priority: str) -> ServiceLevel:
        return self.service_levels[category][priority]

    def priority_rank(self, priority: str) -> int:
        return [p.key for p in self.priorities].index(priority)

    def needs_person(self, category: str) -> bool:
        """Whether matters of `category` need a person whatever is answered
        (`Category.needs_person`); False for a key no longer configured."""
        return any(c.key == category and c.needs_person for c in self.categories)
