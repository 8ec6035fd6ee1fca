"""Where a value stands in a YAML file, so that a refusal can name its line."""

from __future__ import annotations

import yaml

Path = tuple[str | int, ...]


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

    root = yaml.compose(text)
    if root is not None:
        walk(root, ())
    return lines


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of `path`, or of its nearest ancestor that exists (a missing field's parent)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
