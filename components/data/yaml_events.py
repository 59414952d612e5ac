"""The reader's fast path: one pass over libyaml's events, building the data as they come.

PyYAML's own parser is pure Python and reads the benchmark's multi-megabyte file about ten
times slower than libyaml, its C parser. libyaml reads nearly every text the same way, but
not all: where it may read a text differently from PyYAML, or fails with an error worded its
own way, `read` returns None and yaml_reader reads the text with PyYAML (the safe path).
tests/test_yaml_reader_properties.py checks on generated texts that both paths agree.

Recording the (line, col) of every value costs as much as building the data, and a clean
file never needs one: `read` leaves marks out unless asked (`marks=True`), and yaml_reader
asks the first time a problem has to be located. Findings are (line, col, kind, args), and
yaml_reader words them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_PARSER = getattr(yaml, "CSafeLoader", None)  # None when PyYAML was built without libyaml
STR_TAG = "tag:yaml.org,2002:str"  # PyYAML's tag of a string (yaml_rapid.py too)
_QUOTED = ("'", '"')  # the styles of quoted scalars: strings, nothing to check
_SCALAR, _ALIAS, _MAP, _MAP_END, _SEQ_END = (
    yaml.ScalarEvent,
    yaml.AliasEvent,
    yaml.MappingStartEvent,
    yaml.MappingEndEvent,
    yaml.SequenceEndEvent,
)
# Where libyaml and PyYAML part ways, found by differential testing (tests/test_yaml_reader_properties.py
# keeps an example of each): libyaml accepts tabs where PyYAML refuses them ('a: 1\t# note'), a BOM
# that is not the first character, and tags PyYAML refuses as syntax ("!'!"; a custom tag is
# refused anyway, so PyYAML says which); see libyaml_differs for the rest.
DIFFERENT_TEXT = ("\t", "\ufeff")
FLOW_INDICATORS = re.compile(r"[,?\[\]{}]")  # flow style ends a plain scalar at these
_BLOCK_HEADER = re.compile(r"[|>](?:[+-][1-9]?|[1-9][+-]?)?(?:[ \r\n\x85\u2028\u2029]|\Z)")


def libyaml_differs(event, flow: bool, text: str) -> bool:
    """Whether PyYAML may read this scalar otherwise: then the text is left to it.

    In flow style ([...], {...}) libyaml accepts ',?[]{}' inside a plain scalar ('{a: b?c}')
    and places an empty value at the next token, not after its ':' ('{a: , b: 1}'), as it
    does at the end of a text with no last line break ('? '); it accepts text right after a
    block scalar's '|' or '>' ('a: |#c'). An empty scalar tagged '!' is a null to PyYAML and
    a string to libyaml ('a: !').
    """
    if event.tag == "!" and not event.value:
        return True
    if not event.style:  # plain
        if not event.value:
            return flow or event.start_mark.index >= len(text)
        return flow and FLOW_INDICATORS.search(event.value) is not None
    return event.style in "|>" and not _BLOCK_HEADER.match(text, event.start_mark.index)


@dataclass
class Reading:
    """What one pass over a text found: its data, where its values are, and what is wrong."""

    data: object = None
    root: tuple[int, int] | None = None  # (line, col) of the top-level value; None: the text holds none
    marks: dict | None = field(default_factory=dict)  # path -> (line, col) of each value; None: not recorded
    key_marks: dict | None = field(default_factory=dict)  # path -> (line, col) of each mapping key
    refused: list = field(default_factory=list)  # aliases, anchors, tags, deep nesting: the data is not used
    problems: list = field(default_factory=list)  # duplicate or collection keys, invalid values


class _Decline(Exception):
    """This text is for PyYAML to read."""


class _Stop(Exception):
    """Enough is refused: the rest of the text is not read."""


class _NeedMarks(Exception):
    """A duplicate key's message names the line of the first one."""


def read(text: str, *, max_depth: int, max_refused: int, plain_tags: frozenset, marks: bool = False) -> Reading | None:
    """Read `text` with libyaml, refusing what yaml_reader refuses; None if PyYAML must read it."""
    if _PARSER is None or any(char in text for char in DIFFERENT_TEXT):
        return None
    parser = _PARSER(text)
    try:
        return _Pass(text, parser, max_depth, max_refused, plain_tags, marks).run()
    except (_Decline, yaml.YAMLError):
        return None
    except _NeedMarks:
        return read(text, max_depth=max_depth, max_refused=max_refused, plain_tags=plain_tags, marks=True)
    finally:
        parser.dispose()


class _Pass:
    def __init__(self, text: str, parser, max_depth: int, max_refused: int, plain_tags: frozenset, marks: bool):
        self.text, self.next = text, parser.get_event
        self.max_depth, self.max_refused, self.plain_tags = max_depth, max_refused, plain_tags
        self.reading = Reading(marks={} if marks else None, key_marks={} if marks else None)
        self.marks, self.key_marks = self.reading.marks, self.reading.key_marks
        self.refused, self.problems = self.reading.refused, self.reading.problems
        self.scalars = yaml.SafeLoader("")  # resolves and constructs scalars exactly as PyYAML does
        self.plain: dict[str, object] = {}  # text -> value of plain scalars read before, checked and valid

    def run(self) -> Reading:
        reading = self.reading
        self.next()  # the stream starts
        if type(self.next()) is yaml.StreamEndEvent:
            return reading  # comments only
        event = self.next()  # the document has started: this is its top-level value
        reading.root = (event.start_mark.line + 1, event.start_mark.column + 1)
        try:
            reading.data = self.value(event, None if self.marks is None else (), 0, False)
        except _Stop:
            return reading
        self.next()  # the document ends
        if type(self.next()) is not yaml.StreamEndEvent:
            raise _Decline  # a second document: PyYAML says what is wrong, and where
        return reading

    def value(self, event, path: tuple | None, depth: int, flow: bool):
        """The value that starts with `event`, built; `path` is where it is (None: marks are not recorded)."""
        kind = type(event)
        if kind is _SCALAR:
            value = self.scalar(event, depth, flow)
        elif kind is _ALIAS:
            self.check(event, depth, flow)  # refused
            return None
        else:  # a collection: one level deeper
            self.check(event, depth + 1, flow)
            build = self.mapping if kind is _MAP else self.sequence
            value = build(path, depth + 1, event.flow_style)
        if path is not None:
            self.marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        return value

    def sequence(self, path: tuple | None, depth: int, flow: bool) -> list:
        items: list = []
        next_event, value = self.next, self.value
        while type(event := next_event()) is not _SEQ_END:
            items.append(value(event, None if path is None else (*path, len(items)), depth, flow))
        return items

    def mapping(self, path: tuple | None, depth: int, flow: bool) -> dict:
        result: dict = {}
        next_event, value = self.next, self.value
        while type(event := next_event()) is not _MAP_END:
            if type(event) is not _SCALAR:  # a collection or an alias as a key
                self.skip(event, depth, flow)
                self.finding(event, "complex-key")
                self.skip(next_event(), depth, flow)  # nor is its value built
                continue
            key = self.scalar(event, depth, flow)
            if not isinstance(key, (str, int)):
                key = event.value
            key_path = None if path is None else (*path, key)
            if key in result:
                if path is None:
                    raise _NeedMarks
                self.finding(event, "duplicate-key", key, self.key_marks[key_path][0])
                self.skip(next_event(), depth, flow)  # the first value is kept
                continue
            if path is not None:
                self.key_marks[key_path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            result[key] = value(next_event(), key_path, depth, flow)
        return result

    def skip(self, event, depth: int, flow: bool) -> None:
        """Read past a value that is not built, still refusing what is refused."""
        flows: list[bool] = []
        while True:
            kind = type(event)
            if kind is _MAP or kind is yaml.SequenceStartEvent:
                self.check(event, depth + len(flows) + 1, flows[-1] if flows else flow)
                flows.append(event.flow_style)
            elif kind is _MAP_END or kind is _SEQ_END:
                flows.pop()
            else:
                self.check(event, depth + len(flows), flows[-1] if flows else flow)
            if not flows:
                return
            event = self.next()

    def check(self, event, depth: int, flow: bool) -> None:
        """Refuse aliases, anchors, custom tags and deep nesting; decline where PyYAML may read otherwise.

        `depth` counts the collections open around the event, itself included.
        """
        if type(event) is _ALIAS:
            self.refuse(event, "yaml-alias", event.anchor)
        else:
            if event.anchor is not None:
                self.refuse(event, "yaml-anchor", event.anchor)
            if event.tag is not None and event.tag not in self.plain_tags and event.tag not in ("!", "?"):
                raise _Decline  # refused either way; PyYAML says whether as a tag or as a syntax error
            if type(event) is _SCALAR:
                if libyaml_differs(event, flow, self.text):
                    raise _Decline
            elif depth > self.max_depth:
                self.refuse(event, "nesting-depth")
                raise _Stop
        if len(self.refused) >= self.max_refused:
            raise _Stop

    def refuse(self, event, kind: str, *args) -> None:
        self.refused.append((event.start_mark.line + 1, event.start_mark.column + 1, kind, args))

    def finding(self, event, kind: str, *args) -> None:
        self.problems.append((event.start_mark.line + 1, event.start_mark.column + 1, kind, args))

    def scalar(self, event, depth: int, flow: bool):
        """The scalar's value as PyYAML's safe loader makes it, once checked."""
        text = event.value
        if event.anchor is None and event.tag is None:  # the common cases first: nothing to check
            if event.style in _QUOTED:
                return text
            if not event.style and text in self.plain:
                return self.plain[text]
        self.check(event, depth, flow)
        if self.refused:
            return text  # the data will not be used
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return text  # quoted: a string
            tag = self.scalars.resolve(yaml.ScalarNode, text, event.implicit)
        if tag == STR_TAG:
            value = text
        else:
            node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, style=event.style)
            try:
                value = self.scalars.construct_object(node, deep=True)
            except yaml.MarkedYAMLError:
                raise _Decline from None  # its message quotes the text around the mark, which libyaml's marks lack
            except (ValueError, LookupError, yaml.YAMLError) as err:  # e.g. 2021-02-30, '!!bool maybe'
                self.finding(event, "invalid-value", text, tag, err)
                return text
            except Exception:  # noqa: BLE001 - a constructor's own bug: PyYAML's path raises it where it did
                raise _Decline from None
        if not event.style and event.tag is None and event.anchor is None and text and not FLOW_INDICATORS.search(text):
            self.plain[text] = value  # ids, numbers and dates repeat; all are immutable, so shared
        return value
