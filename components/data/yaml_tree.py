"""The reader's safe path: PyYAML's own, pure-Python parser, and the reference for the fast one.

A scan of its events refuses aliases, anchors, custom tags and deep nesting before anything
is built (so an alias bomb costs nothing and the walk below stays shallow); then its node
tree is walked into plain data with the (line, col) of every value and key, keeping the
first of duplicate keys. Slower than yaml_events.py, but every text can be read this way,
and PyYAML's syntax errors are the ones yaml_reader words for the curator.
"""

from __future__ import annotations

import yaml

from components.data.yaml_events import Reading


def read(text: str, *, max_depth: int, max_refused: int, plain_tags: frozenset) -> Reading:
    """Read `text` with PyYAML. Raises yaml.YAMLError where it is not well-formed YAML."""
    refused = []
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            refused.append((*_at(event.start_mark), "yaml-alias", (event.anchor,)))
        elif isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                refused.append((*_at(event.start_mark), "yaml-anchor", (event.anchor,)))
            if event.tag is not None and event.tag not in plain_tags and event.tag not in ("!", "?"):
                refused.append((*_at(event.start_mark), "yaml-tag", (event.tag,)))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                refused.append((*_at(event.start_mark), "nesting-depth", ()))
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(refused) >= max_refused:
            break
    if refused:
        return Reading(refused=refused)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return Reading()
    tree = _Tree()
    return Reading(tree.build(root, ()), _at(root.start_mark), tree.marks, tree.key_marks, [], tree.problems)


def _at(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Tree:
    """Turns a composed node tree into plain data, recording marks, duplicate keys and invalid values."""

    def __init__(self):
        self.marks: dict = {}
        self.key_marks: dict = {}
        self.problems: list = []
        self._scalars = yaml.SafeLoader("")

    def build(self, node, path: tuple):
        self.marks[path] = _at(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node):
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, LookupError, yaml.YAMLError) as err:  # LookupError: '!!bool maybe', "!!int ''"
            self.problems.append((*_at(node.start_mark), "invalid-value", (node.value, node.tag, err)))
            return node.value

    def _mapping(self, node, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append((*_at(key_node.start_mark), "complex-key", ()))
                continue
            key = self._scalar(key_node)
            if not isinstance(key, (str, int)):
                key = str(key_node.value)
            if key in result:
                first_line = self.key_marks[(*path, key)][0]
                self.problems.append((*_at(key_node.start_mark), "duplicate-key", (key, first_line)))
                continue
            self.key_marks[(*path, key)] = _at(key_node.start_mark)
            result[key] = self.build(value_node, (*path, key))
        return result
