"""The official Bot API specification as data: every call is checked and its values typed."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from emulator.errors import api_error, ill_typed, missing

SPEC_PATH = Path(__file__).with_name("api.json")


@cache
def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC_PATH.read_text(encoding="utf-8")))


def method_fields(name: str) -> list[dict[str, Any]]:
    """The fields of a method, or the 404 Telegram gives for an unknown one."""
    method = spec()["methods"].get(name)
    if method is None:
        raise api_error("not_found")
    return list(method.get("fields", []))


def _coerce(value: Any, types: list[str], field: str) -> Any:
    """A raw value (form text, or already JSON) as one of the spec's types."""
    for kind in types:
        try:
            return _as(value, kind)
        except (ValueError, TypeError):
            continue
    raise ill_typed(field)


def _as(value: Any, kind: str) -> Any:
    if kind == "Integer":
        if isinstance(value, bool):
            raise TypeError
        return int(value)
    if kind == "Float":
        return float(value)
    if kind in ("Boolean", "True"):
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0") and kind == "Boolean":
            return False
        raise ValueError(value)
    if kind == "String":
        if isinstance(value, dict | list):
            raise TypeError
        return str(value)
    if kind == "InputFile":
        return value
    # An object or an array: sent as JSON text in forms.
    parsed = json.loads(value) if isinstance(value, str) else value
    if kind.startswith("Array of") and not isinstance(parsed, list):
        raise TypeError
    if not kind.startswith("Array of") and not isinstance(parsed, dict):
        raise TypeError
    return parsed


def check_call(name: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The parameters of a call, typed by the specification; unknown names are ignored."""
    values: dict[str, Any] = {}
    for field in method_fields(name):
        key = field["name"]
        if key not in raw or raw[key] in ("", None):
            if field["required"]:
                raise missing(key)
            continue
        values[key] = _coerce(raw[key], field["types"], key)
    return values


def check_object(type_name: str, value: dict[str, Any], path: str = "") -> list[str]:
    """What in a returned object disagrees with the specification (empty when faithful)."""
    kind = spec()["types"].get(type_name)
    if kind is None:
        return [f"{path or type_name}: unknown type {type_name}"]
    if kind.get("subtypes"):
        return []  # a union (e.g. ChatMember): one of its subtypes is returned
    problems = []
    fields = {f["name"]: f for f in kind.get("fields", [])}
    for name in value:
        if name not in fields:
            problems.append(f"{path}{type_name}.{name}: not in the specification")
    for name, field in fields.items():
        if field["required"] and name not in value:
            problems.append(f"{path}{type_name}.{name}: required but missing")
    return problems


def check_result(method_name: str, value: Any) -> list[str]:
    """What in a method's result disagrees with the specification, nested objects included."""
    returns = spec()["methods"][method_name].get("returns", [])
    return _check_as(returns, value, method_name)


def check_update(update: dict[str, Any]) -> list[str]:
    """What in an Update the emulation produced disagrees with the specification."""
    return _check_kind("Update", update, "update")


def _check_as(kinds: list[str], value: Any, path: str) -> list[str]:
    best: list[str] | None = None
    for kind in kinds:
        problems = _check_kind(kind, value, path)
        if not problems:
            return []
        if best is None or len(problems) < len(best):
            best = problems
    return best or []


def _check_kind(kind: str, value: Any, path: str) -> list[str]:
    scalars: dict[str, type | tuple[type, ...]] = {
        "Integer": int,
        "Float": (int, float),
        "String": str,
        "Boolean": bool,
        "True": bool,
    }
    if kind in scalars:
        ok = isinstance(value, scalars[kind]) and not (
            kind == "Integer" and isinstance(value, bool)
        )
        return [] if ok else [f"{path}: expected {kind}, got {type(value).__name__}"]
    if kind.startswith("Array of "):
        if not isinstance(value, list):
            return [f"{path}: expected {kind}"]
        inner = kind.removeprefix("Array of ")
        return [
            p for i, item in enumerate(value) for p in _check_kind(inner, item, f"{path}[{i}]")
        ]
    definition = spec()["types"].get(kind)
    if definition is None:
        return []  # InputFile and the like never come back
    if not isinstance(value, dict):
        return [f"{path}: expected {kind} object"]
    if definition.get("subtypes"):
        return _check_as(list(definition["subtypes"]), value, path)
    fields = {f["name"]: f for f in definition.get("fields", [])}
    problems = [f"{path}.{name}: not a field of {kind}" for name in value if name not in fields]
    for name, field in fields.items():
        if name not in value:
            if field["required"]:
                problems.append(f"{path}.{name}: required in {kind} but missing")
            continue
        problems.extend(_check_as(field["types"], value[name], f"{path}.{name}"))
    return problems
