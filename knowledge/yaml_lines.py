"""Reading YAML, fast, and where a value stands in it, so that a refusal can name its line."""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]

# PyYAML's LibYAML loaders when it was built with them (the wheels are): the same documents,
# about ten times faster to read (the sample knowledge base is read each time a desk is built).
_FAST_SAFE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """`yaml.safe_load` of `text`, read by LibYAML when present. A fault raises the
    yaml.YAMLError the pure-Python reader raises (its wording, its `problem_mark`), so that
    refusals read the same on every install."""
    try:
        return yaml.load(text, Loader=_FAST_SAFE)  # a safe loader
    except yaml.YAMLError:
        return yaml.safe_load(text)


def line_index(text: str) -> dict[Path, int]:
    """Map each YAML path (keys and list positions) to the 1-based line its value starts on."""
    lines: dict[Path, int] = {}

    def walk(node: yaml.Node, path: Path) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=_FAST_SAFE)
    if root is not None:
        walk(root, ())
    return lines


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of `path`, or of its nearest ancestor that exists (a missing field's parent)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
