"""The sections of config.yaml about answering from the knowledge base: the matcher's
confidence thresholds (per language) and where the case-template files are."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationInfo, field_validator, model_validator

from bot.config.sections import ConfigModel


class LanguageThresholds(ConfigModel):
    """Confidence (0-100) from which to answer, and from which to suggest, in one language."""

    answer: float = Field(ge=0, le=100)
    suggest: float = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> LanguageThresholds:
        if self.suggest > self.answer:
            raise ValueError("suggest must not be above answer")
        return self


class Matcher(ConfigModel):
    """Thresholds on the matcher's confidence: per language, and for any other language."""

    answer_threshold: float = Field(default=85, ge=0, le=100)
    suggest_threshold: float = Field(default=60, ge=0, le=100)
    thresholds: dict[str, LanguageThresholds] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Matcher:
        if self.suggest_threshold > self.answer_threshold:
            raise ValueError("suggest_threshold must not be above answer_threshold")
        return self


class Knowledge(ConfigModel):
    """Where the case-template files are, and the values their answers may use."""

    # Relative to the configuration file's folder when read from a file (see load_settings).
    paths: list[str] = Field(
        default_factory=lambda: ["knowledge/base"], min_length=1, validate_default=True
    )
    values: dict[str, str | dict[str, str]] = Field(default_factory=dict)

    @field_validator("paths")
    @classmethod
    def _from_the_config_folder(cls, paths: list[str], info: ValidationInfo) -> list[str]:
        folder = (info.context or {}).get("folder")
        if folder is None:
            return paths  # not read from a file: as given, relative to the working folder
        return [str((Path(folder) / path).resolve()) for path in paths]

    def context(self, language: str) -> dict[str, str]:
        """The values for answers in `language` (a per-language value falls back to any)."""
        return {
            name: value
            if isinstance(value, str)
            else value.get(language, next(iter(value.values()), ""))
            for name, value in self.values.items()
        }
