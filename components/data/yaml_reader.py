"""Safe YAML reading that remembers where every value came from.

Plain `yaml.safe_load` forgets line numbers, keeps the last of two duplicate keys and
expands aliases however large the result. This reader refuses all of that up front, so a
hand-edited file gets one clear, located message per problem and never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from components.data.problems import Problem

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


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, when PyYAML was built with it
# libyaml accepts tabs where PyYAML refuses them and counts columns past a stray BOM
# differently: a file with either is read by PyYAML alone, so every file reads the same.
_SLOW_ONLY = ("\t", "\ufeff")
_FLOW_INDICATORS = re.compile(r"[,?\[\]{}]")
_BLOCK_HEADER = re.compile(r"[|>](?:[+-][1-9]?|[1-9][+-]?)?(?:[ \r\n\x85\u2028\u2029]|\Z)")
_STR_TAG = "tag:yaml.org,2002:str"
_KEY = object()  # a mapping frame waiting for its next key
_SKIP = object()  # a mapping frame whose next value is not built (its key was refused)


class _RetrySlow(Exception):
    """libyaml's marks carry no text snippet, so an error quoting one is re-read by PyYAML."""


class _Reader:
    """One pass over the parser's events: refuse what is not plain data, and build the rest.

    Refused (before anything is used): aliases, anchors, custom tags, deep nesting. Built:
    plain data with the (line, col) of every value and key, keeping the first of duplicate
    keys. One pass over events, with no node tree, is what keeps a multi-megabyte file fast.
    """

    def __init__(self, doc: YamlDocument, text: str, marks_have_text: bool):
        self.doc = doc
        self._text = text
        self.refused: list[Problem] = []
        self.problems: list[Problem] = []
        self.root = None
        self.root_mark = None
        self.extra_document = None  # start of a second document: only one is allowed
        self._marks_have_text = marks_have_text
        self._scalars = yaml.SafeLoader("")
        self._path_resolvers = bool(self._scalars.yaml_path_resolvers)  # none, unless someone adds them
        self._tags: dict[str, str] = {}  # plain scalar text -> resolved tag
        self._values: dict[tuple[str, str], object] = {}  # (tag, text) -> constructed value
        self._stack: list[list] = []  # open containers: [container, path, key state (mappings)]
        self._documents = 0
        self.crash: Exception | None = None  # a constructor's own bug: raised only where it was before

    def read(self, events) -> None:
        """Refuse, then build, event by event: one loop with few calls, as this is the hot path."""
        name, refused, problems = self.doc.name, self.refused, self.problems
        marks, key_marks, stack = self.doc.marks, self.doc.key_marks, self._stack
        scalar_event, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        fast = not self._marks_have_text
        flow: list[bool] = []  # for each open collection: is it in flow style ([...], {...})?
        depth = skipping = 0  # skipping: nesting depth inside a subtree that is not built
        for event in events:
            kind = type(event)
            # Refuse what is not plain data before any of it is used.
            if kind is yaml.AliasEvent:
                refused.append(
                    _at(name, event.start_mark, f"YAML alias '*{event.anchor}' is not allowed: write the value out")
                )
                if len(refused) >= 20:  # aliases count towards the cap too: a flood of them is cut short
                    break
                continue
            opens = kind is map_start or kind is seq_start
            closes = kind in ends
            if kind is scalar_event or opens:
                if event.anchor is not None:
                    refused.append(_at(name, event.start_mark, f"YAML anchor '&{event.anchor}' is not allowed"))
                tag = event.tag
                if tag is not None and tag not in _PLAIN_TAGS and tag not in ("!", "?"):
                    message = f"YAML tag '{tag}' is not allowed: only plain data is read"
                    refused.append(_at(name, event.start_mark, message))
                if opens:
                    if fast:
                        flow.append(event.flow_style)
                    depth += 1
                    if depth > MAX_DEPTH:
                        message = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
                        refused.append(_at(name, event.start_mark, message))
                        break
                elif fast and (not event.style or event.style in "|>"):
                    self._check_fast(event, flow)
                if len(refused) >= 20:
                    break
            elif closes:
                depth -= 1
                if fast:
                    flow.pop()
            elif kind is yaml.DocumentStartEvent:
                self._documents += 1
                if self._documents == 2:
                    self.extra_document = event.start_mark
            # Build: nothing once something is refused (the data is never used), nor a second document.
            if refused or self.extra_document is not None or not (opens or closes or kind is scalar_event):
                continue
            if skipping:
                skipping += 1 if opens else -1 if closes else 0
                continue
            if closes:
                stack.pop()
                continue
            if not stack:  # the root
                path: Path = ()
                target = None
                self.root_mark = event.start_mark
            else:
                frame = stack[-1]
                target, parent, key = frame
                if key is None:  # a sequence item
                    path = parent + (len(target),)
                elif key is _SKIP:  # the value of a refused or duplicate key: not built
                    frame[2] = _KEY
                    skipping = 1 if opens else 0
                    continue
                elif key is not _KEY:  # the value of `key`
                    frame[2] = _KEY
                    path = parent + (key,)
                else:  # a key
                    frame[2] = _SKIP
                    if opens:
                        problems.append(_at(name, event.start_mark, "mapping keys must be plain scalars"))
                        skipping = 1
                        continue
                    key = self._scalar(event)
                    if not isinstance(key, (str, int)):
                        key = str(event.value)
                    path = parent + (key,)
                    if key in target:
                        message = f"duplicate key '{key}' (first defined on line {key_marks[path][0]})"
                        problems.append(_at(name, event.start_mark, message))
                        continue
                    mark = event.start_mark
                    key_marks[path] = (mark.line + 1, mark.column + 1)
                    frame[2] = key
                    continue
            mark = event.start_mark
            marks[path] = (mark.line + 1, mark.column + 1)
            if opens:
                value = {} if kind is map_start else []
                stack.append([value, path, _KEY if kind is map_start else None])
            else:
                value = self._scalar(event)
            if target is None:
                self.root = value
            elif type(target) is list:
                target.append(value)
            else:
                target[path[-1]] = value

    def _check_fast(self, event, flow: list[bool]) -> None:
        """Hand the file to PyYAML where libyaml reads it differently (found by differential fuzzing).

        libyaml accepts ',?[]{}' inside a plain scalar in flow style and text right after a
        block scalar's '|' or '>', both of which PyYAML refuses, and it places an empty value
        on the next line rather than after its key. Called for plain and block scalars only.
        """
        if not event.style:  # plain: libyaml says "", PyYAML None
            if not event.value or (flow and flow[-1] and _FLOW_INDICATORS.search(event.value)):
                raise _RetrySlow
        elif not _BLOCK_HEADER.match(self._text, event.start_mark.index):
            raise _RetrySlow

    def _scalar(self, event):
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0] and not self._path_resolvers:
                return value  # a quoted scalar: resolve() gives str and the str constructor the text
            # Resolving depends on the text alone: keys, ids and dates repeat thousands of times.
            tag = self._tags.get(value) or self._tags.setdefault(
                value, self._scalars.resolve(yaml.ScalarNode, value, event.implicit)
            )
        if tag == _STR_TAG:
            return value  # what the str constructor returns, without building a node
        if (tag, value) in self._values:  # ints, dates, booleans, nulls: immutable, so shared
            return self._values[tag, value]
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
        try:
            result = self._values[tag, value] = self._scalars.construct_object(node, deep=True)
            return result
        except (ValueError, LookupError, yaml.YAMLError) as err:  # LookupError: '!!bool maybe', "!!int ''"
            if isinstance(err, yaml.MarkedYAMLError) and not self._marks_have_text:
                raise _RetrySlow from None
            # e.g. 2021-02-30 matches the date pattern but is no real date
            detail = f"the tag asks for !!{tag.rsplit(':', 1)[-1]}" if isinstance(err, LookupError) else err
            self.problems.append(
                _at(self.doc.name, event.start_mark, f"'{event.value}' is not a valid value: {detail}")
            )
            return event.value
        except Exception as err:  # noqa: BLE001 - e.g. KeyError for '!!bool maybe': kept, but raised last
            self.crash = self.crash or err
            return event.value


def read_yaml(raw: bytes, name: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse `raw` safely. Returns the document and its problems; data is None if unreadable."""
    text, problem = _decode(raw, name)
    if problem:
        return YamlDocument(name), [problem]
    if _FAST_LOADER is not None and not any(char in text for char in _SLOW_ONLY):
        try:
            return _read(text, name, _FAST_LOADER)
        except (yaml.YAMLError, _RetrySlow):
            pass  # libyaml words errors its own way: PyYAML reads the file again for the curator's message
    try:
        return _read(text, name, yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        context = err.context
        if context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
            context += f" (from line {err.context_mark.line + 1})"  # e.g. where an unclosed '{' opened
        message = " ".join(part for part in (context, err.problem) if part) or "invalid YAML"
        return YamlDocument(name), [_at(name, err.problem_mark or err.context_mark, f"YAML syntax error: {message}")]
    except yaml.reader.ReaderError as err:  # e.g. a control character: unmarked, but its offset is known
        line = text.count("\n", 0, err.position) + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        code = err.character if isinstance(err.character, int) else ord(err.character)
        return YamlDocument(name), [
            Problem(name, line, col, f"character #x{code:04x} is not allowed in YAML: {err.reason}")
        ]
    except yaml.YAMLError as err:  # any other unmarked error
        return YamlDocument(name), [Problem(name, 1, 1, f"YAML error: {err}")]


def _read(text: str, name: str, loader) -> tuple[YamlDocument, list[Problem]]:
    doc = YamlDocument(name)
    reader = _Reader(doc, text, marks_have_text=loader is yaml.SafeLoader)
    parser = loader(text)
    try:
        reader.read(iter(parser.get_event, None))  # what yaml.parse yields, one call less per event
    finally:
        parser.dispose()
    if reader.refused:
        return YamlDocument(name), reader.refused
    if reader.extra_document is not None:
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            reader.root_mark,
            "but found another document",
            reader.extra_document,
        )
    if reader.root_mark is None:
        return doc, [Problem(name, 1, 1, "file holds no data: expected a mapping with version, scale, countries, ...")]
    if not isinstance(reader.root, dict):
        return YamlDocument(name), [
            _at(name, reader.root_mark, "the top level must be a mapping (version, title, scale, ...)")
        ]
    if reader.crash is not None:
        raise reader.crash  # only now, as before: a syntax error, a refusal or a non-mapping root comes first
    doc.data = reader.root
    return doc, reader.problems
