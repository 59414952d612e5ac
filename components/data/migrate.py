"""Upgrade a schema-version-1 stances.yaml to version 2, losing nothing.

Version 2 adds who speaks to every quote (`speaker`, `voice`, `said_on`) and `acting` to
governments. A version-1 file cannot know who speaks, so the upgrade writes `speaker: null` and
`voice: null` into each evidence item for the curator to fill in, and bumps `version`. It edits
the text in place, so comments, ordering and quoting survive; only those lines change.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from components.data.schema import SCHEMA_VERSION
from components.data.yaml_reader import read_yaml

NEW_FIELDS = ("speaker", "voice")


@dataclass(frozen=True)
class Migration:
    text: str | None  # the version-2 text, or None when the file cannot be migrated
    message: str  # what happened, in a curator's words


def _value_of(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _line_end(text: str, index: int) -> int:
    """The index just past the line that holds `index` (the start of the next line)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _evidence_edits(text: str, item: yaml.MappingNode) -> list[tuple[int, str]]:
    present = {k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode)}
    missing = [name for name in NEW_FIELDS if name not in present]
    if not missing or not item.value:
        return []
    if item.flow_style:  # {source: x, quote: "..."} -> insert before the closing brace
        close = text.rindex("}", 0, item.end_mark.index)
        return [(close, "".join(f", {name}: null" for name in missing))]
    indent = " " * item.value[0][0].start_mark.column
    at = _line_end(text, item.value[-1][1].end_mark.index)
    lines = "".join(f"{indent}{name}: null\n" for name in missing)
    return [(at, lines if at == 0 or text[at - 1] == "\n" else "\n" + lines)]


def migrate_text(raw: bytes, name: str) -> Migration:
    """The version-2 form of a version-1 file's bytes."""
    doc, problems = read_yaml(raw, name)
    if doc.data is None or problems:
        first = problems[0] if problems else None
        return Migration(None, f"{first}" if first else f"{name}: not a YAML mapping")
    version = doc.data.get("version") if isinstance(doc.data, dict) else None
    if version == SCHEMA_VERSION:
        return Migration(None, f"{name}: already schema version {SCHEMA_VERSION}; nothing to do")
    if version != 1:
        return Migration(None, f"{name}: can only migrate schema version 1 (got {version!r})")
    text = raw.decode("utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    version_node = _value_of(root, "version")
    edits = [(version_node.start_mark.index, version_node.end_mark.index, str(SCHEMA_VERSION))]
    positions = _value_of(root, "positions")
    for position in positions.value if isinstance(positions, yaml.SequenceNode) else []:
        evidence = _value_of(position, "evidence") if isinstance(position, yaml.MappingNode) else None
        for item in evidence.value if isinstance(evidence, yaml.SequenceNode) else []:
            if isinstance(item, yaml.MappingNode):
                edits += [(at, at, inserted) for at, inserted in _evidence_edits(text, item)]
    for start, end, inserted in sorted(edits, reverse=True):
        text = text[:start] + inserted + text[end:]
    count = len(edits) - 1
    return Migration(
        text,
        f"{name}: migrated to schema version {SCHEMA_VERSION}; {count} evidence items gained speaker/voice (null: fill them in)",
    )
