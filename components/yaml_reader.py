"""Safe YAML reading that remembers where every value came from.

Plain `yaml.safe_load` forgets line numbers, keeps the last of two duplicate keys and
expands aliases however large the result. This reader refuses all of that up front, so a
hand-edited file gets one clear, located message per problem and never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from components.problems import Problem

MAX_BYTES = 16 * 1024 * 1024  # real data is ~100 KB and the benchmark set a few MB; 50 MB is a mistake
MAX_DEPTH = 32  # the schema nests 5 levels; deep nesting only serves to exhaust the stack
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}

Path = tuple  # a path into the document: ('positions', 3, 'evidence', 0, 'quote')


@dataclass
class YamlDocument:
    """The plain data of a file plus the (line, col) of each value and each mapping key."""

    name: str
    data: object = None
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or its key), else of its closest ancestor."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.name, line, col, message)


def _at(name: str, mark, message: str) -> Problem:
    if mark is None:
        return Problem(name, 1, 1, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


def _decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    if len(raw) > MAX_BYTES:
        return None, Problem(name, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, Problem(name, line, col, f"file is not UTF-8 text (byte 0x{raw[err.start]:02x})")
    if not text.strip():
        return None, Problem(name, 1, 1, "file is empty: expected a mapping with version, scale, countries, ...")
    return text, None


def _scan_events(text: str, name: str) -> list[Problem]:
    """Refuse aliases, anchors, custom tags and deep nesting before anything is built."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                _at(name, event.start_mark, f"YAML alias '*{event.anchor}' is not allowed: write the value out")
            )
            anchor = None  # an alias names an anchor, it sets none; it still counts towards the cap below
        else:
            anchor = getattr(event, "anchor", None)
        if anchor is not None:
            problems.append(_at(name, event.start_mark, f"YAML anchor '&{anchor}' is not allowed"))
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and tag not in ("!", "?"):
            problems.append(_at(name, event.start_mark, f"YAML tag '{tag}' is not allowed: only plain data is read"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(_at(name, event.start_mark, f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
                break
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if len(problems) >= 20:
            break
    return problems


class _Builder:
    """Turns a composed node tree into plain data, recording marks and duplicate keys."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")

    def build(self, node, path: Path):
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node):
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as err:
            # e.g. 2021-02-30 matches the date pattern but is no real date
            self.problems.append(_at(self.doc.name, node.start_mark, f"'{node.value}' is not a valid value: {err}"))
            return node.value

    def _mapping(self, node, path: Path) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(_at(self.doc.name, key_node.start_mark, "mapping keys must be plain scalars"))
                continue
            key = self._scalar(key_node)
            if not isinstance(key, (str, int)):
                key = str(key_node.value)
            if key in result:
                first_line = self.doc.key_marks[path + (key,)][0]
                self.problems.append(
                    _at(
                        self.doc.name,
                        key_node.start_mark,
                        f"duplicate key '{key}' (first defined on line {first_line})",
                    )
                )
                continue
            self.doc.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result


def read_yaml(raw: bytes, name: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse `raw` safely. Returns the document and its problems; data is None if unreadable."""
    doc = YamlDocument(name)
    text, problem = _decode(raw, name)
    if problem:
        return doc, [problem]
    try:
        problems = _scan_events(text, name)
        if problems:
            return doc, problems
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        context = err.context
        if context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
            context += f" (from line {err.context_mark.line + 1})"  # e.g. where an unclosed '{' opened
        message = " ".join(part for part in (context, err.problem) if part) or "invalid YAML"
        return doc, [_at(name, err.problem_mark or err.context_mark, f"YAML syntax error: {message}")]
    except yaml.reader.ReaderError as err:  # e.g. a control character: unmarked, but its offset is known
        line = text.count("\n", 0, err.position) + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        code = err.character if isinstance(err.character, int) else ord(err.character)
        return doc, [Problem(name, line, col, f"character #x{code:04x} is not allowed in YAML: {err.reason}")]
    except yaml.YAMLError as err:  # any other unmarked error
        return doc, [Problem(name, 1, 1, f"YAML error: {err}")]
    if root is None:
        return doc, [Problem(name, 1, 1, "file holds no data: expected a mapping with version, scale, countries, ...")]
    if not isinstance(root, yaml.MappingNode):
        return doc, [_at(name, root.start_mark, "the top level must be a mapping (version, title, scale, ...)")]
    builder = _Builder(doc)
    doc.data = builder.build(root, ())
    return doc, builder.problems
