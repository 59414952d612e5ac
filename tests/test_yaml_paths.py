"""Known texts on the reader's three paths: the data files, what each path refuses, and why each guard is there.

The generated texts are in test_yaml_reader_properties.py; the helpers in yaml_paths.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

import pytest
from yaml_paths import NAME, assert_paths_agree, fast_reading, rapid_data, without

from components.data import yaml_events, yaml_rapid
from components.data.yaml_reader import MAX_DEPTH, read_yaml

REPO = Path(__file__).resolve().parents[1]
FILES = sorted([REPO / "stances.yaml", *(REPO / "tests" / "fixtures").rglob("*.yaml")])


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_the_data_file_and_every_fixture_read_the_same_on_both_paths(path):
    assert_paths_agree(path.read_bytes())


def test_the_real_data_file_is_read_by_the_fast_path():
    assert len(FILES) > 40
    assert fast_reading((REPO / "stances.yaml").read_bytes()) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: [2, 3]\n",  # duplicate keys
        "a: &x [1, 2]\nb: *x\n",  # anchors and aliases
        "a: !!str 12\nb: !!int '3'\nc: ! 12\n",  # plain tags (custom ones are left to PyYAML)
        "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",  # deep nesting
        "when: 2021-02-30\nok: 2021-02-28\nb: !!bool maybe\nc: !!int ''\n",  # impossible values
        "? [a, b]\n: c\nd: 1\n",  # a collection as a key
        "- a\n- b\n",  # a list at the top
        "# only a comment\n",
    ],
)
def test_the_fast_path_answers_what_it_refuses_as_pyyaml_does(text):
    assert assert_paths_agree(text.encode())


@pytest.mark.parametrize(
    ("text", "guard"),
    [
        ("a: 1\t# a tab before a comment\n", "DIFFERENT_TEXT"),
        ("a: [1,\t2]\n", "DIFFERENT_TEXT"),
        ("a: x\n\ufeff\nb: y\n", "DIFFERENT_TEXT"),
        ("{a: b?c}\n", "libyaml_differs"),
        ("{a: , b: 1}\n", "libyaml_differs"),
        ("a: |#c\n  y\n", "libyaml_differs"),
        ("a: 1\n? ", "libyaml_differs"),
        ("a: !\n", "libyaml_differs"),
    ],
)
def test_each_guard_of_the_fast_path_hides_a_real_divergence(text, guard):
    raw = text.encode()
    assert fast_reading(raw) is None  # guarded: PyYAML reads it
    replacement = () if guard == "DIFFERENT_TEXT" else (lambda *args: False)
    with mock.patch.object(yaml_events, guard, replacement):
        assert fast_reading(raw) is not None
        with pytest.raises(AssertionError):
            assert_paths_agree(raw)  # unguarded, libyaml's answer is not PyYAML's


def test_the_real_data_file_is_read_by_the_rapid_path():
    assert rapid_data((REPO / "stances.yaml").read_bytes()) is not None


def test_the_rapid_walk_declines_a_tree_not_numbered_in_document_order():
    """The walk steps from node to node by number; a container whose last child is not the one it
    reached would have been read wrongly, so the text is left to the other paths."""
    raw = b"a:\n  b: [1, 2]\n  c: d\ne: f\n"
    assert rapid_data(raw) == {"a": {"b": [1, 2], "c": "d"}, "e": "f"}
    with mock.patch.object(yaml_rapid, "_Tree_last_child", lambda tree, node: -1):
        assert rapid_data(raw) is None


NEVER = re.compile(r"(?!)")


@pytest.mark.parametrize(
    ("text", "guard"),
    [
        ("a: 1\t# a tab before a comment\n", "reads_otherwise"),
        ("a\rb: 1\n", "reads_otherwise"),
        ("a: b\x85c\n", "reads_otherwise"),
        ("a: b\u2028c\n", "reads_otherwise"),
        ("a: \x07\n", "reads_otherwise"),
        ("t: >1-\n  \n", "reads_otherwise"),
        ("v:\n v: |\n  0", "reads_otherwise"),  # a block scalar ends a text with no final line break
        ("...\nversion: 1\n", "reads_otherwise"),
        ("%YAML 1.1\nversion: 1\n", "reads_otherwise"),
        ("@: x\n", "_UNSURE_PLAIN"),
        ("]: x\n", "_UNSURE_PLAIN"),
        ("a: {b: c?d}\n", "FLOW_INDICATORS"),
    ],
)
def test_each_guard_of_the_rapid_path_hides_a_real_divergence(text, guard):
    raw = text.encode()
    assert rapid_data(raw) is None  # guarded: the other paths read it
    replacement = (lambda text: False) if guard == "reads_otherwise" else NEVER
    with mock.patch.object(yaml_rapid, guard, replacement):
        unguarded = rapid_data(raw)
    with without("read_rapid", "read_fast"):
        safe = read_yaml(raw, NAME)
    assert unguarded is not None
    assert (unguarded, []) != (safe[0].data, safe[1])  # rapidyaml's answer is not PyYAML's


@pytest.mark.parametrize("tail", ["", " \u00e9"], ids=["ascii text", "text beyond ascii"])
def test_every_ascii_character_but_newline_and_printables_is_left_to_the_other_paths(tail):
    """reads_otherwise answers an ASCII text by its own table: the same as for any other text."""
    refused = [c for c in map(chr, range(128)) if c != "\n" and not " " <= c <= "~"]
    assert len(refused) == 31 + 1  # the C0 controls but the newline, and DEL
    for char in refused:
        assert yaml_rapid.reads_otherwise(f"a: b{char}c{tail}\n"), repr(char)
    assert not yaml_rapid.reads_otherwise("".join(map(chr, range(32, 127))).replace("...", "") + tail + "\n")


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("# a comment\n%YAML 1.1\n---\na: 1\n", True),  # a directive after the first line
        ("a: 1\n---\nb: 100%\n", False),  # '%' inside a document, not a directive
        ("a: |\n  x\nb: c > d\n", False),  # '|' and '>' without an explicit indentation
        ("a: |2\n   x\n", True),
    ],
)
def test_directives_and_explicit_indentation_are_found_anywhere_they_count(text, left):
    assert yaml_rapid.reads_otherwise(text) is left


def test_rapidyaml_parse_errors_stay_off_stderr_and_other_output_passes(capfd):
    doc, problems = read_yaml(b"a: [1, 2\nb: 1\n", NAME)  # rapidyaml fails, PyYAML words it
    assert [(p.line, p.code) for p in problems] == [(2, "yaml-syntax")]
    assert capfd.readouterr().err == ""

    real_parse = yaml_rapid.ryml.parse_in_arena

    def parse_beside_another_writer(raw):
        os.write(2, b"another thread's log line\n")
        return real_parse(raw)

    with mock.patch.object(yaml_rapid.ryml, "parse_in_arena", parse_beside_another_writer):
        assert rapid_data(b"a: [1, 2\n") is None
    assert capfd.readouterr().err == "another thread's log line\n"
