"""The safe YAML reader: marks for every value, and hostile or broken input refused with a location.

Timings are CPU time (time.process_time), which a busy machine does not inflate as it does wall time.
"""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock

from components.data import yaml_events
from components.data.yaml_reader import MAX_BYTES, MAX_DEPTH, read_fast, read_safe, read_yaml


def read(text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return read_yaml(raw, "t.yaml")


def located(problems) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in problems]


def test_marks_record_line_and_column_of_values_and_keys():
    doc, problems = read("version: 1\nitems:\n  - name: a\n    value: 2\n  - {name: b, value: 3}\n")
    assert problems == []
    assert doc.data == {"version": 1, "items": [{"name": "a", "value": 2}, {"name": "b", "value": 3}]}
    assert doc.locate(("items", 0, "value")) == (4, 12)
    assert doc.locate(("items", 0, "value"), key=True) == (4, 5)
    assert doc.locate(("items", 1, "value")) == (5, 22)
    assert doc.locate(("items", 1)) == (5, 5)


def test_the_fast_path_works_marks_out_only_when_one_is_needed():
    text = "version: 1\nitems:\n  - {name: a, value: 2}\n"
    with mock.patch.object(yaml_events, "read", wraps=yaml_events.read) as passes:
        doc, problems = read_fast(text, "t.yaml")
        assert problems == []
        assert doc.data == {"version": 1, "items": [{"name": "a", "value": 2}]}
        assert [call.kwargs.get("marks", False) for call in passes.call_args_list] == [False]
        assert doc.locate(("items", 0, "value")) == (3, 22)
        assert doc.locate(("items", 0, "value"), key=True) == (3, 15)
        assert [call.kwargs.get("marks", False) for call in passes.call_args_list] == [False, True]
    safe, _ = read_safe(text, "t.yaml")
    assert (doc.marks, doc.key_marks) == (safe.marks, safe.key_marks)


def test_a_duplicate_key_read_by_the_fast_path_names_the_first_line():
    doc, problems = read_fast("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert located(problems) == [(3, 1, "duplicate key 'a' (first defined on line 1)")]
    assert doc.data == {"a": 1, "b": 2}


def test_locate_falls_back_to_the_closest_ancestor():
    doc, _ = read("a:\n  b: 1\n")
    assert doc.locate(("a", "missing", 3)) == (2, 3)
    assert doc.locate(("nowhere",)) == (1, 1)


def test_problem_carries_file_line_and_column():
    doc, _ = read("a:\n  b: 1\n")
    assert str(doc.problem(("a", "b"), "bad")) == "t.yaml:2:6: bad"


def test_every_duplicate_key_is_reported_with_the_first_line():
    doc, problems = read("a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n")
    assert located(problems) == [
        (3, 1, "duplicate key 'a' (first defined on line 1)"),
        (6, 3, "duplicate key 'x' (first defined on line 5)"),
    ]
    assert doc.data["a"] == 1  # the first value is kept, never silently the last


def test_aliases_and_anchors_are_refused_before_anything_is_built():
    doc, problems = read("a: &x [1, 2]\nb: *x\n")
    assert doc.data is None
    assert located(problems) == [
        (1, 4, "YAML anchor '&x' is not allowed"),
        (2, 4, "YAML alias '*x' is not allowed: write the value out"),
    ]


def test_billion_laughs_is_refused_fast_with_a_located_message():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.process_time()
    doc, problems = read("\n".join(lines) + "\n")
    assert time.process_time() - start < 1.0
    assert doc.data is None
    assert (problems[0].line, problems[0].col) == (1, 4)
    assert "anchor '&a' is not allowed" in problems[0].message
    assert any("alias '*a' is not allowed" in p.message and p.line == 2 for p in problems)
    assert len(problems) <= 21  # capped: a hostile file does not get a hostile report


def test_a_flood_of_aliases_is_cut_short():
    start = time.process_time()
    doc, problems = read("a: &a x\nb: [" + "*a, " * 200_000 + "*a]\n")
    assert time.process_time() - start < 1.0
    assert doc.data is None
    assert len(problems) == 20
    assert (problems[1].line, problems[1].col, problems[1].message) == (
        2,
        5,
        "YAML alias '*a' is not allowed: write the value out",
    )


def test_deep_nesting_is_refused_at_the_first_level_past_the_limit():
    start = time.process_time()
    doc, problems = read("[" * 20_000 + "]" * 20_000)
    assert time.process_time() - start < 1.0
    assert doc.data is None
    assert located(problems) == [(1, MAX_DEPTH + 1, f"nesting deeper than {MAX_DEPTH} levels is not allowed")]


def test_nesting_at_the_limit_is_read():
    inner = MAX_DEPTH - 1  # the top-level mapping is the first level
    doc, problems = read("a: " + "[" * inner + "]" * inner)
    assert problems == []
    assert doc.data is not None
    _, problems = read("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert [p.message for p in problems] == [f"nesting deeper than {MAX_DEPTH} levels is not allowed"]


def test_python_tags_are_refused_not_obeyed():
    doc, problems = read('a: !!python/object/apply:os.system ["echo pwned"]\n')
    assert doc.data is None
    assert located(problems) == [
        (1, 4, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: only plain data is read")
    ]


def test_non_plain_tags_are_refused():
    for text, tag in (("a: !!binary aGVsbG8=\n", "tag:yaml.org,2002:binary"), ("a: !custom 1\n", "!custom")):
        _, problems = read(text)
        assert [p.message for p in problems] == [f"YAML tag '{tag}' is not allowed: only plain data is read"]


def test_explicit_plain_tags_are_read():
    doc, problems = read("a: !!str 12\nb: !!int '3'\n")
    assert problems == []
    assert doc.data == {"a": "12", "b": 3}


def test_oversized_input_is_refused_by_size_alone():
    _, problems = read(b"a" * (MAX_BYTES + 1))
    assert located(problems) == [(1, 1, f"file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} bytes")]


def test_bytes_that_are_not_utf8_are_located():
    _, problems = read(b"a: 1\nb: caf\xe9\n")
    assert located(problems) == [(2, 7, "file is not UTF-8 text (byte 0xe9)")]


def test_a_utf8_bom_is_skipped():
    doc, problems = read("\ufeffa: 1\n".encode())
    assert problems == []
    assert doc.data == {"a": 1}
    assert doc.locate(("a",)) == (1, 4)


def test_control_characters_are_located_not_put_at_the_top():
    _, problems = read("a: 1\nb: x\x07y\n")
    assert located(problems) == [(2, 5, "character #x0007 is not allowed in YAML: special characters are not allowed")]


def test_syntax_error_names_the_line_where_the_unclosed_bracket_opened():
    _, problems = read("a: 1\nb: {x: 1\nc: 2\n")
    assert len(problems) == 1
    assert problems[0].line == 3
    assert problems[0].message.startswith("YAML syntax error: while parsing a flow mapping (from line 2)")


def test_tab_indentation_is_a_located_syntax_error():
    _, problems = read("a:\n  b: 1\n\tc: 2\n")
    assert located(problems) == [
        (3, 1, "YAML syntax error: while scanning for the next token found character '\\t' that cannot start any token")
    ]


def test_impossible_dates_are_reported_and_the_rest_is_still_read():
    doc, problems = read("when: 2021-02-30\nok: 2021-02-28\n")
    assert located(problems) == [(1, 7, "'2021-02-30' is not a valid value: day is out of range for month")]
    assert doc.data == {"when": "2021-02-30", "ok": dt.date(2021, 2, 28)}


def test_explicit_tags_with_impossible_values_are_located_not_raised():
    doc, problems = read("a: !!bool maybe\nb: !!int ''\nc: !!float x\nd: !!bool\n")
    assert located(problems) == [
        (1, 4, "'maybe' is not a valid value: the tag asks for !!bool"),
        (2, 4, "'' is not a valid value: the tag asks for !!int"),
        (3, 4, "'x' is not a valid value: could not convert string to float: 'x'"),
        (4, 4, "'' is not a valid value: the tag asks for !!bool"),
    ]
    assert doc.data == {"a": "maybe", "b": "", "c": "x", "d": ""}


def test_collection_keys_are_refused():
    doc, problems = read("? [a, b]\n: c\nd: 1\n")
    assert located(problems) == [(1, 3, "mapping keys must be plain scalars")]
    assert doc.data == {"d": 1}


def test_empty_and_blank_files_are_refused():
    for raw in (b"", b"  \n\n", "\ufeff".encode()):
        doc, problems = read(raw)
        assert doc.data is None
        assert located(problems) == [(1, 1, "file is empty: expected a mapping with version, scale, countries, ...")]


def test_a_comment_only_file_holds_no_data():
    _, problems = read("# nothing here\n")
    assert [p.message for p in problems] == [
        "file holds no data: expected a mapping with version, scale, countries, ..."
    ]


def test_top_level_list_or_scalar_is_refused_at_its_position():
    for text in ("\n- a\n- b\n", "\njust words\n"):
        doc, problems = read(text)
        assert doc.data is None
        assert located(problems) == [(2, 1, "the top level must be a mapping (version, title, scale, ...)")]
