"""What the reader's tests share: reading one text on each of read_yaml's three paths.

read_yaml tries yaml_rapid (rapidyaml, clean texts only), then yaml_events (libyaml's
events), then PyYAML's own parser; `assert_paths_agree` switches the first ones off in turn
and checks that every answer is the same, types, marks and problems included.
"""

from __future__ import annotations

from unittest import mock

from components.data import yaml_events, yaml_rapid, yaml_reader
from components.data.yaml_reader import MAX_DEPTH, read_yaml

NAME = "gen.yaml"


def canonical(value):
    """`value` with its types spelt out, dicts in their order, and NaN equal to itself."""
    if isinstance(value, dict):
        return ("dict", [(canonical(k), canonical(v)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [canonical(v) for v in value])
    return (type(value).__name__, repr(value))


def outcome(result) -> dict:
    doc, problems = result
    return {
        "data": canonical(doc.data),
        "problems": [(p.line, p.col, p.code, p.message) for p in problems],
        "marks": sorted((repr(canonical(path)), mark) for path, mark in doc.marks.items()),
        "key_marks": sorted((repr(canonical(path)), mark) for path, mark in doc.key_marks.items()),
    }


def without(*paths: str):
    """read_yaml with the named paths ("read_rapid", "read_fast") switched off."""
    return mock.patch.multiple(yaml_reader, **{path: lambda text, name: None for path in paths})


def _text(raw: bytes) -> str | None:
    """The text read_yaml hands to its paths, or None where it stops before them."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if len(raw) > yaml_reader.MAX_BYTES or not text.strip() else text


def fast_reading(raw: bytes, **options):
    """The events path's own Reading of `raw`, or None where it declines (or read_yaml stops before it)."""
    text = _text(raw)
    return None if text is None else yaml_events.read(text, **yaml_reader._LIMITS, **options)


def rapid_data(raw: bytes):
    """The rapid path's data for `raw`, or None where it declines."""
    text = _text(raw)
    return None if text is None else yaml_rapid.read(text, max_depth=MAX_DEPTH)


def assert_paths_agree(raw: bytes) -> bool:
    """All three paths give the same answer; True if the events path gave one."""
    with without("read_rapid", "read_fast"):
        safe = outcome(read_yaml(raw, NAME))
    with without("read_rapid"):
        assert outcome(read_yaml(raw, NAME)) == safe
    assert outcome(read_yaml(raw, NAME)) == safe
    if rapid_data(raw) is not None:  # it answers only clean texts
        assert safe["problems"] == []
    reading = fast_reading(raw)
    if reading is not None:  # and recording marks changes nothing else
        marked = fast_reading(raw, marks=True)
        assert [canonical(marked.data), repr(marked.refused), repr(marked.problems)] == [
            canonical(reading.data),
            repr(reading.refused),
            repr(reading.problems),
        ]
    return reading is not None
